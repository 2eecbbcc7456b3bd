namespace LastFmMf.Persistence;

/// <summary>
/// Writes a file so that a reader sees the old file or the whole new one, never half: the content goes to a
/// uniquely named temporary file in the same folder (so the rename stays on one file system), is flushed to disk,
/// and is renamed over the target. The temporary file is removed when anything fails.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; an existing file is replaced only when <paramref name="overwrite"/>.</summary>
    public static void Write(string path, bool overwrite, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes, bool overwrite) => Write(path, overwrite, s => s.Write(bytes));
}
