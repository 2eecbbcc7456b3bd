using System.Runtime.CompilerServices;
using LastFmMf.Ranking;
using LastFmMf.Scoring;

namespace LastFmMf.Training;

/// <summary>
/// The Squared objective (see <see cref="SquaredSettings"/>): an epoch is one exact gradient step on the gravity term and
/// one SGD pass over the fit pairs in the FPSGD block schedule (<see cref="BlockRunner"/>); fold-in is
/// <see cref="SquaredFoldIn"/>.
/// </summary>
internal sealed unsafe class SquaredSgd : IObjective
{
    public static SquaredSgd Instance { get; } = new();

    public string Name => "Squared";
    public string Description => "Squared error on the play counts of observed pairs, L2 and gravity, by SGD: predicts play counts (RMSE).";
    public Type SettingsType => typeof(SquaredSettings);
    public bool PredictsTargets => true;

    public Hyperparameters Defaults { get; } = new() { Objective = SquaredSettings.Default };

    public void Validate(Hyperparameters hp) { }

    public double InitialLoss(FactorModel model, TrainingData data, Hyperparameters hp) =>
        SquaredLoss.Evaluate(model, data, (SquaredSettings)hp.Objective, hp.ThreadCount).Loss;

    public EpochOutcome Epoch(TrainingState state, TrainingData data, Hyperparameters hp)
    {
        var s = (SquaredSettings)hp.Objective;
        var m = state.Model;
        int k = m.Factors, users = m.UserCount, artists = m.ArtistCount;
        double lr = state.LearningRate(s.LearningRate, s.LearningRateDecay);
        float[] p, q;
        if (s.Gravity > 0)
        {
            // Every element is written by the shrink, so the new arrays need no zeroing.
            p = GC.AllocateUninitializedArray<float>(m.UserFactors.Length);
            q = GC.AllocateUninitializedArray<float>(m.ArtistFactors.Length);
            m.WithGramsOn(hp.ThreadCount);
            // One exact full-gradient step on the gravity term, from the epoch's starting state (Gram matrices of it).
            double c = lr * data.FitCount * s.Gravity / ((double)users * artists);
            SquaredLoss.ShrinkRows(m.UserFactors, p, users, k, m.ArtistGram, c, hp.ThreadCount);
            SquaredLoss.ShrinkRows(m.ArtistFactors, q, artists, k, m.UserGram, c, hp.ThreadCount);
        }
        else
        {
            p = FactorArrays.CopyOf(m.UserFactors, hp.ThreadCount);
            q = FactorArrays.CopyOf(m.ArtistFactors, hp.ThreadCount);
        }
        var bu = (float[])m.UserBias.Clone();
        var ba = (float[])m.ArtistBias.Clone();
        float flr = (float)lr, lambda = (float)s.Regularization, lbu = (float)s.UserBiasRegularization, lba = (float)s.ArtistBiasRegularization;
        var squares = new double[data.BlockCount * data.BlockCount];
        BlockRunner.Run(data, hp.Seed, state.Epoch, hp.ThreadCount, v =>
            squares[v.Block] = Pass(data.Ratings, v, s.UseBiases, data.GlobalMeanF, flr, lambda, lbu, lba,
                data.InverseUserCounts, data.InverseArtistCounts, p, q, bu, ba, k));
        var model = m.With(p, q, bu, ba);
        if (s.Gravity > 0) model.WithGramsOn(hp.ThreadCount); // the loss and the next epoch's gravity step read them
        // The pairs' share of the loss is the pass's running one (summed in block order: the same bits for any thread
        // count); the L2 and gravity terms are the new model's. EpochStep checks every factor and bias for NaN and ∞.
        var (loss, trainRmse) = SquaredLoss.Evaluate(model, data, s, hp.ThreadCount, SquaredLoss.InOrder(squares));
        return new EpochOutcome(model, loss,
        [
            new(MeasureNames.LearningRate, lr),
            new(MeasureNames.TrainRmse, trainRmse),
            new(MeasureNames.ValidationRmse, data.Validation is null ? null : SquaredLoss.Rmse(model, data.Validation.Listens, data.Targets, hp.ThreadCount)),
            new(MeasureNames.TestRmse, data.Test is null ? null : SquaredLoss.Rmse(model, data.Test.Listens, data.Targets, hp.ThreadCount)),
        ]);
    }

    public double[]? ArtistWeights(TrainingData data, Hyperparameters hp) => null;

    public FoldedListener FoldIn(FactorModel model, ModelOrigin origin, int[] artists, float[] plays, double? regularization)
    {
        var s = (SquaredSettings)origin.Hyperparameters.Objective;
        return SquaredFoldIn.Solve(model, artists, plays, regularization ?? s.Regularization, s.UserBiasRegularization, s.Gravity, origin.FitPairs);
    }

    /// <summary>
    /// The hot loop: the block's pairs in the visit's order (<see cref="BlockWalk"/>). Per pair (u, a) with n_u, n_a fit
    /// listens: e = r − r̂; b_u += η(e − (λ_bu/n_u) b_u); b_a += η(e − (λ_ba/n_a) b_a);
    /// p_u += η(e q_a − (λ/n_u) p_u); q_a += η(e p_u − (λ/n_a) q_a). Returns Σ e², each e taken before its step (the
    /// running loss, fused here so the epoch needs no second pass over the pairs).
    /// </summary>
    internal static double Pass(Rating[] ratings, BlockVisit v, bool useBiases, float mu, float lr,
        float lambda, float lambdaUserBias, float lambdaArtistBias, float[] invUser, float[] invArtist, float[] p, float[] q, float[] bu, float[] ba, int k)
    {
        fixed (float* pp = p, qq = q, bup = bu, bap = ba, iu = invUser, ia = invArtist)
        {
            var step = new Step
            {
                P = pp, Q = qq, UserBias = bup, ArtistBias = bap, InvUser = iu, InvArtist = ia, K = k, UseBiases = useBiases, Mu = mu,
                Lr = lr, LrLambda = lr * lambda, LrLambdaUserBias = lr * lambdaUserBias, LrLambdaArtistBias = lr * lambdaArtistBias,
            };
            BlockWalk.Walk(ratings, v, ref step);
            return step.Squares;
        }
    }

    private struct Step : IPairStep
    {
        public float* P, Q, UserBias, ArtistBias, InvUser, InvArtist;
        public int K;
        public bool UseBiases;
        public float Mu, Lr, LrLambda, LrLambdaUserBias, LrLambdaArtistBias;
        public double Squares;

        /// <summary>The artist's row and 1/n_a (<see cref="BlockWalk.AskForArtist"/>), and its bias, read at random too.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Ahead(Rating* r)
        {
            BlockWalk.AskForArtist(r, Q, InvArtist, K);
            if (UseBiases) Kernels.Prefetch(ArtistBias + r->Artist);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Visit(Rating* r)
        {
            int u = r->User, a = r->Artist;
            float* pu = P + (nint)u * K;
            float* qa = Q + (nint)a * K;
            float e;
            if (UseBiases)
            {
                float dot = Kernels.Dot(pu, qa, K);
                float bU = UserBias[u], bA = ArtistBias[a];
                e = r->Target - (Mu + bU + bA + dot);
                UserBias[u] = bU + (Lr * e - LrLambdaUserBias * InvUser[u] * bU);
                ArtistBias[a] = bA + (Lr * e - LrLambdaArtistBias * InvArtist[a] * bA);
            }
            else e = r->Target - Kernels.Dot(pu, qa, K);
            Squares += (double)e * e;
            Kernels.Update(pu, qa, K, Lr * e, 1f - LrLambda * InvUser[u], 1f - LrLambda * InvArtist[a]);
        }
    }
}
