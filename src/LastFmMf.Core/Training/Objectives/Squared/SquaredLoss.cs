using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LastFmMf.Data;
using LastFmMf.Scoring;

namespace LastFmMf.Training;

/// <summary>
/// The Squared objective J (see <see cref="SquaredSettings"/>) and its gravity term, computed exactly without the M×N
/// matrix: Σ_{u,a}(p_u·q_a)² = Σ_ij (PᵀP)_ij (QᵀQ)_ij, and ∂/∂p_u of (1/(MN))Σ(p·q)² = (2/(MN))(QᵀQ)p_u.
/// Gram matrices are k×k, accumulated in double in row order (deterministic).
/// </summary>
internal static unsafe class SquaredLoss
{
    /// <summary>(1/(MN)) Σ_{u,a} (p_u·q_a)², without λ_g.</summary>
    public static double Gravity(float[] p, float[] q, int users, int artists, int k) =>
        Gravity(Gram.Of(p, users, k), Gram.Of(q, artists, k), users, artists);

    /// <summary>(1/(MN)) Σ_ij (PᵀP)_ij (QᵀQ)_ij from the Gram matrices.</summary>
    public static double Gravity(double[] gp, double[] gq, int users, int artists)
    {
        double s = 0;
        for (int i = 0; i < gp.Length; i++) s += gp[i] * gq[i];
        return s / ((double)users * artists);
    }

    /// <summary>∂/∂P of (1/(MN)) Σ (p_u·q_a)²: row u is (2/(MN))(QᵀQ)p_u. M×k row-major.</summary>
    public static double[] GravityUserGradient(float[] p, float[] q, int users, int artists, int k)
    {
        var gq = Gram.Of(q, artists, k);
        var grad = new double[users * k];
        double c = 2.0 / ((double)users * artists);
        for (int u = 0; u < users; u++)
            for (int i = 0; i < k; i++)
            {
                double s = 0;
                for (int j = 0; j < k; j++) s += gq[i * k + j] * p[u * k + j];
                grad[u * k + i] = c * s;
            }
        return grad;
    }

    /// <summary>x_r ← x_r − c·G·x_r for every row (G symmetric k×k), into <paramref name="target"/> (which may be
    /// <paramref name="source"/>); rows are independent, so they run on up to <paramref name="threads"/> threads with the same bits.</summary>
    public static void ShrinkRows(float[] source, float[] target, int rows, int k, double[] g, double c, int threads = 1)
    {
        int chunks = Math.Max(1, (rows + Gram.ChunkRows - 1) / Gram.ChunkRows);
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
            chunk => ShrinkRange(source, target, chunk * Gram.ChunkRows, Math.Min(rows, (chunk + 1) * Gram.ChunkRows), k, g, c));
    }

    /// <summary>
    /// x_r − c·G x_r for rows from..to−1. Four rows share each load of a row of G (it is k² doubles, more than L1 holds
    /// at k = 64); each row's sums keep their own lanes and order, so the same bits as row by row.
    /// </summary>
    private static void ShrinkRange(float[] source, float[] target, int from, int to, int k, double[] g, double c)
    {
        var rows = new double[4 * k];
        fixed (double* gp = g, rp = rows)
        fixed (float* sp = source, tp = target)
        {
            int r = from;
            for (; r + 4 <= to; r += 4)
            {
                // All four rows are read before any is written: source and target may be the same array.
                float* xs = sp + (nint)r * k;
                for (int i = 0; i < 4 * k; i++) rp[i] = xs[i];
                double* r0 = rp, r1 = rp + k, r2 = rp + 2 * k, r3 = rp + 3 * k;
                float* xt = tp + (nint)r * k;
                for (int i = 0; i < k; i++)
                {
                    double* gi = gp + i * k;
                    Vector256<double> a0 = Vector256<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
                    int j = 0;
                    for (; j <= k - 4; j += 4)
                    {
                        var gv = Vector256.Load(gi + j);
                        a0 += gv * Vector256.Load(r0 + j);
                        a1 += gv * Vector256.Load(r1 + j);
                        a2 += gv * Vector256.Load(r2 + j);
                        a3 += gv * Vector256.Load(r3 + j);
                    }
                    double s0 = Sum(a0), s1 = Sum(a1), s2 = Sum(a2), s3 = Sum(a3);
                    for (int t = j; t < k; t++)
                    {
                        s0 += gi[t] * r0[t]; s1 += gi[t] * r1[t]; s2 += gi[t] * r2[t]; s3 += gi[t] * r3[t];
                    }
                    xt[i] = (float)(r0[i] - c * s0);
                    xt[k + i] = (float)(r1[i] - c * s1);
                    xt[2 * k + i] = (float)(r2[i] - c * s2);
                    xt[3 * k + i] = (float)(r3[i] - c * s3);
                }
            }
            for (; r < to; r++)
            {
                float* xs = sp + (nint)r * k;
                float* xt = tp + (nint)r * k;
                for (int i = 0; i < k; i++) rp[i] = xs[i];
                for (int i = 0; i < k; i++)
                {
                    double* gi = gp + i * k;
                    var acc = Vector256<double>.Zero;
                    int j = 0;
                    for (; j <= k - 4; j += 4) acc += Vector256.Load(gi + j) * Vector256.Load(rp + j);
                    double s = Sum(acc);
                    for (; j < k; j++) s += gi[j] * rp[j];
                    xt[i] = (float)(rp[i] - c * s);
                }
            }
        }
    }

    /// <summary>The lanes' sum in the fixed order (0 + 2) + (1 + 3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sum(Vector256<double> v) => (v.GetElement(0) + v.GetElement(2)) + (v.GetElement(1) + v.GetElement(3));

    /// <summary>J of a model on the fit pairs, and the train RMSE.</summary>
    public static (double Loss, double TrainRmse) Evaluate(FactorModel m, TrainingData d, SquaredSettings hp, int threads, double? squares = null) =>
        Evaluate(m, d, hp.Regularization, hp.UserBiasRegularization, hp.ArtistBiasRegularization, hp.Gravity, null, threads, squares);

    /// <summary>The sum of <paramref name="partials"/> in index order (fixed, so the same bits for any thread count).</summary>
    public static double InOrder(double[] partials)
    {
        double total = 0;
        foreach (var x in partials) total += x;
        return total;
    }

    /// <summary>
    /// J with the given weights; with <paramref name="preferenceAlpha"/>, each fit pair's target is 1 and its weight the
    /// confidence 1 + α·target (the Preference objective), else the target with weight 1. The second value is the
    /// weighted RMSE of the fit pairs. The pairs are summed in chunks of <see cref="SumChunk"/> in the block order, the
    /// chunks (on up to <paramref name="threads"/> threads) added in order: the same bits for any thread count. With
    /// <paramref name="squares"/> (an SGD pass's running Σ w·e²), that sum stands in for the pairs' term.
    /// </summary>
    public static (double Loss, double TrainRmse) Evaluate(FactorModel m, TrainingData d, double lambda, double lambdaUserBias,
        double lambdaArtistBias, double gravity, double? preferenceAlpha, int threads, double? squares = null)
    {
        int k = m.Factors;
        var userNorm = RowNorms(m.UserFactors, m.UserCount, k, threads);
        var artistNorm = RowNorms(m.ArtistFactors, m.ArtistCount, k, threads);
        double sq = squares ?? SumOfSquares(m, d.Ratings, preferenceAlpha, threads), reg = 0;
        // L2 over the users and artists that have fit listens (the others get no SGD step, so no shrink either).
        for (int u = 0; u < m.UserCount; u++)
            if (d.UserCounts[u] > 0)
                reg += lambda * userNorm[u] + (m.UseBiases ? lambdaUserBias * (double)m.UserBias[u] * m.UserBias[u] : 0);
        for (int a = 0; a < m.ArtistCount; a++)
            if (d.ArtistCounts[a] > 0)
                reg += lambda * artistNorm[a] + (m.UseBiases ? lambdaArtistBias * (double)m.ArtistBias[a] * m.ArtistBias[a] : 0);
        int n = Math.Max(1, d.FitCount);
        double j = (sq + reg) / n;
        if (gravity > 0) j += gravity * Gravity(m.UserGram, m.ArtistGram, m.UserCount, m.ArtistCount);
        return (j, Math.Sqrt(sq / n));
    }

    /// <summary>Pairs per partial sum of <see cref="SumOfSquares"/>.</summary>
    internal const int SumChunk = 1 << 15;

    /// <summary>Σ w(r − r̂)² over the pairs (see <see cref="Evaluate(FactorModel, TrainingData, double, double, double, double, double?, int, double?)"/>).</summary>
    private static double SumOfSquares(FactorModel m, Rating[] pairs, double? preferenceAlpha, int threads)
    {
        int chunks = (pairs.Length + SumChunk - 1) / SumChunk;
        var partial = new double[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, c =>
        {
            int from = c * SumChunk, to = Math.Min(pairs.Length, from + SumChunk), k = m.Factors;
            bool biases = m.UseBiases, preference = preferenceAlpha is not null;
            double alpha = preferenceAlpha ?? 0, sum = 0;
            float mu = m.GlobalMeanF;
            fixed (Rating* rs = pairs)
            fixed (float* p = m.UserFactors, q = m.ArtistFactors, bu = m.UserBias, ba = m.ArtistBias)
                for (Rating* r = rs + from; r < rs + to; r++)
                {
                    // As FactorModel.Predict adds them (biases in float, then the dot): the RMSEs are of the model's own predictions.
                    double dot = Kernels.Dot(p + (nint)r->User * k, q + (nint)r->Artist * k, k);
                    double predicted = biases ? mu + bu[r->User] + ba[r->Artist] + dot : dot;
                    double e = (preference ? 1 : r->Target) - predicted;
                    sum += (preference ? 1 + alpha * r->Target : 1) * e * e;
                }
            partial[c] = sum;
        });
        return InOrder(partial);
    }

    /// <summary>‖x_r‖² of every row; each row's value is its own, so the chunks may run on any thread.</summary>
    private static double[] RowNorms(float[] x, int rows, int k, int threads)
    {
        var n = new double[rows];
        int chunks = (rows + Gram.ChunkRows - 1) / Gram.ChunkRows;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, c =>
        {
            for (int r = c * Gram.ChunkRows, end = Math.Min(rows, r + Gram.ChunkRows); r < end; r++)
            {
                var row = x.AsSpan(r * k, k);
                n[r] = Kernels.Dot(row, row);
            }
        });
        return n;
    }

    /// <summary>Users per partial sum of <see cref="Rmse(FactorModel, Interactions, PlayCountTable, int)"/>.</summary>
    private const int RmseChunkUsers = 1024;

    /// <summary>
    /// RMSE of a model over listens, on the target scale of <paramref name="targets"/> (<see cref="TrainingData.Targets"/>);
    /// NaN for none. Targets are made as the pass's are on the fly, so the validation and test parts need no copy as
    /// pairs; users in chunks of <see cref="RmseChunkUsers"/>, added in order (the same bits for any thread count).
    /// </summary>
    internal static double Rmse(FactorModel m, Interactions listens, PlayCountTable targets, int threads)
    {
        if (listens.Count == 0) return double.NaN;
        int chunks = (listens.UserCount + RmseChunkUsers - 1) / RmseChunkUsers;
        var partial = new double[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, c =>
        {
            double sum = 0;
            int k = m.Factors, last = Math.Min(listens.UserCount, (c + 1) * RmseChunkUsers), to = listens.RowStart[last];
            float mu = m.GlobalMeanF;
            fixed (int* artists = listens.ArtistIndex)
            fixed (float* p = m.UserFactors, q = m.ArtistFactors, bu = m.UserBias, ba = m.ArtistBias)
                for (int u = c * RmseChunkUsers; u < last; u++)
                    for (int i = listens.RowStart[u], end = listens.RowStart[u + 1]; i < end; i++)
                    {
                        // The artist rows are all over memory: ask for the one a few listens ahead (as the SGD pass does).
                        if (i + Kernels.PrefetchAhead < to)
                        {
                            int ahead = artists[i + Kernels.PrefetchAhead];
                            Kernels.Prefetch(q + (nint)ahead * k, k);
                            if (m.UseBiases) Kernels.Prefetch(ba + ahead);
                        }
                        int a = artists[i];
                        // FactorModel.Predict's sum: the biases in float, then the dot in double.
                        double dot = Kernels.Dot(p + (nint)u * k, q + (nint)a * k, k);
                        double predicted = m.UseBiases ? mu + bu[u] + ba[a] + dot : dot;
                        double e = targets.Of(listens.Plays[i]) - predicted;
                        sum += e * e;
                    }
            partial[c] = sum;
        });
        return Math.Sqrt(InOrder(partial) / listens.Count);
    }
}
