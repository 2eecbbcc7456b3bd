using System.Diagnostics;
using LastFmMf.Data;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Data;

/// <summary>Issue 13 rows 4 and 5: a path that is not a readable regular file is refused before it is opened, with a
/// message for what it is, and never hangs (a FIFO) or reads forever (/dev/zero).</summary>
public class FileSystemFaultTests
{
    private static void SkipOnWindows() => Skip.If(OperatingSystem.IsWindows(), "FIFOs, devices and stat(2) are Unix things.");

    private static void MakeFifo(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    // A reader that blocked on the FIFO would hang the suite: give it a generous bound and fail instead.
    private static DataFormatException FailsWithoutHanging(string path)
    {
        return Assert.IsType<DataFormatException>(WithoutHanging.Run(() => HetrecReader.Read(path), "the read blocked"));
    }

    private static TempHetrecFolder WithListens(Action<string> make)
    {
        var f = TempHetrecFolder.With(HetrecReader.ListensFile, null);
        make(Path.Combine(f.Path, HetrecReader.ListensFile));
        return f;
    }

    [SkippableFact]
    public void A_fifo_as_a_data_file_is_refused_at_once()
    {
        SkipOnWindows();
        using var f = WithListens(MakeFifo);

        var e = FailsWithoutHanging(f.Path);

        Assert.Equal(DataError.NotARegularFile, e.Error);
        Assert.Contains("FIFO", e.Message);
        Assert.EndsWith(HetrecReader.ListensFile, e.File);
    }

    [SkippableFact]
    public void A_fifo_as_the_archive_is_refused_at_once()
    {
        SkipOnWindows();
        using var folder = new TempFolder();
        var fifo = folder.File("data.zip");
        MakeFifo(fifo);

        var e = FailsWithoutHanging(fifo);

        Assert.Equal(DataError.NotARegularFile, e.Error);
        Assert.Contains("FIFO", e.Message);
    }

    [SkippableFact]
    public void A_device_is_refused()
    {
        SkipOnWindows();
        var e = FailsWithoutHanging("/dev/zero");
        Assert.Equal(DataError.NotARegularFile, e.Error);
        Assert.Contains("device", e.Message);

        using var f = WithListens(p => File.CreateSymbolicLink(p, "/dev/zero"));
        e = FailsWithoutHanging(f.Path);
        Assert.Equal(DataError.NotARegularFile, e.Error);
        Assert.Contains("device", e.Message);
    }

    [Fact]
    public void A_folder_where_a_file_belongs_is_not_called_missing()
    {
        using var f = WithListens(p => Directory.CreateDirectory(p));

        var e = Assert.Throws<DataFormatException>(() => HetrecReader.Read(f.Path));

        Assert.Equal(DataError.NotARegularFile, e.Error);
        Assert.Contains("folder", e.Message);
    }

    [SkippableFact]
    public void A_symbolic_link_loop_is_a_read_failure_naming_the_file()
    {
        SkipOnWindows();
        using var f = WithListens(p =>
        {
            File.CreateSymbolicLink(p, p + ".other");
            File.CreateSymbolicLink(p + ".other", p);
        });

        var e = FailsWithoutHanging(f.Path);

        Assert.Equal(DataError.ReadFailed, e.Error);
        Assert.Contains("symbolic links", e.Message);
        Assert.EndsWith(HetrecReader.ListensFile, e.File);
    }

    [Fact]
    public void A_dangling_link_says_where_it_points()
    {
        using var f = WithListens(p => File.CreateSymbolicLink(p, "/no/such/target.dat"));

        var e = Assert.Throws<DataFormatException>(() => HetrecReader.Read(f.Path));

        Assert.Equal(DataError.ReadFailed, e.Error);
        Assert.Contains("/no/such/target.dat", e.Message);
    }

    [Fact]
    public void A_path_too_long_is_a_read_failure()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<DataFormatException>(() => HetrecReader.Read(folder.File(new string('a', 300))));

        Assert.Equal(DataError.ReadFailed, e.Error);
        Assert.Contains("too long", e.Message);
    }

    [SkippableFact]
    public void An_unreadable_file_is_access_denied()
    {
        SkipOnWindows();
        Skip.If(IsRoot(),
            "root reads any file whatever its mode, so permissions cannot be tested here.");
        using var f = new TempHetrecFolder();
        var p = Path.Combine(f.Path, HetrecReader.ListensFile);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(p, UnixFileMode.None);

        var e = Assert.Throws<DataFormatException>(() => HetrecReader.Read(f.Path));

        Assert.Equal(DataError.AccessDenied, e.Error);
        Assert.Equal(p, e.File);
    }

    private static bool IsRoot()
    {
        try { return File.ReadAllText("/proc/self/status").Split('\n').Any(l => l.StartsWith("Uid:") && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0"); }
        catch (IOException) { return false; }
    }
}
