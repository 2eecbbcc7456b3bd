using LastFmMf.Ranking;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;

namespace LastFmMf.Tests.Ranking;

public class RecommenderTests
{
    // k = 2, three users, five artists. User 0 listened to artists 0 (100 plays) and 1 (5 plays).
    private static FactorModel Model() => TinyModel.Create(2,
        users: [[1, 0], [0, 1], [1, 1]],
        artists: [[2, 0], [0, 2], [1.5f, 0.1f], [0.1f, 1.8f], [1, 1]],
        listened: [(0, 0, 100), (0, 1, 5), (1, 3, 7), (2, 0, 1)]);

    [Fact]
    public void Excludes_listened_artists_and_ranks_by_score()
    {
        var rows = Recommender.ForUsers(Model(), [0], new RecommendOptions(Top: 3));
        // User 0 scores p·q: 2, 0, 1.5, 0.1, 1 -> candidates 2, 3, 4 -> 2 (1.5), 4 (1), 3 (0.1).
        Assert.Equal([3, 5, 4], rows.Select(r => r.ArtistId).ToArray());
        Assert.Equal([1, 2, 3], rows.Select(r => r.Rank).ToArray());
        Assert.Equal([1.5, 1.0, 0.1], rows.Select(r => Math.Round(r.Score, 5)).ToArray());
        Assert.All(rows, r => Assert.Equal(1, r.UserId));
        Assert.All(rows, r => Assert.False(r.Listened));
        Assert.Equal("tag3a; tag3b", rows[0].Tags);
        Assert.Equal("Artist 3", rows[0].ArtistName);
        Assert.All(rows, r => Assert.Equal("", r.Because));
    }

    [Fact]
    public void IncludeListened_keeps_and_flags_them()
    {
        var rows = Recommender.ForUsers(Model(), [0], new RecommendOptions(Top: 2, IncludeListened: true));
        Assert.Equal([1, 3], rows.Select(r => r.ArtistId).ToArray());
        Assert.True(rows[0].Listened);
        Assert.False(rows[1].Listened);
    }

    [Fact]
    public void Fewer_candidates_than_top_gives_fewer_rows()
    {
        var rows = Recommender.ForUsers(Model(), [0], new RecommendOptions(Top: 10));
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public void Scores_are_the_models_predictions_with_biases()
    {
        var m = TinyModel.Create(2, [[1, 0], [0, 1]], [[2, 0], [0, 2], [1, 1]], [(0, 0, 3)],
            useBiases: true, mean: 1, userBias: [0.5f, -0.5f], artistBias: [0, 0.25f, -1]);
        var rows = Recommender.ForUsers(m, [0, 1], new RecommendOptions(Top: 3));
        foreach (var r in rows)
            Assert.Equal(m.Predict(m.Users.IndexOf(r.UserId!.Value), m.ArtistIds.IndexOf(r.ArtistId)), r.Score, 5);
        Assert.Equal([1, 1, 2, 2, 2], rows.Select(r => r.UserId!.Value).ToArray());
    }

    [Fact]
    public void Explanation_by_hand()
    {
        // Recommended artist 2 (q = (1.5, 0.1)) for user 0, who listened to artist 0 (q = (2,0), 100 plays) and 1 (q = (0,2), 5 plays).
        // support(0) = cos((2,0),(1.5,0.1)) · ln 101 > 0; support(1) = cos((0,2),(1.5,0.1)) · ln 6 = 0.0665·1.79 > 0, smaller.
        var m = Model();
        Assert.Equal([0, 1], Explainer.Supporters(m, 2, [0, 1], [100, 5]));
        // Artist 3 (0.1, 1.8): cos to artist 1 is 0.998, · ln 6 = 1.79; cos to artist 0 is 0.0555, · ln 101 = 0.256.
        Assert.Equal([1, 0], Explainer.Supporters(m, 3, [0, 1], [100, 5]));
        Assert.Equal([1], Explainer.Supporters(m, 3, [0, 1], [100, 5], count: 1));
        var rows = Recommender.ForUsers(m, [0], new RecommendOptions(Top: 1, Explain: true, ExplainCount: 2));
        Assert.Equal("because you listen to Artist 1, Artist 2", rows[0].Because);
    }

    [Fact]
    public void Explanation_leaves_out_opposite_artists()
    {
        var m = TinyModel.Create(1, [[1]], [[1], [-1], [2]], [(0, 0, 10), (0, 1, 10)]);
        Assert.Equal([0], Explainer.Supporters(m, 2, [0, 1], [10, 10]));
        Assert.Empty(Explainer.Supporters(m, 1, [0], [10]));
        Assert.Equal("", Explainer.Sentence(m, []));
    }

    [Fact]
    public void Same_rows_for_any_thread_count_and_equal_to_a_full_sort()
    {
        var data = Tiny.Synthetic(60, 200, 0.1, seed: 5);
        var run = Trainer.Train(LastFmMf.Training.TrainingData.Create(data, null, Hyperparameters.DefaultsFor("Squared") with { Factors = 8, Epochs = 5, ValidationFraction = 0 }),
            Hyperparameters.DefaultsFor("Squared") with { Factors = 8, Epochs = 5, ValidationFraction = 0 });
        var m = run.Model;
        var users = Enumerable.Range(0, m.UserCount).ToArray();
        var one = Recommender.ForUsers(m, users, new RecommendOptions(Top: 7, Explain: true, ThreadCount: 1));
        var four = Recommender.ForUsers(m, users, new RecommendOptions(Top: 7, Explain: true, ThreadCount: 4));
        Assert.Equal(one, four);
        var idx = Recommender.TopIndices(m, users, 7, threadCount: 3);
        foreach (var u in users)
        {
            var scores = new float[m.ArtistCount];
            m.ScoreAll(u, scores);
            var expected = Enumerable.Range(0, m.ArtistCount).Where(a => !m.Listened!.Contains(u, a))
                .OrderByDescending(a => scores[a]).ThenBy(a => a).Take(7).ToArray();
            var got = one.Where(r => r.UserId == m.Users.IdOf(u)).Select(r => m.ArtistIds.IndexOf(r.ArtistId)).ToArray();
            Assert.Equal(expected, got);
            Assert.Equal(idx[u], got);
            foreach (var r in one.Where(r => r.UserId == m.Users.IdOf(u)))
                Assert.Equal(m.Predict(u, m.ArtistIds.IndexOf(r.ArtistId)), r.Score, 4);
        }
    }
}
