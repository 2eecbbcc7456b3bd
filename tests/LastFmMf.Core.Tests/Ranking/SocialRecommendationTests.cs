using LastFmMf.Data;
using LastFmMf.Ranking;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Ranking;

/// <summary>A light listener's recommendations blend in friends and tags, and say so; worked out by hand.</summary>
public class SocialRecommendationTests
{
    // User 1 (index 0) knows artist index 0; their friend, user 2, plays artist index 2; user 3 plays index 3. Artists 1 and 4
    // (indices 0 and 3) share the tag "rock". With p = 1 the model scores 0, 1, 0.5, 0.9: alone, index 1 comes first.
    // Blend at n = 1 with w_f = 1, w_t = 1 (and no taste term, to keep the arithmetic short): z(model) = (−1.52, 1.02, −0.25, 0.76); friends share (0, 0, 1, 0) → z (−0.58, −0.58, 1.73,
    // −0.58); tags (1, 0, 0, 1) → z (1, −1, −1, 1). Candidates 1..3: 1 → −0.56, 2 → 0.48, 3 → 1.19: index 3 first, then 2.
    private static LastFmMf.Training.FactorModel Model(float[][]? users = null)
    {
        var model = TinyModel.Create(1, users ?? [[1f], [1f], [1f]], [[0f], [1f], [0.5f], [0.9f]], [(0, 0, 5), (1, 2, 5), (2, 3, 5)]);
        var data = new LastFmDataset("tiny", model.Users, model.ArtistIds, model.Artists, [new Tag(1, "rock")],
            [new TagAssignment(3, 1, 1, new DateOnly(2010, 1, 1), true), new TagAssignment(3, 4, 1, new DateOnly(2010, 1, 1), true)],
            [new Friendship(1, 2), new Friendship(2, 1)], model.Listened!, []);
        return model.WithSocial(SocialSignals.From(data, model.Listened));
    }

    private static readonly BlendWeights FriendsAndTags = new([new BlendStep(1, 1, 1)]);

    [Fact]
    public void A_light_user_gets_the_blend_and_the_reasons_name_the_tag_and_the_friend()
    {
        var rows = Recommender.ForUsers(Model(), [0], new RecommendOptions(Top: 2, Explain: true, ThreadCount: 1, Weights: FriendsAndTags));
        Assert.Equal([4, 3], rows.Select(r => r.ArtistId));
        Assert.StartsWith("tagged rock, like Artist 1", rows[0].Because);
        Assert.StartsWith("your friend 2 plays Artist 3", rows[1].Because);
    }

    [Fact]
    public void Without_social_the_model_alone_ranks_and_explains()
    {
        var rows = Recommender.ForUsers(Model(), [0], new RecommendOptions(Top: 2, Explain: true, ThreadCount: 1, Social: false));
        Assert.Equal([2, 4], rows.Select(r => r.ArtistId));
        Assert.DoesNotContain(rows, r => r.Because.Contains("friend") || r.Because.Contains("tagged"));
        // A warm gate (no step) is the same as turning it off.
        var none = Recommender.ForUsers(Model(), [0], new RecommendOptions(Top: 2, ThreadCount: 1, Weights: BlendWeights.None));
        Assert.Equal([2, 4], none.Select(r => r.ArtistId));
    }

    [Fact]
    public void A_new_listener_with_friends_hears_which_friend_plays_it()
    {
        var model = Model();
        var listener = FoldIn.Solve(model, [(0, 5.0)]);
        var rows = Recommender.ForListener(model, listener, new RecommendOptions(Top: 3, Explain: true), friends: [1, 2]);
        // Friends 2 and 3: artist index 2 is played by one of them, index 3 by the other.
        Assert.StartsWith("your friend 2 plays Artist 3", rows.Single(r => r.ArtistId == 3).Because);
        Assert.StartsWith("your friend 3 plays Artist 4", rows.Single(r => r.ArtistId == 4).Because);
    }

    [Fact]
    public void The_taste_signal_is_the_friends_mean_vector_through_the_model()
    {
        // p = 2 for user 2 and −1 for user 3: their taste scores are q_a·2 and q_a·(−1), so the standardised signals are opposite.
        var model = Model([[1f], [2f], [-1f]]);
        var social = model.Social!;
        var two = SocialBlend.Signals(model, social, [0], [1]).Taste;
        var three = SocialBlend.Signals(model, social, [0], [2]).Taste;
        Assert.Equal(two.Select(x => -x), three, (x, y) => Math.Abs(x - y) < 1e-5);
        // q = (0, 1, 0.5, 0.9): mean 0.6, sd 0.3937; artist index 1 is (1 − 0.6)/0.3937 above the mean for user 2's taste.
        Assert.Equal((1 - 0.6) / Math.Sqrt(0.155), two[1], 4);
        Assert.All(SocialBlend.Signals(model, social, [0], []).Taste, x => Assert.Equal(0f, x));
    }
}
