using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using LastFmMf.Data;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Data;

/// <summary>The Last.fm-360K and -1K readers on generated files (counts the generator knows) and on hand-written lines
/// (keys, merging, every kind of bad input with its file, line and error).</summary>
public sealed class LastfmReaderTests
{
    private const string Sha1A = "00000c289a1829a808ac09c00daf10bc3c4e223b";
    private const string Sha1B = "00001411dc427966b17297bf4d69e7e193135d89";
    private const string MbidX = "3bd73256-3905-4f3a-97e2-8b341527f805";

    private static string Write(TempFolder f, string name, params string[] lines)
    {
        var p = f.File(name);
        File.WriteAllText(p, string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false));
        return p;
    }

    private static DataFormatException Fails(string path, DatasetFormat? format = null) =>
        Assert.Throws<DataFormatException>(() => DatasetReader.Read(path, format));

    [Fact]
    public void A_generated_360K_folder_reads_back_the_counts_it_was_made_with()
    {
        using var f = new TempFolder();
        var s = Lastfm360KSampleWriter.Write(f.Path, 3, new LastfmSampleOptions { Rows = 5_000 });
        var d = DatasetReader.Read(f.Path);
        Assert.Equal(DatasetFormat.Lastfm360K, d.Format);
        Assert.Equal((s.Users, s.Artists, s.Pairs), (d.UserCount, d.ArtistCount, (long)d.ListenCount));
        Assert.Equal(s.MbidlessArtists, d.Artists.Count(a => a.Mbid is null));
        Assert.True(s.MbidlessArtists > 0);
        Assert.Equal(s.Users, d.UserProfiles.Count);
        Assert.All(d.UserProfiles, p => Assert.NotNull(p.UserId));
        Assert.All(d.UserKeys, k => Assert.Equal(40, k.Length));
        Assert.False(d.HasTimestamps);
        Assert.Contains(d.Notes, n => n.Contains($"{s.MbidlessArtists:N0} are known by name only"));
    }

    [Fact]
    public void A_360K_folder_its_tsv_and_its_tar_gz_give_the_same_dataset()
    {
        using var f = new TempFolder();
        var folder = Path.Combine(f.Path, "data");
        var s = Lastfm360KSampleWriter.Write(folder, 4, new LastfmSampleOptions { Rows = 3_000 });
        var tar = LastfmSampleArchive.WriteTarGz(f.File("lastfm-dataset-360K.tar.gz"), LastfmFiles.Folder360K, s.Files);
        var fromFolder = DatasetReader.Read(folder);
        var fromTsv = DatasetReader.Read(Path.Combine(folder, LastfmFiles.Listens360K));
        var fromTar = DatasetReader.Read(tar);
        foreach (var other in new[] { fromTsv, fromTar })
        {
            Assert.Equal(DataFingerprint.Of(fromFolder.Users, fromFolder.ArtistIds), DataFingerprint.Of(other.Users, other.ArtistIds));
            Assert.Equal(fromFolder.Listens.ArtistIndex, other.Listens.ArtistIndex);
            Assert.Equal(fromFolder.Listens.Plays, other.Listens.Plays);
            Assert.Equal(fromFolder.Artists.Select(a => (a.Name, a.Mbid)), other.Artists.Select(a => (a.Name, a.Mbid)));
        }
        Assert.Equal(fromFolder.UserProfiles, fromTar.UserProfiles);
        Assert.Empty(fromTsv.UserProfiles);
    }

    [Fact]
    public void The_same_lines_in_another_order_give_the_same_dataset()
    {
        using var f = new TempFolder();
        var s = Lastfm360KSampleWriter.Write(f.Path, 5, new LastfmSampleOptions { Rows = 2_000, Profiles = false });
        var lines = File.ReadAllLines(s.Files[0]);
        var shuffled = lines.Reverse().ToArray();
        var other = Write(f, "shuffled.tsv", shuffled);
        var a = DatasetReader.Read(s.Files[0]);
        var b = DatasetReader.Read(other, DatasetFormat.Lastfm360K);
        Assert.Equal(DataFingerprint.Of(a.Users, a.ArtistIds), DataFingerprint.Of(b.Users, b.ArtistIds));
        Assert.Equal(a.Listens.ArtistIndex, b.Listens.ArtistIndex);
        Assert.Equal(a.Listens.Plays, b.Listens.Plays);
        Assert.Equal(a.UserKeys, b.UserKeys);
    }

    [Fact]
    public void Repeated_pairs_whose_plays_add_up_past_int32_are_refused_not_wrapped()
    {
        // Play counts are exact int32: 2,000,000,000 + 2,000,000,000 would wrap to a negative count.
        using var f = new TempFolder();
        var p = Write(f, LastfmFiles.Listens360K,
            $"{Sha1A}\t\tdie ärzte\t2000000000",
            $"{Sha1A}\t\tdie ärzte\t2000000000");
        var e = Fails(p);
        Assert.Equal(DataError.PlayCountOverflow, e.Error);
        Assert.Contains("4,000,000,000", e.Message);
        Assert.Contains(LastfmFiles.Listens360K, e.Message);
    }

    [Fact]
    public void Artists_are_keyed_by_MBID_else_by_the_exact_name()
    {
        using var f = new TempFolder();
        var p = Write(f, LastfmFiles.Listens360K,
            $"{Sha1A}\t{MbidX}\tdie ärzte\t10",
            $"{Sha1A}\t\tdie ärzte\t5",          // no MBID: a second artist, by name
            $"{Sha1A}\t\tDie Ärzte\t4",          // another name: a third
            $"{Sha1B}\t{MbidX}\tdie aerzte\t3",  // the MBID under another name: the first artist, first name kept
            $"{Sha1B}\t\tdie ärzte\t2",
            $"{Sha1B}\t\tdie ärzte\t7");         // the same pair again: plays added
        var d = DatasetReader.Read(p);
        Assert.Equal(3, d.ArtistCount);
        Assert.Equal(MbidX, d.Artists[0].Mbid);
        Assert.Equal("die ärzte", d.Artists[0].Name);
        Assert.Equal(["Die Ärzte", "die ärzte"], d.Artists.Skip(1).Select(a => a.Name));
        Assert.All(d.Artists.Skip(1), a => Assert.Null(a.Mbid));
        Assert.Equal(5, d.ListenCount);
        int b = d.Users.IndexOf(2); // Sha1B sorts second
        Assert.Equal(Sha1B, d.UserKeys[b]);
        Assert.Equal(new[] { 3, 9 }, d.Listens.PlaysOf(b).ToArray());
        Assert.Contains(d.Notes, n => n.Contains("1 MBIDs appear under more than one name"));
        Assert.Contains(d.Notes, n => n.Contains("1 lines repeat a user–artist pair"));
        Assert.Contains(d.Notes, n => n.Contains("1 artists have an MBID and 2 are known by name only"));
    }

    [Fact]
    public void Scrobbles_become_play_counts_with_the_first_and_last_time()
    {
        using var f = new TempFolder();
        var p = Write(f, LastfmFiles.Scrobbles1K,
            $"user_000639\t2009-04-08T01:57:47Z\t{MbidX}\tthe knife\t\tsilent shout",
            $"user_000639\t2009-04-07T10:00:00Z\t{MbidX}\tthe knife\t\tpass this on",
            $"user_000639\t2008-01-01T00:00:00Z\t\tfever ray\t\tif i had a heart",
            $"user_000002\t2009-04-09T00:00:00Z\t{MbidX}\tthe knife\t\theartbeats",
            $"user_000639\t2009-04-09T12:00:00Z\t{MbidX}\tthe knife\t\theartbeats");
        var d = DatasetReader.Read(p);
        Assert.Equal(DatasetFormat.Lastfm1K, d.Format);
        Assert.Equal([2, 639], d.Users.Ids.ToArray());
        Assert.Equal(["user_000002", "user_000639"], d.UserKeys);
        Assert.True(d.HasTimestamps);
        int u = d.Users.IndexOf(639), knife = d.ArtistIds.IndexOf(1);
        Assert.Equal(MbidX, d.Artists[knife].Mbid);
        var artists = d.Listens.ArtistsOf(u).ToArray();
        int at = Array.IndexOf(artists, knife);
        Assert.Equal(3f, d.Listens.PlaysOf(u)[at]);
        Assert.Equal(new DateTimeOffset(2009, 4, 7, 10, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), d.Listens.FirstTimesOf(u)[at]);
        Assert.Equal(new DateTimeOffset(2009, 4, 9, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), d.Listens.LastTimesOf(u)[at]);
        Assert.Contains(d.Notes, n => n.Contains("5 scrobbles of 2 users and 2 artists, counted into 3 user–artist play counts"));
    }

    [Fact]
    public void A_generated_1K_folder_reads_back_its_counts_and_profiles()
    {
        using var f = new TempFolder();
        var s = Lastfm1KSampleWriter.Write(f.Path, 6, new LastfmSampleOptions { Rows = 20_000, Users = 12 });
        var d = DatasetReader.Read(f.Path);
        Assert.Equal((s.Users, s.Artists, s.Pairs), (d.UserCount, d.ArtistCount, (long)d.ListenCount));
        Assert.Equal(s.Rows, (long)d.Listens.Plays.Sum());
        Assert.Equal(Enumerable.Range(1, 12), d.Users.Ids.ToArray());
        Assert.Equal(12, d.UserProfiles.Count);
        Assert.All(d.UserProfiles, p => Assert.Equal(p.Key, Lastfm1KSampleWriter.UserId(p.UserId!.Value)));
        for (int u = 0; u < d.UserCount; u++)
            for (int i = 0; i < d.Listens.RowLength(u); i++)
                Assert.True(d.Listens.FirstTimesOf(u)[i] <= d.Listens.LastTimesOf(u)[i]);
    }

    [Fact]
    public void Profile_columns_are_parsed_and_profiles_without_listens_kept()
    {
        using var f = new TempFolder();
        Write(f, LastfmFiles.Listens360K, $"{Sha1A}\t\tbetty blowtorch\t12");
        Write(f, LastfmFiles.Profiles360K, $"{Sha1A}\tf\t22\tCôte D'Ivoire\tFeb 1, 2007", $"{Sha1B}\t\t\t\t");
        var d = DatasetReader.Read(f.Path);
        Assert.Equal(new UserProfile(1, Sha1A, "f", 22, "Côte D'Ivoire", new DateOnly(2007, 2, 1)), d.UserProfiles[0]);
        Assert.Equal(new UserProfile(null, Sha1B, null, null, null, null), d.UserProfiles[1]);
        Assert.Contains(d.Notes, n => n.Contains("1 profiles are of users with no listens"));
    }

    [Fact]
    public void Profiles_share_the_listens_key_strings_and_each_country_is_kept_once()
    {
        // Hundreds of thousands of profiles at Last.fm-360K size: a second copy of every 40-character key, and a string per
        // row for a few hundred countries, were 57 MB of the dataset.
        using var f = new TempFolder();
        Write(f, LastfmFiles.Listens360K, $"{Sha1A}		betty blowtorch	12", $"{Sha1B}		die Ärzte	3");
        Write(f, LastfmFiles.Profiles360K, $"{Sha1A}	f	22	Germany	Feb 1, 2007", $"{Sha1B}	m	30	Germany	Mar 3, 2008");
        var d = DatasetReader.Read(f.Path);
        var byKey = d.UserProfiles.ToDictionary(p => p.Key);
        for (int u = 0; u < d.UserKeys.Count; u++) Assert.Same(d.UserKeys[u], byKey[d.UserKeys[u]].Key);
        Assert.Same(d.UserProfiles[0].Country, d.UserProfiles[1].Country);
        Assert.Equal(["f", "m"], d.UserProfiles.Select(p => p.Gender));
    }

    public static TheoryData<string, string, DataError, int> BadLines => new()
    {
        { LastfmFiles.Listens360K, $"{Sha1A}\t\tx", DataError.WrongColumnCount, 2 },
        { LastfmFiles.Listens360K, $"{Sha1A}\t\tx\tmany", DataError.NotANumber, 2 },
        { LastfmFiles.Listens360K, $"{Sha1A}\t\tx\t0", DataError.ZeroWeight, 2 },
        { LastfmFiles.Listens360K, $"{Sha1A}\t\tx\t-3", DataError.NegativeValue, 2 },
        { LastfmFiles.Listens360K, "0000\t\tx\t3", DataError.InvalidUserId, 2 },
        { LastfmFiles.Listens360K, $"{Sha1A}\tnot-a-uuid\tx\t3", DataError.InvalidMbid, 2 },
        { LastfmFiles.Listens360K, $"{Sha1A}\t\t\t3", DataError.MissingArtist, 2 },
        { LastfmFiles.Scrobbles1K, "user_000001\t2009-13-01T00:00:00Z\t\tx\t\tt", DataError.InvalidDate, 2 },
        { LastfmFiles.Scrobbles1K, "user_000001\tyesterday\t\tx\t\tt", DataError.InvalidDate, 2 },
        { LastfmFiles.Scrobbles1K, "someone\t2009-01-01T00:00:00Z\t\tx\t\tt", DataError.InvalidUserId, 2 },
        { LastfmFiles.Scrobbles1K, "user_000001\t2009-01-01T00:00:00Z\t\tx", DataError.WrongColumnCount, 2 },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void A_bad_line_names_its_file_line_and_error_and_is_skipped_only_when_asked(string file, string bad, DataError error, int line)
    {
        using var f = new TempFolder();
        var good = file == LastfmFiles.Listens360K ? $"{Sha1A}\t\tgood\t3" : "user_000001\t2009-01-01T00:00:00Z\t\tgood\t\tt";
        var p = Write(f, file, good, bad, good.Replace("good", "fine"));
        var e = Fails(p);
        Assert.Equal(error, e.Error);
        Assert.Equal(line, e.Line);
        Assert.Equal(p, e.File);
        Assert.Contains($"line {line}", e.Message);

        var d = DatasetReader.Read(p, skipMalformed: true);
        Assert.Equal(1, d.SkippedLines);
        Assert.Equal(2, d.ArtistCount);
        Assert.Contains(d.Notes, n => n.Contains($"skipped 1 malformed lines (-SkipMalformed): 1 {error}; lines {line}."));
    }

    [Theory]
    [InlineData("x\t22\tGermany\tFeb 1, 2007", DataError.InvalidProfile)]
    [InlineData("m\told\tGermany\tFeb 1, 2007", DataError.NotANumber)]
    [InlineData("m\t22\tGermany\tthe first of February", DataError.InvalidDate)]
    [InlineData("m\t22\tGermany", DataError.WrongColumnCount)]
    public void A_bad_profile_line_is_an_error(string columns, DataError error)
    {
        using var f = new TempFolder();
        Write(f, LastfmFiles.Listens360K, $"{Sha1A}\t\tx\t3");
        var p = Write(f, LastfmFiles.Profiles360K, $"{Sha1A}\t{columns}");
        var e = Fails(f.Path);
        Assert.Equal((error, p, 1), (e.Error, e.File, e.Line));
    }

    [Fact]
    public void A_user_with_two_profiles_is_a_DuplicateId()
    {
        using var f = new TempFolder();
        Write(f, LastfmFiles.Scrobbles1K, "user_000001\t2009-01-01T00:00:00Z\t\tx\t\tt");
        Write(f, LastfmFiles.Profiles1K, "#id\tgender\tage\tcountry\tregistered", "user_000001\tm\t\t\t", "user_000001\tf\t\t\t");
        var e = Fails(f.Path);
        Assert.Equal((DataError.DuplicateId, 3), (e.Error, e.Line));
        Assert.Contains("line 2", e.Message);
    }

    [Fact]
    public void Skipped_malformed_lines_of_a_generated_file_are_counted()
    {
        using var f = new TempFolder();
        var s = Lastfm360KSampleWriter.Write(f.Path, 8, new LastfmSampleOptions { Rows = 4_000, MalformedLines = 6 });
        Assert.Equal(DataError.WrongColumnCount, Fails(f.Path).Error);
        var d = DatasetReader.Read(f.Path, skipMalformed: true);
        Assert.Equal(6, d.SkippedLines);
        Assert.Equal((s.Users, s.Artists, s.Pairs), (d.UserCount, d.ArtistCount, (long)d.ListenCount));
        Assert.Contains(d.Notes, n => n.Contains("skipped 6 malformed lines (-SkipMalformed): 2 InvalidUserId, 2 NotANumber, 2 WrongColumnCount"));
    }

    [Fact]
    public void A_folder_of_no_known_format_and_a_format_that_does_not_fit_are_refused()
    {
        using var f = new TempFolder();
        Assert.Equal(DataError.UnknownFormat, Fails(f.Path).Error);
        Write(f, LastfmFiles.Listens360K, $"{Sha1A}\t\tx\t3");
        var e = Fails(f.Path, DatasetFormat.Lastfm1K);
        Assert.Equal(DataError.FormatMismatch, e.Error);
        Assert.Contains("Lastfm360K", e.Message);
        Assert.Equal(DataError.FormatMismatch, Fails(f.File(LastfmFiles.Listens360K), DatasetFormat.Hetrec2011).Error);
        Assert.Throws<ArgumentException>(() => DatasetReader.Read(Path.Combine(RepoRoot.Path, "data/sample"), skipMalformed: true));
    }

    [Fact]
    public void A_file_of_another_name_is_recognised_by_its_columns()
    {
        using var f = new TempFolder();
        var a = Write(f, "plays.tsv", $"{Sha1A}\t\tx\t3");
        var b = Write(f, "scrobbles.tsv", "user_000001\t2009-01-01T00:00:00Z\t\tx\t\tt");
        var c = Write(f, "other.tsv", "a\tb");
        Assert.Equal(DatasetFormat.Lastfm360K, DatasetReader.Read(a).Format);
        Assert.Equal(DatasetFormat.Lastfm1K, DatasetReader.Read(b).Format);
        Assert.Equal(DataError.UnknownFormat, Fails(c).Error);
    }

    [Fact]
    public void Empty_and_profile_only_inputs_are_refused()
    {
        using var f = new TempFolder();
        var empty = Write(f, LastfmFiles.Listens360K);
        Assert.Equal(DataError.EmptyFile, Fails(empty).Error);
        File.Delete(empty);
        Write(f, LastfmFiles.Profiles360K, $"{Sha1A}\tm\t\t\t");
        Assert.Equal(DataError.FileNotFound, Fails(f.Path).Error);
        Assert.Equal(DataError.UnknownFormat, Fails(f.File(LastfmFiles.Profiles360K)).Error);
    }

    [Fact]
    public void A_line_without_line_breaks_is_refused_at_the_cap()
    {
        using var f = new TempFolder();
        var p = Write(f, LastfmFiles.Listens360K, $"{Sha1A}\t\t{new string('x', TableReader.MaxLineBytes * 2)}\t3");
        Assert.Equal(DataError.LineTooLong, Fails(p).Error);
    }

    [Fact]
    public void A_damaged_or_truncated_tar_gz_is_a_BadArchive()
    {
        using var f = new TempFolder();
        var folder = Path.Combine(f.Path, "data");
        var s = Lastfm360KSampleWriter.Write(folder, 9, new LastfmSampleOptions { Rows = 3_000 });
        var tar = LastfmSampleArchive.WriteTarGz(f.File("a.tar.gz"), LastfmFiles.Folder360K, s.Files);
        var bytes = File.ReadAllBytes(tar);
        var truncated = f.File("truncated.tar.gz");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        Assert.Equal(DataError.BadArchive, Fails(truncated, DatasetFormat.Lastfm360K).Error);
        var garbage = f.File("garbage.tar.gz");
        File.WriteAllText(garbage, "not a gzip stream");
        Assert.Equal(DataError.BadArchive, Fails(garbage).Error);
    }

    [Theory]
    [InlineData(8)] // the first byte of the CRC-32 of the data
    [InlineData(4)] // the first byte of the data's length
    public void A_tar_gz_whose_gzip_trailer_does_not_match_its_data_is_a_BadArchive(int fromEnd)
    {
        using var f = new TempFolder();
        var s = Lastfm360KSampleWriter.Write(Path.Combine(f.Path, "data"), 9, new LastfmSampleOptions { Rows = 3_000 });
        var bytes = File.ReadAllBytes(LastfmSampleArchive.WriteTarGz(f.File("a.tar.gz"), LastfmFiles.Folder360K, s.Files));
        Assert.Equal(3_000, DatasetReader.Read(f.File("a.tar.gz")).ListenCount);
        bytes[^fromEnd] ^= 0x01;
        var damaged = f.File("damaged.tar.gz");
        File.WriteAllBytes(damaged, bytes);
        // The tar reader stops at the tar's end marker, before the trailer: the rest of the stream is read to check it.
        var e = Fails(damaged);
        Assert.Equal(DataError.BadArchive, e.Error);
        Assert.Contains("gzip stream is damaged", e.Message);
    }

    [Fact]
    public void A_tar_header_whose_size_cannot_be_true_is_a_BadArchive()
    {
        // A GNU long-name entry ('L') declaring 8 GB of name: .NET's TarReader throws InvalidOperationException on it.
        var tar = new MemoryStream();
        using (var w = new TarWriter(tar, TarEntryFormat.Gnu, leaveOpen: true))
            w.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, $"{LastfmFiles.Folder360K}/{new string('n', 150)}") { DataStream = new MemoryStream([1]) });
        var bytes = tar.ToArray();
        Assert.Equal((byte)'L', bytes[156]);
        Encoding.ASCII.GetBytes("77777777777\0").CopyTo(bytes, 124);
        Encoding.ASCII.GetBytes("        ").CopyTo(bytes, 148);
        int sum = bytes.Take(512).Sum(b => (int)b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(bytes, 148);
        using var f = new TempFolder();
        var path = f.File("long-name.tar.gz");
        using (var file = File.Create(path))
        using (var gz = new GZipStream(file, CompressionLevel.Fastest))
            gz.Write(bytes);
        Assert.Equal(DataError.BadArchive, Fails(path).Error);
    }

    [Fact]
    public void A_link_where_a_file_is_expected_in_the_tar_is_refused()
    {
        using var f = new TempFolder();
        var tar = f.File("links.tar.gz");
        using (var file = File.Create(tar))
        using (var gz = new GZipStream(file, CompressionLevel.Fastest))
        using (var w = new TarWriter(gz))
            w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, $"{LastfmFiles.Folder360K}/{LastfmFiles.Listens360K}") { LinkName = "/etc/passwd" });
        Assert.Equal(DataError.NotARegularFile, Fails(tar).Error);
    }

    [Fact]
    public void An_archive_holding_the_listens_twice_is_refused()
    {
        using var f = new TempFolder();
        var s = Lastfm360KSampleWriter.Write(Path.Combine(f.Path, "data"), 13, new LastfmSampleOptions { Rows = 500, Profiles = false });
        var tar = f.File("twice.tar.gz");
        using (var file = File.Create(tar))
        using (var gz = new GZipStream(file, CompressionLevel.Fastest))
        using (var w = new TarWriter(gz))
        {
            w.WriteEntry(s.Files[0], LastfmFiles.Listens360K);
            w.WriteEntry(s.Files[0], $"{LastfmFiles.Folder360K}/{LastfmFiles.Listens360K}");
        }
        var e = Fails(tar);
        Assert.Equal(DataError.BadArchive, e.Error);
        Assert.Contains("twice", e.Message);
    }

    [Fact]
    public void A_cancelled_read_stops()
    {
        using var f = new TempFolder();
        Lastfm360KSampleWriter.Write(f.Path, 10, new LastfmSampleOptions { Rows = 1_000 });
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => DatasetReader.Read(f.Path, cancel: cts.Token));
    }

    [Fact]
    public void The_generators_are_deterministic_for_a_seed()
    {
        using var f = new TempFolder();
        var a = Lastfm1KSampleWriter.Write(Path.Combine(f.Path, "a"), 11, new LastfmSampleOptions { Rows = 3_000, MalformedLines = 2 });
        var b = Lastfm1KSampleWriter.Write(Path.Combine(f.Path, "b"), 11, new LastfmSampleOptions { Rows = 3_000, MalformedLines = 2 });
        var c = Lastfm1KSampleWriter.Write(Path.Combine(f.Path, "c"), 12, new LastfmSampleOptions { Rows = 3_000, MalformedLines = 2 });
        Assert.Equal(File.ReadAllBytes(a.Files[0]), File.ReadAllBytes(b.Files[0]));
        Assert.NotEqual(File.ReadAllBytes(a.Files[0]), File.ReadAllBytes(c.Files[0]));
        Assert.Equal(3_002, File.ReadAllLines(a.Files[0]).Length);
    }
}
