using LastFmMf.Data;
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
            hp.UseBiases, data.Transform, fit.Users, fit.ArtistIds, fit.Artists).WithObjective(ModelObjective.For(hp, data));
        if (hp.Objective != ObjectiveKind.Squared) RankingEpochStep.CheckSettings(hp);
        double objective = hp.Objective == ObjectiveKind.Squared
            ? Objective.Evaluate(model, data, hp).Objective
            : RankingEpochStep.InitialObjective(model, data, hp);
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
    /// <summary>
    /// Where a resumed run starts: the last state of <paramref name="run"/> on its own data, to go on for
    /// <c>hp.Epochs</c> more epochs with <paramref name="hp"/> (e.g. another learning rate). Whatever shapes the model or
    /// the data — Factors, Transform, UseBiases, BlockCount, ValidationFraction, ValidationSeed — must not change.
    /// The patience counter starts afresh, so a run that stopped early can be pushed on deliberately.
    /// </summary>
    public static (TrainingState Start, TrainingData Data, Hyperparameters Hyperparameters) PrepareResume(TrainingRun run, Hyperparameters hp)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(hp);
        if (run.Data is null)
            throw new ArgumentException("This run cannot be resumed: it does not hold its training data.", nameof(run));
        if (hp.Factors != run.FinalState.Model.Factors || !run.Data.Matches(hp))
            throw new ArgumentException("A resumed run must keep Factors, Transform, UseBiases, BlockCount, ValidationFraction and ValidationSeed as they were; " +
                                        $"the run has {run.Hyperparameters}.", nameof(hp));
        var start = run.FinalState with { EpochsWithoutImprovement = 0 };
        return (start, run.Data, hp with { Epochs = start.Epoch + hp.Epochs });
    }

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

    /// <summary>The model kept: the best by the watched validation metric (StopMetric) (the last one without validation).</summary>
    public required FactorModel Model { get; init; }

    /// <summary>The prepared data the run was trained on, kept so that a resumed run continues on exactly the same data.</summary>
    internal TrainingData? Data { get; init; }

    /// <summary>The last state of the fold (continue from it to resume).</summary>
    public required TrainingState FinalState { get; init; }

    /// <summary>One row per epoch (pipe it to Export-Csv for a loss curve).</summary>
    public required TrainingHistory History { get; init; }

    // Flat copies of the hyperparameters, so that Export-Csv of many runs is a complete sweep table.
    /// <summary>What was minimised.</summary>
    public ObjectiveKind Objective => Hyperparameters.Objective;
    /// <summary>k.</summary>
    public int Factors => Hyperparameters.Factors;
    /// <summary>Most epochs allowed.</summary>
    public int Epochs => Hyperparameters.Epochs;
    /// <summary>η of the first epoch.</summary>
    public double LearningRate => Hyperparameters.LearningRate;
    /// <summary>Per-epoch factor on η.</summary>
    public double LearningRateDecay => Hyperparameters.LearningRateDecay;
    /// <summary>λ on the factors.</summary>
    public double Regularization => Hyperparameters.Regularization;
    /// <summary>λ on the user biases.</summary>
    public double UserBiasRegularization => Hyperparameters.UserBiasRegularization;
    /// <summary>λ on the artist biases.</summary>
    public double ArtistBiasRegularization => Hyperparameters.ArtistBiasRegularization;
    /// <summary>λ_g of the gravity term.</summary>
    public double Gravity => Hyperparameters.Gravity;
    /// <summary>σ of the initial factors.</summary>
    public double InitStdDev => Hyperparameters.InitStdDev;
    /// <summary>Whether μ + b_u + b_a are part of the model.</summary>
    public bool UseBiases => Hyperparameters.UseBiases;
    /// <summary>How play counts became targets.</summary>
    public TransformKind Transform => Hyperparameters.Transform;
    /// <summary>The training seed.</summary>
    public int Seed => Hyperparameters.Seed;
    /// <summary>B, user and artist ranges of the block schedule.</summary>
    public int BlockCount => Hyperparameters.BlockCount;
    /// <summary>Share of Train held out for validation.</summary>
    public double ValidationFraction => Hyperparameters.ValidationFraction;
    /// <summary>Seed of the validation hold-out.</summary>
    public int ValidationSeed => Hyperparameters.ValidationSeed;
    /// <summary>Early-stopping patience.</summary>
    public int Patience => Hyperparameters.Patience;
    /// <summary>What early stopping watched (Auto resolved).</summary>
    public StopMetric StopMetric => Hyperparameters.EffectiveStopMetric;
    /// <summary>Implicit: α of the confidence.</summary>
    public double Alpha => Hyperparameters.Alpha;
    /// <summary>Implicit: f of the confidence.</summary>
    public ConfidenceScaling Confidence => Hyperparameters.Confidence;
    /// <summary>Implicit: ε of f = ln(1 + plays/ε).</summary>
    public double Epsilon => Hyperparameters.Epsilon;
    /// <summary>Implicit: γ of the unobserved weights.</summary>
    public double UnobservedWeightExponent => Hyperparameters.UnobservedWeightExponent;
    /// <summary>Bpr: how negatives were drawn.</summary>
    public NegativeSampling NegativeSampling => Hyperparameters.NegativeSampling;
    /// <summary>Bpr: β of popularity sampling.</summary>
    public double NegativeSamplingExponent => Hyperparameters.NegativeSamplingExponent;

    /// <summary>Epochs run.</summary>
    public int EpochsRun => History.Count;

    /// <summary>The epoch whose model was kept.</summary>
    public required int BestEpoch { get; init; }

    /// <summary>Whether early stopping ended the run before Epochs.</summary>
    public required bool StoppedEarly { get; init; }

    /// <summary>Train (fit-set) RMSE of the kept model (NaN for Bpr and Implicit, whose scores are not play-count estimates).</summary>
    public required double TrainRmse { get; init; }

    /// <summary>Validation RMSE of the kept model, or null without validation (and for Bpr and Implicit).</summary>
    public double? ValidationRmse { get; init; }

    /// <summary>Validation NDCG@10 of the kept model when the history recorded it (Bpr, Implicit, or StopMetric ValidationNdcg), else null.</summary>
    public double? ValidationNdcg { get; init; }

    /// <summary>Test RMSE of the kept model (information only), or null without test data.</summary>
    public double? TestRmse { get; init; }

    /// <summary>Seconds spent in all epochs.</summary>
    public required double Seconds { get; init; }

    /// <summary>Builds the run from the last state of a fold.</summary>
    public static TrainingRun From(TrainingState last, TrainingData data, Hyperparameters hp)
    {
        ArgumentNullException.ThrowIfNull(last);
        // The kept model carries what recommending and evaluating need: who listened to what, tags, and what made it.
        var best = last.BestModel.WithContext(data.Train.Listens, ArtistTags.Top(data.Train)).WithObjective(ModelObjective.For(hp, data))
            .WithOrigin(new LastFmMf.Evaluation.ModelOrigin(hp, last.History.Count));
        bool squared = hp.Objective == ObjectiveKind.Squared;
        return new TrainingRun
        {
            Hyperparameters = hp,
            Data = data,
            Model = best,
            FinalState = last,
            History = new TrainingHistory(last.History),
            BestEpoch = last.BestEpoch,
            StoppedEarly = last.StoppedEarly(hp) && last.Epoch < hp.Epochs,
            TrainRmse = squared ? Training.Objective.Rmse(best, data.FitSet) : double.NaN,
            ValidationRmse = data.Validation is null || !squared ? null : Training.Objective.Rmse(best, data.ValidationSet),
            TestRmse = data.Test is null || !squared ? null : Training.Objective.Rmse(best, data.TestSet),
            ValidationNdcg = last.BestValidationNdcg ?? (last.BestEpoch > 0 ? last.History[last.BestEpoch - 1].ValidationNdcg : null),
            Seconds = last.History.Sum(h => h.Seconds),
        };
    }
}
