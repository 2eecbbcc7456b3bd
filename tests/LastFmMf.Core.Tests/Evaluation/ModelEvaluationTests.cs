using LastFmMf.Data;
using LastFmMf.Evaluation;
using LastFmMf.Ranking;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;
using Xunit.Abstractions;
using LastFmMf.Scoring;

namespace LastFmMf.Tests.Evaluation;

public class ModelEvaluationTests(ITestOutputHelper output)
{
    // k = 1, no biases, Log scale. Two users, four artists; plays are whole counts: 1 play is target c = ln 2, 3 plays 2c.
    // Train: user 0 -> artist 0 (1 play, target c); user 1 -> artists 0 (3 plays, target 2c) and 1 (1 play, target c).
    // Test:  user 0 -> artists 1 (3, target 2c) and 3 (1, target c); user 1 -> artist 2 (1, target c).
    private const int E1 = 1, E2 = 3;
    private static readonly double C = Math.Log(2);

    private static (FactorModel Model, LastFmDataset Test) Tiny4()
    {
        var model = TinyModel.Create(1, [[1], [2]], [[1], [0.5f], [0.25f], [2]],
            [(0, 0, E1), (1, 0, E2), (1, 1, E1)]);
        var test = Support.Tiny.Dataset(2, 4, (0, 1, E2), (0, 3, E1), (1, 2, E1));
        return (model, test);
    }

    [Fact]
    public void Model_and_baselines_by_hand()
    {
        var (model, test) = Tiny4();
        var rows = ModelEvaluation.Evaluate(model, test, options: new EvaluationOptions(K: 1, ThreadCount: 1));
        Assert.Equal(["Model", "Baseline", "Baseline", "Baseline", "Baseline"], rows.Select(r => r.Kind).ToArray());
        Assert.Equal(["Popularity", "Random", "UserArtistBias", "GlobalMean"], rows.Skip(1).Select(r => r.Model).ToArray());
        var m = rows[0];
        Assert.Equal("Squared (k=1, Log)", m.Model); // no origin: the objective name (a model without one counts as Squared)

        // Predictions p·q: user 0: artist 1 -> 0.5 (target 2c), artist 3 -> 2 (target c); user 1: artist 2 -> 0.5 (target c).
        double[] err = [2 * C - 0.5, C - 2, C - 0.5];
        Assert.Equal(3, m.Pairs);
        Assert.Equal(Math.Sqrt(err.Sum(e => e * e) / 3), m.Rmse!.Value, 6);
        Assert.Equal(err.Sum(Math.Abs) / 3, m.Mae!.Value, 6);

        // Ranking at K = 1. User 0 candidates 1, 2, 3 scored 0.5, 0.25, 2 -> artist 3: a hit. User 1 candidates 2, 3 scored 0.5, 4 -> artist 3: a miss.
        Assert.Equal(2, m.Users);
        Assert.Equal(0.5, m.Precision!.Value, 12);
        Assert.Equal((0.5 + 0) / 2, m.Recall!.Value, 12);
        Assert.Equal(0.5, m.Ndcg!.Value, 12);
        Assert.Equal(0.5, m.Map!.Value, 12);
        Assert.Equal(0.5, m.HitRate!.Value, 12);
        Assert.Equal(1.0 / 4, m.Coverage!.Value, 12);

        // GlobalMean: μ = (c + 2c + c)/3 = 4c/3 on the Log scale; no ranking.
        var g = rows[4];
        double mu = 4 * C / 3;
        double[] ge = [2 * C - mu, C - mu, C - mu];
        Assert.Equal(Math.Sqrt(ge.Sum(e => e * e) / 3), g.Rmse!.Value, 6);
        Assert.Equal(ge.Sum(Math.Abs) / 3, g.Mae!.Value, 6);
        Assert.Null(g.Ndcg);
        Assert.Null(g.Users);

        // Popularity: listeners 2, 1, 0, 0. User 0 candidates 1, 2, 3 -> artist 1: a hit. User 1 candidates 2, 3 -> tie 0, 0 -> artist 2: a hit.
        var p = rows[1];
        Assert.Equal(1.0, p.Precision!.Value, 12);
        Assert.Equal((0.5 + 1) / 2, p.Recall!.Value, 12);
        Assert.Equal(1.0, p.HitRate!.Value, 12);
        Assert.Equal(2.0 / 4, p.Coverage!.Value, 12);
        Assert.Null(p.Rmse);
        Assert.Null(p.Pairs);

        // UserArtistBias has both.
        Assert.NotNull(rows[3].Rmse);
        Assert.NotNull(rows[3].Ndcg);
    }

    [Fact]
    public void Without_baselines_only_the_model()
    {
        var (model, test) = Tiny4();
        Assert.Single(ModelEvaluation.Evaluate(model, test, options: new EvaluationOptions(RankingBaselines: false, ErrorBaselines: false)));
    }

    [Fact]
    public void Refuses_data_of_another_shape()
    {
        var (model, _) = Tiny4();
        var other = Support.Tiny.Dataset(3, 4, (0, 0, 1));
        Assert.Throws<ArgumentException>(() => ModelEvaluation.Evaluate(model, other));
    }

    [Fact]
    public void A_run_fills_the_hyperparameter_columns_and_the_name()
    {
        var data = Support.Tiny.Synthetic(40, 80, 0.2, seed: 2);
        var split = LastFmMf.Splitting.Splitter.PerUser(data, 0.2, seed: 1);
        var hp = Hyperparameters.DefaultsFor("Squared") with { Factors = 4, Epochs = 3, Seed = 9, Objective = SquaredSettings.Default with { Regularization = 5 } };
        var run = Trainer.Train(split, hp);
        var row = ModelEvaluation.Evaluate(run.Model, split.Test, origin: run.Model.Origin, options: new EvaluationOptions(RankingBaselines: false, ErrorBaselines: false))[0];
        Assert.Equal(ModelEvaluation.NameOf(run.Model, run.Model.Origin), row.Model);
        Assert.Equal("Squared k=4 σ=0.1 seed=9 validation=0.1 η=0.02 decay=0.97 λ=5 λbu=0.5 λba=15 λg=0 biases transform=Log B=8", row.Model);
        Assert.Equal(4, row.Factors);
        // One column per name (a sweep table and Export-Csv need unique headers), Transform among them once.
        Assert.Equal(row.Columns().Count, row.Columns().Select(c => c.Key).Distinct().Count());
        var columns = row.Columns().ToDictionary(c => c.Key, c => c.Value);
        Assert.Equal(TransformKind.Log, columns["Transform"]);
        Assert.Equal(5.0, columns["Regularization"]);
        Assert.Equal(9, columns["Seed"]);
        Assert.Equal(3, columns["Epochs"]);
        Assert.Equal(run.EpochsRun, columns["EpochsRun"]);
        Assert.Equal(run.BestEpoch, columns["BestEpoch"]);
        Assert.Equal(true, columns["UseBiases"]);
        Assert.Equal(0.02, columns["LearningRate"]);
        Assert.Equal(0.0, columns["Gravity"]);
        Assert.Equal("Squared", row.Objective);
        Assert.Equal("Squared", columns["Objective"]);
        Assert.Equal(run.Measure("TestRmse")!.Value, row.Rmse!.Value, 6);
        // Without the origin passed, the model's own is used.
        Assert.Equal(row.Model, ModelEvaluation.Evaluate(run.Model, split.Test, options: new EvaluationOptions(RankingBaselines: false, ErrorBaselines: false))[0].Model);
    }

    // ---- An independent, straightforward implementation: dictionaries, LINQ, a full sort per user. ----

    private sealed record Plain(int Users, double Precision, double Recall, double Ndcg, double Map, double HitRate, double Coverage);

    private static Plain PlainRanking(Func<int, int, double> score, Dictionary<int, HashSet<int>> train, Dictionary<int, HashSet<int>> test, int artists, int k)
    {
        var precisions = new List<double>(); var recalls = new List<double>(); var ndcgs = new List<double>();
        var aps = new List<double>(); var hits = new List<double>(); var shown = new HashSet<int>();
        foreach (var user in test.Keys.OrderBy(u => u))
        {
            var relevant = test[user];
            var seen = train.TryGetValue(user, out var s) ? s : [];
            var ranked = Enumerable.Range(0, artists).Where(a => !seen.Contains(a))
                .Select(a => (Artist: a, Score: score(user, a))).OrderByDescending(x => x.Score).ThenBy(x => x.Artist)
                .Take(k).Select(x => x.Artist).ToList();
            if (ranked.Count == 0) continue;
            shown.UnionWith(ranked);
            var isHit = ranked.Select(relevant.Contains).ToList();
            int h = isHit.Count(x => x);
            precisions.Add(h / (double)k);
            recalls.Add(h / (double)relevant.Count);
            double dcg = isHit.Select((x, i) => x ? 1 / Math.Log2(i + 2) : 0).Sum();
            double idcg = Enumerable.Range(0, Math.Min(k, relevant.Count)).Sum(i => 1 / Math.Log2(i + 2));
            ndcgs.Add(dcg / idcg);
            double ap = isHit.Select((x, i) => x ? isHit.Take(i + 1).Count(y => y) / (double)(i + 1) : 0).Sum() / Math.Min(k, relevant.Count);
            aps.Add(ap);
            hits.Add(h > 0 ? 1 : 0);
        }
        return new Plain(precisions.Count, precisions.Average(), recalls.Average(), ndcgs.Average(), aps.Average(), hits.Average(), shown.Count / (double)artists);
    }

    private static Dictionary<int, HashSet<int>> Sets(Interactions l) =>
        Enumerable.Range(0, l.UserCount).Where(u => l.RowLength(u) > 0).ToDictionary(u => u, u => l.ArtistsOf(u).ToArray().ToHashSet());

    private static void Same(Plain p, EvaluationRow r, double tolerance)
    {
        Assert.Equal(p.Users, r.Users);
        Assert.Equal(p.Precision, r.Precision!.Value, tolerance);
        Assert.Equal(p.Recall, r.Recall!.Value, tolerance);
        Assert.Equal(p.Ndcg, r.Ndcg!.Value, tolerance);
        Assert.Equal(p.Map, r.Map!.Value, tolerance);
        Assert.Equal(p.HitRate, r.HitRate!.Value, tolerance);
        Assert.Equal(p.Coverage, r.Coverage!.Value, tolerance);
    }

    [SkippableFact]
    public void Agrees_with_a_plain_implementation_on_the_real_data()
    {
        var (split, run) = TinyModel.RealRun;
        var m = run.Model;
        var rows = ModelEvaluation.Evaluate(m, split.Test, origin: run.Model.Origin, options: new EvaluationOptions(K: 10, ThreadCount: 2));
        foreach (var r in rows)
            output.WriteLine($"{r.Model,-60} users {r.Users} P {r.Precision:F4} R {r.Recall:F4} NDCG {r.Ndcg:F4} MAP {r.Map:F4} Hit {r.HitRate:F4} Cov {r.Coverage:F4} RMSE {r.Rmse:F4} MAE {r.Mae:F4}");

        var train = Sets(split.Train.Listens);
        var test = Sets(split.Test.Listens);
        int n = m.ArtistCount;

        var listeners = split.Train.Listens.ArtistIndex.GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        var pop = PlainRanking((_, a) => listeners.GetValueOrDefault(a), train, test, n, 10);
        Same(pop, rows.Single(r => r.Model == "Popularity"), 1e-12);

        // The model's own float scores may break near-ties differently from a double Predict; allow for a rare swap.
        var model = PlainRanking(m.Predict, train, test, n, 10);
        Same(model, rows[0], 5e-4);

        // Error measures, plainly: over every test listen, on ln(1 + plays).
        var triples = Enumerable.Range(0, split.Test.Listens.UserCount)
            .SelectMany(u => split.Test.Listens.ArtistsOf(u).ToArray().Zip(split.Test.Listens.PlaysOf(u).ToArray(), (a, w) => (u, a, w))).ToList();
        var errors = triples.Select(t => Math.Log(1 + t.w) - m.Predict(t.u, t.a)).ToList();
        Assert.Equal(triples.Count, rows[0].Pairs);
        Assert.Equal(Math.Sqrt(errors.Average(e => e * e)), rows[0].Rmse!.Value, 9);
        Assert.Equal(errors.Average(Math.Abs), rows[0].Mae!.Value, 9);
        double mu = split.Train.Listens.Plays.Average(w => Math.Log(1 + w));
        var g = rows.Single(r => r.Model == "GlobalMean");
        Assert.Equal(Math.Sqrt(triples.Average(t => Math.Pow(Math.Log(1 + t.w) - mu, 2))), g.Rmse!.Value, 9);
        Assert.Equal(triples.Average(t => Math.Abs(Math.Log(1 + t.w) - mu)), g.Mae!.Value, 9);

        // The model beats the error baselines; ranking is reported, not asserted (squared loss on observed pairs is not a ranking objective).
        Assert.True(rows[0].Rmse < rows.Single(r => r.Model == "UserArtistBias").Rmse);
        Assert.True(rows.Single(r => r.Model == "UserArtistBias").Rmse < g.Rmse);
    }
}

public class RankingModelEvaluationTests
{
    [Fact]
    public void A_ranking_model_gets_no_error_measures_and_no_error_baselines()
    {
        var data = LastFmMf.Data.HetrecReader.Read(Path.Combine(LastFmMf.Tests.Support.RepoRoot.Path, "data", "sample"));
        var split = LastFmMf.Splitting.Splitter.PerUser(data, 0.2, seed: 5);
        var hp = LastFmMf.Training.Hyperparameters.DefaultsFor("Implicit") with { Factors = 8, Epochs = 2 };
        var run = LastFmMf.Training.Trainer.Train(split, hp);
        Assert.False(ModelEvaluation.PredictsTargets(run.Model));
        var rows = ModelEvaluation.Evaluate(run.Model, split.Test, origin: run.Model.Origin);
        Assert.Equal(new[] { "Model", "Baseline", "Baseline" }, rows.Select(r => r.Kind));
        Assert.Equal(new[] { "Popularity", "Random" }, rows.Skip(1).Select(r => r.Model));
        Assert.All(rows, r => Assert.Null(r.Rmse));
        Assert.NotNull(rows[0].Ndcg);
        Assert.StartsWith("Implicit k=8 ", rows[0].Model);
        Assert.Contains("λ=100 α=4", rows[0].Model);
        Assert.Equal("Implicit", rows[0].Objective);
        // The row's columns hold the objective's own settings and none of another objective's.
        var keys = rows[0].Columns().Select(c => c.Key).ToArray();
        Assert.Contains("Alpha", keys);
        Assert.DoesNotContain("LearningRate", keys);
        Assert.DoesNotContain("Gravity", keys);
    }

    [Fact]
    public void A_squared_model_gets_error_baselines_on_its_scale()
    {
        var data = LastFmMf.Data.HetrecReader.Read(Path.Combine(LastFmMf.Tests.Support.RepoRoot.Path, "data", "sample"));
        var split = LastFmMf.Splitting.Splitter.PerUser(data, 0.2, seed: 5);
        var hp = new LastFmMf.Training.Hyperparameters { Factors = 4, Epochs = 2 };
        var run = LastFmMf.Training.Trainer.Train(split, hp);
        var rows = ModelEvaluation.Evaluate(run.Model, split.Test, options: new EvaluationOptions(RankingBaselines: false));
        Assert.Equal(new[] { "UserArtistBias", "GlobalMean" }, rows.Skip(1).Select(r => r.Model));
        Assert.All(rows, r => Assert.NotNull(r.Rmse));
    }
}
