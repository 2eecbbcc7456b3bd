using LastFmMf.Persistence;
using LastFmMf.Tests.Support;
using Xunit;
using LastFmMf.IO;

namespace LastFmMf.Tests.Persistence;

/// <summary>Issue 13 row 8: temporary files a killed writer left are removed by the next write of the same target,
/// a live writer's are not, and the folder is flushed after the rename.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_killed_writers_temporary_files_are_removed_by_the_next_write()
    {
        var target = _folder.File("m.lfmf");
        // What kill -9 during Export-MfModel leaves: a hidden temporary with part of the content, and no lock.
        var stale1 = _folder.File($".m.lfmf.{Guid.NewGuid():N}.tmp");
        var stale2 = _folder.File($".m.lfmf.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(stale1, new byte[1000]);
        File.WriteAllBytes(stale2, new byte[10]);
        // Not ours to touch: another target's temporary, and a file that only looks similar.
        var other = _folder.File($".other.lfmf.{Guid.NewGuid():N}.tmp");
        var lookalike = _folder.File(".m.lfmf.notaguid.tmp");
        File.WriteAllText(other, "x");
        File.WriteAllText(lookalike, "x");

        AtomicFile.WriteAllBytes(target, [1, 2, 3], overwrite: false);

        Assert.Equal(new[] { Path.GetFileName(lookalike), Path.GetFileName(other), "m.lfmf" }, _folder.FileNames());
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(target));
    }

    [SkippableFact]
    public void A_live_writers_temporary_file_is_left_alone()
    {
        var target = _folder.File("m.lfmf");
        var live = _folder.File($".m.lfmf.{Guid.NewGuid():N}.tmp");
        using var writer = new FileStream(live, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        writer.Write(new byte[100]);

        AtomicFile.WriteAllBytes(target, [4], overwrite: false);

        Assert.True(File.Exists(live), "a temporary file held by a live writer was removed");
    }

    [SkippableFact]
    public void The_folder_is_flushed_after_the_rename()
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows has no fsync of a folder; NTFS journals the rename.");
        Assert.True(AtomicFile.FlushFolder(_folder.Path));
    }
}
