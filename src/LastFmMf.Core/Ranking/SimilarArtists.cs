using LastFmMf.Training;

namespace LastFmMf.Ranking;

/// <summary>How alike two artists' embeddings are.</summary>
public enum SimilarityMeasure
{
    /// <summary>q_a·q_b: favours artists with long vectors (often the popular ones).</summary>
    Dot,
    /// <summary>q_a·q_b / (‖q_a‖‖q_b‖): the angle only; artists with a zero vector have no cosine and are left out.</summary>
    Cosine,
}

/// <summary>One neighbour of a query artist. Flat, for tables and CSV.</summary>
/// <param name="Query">The query artist's name.</param>
/// <param name="Rank">1 for the nearest.</param>
/// <param name="ArtistId">The neighbour's id.</param>
/// <param name="ArtistName">The neighbour's name.</param>
/// <param name="Similarity">The measure's value.</param>
/// <param name="Measure">Dot or Cosine.</param>
/// <param name="Tags">The neighbour's most used tags, joined by "; ".</param>
public sealed record SimilarArtist(string Query, int Rank, int ArtistId, string ArtistName, double Similarity, SimilarityMeasure Measure, string Tags);

/// <summary>Nearest artists in embedding space by partial selection; the query artist is never its own neighbour.</summary>
public static class SimilarArtists
{
    /// <summary>The <paramref name="top"/> artists most similar to <paramref name="artist"/> (dense index), best first.</summary>
    public static IReadOnlyList<SimilarArtist> Find(FactorModel model, int artist, int top = 10, SimilarityMeasure measure = SimilarityMeasure.Cosine)
    {
        ArgumentNullException.ThrowIfNull(model);
        if ((uint)artist >= (uint)model.ArtistCount) throw new ArgumentOutOfRangeException(nameof(artist), artist, "Artist index out of range.");
        if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), top, "Top must be at least 1.");
        var scores = new float[model.ArtistCount];
        Scores(model, artist, measure, scores);
        var best = new int[Math.Min(top, model.ArtistCount)];
        int got = TopN.Select(scores, [artist], best);
        var tags = model.ArtistTopTags;
        var name = model.Artists[artist].Name;
        var rows = new SimilarArtist[got];
        for (int r = 0; r < got; r++)
        {
            int b = best[r];
            rows[r] = new SimilarArtist(name, r + 1, model.Artists[b].Id, model.Artists[b].Name, scores[b], measure,
                tags is null ? "" : string.Join("; ", tags[b]));
        }
        return rows;
    }

    /// <summary>The similarity of every artist to <paramref name="artist"/> (NaN where Cosine is undefined).</summary>
    public static void Scores(FactorModel model, int artist, SimilarityMeasure measure, Span<float> scores)
    {
        var q = model.ArtistVector(artist);
        double nq = Kernels.Norm(q);
        for (int b = 0; b < scores.Length; b++)
        {
            var v = model.ArtistVector(b);
            float dot = Kernels.Dot(q, v);
            if (measure == SimilarityMeasure.Dot) { scores[b] = dot; continue; }
            double nv = Kernels.Norm(v);
            scores[b] = nq == 0 || nv == 0 ? float.NaN : (float)(dot / (nq * nv));
        }
    }
}
