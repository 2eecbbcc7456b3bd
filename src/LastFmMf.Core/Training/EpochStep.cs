using System.Diagnostics;
using LastFmMf.Splitting;

namespace LastFmMf.Training;

/// <summary>
/// One epoch as a pure function: <c>Next(state, data, hp) -> state</c>. The input state is never changed: the step
/// copies the factor and bias arrays, updates only the copies, and returns them in a new state. Only the hot loop is
/// hand-written (<see cref="Kernels"/>); its order is fixed by the seed, so the result does not depend on threads.
/// </summary>
public static class EpochStep
{
    /// <summary>How far J may grow beyond its initial value before the run counts as diverged.</summary>
    internal const double DivergenceFactor = 1e3;

    /// <summary>
    /// Runs epoch <c>state.Epoch + 1</c>: the gravity step (when λ_g &gt; 0), one SGD pass over the fit pairs in the
    /// seeded block schedule, then evaluation, divergence check and early-stopping bookkeeping.
    /// </summary>
    /// <exception cref="TrainingDivergedException">J became NaN/∞ or grew past 1000× its start; no state is returned.</exception>
    public static TrainingState Next(TrainingState state, TrainingData data, Hyperparameters hp)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(hp);
        CheckCompatible(state, data, hp);
        if (hp.Objective != ObjectiveKind.Squared) return RankingEpochStep.Next(state, data, hp);
        var clock = Stopwatch.StartNew();
        var m = state.Model;
        int k = m.Factors, users = m.UserCount, artists = m.ArtistCount;
        double lr = state.NextLearningRate(hp);
        // Every element is written below (copied or shrunk), so the new arrays need no zeroing.
        var p = GC.AllocateUninitializedArray<float>(m.UserFactors.Length);
        var q = GC.AllocateUninitializedArray<float>(m.ArtistFactors.Length);
        if (hp.Gravity > 0)
        {
            // One exact full-gradient step on the gravity term, from the epoch's starting state (Gram matrices of it).
            double c = lr * data.FitCount * hp.Gravity / ((double)users * artists);
            Objective.ShrinkRows(m.UserFactors, p, users, k, m.ArtistGram, c);
            Objective.ShrinkRows(m.ArtistFactors, q, artists, k, m.UserGram, c);
        }
        else
        {
            Array.Copy(m.UserFactors, p, p.Length);
            Array.Copy(m.ArtistFactors, q, q.Length);
        }
        var bu = (float[])m.UserBias.Clone();
        var ba = (float[])m.ArtistBias.Clone();
        switch (hp.Objective)
        {
            case ObjectiveKind.Squared:
                Sgd.RunEpoch(data, hp, state.Seed, state.Epoch, (float)lr, p, q, bu, ba, k);
                break;
            // Ranking objectives (BPR by SGD over the same block schedule, implicit ALS) plug in here: each updates
            // the epoch's private copies p, q, bu, ba, and Objective.Evaluate gains the matching J.
            default:
                throw new NotSupportedException($"Objective {hp.Objective} is not implemented yet.");
        }

        int epoch = state.Epoch + 1;
        var model = new FactorModel(k, p, q, bu, ba, m.GlobalMeanF, m.UseBiases, m.Transform, m.Users, m.ArtistIds, m.Artists);
        // Every trained factor and bias enters some fit prediction, and gravity (when on) covers every row, so a finite
        // J also means no NaN or infinity anywhere in the model.
        var (objective, trainRmse) = Objective.Evaluate(model, data, hp);
        if (!double.IsFinite(objective) || objective > DivergenceFactor * Math.Max(state.InitialObjective, 1e-12))
            throw new TrainingDivergedException(epoch, lr, objective, state.InitialObjective);
        double? validation = data.Validation is null ? null : Objective.Rmse(model, data.ValidationSet);
        double? test = data.Test is null ? null : Objective.Rmse(model, data.TestSet);

        return Monitor.Advance(state, model, objective, trainRmse, validation, test, lr, clock, data, hp);
    }

    private static void CheckCompatible(TrainingState s, TrainingData d, Hyperparameters hp)
    {
        if (!d.Matches(hp))
            throw new ArgumentException("The training data was prepared with other Transform, ValidationFraction, ValidationSeed, BlockCount, UseBiases or Seed than these hyperparameters; prepare it again.", "data");
        var m = s.Model;
        if (m.Factors != hp.Factors || m.UseBiases != hp.UseBiases || m.Transform.Kind != hp.Transform || s.Seed != hp.Seed)
            throw new ArgumentException("The state was made with other Factors, UseBiases, Transform or Seed than these hyperparameters.", nameof(hp));
        if (m.UserCount != d.UserCount || m.ArtistCount != d.ArtistCount)
            throw new ArgumentException("The state's model and the data disagree on the number of users or artists.", "data");
    }

}

/// <summary>The SGD pass of an epoch over the FPSGD block schedule.</summary>
internal static unsafe class Sgd
{
    /// <summary>
    /// Updates p, q, bu, ba in place (they are the epoch's private copies). Rounds come in a seeded order; round r
    /// runs blocks (i, σ((i + s_r) mod B)) for i in 0..B−1, which share no user range and no artist range, so they can
    /// run in parallel without changing the result.
    /// </summary>
    public static void RunEpoch(TrainingData d, Hyperparameters hp, int seed, int epoch, float lr,
        float[] p, float[] q, float[] bu, float[] ba, int k)
    {
        int b = d.BlockCount;
        var schedule = BlockSchedule.For(seed, epoch, b);
        int threads = Math.Min(hp.ThreadCount, b);
        var ctx = new Context(d, hp, seed, epoch, lr, p, q, bu, ba, k);
        if (threads == 1)
        {
            for (int r = 0; r < b; r++)
                for (int i = 0; i < b; i++) ctx.Block(i * b + schedule.Column(r, i));
            return;
        }
        // Workers live for the whole epoch; thread t takes blocks i ≡ t (mod threads) of each round, and a barrier
        // separates the rounds. Which thread runs a block never changes what the block computes.
        using var barrier = new Barrier(threads);
        void Worker(int t)
        {
            for (int r = 0; r < b; r++)
            {
                for (int i = t; i < b; i += threads) ctx.Block(i * b + schedule.Column(r, i));
                barrier.SignalAndWait();
            }
        }
        var others = new Task[threads - 1];
        for (int t = 1; t < threads; t++)
        {
            int id = t;
            others[t - 1] = Task.Run(() => Worker(id));
        }
        Worker(0);
        Task.WaitAll(others);
    }

    private sealed class Context(TrainingData d, Hyperparameters hp, int seed, int epoch, float lr,
        float[] p, float[] q, float[] bu, float[] ba, int k)
    {
        public void Block(int block)
        {
            int start = d.BlockStart[block], n = d.BlockStart[block + 1] - start;
            if (n == 0) return;
            var rng = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, StreamPurpose.BlockOrder, (ulong)epoch, (ulong)block));
            // A fresh permutation of the (once-shuffled) block each epoch: a random start and a random stride coprime to n.
            int first = rng.NextInt(n);
            int step = 1;
            if (n > 2)
                do step = 1 + rng.NextInt(n - 1); while (Gcd(step, n) != 1);
            Pass(d.Ratings, start, n, first, step, hp.UseBiases, d.GlobalMeanF, lr,
                (float)hp.Regularization, (float)hp.UserBiasRegularization, (float)hp.ArtistBiasRegularization, d.InverseUserCounts, d.InverseArtistCounts, p, q, bu, ba, k);
        }
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
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
