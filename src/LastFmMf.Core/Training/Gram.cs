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
        return Mirror(InOrder(partials), k);
    }

    /// <summary>The chunks' partial sums added in chunk order, into the first: the same bits for any thread count.</summary>
    private static double[] InOrder(double[][] partials)
    {
        var g = partials[0];
        for (int c = 1; c < partials.Length; c++)
        {
            var p = partials[c];
            for (int i = 0; i < g.Length; i++) g[i] += p[i];
        }
        return g;
    }

    private static double[] Mirror(double[] g, int k)
    {
        for (int i = 0; i < k; i++)
            for (int j = 0; j < i; j++) g[i * k + j] = g[j * k + i];
        return g;
    }

    /// <summary>
    /// The upper triangle of Σ x_r x_rᵀ over rows from..to−1, each element summed in row order, a row skipped where its
    /// x_ri is 0. Four rows share each pass over the triangle (a quarter of its loads and stores) wherever none of the
    /// four has a 0 there; each element still gets the same additions in the same order, so the same bits as row by row
    /// (which the gravity fixtures pin).
    /// </summary>
    private static double[] Partial(float[] x, int from, int to, int k)
    {
        var g = new double[k * k];
        var rows = new double[4 * k];
        fixed (double* gp = g, rp = rows)
        fixed (float* xp = x)
        {
            double* r0 = rp, r1 = rp + k, r2 = rp + 2 * k, r3 = rp + 3 * k;
            int r = from;
            for (; r + 4 <= to; r += 4)
            {
                float* xr = xp + (nint)r * k;
                for (int i = 0; i < 4 * k; i++) rp[i] = xr[i];
                for (int i = 0; i < k; i++)
                {
                    double a = r0[i], b = r1[i], c = r2[i], d = r3[i];
                    if (a == 0 || b == 0 || c == 0 || d == 0)
                    {
                        AddRow(gp, r0, i, k); AddRow(gp, r1, i, k); AddRow(gp, r2, i, k); AddRow(gp, r3, i, k);
                        continue;
                    }
                    double* gi = gp + i * k;
                    Vector256<double> av = Vector256.Create(a), bv = Vector256.Create(b), cv = Vector256.Create(c), dv = Vector256.Create(d);
                    int j = i;
                    for (; j <= k - 4; j += 4)
                        ((((Vector256.Load(gi + j) + av * Vector256.Load(r0 + j)) + bv * Vector256.Load(r1 + j)) + cv * Vector256.Load(r2 + j))
                            + dv * Vector256.Load(r3 + j)).Store(gi + j);
                    for (; j < k; j++) gi[j] = (((gi[j] + a * r0[j]) + b * r1[j]) + c * r2[j]) + d * r3[j];
                }
            }
            for (; r < to; r++)
            {
                float* xr = xp + (nint)r * k;
                for (int i = 0; i < k; i++) r0[i] = xr[i];
                for (int i = 0; i < k; i++) AddRow(gp, r0, i, k);
            }
        }
        return g;
    }

    /// <summary>Row i of the upper triangle += x_i·x_j for j ≥ i, unless x_i is 0.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void AddRow(double* g, double* x, int i, int k)
    {
        double xi = x[i];
        if (xi == 0) return;
        double* gi = g + i * k;
        var xv = Vector256.Create(xi);
        int j = i;
        for (; j <= k - 4; j += 4) (Vector256.Load(gi + j) + xv * Vector256.Load(x + j)).Store(gi + j);
        for (; j < k; j++) gi[j] += xi * x[j];
    }

    /// <summary>
    /// XᵀWX (XᵀX without <paramref name="weights"/>) of a rows×k row-major float matrix, in double, full (mirrored): the ALS
    /// half-sweeps' and the Implicit loss's Gram matrix. Rank-4 updates (four rows per pass over the upper triangle, a
    /// quarter of the loads and stores of <see cref="Of"/>) within fixed chunks of rows, the chunks' partial sums added in
    /// chunk order: the same bits for any thread count. Not <see cref="Of"/> itself, whose sums the gravity term's fixtures pin.
    /// </summary>
    public static double[] Weighted(float[] x, int rows, int k, double[]? weights, int threads = 1)
    {
        // At most 64 partials, at least ChunkRows rows each: the chunk bounds depend on the rows only.
        int size = Math.Max(ChunkRows, (rows + 63) / 64);
        int chunks = Math.Max(1, (rows + size - 1) / size);
        var partials = new double[chunks][];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
            c => partials[c] = WeightedPartial(x, c * size, Math.Min(rows, (c + 1) * size), k, weights));
        return Mirror(InOrder(partials), k);
    }

    private static double[] WeightedPartial(float[] x, int from, int to, int k, double[]? weights)
    {
        var g = new double[k * k];
        var rows = new double[4 * k]; // the four rows, in double
        var scaled = new double[4 * k]; // and times their weights
        fixed (double* gp = g, b = rows, a = scaled)
        fixed (float* xp = x)
        {
            int r = from;
            for (; r + 4 <= to; r += 4)
            {
                for (int m = 0; m < 4; m++)
                {
                    float* xr = xp + (nint)(r + m) * k;
                    double wr = weights is null ? 1 : weights[r + m];
                    for (int i = 0; i < k; i++) (b[m * k + i], a[m * k + i]) = (xr[i], wr * xr[i]);
                }
                for (int i = 0; i < k; i++)
                {
                    var s0 = Vector256.Create(a[i]);
                    var s1 = Vector256.Create(a[k + i]);
                    var s2 = Vector256.Create(a[2 * k + i]);
                    var s3 = Vector256.Create(a[3 * k + i]);
                    double* gi = gp + i * k;
                    int j = i & ~3; // from i rounded down: the few entries left of the diagonal are overwritten by Mirror
                    for (; j <= k - 4; j += 4)
                    {
                        var acc = Vector256.Load(gi + j);
                        acc = Vector256.FusedMultiplyAdd(s0, Vector256.Load(b + j), acc);
                        acc = Vector256.FusedMultiplyAdd(s1, Vector256.Load(b + k + j), acc);
                        acc = Vector256.FusedMultiplyAdd(s2, Vector256.Load(b + 2 * k + j), acc);
                        acc = Vector256.FusedMultiplyAdd(s3, Vector256.Load(b + 3 * k + j), acc);
                        acc.Store(gi + j);
                    }
                    for (; j < k; j++)
                        gi[j] += a[i] * b[j] + a[k + i] * b[k + j] + a[2 * k + i] * b[2 * k + j] + a[3 * k + i] * b[3 * k + j];
                }
            }
            for (; r < to; r++)
            {
                float* xr = xp + (nint)r * k;
                double wr = weights is null ? 1 : weights[r];
                for (int i = 0; i < k; i++)
                {
                    double ai = wr * xr[i];
                    double* gi = gp + i * k;
                    for (int j = i; j < k; j++) gi[j] += ai * xr[j];
                }
            }
        }
        return g;
    }
}
