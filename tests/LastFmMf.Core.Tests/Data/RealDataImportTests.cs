using LastFmMf.Data;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Data;

public class RealDataImportTests
{
    [SkippableFact]
    public void Counts_match_the_published_files()
    {
        var d = RealData.Dataset;
        Assert.Equal(1892, d.UserCount);
        Assert.Equal(17632, d.ArtistCount);
        Assert.Equal(92834, d.ListenCount);
        Assert.Equal(11946, d.TagCount);
        Assert.Equal(186479, d.TagAssignmentCount);
        Assert.Equal(25434, d.FriendshipCount);
        Assert.Empty(d.TagTimestamps);
    }

    [SkippableFact]
    public void Latin1_tag_names_are_decoded_not_replaced()
    {
        var d = RealData.Dataset;
        Assert.Equal("tropicália", d.Tags.Single(t => t.Id == 2863).Name);
        Assert.Contains(d.Tags, t => t.Name == "düsseldorf");
        int[] latin1Ids = [2863, 4571, 4844, 5457, 7982, 9023, 11213, 11676];
        Assert.All(latin1Ids, id => Assert.Contains(d.Tags.Single(t => t.Id == id).Name, c => c is >= '\u00A0' and <= '\u00FF'));
        Assert.DoesNotContain(d.Tags, t => t.Name.Contains('\uFFFD'));
        Assert.Contains(d.Notes, n => n.Contains("8 lines are not UTF-8"));
    }

    [SkippableFact]
    public void Utf8_artist_names_survive()
    {
        var d = RealData.Dataset;
        Assert.Equal(1557, d.Artists.Count(a => a.Name.Any(c => c > 127) || a.Url.Any(c => c > 127) || a.PictureUrl.Any(c => c > 127)));
        Assert.DoesNotContain(d.Artists, a => a.Name.Contains('\uFFFD'));
        Assert.Equal(444, d.Artists.Count(a => a.PictureUrl.Length == 0));
    }

    [SkippableFact]
    public void Tagged_artists_missing_from_artists_dat_are_kept_and_reported()
    {
        var d = RealData.Dataset;
        var missing = d.TagAssignments.Where(t => !t.ArtistKnown).ToList();
        Assert.Equal(1538, missing.Count);
        Assert.Equal(390, missing.Select(t => t.ArtistId).Distinct().Count());
        Assert.Contains(d.Notes, n => n.Contains("390 tagged artist ids (1,538 rows)"));
    }

    [SkippableFact]
    public void Listens_are_faithful_csr()
    {
        var d = RealData.Dataset;
        Assert.Equal(2, d.Users.IdOf(0));
        Assert.Equal(2100, d.Users.IdOf(d.UserCount - 1));
        int u2 = d.Users.IndexOf(2), a51 = d.ArtistIds.IndexOf(51);
        int pos = d.Listens.ArtistsOf(u2).BinarySearch(a51);
        Assert.Equal(13883f, d.Listens.PlaysOf(u2)[pos]);
        Assert.Equal(1f, d.Listens.Plays.Min());
        Assert.Equal(352698f, d.Listens.Plays.Max());
        Assert.All(d.Listens.ListenerCounts(), c => Assert.True(c > 0));
    }
}
