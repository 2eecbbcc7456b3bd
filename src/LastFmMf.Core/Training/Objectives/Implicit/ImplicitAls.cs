using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LastFmMf.Data;
using LastFmMf.Ranking;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace LastFmMf.Training;

/// <summary>
/// Weighted matrix factorisation of implicit feedback (Hu, Koren and Volinsky, "Collaborative Filtering for Implicit
/// Feedback Datasets", ICDM 2008) by alternating least squares. Minimises
/// Σ_{all u,a} c_ua (x_ua − p_u·q_a)² + λ(‖P‖² + ‖Q‖²) with x_ua = 1 for a listened pair, 0 otherwise, and confidence
/// c_ua = 1 + α·f(plays) for a listened pair, 1 otherwise. With Y the other side's factors, each row solves
/// (YᵀY + Yᵤᵀ(Cᵤ − I)Yᵤ + λI) p_u = YᵤᵀCᵤ1, where Yᵤ holds only the rows the user listened to: YᵀY is computed once
/// per half-sweep. By default each row takes a few conjugate-gradient steps from its previous factors (see
/// <see cref="ConjugateGradient"/>), O(nnz·k + (M + N)·k²) per step and sweep; with Solver Cholesky the k×k systems are
/// formed and solved exactly by MathNet.Numerics' Cholesky (factor in place, then the factored solve), O(nnz·k² + (M + N)·k³). Every row is a function of the previous half-sweep only and is computed
/// in a fixed order by one thread, so the result is bit-identical for any thread count.
/// </summary>
internal sealed class ImplicitAls : IObjective
{
    public static ImplicitAls Instance { get; } = new();

    public string Name => "Implicit";
    public string Description => "Weighted matrix factorisation over all pairs by ALS (Hu, Koren and Volinsky): recommends well.";
    public Type SettingsType => typeof(ImplicitSettings);
    public bool PredictsTargets => false;

    public Hyperparameters Defaults { get; } = new()
    {
        Objective = ImplicitSettings.Default, Factors = 128, Epochs = 12, InitStdDev = 0.01, ValidationFraction = 0, Patience = 3,
    };

    public string? Inapplicable(ObjectiveSettings settings, string setting) => setting switch
    {
        nameof(ImplicitSettings.Epsilon) when ((ImplicitSettings)settings).Confidence != ConfidenceScaling.Log => "Epsilon is read only with Confidence Log",
        nameof(ImplicitSettings.CgSteps) when ((ImplicitSettings)settings).Solver != ImplicitSolver.ConjugateGradient => "CgSteps is read only with Solver ConjugateGradient",
        _ => null,
    };

    public void Validate(Hyperparameters hp) { }

    public double InitialLoss(FactorModel model, TrainingData data, Hyperparameters hp) =>
        Loss(data, model.UserFactors, model.ArtistFactors, model.Factors, ImplicitWeights.For((ImplicitSettings)hp.Objective, data), hp.ThreadCount);

    public EpochOutcome Epoch(TrainingState state, TrainingData data, Hyperparameters hp)
    {
        var m = state.Model;
        var weights = ImplicitWeights.For((ImplicitSettings)hp.Objective, data);
        // The conjugate-gradient sweep hands back the loss's listened-pairs sum per artist row, from the predictions its steps
        // carried along (no pass over the listens of its own); the exact sweep leaves it to the loss.
        var observed = weights.Settings.Solver == ImplicitSolver.ConjugateGradient ? new double[m.ArtistCount] : null;
        var (p, q) = Sweep(data, m.UserFactors, m.ArtistFactors, m.Factors, weights, hp.ThreadCount, observed);
        return new EpochOutcome(m.With(p, q, m.UserBias, m.ArtistBias), Loss(data, p, q, m.Factors, weights, hp.ThreadCount, observed, cacheGrams: true), []);
    }

    public double[]? ArtistWeights(TrainingData data, Hyperparameters hp) =>
        ImplicitWeights.For((ImplicitSettings)hp.Objective, data).UnobservedWeights;

    /// <summary>
    /// The exact factors of a new listener: the solution of (QᵀWQ + Q_Lᵀ(C_L − W_L)Q_L + λI) p = Q_LᵀC_L1 over the listened
    /// artists L with the model's α, f, ε, λ and unobserved weights — the system a training sweep solves for a user.
    /// </summary>
    public FoldedListener FoldIn(FactorModel model, ModelOrigin origin, int[] artists, float[] plays, double? regularization)
    {
        var s = (ImplicitSettings)origin.Hyperparameters.Objective;
        if (regularization is { } l) s = s with { Regularization = l };
        var o = new ImplicitWeights(s, origin.ArtistWeights);
        int k = model.Factors;
        var y = Gramian.For(model, origin.ArtistWeights);
        var conf = new double[plays.Length];
        var baseline = new double[plays.Length];
        for (int i = 0; i < plays.Length; i++)
        {
            conf[i] = o.ConfidenceOf(plays[i]);
            baseline[i] = o.UnobservedWeightOf(artists[i]);
        }
        var result = new float[k];
        SolveRow(artists, conf, baseline, y.Factors, y.Gram, 1, k, o.Regularization, new double[k * k], new double[k], result);
        return new FoldedListener(result, 0, artists, plays);
    }

    /// <summary>Caches QᵀWQ (and Q in double) per model for fold-ins.</summary>
    private sealed class Gramian(double[] factors, double[] gram)
    {
        private static readonly ConditionalWeakTable<FactorModel, Gramian> Cache = new();
        public double[] Factors { get; } = factors;
        public double[] Gram { get; } = gram;

        public static Gramian For(FactorModel m, double[]? weights) => Cache.GetValue(m, x =>
        {
            var f = ToDouble(x.ArtistFactors);
            return new Gramian(f, ImplicitAls.Gram(f, x.ArtistCount, x.Factors, weights));
        });
    }

    /// <summary>The fit listens by user and by artist (CSR and its transpose), cached per training data.</summary>
    internal sealed class Structure
    {
        private static readonly ConditionalWeakTable<TrainingData, Structure> Cache = new();
        public required int[] ArtistStart { get; init; }
        public required int[] ArtistUsers { get; init; }
        public required int[] ArtistPlays { get; init; }

        public static Structure Of(TrainingData d) => Cache.GetValue(d, x => Transpose(x.Fit.Listens));

        private ConfidenceTable? _confidences;
        private readonly Lock _lock = new();

        /// <summary>The confidence of a listen by its play count, made once per run (the last settings asked for are kept),
        /// not once per listen and sweep.</summary>
        public ConfidenceTable Confidences(ImplicitWeights o)
        {
            lock (_lock)
            {
                if (_confidences is { } c && c.Serves(o.Settings)) return c;
                return _confidences = new ConfidenceTable(o);
            }
        }

        private static Structure Transpose(Interactions l)
        {
            var start = new int[l.ArtistCount + 1];
            foreach (var a in l.ArtistIndex) start[a + 1]++;
            for (int a = 0; a < l.ArtistCount; a++) start[a + 1] += start[a];
            var next = (int[])start.Clone();
            var users = new int[l.Count];
            var plays = new int[l.Count];
            for (int u = 0; u < l.UserCount; u++)
                for (int i = l.RowStart[u]; i < l.RowStart[u + 1]; i++)
                {
                    int at = next[l.ArtistIndex[i]]++;
                    users[at] = u;
                    plays[at] = l.Plays[i];
                }
            return new Structure { ArtistStart = start, ArtistUsers = users, ArtistPlays = plays };
        }
    }

    /// <summary>
    /// One sweep: every user's row from <paramref name="q"/>, then every artist's row from the new users. Returns new arrays.
    /// With the conjugate-gradient solver and <paramref name="observed"/> (one per artist), each artist's share of the loss's
    /// listened-pairs sum (see <see cref="Loss"/>) is written there.
    /// </summary>
    internal static (float[] P, float[] Q) Sweep(TrainingData d, float[] p, float[] q, int k, ImplicitWeights o, int threads, double[]? observed = null)
    {
        var l = d.Fit.Listens;
        var t = Structure.Of(d);
        if (o.Settings.Solver == ImplicitSolver.ConjugateGradient)
        {
            // Float throughout; each row starts from its factors of the previous sweep (only read, never written).
            var w = o.UnobservedWeights;
            var c = t.Confidences(o);
            var gq = GramOf(q, l.ArtistCount, k, w, threads, cache: false);
            var cgP = ConjugateGradient.SolveAll(l.RowStart, l.ArtistIndex, l.Plays, c, l.UserCount, q, l.ArtistCount, gq, k, o.Regularization, o.Settings.CgSteps, w,
                usersSide: true, warm: p, threads);
            var gp = GramOf(cgP, l.UserCount, k, null, threads, cache: true);
            var cgQ = ConjugateGradient.SolveAll(t.ArtistStart, t.ArtistUsers, t.ArtistPlays, c, l.ArtistCount, cgP, l.UserCount, gp, k, o.Regularization, o.Settings.CgSteps, w,
                usersSide: false, warm: q, threads, observed);
            return (cgP, cgQ);
        }
        var newP = SolveAll(l.RowStart, l.ArtistIndex, l.Plays, l.UserCount, ToDouble(q), l.ArtistCount, k, o, threads, usersSide: true);
        var newQ = SolveAll(t.ArtistStart, t.ArtistUsers, t.ArtistPlays, l.ArtistCount, ToDouble(newP), l.UserCount, k, o, threads, usersSide: false);
        return (newP, newQ);
    }

    /// <summary>The Gram matrices of factor arrays a sweep made, by array identity: a factor array is never written once a
    /// model holds it (FactorModel's rule), so PᵀP computed for the artists' half-sweep serves the loss, and the loss's
    /// QᵀWQ serves the next sweep's users. Only arrays the sweep made are entered (<c>cache</c>); any other is computed anew.</summary>
    private static readonly ConditionalWeakTable<float[], GramEntry> Grams = new();

    private sealed record GramEntry(int K, double[]? Weights, double[] Double, float[] Float);

    internal static (double[] Double, float[] Float) GramOf(float[] x, int rows, int k, double[]? weights, int threads, bool cache)
    {
        if (Grams.TryGetValue(x, out var e) && e.K == k && SameWeights(e.Weights, weights)) return (e.Double, e.Float);
        var g = Training.Gram.Weighted(x, rows, k, weights, threads);
        var f = Array.ConvertAll(g, v => (float)v);
        if (cache) Grams.AddOrUpdate(x, new GramEntry(k, weights, g, f));
        return (g, f);
    }

    private static bool SameWeights(double[]? a, double[]? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.AsSpan().SequenceEqual(b));

    /// <summary>Solves every row of one side from the other side's factors <paramref name="y"/> (otherCount×k, double).</summary>
    /// <remarks>With unobserved weights w: for users (<paramref name="usersSide"/>) the Gram matrix is QᵀWQ and listen j's
    /// baseline w_j; for an artist a, the Gram matrix PᵀP is scaled by w_a and every listen's baseline is w_a.
    /// <para>A row with at most k/4 listens (most artists), when every unlistened pair weighs 1 and α &gt; 0, is solved through
    /// the Woodbury identity from one Cholesky factor of A₀ = YᵀY + λI per half-sweep: with U = Yᵤᵀ (k×n) and
    /// D = Cᵤ − I, x₀ = A₀⁻¹YᵤᵀCᵤ1, Z = A₀⁻¹U, x = x₀ − Z(D⁻¹ + UᵀZ)⁻¹Uᵀx₀ — the same solution for O(k²n + n³) instead of
    /// O(k³) (the n×n system again by MathNet's Cholesky). Which path a row takes depends only on its listens.</para></remarks>
    internal static float[] SolveAll(int[] start, int[] index, int[] plays, int rows, double[] y, int otherCount, int k, ImplicitWeights o, int threads,
        bool usersSide = true, bool lowRank = true, float[]? warm = null)
    {
        // With warm (the rows' previous factors) every row takes o.Settings.CgSteps conjugate-gradient steps from there, in float.
        var w = o.UnobservedWeights;
        if (warm is not null)
        {
            var yf = Array.ConvertAll(y, v => (float)v);
            return ConjugateGradient.SolveAll(start, index, plays, new ConfidenceTable(o), rows, yf, otherCount, GramOf(yf, otherCount, k, usersSide ? w : null, threads, cache: false), k,
                o.Regularization, o.Settings.CgSteps, w, usersSide, warm, threads);
        }
        var gram = Gram(y, otherCount, k, usersSide ? w : null);
        var result = new float[rows * k];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        int lowRankMax = lowRank && w is null && o.Alpha > 0 ? k / 4 : 0;
        double[]? factor0 = null;
        if (lowRankMax > 0)
        {
            factor0 = (double[])gram.Clone();
            for (int i = 0; i < k; i++) factor0[i * k + i] += o.Regularization;
            LinearAlgebraControl.Provider.CholeskyFactor(factor0, k);
        }
        Parallel.For(0, rows, options,
            () => (A: new double[k * k], B: new double[k], C: new double[16], W: new double[16], L: new LowRankWork(lowRankMax, k)),
            (r, _, ws) =>
            {
                int s = start[r], n = start[r + 1] - s;
                if (n == 0) return ws; // no listens: the solution is 0, and the row is already 0
                if (n <= lowRankMax && AllAboveOne(plays.AsSpan(s, n), o))
                {
                    SolveLowRank(index.AsSpan(s, n), plays.AsSpan(s, n), o, y, factor0!, k, ws.L, ws.B, result.AsSpan(r * k, k));
                    return ws;
                }
                if (ws.C.Length < n) (ws.C, ws.W) = (new double[Math.Max(n, 2 * ws.C.Length)], new double[Math.Max(n, 2 * ws.C.Length)]);
                var c = ws.C.AsSpan(0, n);
                var baseline = ws.W.AsSpan(0, n);
                for (int i = 0; i < n; i++)
                {
                    c[i] = o.ConfidenceOf(plays[s + i]);
                    baseline[i] = w is null ? 1 : usersSide ? w[index[s + i]] : w[r];
                }
                double scale = w is null || usersSide ? 1 : w[r];
                SolveRow(index.AsSpan(s, n), c, baseline, y, gram, scale, k, o.Regularization, ws.A, ws.B, result.AsSpan(r * k, k));
                return ws;
            },
            _ => { });
        return result;
    }

    /// <summary>
    /// Solves (s·G + Σ_j (c_j − w_j) y_j y_jᵀ + λI) x = Σ_j c_j y_j for the listed rows j of y, into <paramref name="result"/>
    /// (s = <paramref name="gramScale"/>, w_j = <paramref name="baseline"/>, 1 for all without weights); a and b are k×k and k
    /// workspaces. Accumulation is in a fixed order (the order of <paramref name="index"/>).
    /// </summary>
    internal static unsafe void SolveRow(ReadOnlySpan<int> index, ReadOnlySpan<double> confidence, ReadOnlySpan<double> baseline, double[] y, double[] gram,
        double gramScale, int k, double lambda, double[] a, double[] b, Span<float> result)
    {
        if (gramScale == 1) Array.Copy(gram, a, k * k);
        else for (int i = 0; i < k * k; i++) a[i] = gramScale * gram[i];
        for (int i = 0; i < k; i++) a[i * k + i] += lambda;
        Array.Clear(b, 0, k);
        fixed (double* ap = a, bp = b, yp = y)
        {
            for (int t = 0; t < index.Length; t++)
            {
                double c = confidence[t];
                double* row = yp + (nint)index[t] * k;
                double w = c - baseline[t];
                for (int i = 0; i < k; i++)
                {
                    bp[i] += c * row[i];
                    Axpy(ap + i * k, row, w * row[i], k);
                }
            }
        }
        if (index.Length == 0)
        {
            result.Clear();
            return;
        }
        LinearAlgebraControl.Provider.CholeskyFactor(a, k);
        LinearAlgebraControl.Provider.CholeskySolveFactored(a, k, b, 1);
        for (int i = 0; i < k; i++) result[i] = (float)b[i];
    }

    /// <summary>
    /// The Woodbury solve of one row with n ≤ k/4 listens (see <see cref="SolveAll"/>); <paramref name="factor0"/> is the
    /// Cholesky factor of YᵀY + λI, <paramref name="work"/> the thread's workspaces, <paramref name="x0"/> one of k.
    /// </summary>
    internal static unsafe void SolveLowRank(ReadOnlySpan<int> index, ReadOnlySpan<int> plays, ImplicitWeights o, double[] y, double[] factor0, int k,
        LowRankWork work, double[] x0, Span<float> result)
    {
        int n = index.Length;
        var (z, c, sMatrix, v) = work.For(n);
        // Z = A₀⁻¹U, column t = A₀⁻¹y_t (column-major k×n, as MathNet's factored solve takes it).
        for (int t = 0; t < n; t++) Array.Copy(y, (long)index[t] * k, z, (long)t * k, k);
        LinearAlgebraControl.Provider.CholeskySolveFactored(factor0, k, z, n);
        Array.Clear(x0, 0, k);
        fixed (double* zp = z, yp = y, xp = x0)
        {
            for (int t = 0; t < n; t++)
            {
                c[t] = o.ConfidenceOf(plays[t]);
                Axpy(xp, zp + t * k, c[t], k); // x₀ = Σ c_t A₀⁻¹y_t
            }
            for (int t = 0; t < n; t++)
            {
                double* yt = yp + (nint)index[t] * k;
                for (int u = 0; u < n; u++) sMatrix[u * n + t] = Dot(yt, zp + u * k, k);
                sMatrix[t * n + t] += 1 / (c[t] - 1);
                v[t] = Dot(yt, xp, k);
            }
        }
        // S = D⁻¹ + UᵀZ is symmetric in exact arithmetic; use its upper triangle for both halves.
        for (int t = 0; t < n; t++)
            for (int u = t + 1; u < n; u++) sMatrix[t * n + u] = sMatrix[u * n + t];
        LinearAlgebraControl.Provider.CholeskyFactor(sMatrix, n);
        LinearAlgebraControl.Provider.CholeskySolveFactored(sMatrix, n, v, 1);
        fixed (double* zp = z, xp = x0)
            for (int t = 0; t < n; t++) Axpy(xp, zp + t * k, -v[t], k);
        for (int i = 0; i < k; i++) result[i] = (float)x0[i];
    }

    /// <summary>Exact-length workspaces (MathNet checks lengths) for the low-rank solve of n = 1..max listens, made on first use.</summary>
    internal sealed class LowRankWork(int max, int k)
    {
        private readonly (double[] Z, double[] C, double[] S, double[] V)?[] _byN = new (double[], double[], double[], double[])?[max + 1];

        public (double[] Z, double[] C, double[] S, double[] V) For(int n) =>
            _byN[n] ??= (new double[k * n], new double[n], new double[n * n], new double[n]);
    }

    private static bool AllAboveOne(ReadOnlySpan<int> plays, ImplicitWeights o)
    {
        foreach (var w in plays) if (!(o.ConfidenceOf(w) > 1)) return false;
        return true;
    }

    private static unsafe double Dot(double* a, double* b, int k)
    {
        double s = 0;
        for (int i = 0; i < k; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>x += s·y over k doubles, lane-wise (the same bits with or without SIMD).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void Axpy(double* x, double* y, double s, int k)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var sv = Vector256.Create(s);
            for (; i <= k - 4; i += 4) (Vector256.Load(x + i) + sv * Vector256.Load(y + i)).Store(x + i);
        }
        for (; i < k; i++) x[i] += s * y[i];
    }

    /// <summary>XᵀX (or XᵀWX with row weights <paramref name="weights"/>) of a rows×k row-major matrix, accumulated in row order.</summary>
    internal static unsafe double[] Gram(double[] x, int rows, int k, IReadOnlyList<double>? weights = null)
    {
        var g = new double[k * k];
        fixed (double* gp = g, xp = x)
        {
            for (int r = 0; r < rows; r++)
            {
                double* row = xp + (nint)r * k;
                double wr = weights is null ? 1 : weights[r];
                for (int i = 0; i < k; i++)
                    if (row[i] != 0) Axpy(gp + i * k, row, wr * row[i], k);
            }
        }
        return g;
    }

    internal static double[] ToDouble(float[] x)
    {
        var d = new double[x.Length];
        for (int i = 0; i < x.Length; i++) d[i] = x[i];
        return d;
    }

    /// <summary>
    /// The objective over all M·N pairs divided by the number of fit pairs:
    /// (Σ_{all} w_a (p·q)² + Σ_{listened} [c(1 − p·q)² − w_a (p·q)²] + λ(‖P‖² + ‖Q‖²)) / |Ω|, the first sum as Σ_ij (PᵀP)_ij (QᵀWQ)_ij
    /// (w_a = 1 without unobserved weights). What the sweep already has is not computed again: PᵀP is the artists' half-sweep's
    /// Gram matrix, <paramref name="observed"/> (per artist, from the conjugate-gradient sweep) the listened sum; QᵀWQ of the
    /// new Q is computed here and, with <paramref name="cacheGrams"/>, kept for the next sweep's users. Without
    /// <paramref name="observed"/> the listened sum takes one pass over the listens (n·k, in double).
    /// </summary>
    internal static double Loss(TrainingData d, float[] p, float[] q, int k, ImplicitWeights o, int threads = 1, double[]? observed = null, bool cacheGrams = false)
    {
        var l = d.Fit.Listens;
        var gp = GramOf(p, l.UserCount, k, null, threads, cache: false).Double;
        var gq = GramOf(q, l.ArtistCount, k, o.UnobservedWeights, threads, cacheGrams).Double;
        double all = 0, norms = 0;
        for (int i = 0; i < gp.Length; i++) all += gp[i] * gq[i];
        for (int i = 0; i < k; i++) norms += gp[i * k + i];
        foreach (var v in q) norms += (double)v * v; // ‖Q‖², unweighted (the diagonal of QᵀWQ is weighted)
        double listened = 0;
        if (observed is not null) foreach (var v in observed) listened += v;
        else
        {
            listened = ConjugateGradient.ObservedSum(l.RowStart, l.ArtistIndex, l.Plays, Structure.Of(d).Confidences(o), l.UserCount, q, p, k, o.UnobservedWeights, usersSide: true, threads);
        }
        return (all + listened + o.Regularization * norms) / Math.Max(1, l.Count);
    }
}
