using LastFmMf.Data;
using LastFmMf.Splitting;
using MathNet.Numerics.Distributions;
using LastFmMf.Randomness;

namespace LastFmMf.Training;

/// <summary>
/// Training as a fold: <see cref="Initialize"/> makes state 0, <see cref="Unfold"/> lazily yields the state after each
/// epoch (the caller writes progress, checks cancellation, keeps the last), <see cref="Train(TrainingData, Hyperparameters, CancellationToken)"/>
/// consumes it into a <see cref="TrainingRun"/>. Which objective runs is <see cref="Hyperparameters.Objective"/>'s business.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// State 0: factors drawn from N(0, InitStdDev²) (MathNet.Numerics' Normal over a SplitMix64 stream derived from
    /// (Seed, user factors) and (Seed, artist factors)), biases 0, μ from the data. The rows of users and artists with no
    /// fit listen are set to 0 (they are never trained; the prediction for them falls back to μ + b_u + b_a).
    /// </summary>
    /// <exception cref="ArgumentException">The data was prepared for other settings, or the objective refuses these settings.</exception>
    public static TrainingState Initialize(TrainingData data, Hyperparameters hp)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(hp);
        if (!data.Matches(hp))
            throw new ArgumentException("The training data was prepared with other settings; prepare it with these.", nameof(data));
        var objective = hp.Objective.Implementation;
        if (hp.EffectiveStopMetric == StopMetric.ValidationRmse && !objective.PredictsTargets)
            throw new ArgumentException($"StopMetric ValidationRmse needs an objective that predicts its targets; {objective.Name} scores preferences (use ValidationNdcg).", nameof(hp));
        objective.Validate(hp);
        int k = hp.Factors;
        var fit = data.Fit;
        var p = Draw(fit.UserCount * k, hp, 0);
        var q = Draw(fit.ArtistCount * k, hp, 1);
        // Rows with no fit listen never get an update: random factors there would only add noise to their predictions.
        for (int u = 0; u < fit.UserCount; u++) if (data.UserCounts[u] == 0) Array.Clear(p, u * k, k);
        for (int a = 0; a < fit.ArtistCount; a++) if (data.ArtistCounts[a] == 0) Array.Clear(q, a * k, k);
        var model = new FactorModel(k, p, q, new float[fit.UserCount], new float[fit.ArtistCount], data.GlobalMeanF,
            hp.Objective.Biases, data.Transform, fit.Users, fit.ArtistIds, fit.Artists);
        return new TrainingState
        {
            Model = model,
            Epoch = 0,
            Seed = hp.Seed,
            History = [],
            InitialLoss = objective.InitialLoss(model, data, hp),
            BestModel = model,
            BestEpoch = 0,
        };
    }

    /// <summary>
    /// <paramref name="count"/> draws of N(0, InitStdDev²) as floats. MathNet's streaming Normal.Samples yields the same
    /// sequence as its array form (the polar method over the same uniforms, in the same order; pinned by a test), without
    /// the array form's 8·count bytes of doubles and 10·count bytes of uniforms: 600 MB at Last.fm-360K size, k = 64.
    /// </summary>
    internal static float[] Draw(int count, Hyperparameters hp, ulong which)
    {
        var rng = new SeededSystemRandom(SeededRandom.Derive((ulong)(uint)hp.Seed, StreamPurpose.Initialisation, which));
        var result = GC.AllocateUninitializedArray<float>(count);
        int i = 0;
        if (count > 0)
            foreach (var v in Normal.Samples(rng, 0, hp.InitStdDev))
            {
                result[i++] = (float)v;
                if (i == count) break;
            }
        return result;
    }

    /// <summary>
    /// The lazy sequence of states after each epoch, from <paramref name="initial"/> until Epochs are done or early
    /// stopping triggers. Nothing runs until enumerated; stopping the enumeration stops training between two epochs.
    /// </summary>
    public static IEnumerable<TrainingState> Unfold(TrainingState initial, TrainingData data, Hyperparameters hp,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initial);
        return new Epochs(initial, data, hp, cancellationToken);
    }

    /// <summary>The sequence <see cref="Unfold"/> returns: it keeps the initial state, so that it can be enumerated again;
    /// each enumeration runs the epochs from it afresh.</summary>
    private sealed class Epochs(TrainingState initial, TrainingData data, Hyperparameters hp, CancellationToken cancellationToken)
        : IEnumerable<TrainingState>
    {
        public IEnumerator<TrainingState> GetEnumerator() => Steps(initial, data, hp, cancellationToken);

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// The epochs from <paramref name="start"/> once, as an enumerator: what <see cref="Unfold"/> runs, without the
    /// sequence object, which keeps the initial state so that it can be enumerated again. The enumerator lets go of the
    /// initial state after the first epoch (170 MB of model at Last.fm-360K size, k = 64), so a caller that holds only
    /// it keeps the best and the latest model while the epochs run, not state 0 too.
    /// </summary>
    public static IEnumerator<TrainingState> EpochsFrom(TrainingState start, TrainingData data, Hyperparameters hp,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        return Steps(start, data, hp, cancellationToken);
    }

    private static IEnumerator<TrainingState> Steps(TrainingState initial, TrainingData data, Hyperparameters hp, CancellationToken cancellationToken)
    {
        var state = initial;
        int first = initial.Epoch;
        // The enumerator holds its arguments as fields for as long as it runs: state 0's model (170 MB at Last.fm-360K size,
        // k = 64) would live through the whole run beside the best and the latest. It is needed only by the first epoch.
        initial = null!;
        while (!state.IsFinished(hp))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Before the epoch allocates its model, not after it: while the last state was being yielded the caller still
            // held the one before it, so a collection then kept three models' arrays alive through the next epoch.
            ReclaimLargeModels(state.Model, first: state.Epoch == first);
            state = EpochStep.Next(state, data, hp);
            yield return state;
        }
    }

    /// <summary>Factor arrays from which the earlier epochs' garbage is reclaimed at once (see <see cref="ReclaimLargeModels"/>).</summary>
    internal const long LargeModelBytes = 64L << 20;

    /// <summary>
    /// Every epoch returns new factor arrays (the step is pure), so the last epoch's are garbage unless they are the best
    /// model or the caller keeps that state. At Last.fm-360K size they are 170 MB a time, on the large object heap, which
    /// the collector lets grow by several such before it looks; the process then holds the garbage of several epochs.
    /// A blocking full collection before each epoch of a large model (cheap beside the epoch: float arrays hold no
    /// references to trace) gives that memory back to the epoch's new arrays instead. It runs once the caller has moved
    /// on to the latest state, so only the latest model, the best one and the new one are alive while the epoch runs.
    /// The first one is aggressive: it also gives back the free memory the import and the split left committed, before
    /// the run's large arrays are allocated. Small models are left to the collector.
    /// </summary>
    private static void ReclaimLargeModels(FactorModel model, bool first)
    {
        if (((long)model.UserFactors.Length + model.ArtistFactors.Length) * sizeof(float) < LargeModelBytes) return;
        if (first) GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        else GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
    }

    /// <summary>The settings a resumed run may change; everything else shapes the model or the data and must stay.</summary>
    public static IReadOnlyList<string> ResumeAdjustable { get; } =
        ["Epochs", "Patience", "ThreadCount", "LearningRate", "LearningRateDecay"];

    /// <summary>
    /// Where a resumed run starts: the last state of <paramref name="run"/> on its own data, to go on for
    /// <c>hp.Epochs</c> more epochs with <paramref name="hp"/>. Only <see cref="ResumeAdjustable"/> may differ from the
    /// run's settings (the objective included). The patience counter starts afresh, and a new LearningRate is the rate
    /// of the first resumed epoch, decaying from there (η_e = η·decay^(e − e₀), e₀ the resumed run's first epoch); without
    /// one, the run's decayed schedule simply goes on.
    /// </summary>
    /// <exception cref="ArgumentException">The run holds no data, or a setting outside <see cref="ResumeAdjustable"/> changed (the message names it).</exception>
    public static (TrainingState Start, TrainingData Data, Hyperparameters Hyperparameters) PrepareResume(TrainingRun run, Hyperparameters hp)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(hp);
        if (run.Data is null)
            throw new ArgumentException("This run cannot be resumed: it does not hold its training data.", nameof(run));
        var was = run.Hyperparameters;
        if (hp.Objective.Name != was.Objective.Name)
            throw new ArgumentException($"A resumed run keeps its objective: the run was trained with {was.Objective.Name}, not {hp.Objective.Name}.", nameof(hp));
        var before = was.Columns().ToDictionary(c => c.Key, c => c.Value);
        foreach (var (name, value) in hp.Columns())
            if (!ResumeAdjustable.Contains(name) && !Equals(before.GetValueOrDefault(name), value))
                throw new ArgumentException($"A resumed run keeps {name} ({before.GetValueOrDefault(name)}); only {string.Join(", ", ResumeAdjustable)} may change.", nameof(hp));
        var last = run.FinalState;
        bool newRate = !Equals(LearningRateOf(hp), LearningRateOf(was)); // boxed values: compare them, not the references
        var start = last with { EpochsWithoutImprovement = 0, RateSetAtEpoch = newRate ? last.Epoch : last.RateSetAtEpoch };
        return (start, run.Data, hp with { Epochs = start.Epoch + hp.Epochs });
    }

    /// <summary>
    /// Where a saved model resumes: the kept model of its run (its origin's BestEpoch), on training data rebuilt from the
    /// training listens the model carries (the validation carve is the same, since it is seeded; there is no test part to
    /// monitor). The history up to that epoch comes from the file. The same rules as for a run apply to
    /// <paramref name="hp"/>; the patience counter starts afresh.
    /// </summary>
    /// <exception cref="ArgumentException">The model has no origin, no history or no training listens, or a setting changed that may not.</exception>
    public static (TrainingState Start, TrainingData Data, Hyperparameters Hyperparameters) PrepareResume(FactorModel model, Hyperparameters hp)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(hp);
        if (model.Origin is not { } origin || model.Listened is not { } listened)
            throw new ArgumentException("This model cannot be resumed: it carries no training run (origin) or no training listens.", nameof(model));
        if (origin.History.Count < origin.BestEpoch)
            throw new ArgumentException("This model cannot be resumed: its file holds no training history (it was written before histories were saved).", nameof(model));
        var train = new LastFmDataset("the training listens of a saved model", model.Users, model.ArtistIds, model.Artists, [], [], [], listened, []);
        var data = TrainingData.Create(train, null, origin.Hyperparameters);
        var history = origin.History.Take(origin.BestEpoch).ToArray();
        var kept = history.Length == 0 ? null : history[^1];
        double? score = kept is null ? null
            : origin.Hyperparameters.EffectiveStopMetric == StopMetric.ValidationNdcg ? kept.ValidationNdcg : -kept.Measure(MeasureNames.ValidationRmse);
        var state = new TrainingState
        {
            Model = model,
            Epoch = origin.BestEpoch,
            Seed = origin.Hyperparameters.Seed,
            History = history,
            // The initial loss is not saved; the largest loss of the history is as good a yardstick for divergence.
            InitialLoss = history.Length == 0 ? origin.Hyperparameters.Objective.Implementation.InitialLoss(model, data, origin.Hyperparameters) : history.Max(h => h.Loss),
            BestModel = model,
            BestEpoch = origin.BestEpoch,
            BestScore = score,
        };
        var run = new TrainingRun
        {
            Hyperparameters = origin.Hyperparameters, Data = data, Model = model, FinalState = state, History = new TrainingHistory(history),
            BestEpoch = origin.BestEpoch, StoppedEarly = false, Seconds = 0,
        };
        return PrepareResume(run, hp);
    }

    private static object? LearningRateOf(Hyperparameters hp) =>
        hp.Objective.Columns().FirstOrDefault(c => c.Key == MeasureNames.LearningRate).Value;

    /// <summary>Runs the whole fold and returns the run (its model is the best state's).</summary>
    public static TrainingRun Train(TrainingData data, Hyperparameters hp, CancellationToken cancellationToken = default)
    {
        var last = Initialize(data, hp);
        // The enumerator, not the sequence Unfold returns: this method, run once, runs unoptimised, where the sequence
        // would live to the end and state 0's model with it.
        using var epochs = EpochsFrom(last, data, hp, cancellationToken);
        while (epochs.MoveNext()) last = epochs.Current;
        return TrainingRun.From(last, data, hp);
    }

    /// <summary>Prepares the split's train part (monitoring its test part) and trains.</summary>
    public static TrainingRun Train(DataSplit split, Hyperparameters hp, CancellationToken cancellationToken = default) =>
        Train(TrainingData.Create(split, hp), hp, cancellationToken);
}
