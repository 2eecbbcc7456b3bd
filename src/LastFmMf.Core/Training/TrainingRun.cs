using LastFmMf.Data;

namespace LastFmMf.Training;

/// <summary>
/// The outcome of a training run: the kept model (which carries its <see cref="ModelOrigin"/>), the history, the
/// settings, and flat summary columns. The properties are what every objective has; <see cref="Columns"/> is the whole
/// flat row — shared settings, the objective's own, and its measures — which the module shows and Export-Csv writes,
/// so the rows of a sweep form a complete table.
/// </summary>
public sealed record TrainingRun
{
    /// <summary>The settings of the run.</summary>
    public required Hyperparameters Hyperparameters { get; init; }

    /// <summary>The model kept: the best by the watched validation metric (the last one without validation).</summary>
    public required FactorModel Model { get; init; }

    /// <summary>The prepared data the run was trained on, kept so that a resumed run continues on exactly the same data.</summary>
    internal TrainingData? Data { get; init; }

    /// <summary>The last state of the fold (continue from it to resume).</summary>
    public required TrainingState FinalState { get; init; }

    /// <summary>One row per epoch (pipe it to Export-Csv for a loss curve).</summary>
    public required TrainingHistory History { get; init; }

    /// <summary>What was minimised.</summary>
    public string Objective => Hyperparameters.Objective.Name;

    /// <summary>k.</summary>
    public int Factors => Hyperparameters.Factors;

    /// <summary>Epochs run.</summary>
    public int EpochsRun => History.Count;

    /// <summary>The epoch whose model was kept.</summary>
    public required int BestEpoch { get; init; }

    /// <summary>Whether early stopping ended the run before Epochs.</summary>
    public required bool StoppedEarly { get; init; }

    /// <summary>Validation NDCG@10 of the kept model when early stopping watched it, else null.</summary>
    public double? ValidationNdcg { get; init; }

    /// <summary>Seconds spent in all epochs.</summary>
    public required double Seconds { get; init; }

    /// <summary>The kept model's measures from the objective (e.g. TrainRmse, ValidationRmse, TestRmse for Squared).</summary>
    internal IReadOnlyList<KeyValuePair<string, double?>> Measures { get; init; } = [];

    /// <summary>A measure of the kept model by name, or null.</summary>
    public double? Measure(string name) => Measures.FirstOrDefault(m => m.Key == name).Value;

    /// <summary>The flat row: Objective and its settings, the shared settings, the epochs, the kept model's measures, Seconds.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Columns()
    {
        var row = new List<KeyValuePair<string, object?>>(Hyperparameters.Columns())
        {
            new("EpochsRun", EpochsRun), new("BestEpoch", BestEpoch), new("StoppedEarly", StoppedEarly),
        };
        foreach (var (n, v) in Measures) row.Add(new(n, v));
        row.Add(new("ValidationNdcg", ValidationNdcg));
        row.Add(new("Seconds", Seconds));
        return row;
    }

    /// <summary>Builds the run from the last state of a fold.</summary>
    public static TrainingRun From(TrainingState last, TrainingData data, Hyperparameters hp)
    {
        ArgumentNullException.ThrowIfNull(last);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(hp);
        var origin = new ModelOrigin(hp, last.History.Count, last.BestEpoch)
        {
            FitPairs = data.FitCount,
            ArtistWeights = hp.Objective.Implementation.ArtistWeights(data, hp),
            History = last.History,
        };
        // The kept model carries what recommending and evaluating need: who listened to what, tags, and what made it.
        // Friends and tags too, so a light listener's recommendations can lean on them (Ranking.SocialBlend).
        var best = last.BestModel.WithContext(data.Train.Listens, ArtistTags.Top(data.Train)).WithOrigin(origin)
            .WithSocial(SocialSignals.From(data.Train, data.Train.Listens));
        // The kept epoch's measures (RMSEs for an objective that predicts targets), without the per-epoch learning rate.
        var kept = last.BestEpoch > 0 ? last.History[last.BestEpoch - 1] : null;
        return new TrainingRun
        {
            Hyperparameters = hp,
            Data = data,
            Model = best,
            FinalState = last,
            History = new TrainingHistory(last.History),
            BestEpoch = last.BestEpoch,
            StoppedEarly = last.StoppedEarly(hp) && last.Epoch < hp.Epochs,
            Measures = kept?.Measures.Where(m => m.Key != MeasureNames.LearningRate).ToArray() ?? [],
            ValidationNdcg = kept?.ValidationNdcg,
            Seconds = last.History.Sum(h => h.Seconds),
        };
    }
}
