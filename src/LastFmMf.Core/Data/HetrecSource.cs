namespace LastFmMf.Data;

/// <summary>Where the HetRec files are read from: a folder or the official zip, read without unpacking.</summary>
public abstract class HetrecSource : IDisposable
{
    /// <summary>A description for the dataset's <see cref="LastFmDataset.Source"/>.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// A file as a stream read once from the start, or null when the source has no such file. Streams, not byte
    /// arrays: a reader holds one line at a time, so a huge or endless file costs no more memory than a small one.
    /// </summary>
    public abstract Stream? TryOpen(string fileName, CancellationToken cancel);

    /// <summary>How a file is named in errors: its full path, or the zip and the entry.</summary>
    public abstract string NameOf(string fileName);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>Opens a folder or a .zip file; a missing path is a <see cref="DataError.PathNotFound"/>, anything else
    /// that is neither (a FIFO, a device, a link loop) says what it is.</summary>
    public static HetrecSource Open(string path)
    {
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new DataFormatException(DataError.PathNotFound, path, 0, null, $"this is not a valid path ({e.Message})", e);
        }
        var kind = RegularFile.KindOf(full, out var why);
        return kind switch
        {
            FileKind.Directory => new FolderSource(full),
            FileKind.Regular => new ZipSource(full),
            FileKind.Missing => throw new DataFormatException(DataError.PathNotFound, full, 0, null,
                "no such folder or file; expected a folder holding the HetRec .dat files or the hetrec2011-lastfm-2k.zip archive"),
            _ => throw RegularFile.NotRegular(kind, why, full, full),
        };
    }

    private sealed class FolderSource(string folder) : HetrecSource
    {
        public override string Description => folder;
        public override string NameOf(string fileName) => Path.Combine(folder, fileName);
        public override Stream? TryOpen(string fileName, CancellationToken cancel)
        {
            var p = Path.Combine(folder, fileName);
            var kind = RegularFile.KindOf(p, out var why);
            if (kind == FileKind.Missing) return null;
            if (kind != FileKind.Regular) throw RegularFile.NotRegular(kind, why, p, p);
            return RegularFile.OpenRead(p, p);
        }
    }
}
