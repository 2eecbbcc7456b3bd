using System.IO.Compression;

namespace LastFmMf.Data;

/// <summary>Where the HetRec files are read from: a folder or the official zip, read without unpacking.</summary>
public abstract class HetrecSource : IDisposable
{
    /// <summary>A description for the dataset's <see cref="LastFmDataset.Source"/>.</summary>
    public abstract string Description { get; }

    /// <summary>The bytes of a file, or null when the source has no such file.</summary>
    public abstract byte[]? TryRead(string fileName);

    /// <summary>How a file is named in errors: its full path, or the zip and the entry.</summary>
    public abstract string NameOf(string fileName);

    public virtual void Dispose() { }

    /// <summary>Opens a folder or a .zip file; a missing path is a <see cref="DataError.PathNotFound"/>.</summary>
    public static HetrecSource Open(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) return new FolderSource(full);
        if (File.Exists(full)) return new ZipSource(full);
        throw new DataFormatException(DataError.PathNotFound, full, 0, null,
            "no such folder or file; expected a folder holding the HetRec .dat files or the hetrec2011-lastfm-2k.zip archive");
    }

    private sealed class FolderSource(string folder) : HetrecSource
    {
        public override string Description => folder;
        public override string NameOf(string fileName) => Path.Combine(folder, fileName);
        public override byte[]? TryRead(string fileName)
        {
            var p = Path.Combine(folder, fileName);
            return File.Exists(p) ? File.ReadAllBytes(p) : null;
        }
    }

    private sealed class ZipSource : HetrecSource
    {
        private readonly string _zipPath;
        private readonly ZipArchive _zip;

        public ZipSource(string zipPath)
        {
            _zipPath = zipPath;
            try
            {
                _zip = ZipFile.OpenRead(zipPath);
                // Touch the central directory now so that a truncated archive fails here, not halfway.
                _ = _zip.Entries.Count;
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException(DataError.BadArchive, zipPath, 0, null,
                    "this is not a readable zip archive (truncated or not a zip); expected hetrec2011-lastfm-2k.zip or a folder", e);
            }
        }

        public override string Description => _zipPath;
        public override string NameOf(string fileName) => $"{_zipPath}!{fileName}";

        public override byte[]? TryRead(string fileName)
        {
            // The official archive keeps the files at its root; accept one folder level too, as repacked copies do.
            var entry = _zip.Entries.FirstOrDefault(e => e.FullName == fileName)
                        ?? _zip.Entries.FirstOrDefault(e => e.Name == fileName);
            if (entry is null) return null;
            try
            {
                using var s = entry.Open();
                using var ms = new MemoryStream((int)Math.Max(0, entry.Length));
                s.CopyTo(ms);
                return ms.ToArray();
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException(DataError.BadArchive, NameOf(fileName), 0, null,
                    "the archive entry is corrupt and cannot be decompressed", e);
            }
        }

        public override void Dispose() => _zip.Dispose();
    }
}
