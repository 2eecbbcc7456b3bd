using System.Text;
using LastFmMf.Data;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Data;

/// <summary>The writer produces files in the official byte style that the reader reads back unchanged.</summary>
public class HetrecWriterTests
{
    private static HetrecTables Small() => new(
        [
            new Artist(3, "Café Mélodie", "https://x.invalid/music/Café+Mélodie", ""),
            new Artist(7, "Skåldvind \"Kvartett\"", "https://x.invalid/music/Skåldvind", "https://x.invalid/p/7.jpg"),
            new Artist(9, "-Mørkefjell", "u", "p"),
        ],
        [new Tag(1, "chanson"), new Tag(4, "nordic folk")],
        [new Listen(2, 3, 12345), new Listen(2, 7, 1), new Listen(5, 9, 40000)],
        [new Friendship(2, 5), new Friendship(5, 2)],
        [new TagAssignment(2, 3, 1, new DateOnly(2009, 4, 1), true), new TagAssignment(5, 9, 4, new DateOnly(2010, 12, 17), true)]);

    [Fact]
    public void Writes_the_official_byte_style()
    {
        using var folder = new TempFolder();
        HetrecWriter.Write(folder.Path, Small());
        var artists = File.ReadAllBytes(Path.Combine(folder.Path, HetrecReader.ArtistsFile));
        var listens = File.ReadAllBytes(Path.Combine(folder.Path, HetrecReader.ListensFile));
        Assert.False(artists.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "no BOM");
        Assert.DoesNotContain((byte)'\r', artists);
        Assert.StartsWith("id\tname\turl\tpictureURL\n3\tCafé Mélodie\thttps://x.invalid/music/Café+Mélodie\t\n7\t", Encoding.UTF8.GetString(artists));
        Assert.EndsWith("\n", Encoding.UTF8.GetString(artists));
        Assert.Equal("userID\tartistID\tweight\r\n2\t3\t12345\r\n2\t7\t1\r\n5\t9\t40000\r\n", Encoding.UTF8.GetString(listens));
        Assert.Equal("userID\tartistID\ttagID\tday\tmonth\tyear\r\n2\t3\t1\t1\t4\t2009\r\n5\t9\t4\t17\t12\t2010\r\n",
            File.ReadAllText(Path.Combine(folder.Path, HetrecReader.TaggingsFile)));
        Assert.Equal("userID\tfriendID\r\n2\t5\r\n5\t2\r\n", File.ReadAllText(Path.Combine(folder.Path, HetrecReader.FriendsFile)));
        Assert.Equal("tagID\ttagValue\r\n1\tchanson\r\n4\tnordic folk\r\n", File.ReadAllText(Path.Combine(folder.Path, HetrecReader.TagsFile)));
        Assert.Equal(HetrecWriter.FileNames.Order(), Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Quotes_and_leading_dashes_are_written_as_data()
    {
        using var folder = new TempFolder();
        HetrecWriter.Write(folder.Path, Small());
        var lines = File.ReadAllLines(Path.Combine(folder.Path, HetrecReader.ArtistsFile), Encoding.UTF8);
        Assert.Equal("7\tSkåldvind \"Kvartett\"\thttps://x.invalid/music/Skåldvind\thttps://x.invalid/p/7.jpg", lines[2]);
        Assert.Equal("9\t-Mørkefjell\tu\tp", lines[3]);
    }

    [Fact]
    public void Round_trip_through_the_reader_keeps_names_weights_and_dates()
    {
        using var folder = new TempFolder();
        var tables = Small();
        HetrecWriter.Write(folder.Path, tables);
        var d = HetrecReader.Read(folder.Path);
        Assert.Equal(tables.Artists, d.Artists);
        Assert.Equal(tables.Tags, d.Tags);
        Assert.Equal(tables.Friendships, d.Friendships);
        Assert.Equal(tables.TagAssignments, d.TagAssignments);
        foreach (var l in tables.Listens)
        {
            int u = d.Users.IndexOf(l.UserId), a = d.ArtistIds.IndexOf(l.ArtistId);
            Assert.Equal(l.Weight, d.Listens.PlaysOf(u)[d.Listens.ArtistsOf(u).BinarySearch(a)]);
        }
        Assert.Equal(tables.Listens.Count, d.ListenCount);
        Assert.Empty(d.Notes);
    }

    [Fact]
    public void Overwrites_earlier_files_and_leaves_no_temporary_files()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, HetrecReader.TagsFile), "old content that is longer than the new file will be, by a lot\n");
        HetrecWriter.Write(folder.Path, Small());
        Assert.StartsWith("tagID\ttagValue\r\n", File.ReadAllText(Path.Combine(folder.Path, HetrecReader.TagsFile)));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("carriage\rreturn")]
    public void A_field_the_format_cannot_carry_is_refused_and_the_old_file_kept(string name)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, HetrecReader.ArtistsFile);
        File.WriteAllText(path, "previous\n");
        var bad = Small() with { Artists = [new Artist(1, "fine", "u", "p"), new Artist(2, name, "u", "p")] };
        var e = Assert.Throws<ArgumentException>(() => HetrecWriter.Write(folder.Path, bad));
        Assert.Contains("artists.dat, line 3", e.Message);
        Assert.Equal("previous\n", File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }
}
