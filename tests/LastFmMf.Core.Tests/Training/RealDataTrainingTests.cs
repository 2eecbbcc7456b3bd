using LastFmMf.Evaluation;
using LastFmMf.Splitting;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;
using Xunit.Abstractions;
using LastFmMf.Scoring;

namespace LastFmMf.Tests.Training;

public class RealDataTrainingTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Default_biased_SGD_beats_both_baselines_and_reaches_0_80_on_the_seed_42_split()
    {
        var split = Splitter.PerUser(RealData.Dataset, 0.2, seed: 42);
        var hp = Hyperparameters.DefaultsFor("Squared") with { ThreadCount = 2 };
        var run = Trainer.Train(split, hp);
        var mean = ErrorMeasures.Rmse(Baselines.GlobalMean(split.Train), split.Test);
        var bias = ErrorMeasures.Rmse(Baselines.UserArtistBias(split.Train), split.Test);
        var sgd = ErrorMeasures.Rmse(run.Model, split.Test);
        output.WriteLine($"global mean {mean:F4}, bias {bias:F4}, SGD {sgd:F4} (epochs {run.EpochsRun}, best {run.BestEpoch}, {run.Seconds:F1} s)");
        Assert.Equal(run.Measure("TestRmse")!.Value, sgd, 6);
        Assert.True(mean > 1.4);
        Assert.True(bias < mean);
        Assert.True(sgd < bias, $"SGD {sgd} should beat the bias baseline {bias}");
        Assert.True(sgd <= 0.80, $"SGD test RMSE {sgd} should be at most 0.80");
    }

    [SkippableFact]
    public void Course_configuration_learns_next_to_nothing_beyond_predicting_zero()
    {
        // MinMax squeezes the play counts (max 352,698) so that almost every target is within 0.01 of 0, and gravity
        // pulls all predictions towards 0: the result is within 1% of the predict-zero error.
        var split = Splitter.PerUser(RealData.Dataset, 0.2, seed: 42);
        var hp = new Hyperparameters { Objective = SquaredSettings.Course, InitStdDev = 0.05, ThreadCount = 2 };
        var run = Trainer.Train(split, hp);
        var zero = ErrorMeasures.Rmse(Baselines.PredictZero(split.Train, TransformKind.MinMax), split.Test);
        var mean = ErrorMeasures.Rmse(Baselines.GlobalMean(split.Train, TransformKind.MinMax), split.Test);
        var model = ErrorMeasures.Rmse(run.Model, split.Test);
        output.WriteLine($"course config: model {model:G6}, predict-zero {zero:G6}, global mean {mean:G6} (epochs {run.EpochsRun}, {run.Seconds:F1} s)");
        Assert.True(Math.Abs(model - zero) < 0.01 * zero, $"model {model} vs predict-zero {zero}");
        Assert.True(zero < 0.02);
    }
}
