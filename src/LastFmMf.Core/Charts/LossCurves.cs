using System.Globalization;
using LastFmMf.Training;

namespace LastFmMf.Charts;

/// <summary>One run's curves: per epoch, the objective, train/test RMSE and (when the history has it) the validation ranking metric.</summary>
/// <param name="Label">The hyperparameters that differ from the other runs of the chart ("k=16, λ=10"), or the run's summary when alone.</param>
/// <param name="Epochs">Epoch numbers, 1-based.</param>
/// <param name="Objective">J after each epoch.</param>
/// <param name="TrainRmse">RMSE on the fit set.</param>
/// <param name="ValidationRmse">RMSE on the validation hold-out (null entries without one).</param>
/// <param name="TestRmse">RMSE on the test part (null entries without one).</param>
/// <param name="ValidationNdcg">NDCG@10 on the validation hold-out (null entries when the history does not have it).</param>
/// <param name="BestEpoch">The epoch whose model the run kept.</param>
/// <param name="Kind">What the run minimised: RMSE is meaningful for Squared only (the ranking objectives' scores are not on the target scale).</param>
public sealed record LossSeries(string Label, int[] Epochs, double[] Objective, double[] TrainRmse, double?[] ValidationRmse,
    double?[] TestRmse, double?[] ValidationNdcg, int BestEpoch, ObjectiveKind Kind)
{
    /// <summary>Whether RMSE measures what this run fits (Squared).</summary>
    public bool HasRmse => Kind == ObjectiveKind.Squared;

    /// <summary>Whether any epoch has a test RMSE.</summary>
    public bool HasTest => TestRmse.Any(v => v is not null);

    /// <summary>Whether any epoch has a validation NDCG.</summary>
    public bool HasValidationNdcg => ValidationNdcg.Any(v => v is not null);
}

/// <summary>The data of a loss-curve chart: a title and one series per run.</summary>
public sealed record LossChart(string Title, IReadOnlyList<LossSeries> Runs)
{
    /// <summary>Whether any run that fits play counts has a test RMSE.</summary>
    public bool HasTest => Runs.Any(r => r.HasRmse && r.HasTest);

    /// <summary>Whether any run fits the play counts, so an RMSE panel says something.</summary>
    public bool HasRmse => Runs.Any(r => r.HasRmse);

    /// <summary>Whether any run has a validation ranking metric (draw its panel).</summary>
    public bool HasValidationNdcg => Runs.Any(r => r.HasValidationNdcg);
}

/// <summary>Loss curves of one run or a sweep, labelled by the hyperparameters that differ.</summary>
public static class LossCurves
{
    /// <summary>The validation ranking metric of an epoch row (NDCG@10), or null where the history has none.</summary>
    public static double? ValidationRanking(EpochRecord row) => row.ValidationNdcg;

    /// <summary>The chart data of <paramref name="runs"/> (at least one), in the order given.</summary>
    public static LossChart From(IReadOnlyList<TrainingRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) throw new ArgumentException("At least one run is needed.", nameof(runs));
        var labels = Labels(runs.Select(r => r.Hyperparameters).ToArray());
        var series = runs.Select((r, i) => new LossSeries(
            labels[i],
            r.History.Select(h => h.Epoch).ToArray(),
            r.History.Select(h => h.Objective).ToArray(),
            r.History.Select(h => h.TrainRmse).ToArray(),
            r.History.Select(h => h.ValidationRmse).ToArray(),
            r.History.Select(h => h.TestRmse).ToArray(),
            r.History.Select(ValidationRanking).ToArray(),
            r.BestEpoch,
            r.Objective)).ToArray();
        string what = runs.Count == 1
            ? $"{runs[0].Model.Name} {runs[0].Hyperparameters}"
            : $"{runs.Count} runs of {runs[0].Model.Name}";
        return new LossChart($"Training: {what} on {TrainedOn(runs[0])}", series);
    }

    /// <summary>
    /// Labels that tell runs apart: the hyperparameters whose values differ among <paramref name="hps"/>, as "name=value"
    /// (the objective and the biases as plain words: "Bpr", "no biases") joined by ", " (in a fixed order); a single run is labelled by its whole summary. Runs whose differing values are all
    /// equal (e.g. they differ only in ThreadCount) get "run 1", "run 2", ... appended so every label is unique.
    /// </summary>
    public static string[] Labels(IReadOnlyList<Hyperparameters> hps)
    {
        ArgumentNullException.ThrowIfNull(hps);
        if (hps.Count == 1) return [hps[0].ToString()];
        var differing = Fields.Where(f => hps.Select(f.Value).Distinct().Count() > 1).ToArray();
        var labels = hps.Select(hp => string.Join(", ", differing.Select(f => f.Name.Length == 0 ? f.Value(hp) : $"{f.Name}={f.Value(hp)}"))).ToArray();
        var duplicated = labels.GroupBy(l => l).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        for (int i = 0; i < labels.Length; i++)
            if (duplicated.Contains(labels[i])) labels[i] = labels[i].Length == 0 ? $"run {i + 1}" : $"{labels[i]} (run {i + 1})";
        return labels;
    }

    /// <summary>"train part of PerUser split (...) of hetrec2011-lastfm-2k: 1,892 users, 17,632 artists, 66,8xx fit listens" for a run that holds its data.</summary>
    public static string TrainedOn(TrainingRun run)
    {
        if (run.Data is not { } d) return $"{run.Model.UserCount:N0} users × {run.Model.ArtistCount:N0} artists";
        return $"{ShortSource(d.Train.Source)} ({d.Fit.UserCount.ToString("N0", CultureInfo.InvariantCulture)} users, " +
               $"{d.Fit.ArtistCount.ToString("N0", CultureInfo.InvariantCulture)} artists, {d.FitCount.ToString("N0", CultureInfo.InvariantCulture)} fit listens)";
    }

    /// <summary>A data source with its folder path cut to the last name ("... of /a/b/hetrec2011-lastfm-2k" → "... of hetrec2011-lastfm-2k").</summary>
    public static string ShortSource(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        int of = source.LastIndexOf(" of ", StringComparison.Ordinal);
        string head = of < 0 ? "" : source[..(of + 4)];
        string path = of < 0 ? source : source[(of + 4)..];
        string name = Path.GetFileName(path.TrimEnd('/', '\\'));
        return head + (name.Length == 0 ? path : name);
    }

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private sealed record Field(string Name, Func<Hyperparameters, string> Value);

    // Every hyperparameter that shapes the result (ThreadCount does not), in the order a reader scans them.
    private static readonly Field[] Fields =
    [
        new("", h => h.Objective.ToString()),          // the objective names itself: "Bpr, k=64"
        new("k", h => h.Factors.ToString(CultureInfo.InvariantCulture)),
        new("η", h => F(h.LearningRate)),
        new("decay", h => F(h.LearningRateDecay)),
        new("λ", h => F(h.Regularization)),
        new("λbu", h => F(h.UserBiasRegularization)),
        new("λba", h => F(h.ArtistBiasRegularization)),
        new("λg", h => F(h.Gravity)),
        new("σ", h => F(h.InitStdDev)),
        new("", h => h.UseBiases ? "biases" : "no biases"),
        new("transform", h => h.Transform.ToString()),
        new("epochs", h => h.Epochs.ToString(CultureInfo.InvariantCulture)),
        new("seed", h => h.Seed.ToString(CultureInfo.InvariantCulture)),
        new("B", h => h.BlockCount.ToString(CultureInfo.InvariantCulture)),
        new("validation", h => F(h.ValidationFraction)),
        new("validation seed", h => h.ValidationSeed.ToString(CultureInfo.InvariantCulture)),
        new("patience", h => h.Patience.ToString(CultureInfo.InvariantCulture)),
        new("stop", h => h.StopMetric.ToString()),
        // The ranking objectives' settings (they differ only when a sweep varies them).
        new("α", h => F(h.Alpha)),
        new("confidence", h => h.Confidence.ToString()),
        new("ε", h => F(h.Epsilon)),
        new("unobserved exponent", h => F(h.UnobservedWeightExponent)),
        new("negatives", h => h.NegativeSampling.ToString()),
        new("negative exponent", h => F(h.NegativeSamplingExponent)),
    ];
}
