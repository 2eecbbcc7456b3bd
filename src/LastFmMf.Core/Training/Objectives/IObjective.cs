using LastFmMf.Ranking;

namespace LastFmMf.Training;

/// <summary>
/// One objective: what it minimises and how, as functions of immutable values. Each lives in its own folder under
/// Training/Objectives with its settings record, and is listed once in <see cref="Objectives"/>; nothing else in the core
/// or the shell branches on which objective a run uses.
/// </summary>
internal interface IObjective
{
    /// <summary>The name users type (<c>-Objective Implicit</c>), stored in model files.</summary>
    string Name { get; }

    /// <summary>One line for help and completion: what it minimises and what it is for.</summary>
    string Description { get; }

    /// <summary>The settings record type (<see cref="ObjectiveSettings"/> subclass) this objective reads.</summary>
    Type SettingsType { get; }

    /// <summary>The tuned defaults: shared settings and the objective's own.</summary>
    Hyperparameters Defaults { get; }

    /// <summary>Whether predictions estimate the training targets, so RMSE measures the model (Squared); ranking objectives score preferences.</summary>
    bool PredictsTargets { get; }

    /// <summary>Why <paramref name="setting"/>, one of this objective's settings, has no effect with the others in
    /// <paramref name="settings"/> (e.g. a sampling exponent without popularity sampling), or null when it has.</summary>
    string? Inapplicable(ObjectiveSettings settings, string setting) => null;

    /// <summary>Refuses settings this objective cannot train with (an <see cref="ArgumentException"/> naming the setting).</summary>
    void Validate(Hyperparameters hp);

    /// <summary>The loss of the initial model: the yardstick for divergence.</summary>
    double InitialLoss(FactorModel model, TrainingData data, Hyperparameters hp);

    /// <summary>
    /// One epoch, pure: the model after it (new arrays; the state's are never changed), its loss, and the objective's own
    /// per-epoch measures (e.g. the learning rate used).
    /// </summary>
    EpochOutcome Epoch(TrainingState state, TrainingData data, Hyperparameters hp);

    /// <summary>Per-artist weights the trained model needs again to fold in a listener (Implicit's unobserved weights), or null.</summary>
    double[]? ArtistWeights(TrainingData data, Hyperparameters hp);

    /// <summary>
    /// A new listener's vector and bias against the model's fixed artist factors, by this objective's own loss with the
    /// settings in <paramref name="origin"/>; <paramref name="regularization"/> replaces the run's λ when given.
    /// </summary>
    FoldedListener FoldIn(FactorModel model, ModelOrigin origin, int[] artists, float[] plays, double? regularization);
}

/// <summary>What an epoch produced: the new model, its loss on the fit data, and the objective's own measures (name, value).</summary>
internal sealed record EpochOutcome(FactorModel Model, double Loss, IReadOnlyList<KeyValuePair<string, double?>> Measures);
