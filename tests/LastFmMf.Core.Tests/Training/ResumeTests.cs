using LastFmMf.Data;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;

namespace LastFmMf.Tests.Training;

/// <summary>Trainer.PrepareResume: what a resumed run keeps, what it may change, and how a new learning rate starts.</summary>
public class ResumeTests
{
    private static readonly LastFmDataset Data = Tiny.Synthetic(60, 80, 0.15, 17);

    private static Hyperparameters Squared(int epochs, double rate = 0.04, double decay = 0.5) => new()
    {
        Factors = 6, Epochs = epochs, Patience = 0, ValidationFraction = 0.2, Seed = 4,
        Objective = new SquaredSettings { LearningRate = rate, LearningRateDecay = decay, BlockCount = 2 },
    };

    private static TrainingRun Train(Hyperparameters hp) => Trainer.Train(TrainingData.Create(Data, null, hp), hp);

    private static TrainingRun Resume(TrainingRun run, Hyperparameters hp)
    {
        var (start, data, resumed) = Trainer.PrepareResume(run, hp);
        var last = start;
        foreach (var s in Trainer.Unfold(start, data, resumed)) last = s;
        return TrainingRun.From(last, data, resumed);
    }

    [Fact]
    public void Another_objective_is_refused()
    {
        var run = Train(Squared(2));
        foreach (var other in new[] { "Bpr", "Implicit" })
        {
            var e = Assert.Throws<ArgumentException>(() => Trainer.PrepareResume(run, Hyperparameters.DefaultsFor(other) with { Factors = 6, Epochs = 2 }));
            Assert.Contains("keeps its objective", e.Message);
            Assert.Contains("Squared", e.Message);
            Assert.Contains(other, e.Message);
        }
    }

    [Fact]
    public void Changed_factors_or_other_shaping_settings_are_refused_by_name()
    {
        var run = Train(Squared(2));
        var hp = run.Hyperparameters;
        var factors = Assert.Throws<ArgumentException>(() => Trainer.PrepareResume(run, hp with { Factors = 7 }));
        Assert.Contains("Factors", factors.Message);
        var seed = Assert.Throws<ArgumentException>(() => Trainer.PrepareResume(run, hp with { Seed = 5 }));
        Assert.Contains("Seed", seed.Message);
        var lambda = Assert.Throws<ArgumentException>(() =>
            Trainer.PrepareResume(run, hp with { Objective = (SquaredSettings)hp.Objective with { Regularization = 1 } }));
        Assert.Contains("Regularization", lambda.Message);
        var biases = Assert.Throws<ArgumentException>(() =>
            Trainer.PrepareResume(run, hp with { Objective = (SquaredSettings)hp.Objective with { UseBiases = false } }));
        Assert.Contains("UseBiases", biases.Message);
        // What may change: epochs, patience, threads, learning rate and decay.
        Assert.Equal(["Epochs", "Patience", "ThreadCount", "LearningRate", "LearningRateDecay"], Trainer.ResumeAdjustable);
        var (_, _, ok) = Trainer.PrepareResume(run, hp with
        {
            Epochs = 3, Patience = 2, ThreadCount = 2,
            Objective = (SquaredSettings)hp.Objective with { LearningRate = 0.01, LearningRateDecay = 0.9 },
        });
        Assert.Equal(2 + 3, ok.Epochs);
    }

    [Fact]
    public void Without_changes_a_resumed_run_continues_the_same_run_bit_for_bit()
    {
        var whole = Train(Squared(5));
        var resumed = Resume(Train(Squared(2)), Squared(3));
        Assert.Equal(5, resumed.EpochsRun);
        Assert.Equal(whole.History.Select(h => h.Measure("LearningRate")), resumed.History.Select(h => h.Measure("LearningRate")));
        Assert.True(Bits.SameModel(whole.FinalState.Model, resumed.FinalState.Model));
        Assert.Equal(whole.History.Select(h => h.Loss), resumed.History.Select(h => h.Loss));
    }

    [Fact]
    public void A_new_learning_rate_is_used_as_is_in_the_first_resumed_epoch_then_decays()
    {
        var run = Train(Squared(3, rate: 0.04, decay: 0.5));
        Assert.Equal([0.04, 0.02, 0.01], run.History.Select(h => Math.Round(h.Measure("LearningRate")!.Value, 12)));
        var resumed = Resume(run, Squared(3, rate: 0.03, decay: 0.5));
        Assert.Equal(6, resumed.EpochsRun);
        Assert.Equal(3, resumed.FinalState.RateSetAtEpoch);
        // Epoch 4 uses 0.03 exactly, not 0.03 · 0.5³; epochs 5 and 6 decay from it.
        Assert.Equal(0.03, resumed.History[3].Measure("LearningRate"));
        Assert.Equal([0.04, 0.02, 0.01, 0.03, 0.015, 0.0075], resumed.History.Select(h => Math.Round(h.Measure("LearningRate")!.Value, 12)));
        // Without a new rate the decayed schedule goes on.
        var onward = Resume(run, Squared(2, rate: 0.04, decay: 0.5));
        Assert.Equal(0, onward.FinalState.RateSetAtEpoch);
        Assert.Equal([0.005, 0.0025], onward.History.Skip(3).Select(h => Math.Round(h.Measure("LearningRate")!.Value, 12)));
    }

    [Fact]
    public void A_bpr_run_takes_a_new_learning_rate_the_same_way()
    {
        var hp = Hyperparameters.DefaultsFor("Bpr") with
        {
            Factors = 6, Epochs = 2, Patience = 0, ValidationFraction = 0.2, Seed = 4,
            Objective = BprSettings.Default with { LearningRate = 0.1, LearningRateDecay = 0.5, BlockCount = 2 },
        };
        var run = Train(hp);
        var resumed = Resume(run, hp with { Epochs = 2, Objective = (BprSettings)hp.Objective with { LearningRate = 0.2 } });
        Assert.Equal([0.1, 0.05, 0.2, 0.1], resumed.History.Select(h => Math.Round(h.Measure("LearningRate")!.Value, 12)));
        Assert.Equal("Bpr", resumed.Model.Objective);
        Assert.Equal(4, resumed.Model.Origin!.EpochsRun);
    }
}
