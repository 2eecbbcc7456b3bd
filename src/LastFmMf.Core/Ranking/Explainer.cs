using LastFmMf.Training;
using LastFmMf.Scoring;

namespace LastFmMf.Ranking;

/// <summary>
/// Why an artist is recommended: the artists of the listener's own history that most support it. The support of a
/// listened artist j for a recommended artist a is cos(q_j, q_a) · ln(1 + w_j): how alike the two artists' embeddings
/// are, weighted by the listener's play count w_j of j. The explanation lists the (at most) <c>count</c> listened
/// artists with the highest positive support, highest first (ties to the lower index); artists with a zero embedding
/// give no support.
/// </summary>
public static class Explainer
{
    /// <summary>The dense indices of the supporting artists, best first.</summary>
    public static int[] Supporters(FactorModel model, int recommended, ReadOnlySpan<int> history, ReadOnlySpan<double> plays, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (count <= 0 || history.Length == 0) return [];
        var qa = model.ArtistVector(recommended);
        double na = Kernels.Norm(qa);
        if (na == 0) return [];
        var support = new float[history.Length];
        for (int i = 0; i < history.Length; i++)
        {
            var qj = model.ArtistVector(history[i]);
            double nj = Kernels.Norm(qj);
            double s = nj == 0 ? double.NaN : Kernels.Dot(qj, qa) / (na * nj) * Math.Log(1 + plays[i]);
            support[i] = s > 0 ? (float)s : float.NaN; // NaN: TopN skips it
        }
        var best = new int[Math.Min(count, history.Length)];
        int got = TopN.Select(support, [], best);
        var result = new int[got];
        for (int i = 0; i < got; i++) result[i] = history[best[i]];
        return result;
    }

    /// <summary>"because you listen to A, B, C", or an empty string when nothing supports the artist.</summary>
    public static string Sentence(FactorModel model, IReadOnlyList<int> supporters) =>
        supporters.Count == 0 ? "" : "because you listen to " + string.Join(", ", supporters.Select(j => model.Artists[j].Name));
}
