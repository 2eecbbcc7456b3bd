using System.Diagnostics;
using LastFmMf.Evaluation;
using LastFmMf.Scoring;

namespace LastFmMf.Training;

/// <summary>
/// One epoch as a pure function: <c>Next(state, data, hp) -> state</c>. The objective's <see cref="IObjective.Epoch"/>
/// makes the new model from copies (the input state is never changed); this step adds what every objective shares:
/// the divergence check, the validation metric, the history row and the early-stopping bookkeeping.
/// </summary>
public static class EpochStep
{
    /// <summary>How far the loss may grow beyond its initial value before the run counts as diverged.</summary>
    internal const double DivergenceFactor = 1e3;

    /// <summary>The cut-off of the validation ranking metric.</summary>
    public const int NdcgCutoff = 10;

    /// <summary>Runs epoch <c>state.Epoch + 1</c>.</summary>
    /// <exception cref="TrainingDivergedException">The loss became NaN/∞, grew past 1000× its start, or a factor is not finite; no state is returned.</exception>
    public static TrainingState Next(TrainingState state, TrainingData data, Hyperparameters hp)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(hp);
        CheckCompatible(state, data, hp);
        var clock = Stopwatch.StartNew();
        var outcome = hp.Objective.Implementation.Epoch(state, data, hp);
        var model = outcome.Model;
        int epoch = state.Epoch + 1;
        var lr = outcome.Measures.FirstOrDefault(m => m.Key == MeasureNames.LearningRate).Value;
        if (!double.IsFinite(outcome.Loss) || outcome.Loss > DivergenceFactor * Math.Max(state.InitialLoss, 1e-12)
            || !FactorArrays.AllFinite(model.UserFactors, hp.ThreadCount) || !FactorArrays.AllFinite(model.ArtistFactors, hp.ThreadCount)
            || !FactorArrays.AllFinite(model.UserBias, 1) || !FactorArrays.AllFinite(model.ArtistBias, 1))
            throw new TrainingDivergedException(epoch, lr, outcome.Loss, state.InitialLoss);

        var metric = hp.EffectiveStopMetric;
        double? ndcg = metric == StopMetric.ValidationNdcg && data.StoppingListens(hp.ValidationUsers, hp.ValidationSeed) is { } validation
            ? RankingMetrics.Evaluate(model, data.Fit.Listens, validation, NdcgCutoff, hp.ThreadCount).Ndcg
            : null;
        // The watched score, oriented so that higher is better.
        double? score = metric == StopMetric.ValidationNdcg ? ndcg : -outcome.Measures.FirstOrDefault(m => m.Key == MeasureNames.ValidationRmse).Value;
        bool better = score is null || state.BestScore is null || score > state.BestScore;
        var record = new EpochRecord(epoch, outcome.Loss, ndcg, clock.Elapsed.TotalSeconds) { Measures = outcome.Measures };
        return state with
        {
            Model = model,
            Epoch = epoch,
            History = [.. state.History, record],
            BestModel = better ? model : state.BestModel,
            BestEpoch = better ? epoch : state.BestEpoch,
            BestScore = better ? score : state.BestScore,
            EpochsWithoutImprovement = better ? 0 : state.EpochsWithoutImprovement + 1,
        };
    }

    private static void CheckCompatible(TrainingState s, TrainingData d, Hyperparameters hp)
    {
        if (!d.Matches(hp))
            throw new ArgumentException("The training data was prepared with other settings (targets, validation, blocks, biases or seed) than these; prepare it again.", "data");
        var m = s.Model;
        if (m.Factors != hp.Factors || m.UseBiases != hp.Objective.Biases || m.Transform.Kind != hp.Objective.Targets || s.Seed != hp.Seed)
            throw new ArgumentException("The state was made with other Factors, biases, targets or Seed than these settings.", nameof(hp));
        if (m.UserCount != d.UserCount || m.ArtistCount != d.ArtistCount)
            throw new ArgumentException("The state's model and the data disagree on the number of users or artists.", "data");
    }
}
