using LastFmMf.Ranking;
using Xunit;
using LastFmMf.Scoring;

namespace LastFmMf.Tests.Ranking;

public class TopNTests
{
    [Fact]
    public void Picks_the_best_first_skips_excluded_and_breaks_ties_by_index()
    {
        float[] scores = [0.5f, 0.9f, 0.9f, 0.1f, 0.7f, 0.95f];
        var top = new int[3];
        int got = TopN.Select(scores, [5], top);
        Assert.Equal(3, got);
        Assert.Equal(new[] { 1, 2, 4 }, top);
    }

    [Fact]
    public void Returns_fewer_when_candidates_run_out()
    {
        var top = new int[5];
        Assert.Equal(2, TopN.Select([1f, 2f, 3f], [0], top));
        Assert.Equal(new[] { 2, 1 }, top[..2]);
    }

    [Fact]
    public void Agrees_with_a_full_sort_on_random_scores()
    {
        var rng = new Random(3);
        for (int trial = 0; trial < 50; trial++)
        {
            int n = rng.Next(1, 300), k = rng.Next(1, 20);
            // Few distinct values, so ties are common.
            var scores = Enumerable.Range(0, n).Select(_ => (float)rng.Next(0, 10)).ToArray();
            var exclude = Enumerable.Range(0, n).Where(_ => rng.NextDouble() < 0.3).ToArray();
            var expected = Enumerable.Range(0, n).Except(exclude)
                .OrderByDescending(a => scores[a]).ThenBy(a => a).Take(k).ToArray();
            var top = new int[k];
            int got = TopN.Select(scores, exclude, top);
            Assert.Equal(expected, top[..got]);
        }
    }
}

public class ModelContextTests
{
    [Fact]
    public void A_trained_model_carries_the_training_listens_and_top_tags()
    {
        var data = LastFmMf.Data.HetrecReader.Read(System.IO.Path.Combine(LastFmMf.Tests.Support.RepoRoot.Path, "data", "sample"));
        var split = LastFmMf.Splitting.Splitter.PerUser(data, 0.2, seed: 1);
        var hp = new LastFmMf.Training.Hyperparameters { Factors = 4, Epochs = 2, ValidationFraction = 0.1 };
        var run = LastFmMf.Training.Trainer.Train(split, hp);
        // All of Train, not just the fit part: validation listens are still listens the user knows.
        Assert.Same(split.Train.Listens, run.Model.Listened);
        var tags = LastFmMf.Data.ArtistTags.Top(split.Train);
        Assert.Equal(tags, run.Model.ArtistTopTags);
        Assert.Contains(tags, t => t.Length == 3);
        // ... and what made it, so cmdlets given only the model still know its hyperparameters.
        var origin = run.Model.Origin!;
        Assert.Equal(hp, origin.Hyperparameters);
        Assert.Equal(run.EpochsRun, origin.EpochsRun);
        Assert.Equal(run.BestEpoch, origin.BestEpoch);
        Assert.Equal(run.Data!.FitCount, origin.FitPairs);
        Assert.Same(run.Model.Listened, run.Model.WithOrigin(origin).Listened);
        Assert.Equal(run.Model.Origin, run.Model.WithContext(split.Train.Listens, tags).Origin);
    }

    [Fact]
    public void Top_tags_count_assignments_and_break_ties_by_tag_id()
    {
        using var f = new LastFmMf.Tests.Support.TempHetrecFolder(new Dictionary<string, string?>
        {
            ["user_taggedartists.dat"] = "userID\tartistID\ttagID\tday\tmonth\tyear\r\n2\t1\t2\t1\t1\t2009\r\n7\t1\t2\t1\t1\t2009\r\n7\t1\t1\t1\t1\t2009\r\n2\t5\t2\t1\t1\t2009\r\n2\t5\t1\t1\t1\t2009\r\n",
        });
        var d = LastFmMf.Data.HetrecReader.Read(f.Path);
        var top = LastFmMf.Data.ArtistTags.Top(d, 2);
        Assert.Equal(new[] { "jazz", "rock" }, top[0]);   // artist 1: jazz twice, rock once
        Assert.Empty(top[1]);                             // artist 2: untagged
        Assert.Equal(new[] { "rock", "jazz" }, top[2]);   // artist 5: one each, tag 1 (rock) first
    }
}
