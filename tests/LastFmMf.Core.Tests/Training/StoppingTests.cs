using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;
using LastFmMf.Scoring;

namespace LastFmMf.Tests.Training;

public class StoppingTests
{
    [Fact]
    public void Divergence_stops_at_once_and_names_the_learning_rate()
    {
        var d = Tiny.Synthetic(40, 50, 0.3, 5);
        var hp = new Hyperparameters { Factors = 8, Epochs = 20, Patience = 0, Objective = new SquaredSettings { Transform = TransformKind.Raw, LearningRate = 5, BlockCount = 2 } };
        var data = TrainingData.Create(d, null, hp);
        var s0 = Trainer.Initialize(data, hp);
        var seen = new List<TrainingState>();
        var e = Assert.Throws<TrainingDivergedException>(() => { foreach (var s in Trainer.Unfold(s0, data, hp)) seen.Add(s); });
        Assert.Contains("LearningRate 5", e.Message);
        Assert.Equal(5.0, e.LearningRate);
        Assert.Equal(seen.Count + 1, e.Epoch);
        // No state with a non-finite number ever left the fold.
        Assert.All(seen, s => Assert.All(s.Model.CopyUserFactors(), x => Assert.True(float.IsFinite(x))));
    }

    [Fact]
    public void Early_stopping_keeps_the_best_validation_state()
    {
        // Noise-only targets and no regularisation: validation RMSE gets worse soon.
        var rng = new Random(3);
        var listens = new List<(int, int, int)>();
        for (int u = 0; u < 60; u++)
            for (int a = 0; a < 60; a++)
                if (rng.NextDouble() < 0.3) listens.Add((u, a, rng.Next(1, 1000)));
        var d = Tiny.Dataset(60, 60, listens.ToArray());
        var hp = new Hyperparameters
        {
            Factors = 16, Epochs = 300, Patience = 3, ValidationFraction = 0.2, InitStdDev = 0.3,
            Objective = new SquaredSettings
            {
                LearningRate = 0.05, LearningRateDecay = 1, Regularization = 0, UserBiasRegularization = 0, ArtistBiasRegularization = 0, BlockCount = 2,
            },
        };
        var run = Trainer.Train(TrainingData.Create(d, null, hp), hp);
        Assert.True(run.StoppedEarly);
        Assert.True(run.EpochsRun < 300);
        Assert.Equal(run.EpochsRun - 3, run.BestEpoch);
        var best = run.History.Min(h => h.Measure("ValidationRmse")!.Value);
        Assert.Equal(best, run.History[run.BestEpoch - 1].Measure("ValidationRmse"));
        Assert.Equal(best, run.Measure("ValidationRmse")!.Value, 12);
        Assert.Equal(run.FinalState.BestModel.CopyUserFactors(), run.Model.CopyUserFactors());
        Assert.NotEqual(run.FinalState.Model.CopyUserFactors(), run.Model.CopyUserFactors());
    }

    [Fact]
    public void Without_validation_the_last_model_is_kept_and_there_is_no_early_stop()
    {
        var d = Tiny.Synthetic(30, 40, 0.3, 8);
        var hp = new Hyperparameters { Factors = 4, Epochs = 6, ValidationFraction = 0, Patience = 1, Objective = new SquaredSettings { BlockCount = 2 } };
        var run = Trainer.Train(TrainingData.Create(d, null, hp), hp);
        Assert.Equal(6, run.EpochsRun);
        Assert.False(run.StoppedEarly);
        Assert.Equal(run.FinalState.Model.CopyUserFactors(), run.Model.CopyUserFactors());
        Assert.Equal(run.FinalState.Model.CopyArtistFactors(), run.Model.CopyArtistFactors());
        Assert.All(run.History, h => Assert.Null(h.Measure("ValidationRmse")));
        Assert.All(run.History, h => Assert.Null(h.Measure("TestRmse")));
        // ... while the train RMSE is there for every epoch.
        Assert.All(run.History, h => Assert.NotNull(h.Measure("TrainRmse")));
    }

    [Fact]
    public void Data_prepared_for_other_hyperparameters_is_refused()
    {
        var d = Tiny.Synthetic(30, 40, 0.3, 8);
        var hp = new Hyperparameters { Factors = 4, Objective = new SquaredSettings { BlockCount = 2 } };
        var data = TrainingData.Create(d, null, hp);
        var s0 = Trainer.Initialize(data, hp);
        Assert.Throws<ArgumentException>(() => EpochStep.Next(s0, data, hp with { Objective = new SquaredSettings { BlockCount = 3 } }));
        Assert.Throws<ArgumentException>(() => EpochStep.Next(s0, data, hp with { Factors = 5 }));
    }
}
