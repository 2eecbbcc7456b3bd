using LastFmMf.Ranking;
using LastFmMf.Scoring;

namespace LastFmMf.Training;

/// <summary>
/// Fold-in for a Bpr model: with the artist factors q_a and biases b_a fixed, the listener's p minimises the BPR loss a
/// training epoch descends in expectation — F(p) = mean_{i∈L} mean_{j∉L} −ln σ(b_i − b_j + p·(q_i − q_j)) + (λ/2)‖p‖² —
/// over every listened i and every unheard j (no sampling, so the result is deterministic). F is convex; it is minimised
/// by <see cref="Iterations"/> gradient steps of size 1/Lip, Lip = ¼·max‖q_i − q_j‖² + λ, an upper bound of its curvature,
/// from p = 0. Each step costs O(N·(k + |L|)).
/// </summary>
internal static class BprFoldIn
{
    /// <summary>Gradient steps.</summary>
    internal const int Iterations = 100;

    public static FoldedListener Solve(FactorModel model, int[] artists, float[] plays, double lambda)
    {
        int k = model.Factors, n = model.ArtistCount;
        var listened = new bool[n];
        foreach (var a in artists) listened[a] = true;
        int unheard = n - artists.Length;
        var p = new double[k];
        if (unheard == 0 || artists.Length == 0) return new FoldedListener(new float[k], 0, artists, plays);
        double maxNorm = 0;
        for (int a = 0; a < n; a++) maxNorm = Math.Max(maxNorm, Kernels.Norm(model.ArtistVector(a)));
        double step = 1 / (0.25 * 4 * maxNorm * maxNorm + lambda + 1e-12);
        var score = new double[n];
        var weight = new double[n]; // Σ_i g_ij for an unheard j, −Σ_j g_ij for a listened i
        var grad = new double[k];
        double scale = 1.0 / ((double)artists.Length * unheard);
        for (int it = 0; it < Iterations; it++)
        {
            for (int a = 0; a < n; a++)
            {
                var q = model.ArtistVector(a);
                double s = model.UseBiases ? model.ArtistBiasOf(a) : 0;
                for (int f = 0; f < k; f++) s += p[f] * q[f];
                score[a] = s;
            }
            Array.Clear(weight);
            foreach (var i in artists)
            {
                double si = score[i], sum = 0;
                for (int j = 0; j < n; j++)
                {
                    if (listened[j]) continue;
                    double g = 1 / (1 + Math.Exp(si - score[j])); // σ(−x_ij)
                    weight[j] += g;
                    sum += g;
                }
                weight[i] -= sum;
            }
            // ∇F = scale·Σ_a weight_a q_a + λp: −g(q_i − q_j) summed over the pairs.
            for (int f = 0; f < k; f++) grad[f] = lambda * p[f];
            for (int a = 0; a < n; a++)
            {
                double w = weight[a] * scale;
                if (w == 0) continue;
                var q = model.ArtistVector(a);
                for (int f = 0; f < k; f++) grad[f] += w * q[f];
            }
            for (int f = 0; f < k; f++) p[f] -= step * grad[f];
        }
        var result = new float[k];
        for (int f = 0; f < k; f++) result[f] = (float)p[f];
        return new FoldedListener(result, 0, artists, plays);
    }
}
