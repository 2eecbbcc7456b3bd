using LastFmMf.Data;
using LastFmMf.Splitting;
using LastFmMf.Tests.Support;
using Xunit;
using LastFmMf.Randomness;

namespace LastFmMf.Tests.Splitting;

public class SplitterTests
{
    private static readonly LastFmDataset Data = Tiny.Synthetic(60, 80, 0.15, 7);

    [Fact]
    public void SplitMix64_matches_the_published_sequence_for_seed_0()
    {
        // Reference outputs of Vigna's splitmix64.c with x = 0.
        var rng = new SeededRandom(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, rng.NextUInt64());
    }

    [Fact]
    public void PerUser_partitions_the_listens_and_holds_out_the_fraction_of_each_eligible_user()
    {
        var s = Splitter.PerUser(Data, 0.25, seed: 3, minListens: 5);
        Assert.Equal(Data.ListenCount, s.TrainCount + s.TestCount);
        for (int u = 0; u < Data.UserCount; u++)
        {
            int n = Data.Listens.RowLength(u);
            int test = s.Test.Listens.RowLength(u);
            int expected = n < 5 ? 0 : Math.Clamp((int)Math.Round(0.25 * n, MidpointRounding.AwayFromZero), 1, n - 1);
            Assert.Equal(expected, test);
            // Same pairs, same plays: the parts are a partition of the row.
            var all = Data.Listens.ArtistsOf(u).ToArray();
            var parts = s.Train.Listens.ArtistsOf(u).ToArray().Concat(s.Test.Listens.ArtistsOf(u).ToArray()).Order().ToArray();
            Assert.Equal(all, parts);
            foreach (var a in s.Test.Listens.ArtistsOf(u))
            {
                int i = s.Test.Listens.ArtistsOf(u).IndexOf(a), j = Data.Listens.ArtistsOf(u).IndexOf(a);
                Assert.Equal(Data.Listens.PlaysOf(u)[j], s.Test.Listens.PlaysOf(u)[i]);
            }
        }
    }

    [Fact]
    public void Users_below_MinListens_stay_wholly_in_train()
    {
        var d = Tiny.Dataset(2, 5, (0, 0, 1), (0, 1, 2), (0, 2, 3), (1, 0, 4), (1, 1, 5), (1, 2, 6), (1, 3, 7), (1, 4, 8));
        var s = Splitter.PerUser(d, 0.4, seed: 1, minListens: 4);
        Assert.Equal(0, s.Test.Listens.RowLength(0));
        Assert.Equal(2, s.Test.Listens.RowLength(1));
        Assert.Equal(1, s.TestUserCount);
    }

    [Fact]
    public void Same_seed_same_split_other_seed_other_split()
    {
        var a = Splitter.PerUser(Data, 0.2, seed: 11);
        var b = Splitter.PerUser(Data, 0.2, seed: 11);
        var c = Splitter.PerUser(Data, 0.2, seed: 12);
        Assert.Equal(a.Test.Listens.ArtistIndex, b.Test.Listens.ArtistIndex);
        Assert.Equal(a.Test.Listens.RowStart, b.Test.Listens.RowStart);
        Assert.NotEqual(a.Test.Listens.ArtistIndex, c.Test.Listens.ArtistIndex);
        var r1 = Splitter.Random(Data, 0.2, seed: 11);
        var r2 = Splitter.Random(Data, 0.2, seed: 11);
        Assert.Equal(r1.Test.Listens.ArtistIndex, r2.Test.Listens.ArtistIndex);
        Assert.Equal(r1.Test.Listens.RowStart, r2.Test.Listens.RowStart);
    }

    [Fact]
    public void Random_holds_out_the_global_fraction()
    {
        var s = Splitter.Random(Data, 0.3, seed: 5);
        Assert.Equal((int)Math.Round(0.3 * Data.ListenCount, MidpointRounding.AwayFromZero), s.TestCount);
        Assert.Equal(Data.ListenCount, s.TrainCount + s.TestCount);
        Assert.Equal(SplitMethod.Random, s.Method);
        Assert.Equal(0, s.MinListens);
    }

    [Fact]
    public void Counts_test_pairs_whose_artist_or_user_is_absent_from_train()
    {
        // Artist 4 (index 3) is listened only by user 0; user 2 has a single listen.
        var d = Tiny.Dataset(3, 4, (0, 0, 1), (0, 3, 1), (1, 0, 1), (1, 1, 1), (2, 2, 1));
        for (int seed = 0; seed < 20; seed++)
        {
            var s = Splitter.Random(d, 0.5, seed);
            var trainArtists = s.Train.Listens.ListenerCounts();
            int unseenArtist = 0, unseenUser = 0;
            for (int u = 0; u < 3; u++)
                foreach (var a in s.Test.Listens.ArtistsOf(u))
                {
                    if (trainArtists[a] == 0) unseenArtist++;
                    if (s.Train.Listens.RowLength(u) == 0) unseenUser++;
                }
            Assert.Equal(unseenArtist, s.TestPairsWithUnseenArtist);
            Assert.Equal(unseenUser, s.TestPairsWithUnseenUser);
        }
        // Seed chosen so the single listen of artist index 3 is held out at least once over the seeds above.
        Assert.Contains(Enumerable.Range(0, 20), seed => Splitter.Random(d, 0.5, seed).TestPairsWithUnseenArtist > 0);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Refuses_a_test_fraction_outside_0_1(double f)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Splitter.PerUser(Data, f));
        Assert.Contains("TestFraction", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Splitter.Random(Data, f));
    }

    [Fact]
    public void Refuses_MinListens_below_2()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Splitter.PerUser(Data, 0.2, 1, minListens: 1));
        Assert.Contains("MinListens", e.Message);
    }

    [SkippableFact]
    public void Seed_42_per_user_split_of_the_real_data_is_stable()
    {
        var s = Splitter.PerUser(RealData.Dataset, 0.2, seed: 42);
        // Golden numbers: a change here means the split algorithm changed and published results no longer reproduce.
        Assert.Equal(74_272, s.TrainCount);
        Assert.Equal(18_562, s.TestCount);
        Assert.Equal(2_364, s.TestPairsWithUnseenArtist);
        Assert.Equal(0, s.TestPairsWithUnseenUser);
    }
}

/// <summary>Split by time: each user's most recently played artists are held out, and data without times is refused.</summary>
public class TimeSplitTests
{
    [Fact]
    public void Each_user_s_latest_listens_are_held_out()
    {
        using var f = new TempFolder();
        LastFmMf.Data.Lastfm1KSampleWriter.Write(f.Path, 21, new LastFmMf.Data.LastfmSampleOptions { Rows = 30_000, Users = 15 });
        var data = LastFmMf.Data.DatasetReader.Read(f.Path);
        var split = Splitter.Split(data, SplitMethod.Time, 0.25);
        Assert.Equal(SplitMethod.Time, split.Method);
        Assert.Equal(data.ListenCount, split.TrainCount + split.TestCount);
        var train = split.Train.Listens;
        var test = split.Test.Listens;
        for (int u = 0; u < data.UserCount; u++)
        {
            int n = data.Listens.RowLength(u);
            if (n < Splitter.DefaultMinListens) { Assert.Equal(0, test.RowLength(u)); continue; }
            Assert.Equal(Math.Clamp((int)Math.Round(0.25 * n, MidpointRounding.AwayFromZero), 1, n - 1), test.RowLength(u));
            // Every held-out pair was last played no earlier than every kept pair.
            Assert.True(test.LastTimesOf(u).ToArray().Min() >= train.LastTimesOf(u).ToArray().Max());
        }
        Assert.True(split.TestCount > 0);
    }

    [Fact]
    public void The_pair_played_last_is_the_one_held_out()
    {
        var listens = new LastFmMf.Data.Interactions(1, 5, [0, 5], [0, 1, 2, 3, 4], [1, 1, 1, 1, 1],
            firstTime: [10, 20, 30, 40, 50], lastTime: [100, 500, 300, 400, 200]);
        var data = new LastFmDataset("five", IdMap.FromIds([1]), IdMap.FromIds([1, 2, 3, 4, 5]),
            Enumerable.Range(1, 5).Select(i => new Artist(i, $"a{i}", "", "")).ToArray(), [], [], [], listens, []);
        var split = Splitter.Time(data, 0.4);
        Assert.Equal([1, 3], split.Test.Listens.ArtistsOf(0).ToArray());
        Assert.Equal([0, 2, 4], split.Train.Listens.ArtistsOf(0).ToArray());
        Assert.Equal([500L, 400L], split.Test.Listens.LastTimesOf(0).ToArray());
    }

    [Fact]
    public void Data_without_times_is_refused()
    {
        var e = Assert.Throws<NoTimestampsException>(() => Splitter.Split(Tiny.Synthetic(10, 10, 0.5, 1), SplitMethod.Time));
        Assert.Contains("no listening times", e.Message);
    }
}
