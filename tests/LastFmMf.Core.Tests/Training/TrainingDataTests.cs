using LastFmMf.Splitting;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;

namespace LastFmMf.Tests.Training;

public class TrainingDataTests
{
    private static readonly LastFmMf.Data.LastFmDataset Data = Tiny.Synthetic(80, 100, 0.15, 21);

    [Fact]
    public void Validation_is_carved_from_train_with_its_own_seed()
    {
        var split = Splitter.PerUser(Data, 0.2, seed: 4);
        var hp = new Hyperparameters { ValidationFraction = 0.25, ValidationSeed = 1, Objective = new SquaredSettings { BlockCount = 3 } };
        var a = TrainingData.Create(split, hp);
        var b = TrainingData.Create(split, hp with { ValidationSeed = 2 });
        Assert.Equal(split.TrainCount, a.Fit.ListenCount + a.Validation!.ListenCount);
        Assert.Equal(split.TestCount, a.Test!.ListenCount);
        Assert.NotEqual(a.Validation.Listens.ArtistIndex, b.Validation!.Listens.ArtistIndex);
        // The validation hold-out is not the test split's draw under another name: same seed, different pairs.
        var sameSeed = TrainingData.Create(split, hp with { ValidationSeed = 4 });
        var again = Splitter.PerUser(split.Train, 0.25, seed: 4);
        Assert.NotEqual(again.Test.Listens.ArtistIndex, sameSeed.Validation!.Listens.ArtistIndex);
    }

    [Fact]
    public void Every_fit_pair_is_in_exactly_one_block_and_blocks_respect_the_ranges()
    {
        var hp = new Hyperparameters { ValidationFraction = 0, Objective = new SquaredSettings { BlockCount = 4 } };
        var d = TrainingData.Create(Data, null, hp);
        Assert.Equal(d.FitCount, d.Ratings.Length);
        Assert.Equal(d.FitCount, d.BlockStart[^1]);
        for (int blk = 0; blk < 16; blk++)
        {
            int rb = blk / 4, cb = blk % 4;
            for (int i = d.BlockStart[blk]; i < d.BlockStart[blk + 1]; i++)
            {
                var r = d.Ratings[i];
                Assert.InRange(r.User, d.UserBlockStart[rb], d.UserBlockStart[rb + 1] - 1);
                Assert.InRange(r.Artist, d.ArtistBlockStart[cb], d.ArtistBlockStart[cb + 1] - 1);
            }
        }
        var pairs = d.Ratings.Select(r => (r.User, r.Artist)).ToHashSet();
        Assert.Equal(d.FitCount, pairs.Count);
    }

    [Fact]
    public void The_test_set_never_changes_training_or_the_kept_model()
    {
        var split = Splitter.PerUser(Data, 0.2, seed: 8);
        var hp = new Hyperparameters { Factors = 8, Epochs = 30, Patience = 2, Objective = new SquaredSettings { BlockCount = 2, LearningRate = 0.05 } };
        var withTest = Trainer.Train(TrainingData.Create(split.Train, split.Test, hp), hp);
        var without = Trainer.Train(TrainingData.Create(split.Train, null, hp), hp);
        Assert.Equal(without.BestEpoch, withTest.BestEpoch);
        Assert.Equal(without.EpochsRun, withTest.EpochsRun);
        Assert.True(Bits.SameModel(without.Model, withTest.Model));
        Assert.NotNull(withTest.Measure("TestRmse"));
        Assert.Null(without.Measure("TestRmse"));
        Assert.All(withTest.History, h => Assert.NotNull(h.Measure("TestRmse")));
    }

    [Fact]
    public void Learning_rate_decays_per_epoch()
    {
        var hp = new Hyperparameters { Factors = 4, Epochs = 4, Patience = 0, Objective = new SquaredSettings { LearningRate = 0.04, LearningRateDecay = 0.5, BlockCount = 2 } };
        var run = Trainer.Train(TrainingData.Create(Data, null, hp), hp);
        Assert.Equal([0.04, 0.02, 0.01, 0.005], run.History.Select(h => Math.Round(h.Measure("LearningRate")!.Value, 12)));
    }

    [Fact]
    public void More_blocks_than_users_or_artists_still_trains_every_pair()
    {
        var d = Tiny.Dataset(3, 2, (0, 0, 5), (1, 1, 9), (2, 0, 2));
        var hp = new Hyperparameters { ThreadCount = 4, ValidationFraction = 0, Factors = 4, Epochs = 3, Objective = new SquaredSettings { BlockCount = 8 } };
        var data = TrainingData.Create(d, null, hp);
        Assert.Equal(3, data.Ratings.Length);
        Assert.Equal(3, data.BlockStart[^1]);
        var run = Trainer.Train(data, hp);
        Assert.Equal(3, run.EpochsRun);
        Assert.True(run.Measure("TrainRmse") < SquaredLoss.Rmse(Trainer.Initialize(data, hp).Model, data.Fit.Listens, data.Targets, 1));
        Assert.NotEqual(0f, run.Model.UserBiasOf(0));
    }
}
