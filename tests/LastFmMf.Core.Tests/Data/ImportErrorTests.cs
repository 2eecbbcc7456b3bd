using LastFmMf.Persistence;
using LastFmMf.Training;
using LastFmMf.Data;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Data;

/// <summary>Every kind of bad input gives a DataFormatException naming the file, the line, the value and what was expected.</summary>
public class ImportErrorTests
{
    private static DataFormatException ReadFails(TempHetrecFolder folder) =>
        Assert.Throws<DataFormatException>(() => HetrecReader.Read(folder.Path));

    [Fact]
    public void The_minimal_folder_is_valid()
    {
        using var f = new TempHetrecFolder();
        var d = HetrecReader.Read(f.Path);
        Assert.Equal((2, 3, 4, 2, 2, 2), (d.UserCount, d.ArtistCount, d.ListenCount, d.TagCount, d.FriendshipCount, d.TagAssignmentCount));
        Assert.Equal("Béta \"B\"", d.Artists[1].Name);
        Assert.Equal("", d.Artists[1].PictureUrl);
        Assert.False(d.TagAssignments[1].ArtistKnown);
        Assert.Contains(d.Notes, n => n.Contains("1 tagged artist ids (1 rows)"));
        Assert.Equal(new DateOnly(2008, 2, 29), d.TagAssignments[1].Date);
    }

    [Fact]
    public void Large_play_counts_stay_exact_through_import_and_the_model_file()
    {
        // Issue 13 row 11: stored as float32, 16,777,217 plays became 16,777,216 (and 2,147,483,647 became 2,147,483,648).
        var listens = "userID\tartistID\tweight\r\n2\t1\t16777217\r\n2\t2\t3\r\n7\t5\t2147483647\r\n7\t1\t1\r\n";
        using var f = new TempHetrecFolder(new Dictionary<string, string?> { ["user_artists.dat"] = listens });
        var d = HetrecReader.Read(f.Path);
        Assert.Equal(new[] { 16_777_217, 3 }, d.Listens.GetPlays(d.Users.IndexOf(2)));
        Assert.Equal(new[] { 1, int.MaxValue }, d.Listens.GetPlays(d.Users.IndexOf(7)));
        var hp = new Hyperparameters { Factors = 2, Epochs = 1, ValidationFraction = 0 };
        var run = Trainer.Train(TrainingData.Create(d, null, hp), hp);
        var back = ModelFile.Deserialize(ModelFile.Serialize(new SavedModel(run.Model, DateTimeOffset.UnixEpoch)), "exact.lfmf").Model;
        Assert.Equal(new[] { 16_777_217, 3 }, back.Listened!.GetPlays(back.Users.IndexOf(2)));
        Assert.Equal(new[] { 1, int.MaxValue }, back.Listened.GetPlays(back.Users.IndexOf(7)));
    }

    [Fact]
    public void Missing_folder()
    {
        var e = Assert.Throws<DataFormatException>(() => HetrecReader.Read("/no/such/lastfm/folder"));
        Assert.Equal(DataError.PathNotFound, e.Error);
        Assert.Contains("/no/such/lastfm/folder", e.Message);
    }

    [Theory]
    [InlineData("artists.dat")]
    [InlineData("tags.dat")]
    [InlineData("user_artists.dat")]
    [InlineData("user_friends.dat")]
    [InlineData("user_taggedartists.dat")]
    public void Missing_file(string file)
    {
        using var f = TempHetrecFolder.With(file, null);
        var e = ReadFails(f);
        Assert.Equal(DataError.FileNotFound, e.Error);
        Assert.EndsWith(file, e.File);
    }

    [Theory]
    [InlineData("artists.dat", "")]
    [InlineData("user_artists.dat", "")]
    [InlineData("tags.dat", "")]
    [InlineData("user_artists.dat", "userID\tartistID\tweight\r\n")]
    [InlineData("artists.dat", "id\tname\turl\tpictureURL\n")]
    public void Empty_file(string file, string content)
    {
        using var f = TempHetrecFolder.With(file, content);
        var e = ReadFails(f);
        Assert.Equal(DataError.EmptyFile, e.Error);
        Assert.EndsWith(file, e.File);
    }

    [Fact]
    public void Missing_header_is_named()
    {
        using var f = TempHetrecFolder.With("user_friends.dat", "2\t7\r\n7\t2\r\n");
        var e = ReadFails(f);
        Assert.Equal(DataError.BadHeader, e.Error);
        Assert.Equal(1, e.Line);
        Assert.Contains("userID\\tfriendID", e.Message);
    }

    [Fact]
    public void Wrong_column_count_names_line_and_counts()
    {
        using var f = TempHetrecFolder.With("user_artists.dat", "userID\tartistID\tweight\r\n2\t1\t10\r\n2\t2\r\n");
        var e = ReadFails(f);
        Assert.Equal(DataError.WrongColumnCount, e.Error);
        Assert.Equal(3, e.Line);
        Assert.Equal("2\t2", e.Value);
        Assert.Contains("expected 3 tab-separated columns", e.Message);
        Assert.Contains("found 2", e.Message);
    }

    [Theory]
    [InlineData("2\tx1\t10", "x1", DataError.NotANumber)]
    [InlineData("abc\t1\t10", "abc", DataError.NotANumber)]
    [InlineData("2\t1\t1.5", "1.5", DataError.NotANumber)]
    [InlineData("2\t1\t-4", "-4", DataError.NegativeValue)]
    [InlineData("-2\t1\t4", "-2", DataError.NegativeValue)]
    [InlineData("2\t1\t0", "0", DataError.ZeroWeight)]
    [InlineData("2\t3\t7", "3", DataError.UnknownArtist)]
    public void Bad_listen_values(string row, string value, DataError error)
    {
        using var f = TempHetrecFolder.With("user_artists.dat", $"userID\tartistID\tweight\r\n2\t1\t10\r\n{row}\r\n");
        var e = ReadFails(f);
        Assert.Equal(error, e.Error);
        Assert.Equal(3, e.Line);
        Assert.Equal(value, e.Value);
        Assert.Contains("user_artists.dat, line 3", e.Message);
    }

    [Fact]
    public void Duplicate_pair_names_both_lines()
    {
        using var f = TempHetrecFolder.With("user_artists.dat", "userID\tartistID\tweight\r\n2\t1\t10\r\n2\t2\t3\r\n2\t1\t4\r\n");
        var e = ReadFails(f);
        Assert.Equal(DataError.DuplicatePair, e.Error);
        Assert.Equal(4, e.Line);
        Assert.Contains("line 2", e.Expected);
    }

    [Fact]
    public void Duplicate_artist_id()
    {
        using var f = TempHetrecFolder.With("artists.dat", "id\tname\turl\tpictureURL\n1\tA\tu\tp\n2\tB\tu\tp\n5\tC\tu\tp\n2\tD\tu\tp\n");
        var e = ReadFails(f);
        Assert.Equal(DataError.DuplicateId, e.Error);
        Assert.Equal(5, e.Line);
    }

    [Fact]
    public void Bad_tag_date()
    {
        using var f = TempHetrecFolder.With("user_taggedartists.dat", "userID\tartistID\ttagID\tday\tmonth\tyear\r\n2\t1\t1\t31\t2\t2009\r\n");
        var e = ReadFails(f);
        Assert.Equal(DataError.InvalidDate, e.Error);
        Assert.Equal(2, e.Line);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("201")]
    [InlineData("2101")]
    public void A_tag_year_cut_short_or_out_of_range_is_an_InvalidDate(string year)
    {
        // The last line of a truncated copy, with no line break: "... 1\t7\t2" of "... 1\t7\t2010".
        using var f = TempHetrecFolder.With("user_taggedartists.dat", $"userID\tartistID\ttagID\tday\tmonth\tyear\r\n2\t1\t1\t1\t7\t2010\r\n2\t1\t2\t1\t7\t{year}");
        var e = ReadFails(f);
        Assert.Equal((DataError.InvalidDate, 3), (e.Error, e.Line));
        Assert.Contains("1900 to 2100", e.Message);
    }

    [Fact]
    public void A_tag_date_of_1956_reads_as_the_real_file_has_it()
    {
        using var f = TempHetrecFolder.With("user_taggedartists.dat", "userID\tartistID\ttagID\tday\tmonth\tyear\r\n2\t1\t1\t1\t4\t1956\r\n");
        Assert.Equal(new DateOnly(1956, 4, 1), HetrecReader.Read(f.Path).TagAssignments.Single().Date);
    }

    [Fact]
    public void Lf_and_crlf_and_a_missing_final_newline_all_read()
    {
        using var f = TempHetrecFolder.With("user_artists.dat", "userID\tartistID\tweight\n2\t1\t10\r\n2\t2\t3\n7\t5\t100\r\n7\t1\t1");
        var d = HetrecReader.Read(f.Path);
        Assert.Equal(4, d.ListenCount);
        Assert.Equal(1f, d.Listens.PlaysOf(1)[0]);
    }

    [Fact]
    public void Latin1_lines_are_decoded_and_noted()
    {
        using var f = new TempHetrecFolder();
        var bytes = new List<byte>(System.Text.Encoding.UTF8.GetBytes("tagID\ttagValue\r\n1\ttropic"));
        bytes.Add(0xE1);
        bytes.AddRange(System.Text.Encoding.UTF8.GetBytes("lia\r\n2\tjazz\r\n"));
        File.WriteAllBytes(Path.Combine(f.Path, "tags.dat"), bytes.ToArray());
        var d = HetrecReader.Read(f.Path);
        Assert.Equal("tropicália", d.Tags[0].Name);
        Assert.Contains(d.Notes, n => n.Contains("1 lines are not UTF-8") && n.Contains("lines 2"));
    }

    [Fact]
    public void Not_a_zip_is_a_bad_archive()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "this is not a zip");
            var e = Assert.Throws<DataFormatException>(() => HetrecReader.Read(file));
            Assert.Equal(DataError.BadArchive, e.Error);
        }
        finally { File.Delete(file); }
    }
}
