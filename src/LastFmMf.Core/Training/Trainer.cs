using LastFmMf.Splitting;
using MathNet.Numerics.Distributions;

namespace LastFmMf.Training;

/// <summary>
/// Training as a fold: <see cref="Initialize"/> makes state 0, <see cref="Unfold"/> lazily yields the state after each
/// epoch (the caller writes progress, checks cancellation, keeps the last), <see cref="Train(TrainingData, Hyperparameters, CancellationToken)"/>
/// consumes it into a <see cref="TrainingRun"/>.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// State 0: factors drawn from N(0, InitStdDev²) (MathNet.Numerics' Normal over a SplitMix64 stream derived from
    /// (Seed, user factors) and (Seed, artist factors)), biases 0, μ from the data. The rows of users and artists with no
    /// fit listen are set to 0 (they are never trained; the prediction for them falls back to μ + b_u + b_a).
    /// </summary>
    public static TrainingState Initialize(TrainingData data, Hyperparameters hp)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(hp);
        if (!data.Matches(hp))
            throw new ArgumentException("The training data was prepared with other hyperparameters; prepare it with these.", nameof(data));
        int k = hp.Factors;
        var fit = data.Fit;
        var p = Draw(fit.UserCount * k, hp, 0);
        var q = Draw(fit.ArtistCount * k, hp, 1);
        // Rows with no fit listen never get an SGD step: random factors there would only add noise to their predictions.
        for (int u = 0; u < fit.UserCount; u++) if (data.UserCounts[u] == 0) Array.Clear(p, u * k, k);
        for (int a = 0; a < fit.ArtistCount; a++) if (data.ArtistCounts[a] == 0) Array.Clear(q, a * k, k);
        var model = new FactorModel(k, p, q, new float[fit.UserCount], new float[fit.ArtistCount], data.GlobalMeanF,
            hp.UseBiases, data.Transform, fit.Users, fit.ArtistIds, fit.Artists);
        var (objective, _) = Objective.Evaluate(model, data, hp);
        return new TrainingState
        {
            Model = model,
            Epoch = 0,
            Seed = hp.Seed,
            History = [],
            InitialObjective = objective,
            BestModel = model,
            BestEpoch = 0,
        };
    }

    private static float[] Draw(int count, Hyperparameters hp, ulong which)
    {
        var values = new double[count];
        var rng = new SeededSystemRandom(SeededRandom.Derive((ulong)(uint)hp.Seed, StreamPurpose.Initialisation, which));
        Normal.Samples(rng, values, 0, hp.InitStdDev);
        var result = new float[count];
        for (int i = 0; i < count; i++) result[i] = (float)values[i];
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
        var state = initial;
        while (!state.IsFinished(hp))
        {
            cancellationToken.ThrowIfCancellationRequested();
            state = EpochStep.Next(state, data, hp);
            yield return state;
        }
    }

    /// <summary>Runs the whole fold and returns the run (its model is the best state's).</summary>
    public static TrainingRun Train(TrainingData data, Hyperparameters hp, CancellationToken cancellationToken = default)
    {
        var last = Initialize(data, hp);
        foreach (var s in Unfold(last, data, hp, cancellationToken)) last = s;
        return TrainingRun.From(last, data, hp);
    }

    /// <summary>Prepares the split's train part (monitoring its test part) and trains.</summary>
    public static TrainingRun Train(DataSplit split, Hyperparameters hp, CancellationToken cancellationToken = default) =>
        Train(TrainingData.Create(split, hp), hp, cancellationToken);
}

/// <summary>The outcome of a training run: the chosen model, flat summary metrics, the history and the hyperparameters.</summary>
public sealed record TrainingRun
{
    /// <summary>The hyperparameters of the run.</summary>
    public required Hyperparameters Hyperparameters { get; init; }

    /// <summary>The model kept: the best by validation RMSE (the last one without validation).</summary>
    public required FactorModel Model { get; init; }

    /// <summary>The last state of the fold (continue from it to resume).</summary>
    public required TrainingState FinalState { get; init; }

    /// <summary>One row per epoch.</summary>
    public required IReadOnlyList<EpochRecord> History { get; init; }

    /// <summary>Epochs run.</summary>
    public int EpochsRun => History.Count;

    /// <summary>The epoch whose model was kept.</summary>
    public required int BestEpoch { get; init; }

    /// <summary>Whether early stopping ended the run before Epochs.</summary>
    public required bool StoppedEarly { get; init; }

    /// <summary>Train (fit-set) RMSE of the kept model.</summary>
    public required double TrainRmse { get; init; }

    /// <summary>Validation RMSE of the kept model, or null without validation.</summary>
    public double? ValidationRmse { get; init; }

    /// <summary>Test RMSE of the kept model (information only), or null without test data.</summary>
    public double? TestRmse { get; init; }

    /// <summary>Seconds spent in all epochs.</summary>
    public required double Seconds { get; init; }

    /// <summary>Builds the run from the last state of a fold.</summary>
    public static TrainingRun From(TrainingState last, TrainingData data, Hyperparameters hp)
    {
        ArgumentNullException.ThrowIfNull(last);
        var best = last.BestModel;
        return new TrainingRun
        {
            Hyperparameters = hp,
            Model = best,
            FinalState = last,
            History = last.History,
            BestEpoch = last.BestEpoch,
            StoppedEarly = last.StoppedEarly(hp) && last.Epoch < hp.Epochs,
            TrainRmse = Training.Objective.Rmse(best, data.FitSet),
            ValidationRmse = data.Validation is null ? null : Training.Objective.Rmse(best, data.ValidationSet),
            TestRmse = data.Test is null ? null : Training.Objective.Rmse(best, data.TestSet),
            Seconds = last.History.Sum(h => h.Seconds),
        };
    }
}
