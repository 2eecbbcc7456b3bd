using LastFmMf.Data;
using LastFmMf.Evaluation;
using LastFmMf.Splitting;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;

namespace LastFmMf.Tests.Evaluation;

/// <summary>The cold-start protocol on a hand-built split whose every count can be worked out on paper.</summary>
public class ColdStartProtocolTests
{
    // Users 1..4 (indices 0..3), artists 1..5 (indices 0..4).
    // Train: user 1 plays artists 0, 1, 2; user 2 plays 0, 1; user 3 plays 0, 4; user 4 plays 1.  Test: user 1 plays 3.
    // Friends: 1–3. Only user 1 has ≥ 3 training listens and a test listen, so the sample is user 1 whatever the seed.
    private static DataSplit Split()
    {
        var artists = Enumerable.Range(1, 5).Select(i => new Artist(i, $"Artist {i}", "", "")).ToArray();
        var users = IdMap.FromIds(Enumerable.Range(1, 4));
        var ids = IdMap.FromIds(Enumerable.Range(1, 5));
        LastFmDataset Part(string name, params (int U, int A)[] pairs) => new(name, users, ids, artists, [new Tag(1, "rock")],
            [new TagAssignment(1, 3, 1, new DateOnly(2010, 1, 1), true), new TagAssignment(2, 1, 1, new DateOnly(2010, 1, 1), true)],
            [new Friendship(1, 3), new Friendship(3, 1)],
            Interactions.FromTriples(4, 5, pairs.Select(p => p.U).ToArray(), pairs.Select(p => p.A).ToArray(), pairs.Select(_ => 10).ToArray()), []);
        var train = Part("train", (0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (2, 0), (2, 4), (3, 1));
        var test = Part("test", (0, 3));
        return new DataSplit
        {
            Train = train, Test = test, Method = SplitMethod.PerUser, TestFraction = 0.2, Seed = 0, MinListens = 2,
            TestUserCount = 1, TestPairsWithUnseenArtist = 0, TestPairsWithUnseenUser = 0,
        };
    }

    [Fact]
    public void The_sample_loses_its_training_listens_and_tags_and_keeps_them_for_the_protocol()
    {
        var cold = ColdStart.Prepare(Split(), users: 5, seed: 3, minTrainListens: 3);
        var sample = cold.ColdStart!;
        Assert.Equal([0], sample.Users);
        Assert.Equal(0, cold.Train.Listens.RowLength(0));
        Assert.Equal(5, cold.Train.ListenCount);                   // 8 training listens less user 1's 3
        Assert.Equal([0, 1, 2], sample.Original.GetArtists(0));
        Assert.Equal(3, sample.Original.Count);
        Assert.DoesNotContain(cold.Train.TagAssignments, t => t.UserId == 1);
        Assert.Single(cold.Train.TagAssignments);
        Assert.Equal(1, cold.Test.ListenCount);                    // Test is unchanged
        // Nested reveals: what is known at n = 1 is known at n = 2.
        var one = sample.Reveal(0, 1).Artists;
        var two = sample.Reveal(0, 2).Artists;
        Assert.Single(one);
        Assert.Equal(2, two.Length);
        Assert.Contains(one[0], two);
        Assert.Equal(3, sample.Reveal(0, 3).Artists.Length);
    }

    [Fact]
    public void Light_users_keep_their_first_revealed_listens_in_train()
    {
        var light = ColdStart.Prepare(Split(), users: 1, seed: 3, minTrainListens: 3, lightListens: 2);
        Assert.Equal(light.ColdStart!.Reveal(0, 2).Artists, light.Train.Listens.GetArtists(0));
        Assert.Equal(7, light.Train.ListenCount);
    }

    [Fact]
    public void Popularity_and_friends_are_scored_on_the_hidden_and_test_artists_as_worked_out_by_hand()
    {
        var cold = ColdStart.Prepare(Split(), users: 1, seed: 3, minTrainListens: 3);
        var model = TinyModel.Create(1, [[1f], [1f], [1f], [1f]], [[1f], [0.5f], [0.2f], [0.1f], [0.3f]],
            [(1, 0, 10), (1, 1, 10), (2, 0, 10), (2, 4, 10), (3, 1, 10)]);
        var rows = ColdStartEvaluation.Evaluate(model, cold, [1], new ColdStartOptions(K: 2, ThreadCount: 1));
        int revealed = cold.ColdStart!.Reveal(0, 1).Artists[0];
        // Listeners in the cold Train: artist 0: 2, artist 1: 2, artist 2: 0, artist 3: 0, artist 4: 1. Relevant: {0, 1, 2, 3} less the revealed one.
        // Revealed 2: Popularity's top 2 of {0, 1, 3, 4} is 0, 1 — both relevant, of 3: P = 1, R = 2/3, NDCG = 1.
        // Revealed 0 (or 1): the top 2 is the other of 0/1, then 4: one hit at rank 1, of 3: P = 1/2, R = 1/3, NDCG = 1/(1 + 1/log2 3).
        double oneHit = 1 / (1 + 1 / Math.Log2(3));
        var pop = rows.Single(r => r.Scorer == "Popularity");
        Assert.Equal(1, pop.Users);
        Assert.Equal("FoldIn", pop.Protocol);
        Assert.Equal(revealed == 2 ? 1 : 0.5, pop.Precision, 12);
        Assert.Equal(revealed == 2 ? 2.0 / 3 : 1.0 / 3, pop.Recall, 12);
        Assert.Equal(revealed == 2 ? 1 : oneHit, pop.Ndcg, 12);
        // Friends: user 3 plays 0 and 4 (share 1 each, ties by popularity: 0 before 4). Revealed 0: the top 2 is 4, then 1
        // (popularity) — a hit at rank 2: NDCG = (1/log2 3)/(1 + 1/log2 3). Otherwise 0, 4: a hit at rank 1.
        var friends = rows.Single(r => r.Scorer == "Friends");
        Assert.Equal(revealed == 0 ? (1 / Math.Log2(3)) / (1 + 1 / Math.Log2(3)) : oneHit, friends.Ndcg, 12);
        Assert.Equal(0.5, friends.Precision, 12);
        Assert.Equal(["Popularity", "Random", "Friends", "Model", "Blend"], rows.Select(r => r.Scorer));
    }

    [Fact]
    public void A_model_that_trained_on_the_hidden_listens_is_refused()
    {
        var cold = ColdStart.Prepare(Split(), users: 1, seed: 3, minTrainListens: 3);
        var leaky = TinyModel.Create(1, [[1f], [1f], [1f], [1f]], [[1f], [0.5f], [0.2f], [0.1f], [0.3f]],
            [(0, 0, 10), (1, 0, 10), (2, 4, 10)]);
        var e = Assert.Throws<ColdStartLeakException>(() => ColdStartEvaluation.Evaluate(leaky, cold, [1]));
        Assert.Contains("1 of the 1 cold-start users", e.Message);
        Assert.Throws<ArgumentException>(() => ColdStartEvaluation.Evaluate(leaky, Split(), [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ColdStartEvaluation.Evaluate(leaky, cold, [3]));
    }

    [Fact]
    public void The_sample_and_the_table_are_the_same_for_a_seed_and_any_thread_count()
    {
        var data = HetrecReader.Read(Path.Combine(RepoRoot.Path, "data", "sample"));
        var split = Splitter.PerUser(data, 0.2, 42);
        var a = ColdStart.Prepare(split, 40, seed: 5);
        var b = ColdStart.Prepare(split, 40, seed: 5);
        var c = ColdStart.Prepare(split, 40, seed: 6);
        Assert.Equal(a.ColdStart!.Users, b.ColdStart!.Users);
        Assert.Equal(a.Train.Listens.GetArtists(a.ColdStart.Users[0]), b.Train.Listens.GetArtists(b.ColdStart.Users[0]));
        Assert.NotEqual(a.ColdStart.Users, c.ColdStart!.Users);
        Assert.Equal(a.ColdStart.Reveal(a.ColdStart.Users[3], 5), b.ColdStart.Reveal(b.ColdStart.Users[3], 5), new RevealComparer());
        var hp = Hyperparameters.DefaultsFor("Implicit") with { Factors = 8, Epochs = 3 };
        var run = Trainer.Train(TrainingData.Create(a.Train, null, hp), hp);
        var one = ColdStartEvaluation.Evaluate(run.Model, a, [1, 3], new ColdStartOptions(ThreadCount: 1));
        var two = ColdStartEvaluation.Evaluate(run.Model, b, [1, 3], new ColdStartOptions(ThreadCount: 2));
        Assert.Equal(one, two);
        Assert.Equal(10, one.Count);
    }

    private sealed class RevealComparer : IEqualityComparer<(int[] Artists, float[] Plays)>
    {
        public bool Equals((int[] Artists, float[] Plays) x, (int[] Artists, float[] Plays) y) => x.Artists.SequenceEqual(y.Artists) && x.Plays.SequenceEqual(y.Plays);
        public int GetHashCode((int[] Artists, float[] Plays) obj) => obj.Artists.Length;
    }
}
