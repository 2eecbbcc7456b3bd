using LastFmMf.Data;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LastFmMf.Ranking;
using LastFmMf.Splitting;
using LastFmMf.Scoring;
using LastFmMf.Randomness;

namespace LastFmMf.Training;

/// <summary>
/// Bayesian personalised ranking (Rendle et al., UAI 2009) by SGD over the FPSGD block schedule (<see cref="BlockRunner"/>), shared with Squared.
/// Each fit pair (u, i) of a block is visited once per epoch, in the block's seeded order (see BlockRunner), with a negative j drawn
/// from the stream (seed, NegativeSampling, epoch, block) among the artists of the block's own artist range that u has
/// no fit listen of. Keeping j in the block's range keeps the B blocks of a round free of shared artists, so they run in
/// parallel and the result is bit-identical for any thread count. The ranges are balanced by listens, so a range of
/// popular artists holds fewer artists: "Uniform" is uniform within the range, which tilts the global draw mildly
/// towards popular artists; "Popularity" weights by (listeners + 1)^β within the range.
/// </summary>
internal sealed unsafe class BprSgd : IObjective
{
    public static BprSgd Instance { get; } = new();

    /// <summary>Draws of j per sample before giving up when all drawn artists are the user's positives (the sample is then skipped).</summary>
    internal const int MaxDraws = 16;

    public string Name => "Bpr";
    public string Description => "Bayesian personalised ranking by SGD: ranks a listened artist above a sampled unheard one.";
    public Type SettingsType => typeof(BprSettings);
    public bool PredictsTargets => false;

    public Hyperparameters Defaults { get; } = new()
    {
        Objective = BprSettings.Default, Factors = 64, Epochs = 200, InitStdDev = 0.01, Patience = 25, ValidationFraction = 0.1,
    };

    public void Validate(Hyperparameters hp) { }

    public string? Inapplicable(ObjectiveSettings settings, string setting) =>
        setting == nameof(BprSettings.NegativeSamplingExponent) && ((BprSettings)settings).NegativeSampling != NegativeSampling.Popularity
            ? "NegativeSamplingExponent is read only with NegativeSampling Popularity"
            : null;

    /// <summary>ln 2: −ln σ(0), the loss of scores that cannot tell artists apart.</summary>
    public double InitialLoss(FactorModel model, TrainingData data, Hyperparameters hp) => Math.Log(2);

    public EpochOutcome Epoch(TrainingState state, TrainingData data, Hyperparameters hp)
    {
        var s = (BprSettings)hp.Objective;
        var m = state.Model;
        double lr = state.LearningRate(s.LearningRate, s.LearningRateDecay);
        var p = FactorArrays.CopyOf(m.UserFactors, hp.ThreadCount);
        var q = FactorArrays.CopyOf(m.ArtistFactors, hp.ThreadCount);
        var ba = (float[])m.ArtistBias.Clone();
        double loss = RunEpoch(data, s, hp.Seed, state.Epoch, hp.ThreadCount, (float)lr, p, q, ba, m.Factors);
        return new EpochOutcome(m.With(p, q, m.UserBias, ba), loss, [new(MeasureNames.LearningRate, lr)]);
    }

    public double[]? ArtistWeights(TrainingData data, Hyperparameters hp) => null;

    public FoldedListener FoldIn(FactorModel model, ModelOrigin origin, int[] artists, float[] plays, double? regularization) =>
        BprFoldIn.Solve(model, artists, plays, regularization ?? ((BprSettings)origin.Hyperparameters.Objective).Regularization);

    /// <summary>
    /// One epoch; updates p, q, ba (the epoch's private copies) in place and returns the mean over the samples of
    /// −ln σ(x_uij), each taken before its step, in the block schedule of <see cref="BlockRunner"/>.
    /// </summary>
    internal static double RunEpoch(TrainingData d, BprSettings s, int seed, int epoch, int threads, float lr, float[] p, float[] q, float[] ba, int k)
    {
        int b = d.BlockCount;
        var cumulative = s.NegativeSampling == NegativeSampling.Popularity ? CumulativeWeights(d, s.NegativeSamplingExponent) : null;
        var loss = new double[b * b];
        var count = new long[b * b];
        var listens = d.Fit.Listens;
        float lambda = (float)s.Regularization, lambdaBias = s.UseBiases ? (float)s.ArtistBiasRegularization : 0f;
        bool biases = s.UseBiases;
        BlockRunner.Run(d, seed, epoch, threads, v =>
        {
            int a0 = d.ArtistBlockStart[v.Column], a1 = d.ArtistBlockStart[v.Column + 1];
            var negatives = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, StreamPurpose.NegativeSampling, (ulong)epoch, (ulong)v.Block));
            fixed (float* pp = p, qq = q, bap = ba)
            {
                var step = new PairStep
                {
                    P = pp, Q = qq, ArtistBias = bap, K = k, Lr = lr, Lambda = lambda, LambdaBias = lambdaBias, Biases = biases,
                    A0 = a0, A1 = a1, Listens = listens, Cumulative = cumulative, Negatives = negatives,
                };
                BlockWalk.Walk(d.Ratings, v, ref step);
                loss[v.Block] = step.Sum;
                count[v.Block] = step.Samples;
            }
        });
        double total = 0;
        long n = 0;
        for (int i = 0; i < loss.Length; i++) { total += loss[i]; n += count[i]; }
        return n == 0 ? Math.Log(2) : total / n;
    }

    /// <summary>
    /// One sample: u's listened artist i against a negative j drawn in the block's artist range (see the class). The
    /// negative is drawn when the walk announces the pair (<see cref="IPairStep.Ahead"/>, in visit order: the same draws
    /// as at the visit), so that its row, a random one of the range, is on its way before the step needs it.
    /// </summary>
    private struct PairStep : IPairStep
    {
        public float* P, Q, ArtistBias;
        public int K, A0, A1;
        public float Lr, Lambda, LambdaBias;
        public bool Biases;
        public Interactions Listens;
        public double[]? Cumulative;
        public SeededRandom Negatives;
        public double Sum;
        public long Samples;
        // The negatives of the announced pairs not yet visited (at most PrefetchAhead + 1), oldest at Visited.
        private fixed int _drawn[Ring];
        private int _announced, _visited;
        private const int Ring = 2 * Kernels.PrefetchAhead; // a power of two, so that & (Ring − 1) wraps

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Ahead(Rating* r)
        {
            var mine = Listens.ArtistsOf(r->User);
            int j = -1;
            for (int draw = 0; draw < MaxDraws; draw++)
            {
                int c = Cumulative is null ? A0 + Negatives.NextInt(A1 - A0) : Draw(Cumulative, A0, A1, Negatives.NextDouble());
                if (mine.BinarySearch(c) < 0) { j = c; break; }
            }
            _drawn[_announced++ & (Ring - 1)] = j;
            if (j < 0) return;
            Kernels.Prefetch(Q + (nint)r->Artist * K, K);
            Kernels.Prefetch(Q + (nint)j * K, K);
            if (Biases) { Kernels.Prefetch(ArtistBias + r->Artist); Kernels.Prefetch(ArtistBias + j); }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Visit(Rating* r)
        {
            int u = r->User, i = r->Artist, j = _drawn[_visited++ & (Ring - 1)];
            if (j < 0) return;
            float bi = Biases ? ArtistBias[i] : 0f, bj = Biases ? ArtistBias[j] : 0f;
            Sum += Step(P + (nint)u * K, Q + (nint)i * K, Q + (nint)j * K, ref bi, ref bj, K, Lr, Lambda, LambdaBias, Biases);
            if (Biases) { ArtistBias[i] = bi; ArtistBias[j] = bj; }
            Samples++;
        }
    }

    /// <summary>Prefix sums of (listeners + 1)^β over all artists, restarting at 0 at each artist range's start.</summary>
    private static double[] CumulativeWeights(TrainingData d, double beta)
    {
        var c = new double[d.ArtistCount];
        var starts = d.ArtistBlockStart;
        for (int r = 0; r + 1 < starts.Length; r++)
        {
            double acc = 0;
            for (int a = starts[r]; a < starts[r + 1]; a++)
            {
                acc += Math.Pow(d.ArtistCounts[a] + 1.0, beta);
                c[a] = acc;
            }
        }
        return c;
    }

    /// <summary>The artist a in [a0, a1) with cumulative[a−1] ≤ x·total &lt; cumulative[a] (cumulative restarts at a0).</summary>
    private static int Draw(double[] cumulative, int a0, int a1, double x)
    {
        double target = x * cumulative[a1 - 1];
        int lo = a0, hi = a1 - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (cumulative[mid] > target) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>Span form of <see cref="Step(float*, float*, float*, ref float, ref float, int, float, float, float, bool)"/> (distinct rows).</summary>
    internal static double Step(Span<float> pu, Span<float> qi, Span<float> qj, ref float bi, ref float bj, float lr, float lambda, float lambdaBias, bool useBiases)
    {
        if (pu.Length != qi.Length || pu.Length != qj.Length) throw new ArgumentException("The rows differ in length.");
        fixed (float* p = pu, i = qi, j = qj) return Step(p, i, j, ref bi, ref bj, pu.Length, lr, lambda, lambdaBias, useBiases);
    }

    /// <summary>
    /// One SGD step on ℓ = −ln σ(x) + (λ/2)(‖p_u‖² + ‖q_i‖² + ‖q_j‖²) + (λ_b/2)(b_i² + b_j²), x = b_i − b_j + p_u·(q_i − q_j)
    /// (biases only when <paramref name="useBiases"/>): with g = σ(−x), from the old values,
    /// p_u += η(g(q_i − q_j) − λp_u); q_i += η(g p_u − λq_i); q_j += η(−g p_u − λq_j); b_i += η(g − λ_b b_i); b_j += η(−g − λ_b b_j).
    /// Returns −ln σ(x) before the step.
    /// </summary>
    internal static double Step(float* pu, float* qi, float* qj, ref float bi, ref float bj, int k, float lr, float lambda, float lambdaBias, bool useBiases)
    {
        float x = Kernels.Dot(pu, qi, k) - Kernels.Dot(pu, qj, k);
        if (useBiases) x += bi - bj;
        float g = 1f / (1f + MathF.Exp(x));
        double l = x > 0 ? Math.Log(1 + Math.Exp(-(double)x)) : -x + Math.Log(1 + Math.Exp(x));
        Update(pu, qi, qj, k, lr * g, 1f - lr * lambda);
        if (useBiases)
        {
            float oi = bi, oj = bj;
            bi = oi + lr * (g - lambdaBias * oi);
            bj = oj + lr * (-g - lambdaBias * oj);
        }
        return l;
    }

    /// <summary>p' = s·p + c(q_i − q_j); q_i' = s·q_i + c·p; q_j' = s·q_j − c·p (from the old values), lane-wise in a fixed order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(float* p, float* qi, float* qj, int k, float c, float s)
    {
        int f = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var cv = Vector256.Create(c);
            var sv = Vector256.Create(s);
            for (; f <= k - 8; f += 8)
            {
                var pv = Vector256.Load(p + f);
                var iv = Vector256.Load(qi + f);
                var jv = Vector256.Load(qj + f);
                (sv * pv + cv * (iv - jv)).Store(p + f);
                (sv * iv + cv * pv).Store(qi + f);
                (sv * jv - cv * pv).Store(qj + f);
            }
        }
        for (; f < k; f++)
        {
            float pv = p[f], iv = qi[f], jv = qj[f];
            p[f] = s * pv + c * (iv - jv);
            qi[f] = s * iv + c * pv;
            qj[f] = s * jv - c * pv;
        }
    }
}
