using System.Globalization;
using System.IO.Compression;
using System.Text;
using LastFmMf.Data;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Data;

/// <summary>
/// The official archive's user_taggedartists-timestamps.dat (issue 11, item 1): the local copy lacks it, so it is
/// rebuilt from user_taggedartists.dat, one millisecond timestamp (midnight UTC) per day/month/year. Four of its rows
/// are dated 1956–57 and so are negative, as in the official file (-428716800000 is 1956-06-01).
/// </summary>
public sealed class TimestampsFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string TimestampsFrom(string taggings, out int negative)
    {
        var sb = new StringBuilder("userID\tartistID\ttagID\ttimestamp\r\n");
        negative = 0;
        foreach (var line in taggings.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var c = line.Split('\t');
            var date = new DateTimeOffset(int.Parse(c[5], CultureInfo.InvariantCulture), int.Parse(c[4], CultureInfo.InvariantCulture),
                int.Parse(c[3], CultureInfo.InvariantCulture), 0, 0, 0, TimeSpan.Zero);
            long ms = date.ToUnixTimeMilliseconds();
            if (ms < 0) negative++;
            sb.Append(CultureInfo.InvariantCulture, $"{c[0]}\t{c[1]}\t{c[2]}\t{ms}\r\n");
        }
        return sb.ToString();
    }

    private string RealFolderWithTimestamps(out int negative)
    {
        var dir = Path.Combine(_folder.Path, "hetrec2011-lastfm-2k");
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(RealData.Path, "*.dat"))
            File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        var taggings = File.ReadAllText(Path.Combine(dir, HetrecReader.TaggingsFile));
        File.WriteAllText(Path.Combine(dir, HetrecReader.TimestampsFile), TimestampsFrom(taggings, out negative));
        return dir;
    }

    private static void AgreesWithTaggings(LastFmDataset d)
    {
        Assert.Equal(186479, d.TagTimestamps.Count);
        Assert.Equal(d.TagAssignmentCount, d.TagTimestamps.Count);
        for (int i = 0; i < d.TagTimestamps.Count; i++)
        {
            var (s, a) = (d.TagTimestamps[i], d.TagAssignments[i]);
            Assert.Equal((a.UserId, a.ArtistId, a.TagId, a.Date), (s.UserId, s.ArtistId, s.TagId, DateOnly.FromDateTime(s.Time.UtcDateTime)));
        }
        Assert.Equal(4, d.TagTimestamps.Count(t => t.Time.Year < 1970));
    }

    [SkippableFact]
    public void The_six_file_folder_with_negative_timestamps_imports()
    {
        var dir = RealFolderWithTimestamps(out int negative);
        Assert.Equal(4, negative);

        var d = HetrecReader.Read(dir);

        AgreesWithTaggings(d);
        Assert.Equal((1892, 17632, 92834), (d.UserCount, d.ArtistCount, d.ListenCount));
    }

    [SkippableFact]
    public void The_six_file_zip_with_negative_timestamps_imports()
    {
        var dir = RealFolderWithTimestamps(out _);
        var zip = _folder.File(DataLocations.ArchiveName);
        ZipFile.CreateFromDirectory(dir, zip, CompressionLevel.Fastest, includeBaseDirectory: true);
        using (var archive = ZipFile.OpenRead(zip)) Assert.Equal(6, archive.Entries.Count);

        var d = HetrecReader.Read(zip);

        AgreesWithTaggings(d);
        Assert.Equal((1892, 17632, 92834), (d.UserCount, d.ArtistCount, d.ListenCount));
    }

    private static TempHetrecFolder WithTimestamps(string content)
    {
        var f = new TempHetrecFolder();
        File.WriteAllText(Path.Combine(f.Path, HetrecReader.TimestampsFile), content);
        return f;
    }

    [Theory]
    [InlineData("253402300800000")]  // 10000-01-01
    [InlineData("-62135596800001")]  // before 0001-01-01
    [InlineData("9223372036854775807")]
    public void A_timestamp_outside_the_years_1_to_9999_is_an_invalid_date(string ms)
    {
        using var f = WithTimestamps($"userID\tartistID\ttagID\ttimestamp\r\n2\t1\t1\t1238544000000\r\n2\t1\t1\t{ms}\r\n");

        var e = Assert.Throws<DataFormatException>(() => HetrecReader.Read(f.Path));

        Assert.Equal(DataError.InvalidDate, e.Error);
        Assert.Equal(3, e.Line);
        Assert.Equal(ms, e.Value);
    }

    [Fact]
    public void A_negative_timestamp_reads_as_a_date_before_1970()
    {
        using var f = WithTimestamps("userID\tartistID\ttagID\ttimestamp\r\n2\t1\t1\t-428716800000\r\n");

        var d = HetrecReader.Read(f.Path);

        Assert.Equal(new DateTimeOffset(1956, 6, 1, 0, 0, 0, TimeSpan.Zero), Assert.Single(d.TagTimestamps).Time);
    }
}
