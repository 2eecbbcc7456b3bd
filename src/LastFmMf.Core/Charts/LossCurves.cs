using System.Globalization;
using LastFmMf.Training;

namespace LastFmMf.Charts;

/// <summary>One run's curves: per epoch, the objective, train/test RMSE and (when the history has it) the validation ranking metric.</summary>
/// <param name="Label">The hyperparameters that differ from the other runs of the chart ("k=16, λ=10"), or the run's summary when alone.</param>
/// <param name="Epochs">Epoch numbers, 1-based.</param>
/// <param name="Loss">The objective's loss after each epoch.</param>
/// <param name="TrainRmse">RMSE on the fit set.</param>
/// <param name="ValidationRmse">RMSE on the validation hold-out (null entries without one).</param>
/// <param name="TestRmse">RMSE on the test part (null entries without one).</param>
/// <param name="ValidationNdcg">NDCG@10 on the validation hold-out (null entries when the history does not have it).</param>
/// <param name="BestEpoch">The epoch whose model the run kept.</param>
/// <param name="HasRmse">Whether RMSE measures what this run fits (an objective that predicts its targets; ranking objectives' scores are not on the target scale).</param>
public sealed record LossSeries(string Label, int[] Epochs, double[] Loss, double?[] TrainRmse, double?[] ValidationRmse,
    double?[] TestRmse, double?[] ValidationNdcg, int BestEpoch, bool HasRmse)
{

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
            r.History.Select(h => h.Loss).ToArray(),
            r.History.Select(h => h.Measure(MeasureNames.TrainRmse)).ToArray(),
            r.History.Select(h => h.Measure(MeasureNames.ValidationRmse)).ToArray(),
            r.History.Select(h => h.Measure(MeasureNames.TestRmse)).ToArray(),
            r.History.Select(ValidationRanking).ToArray(),
            r.BestEpoch,
            r.Hyperparameters.Objective.Implementation.PredictsTargets)).ToArray();
        var objectives = runs.Select(r => r.Objective).Distinct().ToArray();
        string what = runs.Count == 1
            ? runs[0].Hyperparameters.ToString()
            : $"{runs.Count} runs of {(objectives.Length <= 2 ? string.Join(" and ", objectives) : string.Join(", ", objectives.Take(objectives.Length - 1)) + " and " + objectives[^1])}";
        return new LossChart($"Training: {what} on {TrainedOn(runs[0])}", series);
    }

    /// <summary>
    /// Labels that tell runs apart: the settings whose values differ among <paramref name="hps"/>, as "symbol=value"
    /// (the objective and the biases as plain words: "Bpr", "no biases") joined by ", ", in the settings' order; a single
    /// run is labelled by its whole summary. Runs whose differing values are all equal (e.g. they differ only in
    /// ThreadCount) get "run 1", "run 2", ... appended so every label is unique.
    /// </summary>
    public static string[] Labels(IReadOnlyList<Hyperparameters> hps)
    {
        ArgumentNullException.ThrowIfNull(hps);
        if (hps.Count == 1) return [hps[0].ToString()];
        var fields = hps.Select(Fields).ToArray();
        var symbols = fields.SelectMany(f => f.Keys).Distinct().ToArray();
        var differing = symbols.Where(s => fields.Select(f => f.GetValueOrDefault(s) ?? "").Distinct().Count() > 1).ToArray();
        var labels = fields.Select(f => string.Join(", ", differing.Where(f.ContainsKey).Select(s => Label(s, f[s])))).ToArray();
        var duplicated = labels.GroupBy(l => l).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        for (int i = 0; i < labels.Length; i++)
            if (duplicated.Contains(labels[i])) labels[i] = labels[i].Length == 0 ? $"run {i + 1}" : $"{labels[i]} (run {i + 1})";
        return labels;
    }

    // Symbol → value text of every setting with a symbol, the objective first.
    private static Dictionary<string, string> Fields(Hyperparameters hp)
    {
        var d = new Dictionary<string, string> { [""] = hp.Objective.Name };
        foreach (var (symbol, value) in SettingColumns.Symbols(hp).Concat(SettingColumns.Symbols(hp.Objective)))
            d[symbol] = SettingColumns.Format(value);
        return d;
    }

    private static string Label(string symbol, string value) => symbol.Length == 0 ? value : SettingColumns.Label(symbol, value);

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
}
