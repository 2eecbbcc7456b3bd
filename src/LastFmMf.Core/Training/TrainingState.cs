namespace LastFmMf.Training;

/// <summary>
/// Everything training needs to go on, as a value: the current model, the epochs done, the history so far, the best
/// model by the watched validation metric (for early stopping), and the RNG state — the seed, from which the streams of
/// epoch e are derived as (seed, e, block), so continuing from a state reproduces the run exactly.
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

    /// <summary>The loss of the initial model, the yardstick for divergence.</summary>
    public required double InitialLoss { get; init; }

    /// <summary>The best model so far by the watched validation metric (the latest one without validation).</summary>
    public required FactorModel BestModel { get; init; }

    /// <summary>The epoch of <see cref="BestModel"/> (0: the initial model).</summary>
    public required int BestEpoch { get; init; }

    /// <summary>The watched validation metric of <see cref="BestModel"/> (null without validation or before the first epoch).</summary>
    public double? BestScore { get; init; }

    /// <summary>Epochs since the watched validation metric last improved.</summary>
    public int EpochsWithoutImprovement { get; init; }

    /// <summary>e₀: the epoch at which the current learning rate was set (0, or where a resumed run with a new rate began).</summary>
    public int RateSetAtEpoch { get; init; }

    /// <summary>η of the next epoch for an SGD objective: <paramref name="rate"/> · <paramref name="decay"/>^(Epoch − e₀).</summary>
    public double LearningRate(double rate, double decay) => rate * Math.Pow(decay, Epoch - RateSetAtEpoch);

    /// <summary>Whether early stopping has triggered (Patience epochs without a better validation metric).</summary>
    public bool StoppedEarly(Hyperparameters hp) => hp.Patience > 0 && BestScore is not null && EpochsWithoutImprovement >= hp.Patience;

    /// <summary>Whether the fold is over: all epochs done or stopped early.</summary>
    public bool IsFinished(Hyperparameters hp) => Epoch >= hp.Epochs || StoppedEarly(hp);

    /// <summary>A one-line summary for tables.</summary>
    public override string ToString() => $"after epoch {Epoch} (best {BestEpoch})";

    /// <summary>The last history row, or null before the first epoch.</summary>
    public EpochRecord? Last => History.Count == 0 ? null : History[^1];
}

/// <summary>Training blew up: the loss became NaN or infinite, or grew far beyond its start.</summary>
public sealed class TrainingDivergedException : Exception
{
    public TrainingDivergedException(int epoch, double? learningRate, double loss, double initialLoss)
        : base($"Training diverged in epoch {epoch}: the loss is {loss:G4} (it started at {initialLoss:G4})" +
               (learningRate is { } lr
                   ? $" with LearningRate {lr:G4}. Lower LearningRate (e.g. to {lr / 4:G2}) or raise Regularization; "
                   : ". Raise Regularization; ") + "no model was kept from this epoch.")
    {
        Epoch = epoch;
        LearningRate = learningRate;
        Loss = loss;
    }

    /// <summary>1-based epoch that diverged.</summary>
    public int Epoch { get; }

    /// <summary>The learning rate of that epoch (null for an objective without one).</summary>
    public double? LearningRate { get; }

    /// <summary>The loss that was refused.</summary>
    public double Loss { get; }
}
