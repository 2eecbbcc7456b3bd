namespace LastFmMf.Training;

/// <summary>One row of a training history: what an epoch achieved. Flat, for tables and CSV.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Objective">J after the epoch (see <see cref="Hyperparameters"/>), on the fit pairs.</param>
/// <param name="TrainRmse">RMSE on the fit pairs, target scale.</param>
/// <param name="ValidationRmse">RMSE on the validation hold-out, or null without one.</param>
/// <param name="TestRmse">RMSE on the test listens (information only), or null without them.</param>
/// <param name="Seconds">Wall-clock seconds the epoch took, evaluation included.</param>
/// <param name="LearningRate">η used in this epoch.</param>
/// <param name="ValidationNdcg">NDCG@10 on the validation hold-out (candidates: artists outside the user's fit listens), or null
/// without one; computed every epoch for Bpr and Implicit, and for Squared when it is the <see cref="Hyperparameters.StopMetric"/>.</param>
public sealed record EpochRecord(int Epoch, double Objective, double TrainRmse, double? ValidationRmse, double? TestRmse, double Seconds, double LearningRate,
    double? ValidationNdcg = null);

/// <summary>
/// Everything training needs to go on, as a value: the current model, the number of epochs done, the history so far,
/// the best model by validation RMSE (for early stopping), and the RNG state — the seed, from which the streams of
/// epoch e are derived as (seed, e, block), so continuing from a saved state reproduces the run exactly.
/// </summary>
public sealed record TrainingState
{
    /// <summary>The model after <see cref="Epoch"/> epochs.</summary>
    public required FactorModel Model { get; init; }

    /// <summary>Epochs done (0 for the initial state).</summary>
    public required int Epoch { get; init; }

    /// <summary>Root of every random stream of the run (the RNG state; epoch streams derive from it and <see cref="Epoch"/>).</summary>
    public required int Seed { get; init; }

    /// <summary>The history, one row per epoch done.</summary>
    public required IReadOnlyList<EpochRecord> History { get; init; }

    /// <summary>J of the initial model, the yardstick for divergence.</summary>
    public required double InitialObjective { get; init; }

    /// <summary>The model with the lowest validation RMSE so far (the latest one without validation).</summary>
    public required FactorModel BestModel { get; init; }

    /// <summary>The epoch of <see cref="BestModel"/> (0: the initial model).</summary>
    public required int BestEpoch { get; init; }

    /// <summary>The validation RMSE of <see cref="BestModel"/> (null without validation or before the first epoch).</summary>
    public double? BestValidationRmse { get; init; }

    /// <summary>The validation NDCG@10 of <see cref="BestModel"/> when early stopping watches it (else null).</summary>
    public double? BestValidationNdcg { get; init; }

    /// <summary>Epochs since the watched validation metric last improved.</summary>
    public int EpochsWithoutImprovement { get; init; }

    /// <summary>The learning rate the next epoch will use.</summary>
    public double NextLearningRate(Hyperparameters hp) => hp.LearningRate * Math.Pow(hp.LearningRateDecay, Epoch);

    /// <summary>Whether early stopping has triggered (Patience epochs without a better validation RMSE).</summary>
    public bool StoppedEarly(Hyperparameters hp) => hp.Patience > 0 && (BestValidationRmse is not null || BestValidationNdcg is not null) && EpochsWithoutImprovement >= hp.Patience;

    /// <summary>Whether the fold is over: all epochs done or stopped early.</summary>
    public bool IsFinished(Hyperparameters hp) => Epoch >= hp.Epochs || StoppedEarly(hp);

    /// <summary>A one-line summary for tables.</summary>
    public override string ToString() => $"after epoch {Epoch} (best {BestEpoch})";

    /// <summary>The last history row, or null before the first epoch.</summary>
    public EpochRecord? Last => History.Count == 0 ? null : History[^1];
}

/// <summary>Training blew up: the objective became NaN or infinite, or grew far beyond its start.</summary>
public sealed class TrainingDivergedException : Exception
{
    public TrainingDivergedException(int epoch, double learningRate, double objective, double initialObjective)
        : base($"Training diverged in epoch {epoch}: the objective is {objective:G4} (it started at {initialObjective:G4}) " +
               $"with LearningRate {learningRate:G4}. Lower -LearningRate (e.g. to {learningRate / 4:G2}) or raise -Regularization; " +
               "no model was kept from this epoch.")
    {
        Epoch = epoch;
        LearningRate = learningRate;
        Objective = objective;
    }

    /// <summary>1-based epoch that diverged.</summary>
    public int Epoch { get; }

    /// <summary>The learning rate of that epoch.</summary>
    public double LearningRate { get; }

    /// <summary>The objective that was refused.</summary>
    public double Objective { get; }
}
