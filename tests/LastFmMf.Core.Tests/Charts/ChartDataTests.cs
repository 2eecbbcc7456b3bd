using LastFmMf.Charts;
using LastFmMf.Data;
using LastFmMf.Evaluation;
using LastFmMf.Splitting;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;
using Xunit.Abstractions;
using LastFmMf.Scoring;

namespace LastFmMf.Tests.Charts;

/// <summary>The data behind Export-MfChart, tested without rendering.</summary>
public class ChartDataTests(ITestOutputHelper output)
{
    private static readonly Lazy<(DataSplit Split, TrainingRun Run)> Sample = new(() =>
    {
        var split = Splitter.PerUser(HetrecReader.Read(Path.Combine(RepoRoot.Path, "data", "sample")), 0.2, seed: 42);
        return (split, Trainer.Train(split, Hyperparameters.DefaultsFor("Squared") with { Factors = 8, Epochs = 6 }));
    });

    // --- loss curves ------------------------------------------------------------------------------------------------------

    [Fact]
    public void Labels_name_only_the_hyperparameters_that_differ()
    {
        var a = Hyperparameters.DefaultsFor("Squared") with { Factors = 16, Objective = SquaredSettings.Default with { Regularization = 1 } };
        var b = Hyperparameters.DefaultsFor("Squared") with { Factors = 32, Objective = SquaredSettings.Default with { Regularization = 1 } };
        var c = Hyperparameters.DefaultsFor("Squared") with { Factors = 32, Objective = SquaredSettings.Default with { Regularization = 30 } };
        Assert.Equal(new[] { "k=16, λ=1", "k=32, λ=1", "k=32, λ=30" }, LossCurves.Labels([a, b, c]));
    }

    [Fact]
    public void A_single_run_is_labelled_by_its_summary_and_runs_that_look_alike_are_numbered()
    {
        var hp = Hyperparameters.DefaultsFor("Squared");
        Assert.Equal(new[] { hp.ToString() }, LossCurves.Labels([hp]));
        // ThreadCount does not change the result, so it is not a label; the two runs still need different names.
        Assert.Equal(new[] { "run 1", "run 2" }, LossCurves.Labels([hp, hp with { ThreadCount = 2 }]));
        Assert.Equal(new[] { "seed=1 (run 1)", "seed=1 (run 2)", "seed=2" },
            LossCurves.Labels([hp with { Seed = 1 }, hp with { Seed = 1 }, hp with { Seed = 2 }]));
    }

    [Fact]
    public void Loss_series_are_the_histories_of_the_runs()
    {
        var (split, run) = Sample.Value;
        var other = Trainer.Train(split, run.Hyperparameters with { Objective = (SquaredSettings)run.Hyperparameters.Objective with { Regularization = 1 } });
        var chart = LossCurves.From([run, other]);
        Assert.Equal(2, chart.Runs.Count);
        Assert.Equal(new[] { "λ=10", "λ=1" }, chart.Runs.Select(r => r.Label));
        foreach (var (series, source) in chart.Runs.Zip([run, other]))
        {
            Assert.Equal(source.History.Select(h => h.Epoch), series.Epochs);
            Assert.Equal(source.History.Select(h => h.Loss), series.Loss);
            Assert.Equal(source.History.Select(h => h.Measure("TrainRmse")), series.TrainRmse);
            Assert.Equal(source.History.Select(h => h.Measure("ValidationRmse")), series.ValidationRmse);
            Assert.Equal(source.History.Select(h => h.Measure("TestRmse")), series.TestRmse);
            Assert.All(series.TrainRmse, v => Assert.NotNull(v));
            Assert.True(series.HasRmse);
            Assert.Equal(source.BestEpoch, series.BestEpoch);
        }
        Assert.True(chart.HasTest);
        Assert.Contains("2 runs of Squared", chart.Title);
        Assert.Contains("PerUser split (TestFraction 0.2, Seed 42) of sample", chart.Title);
        Assert.DoesNotContain(RepoRoot.Path, chart.Title);
    }

    [Fact]
    public void A_ranking_run_brings_its_validation_NDCG_and_is_labelled_by_its_objective()
    {
        var (split, squared) = Sample.Value;
        var bpr = Trainer.Train(split, Hyperparameters.DefaultsFor("Bpr") with { Factors = 8, Epochs = 4 });
        var chart = LossCurves.From([squared, bpr]);
        Assert.True(chart.HasValidationNdcg);
        Assert.Equal(bpr.History.Select(h => h.ValidationNdcg), chart.Runs[1].ValidationNdcg);
        Assert.All(chart.Runs[1].ValidationNdcg, v => Assert.NotNull(v));
        Assert.StartsWith("Squared, ", chart.Runs[0].Label);
        Assert.StartsWith("Bpr, ", chart.Runs[1].Label);
        // RMSE is drawn for the run that fits play counts only.
        Assert.True(chart.HasRmse);
        Assert.False(chart.Runs[1].HasRmse);
        Assert.False(LossCurves.From([bpr]).HasRmse);
        // A Bpr history has no RMSE at all: its series hold nulls, not NaN.
        Assert.All(chart.Runs[1].TrainRmse, v => Assert.Null(v));
        Assert.All(chart.Runs[1].ValidationRmse, v => Assert.Null(v));
        Assert.Contains("2 runs of Squared and Bpr", chart.Title);
    }

    [Fact]
    public void Sources_are_cut_to_the_folder_name()
    {
        Assert.Equal("train part of PerUser split (TestFraction 0.2, Seed 42) of hetrec2011-lastfm-2k",
            LossCurves.ShortSource("train part of PerUser split (TestFraction 0.2, Seed 42) of /data/x/hetrec2011-lastfm-2k/"));
        Assert.Equal("sample", LossCurves.ShortSource("/a/b/sample"));
    }

    // --- norms by popularity ----------------------------------------------------------------------------------------------

    [Fact]
    public void Norms_and_listener_counts_match_the_model_and_unheard_artists_are_left_out()
    {
        // Artist 1: 3 listeners, ‖(3,4)‖ = 5; artist 2: 1 listener, ‖(1,0)‖ = 1; artist 3: no listener (left out); artist 4: 2 listeners, ‖(0,2)‖ = 2.
        var model = TinyModel.Create(2,
            [[1, 0], [0, 1], [1, 1]],
            [[3, 4], [1, 0], [9, 9], [0, 2]],
            [(0, 0, 5), (1, 0, 2), (2, 0, 1), (0, 1, 1), (1, 3, 4), (2, 3, 1)]);
        var chart = EmbeddingCharts.NormByPopularity(model, labelCount: 2);
        Assert.Equal(new[] { 0, 1, 3 }, chart.Artists);
        Assert.Equal(new[] { 3, 1, 2 }, chart.Listeners);
        Assert.Equal(new[] { 5.0, 1.0, 2.0 }, chart.Norms);
        Assert.Equal(1, chart.Excluded);
        Assert.Equal(new[] { 0, 2 }, chart.Labelled);            // the two most listened points: artist 1, then artist 4
        Assert.Equal(1.0, chart.SpearmanRho, 12);        // more listeners, larger norm, monotonically
        Assert.Equal(new[] { "Artist 1", "Artist 2", "Artist 4" }, chart.Names);
    }

    [Fact]
    public void A_model_without_training_listens_is_refused()
    {
        var (_, run) = Sample.Value;
        Assert.Throws<ArgumentException>(() => EmbeddingCharts.NormByPopularity(run.FinalState.Model));
    }

    // --- artist map ---------------------------------------------------------------------------------------------------------

    [Fact]
    public void A_map_of_non_finite_factors_is_refused_naming_the_value()
    {
        // Issue 13 row 11: MathNet's SVD threw NonConvergenceException, which said nothing of the cause.
        var model = TinyModel.Create(2,
            [[1, 0], [0, 1]],
            [[float.NaN, 4], [1, 0], [0, 2]],
            [(0, 0, 5), (1, 0, 2), (0, 1, 1), (1, 2, 4)]);
        var e = Assert.Throws<ArgumentException>(() => EmbeddingCharts.ArtistMap(model, minListeners: 1));
        Assert.Contains("NaN", e.Message);
        Assert.Contains("finite", e.Message);
    }

    [Fact]
    public void The_first_axis_explains_the_most_variance_and_the_coordinates_carry_it()
    {
        // Artists spread mostly along (1, 1, 0), less along (1, -1, 0), barely along z.
        var rng = new Random(3);
        var artists = Enumerable.Range(0, 60).Select(_ =>
        {
            double a = rng.NextDouble() * 10 - 5, b = rng.NextDouble() * 2 - 1, c = rng.NextDouble() * 0.2;
            return new[] { (float)(a + b), (float)(a - b), (float)c };
        }).ToArray();
        var listened = Enumerable.Range(0, 60).Select(i => (User: 0, Artist: i, Plays: 1)).ToArray();
        var model = TinyModel.Create(3, [[1, 1, 1]], artists, listened);
        var map = EmbeddingCharts.ArtistMap(model, minListeners: 1, labelCount: 0);

        Assert.Equal(60, map.X.Length);
        Assert.Equal(3, map.ExplainedVariance.Length);
        Assert.Equal(1.0, map.ExplainedVariance.Sum(), 9);
        Assert.True(map.ExplainedVariance[0] > 0.9, $"first axis explains {map.ExplainedVariance[0]}");
        Assert.True(map.ExplainedVariance[0] >= map.ExplainedVariance[1] && map.ExplainedVariance[1] >= map.ExplainedVariance[2]);

        // The coordinates hold exactly the variance the axes claim, and are uncorrelated.
        double total = TotalVariance(model, map.Artists);
        Assert.Equal(map.ExplainedVariance[0] * total, Variance(map.X), 6);
        Assert.Equal(map.ExplainedVariance[1] * total, Variance(map.Y), 6);
        Assert.Equal(0, Covariance(map.X, map.Y), 6);
        Assert.Equal(0, map.X.Average(), 9);
        // The first axis is close to (1, 1, 0)/√2, and its sign is fixed (the largest loading is positive): the coordinates
        // follow x + y, not -(x + y).
        var along = artists.Select(a => (double)(a[0] + a[1])).ToArray();
        double r = Covariance(map.X, along) / Math.Sqrt(Variance(map.X) * Variance(along));
        Assert.True(r > 0.99, $"correlation of PC1 with x + y is {r}");
    }

    [Fact]
    public void A_normalized_map_compares_directions_only()
    {
        // Artists on two directions with very different lengths: scaled to unit length they fall on two points.
        float[][] artists = [[1, 0, 0], [5, 0, 0], [0.1f, 0, 0], [0, 2, 2], [0, 0.3f, 0.3f], [0, 7, 7]];
        var listened = Enumerable.Range(0, artists.Length).Select(i => (User: 0, Artist: i, Plays: 1)).ToArray();
        var model = TinyModel.Create(3, [[1, 1, 1]], artists, listened);
        var raw = EmbeddingCharts.ArtistMap(model, minListeners: 1, labelCount: 0);
        var unit = EmbeddingCharts.ArtistMap(model, minListeners: 1, labelCount: 0, normalize: true);
        Assert.True(raw.X.Select(v => Math.Round(v, 6)).Distinct().Count() > 2);   // raw: lengths spread the points
        Assert.Equal(2, unit.X.Select(v => Math.Round(v, 6)).Distinct().Count());
        Assert.Equal(1.0, unit.ExplainedVariance[0], 9);   // two points: one axis holds all the variance
        Assert.Contains("unit-length", unit.Title);
    }

    [Fact]
    public void Points_are_coloured_by_the_most_common_tags_then_other_and_untagged()
    {
        var (_, run) = Sample.Value;
        var map = EmbeddingCharts.ArtistMap(run.Model, minListeners: 1, groupCount: 4, labelCount: 5);
        var tags = run.Model.ArtistTopTags!;
        var counts = map.Artists.SelectMany(a => tags[a]).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var common = map.Groups.Take(4).ToArray();
        // The four groups are the four most frequent tags, most frequent first.
        Assert.Equal(counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(4).Select(kv => kv.Key), common);
        for (int i = 0; i < map.Artists.Length; i++)
        {
            var top = tags[map.Artists[i]];
            string expected = top.FirstOrDefault(common.Contains) ?? (top.Length == 0 ? "untagged" : "other");
            Assert.Equal(expected, map.Groups[map.Group[i]]);
        }
        var listeners = run.Model.Listened!.ListenerCounts();
        // The most listened artist is labelled first; the others follow by listeners, skipping those whose labels would overlap (ChartLabels).
        var labelled = map.Labelled.Select(i => listeners[map.Artists[i]]).ToArray();
        Assert.InRange(labelled.Length, 1, 5);
        Assert.Equal(map.Artists.Max(a => listeners[a]), labelled[0]);
        Assert.Equal(labelled.OrderDescending(), labelled);
    }

    // --- metric bars --------------------------------------------------------------------------------------------------------

    [Fact]
    public void Metric_bars_keep_the_ranking_measures_and_skip_error_only_rows()
    {
        var (split, run) = Sample.Value;
        var rows = ModelEvaluation.Evaluate(run.Model, split.Test, split.Train.Listens, run.Model.Origin, new EvaluationOptions(10, true));
        var chart = MetricBars.From(rows);
        Assert.Equal(10, chart.K);
        var ranked = rows.Where(r => r.Ndcg is not null).ToArray();
        Assert.Equal(ranked.Select(r => r.Model), chart.Models.Select(m => m.Model));
        Assert.Equal(rows.Count - ranked.Length, chart.Skipped);
        foreach (var (group, row) in chart.Models.Zip(ranked))
            Assert.Equal(new[] { row.Precision, row.Recall, row.Ndcg, row.Map, row.HitRate, row.Coverage }, group.Values);
        Assert.StartsWith("Ranking at K=10", chart.Title);
        output.WriteLine(chart.Title);
    }

    [Fact]
    public void Rows_at_different_K_are_refused()
    {
        EvaluationRow Row(int k) => new() { Model = "m", Kind = "Model", K = k, Ndcg = 0.1, Transform = TransformKind.Log };
        Assert.Throws<ArgumentException>(() => MetricBars.From([Row(10), Row(20)]));
        Assert.Throws<ArgumentException>(() => MetricBars.From([]));
    }

    // --- the real data ------------------------------------------------------------------------------------------------------

    [SkippableFact]
    public void On_the_real_data_norms_match_the_model_and_grow_with_popularity()
    {
        var (_, run) = TinyModel.RealRun;
        var chart = EmbeddingCharts.NormByPopularity(run.Model);
        var listeners = run.Model.Listened!.ListenerCounts();
        Assert.Equal(listeners.Count(c => c > 0), chart.Artists.Length);
        for (int i = 0; i < chart.Artists.Length; i += 97)
        {
            int a = chart.Artists[i];
            var q = run.Model.ArtistVector(a).ToArray();
            Assert.Equal(Math.Sqrt(q.Sum(x => (double)x * x)), chart.Norms[i], 9);
            Assert.Equal(listeners[a], chart.Listeners[i]);
        }
        output.WriteLine($"{chart.Artists.Length} artists, Spearman ρ = {chart.SpearmanRho:F3}, top: {string.Join(", ", chart.Labelled.Select(i => chart.Names[i]))}");
        Assert.True(chart.SpearmanRho > 0.3, $"ρ = {chart.SpearmanRho}");
        Assert.Equal(listeners.Max(), chart.Listeners[chart.Labelled[0]]);
    }

    [SkippableFact]
    public void On_the_real_data_the_map_axes_are_ordered_by_variance()
    {
        var (_, run) = TinyModel.RealRun;
        var map = EmbeddingCharts.ArtistMap(run.Model);
        double total = TotalVariance(run.Model, map.Artists);
        output.WriteLine($"{map.Artists.Length} artists; explained {map.ExplainedVariance[0]:P1}, {map.ExplainedVariance[1]:P1}; groups {string.Join(", ", map.Groups)}");
        Assert.True(map.ExplainedVariance.Zip(map.ExplainedVariance.Skip(1)).All(p => p.First >= p.Second - 1e-12));
        Assert.Equal(map.ExplainedVariance[0] * total, Variance(map.X), 4);
        Assert.Equal(map.ExplainedVariance[1] * total, Variance(map.Y), 4);
        Assert.True(Variance(map.X) >= Variance(map.Y));
        Assert.Contains("rock", map.Groups);
    }

    private static double TotalVariance(FactorModel model, int[] artists)
    {
        double sum = 0;
        for (int j = 0; j < model.Factors; j++) sum += Variance(artists.Select(a => (double)model.ArtistVector(a)[j]).ToArray());
        return sum;
    }

    private static double Variance(double[] x) => Covariance(x, x);

    private static double Covariance(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        return x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Length;
    }
}
