using System.IO.Compression;
using System.Text;
using LastFmMf.Data;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Data;

/// <summary>Import reads straight from the official zip without unpacking, and says clearly when a zip is bad.</summary>
public sealed class ZipImportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // A tiny but complete HetRec dataset, CRLF like the official files.
    private static readonly Dictionary<string, string> Tiny = new()
    {
        [HetrecReader.ArtistsFile] = "id\tname\turl\tpictureURL\r\n1\tMALICE MIZER\thttp://www.last.fm/music/MALICE+MIZER\t\r\n2\tDiary of Dreams\thttp://www.last.fm/music/Diary+of+Dreams\t\r\n",
        [HetrecReader.TagsFile] = "tagID\ttagValue\r\n1\tmetal\r\n2\tgoth\r\n",
        [HetrecReader.ListensFile] = "userID\tartistID\tweight\r\n2\t1\t13883\r\n2\t2\t11690\r\n3\t2\t5\r\n",
        [HetrecReader.FriendsFile] = "userID\tfriendID\r\n2\t3\r\n3\t2\r\n",
        [HetrecReader.TaggingsFile] = "userID\tartistID\ttagID\tday\tmonth\tyear\r\n2\t1\t1\t1\t4\t2009\r\n3\t2\t2\t1\t5\t2010\r\n",
    };

    private string TinyZip(string name = "tiny.zip", string? prefix = null, params string[] leaveOut)
    {
        var path = _folder.File(name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (file, text) in Tiny)
        {
            if (leaveOut.Contains(file)) continue;
            using var s = zip.CreateEntry((prefix ?? "") + file).Open();
            s.Write(Encoding.UTF8.GetBytes(text));
        }
        return path;
    }

    private string RealZip(bool inSubfolder = false)
    {
        var path = _folder.File(DataLocations.ArchiveName);
        ZipFile.CreateFromDirectory(RealData.Path, path, CompressionLevel.Fastest, includeBaseDirectory: inSubfolder);
        return path;
    }

    private static string Truncate(string path)
    {
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        return path;
    }

    [SkippableFact]
    public void The_real_data_zipped_reads_the_same_as_the_folder()
    {
        var folder = RealData.Dataset;
        var zip = RealZip();

        var fromZip = HetrecReader.Read(zip);

        Assert.Equal(zip, fromZip.Source);
        Assert.Equal(1892, fromZip.UserCount);
        Assert.Equal(17632, fromZip.ArtistCount);
        Assert.Equal(92834, fromZip.ListenCount);
        Assert.Equal(folder.TagCount, fromZip.TagCount);
        Assert.Equal(folder.TagAssignmentCount, fromZip.TagAssignmentCount);
        Assert.Equal(folder.FriendshipCount, fromZip.FriendshipCount);
        Assert.Equal(folder.Listens.Plays.ToArray(), fromZip.Listens.Plays.ToArray());
        // The notes name their file, as a folder path or as zip!entry; past that they are the same.
        Assert.Equal(folder.Notes.Select(n => n.Replace(RealData.Path + Path.DirectorySeparatorChar, "")),
                     fromZip.Notes.Select(n => n.Replace(zip + "!", "")));
    }

    [SkippableFact]
    public void The_real_data_zipped_inside_one_folder_reads_too()
    {
        _ = RealData.Path;
        var zip = RealZip(inSubfolder: true);
        using (var archive = ZipFile.OpenRead(zip))
            Assert.All(archive.Entries, e => Assert.Contains('/', e.FullName));

        var d = HetrecReader.Read(zip);

        Assert.Equal(1892, d.UserCount);
        Assert.Equal(17632, d.ArtistCount);
        Assert.Equal(92834, d.ListenCount);
    }

    [SkippableFact]
    public void The_real_zip_cut_in_half_is_a_bad_archive()
    {
        _ = RealData.Path;
        var zip = Truncate(RealZip());

        var e = Assert.Throws<DataFormatException>(() => HetrecReader.Read(zip));

        Assert.Equal(DataError.BadArchive, e.Error);
        Assert.Equal(zip, e.File);
    }

    [Fact]
    public void A_hand_built_zip_reads_at_the_root_and_in_a_subfolder()
    {
        var root = HetrecReader.Read(TinyZip());
        var nested = HetrecReader.Read(TinyZip("nested.zip", prefix: "hetrec2011-lastfm-2k/"));

        foreach (var d in new[] { root, nested })
        {
            Assert.Equal(2, d.UserCount);
            Assert.Equal(2, d.ArtistCount);
            Assert.Equal(3, d.ListenCount);
            Assert.Equal(2, d.TagAssignmentCount);
            Assert.Equal(2, d.FriendshipCount);
        }
    }

    [Fact]
    public void A_truncated_zip_is_a_bad_archive()
    {
        var zip = Truncate(TinyZip());

        var e = Assert.Throws<DataFormatException>(() => HetrecReader.Read(zip));

        Assert.Equal(DataError.BadArchive, e.Error);
        Assert.Equal(zip, e.File);
        Assert.Contains("not a readable zip archive", e.Message);
    }

    [Theory]
    [InlineData("text", "userID\tartistID\tweight\n2\t51\t13883\n")]
    [InlineData("html", "<html><body>502 Bad Gateway</body></html>")]
    [InlineData("empty", "")]
    public void A_file_that_is_not_a_zip_is_a_bad_archive(string what, string content)
    {
        var path = _folder.File($"{what}-{DataLocations.ArchiveName}");
        File.WriteAllText(path, content);

        var e = Assert.Throws<DataFormatException>(() => HetrecReader.Read(path));

        Assert.Equal(DataError.BadArchive, e.Error);
        Assert.Equal(path, e.File);
    }

    [Fact]
    public void A_zip_without_user_artists_names_the_missing_entry()
    {
        var zip = TinyZip(leaveOut: HetrecReader.ListensFile);

        var e = Assert.Throws<DataFormatException>(() => HetrecReader.Read(zip));

        Assert.Equal(DataError.FileNotFound, e.Error);
        Assert.Equal($"{zip}!{HetrecReader.ListensFile}", e.File);
        Assert.Contains($"{zip}!{HetrecReader.ListensFile}", e.Message);
    }
}
