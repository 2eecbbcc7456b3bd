using System.Runtime.InteropServices;

namespace LastFmMf.IO;

/// <summary>
/// Writes a file so that a reader sees the old file or the whole new one, never half: the content goes to a
/// uniquely named temporary file in the same folder (so the rename stays on one file system), is flushed to disk,
/// and is renamed over the target; then the folder itself is flushed, so the rename survives a power cut. The
/// temporary file is removed when anything fails, and temporary files that a killed writer left for the same
/// target are removed on the next write.
/// </summary>
public static partial class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; an existing file is replaced only when <paramref name="overwrite"/>.</summary>
    public static void Write(string path, bool overwrite, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        RemoveStaleTemporaries(folder, Path.GetFileName(full));
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // FileShare.None is an exclusive lock (flock on Unix) for as long as this writer lives; it is how the
            // cleanup below tells a live writer's temporary file from a dead one's.
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite);
            FlushFolder(folder);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes, bool overwrite) => Write(path, overwrite, s => s.Write(bytes));

    /// <summary>Removes <c>.name.&lt;guid&gt;.tmp</c> files of the same target that no writer holds (kill -9 leaves them).</summary>
    internal static void RemoveStaleTemporaries(string folder, string name)
    {
        IEnumerable<string> candidates;
        try { candidates = Directory.EnumerateFiles(folder, $".{name}.*.tmp").ToArray(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        foreach (var temp in candidates)
        {
            var guid = Path.GetFileName(temp)[(name.Length + 2)..^4];
            if (guid.Length != 32 || !Guid.TryParseExact(guid, "N", out _)) continue;
            try
            {
                // Opens only when no live writer holds its lock; deleted on close.
                using var _ = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use by a live writer, or not ours to remove: leave it.
            }
        }
    }

    /// <summary>fsync(2) of the folder, so that the rename itself is on disk. Best effort: not every file system
    /// supports it, and Windows commits renames in its metadata journal.</summary>
    /// <returns>Whether the folder was flushed.</returns>
    internal static bool FlushFolder(string folder)
    {
        if (OperatingSystem.IsWindows()) return false;
        try
        {
            int fd = Open(folder, 0 /* O_RDONLY */);
            if (fd < 0) return false;
            bool flushed = FSync(fd) == 0;
            Close(fd);
            return flushed;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
