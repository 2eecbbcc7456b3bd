using LastFmMf.Data;
using LastFmMf.Ranking;
using LastFmMf.Training;

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
    /// <summary>The run's objective (null without a run).</summary>
    public ObjectiveKind? Objective { get; init; }
    /// <summary>k (models only).</summary>
    public int? Factors { get; init; }
    /// <summary>Biases in the model (models only).</summary>
    public bool? UseBiases { get; init; }
    /// <summary>The run's epoch limit.</summary>
    public int? Epochs { get; init; }
    /// <summary>Epochs the run actually ran.</summary>
    public int? EpochsRun { get; init; }
    /// <summary>The run's learning rate.</summary>
    public double? LearningRate { get; init; }
    /// <summary>The run's λ.</summary>
    public double? Regularization { get; init; }
    /// <summary>The run's λ_g.</summary>
    public double? Gravity { get; init; }
    /// <summary>The run's seed.</summary>
    public int? Seed { get; init; }
}

/// <summary>What made a model: its hyperparameters and the epochs it ran (from a TrainingRun or a saved model).</summary>
public sealed record ModelOrigin(Hyperparameters Hyperparameters, int? EpochsRun)
{
    /// <summary>The origin of a run.</summary>
    public static ModelOrigin Of(TrainingRun run) => new(run.Hyperparameters, run.EpochsRun);
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
        var hp = origin?.Hyperparameters;
        bool errors = PredictsTargets(model);
        var modelRow = Row(NameOf(model, hp), "Model", model, errors ? model : null, train, test, options.K, threads, model.Transform) with
        {
            Objective = hp?.Objective,
            Factors = model.Factors,
            UseBiases = model.UseBiases,
            Epochs = hp?.Epochs,
            EpochsRun = origin?.EpochsRun,
            LearningRate = hp?.LearningRate,
            Regularization = hp?.Regularization,
            Gravity = hp?.Gravity,
            Seed = hp?.Seed,
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
            rows.Add(Row(bias.Name, "Baseline", new BiasScorer(bias, model.ArtistCount), bias, train, test, options.K, threads, model.Transform));
            rows.Add(Row("GlobalMean", "Baseline", null, Baselines.GlobalMean(trainData, model.Transform), train, test, options.K, threads, model.Transform));
        }
        return rows;
    }

    /// <summary>
    /// Whether RMSE and MAE mean something for the model: it was trained to predict its targets (Squared) on a scale
    /// where they vary. Ranking objectives score preferences, and Binary targets are all 1, so error there says nothing.
    /// </summary>
    public static bool PredictsTargets(FactorModel model) =>
        model.Objective == ObjectiveKind.Squared && model.TransformKind != TransformKind.Binary;

    /// <summary>The name of a model's row: its kind, and the key hyperparameters when the run is known.</summary>
    public static string NameOf(FactorModel model, Hyperparameters? hp) =>
        hp is null
            ? $"{model.Name} (k={model.Factors}, {model.TransformKind})"
            : hp.Objective switch
            {
                // Only the settings that shape each objective's model, so the names of a sweep's rows tell them apart.
                ObjectiveKind.Implicit => FormattableString.Invariant($"{model.Name} (k={hp.Factors}, λ={hp.Regularization}, α={hp.Alpha}, {hp.Confidence} confidence, {hp.Epochs} sweeps, seed {hp.Seed})"),
                ObjectiveKind.Bpr => FormattableString.Invariant($"{model.Name} (k={hp.Factors}, λ={hp.Regularization}, η={hp.LearningRate}, {hp.NegativeSampling} negatives, seed {hp.Seed})"),
                _ => FormattableString.Invariant($"{model.Name} ({hp.Objective}, k={hp.Factors}, λ={hp.Regularization}, η={hp.LearningRate}, λg={hp.Gravity}, {hp.Transform}, seed {hp.Seed})"),
            };

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

    /// <summary>Ranks by a rating predictor's prediction.</summary>
    private sealed class BiasScorer(BiasPredictor bias, int artists) : IArtistScorer
    {
        public string Name => bias.Name;
        public int ArtistCount => artists;
        public void ScoreAll(int user, Span<float> scores)
        {
            for (int a = 0; a < scores.Length; a++) scores[a] = (float)bias.Predict(user, a);
        }
    }
}
