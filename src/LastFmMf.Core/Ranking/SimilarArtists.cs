using LastFmMf.Training;
using LastFmMf.Scoring;

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
    /// <summary>
    /// The <paramref name="top"/> artists most similar to <paramref name="artist"/> (dense index), best first, among the
    /// artists with at least <paramref name="minListeners"/> training listeners.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="artist">The query artist's dense index.</param>
    /// <param name="top">Neighbours to return, at least 1.</param>
    /// <param name="measure">Dot or Cosine.</param>
    /// <param name="minListeners">Leave out neighbours with fewer training listeners (the model's
    /// <see cref="FactorModel.Listened"/>). An artist heard by one user gets a vector that is little more than a copy of
    /// that user's, so all such artists of one user share a direction and crowd the cosine list with near-ties.
    /// 1 or less keeps every artist; above 1 the model must carry its training listens.</param>
    public static IReadOnlyList<SimilarArtist> Find(FactorModel model, int artist, int top = 10, SimilarityMeasure measure = SimilarityMeasure.Cosine,
        int minListeners = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        if ((uint)artist >= (uint)model.ArtistCount) throw new ArgumentOutOfRangeException(nameof(artist), artist, "Artist index out of range.");
        if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), top, "Top must be at least 1.");
        var scores = new float[model.ArtistCount];
        Scores(model, artist, measure, scores);
        if (minListeners > 1)
        {
            var listened = model.Listened ?? throw new ArgumentException(
                "The model carries no training listens, so it cannot count an artist's listeners; use a minimum of 1.", nameof(minListeners));
            var listeners = listened.ListenerCounts();
            // NaN is what selection skips (as for an undefined cosine).
            for (int b = 0; b < listeners.Length; b++)
                if (listeners[b] < minListeners) scores[b] = float.NaN;
        }
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
