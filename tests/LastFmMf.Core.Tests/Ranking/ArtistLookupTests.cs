using LastFmMf.Data;
using LastFmMf.Ranking;
using Xunit;

namespace LastFmMf.Tests.Ranking;

public class ArtistLookupTests
{
    private static readonly Artist[] Artists =
    [
        new(10, "Muse", "", ""), new(11, "Muse feat. Someone", "", ""), new(12, "Radiohead", "", ""),
        new(13, "Johnny Cash", "", ""), new(14, "June Carter Cash", "", ""), new(15, "311", "", ""), new(16, "ABBA", "", ""), new(17, "Abba", "", ""),
    ];

    private static readonly ArtistLookup Lookup = new(Artists, IdMap.FromIds(Artists.Select(a => a.Id)));

    [Theory]
    [InlineData("Muse", 0)]          // exact wins over the longer name that contains it
    [InlineData("radiohead", 2)]     // case-insensitive
    [InlineData("RADIO", 2)]         // unique substring
    [InlineData("johnny", 3)]
    [InlineData("13", 3)]            // an id
    [InlineData("311", 5)]           // a name that looks like an id: the exact name wins
    [InlineData("ABBA", 6)]          // two names equal ignoring case: the ordinal match wins
    [InlineData(" Muse ", 0)]        // surrounding spaces ignored
    public void Resolves(string query, int index)
    {
        var m = Lookup.Resolve(query);
        Assert.True(m.Found, m.Message);
        Assert.Equal(index, m.Index);
    }

    [Fact]
    public void An_ambiguous_substring_lists_the_candidates()
    {
        var m = Lookup.Resolve("cash");
        Assert.Equal(ArtistLookupError.Ambiguous, m.Error);
        Assert.Equal(["Johnny Cash", "June Carter Cash"], m.Candidates);
        Assert.Contains("'Johnny Cash'", m.Message);
        Assert.Contains("'June Carter Cash'", m.Message);
    }

    [Fact]
    public void Case_only_duplicates_without_an_ordinal_match_are_ambiguous()
    {
        var m = Lookup.Resolve("abBA");
        Assert.Equal(ArtistLookupError.Ambiguous, m.Error);
        Assert.Equal(2, m.Candidates.Count);
    }

    [Theory]
    [InlineData("Nirvana")]
    [InlineData("99")]
    [InlineData("")]
    public void Unknown_is_not_found_and_named(string query)
    {
        var m = Lookup.Resolve(query);
        Assert.Equal(ArtistLookupError.NotFound, m.Error);
        Assert.Equal(-1, m.Index);
        Assert.Contains($"'{query.Trim()}'", m.Message);
    }

    [Fact]
    public void Completion_puts_prefixes_first()
    {
        Assert.Equal(["June Carter Cash", "Johnny Cash"], Lookup.Complete("ju").Concat(Lookup.Complete("hnny")).ToArray());
        Assert.Equal(["Muse", "Muse feat. Someone"], Lookup.Complete("mu").ToArray());
    }
}
