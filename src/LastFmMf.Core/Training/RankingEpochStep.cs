using System.Diagnostics;
using LastFmMf.Evaluation;

namespace LastFmMf.Training;

/// <summary>
/// The epoch of the ranking objectives (Bpr: one SGD pass; Implicit: one ALS sweep), as pure as the Squared one: the
/// input state is never changed, new arrays are returned in a new state. Reached through <see cref="EpochStep.Next"/>.
/// </summary>
internal static class RankingEpochStep
{
    public static TrainingState Next(TrainingState state, TrainingData data, Hyperparameters hp)
    {
        var clock = Stopwatch.StartNew();
        var m = state.Model;
        int k = m.Factors;
        double lr;
        double objective;
        FactorModel model;
        switch (hp.Objective)
        {
            case ObjectiveKind.Bpr:
            {
                lr = state.NextLearningRate(hp);
                var p = (float[])m.UserFactors.Clone();
                var q = (float[])m.ArtistFactors.Clone();
                var ba = (float[])m.ArtistBias.Clone();
                objective = BprSgd.RunEpoch(data, hp, state.Seed, state.Epoch, (float)lr, p, q, ba, k);
                model = new FactorModel(k, p, q, m.UserBias, ba, m.GlobalMeanF, m.UseBiases, m.Transform, m.Users, m.ArtistIds, m.Artists)
                    .WithObjective(ModelObjective.For(hp, data));
                break;
            }
            case ObjectiveKind.Implicit:
            {
                lr = 0;
                var settings = ModelObjective.For(hp, data);
                var (p, q) = ImplicitAls.Sweep(data, m.UserFactors, m.ArtistFactors, k, settings, hp.ThreadCount);
                model = new FactorModel(k, p, q, m.UserBias, m.ArtistBias, m.GlobalMeanF, m.UseBiases, m.Transform, m.Users, m.ArtistIds, m.Artists)
                    .WithObjective(settings);
                objective = ImplicitAls.Loss(data, p, q, k, settings);
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(hp), hp.Objective, "Not a ranking objective.");
        }
        int epoch = state.Epoch + 1;
        if (!double.IsFinite(objective) || objective > EpochStep.DivergenceFactor * Math.Max(state.InitialObjective, 1e-12)
            || !AllFinite(model.UserFactors) || !AllFinite(model.ArtistFactors) || !AllFinite(model.ArtistBias))
            throw new TrainingDivergedException(epoch, lr, objective, state.InitialObjective);
        return Monitor.Advance(state, model, objective, double.NaN, null, null, lr, clock, data, hp);
    }

    /// <summary>The objective of state 0 (the yardstick for divergence).</summary>
    public static double InitialObjective(FactorModel m, TrainingData data, Hyperparameters hp) => hp.Objective switch
    {
        ObjectiveKind.Bpr => Math.Log(2),
        ObjectiveKind.Implicit => ImplicitAls.Loss(data, m.UserFactors, m.ArtistFactors, m.Factors, ModelObjective.For(hp, data)),
        _ => throw new ArgumentOutOfRangeException(nameof(hp), hp.Objective, "Not a ranking objective."),
    };

    /// <summary>Refuses settings a ranking objective cannot train with.</summary>
    public static void CheckSettings(Hyperparameters hp)
    {
        if (hp.Objective == ObjectiveKind.Implicit && hp.UseBiases)
            throw new ArgumentException("The Implicit objective has no biases: set UseBiases to false (Hyperparameters.DefaultsFor(Implicit) does).", nameof(hp));
        if (hp.Objective == ObjectiveKind.Implicit && hp.Regularization <= 0)
            throw new ArgumentException("The Implicit objective needs Regularization greater than 0 (its k×k systems must be positive definite).", nameof(hp));
    }

    private static bool AllFinite(float[] x)
    {
        foreach (var v in x) if (!float.IsFinite(v)) return false;
        return true;
    }
}

/// <summary>Validation monitoring and early-stopping bookkeeping shared by every objective.</summary>
internal static class Monitor
{
    /// <summary>The cut-off of the validation ranking metric.</summary>
    public const int NdcgCutoff = 10;

    /// <summary>NDCG@10 of a model on the validation listens (candidates: artists outside the user's fit listens); null without validation.</summary>
    public static double? ValidationNdcg(FactorModel m, TrainingData d, Hyperparameters hp) =>
        d.Validation is null ? null : RankingMetrics.Evaluate(m, d.Fit.Listens, d.Validation.Listens, NdcgCutoff, hp.ThreadCount).Ndcg;

    /// <summary>The state after an epoch that produced <paramref name="model"/>: a history row, and the best model by the watched metric.</summary>
    public static TrainingState Advance(TrainingState state, FactorModel model, double objective, double trainRmse, double? validationRmse,
        double? testRmse, double lr, Stopwatch clock, TrainingData data, Hyperparameters hp)
    {
        int epoch = state.Epoch + 1;
        var metric = hp.EffectiveStopMetric;
        double? ndcg = hp.Objective != ObjectiveKind.Squared || metric == StopMetric.ValidationNdcg ? ValidationNdcg(model, data, hp) : null;
        bool better = metric == StopMetric.ValidationNdcg
            ? ndcg is null || state.BestValidationNdcg is null || ndcg > state.BestValidationNdcg
            : validationRmse is null || state.BestValidationRmse is null || validationRmse < state.BestValidationRmse;
        var record = new EpochRecord(epoch, objective, trainRmse, validationRmse, testRmse, clock.Elapsed.TotalSeconds, lr, ndcg);
        return state with
        {
            Model = model,
            Epoch = epoch,
            History = [.. state.History, record],
            BestModel = better ? model : state.BestModel,
            BestEpoch = better ? epoch : state.BestEpoch,
            BestValidationRmse = metric != StopMetric.ValidationRmse ? null : better ? validationRmse : state.BestValidationRmse,
            BestValidationNdcg = metric != StopMetric.ValidationNdcg ? null : better ? ndcg : state.BestValidationNdcg,
            EpochsWithoutImprovement = better ? 0 : state.EpochsWithoutImprovement + 1,
        };
    }
}
