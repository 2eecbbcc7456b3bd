using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LastFmMf.Scoring;

namespace LastFmMf.Training;

/// <summary>
/// A few conjugate-gradient steps on each row's ALS system, warm-started from the row's previous factors (Takács, Pilászy
/// and Tikk, "Applications of the conjugate gradient method for implicit feedback collaborative filtering", RecSys 2011;
/// the default solver of the <c>implicit</c> library). The system is the one <see cref="ImplicitAls.SolveRow"/> solves
/// exactly, (s·G + λI + Σ_j (c_j − w_j) y_j y_jᵀ) x = Σ_j c_j y_j, but it is never formed: a product A·v costs
/// k² + 2n·k multiply-adds (G·v from the half-sweep's Gram matrix, plus the n listened rows) instead of the n·k² + k³/3 of
/// forming and factoring A, and the previous factors are already close to the solution, so three steps per sweep suffice.
/// </summary>
/// <remarks>
/// In float, with fused multiply-adds over 8 lanes (Vector256): the factors are float, so a double solve bought nothing
/// measurable on the HetRec data (validation and test NDCG@10 within 0.0002 of each other and of Cholesky, see
/// docs/tuning.md) and cost twice the memory traffic and half the SIMD width. Only the
/// Gram matrix is accumulated in double (<see cref="Gram.Weighted"/>) and rounded once.
/// <para>Every row is a function of the previous half-sweep alone, computed start to end by one thread in a fixed sequence
/// of operations, so the result is the same bits for any thread count and any scheduling.</para>
/// </remarks>
internal static unsafe class ConjugateGradient
{
    /// <summary>Rows per parallel work item: fixed, so the work items do not depend on the thread count (the results would not
    /// either — each row is independent — but the split stays easy to reason about).</summary>
    private const int RowsPerItem = 64;

    /// <summary>The most listens of a row that is paired with another for the Gram products: beyond, G·p is a small part of a
    /// step (k² against 2n·k multiply-adds), and a second lane that large would only hold memory.</summary>
    private const int PairMax = 256;

    /// <summary>Per-thread scratch of one half-sweep: two <see cref="Lane"/>s and the small rows' n×n system. Never escapes the
    /// half-sweep that made it (the rule that lets a pure epoch reuse buffers).</summary>
    internal sealed class Work(int k)
    {
        public readonly Lane A = new(k), B = new(k);
        public double[] S = [], V = [];
    }

    /// <summary>One row in progress: its CG vectors, its listens' c_j and d_j (and, for the loss, their predictions y_j·x and
    /// the last step's y_j·p), its gathered rows, where it is.</summary>
    /// <remarks>The vectors and gathered rows are <see cref="AlignedFloats"/>: with k a multiple of 8, the kernels' 8-float loads
    /// from them and from G are aligned (the gather's reads of y are not).</remarks>
    internal sealed class Lane(int k)
    {
        private readonly AlignedFloats _x = new(k), _r = new(k), _p = new(k), _ap = new(k);
        private AlignedFloats _rows = new(16 * k); // the row's listened rows of y gathered contiguously, or a small row's z_j
        public float[] C = new float[16], D = new float[16], E = new float[16], Q = new float[16];
        public int Row, Start, Count;
        public float Scale, Rs;
        public bool Active;

        public float* X => _x.Pointer;
        public float* R => _r.Pointer;
        public float* P => _p.Pointer;
        public float* Ap => _ap.Pointer;
        public float* Rows => _rows.Pointer;

        public Span<float> Confidences => C.AsSpan(0, Count);
        public Span<float> Excess => D.AsSpan(0, Count);

        /// <summary>Takes row <paramref name="row"/> (n listens from <paramref name="start"/>), growing the buffers to fit.</summary>
        public void Take(int row, int start, int n, int k)
        {
            (Row, Start, Count) = (row, start, n);
            // Grown to fit exactly: the most listened artists need tens of MB of gathered rows, and doubling past them would
            // leave that much again unused per lane and thread.
            if (D.Length < n) (C, D, E, Q, _rows) = (new float[n], new float[n], new float[n], new float[n], new AlignedFloats((long)n * k));
        }
    }

    /// <summary>
    /// Solves every row of one side by <paramref name="steps"/> CG steps from <paramref name="warm"/> (rows×k), against the other
    /// side's factors <paramref name="y"/> and their Gram matrix <paramref name="gram"/> (k×k, float). <paramref name="plays"/>
    /// holds each listen's play count in CSR order, <paramref name="confidence"/> turns it into c_j. Unobserved weights w: for users (<paramref name="usersSide"/>) the listen's
    /// baseline is w of its artist (and the Gram matrix is QᵀWQ); for an artist a, s = w_a scales PᵀP and every listen's
    /// baseline is w_a. With <paramref name="observed"/> (rows long), each row's share of the loss's listened-pairs sum,
    /// Σ_j [c_j(1 − y_j·x)² − w_j(y_j·x)²], is written there, summed in double: for a row the CG steps solved, from the predictions
    /// y_j·x they carried along (each step's x += α·p moves y_j·x by α·(y_j·p), a dot the step computed anyway), so the loss
    /// costs no pass over the listened rows; for a small row, from its final factors.
    /// </summary>
    public static float[] SolveAll(int[] start, int[] index, int[] plays, ConfidenceTable confidence, int rows, float[] y, int otherCount, (double[] Double, float[] Float) gram,
        int k, double lambda, int steps, double[]? weights, bool usersSide, float[] warm, int threads, double[]? observed = null)
    {
        var result = new float[rows * k];
        bool predict = observed is not null;
        var g = new AlignedFloats(k * k); // G once per half-sweep where its rows' loads are aligned (see AlignedFloats)
        gram.Float.AsSpan(0, k * k).CopyTo(g.Span);
        var (inverse, z) = Inverted(start, rows, y, otherCount, gram.Double, k, lambda, weights, threads, out int smallMax);
        int items = (rows + RowsPerItem - 1) / RowsPerItem;
        // Parallel.For ends its worker tasks after a time slice and starts new ones, each with its own local state; scratch
        // handed back to a pool is taken up by the next, so a half-sweep holds one Work per thread, not one per task (the
        // lanes grow to tens of MB for the most listened artists). Scratch carries nothing from row to row.
        var pool = new ConcurrentBag<Work>();
        Parallel.For(0, items, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, () => pool.TryTake(out var free) ? free : new Work(k), (item, _, w) =>
        {
            // Rows that need CG steps go two at a time through one pass over the Gram matrix per step (SolveRows); which rows
            // pair up depends on the item's rows only. The first of a pair waits in lane B; a row with more than PairMax
            // listens, whose steps are nearly all listen products, goes alone through lane A, so only A grows to the largest row.
            Lane? pending = null;
            for (int r = item * RowsPerItem, end = Math.Min(rows, r + RowsPerItem); r < end; r++)
            {
                int s = start[r], n = start[r + 1] - s;
                if (n == 0) continue; // no listens: the solution of (s·G + λI) x = 0, and the row is already 0
                var lane = pending is null && n <= PairMax ? w.B : w.A;
                lane.Take(r, s, n, k);
                var c = lane.Confidences;
                var d = lane.Excess;
                confidence.Fill(plays.AsSpan(s, n), c);
                bool positive = true;
                for (int i = 0; i < n; i++)
                {
                    d[i] = c[i] - (weights is null ? 1f : (float)(usersSide ? weights[index[s + i]] : weights[r]));
                    positive &= d[i] > 0;
                }
                lane.Scale = weights is null || usersSide ? 1f : (float)weights[r];
                if (n <= smallMax && positive)
                {
                    SolveSmall(index.AsSpan(s, n), c, d, y, inverse!, z, k, w, lane);
                    Finish(lane, gathered: false);
                }
                else if (n > PairMax)
                {
                    SolveRows(lane, null, index, y, g.Pointer, k, (float)lambda, steps, warm, predict);
                    Finish(lane, gathered: true);
                }
                else if (pending is null) pending = lane;
                else
                {
                    SolveRows(pending, lane, index, y, g.Pointer, k, (float)lambda, steps, warm, predict);
                    Finish(pending, gathered: true);
                    Finish(lane, gathered: true);
                    pending = null;
                }
            }
            if (pending is not null)
            {
                SolveRows(pending, null, index, y, g.Pointer, k, (float)lambda, steps, warm, predict);
                Finish(pending, gathered: true);
            }
            return w;

            void Finish(Lane lane, bool gathered)
            {
                var x = result.AsSpan(lane.Row * k, k);
                new ReadOnlySpan<float>(lane.X, k).CopyTo(x);
                // The loss's share now: from the predictions SolveRows carried, or from SolveSmall's few rows, still in cache.
                if (observed is null) return;
                int r = lane.Row;
                var listens = index.AsSpan(lane.Start, lane.Count);
                double rowWeight = weights is null || usersSide ? 1 : weights[r];
                observed[r] = gathered
                    ? Observed(listens, lane.Confidences, lane.E.AsSpan(0, lane.Count), rowWeight, usersSide ? weights : null)
                    : Observed(listens, lane.Confidences, y, k, x, rowWeight, usersSide ? weights : null);
            }
        }, pool.Add);
        return result;
    }

    /// <summary>
    /// A₀⁻¹ with A₀ = G + λI (k×k, float), from which <see cref="SolveSmall"/> solves a row with few listens (at most k/8,
    /// e.g. most artists) exactly, or null (and <paramref name="smallMax"/> 0) with unobserved weights, where A₀ is not the
    /// same for every row; and Z = Y·A₀⁻¹ for the whole other side when that is both small and cheaper than the small rows'
    /// own products. Which rows qualify depends on the data and settings only, never on threads.
    /// </summary>
    /// <remarks>Without Z each small row computes its z_j = A₀⁻¹y_j (n products of k²). At Last.fm-360K scale Z would be 92 MB
    /// (k = 64), and the small rows' listens are about as many as the other side's rows, so it is not built; on HetRec the other
    /// side has 1,892 users against tens of thousands of small artists' listens, and Z is a few hundred KB. Either way z_j
    /// is the same product, so the choice changes no bit.</remarks>
    private static (float[]? Inverse, float[]? Z) Inverted(int[] start, int rows, float[] y, int otherCount, double[] gram, int k, double lambda,
        double[]? weights, int threads, out int smallMax)
    {
        smallMax = 0;
        int max = k / 8;
        if (weights is not null || max < 1) return (null, null);
        // A₀⁻¹ in double: Cholesky factor, then the factored solve against the identity (symmetric, so row-major as it comes).
        var a = (double[])gram.Clone();
        for (int i = 0; i < k; i++) a[i * k + i] += lambda;
        MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider.CholeskyFactor(a, k);
        var inverse = new double[k * k];
        for (int i = 0; i < k; i++) inverse[i * k + i] = 1;
        MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider.CholeskySolveFactored(a, k, inverse, k);
        for (int i = 0; i < k; i++)
            for (int j = 0; j < i; j++) inverse[i * k + j] = inverse[j * k + i] = 0.5 * (inverse[i * k + j] + inverse[j * k + i]);
        smallMax = max;
        var f = Array.ConvertAll(inverse, v => (float)v);
        long smallListens = 0;
        for (int r = 0; r < rows; r++) if (start[r + 1] - start[r] is var n && n <= max) smallListens += n;
        if ((long)otherCount * k * sizeof(float) > ZMaxBytes || otherCount >= smallListens) return (f, null);
        var z = new float[(long)otherCount * k];
        int items = (otherCount + RowsPerItem - 1) / RowsPerItem;
        Parallel.For(0, items, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, item =>
        {
            fixed (float* fp = f, yp = y, zp = z)
                for (int u = item * RowsPerItem, end = Math.Min(otherCount, u + RowsPerItem); u < end; u++)
                    SymmetricProduct(fp, yp + (nint)u * k, k, zp + (nint)u * k);
        });
        return (f, z);
    }

    /// <summary>The largest Z = Y·A₀⁻¹ worth holding beside the factors.</summary>
    private const long ZMaxBytes = 16 << 20;

    /// <summary>
    /// The exact solution of a row with n few listens, all with d_j = c_j − 1 &gt; 0, by the Woodbury identity: with U = (y_j)
    /// (k×n), D = diag(d_j) and z_j = A₀⁻¹y_j (from <paramref name="inverse"/>), x₀ = Σ c_j z_j, S = D⁻¹ + UᵀZ (n×n, double,
    /// solved by Cholesky), x = x₀ − Z·S⁻¹·Uᵀx₀.
    /// </summary>
    private static void SolveSmall(ReadOnlySpan<int> index, ReadOnlySpan<float> confidence, ReadOnlySpan<float> d, float[] y, float[] inverse,
        float[]? z, int k, Work w, Lane lane)
    {
        int n = index.Length;
        if (w.S.Length < n * n) (w.S, w.V) = (new double[n * n], new double[n]);
        var sm = w.S;
        var v = w.V;
        float* zp = lane.Rows, xp = lane.X;
        fixed (float* yp = y, fp = inverse)
        {
            int t0 = 0;
            if (z is not null)
                for (; t0 < n; t0++) z.AsSpan(index[t0] * k, k).CopyTo(new Span<float>(zp + (nint)t0 * k, k));
            for (; t0 + 2 <= n; t0 += 2)
                SymmetricProducts(fp, yp + (nint)index[t0] * k, yp + (nint)index[t0 + 1] * k, k, zp + (nint)t0 * k, zp + (nint)(t0 + 1) * k);
            if (t0 < n) SymmetricProduct(fp, yp + (nint)index[t0] * k, k, zp + (nint)t0 * k);
            new Span<float>(xp, k).Clear();
            for (int t = 0; t < n; t++) Axpy(xp, zp + (nint)t * k, confidence[t], k);
            for (int t = 0; t < n; t++)
            {
                float* yt = yp + (nint)index[t] * k;
                for (int u = t; u < n; u++) sm[t * n + u] = sm[u * n + t] = Dot(yt, zp + (nint)u * k, k);
                sm[t * n + t] += 1.0 / d[t];
                v[t] = Dot(yt, xp, k);
            }
            CholeskySolve(sm, v, n);
            for (int t = 0; t < n; t++) Axpy(xp, zp + (nint)t * k, (float)-v[t], k);
        }
    }

    /// <summary>Solves a·x = b in place (b becomes x) for a small symmetric positive definite n×n a, overwritten by its factor.</summary>
    private static void CholeskySolve(double[] a, double[] b, int n)
    {
        for (int j = 0; j < n; j++)
        {
            double diag = a[j * n + j];
            for (int p = 0; p < j; p++) diag -= a[j * n + p] * a[j * n + p];
            diag = Math.Sqrt(Math.Max(diag, 1e-300));
            a[j * n + j] = diag;
            for (int i = j + 1; i < n; i++)
            {
                double sum = a[i * n + j];
                for (int p = 0; p < j; p++) sum -= a[i * n + p] * a[j * n + p];
                a[i * n + j] = sum / diag;
            }
        }
        for (int i = 0; i < n; i++) // L·y = b
        {
            double sum = b[i];
            for (int p = 0; p < i; p++) sum -= a[i * n + p] * b[p];
            b[i] = sum / a[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) // Lᵀ·x = y
        {
            double sum = b[i];
            for (int p = i + 1; p < n; p++) sum -= a[p * n + i] * b[p];
            b[i] = sum / a[i * n + i];
        }
    }

    /// <summary>
    /// <paramref name="steps"/> CG steps from <paramref name="warm"/> on the systems of one or two rows in lockstep, into each
    /// lane's X (d_j = c_j − w_j, s = the lane's Scale). A row stops early when its residual's squared norm is below 1e-12 or
    /// its curvature pᵀAp is not positive (the system is then solved to float precision). With <paramref name="predict"/>, each
    /// lane's E ends as its listens' predictions y_j·x (float, updated as x is).
    /// </summary>
    /// <remarks>Two rows share each pass over the Gram matrix (<see cref="SymmetricProducts"/>): the product is bound by
    /// loading G (one 8-lane load per multiply-add), and two right-hand sides halve those loads. Each row's arithmetic is the
    /// one it would do alone, so pairing changes no bit.</remarks>
    private static void SolveRows(Lane a, Lane? b, int[] index, float[] y, float* gram, int k, float lambda, int steps, float[] warm, bool predict)
    {
        // The n listened rows, gathered once into contiguous memory: at Last.fm-360K scale y is far larger than the cache, so
        // each row's first read is a miss (prefetched a few rows ahead); the steps then read them from L1.
        Start(a);
        if (b is not null) Start(b);
        // r = b − A·x = Σ_j (c_j − d_j·(y_j·x)) y_j − s·G·x − λx.
        Products(a.X, a.R, b is null ? null : b.X, b is null ? null : b.R);
        Residual(a);
        if (b is not null) Residual(b);
        for (int step = 0; step < steps; step++)
        {
            bool moveA = a.Active && a.Rs > 1e-12f, moveB = b is not null && b.Active && b.Rs > 1e-12f;
            if (!moveA && !moveB) break;
            // Ap = s·G·p + λp + Σ_j d_j (y_j·p) y_j
            if (moveA && moveB) Products(a.P, a.Ap, b!.P, b.Ap);
            else if (moveA) Products(a.P, a.Ap, null, null);
            else Products(b!.P, b.Ap, null, null);
            if (moveA) Step(a);
            if (moveB) Step(b!);
        }

        void Start(Lane lane)
        {
            warm.AsSpan(lane.Row * k, k).CopyTo(new Span<float>(lane.X, k));
            lane.Active = true;
            fixed (float* yp = y) Gather(index.AsSpan(lane.Start, lane.Count), yp, k, lane.Rows);
        }

        // o0 = G·v0 (and o1 = G·v1 in the same pass when a second lane moves).
        void Products(float* v0, float* o0, float* v1, float* o1)
        {
            if (v1 is not null) SymmetricProducts(gram, v0, v1, k, o0, o1);
            else SymmetricProduct(gram, v0, k, o0);
        }

        void Residual(Lane lane)
        {
            float* xp = lane.X, rp = lane.R, pp = lane.P, u = lane.Rows;
            fixed (float* e = lane.E)
            {
                Shift(rp, lane.Scale, xp, lambda, k, negate: true);
                ListenProducts.Add(u, lane.Count, k, xp, lane.Excess, lane.Confidences, rp, predict ? e : null);
                new ReadOnlySpan<float>(rp, k).CopyTo(new Span<float>(pp, k));
                lane.Rs = Dot(rp, rp, k);
            }
        }

        void Step(Lane lane)
        {
            float* xp = lane.X, rp = lane.R, pp = lane.P, app = lane.Ap, u = lane.Rows;
            fixed (float* q = lane.Q, e = lane.E)
            {
                Shift(app, lane.Scale, pp, lambda, k, negate: false);
                ListenProducts.Add(u, lane.Count, k, pp, lane.Excess, default, app, predict ? q : null);
                float curvature = Dot(pp, app, k);
                if (!(curvature > 0))
                {
                    lane.Active = false;
                    return;
                }
                float alpha = lane.Rs / curvature;
                Axpy(xp, pp, alpha, k);
                if (predict)
                    for (int t = 0; t < lane.Count; t++) e[t] = MathF.FusedMultiplyAdd(alpha, q[t], e[t]);
                Axpy(rp, app, -alpha, k);
                float next = Dot(rp, rp, k);
                NextDirection(pp, next / lane.Rs, rp, k);
                lane.Rs = next;
            }
        }
    }

    /// <summary>o = s·o + λ·v over k floats (negated with <paramref name="negate"/>), each element rounded as the scalar expression.</summary>
    private static void Shift(float* o, float s, float* v, float lambda, int k, bool negate)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var sv = Vector256.Create(s);
            var lv = Vector256.Create(lambda);
            for (; i <= k - 8; i += 8)
            {
                var e = sv * Vector256.Load(o + i) + lv * Vector256.Load(v + i);
                (negate ? -e : e).Store(o + i);
            }
        }
        for (; i < k; i++) o[i] = negate ? -(s * o[i] + lambda * v[i]) : s * o[i] + lambda * v[i];
    }

    /// <summary>p = β·p + r over k floats, fused.</summary>
    private static void NextDirection(float* p, float beta, float* r, int k)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var b = Vector256.Create(beta);
            for (; i <= k - 8; i += 8) Vector256.FusedMultiplyAdd(b, Vector256.Load(p + i), Vector256.Load(r + i)).Store(p + i);
        }
        for (; i < k; i++) p[i] = MathF.FusedMultiplyAdd(beta, p[i], r[i]);
    }

    /// <summary>How many rows ahead <see cref="Gather"/> and the passes over listens prefetch.</summary>
    private const int Ahead = 6;

    /// <summary>Copies the rows <paramref name="index"/> of y into <paramref name="into"/> (n×k), prefetching ahead.</summary>
    private static void Gather(ReadOnlySpan<int> index, float* y, int k, float* into)
    {
        int n = index.Length;
        // Eight floats per load and store, inline: Buffer.MemoryCopy's call and size dispatch, 28 million times a sweep at
        // Last.fm-360K scale, cost more than the copy of a row that is in cache.
        bool vectors = Vector256.IsHardwareAccelerated && k % 8 == 0;
        for (int t = 0; t < n; t++)
        {
            if (t + Ahead < n) Kernels.Prefetch(y + (nint)index[t + Ahead] * k, k);
            float* from = y + (nint)index[t] * k, to = into + (nint)t * k;
            if (vectors)
                for (int i = 0; i < k; i += 8) Vector256.Store(Vector256.Load(from + i), to + i);
            else Buffer.MemoryCopy(from, to, k * sizeof(float), k * sizeof(float));
        }
    }

    /// <summary>The loss's listened-pairs sum Σ_rows Σ_j [c_j(1 − y_j·x)² − w_j(y_j·x)²] of the factors <paramref name="x"/> of one
    /// side against <paramref name="y"/> (weights as in <see cref="SolveAll"/>), in parallel by rows, summed in row order.</summary>
    public static double ObservedSum(int[] start, int[] index, int[] plays, ConfidenceTable confidence, int rows, float[] y, float[] x, int k, double[]? weights,
        bool usersSide, int threads)
    {
        var perRow = new double[rows];
        int items = (rows + RowsPerItem - 1) / RowsPerItem;
        Parallel.For(0, items, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, () => new float[16], (item, _, c) =>
        {
            for (int r = item * RowsPerItem, end = Math.Min(rows, r + RowsPerItem); r < end; r++)
            {
                int s = start[r], n = start[r + 1] - s;
                if (c.Length < n) c = new float[Math.Max(n, 2 * c.Length)];
                confidence.Fill(plays.AsSpan(s, n), c.AsSpan(0, n));
                perRow[r] = Observed(index.AsSpan(s, n), c.AsSpan(0, n), y, k, x.AsSpan(r * k, k),
                    weights is null || usersSide ? 1 : weights[r], usersSide ? weights : null);
            }
            return c;
        }, _ => { });
        double sum = 0;
        foreach (var v in perRow) sum += v;
        return sum;
    }

    /// <summary>Σ_j [c_j(1 − y_j·x)² − w_j(y_j·x)²] over one row's listens, the products y_j·x in double (the loss's listened
    /// part), y_j read from y.</summary>
    private static double Observed(ReadOnlySpan<int> index, ReadOnlySpan<float> confidence, float[] y, int k, ReadOnlySpan<float> x,
        double rowWeight, double[]? weightByIndex)
    {
        double sum = 0;
        // x in double once, not once per listen: DotDouble widens both sides, and the row's x is the same for all its listens.
        Span<double> wide = k <= 512 ? stackalloc double[k] : new double[k];
        for (int i = 0; i < k; i++) wide[i] = x[i];
        fixed (float* yp = y)
        fixed (double* xd = wide)
            for (int t = 0; t < index.Length; t++)
            {
                if (t + Ahead < index.Length) Kernels.Prefetch(yp + (nint)index[t + Ahead] * k, k);
                sum += Term(confidence[t], DotDouble(yp + (nint)index[t] * k, xd, k), weightByIndex is null ? rowWeight : weightByIndex[index[t]]);
            }
        return sum;
    }

    /// <summary>The same sum from the listens' predictions y_j·x as given.</summary>
    private static double Observed(ReadOnlySpan<int> index, ReadOnlySpan<float> confidence, ReadOnlySpan<float> predictions, double rowWeight,
        double[]? weightByIndex)
    {
        double sum = 0;
        for (int t = 0; t < index.Length; t++)
            sum += Term(confidence[t], predictions[t], weightByIndex is null ? rowWeight : weightByIndex[index[t]]);
        return sum;
    }

    /// <summary>One listen's term c(1 − e)² − w·e² of the loss's listened part, for its prediction e.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Term(double c, double e, double w) => c * (1 - e) * (1 - e) - w * e * e;

    /// <summary>o = G·v for a symmetric row-major k×k G, as Σ_j v_j·(row j of G): contiguous loads, 64 outputs at a time
    /// held in registers across all k rows (<see cref="ListenProducts.Accumulate"/> from 0).</summary>
    internal static void SymmetricProduct(float* g, float* v, int k, float* o)
    {
        new Span<float>(o, k).Clear();
        ListenProducts.Accumulate(g, k, k, v, o);
    }

    /// <summary>o0 = G·v0 and o1 = G·v1 in one pass over G, 32 outputs of each at a time, each element summed exactly as
    /// <see cref="SymmetricProduct"/> sums it (fused, in row order, from 0).</summary>
    internal static void SymmetricProducts(float* g, float* v0, float* v1, int k, float* o0, float* o1)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= k - 32; i += 32)
            {
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
                float* gi = g + i;
                for (int j = 0; j < k; j++, gi += k)
                {
                    var g0 = Vector256.Load(gi);
                    var g1 = Vector256.Load(gi + 8);
                    var g2 = Vector256.Load(gi + 16);
                    var g3 = Vector256.Load(gi + 24);
                    var s = Vector256.Create(v0[j]);
                    var t = Vector256.Create(v1[j]);
                    a0 = Vector256.FusedMultiplyAdd(g0, s, a0);
                    a1 = Vector256.FusedMultiplyAdd(g1, s, a1);
                    a2 = Vector256.FusedMultiplyAdd(g2, s, a2);
                    a3 = Vector256.FusedMultiplyAdd(g3, s, a3);
                    b0 = Vector256.FusedMultiplyAdd(g0, t, b0);
                    b1 = Vector256.FusedMultiplyAdd(g1, t, b1);
                    b2 = Vector256.FusedMultiplyAdd(g2, t, b2);
                    b3 = Vector256.FusedMultiplyAdd(g3, t, b3);
                }
                a0.Store(o0 + i); a1.Store(o0 + i + 8); a2.Store(o0 + i + 16); a3.Store(o0 + i + 24);
                b0.Store(o1 + i); b1.Store(o1 + i + 8); b2.Store(o1 + i + 16); b3.Store(o1 + i + 24);
            }
            for (; i <= k - 8; i += 8)
            {
                Vector256<float> a = default, b = default;
                float* gi = g + i;
                for (int j = 0; j < k; j++, gi += k)
                {
                    var row = Vector256.Load(gi);
                    a = Vector256.FusedMultiplyAdd(row, Vector256.Create(v0[j]), a);
                    b = Vector256.FusedMultiplyAdd(row, Vector256.Create(v1[j]), b);
                }
                a.Store(o0 + i);
                b.Store(o1 + i);
            }
        }
        for (; i < k; i++)
        {
            float a = 0, b = 0;
            for (int j = 0; j < k; j++)
            {
                a = MathF.FusedMultiplyAdd(g[(nint)j * k + i], v0[j], a);
                b = MathF.FusedMultiplyAdd(g[(nint)j * k + i], v1[j], b);
            }
            (o0[i], o1[i]) = (a, b);
        }
    }

    /// <summary>a·b over k floats: two 8-lane fused accumulators, then the tail, in a fixed order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Dot(float* a, float* b, int k)
    {
        int i = 0;
        float s = 0;
        if (Vector256.IsHardwareAccelerated && k >= 8)
        {
            Vector256<float> acc0 = default, acc1 = default;
            for (; i <= k - 16; i += 16)
            {
                acc0 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i), Vector256.Load(b + i), acc0);
                acc1 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i + 8), Vector256.Load(b + i + 8), acc1);
            }
            if (i <= k - 8)
            {
                acc0 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i), Vector256.Load(b + i), acc0);
                i += 8;
            }
            s = Vector256.Sum(acc0 + acc1);
        }
        for (; i < k; i++) s = MathF.FusedMultiplyAdd(a[i], b[i], s);
        return s;
    }

    /// <summary>a·b over k floats with the products and sums in double (for the loss); b given already in double.</summary>
    private static double DotDouble(float* a, double* b, int k)
    {
        int i = 0;
        double s = 0;
        if (Vector256.IsHardwareAccelerated && k >= 8)
        {
            Vector256<double> lo = default, hi = default;
            for (; i <= k - 8; i += 8)
            {
                var x = Vector256.Load(a + i);
                lo = Vector256.FusedMultiplyAdd(Vector256.WidenLower(x), Vector256.Load(b + i), lo);
                hi = Vector256.FusedMultiplyAdd(Vector256.WidenUpper(x), Vector256.Load(b + i + 4), hi);
            }
            s = Vector256.Sum(lo + hi);
        }
        for (; i < k; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>x += s·y over k floats, fused.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Axpy(float* x, float* y, float s, int k)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var sv = Vector256.Create(s);
            for (; i <= k - 8; i += 8) Vector256.FusedMultiplyAdd(Vector256.Load(y + i), sv, Vector256.Load(x + i)).Store(x + i);
        }
        for (; i < k; i++) x[i] = MathF.FusedMultiplyAdd(y[i], s, x[i]);
    }
}
