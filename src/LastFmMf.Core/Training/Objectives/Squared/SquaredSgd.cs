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
        SquaredLoss.Evaluate(model, data, (SquaredSettings)hp.Objective).Loss;

    public EpochOutcome Epoch(TrainingState state, TrainingData data, Hyperparameters hp)
    {
        var s = (SquaredSettings)hp.Objective;
        var m = state.Model;
        int k = m.Factors, users = m.UserCount, artists = m.ArtistCount;
        double lr = state.LearningRate(s.LearningRate, s.LearningRateDecay);
        // Every element is written below (copied or shrunk), so the new arrays need no zeroing.
        var p = GC.AllocateUninitializedArray<float>(m.UserFactors.Length);
        var q = GC.AllocateUninitializedArray<float>(m.ArtistFactors.Length);
        if (s.Gravity > 0)
        {
            m.WithGramsOn(hp.ThreadCount);
            // One exact full-gradient step on the gravity term, from the epoch's starting state (Gram matrices of it).
            double c = lr * data.FitCount * s.Gravity / ((double)users * artists);
            SquaredLoss.ShrinkRows(m.UserFactors, p, users, k, m.ArtistGram, c, hp.ThreadCount);
            SquaredLoss.ShrinkRows(m.ArtistFactors, q, artists, k, m.UserGram, c, hp.ThreadCount);
        }
        else
        {
            Array.Copy(m.UserFactors, p, p.Length);
            Array.Copy(m.ArtistFactors, q, q.Length);
        }
        var bu = (float[])m.UserBias.Clone();
        var ba = (float[])m.ArtistBias.Clone();
        float flr = (float)lr, lambda = (float)s.Regularization, lbu = (float)s.UserBiasRegularization, lba = (float)s.ArtistBiasRegularization;
        BlockRunner.Run(data, hp.Seed, state.Epoch, hp.ThreadCount, v =>
            Pass(data.Ratings, v.Start, v.Count, v.First, v.Step, s.UseBiases, data.GlobalMeanF, flr, lambda, lbu, lba,
                data.InverseUserCounts, data.InverseArtistCounts, p, q, bu, ba, k));
        var model = m.With(p, q, bu, ba);
        if (s.Gravity > 0) model.WithGramsOn(hp.ThreadCount); // the loss and the next epoch's gravity step read them
        // Every trained factor and bias enters some fit prediction, and gravity (when on) covers every row, so a finite
        // loss also means no NaN or infinity anywhere in the model.
        var (loss, trainRmse) = SquaredLoss.Evaluate(model, data, s);
        return new EpochOutcome(model, loss,
        [
            new(MeasureNames.LearningRate, lr),
            new(MeasureNames.TrainRmse, trainRmse),
            new(MeasureNames.ValidationRmse, data.Validation is null ? null : SquaredLoss.Rmse(model, data.ValidationSet)),
            new(MeasureNames.TestRmse, data.Test is null ? null : SquaredLoss.Rmse(model, data.TestSet)),
        ]);
    }

    public double[]? ArtistWeights(TrainingData data, Hyperparameters hp) => null;

    public FoldedListener FoldIn(FactorModel model, ModelOrigin origin, int[] artists, float[] plays, double? regularization)
    {
        var s = (SquaredSettings)origin.Hyperparameters.Objective;
        return SquaredFoldIn.Solve(model, artists, plays, regularization ?? s.Regularization, s.UserBiasRegularization, s.Gravity, origin.FitPairs);
    }

    /// <summary>
    /// The hot loop: n updates, visiting ratings[start + (first + j·step) mod n]. Per pair (u, a) with n_u, n_a fit
    /// listens: e = r − r̂; b_u += η(e − (λ_bu/n_u) b_u); b_a += η(e − (λ_ba/n_a) b_a);
    /// p_u += η(e q_a − (λ/n_u) p_u); q_a += η(e p_u − (λ/n_a) q_a).
    /// </summary>
    internal static void Pass(Rating[] ratings, int start, int n, int first, int step, bool useBiases, float mu, float lr,
        float lambda, float lambdaUserBias, float lambdaArtistBias, float[] invUser, float[] invArtist, float[] p, float[] q, float[] bu, float[] ba, int k)
    {
        float lrLambda = lr * lambda, lrLambdaUserBias = lr * lambdaUserBias, lrLambdaArtistBias = lr * lambdaArtistBias;
        fixed (Rating* rs = &ratings[start])
        fixed (float* pp = p, qq = q, bup = bu, bap = ba, iu = invUser, ia = invArtist)
        {
            int idx = first;
            if (useBiases)
            {
                for (int j = 0; j < n; j++)
                {
                    Rating* r = rs + idx;
                    int u = r->User, a = r->Artist;
                    float* pu = pp + (nint)u * k;
                    float* qa = qq + (nint)a * k;
                    float dot = Kernels.Dot(pu, qa, k);
                    float bU = bup[u], bA = bap[a], iU = iu[u], iA = ia[a];
                    float e = r->Target - (mu + bU + bA + dot);
                    bup[u] = bU + (lr * e - lrLambdaUserBias * iU * bU);
                    bap[a] = bA + (lr * e - lrLambdaArtistBias * iA * bA);
                    Kernels.Update(pu, qa, k, lr * e, 1f - lrLambda * iU, 1f - lrLambda * iA);
                    idx += step;
                    if (idx >= n) idx -= n;
                }
            }
            else
            {
                for (int j = 0; j < n; j++)
                {
                    Rating* r = rs + idx;
                    int u = r->User, a = r->Artist;
                    float* pu = pp + (nint)u * k;
                    float* qa = qq + (nint)a * k;
                    float e = r->Target - Kernels.Dot(pu, qa, k);
                    Kernels.Update(pu, qa, k, lr * e, 1f - lrLambda * iu[u], 1f - lrLambda * ia[a]);
                    idx += step;
                    if (idx >= n) idx -= n;
                }
            }
        }
    }
}
