using LastFmMf.Data;
using LastFmMf.Splitting;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;

namespace LastFmMf.Tests.Training;

public class PurityAndDeterminismTests
{
    private static readonly LastFmDataset Data = Tiny.Synthetic(120, 150, 0.12, 11);

    private static Hyperparameters Hp(int threads, double gravity = 0) => new()
    {
        Factors = 20, Epochs = 4, ThreadCount = threads, Patience = 0, Seed = 9,
        Objective = new SquaredSettings { LearningRate = 0.02, BlockCount = 4, Gravity = gravity },
    };

    private static FactorModel Run(LastFmDataset d, Hyperparameters hp)
    {
        var data = TrainingData.Create(d, null, hp);
        return Trainer.Unfold(Trainer.Initialize(data, hp), data, hp).Last().Model;
    }

    [Fact]
    public void A_running_fold_lets_go_of_the_initial_state()
    {
        // At Last.fm-360K size state 0's model is 170 MB: the run must not keep it beside the best and the latest. (The
        // sequence itself keeps it, to be enumerated again: Unfold_is_lazy_and_repeatable.)
        var hp = Hp(1);
        var data = TrainingData.Create(Data, null, hp);
        var (epochs, state0) = Start(data, hp);
        Assert.True(epochs.MoveNext());
        Assert.True(epochs.MoveNext());
        Assert.Equal(2, epochs.Current.Epoch);
        Assert.NotEqual(0, epochs.Current.BestEpoch); // else the best model would be state 0's, rightly kept
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(state0.IsAlive);
        epochs.Dispose();

        // Made in a method of its own, so that no local or temporary of the test holds state 0 or the sequence.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        static (IEnumerator<TrainingState>, WeakReference) Start(TrainingData data, Hyperparameters hp)
        {
            var s0 = Trainer.Initialize(data, hp);
            return (Trainer.Unfold(s0, data, hp).GetEnumerator(), new WeakReference(s0.Model));
        }
    }

    [Fact]
    public void Epoch_leaves_its_input_state_untouched_and_returns_new_arrays()
    {
        var hp = Hp(2, gravity: 0.5);
        var data = TrainingData.Create(Data, null, hp);
        var s0 = Trainer.Initialize(data, hp);
        var before = (s0.Model.CopyUserFactors(), s0.Model.CopyArtistFactors(), s0.Model.CopyUserBiases(), s0.Model.CopyArtistBiases());
        var s1 = EpochStep.Next(s0, data, hp);

        Assert.True(Bits.Same(before.Item1, s0.Model.UserFactors));
        Assert.True(Bits.Same(before.Item2, s0.Model.ArtistFactors));
        Assert.True(Bits.Same(before.Item3, s0.Model.UserBias));
        Assert.True(Bits.Same(before.Item4, s0.Model.ArtistBias));
        Assert.Equal(0, s0.Epoch);
        Assert.Empty(s0.History);
        Assert.NotSame(s0.Model.UserFactors, s1.Model.UserFactors);
        Assert.NotSame(s0.Model.ArtistFactors, s1.Model.ArtistFactors);
        Assert.False(Bits.Same(s0.Model.UserFactors, s1.Model.UserFactors));
        // Pure: the same input gives the same output, however often it is called.
        var again = EpochStep.Next(s0, data, hp);
        Assert.True(Bits.SameModel(s1.Model, again.Model));
        Assert.Equal(s1.History[0].Loss, again.History[0].Loss);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Factors_are_bit_identical_for_ThreadCount_1_2_and_4(double gravity)
    {
        var one = Run(Data, Hp(1, gravity));
        var two = Run(Data, Hp(2, gravity));
        var four = Run(Data, Hp(4, gravity));
        Assert.True(Bits.SameModel(one, two));
        Assert.True(Bits.SameModel(one, four));
    }

    [Fact]
    public void Same_seed_same_factors_other_seed_other_factors()
    {
        var a = Run(Data, Hp(1));
        var b = Run(Data, Hp(1));
        var c = Run(Data, Hp(1) with { Seed = 10 });
        Assert.True(Bits.SameModel(a, b));
        Assert.False(Bits.Same(a.UserFactors, c.UserFactors));
    }

    [Fact]
    public void Resuming_from_a_saved_state_continues_the_run_exactly()
    {
        var hp = Hp(2);
        var data = TrainingData.Create(Data, null, hp);
        var states = Trainer.Unfold(Trainer.Initialize(data, hp), data, hp).ToList();
        var resumed = Trainer.Unfold(states[1], data, hp).ToList();
        Assert.Equal(states.Count - 2, resumed.Count);
        Assert.True(Bits.SameModel(states[^1].Model, resumed[^1].Model));
    }

    [Fact]
    public void Unfold_is_lazy_and_stops_at_Epochs()
    {
        var hp = Hp(1) with { Epochs = 3 };
        var data = TrainingData.Create(Data, null, hp);
        var s0 = Trainer.Initialize(data, hp);
        var seq = Trainer.Unfold(s0, data, hp);
        Assert.Equal(1, seq.Take(1).Single().Epoch);
        Assert.Equal([1, 2, 3], seq.Select(s => s.Epoch));
    }

    [SkippableFact]
    public void Real_data_factors_are_bit_identical_for_ThreadCount_1_2_and_4()
    {
        var split = Splitter.PerUser(RealData.Dataset, 0.2, 42);
        var hp = new Hyperparameters { Factors = 32, Epochs = 2, Patience = 0 };
        FactorModel Train(int t)
        {
            var h = hp with { ThreadCount = t };
            var data = TrainingData.Create(split, h);
            return Trainer.Unfold(Trainer.Initialize(data, h), data, h).Last().Model;
        }
        var one = Train(1);
        Assert.True(Bits.SameModel(one, Train(2)));
        Assert.True(Bits.SameModel(one, Train(4)));
    }

    [Fact]
    public void A_model_rebuilt_from_its_arrays_predicts_the_same_and_owns_copies()
    {
        var m = Run(Data, Hp(1));
        var userFactors = m.CopyUserFactors();
        var copy = FactorModel.FromArrays(m.Factors, userFactors, m.CopyArtistFactors(), m.CopyUserBiases(), m.CopyArtistBiases(),
            m.GlobalMean, m.UseBiases, m.Transform, m.Users, m.ArtistIds, m.Artists);
        userFactors[0] += 1;
        for (int u = 0; u < m.UserCount; u += 7)
            for (int a = 0; a < m.ArtistCount; a += 11)
                Assert.Equal(m.Predict(u, a), copy.Predict(u, a));
        Assert.Throws<ArgumentException>(() => FactorModel.FromArrays(m.Factors + 1, m.CopyUserFactors(), m.CopyArtistFactors(),
            m.CopyUserBiases(), m.CopyArtistBiases(), m.GlobalMean, m.UseBiases, m.Transform, m.Users, m.ArtistIds, m.Artists));
    }
}
