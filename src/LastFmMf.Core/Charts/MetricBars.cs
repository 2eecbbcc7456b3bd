using LastFmMf.Evaluation;

namespace LastFmMf.Charts;

/// <summary>One model's (or baseline's) bars: a value per measure, null where the row has none.</summary>
public sealed record MetricBarGroup(string Model, string Kind, double?[] Values);

/// <summary>The data of a metric bar chart: measures at K, one bar per model per measure.</summary>
public sealed record MetricChart(string Title, int K, string[] Measures, IReadOnlyList<MetricBarGroup> Models, int Skipped);

/// <summary>Bars of Measure-MfModel rows.</summary>
public static class MetricBars
{
    /// <summary>The ranking measures at K, all on the 0..1 scale, in the order drawn.</summary>
    public static readonly string[] RankingMeasures = ["Precision", "Recall", "NDCG", "MAP", "HitRate", "Coverage"];

    /// <summary>
    /// The ranking measures of <paramref name="rows"/> (all at the same K), one group per row that has any of them, in the
    /// order given; rows without a ranking measure (the error-only baselines) are counted in <see cref="MetricChart.Skipped"/>.
    /// </summary>
    public static MetricChart From(IReadOnlyList<EvaluationRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("At least one row of Measure-MfModel is needed.", nameof(rows));
        var ks = rows.Select(r => r.K).Distinct().ToArray();
        if (ks.Length > 1)
            throw new ArgumentException($"The rows were measured at different K ({string.Join(", ", ks)}); chart one K at a time.", nameof(rows));
        var groups = new List<MetricBarGroup>();
        int skipped = 0;
        foreach (var r in rows)
        {
            double?[] values = [r.Precision, r.Recall, r.Ndcg, r.Map, r.HitRate, r.Coverage];
            if (values.All(v => v is null)) { skipped++; continue; }
            groups.Add(new MetricBarGroup(r.Model, r.Kind, values));
        }
        if (groups.Count == 0)
            throw new ArgumentException("None of the rows has a ranking measure.", nameof(rows));
        int models = groups.Count(g => g.Kind == "Model"), baselines = groups.Count - models;
        int? users = rows.Select(r => r.Users).FirstOrDefault(u => u is not null);
        string who = users is { } u ? $" over {EmbeddingCharts.N0(u)} test users" : "";
        return new MetricChart(
            $"Ranking at K={ks[0]}{who}: {Count(models, "model")} against {Count(baselines, "baseline")}",
            ks[0], RankingMeasures, groups, skipped);
    }

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
