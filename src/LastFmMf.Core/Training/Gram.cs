using System.Runtime.Intrinsics;

namespace LastFmMf.Training;

/// <summary>Gram matrices XᵀX of factor matrices, the k×k summaries through which the gravity term and the ALS systems see all pairs.</summary>
internal static unsafe class Gram
{
    /// <summary>Rows per partial sum: partials are summed in chunk order, so the result is the same for any thread count
    /// (and, up to one chunk, the same as a plain sequential sum).</summary>
    internal const int ChunkRows = 2048;

    /// <summary>
    /// XᵀX for a rows×k row-major matrix, in double: the upper triangle accumulated row by row within each chunk of
    /// <see cref="ChunkRows"/> rows (chunks on up to <paramref name="threads"/> threads), the chunks added in order, then mirrored.
    /// </summary>
    public static double[] Of(float[] x, int rows, int k, int threads = 1)
    {
        int chunks = Math.Max(1, (rows + ChunkRows - 1) / ChunkRows);
        if (chunks == 1) return Mirror(Partial(x, 0, rows, k), k);
        var partials = new double[chunks][];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
            c => partials[c] = Partial(x, c * ChunkRows, Math.Min(rows, (c + 1) * ChunkRows), k));
        var g = partials[0];
        for (int c = 1; c < chunks; c++)
        {
            var p = partials[c];
            for (int i = 0; i < g.Length; i++) g[i] += p[i];
        }
        return Mirror(g, k);
    }

    private static double[] Mirror(double[] g, int k)
    {
        for (int i = 0; i < k; i++)
            for (int j = 0; j < i; j++) g[i * k + j] = g[j * k + i];
        return g;
    }

    private static double[] Partial(float[] x, int from, int to, int k)
    {
        var g = new double[k * k];
        var row = new double[k];
        fixed (double* gp = g, rp = row)
        fixed (float* xp = x)
        {
            for (int r = from; r < to; r++)
            {
                float* xr = xp + (nint)r * k;
                for (int i = 0; i < k; i++) rp[i] = xr[i];
                for (int i = 0; i < k; i++)
                {
                    double xi = rp[i];
                    if (xi == 0) continue;
                    double* gi = gp + i * k;
                    var xv = Vector256.Create(xi);
                    int j = i;
                    for (; j <= k - 4; j += 4) (Vector256.Load(gi + j) + xv * Vector256.Load(rp + j)).Store(gi + j);
                    for (; j < k; j++) gi[j] += xi * rp[j];
                }
            }
        }
        return g;
    }
}
