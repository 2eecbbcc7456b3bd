using LastFmMf.Data;
using LastFmMf.Ranking;
using LastFmMf.Training;
using LastFmMf.Scoring;

namespace LastFmMf.Evaluation;

/// <summary>
/// One row of an evaluation table: a model or a baseline, its error on the held-out play counts and its top-K ranking
/// quality. A measure that does not apply to a row (RMSE of Popularity, ranking of GlobalMean) is null, so Export-Csv
/// leaves the cell empty. The hyperparameter columns are filled for a model that came with its training run, so the
/// rows of a sweep form a complete table.
/// </summary>
public sealed record EvaluationRow
{
    /// <summary>"BiasedMF (Squared, k=64, λ=10, ...)" for a model, or the baseline's name.</summary>
    public required string Model { get; init; }
    /// <summary>"Model" or "Baseline".</summary>
    public required string Kind { get; init; }
    /// <summary>The ranking cut-off.</summary>
    public required int K { get; init; }
    /// <summary>Users in the ranking measures: those with a held-out listen and at least one candidate.</summary>
    public int? Users { get; init; }
    /// <summary>Mean of hits/K.</summary>
    public double? Precision { get; init; }
    /// <summary>Mean of hits/|relevant|.</summary>
    public double? Recall { get; init; }
    /// <summary>Mean of DCG@K/IDCG@K, binary relevance, 1/log2(rank+1), IDCG over min(K, |relevant|).</summary>
    public double? Ndcg { get; init; }
    /// <summary>Mean of AP@K normalised by min(K, |relevant|).</summary>
    public double? Map { get; init; }
    /// <summary>Share of users with at least one hit in the top K.</summary>
    public double? HitRate { get; init; }
    /// <summary>Distinct artists recommended to anyone, over all artists.</summary>
    public double? Coverage { get; init; }
    /// <summary>Held-out listens in RMSE and MAE.</summary>
    public int? Pairs { get; init; }
    /// <summary>Root mean squared error on the model's target scale.</summary>
    public double? Rmse { get; init; }
    /// <summary>Mean absolute error on the model's target scale.</summary>
    public double? Mae { get; init; }
    /// <summary>The target scale of RMSE and MAE.</summary>
    public required TransformKind Transform { get; init; }
    /// <summary>The objective that trained the model (models only).</summary>
    public string? Objective { get; init; }
    /// <summary>k (models only).</summary>
    public int? Factors { get; init; }

    /// <summary>What made the model (models from a run only): its settings and epochs, the hyperparameter columns of a sweep.</summary>
    internal ModelOrigin? Origin { get; init; }

    /// <summary>The flat row: the properties, then (for a model from a run) every setting and the epochs of its origin (a setting
    /// that is already a property, such as Squared's Transform — the model's target scale — appears once).</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Columns()
    {
        var row = new List<KeyValuePair<string, object?>>
        {
            new(nameof(Model), Model), new(nameof(Kind), Kind), new(nameof(K), K), new(nameof(Users), Users),
            new(nameof(Precision), Precision), new(nameof(Recall), Recall), new(nameof(Ndcg), Ndcg), new(nameof(Map), Map),
            new(nameof(HitRate), HitRate), new(nameof(Coverage), Coverage), new(nameof(Pairs), Pairs), new(nameof(Rmse), Rmse),
            new(nameof(Mae), Mae), new(nameof(Transform), Transform), new(nameof(Objective), Objective), new(nameof(Factors), Factors),
        };
        if (Origin is not null) row.AddRange(Origin.Columns().Where(c => c.Key is not (nameof(Objective) or nameof(Factors) or nameof(Transform))));
        return row;
    }
}

/// <summary>What to evaluate besides the model.</summary>
/// <param name="K">Ranking cut-off, at least 1.</param>
/// <param name="RankingBaselines">Add the ranking baselines: Popularity and Random.</param>
/// <param name="RandomSeed">Seed of the Random baseline.</param>
/// <param name="ThreadCount">Threads over users (results do not depend on it); 0 = one per processor.</param>
/// <param name="ErrorBaselines">Add UserArtistBias and GlobalMean on the model's target scale (only for a model that
/// predicts targets; see <see cref="ModelEvaluation.PredictsTargets"/>).</param>
public sealed record EvaluationOptions(int K = 10, bool RankingBaselines = true, int RandomSeed = 42, int ThreadCount = 0, bool ErrorBaselines = true);

/// <summary>
/// A model and the trivial answers side by side on held-out listens, so every evaluation shows whether the model beats
/// them. Candidates for a user are all artists not in the user's training listens. Baselines are fitted on the same
/// training listens: Popularity (rank by number of training listeners), Random (seeded), GlobalMean (μ for every pair)
/// and UserArtistBias (μ + b_u + b_a, which also ranks, by b_a). Error is measured on the model's target scale.
/// </summary>
public static class ModelEvaluation
{
    /// <summary>
    /// The model's row, then Popularity and Random (<see cref="EvaluationOptions.RankingBaselines"/>), then UserArtistBias and
    /// GlobalMean on the model's scale (<see cref="EvaluationOptions.ErrorBaselines"/>, for a model that predicts targets).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="test">Held-out listens over the model's users and artists.</param>
    /// <param name="train">The training listens; default the model's <see cref="FactorModel.Listened"/>.</param>
    /// <param name="origin">What made the model, for the name and hyperparameter columns; default the model's own <see cref="FactorModel.Origin"/>.</param>
    /// <param name="options">K, baselines, seed, threads.</param>
    public static IReadOnlyList<EvaluationRow> Evaluate(FactorModel model, LastFmDataset test, Interactions? train = null,
        ModelOrigin? origin = null, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        options ??= new EvaluationOptions();
        if (options.K < 1) throw new ArgumentOutOfRangeException(nameof(options), options.K, "K must be at least 1.");
        train ??= model.Listened ?? throw new ArgumentException(
            "The model carries no training listens; pass the training data (a split) so candidates can leave them out.", nameof(train));
        if (test.UserCount != model.UserCount || test.ArtistCount != model.ArtistCount || train.UserCount != model.UserCount || train.ArtistCount != model.ArtistCount)
            throw new ArgumentException($"The test data ({test.UserCount} users, {test.ArtistCount} artists) does not match the model ({model.UserCount} users, {model.ArtistCount} artists).", nameof(test));
        int threads = options.ThreadCount > 0 ? options.ThreadCount : Environment.ProcessorCount;
        var rows = new List<EvaluationRow>();
        origin ??= model.Origin;
        bool errors = PredictsTargets(model);
        var modelRow = Row(NameOf(model, origin), "Model", model, errors ? model : null, train, test, options.K, threads, model.Transform) with
        {
            Objective = model.Objective,
            Factors = model.Factors,
            Origin = origin,
        };
        rows.Add(modelRow);
        if (options.RankingBaselines)
        {
            rows.Add(Row("Popularity", "Baseline", new PopularityScorer(train), null, train, test, options.K, threads, model.Transform));
            rows.Add(Row("Random", "Baseline", new RandomScorer(model.ArtistCount, options.RandomSeed), null, train, test, options.K, threads, model.Transform));
        }
        if (options.ErrorBaselines && errors)
        {
            var trainData = test.WithListens(train, "train listens");
            var bias = Baselines.UserArtistBias(trainData, model.Transform);
            rows.Add(Row(bias.Name, "Baseline", RankerOf(bias, model.ArtistCount), bias, train, test, options.K, threads, model.Transform));
            rows.Add(Row("GlobalMean", "Baseline", null, Baselines.GlobalMean(trainData, model.Transform), train, test, options.K, threads, model.Transform));
        }
        return rows;
    }

    /// <summary>Whether <paramref name="data"/> indexes the same users and artists as <paramref name="model"/> (same id maps,
    /// by <see cref="DataFingerprint"/>), so that its dense indices mean the same; counts alone can agree by chance.</summary>
    public static bool SameIds(FactorModel model, LastFmDataset data) =>
        model.DataFingerprint == DataFingerprint.Of(data.Users, data.ArtistIds);

    /// <summary>Held-out pairs that are also in <paramref name="train"/> (the model's training listens): each one inflates
    /// the measures, since the model was fitted to it.</summary>
    public static int Overlap(Interactions train, LastFmDataset test)
    {
        int n = 0;
        for (int u = 0; u < test.UserCount; u++)
        {
            var mine = train.ArtistsOf(u);
            foreach (var a in test.Listens.ArtistsOf(u)) if (mine.BinarySearch(a) >= 0) n++;
        }
        return n;
    }

    /// <summary>
    /// Whether RMSE and MAE mean something for the model: it was trained to predict its targets (Squared) on a scale
    /// where they vary. Ranking objectives score preferences, and Binary targets are all 1, so error there says nothing.
    /// </summary>
    public static bool PredictsTargets(FactorModel model) =>
        (model.Origin?.Hyperparameters.Objective.Implementation.PredictsTargets ?? true) && model.TransformKind != TransformKind.Binary;

    /// <summary>The name of a model's row: its objective and, when the run is known, every setting that shapes it, by symbol.</summary>
    public static string NameOf(FactorModel model, ModelOrigin? origin) =>
        origin is null ? $"{model.Name} (k={model.Factors}, {model.TransformKind})" : origin.ToString();

    private static EvaluationRow Row(string name, string kind, IArtistScorer? scorer, IRatingPredictor? predictor, Interactions train,
        LastFmDataset test, int k, int threads, TargetTransform transform)
    {
        var row = new EvaluationRow { Model = name, Kind = kind, K = k, Transform = transform.Kind };
        if (scorer is not null)
        {
            var r = RankingMetrics.Evaluate(scorer, train, test.Listens, k, threads);
            row = row with { Users = r.Users, Precision = r.Precision, Recall = r.Recall, Ndcg = r.Ndcg, Map = r.Map, HitRate = r.HitRate, Coverage = r.Coverage };
        }
        if (predictor is not null)
        {
            var e = ErrorMeasures.Measure(predictor, test);
            row = row with { Pairs = e.Count, Rmse = e.Rmse, Mae = e.Mae };
        }
        return row;
    }

    /// <summary>The ranking scorer of the UserArtistBias baseline.</summary>
    internal static IArtistScorer RankerOf(BiasPredictor bias, int artists) => new BiasScorer(bias, artists);

    /// <summary>Ranks by a rating predictor's prediction. μ + b_u + b_a rises with b_a for every user (double addition and the
    /// rounding to float are monotone), so the ranking is b_a's, up to the ties the rounding makes, which each user's
    /// own scores then decide.</summary>
    private sealed class BiasScorer(BiasPredictor bias, int artists) : IRankedOnce
    {
        private int[]? _order;

        public string Name => bias.Name;
        public int ArtistCount => artists;
        public void ScoreAll(int user, Span<float> scores)
        {
            for (int a = 0; a < scores.Length; a++) scores[a] = (float)bias.Predict(user, a);
        }

        ReadOnlySpan<int> IRankedOnce.Order => _order ??= RankedOnce.Descending(Enumerable.Range(0, artists).Select(bias.ArtistBias).ToArray());
        float IRankedOnce.Score(int user, int artist) => (float)bias.Predict(user, artist);
    }
}
