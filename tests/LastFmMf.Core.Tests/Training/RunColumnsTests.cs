using LastFmMf.Data;
using LastFmMf.Splitting;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;
using LastFmMf.Scoring;

namespace LastFmMf.Tests.Training;

/// <summary>A run's flat row and its history rows hold the objective's own settings and measures, and nothing it does not have.</summary>
public class RunColumnsTests
{
    private static readonly DataSplit Split = Splitter.PerUser(Tiny.Synthetic(50, 60, 0.2, 23), 0.2, seed: 3);

    private static TrainingRun Run(Hyperparameters hp) => Trainer.Train(Split, hp with { Factors = 4, Epochs = 2 });

    private static readonly string[] SquaredOnly = ["LearningRate", "TrainRmse", "ValidationRmse", "TestRmse", "Gravity", "Transform"];

    [Fact]
    public void An_implicit_run_has_no_learning_rate_rmse_gravity_or_transform()
    {
        var run = Run(Hyperparameters.DefaultsFor("Implicit"));
        var keys = run.Columns().Select(c => c.Key).ToArray();
        Assert.All(SquaredOnly.Concat(["LearningRateDecay", "UseBiases", "BlockCount", "UserBiasRegularization"]), k => Assert.DoesNotContain(k, keys));
        Assert.Contains("Alpha", keys);
        Assert.Contains("Confidence", keys);
        Assert.Contains("Epsilon", keys);
        Assert.Contains("UnobservedWeightExponent", keys);
        Assert.Contains("EpochsRun", keys);
        Assert.Contains("BestEpoch", keys);
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Null(run.Measure("TrainRmse"));
        Assert.Null(run.Measure("LearningRate"));
        foreach (var h in run.History)
        {
            var row = h.Columns().Select(c => c.Key).ToArray();
            Assert.Equal(["Epoch", "Loss", "ValidationNdcg", "Seconds"], row);
            Assert.Null(h.Measure("LearningRate"));
            Assert.Null(h.Measure("TrainRmse"));
        }
        // No NaN anywhere in the row.
        Assert.DoesNotContain(run.Columns(), c => c.Value is double d && double.IsNaN(d));
    }

    [Fact]
    public void A_squared_run_has_them_with_values()
    {
        var run = Run(Hyperparameters.DefaultsFor("Squared"));
        var row = run.Columns();
        var keys = row.Select(c => c.Key).ToArray();
        Assert.All(SquaredOnly, k => Assert.Contains(k, keys));
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.DoesNotContain("Alpha", keys);
        Assert.DoesNotContain("NegativeSampling", keys);
        Assert.DoesNotContain("ThreadCount", keys); // never changes the result
        var values = row.ToDictionary(c => c.Key, c => c.Value);
        Assert.Equal("Squared", values["Objective"]);
        Assert.Equal(0.02, values["LearningRate"]);
        Assert.Equal(TransformKind.Log, values["Transform"]);
        Assert.NotNull(values["TrainRmse"]);
        Assert.NotNull(values["ValidationRmse"]);
        Assert.NotNull(values["TestRmse"]);
        Assert.Equal(run.Measure("TestRmse"), values["TestRmse"]);
        foreach (var h in run.History)
        {
            var r = h.Columns().Select(c => c.Key).ToArray();
            Assert.Equal(["Epoch", "Loss", "LearningRate", "TrainRmse", "ValidationRmse", "TestRmse", "ValidationNdcg", "Seconds"], r);
            Assert.NotNull(h.Measure("LearningRate"));
        }
    }

    [Fact]
    public void A_bpr_run_has_its_learning_rate_and_negatives_but_no_rmse()
    {
        var run = Run(Hyperparameters.DefaultsFor("Bpr"));
        var keys = run.Columns().Select(c => c.Key).ToArray();
        Assert.Contains("LearningRate", keys);
        Assert.Contains("NegativeSampling", keys);
        Assert.All(["TrainRmse", "ValidationRmse", "TestRmse", "Gravity", "Transform", "Alpha"], k => Assert.DoesNotContain(k, keys));
        Assert.All(run.History, h => Assert.NotNull(h.Measure("LearningRate")));
        Assert.All(run.History, h => Assert.Null(h.Measure("TrainRmse")));
    }

    [Fact]
    public void The_summary_names_only_the_objectives_own_settings()
    {
        var text = Hyperparameters.DefaultsFor("Implicit").ToString();
        Assert.StartsWith("Implicit k=128 ", text);
        Assert.DoesNotContain("η", text);
        Assert.DoesNotContain("λg", text);
        Assert.DoesNotContain("transform", text);
        Assert.Contains("α=4", text);
        Assert.Contains("η=0.02", Hyperparameters.DefaultsFor("Squared").ToString());
    }
}
