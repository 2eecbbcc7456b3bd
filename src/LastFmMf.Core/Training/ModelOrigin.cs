namespace LastFmMf.Training;

/// <summary>
/// What made a model, carried by the model (<see cref="FactorModel.Origin"/>) and written to its file unchanged: the
/// run's settings (objective included), the epochs it ran and the one it kept, and what fold-in needs of the training
/// data. Views, sweep columns, chart titles, evaluation labels and fold-in all read it from here.
/// </summary>
/// <param name="Hyperparameters">The run's settings: shared and the objective's.</param>
/// <param name="EpochsRun">Epochs the run ran (its history's length).</param>
/// <param name="BestEpoch">The epoch whose model was kept (0: the initial model).</param>
public sealed record ModelOrigin(Hyperparameters Hyperparameters, int EpochsRun, int BestEpoch)
{
    /// <summary>|Ω|, the pairs the run fitted (the gravity term's scale in a Squared fold-in).</summary>
    public long FitPairs { get; init; }

    /// <summary>Per-artist weights the objective derived from the fit data and needs again to fold in (Implicit with γ &gt; 0), or null.</summary>
    public double[]? ArtistWeights { get; init; }

    /// <summary>The run's history, one row per epoch run (empty for a model from an older file).</summary>
    public IReadOnlyList<EpochRecord> History { get; init; } = [];

    /// <summary>The objective's name.</summary>
    public string Objective => Hyperparameters.Objective.Name;

    /// <summary>The settings and the epochs as (name, value): one row of a sweep table.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Columns() =>
        [.. Hyperparameters.Columns(), new("EpochsRun", EpochsRun), new("BestEpoch", BestEpoch)];

    /// <summary>Equal when every value is equal: the settings, the epochs, the fit pairs, the artist weights and the
    /// history, element by element (a model read back from its file has an equal origin).</summary>
    public bool Equals(ModelOrigin? other) =>
        other is not null && Hyperparameters == other.Hyperparameters && EpochsRun == other.EpochsRun && BestEpoch == other.BestEpoch
        && FitPairs == other.FitPairs
        && (ArtistWeights ?? []).SequenceEqual(other.ArtistWeights ?? [])
        && History.Count == other.History.Count
        && History.Zip(other.History).All(p => p.First with { Measures = [] } == p.Second with { Measures = [] }
                                               && p.First.Measures.SequenceEqual(p.Second.Measures));

    public override int GetHashCode() => HashCode.Combine(Hyperparameters, EpochsRun, BestEpoch, FitPairs, History.Count);

    /// <summary>A short label for tables and chart titles: "Implicit k=128 λ=100 α=4 …".</summary>
    public override string ToString() => Hyperparameters.ToString();
}
