using System.Runtime.CompilerServices;
using LastFmMf.Ranking;
using LastFmMf.Scoring;

namespace LastFmMf.Training;

/// <summary>
/// The Preference objective (see <see cref="PreferenceSettings"/>): the course's squared loss and gravity term on
/// preferences, by SGD in the FPSGD block schedule (<see cref="BlockRunner"/>), with its exact fold-in.
/// </summary>
internal sealed unsafe class PreferenceSgd : IObjective
{
    public static PreferenceSgd Instance { get; } = new();

    public string Name => "Preference";
    public string Description => "The course's squared loss with gravity over all pairs, by SGD, on preferences: ranks well.";
    public Type SettingsType => typeof(PreferenceSettings);
    public bool PredictsTargets => false;

    public Hyperparameters Defaults { get; } = new()
    {
        Objective = PreferenceSettings.Default, Factors = 256, Epochs = 80, InitStdDev = 0.01, ValidationFraction = 0.1, Patience = 8,
        ValidationUsers = 500,
    };

    public void Validate(Hyperparameters hp) { }

    public double InitialLoss(FactorModel model, TrainingData data, Hyperparameters hp) =>
        Loss(model, data, (PreferenceSettings)hp.Objective, hp.ThreadCount);

    public EpochOutcome Epoch(TrainingState state, TrainingData data, Hyperparameters hp)
    {
        var s = (PreferenceSettings)hp.Objective;
        var m = state.Model;
        int k = m.Factors, users = m.UserCount, artists = m.ArtistCount, b = data.BlockCount;
        double lr = state.LearningRate(s.LearningRate, s.LearningRateDecay);
        var p = FactorArrays.CopyOf(m.UserFactors, hp.ThreadCount);
        var q = FactorArrays.CopyOf(m.ArtistFactors, hp.ThreadCount);
        int steps = Math.Min(s.GravitySteps, b);
        // Each gravity step takes 1/steps of the epoch's share |Ω|·λ_g/(MN), from the Gram matrices of the factors as
        // they are at that point (chunked sums: the same bits as the model's cached ones, for any thread count).
        double c = lr * data.FitCount * s.Gravity / ((double)users * artists) / steps;
        void Gravity(int round)
        {
            if (s.Gravity == 0 || (round > 0 && round * steps / b == (round - 1) * steps / b)) return;
            var gq = round == 0 ? m.WithGramsOn(hp.ThreadCount).ArtistGram : Gram.Of(q, artists, k, hp.ThreadCount);
            var gp = round == 0 ? m.UserGram : Gram.Of(p, users, k, hp.ThreadCount);
            SquaredLoss.ShrinkRows(p, p, users, k, gq, c, hp.ThreadCount);
            SquaredLoss.ShrinkRows(q, q, artists, k, gp, c, hp.ThreadCount);
        }
        float flr = (float)lr, lambda = (float)s.Regularization, alpha = (float)s.Alpha;
        var squares = new double[b * b];
        BlockRunner.Run(data, hp.Seed, state.Epoch, hp.ThreadCount,
            v => squares[v.Block] = Pass(data.Ratings, v, flr, lambda, alpha, data.InverseUserCounts, data.InverseArtistCounts, p, q, k),
            Gravity);
        var model = m.With(p, q, m.UserBias, m.ArtistBias).WithGramsOn(hp.ThreadCount);
        // The pairs' share of the loss is the pass's running one; L2 and gravity are the new model's.
        return new EpochOutcome(model, Loss(model, data, s, hp.ThreadCount, SquaredLoss.InOrder(squares)), [new(MeasureNames.LearningRate, lr)]);
    }

    public double[]? ArtistWeights(TrainingData data, Hyperparameters hp) => null;

    /// <summary>
    /// The exact user step: with Q fixed, p minimises Σ_{a∈L} c_a (1 − p·q_a)² + λ‖p‖² + λ_g (|Ω|/(MN)) pᵀ(QᵀQ)p, the share
    /// of J of one user: <see cref="SquaredFoldIn"/>'s weighted least squares.
    /// </summary>
    public FoldedListener FoldIn(FactorModel model, ModelOrigin origin, int[] artists, float[] plays, double? regularization)
    {
        var s = (PreferenceSettings)origin.Hyperparameters.Objective;
        // The squared-loss fold-in of a model without biases, with target 1 and the confidence as the weight of each listen.
        return SquaredFoldIn.Solve(model, artists, plays, _ => 1, i => 1 + s.Alpha * Math.Log(1 + plays[i]),
            regularization ?? s.Regularization, 0, s.Gravity, origin.FitPairs);
    }

    /// <summary>J of a model on the fit pairs (see <see cref="PreferenceSettings"/>).</summary>
    internal static double Loss(FactorModel m, TrainingData d, PreferenceSettings s, int threads, double? squares = null) =>
        SquaredLoss.Evaluate(m, d, s.Regularization, 0, 0, s.Gravity, s.Alpha, threads, squares).Loss;

    /// <summary>
    /// The hot loop: the block's pairs in the visit's order (<see cref="BlockWalk"/>). Per pair (u, a) with confidence
    /// c = 1 + α·t (t the Log target ln(1 + plays), or 1 with α = 0): e = c(1 − p_u·q_a);
    /// p_u += η(e q_a − (λ/n_u) p_u); q_a += η(e p_u − (λ/n_a) q_a). Returns Σ c(1 − p_u·q_a)², each taken before its
    /// step (the running loss, fused here so the epoch needs no second pass over the pairs).
    /// </summary>
    internal static double Pass(Rating[] ratings, BlockVisit v, float lr, float lambda, float alpha,
        float[] invUser, float[] invArtist, float[] p, float[] q, int k)
    {
        fixed (float* pp = p, qq = q, iu = invUser, ia = invArtist)
        {
            var step = new Step { P = pp, Q = qq, InvUser = iu, InvArtist = ia, K = k, Lr = lr, LrLambda = lr * lambda, Alpha = alpha };
            BlockWalk.Walk(ratings, v, ref step);
            return step.Squares;
        }
    }

    private struct Step : IPairStep
    {
        public float* P, Q, InvUser, InvArtist;
        public int K;
        public float Lr, LrLambda, Alpha;
        public double Squares;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Ahead(Rating* r) => BlockWalk.AskForArtist(r, Q, InvArtist, K);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Visit(Rating* r)
        {
            int u = r->User, a = r->Artist;
            float* pu = P + (nint)u * K;
            float* qa = Q + (nint)a * K;
            float error = 1f - Kernels.Dot(pu, qa, K);
            float e = (1f + Alpha * r->Target) * error;
            Squares += (double)e * error;
            Kernels.Update(pu, qa, K, Lr * e, 1f - LrLambda * InvUser[u], 1f - LrLambda * InvArtist[a]);
        }
    }
}
