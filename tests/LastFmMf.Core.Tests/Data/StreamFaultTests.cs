using System.Text;
using LastFmMf.Data;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Data;

/// <summary>
/// Faults of the stream, not of one line, end the import even with -SkipMalformed: the next read meets the same fault,
/// and skipping it looped forever at full CPU (a 200 KB line in a 360K file, a tar.gz cut in half). Each read runs under
/// a bound, so a regression fails here instead of hanging the suite; hence the collection of bounded waits.
/// </summary>
[Collection(BoundedWaits.Name)]
public sealed class StreamFaultTests
{
    private const string User = "00000c289a1829a808ac09c00daf10bc3c4e223b";

    [Fact]
    public async Task A_line_too_long_to_read_ends_the_import_even_with_SkipMalformed()
    {
        using var f = new TempFolder();
        var path = f.File(LastfmFiles.Listens360K);
        File.WriteAllText(path, $"{User}\t\tgood\t3\n{User}\t\t{new string('x', 200_000)}\t3\n{User}\t\tfine\t3\n", new UTF8Encoding(false));
        var e = await FailsWithin(path);
        Assert.Equal((DataError.LineTooLong, 2), (e.Error, e.Line));
    }

    [Fact]
    public async Task A_truncated_tar_gz_ends_the_import_even_with_SkipMalformed()
    {
        using var f = new TempFolder();
        var s = Lastfm360KSampleWriter.Write(Path.Combine(f.Path, "data"), 9, new LastfmSampleOptions { Rows = 3_000 });
        var bytes = File.ReadAllBytes(LastfmSampleArchive.WriteTarGz(f.File("a.tar.gz"), LastfmFiles.Folder360K, s.Files));
        var truncated = f.File("truncated.tar.gz");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        Assert.Equal(DataError.BadArchive, (await FailsWithin(truncated)).Error);
    }

    private static async Task<DataFormatException> FailsWithin(string path)
    {
        var read = Task.Run(() => DatasetReader.Read(path, skipMalformed: true));
        var first = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(first == read, $"reading {path} with skipMalformed did not end within 60 s");
        return await Assert.ThrowsAsync<DataFormatException>(() => read);
    }
}
