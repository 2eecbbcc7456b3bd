using LastFmMf.Data;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Data;

/// <summary>The generator is deterministic and plants the structure its documentation promises.</summary>
public class SampleGeneratorTests
{
    private static readonly Lazy<SampleData> Bundled = new(() => SampleGenerator.Generate(SampleGenerator.BundledSeed));

    private static byte[][] WrittenBytes(int seed)
    {
        using var folder = new TempFolder();
        HetrecWriter.Write(folder.Path, SampleGenerator.Generate(seed).Tables);
        return HetrecWriter.FileNames.Select(f => File.ReadAllBytes(Path.Combine(folder.Path, f))).ToArray();
    }

    [Fact]
    public void Same_seed_gives_identical_bytes()
    {
        var first = WrittenBytes(42);
        var second = WrittenBytes(42);
        Assert.Equal(HetrecWriter.FileNames.Count, first.Length);
        for (int i = 0; i < first.Length; i++) Assert.Equal(first[i], second[i]);
    }

    [Fact]
    public void Different_seed_gives_different_data()
    {
        var a = WrittenBytes(42);
        var b = WrittenBytes(43);
        // Every table that is drawn at random differs; tags.dat differs only in its id gaps, so compare it too.
        for (int i = 0; i < a.Length; i++) Assert.NotEqual(a[i], b[i]);
    }

    [Fact]
    public void Sizes_are_as_documented()
    {
        var t = Bundled.Value.Tables;
        Assert.Equal(400, t.Artists.Count);
        Assert.Equal(300, t.Listens.Select(l => l.UserId).Distinct().Count());
        Assert.Equal(8, Bundled.Value.Truth.GroupNames.Count);
        var perUser = t.Listens.GroupBy(l => l.UserId).Select(g => g.Count()).ToArray();
        // Backfilled listens (an artist no one chose) can push a user one or two past the maximum.
        Assert.All(perUser, n => Assert.InRange(n, 15, 62));
        Assert.True(perUser.Count(n => n >= 40) >= 15, "a heavy tail of wide listeners is expected");
        Assert.True(perUser.Count(n => n <= 25) >= 100, "most users are expected to listen narrowly");
    }

    [Fact]
    public void Ids_are_unique_and_non_contiguous_like_the_real_files()
    {
        var t = Bundled.Value.Tables;
        var users = t.Listens.Select(l => l.UserId).Distinct().Order().ToArray();
        Assert.Equal(2, users[0]);
        Assert.True(users[^1] > users.Length + 1, "user ids are expected to have gaps");
        var artistIds = t.Artists.Select(a => a.Id).ToArray();
        Assert.Equal(artistIds.Order(), artistIds);
        Assert.Equal(artistIds.Length, artistIds.Distinct().Count());
        Assert.True(artistIds[^1] > artistIds.Length, "artist ids are expected to have gaps");
        Assert.Equal(t.Tags.Count, t.Tags.Select(x => x.Id).Distinct().Count());
    }

    [Fact]
    public void Artist_names_are_unique_and_some_are_not_ascii()
    {
        var names = Bundled.Value.Tables.Artists.Select(a => a.Name).ToArray();
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.True(names.Count(n => n.Any(c => c > 127)) >= 5);
        Assert.All(names, n => Assert.DoesNotContain('\t', n));
        Assert.All(Bundled.Value.Tables.Artists, a => Assert.Contains(a.Name.Replace(' ', '+'), a.Url));
    }

    [Fact]
    public void Users_listen_mostly_within_their_main_group()
    {
        var (t, truth) = (Bundled.Value.Tables, Bundled.Value.Truth);
        var shares = t.Listens.GroupBy(l => l.UserId).Select(g =>
        {
            int main = truth.UserMainGroup[g.Key];
            return (double)g.Where(l => truth.ArtistGroup[l.ArtistId] == main).Sum(l => l.Weight) / g.Sum(l => l.Weight);
        }).Order().ToArray();
        Assert.True(shares[shares.Length / 2] > 0.75, $"median share of plays in the main group is {shares[shares.Length / 2]:F2}");
        // Users with a second group exist and do spread their listening.
        Assert.InRange(truth.UserSecondGroup.Count, 30, 90);
        Assert.All(truth.UserSecondGroup, p => Assert.NotEqual(truth.UserMainGroup[p.Key], p.Value));
    }

    [Fact]
    public void Every_artist_has_listeners_and_popularity_is_skewed()
    {
        var t = Bundled.Value.Tables;
        var listeners = t.Listens.GroupBy(l => l.ArtistId).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(t.Artists, a => Assert.True(listeners.ContainsKey(a.Id), $"artist {a.Id} has no listener"));
        var counts = listeners.Values.Order().ToArray();
        Assert.True(counts[^1] >= 2 * counts[counts.Length / 2], $"max listeners {counts[^1]}, median {counts[counts.Length / 2]}");
        Assert.True(counts[^1] >= 3 * counts[0]);
    }

    [Fact]
    public void Play_counts_are_heavy_tailed_integers()
    {
        var w = Bundled.Value.Tables.Listens.Select(l => l.Weight).Order().ToArray();
        Assert.True(w[0] >= 1);
        double median = w[w.Length / 2];
        Assert.True(w[^1] / median > 50, $"max {w[^1]} / median {median} is not heavy-tailed");
        Assert.InRange(w[^1], 10_000, 99_999);
        Assert.Contains(w, x => x < 10);
    }

    [Fact]
    public void Friendships_are_symmetric_without_self_pairs_and_mostly_within_a_group()
    {
        var (t, truth) = (Bundled.Value.Tables, Bundled.Value.Truth);
        var pairs = t.Friendships.Select(f => (f.UserId, f.FriendId)).ToHashSet();
        Assert.Equal(t.Friendships.Count, pairs.Count);
        Assert.True(pairs.Count > 500);
        Assert.All(pairs, p => Assert.NotEqual(p.UserId, p.FriendId));
        Assert.All(pairs, p => Assert.Contains((p.FriendId, p.UserId), pairs));
        Assert.All(pairs, p => Assert.True(truth.UserMainGroup.ContainsKey(p.UserId) && truth.UserMainGroup.ContainsKey(p.FriendId)));
        double within = pairs.Count(p => truth.UserMainGroup[p.UserId] == truth.UserMainGroup[p.FriendId]) / (double)pairs.Count;
        Assert.True(within > 0.6, $"only {within:P0} of friendships are within a group");
    }

    [Fact]
    public void Genre_tags_name_the_groups_of_the_artists_they_are_put_on()
    {
        var (t, truth) = (Bundled.Value.Tables, Bundled.Value.Truth);
        var tagName = t.Tags.ToDictionary(x => x.Id, x => x.Name);
        Assert.All(truth.GroupNames, g => Assert.Contains(g, tagName.Values));
        var genreRows = t.TagAssignments.Where(r => truth.GroupNames.Contains(tagName[r.TagId])).ToArray();
        Assert.True(genreRows.Length > 500);
        double right = genreRows.Count(r => tagName[r.TagId] == truth.GroupNames[truth.ArtistGroup[r.ArtistId]]) / (double)genreRows.Length;
        Assert.True(right > 0.95, $"only {right:P0} of genre tags name the artist's group");
        // Taggers mostly tag artists of their own groups.
        double own = t.TagAssignments.Count(r => truth.ArtistGroup[r.ArtistId] == truth.UserMainGroup[r.UserId]
            || truth.UserSecondGroup.GetValueOrDefault(r.UserId, -1) == truth.ArtistGroup[r.ArtistId]) / (double)t.TagAssignments.Count;
        Assert.True(own > 0.8, $"only {own:P0} of tag assignments are on the tagger's groups");
    }

    [Fact]
    public void Tag_assignments_are_unique_dated_and_on_listened_artists()
    {
        var t = Bundled.Value.Tables;
        Assert.Equal(t.TagAssignments.Count, t.TagAssignments.Select(r => (r.UserId, r.ArtistId, r.TagId)).Distinct().Count());
        var listened = t.Listens.Select(l => (l.UserId, l.ArtistId)).ToHashSet();
        Assert.All(t.TagAssignments, r => Assert.Contains((r.UserId, r.ArtistId), listened));
        Assert.All(t.TagAssignments, r => Assert.InRange(r.Date, new DateOnly(2005, 8, 1), new DateOnly(2011, 5, 31)));
        Assert.True(t.TagAssignments.Select(r => r.Date.Year).Distinct().Count() >= 5);
    }

    [Fact]
    public void Held_out_listens_are_predicted_by_personal_taste_not_by_global_popularity()
    {
        var s = Bundled.Value;
        var (train, test) = HeldOut.Split(s.Tables.Listens, testShare: 0.2, seed: 7);
        double popularity = HeldOut.RecallAtK(train, test, HeldOut.Popularity(), 10);
        double group = HeldOut.RecallAtK(train, test, HeldOut.GroupPopularity(s.Truth.UserMainGroup), 10);
        double neighbours = HeldOut.RecallAtK(train, test, HeldOut.ItemKnn(), 10);
        // Knowing the group is worth a lot; knowing the user's own listens is worth more still.
        Assert.True(group > 3 * popularity, $"group popularity {group:F3} vs global popularity {popularity:F3}");
        Assert.True(neighbours > group + 0.05, $"item neighbours {neighbours:F3} vs group popularity {group:F3}");
    }

    [Fact]
    public void Taste_weight_zero_leaves_nothing_personal_to_learn()
    {
        // The counterpart of the test above: without the planted taste, neighbours gain nothing over the group.
        var s = SampleGenerator.Generate(SampleGenerator.BundledSeed, new SampleOptions { TasteWeight = 0, PlayTasteWeight = 0 });
        var (train, test) = HeldOut.Split(s.Tables.Listens, testShare: 0.2, seed: 7);
        double group = HeldOut.RecallAtK(train, test, HeldOut.GroupPopularity(s.Truth.UserMainGroup), 10);
        double neighbours = HeldOut.RecallAtK(train, test, HeldOut.ItemKnn(), 10);
        Assert.True(neighbours < group + 0.02, $"item neighbours {neighbours:F3} vs group popularity {group:F3}");
    }

    [Theory]
    [InlineData("Users")]
    [InlineData("Groups")]
    [InlineData("MaxArtistsPerUser")]
    [InlineData("TwoGroupSecondShare")]
    public void Bad_options_are_refused_naming_the_parameter(string name)
    {
        var o = name switch
        {
            "Users" => new SampleOptions { Users = 1 },
            "Groups" => new SampleOptions { Groups = SampleGenerator.MaxGroups + 1 },
            "MaxArtistsPerUser" => new SampleOptions { MaxArtistsPerUser = 10 },
            _ => new SampleOptions { TwoGroupMainShare = 0.8, TwoGroupSecondShare = 0.3 },
        };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SampleGenerator.Generate(1, o));
        Assert.Equal(name, e.ParamName);
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void Other_sizes_work()
    {
        var s = SampleGenerator.Generate(5, new SampleOptions { Users = 40, Artists = 30, Groups = 3, MinArtistsPerUser = 3, MaxArtistsPerUser = 12 });
        Assert.Equal(30, s.Tables.Artists.Count);
        Assert.Equal(40, s.Tables.Listens.Select(l => l.UserId).Distinct().Count());
        Assert.All(s.Tables.Artists, a => Assert.Contains(s.Tables.Listens, l => l.ArtistId == a.Id));
    }
}
