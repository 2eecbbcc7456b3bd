using System.Formats.Tar;
using System.IO.Compression;

namespace LastFmMf.Data;

/// <summary>One file of a Last.fm collection as it is met: its plain name, its name in errors, and its bytes, read once.</summary>
internal sealed record SourceFile(string FileName, string DisplayName, Stream Data);

/// <summary>
/// Where Last.fm-360K or -1K files are read from: the unpacked folder, a single .tsv, or the official .tar.gz read as a
/// stream (System.Formats.Tar over GZipStream, nothing unpacked to disk). A tar can only be read front to back, so every
/// source yields its files in the order it holds them, and the reader accepts profiles before or after the listens.
/// </summary>
internal abstract class LastfmSource : IDisposable
{
    /// <summary>The files of both collections that the reader knows.</summary>
    public static readonly string[] Known = [LastfmFiles.Listens360K, LastfmFiles.Profiles360K, LastfmFiles.Scrobbles1K, LastfmFiles.Profiles1K];

    /// <summary>A tar entry larger than this is refused before a byte is read: the real 1K file is 2.4 GB, so the cap only
    /// bounds the time a forged size can waste.</summary>
    public const long MaxEntryBytes = 64L << 30;

    public abstract string Description { get; }

    /// <summary>The files, each to be read to its end (or disposed) before the next is asked for.</summary>
    public abstract IEnumerable<SourceFile> Files(CancellationToken cancel);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    public static bool IsTarGz(string path) =>
        path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The known file name a path or entry name ends in (compared without case), or null.</summary>
    public static string? KnownName(string name)
    {
        var last = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        return Array.Find(Known, k => string.Equals(k, last, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The unpacked folder: those of <paramref name="names"/> (one format's files, listens first) that it holds.</summary>
    public sealed class Folder(string folder, string[] names) : LastfmSource
    {
        public override string Description => folder;

        public IEnumerable<string> Present() => names.Where(k => RegularFile.KindOf(Path.Combine(folder, k), out _) != FileKind.Missing);

        public override IEnumerable<SourceFile> Files(CancellationToken cancel)
        {
            foreach (var name in Present())
            {
                var p = Path.Combine(folder, name);
                yield return new SourceFile(name, p, RegularFile.OpenRead(p, p));
            }
        }
    }

    /// <summary>One .tsv file, under its own name.</summary>
    public sealed class Single(string path) : LastfmSource
    {
        public override string Description => path;

        public override IEnumerable<SourceFile> Files(CancellationToken cancel)
        {
            yield return new SourceFile(Path.GetFileName(path), path, RegularFile.OpenRead(path, path));
        }
    }

    /// <summary>
    /// A gzipped tar, streamed. Entries with a known name at the root or in one folder (the official layout) are
    /// yielded; a known name that is not a regular file (a link, a device) is refused; other entries are skipped.
    /// Damage anywhere (a bad gzip stream, a gzip trailer whose CRC-32 or length does not match, a truncated tar, a header
    /// that cannot be true) is a <see cref="DataError.BadArchive"/>. Not checked: a tar header's own checksum (.NET's
    /// TarReader does not; a changed byte is caught by the gzip CRC) and a gzip cut inside its 8-byte trailer (the data
    /// is whole then; GZipStream reports no error).
    /// </summary>
    public sealed class TarGz(string path) : LastfmSource
    {
        public override string Description => path;

        public override IEnumerable<SourceFile> Files(CancellationToken cancel)
        {
            using var file = RegularFile.OpenRead(path, path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            var data = new ArchiveFaults(gzip, path);
            using var tar = new TarReader(data, leaveOpen: false);
            while (true)
            {
                cancel.ThrowIfCancellationRequested();
                var entry = Next(tar);
                if (entry is null)
                {
                    // The rest of the gzip stream after the tar's end marker: only there does the decompressor meet the
                    // gzip trailer and check the CRC-32 and length of all it gave out. The tar reader stops at the marker,
                    // so without this a changed byte in an entry, or a changed trailer, went unnoticed (found by fuzzing).
                    data.CopyTo(Stream.Null);
                    yield break;
                }
                var known = KnownName(entry.Name);
                if (known is null) continue;
                var name = $"{path}!{entry.Name}";
                int depth = entry.Name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
                if (depth > 2)
                    throw new DataFormatException(DataError.FileNotFound, name, 0, null,
                        "only files at the archive's root or in one folder are read; repack it with the files at most one folder deep");
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
                    throw new DataFormatException(DataError.NotARegularFile, name, 0, null, $"this entry is a {entry.EntryType}, not a file; expected a regular file");
                if (entry.Length > MaxEntryBytes)
                    throw new DataFormatException(DataError.EntryTooLarge, name, 0, null,
                        $"the entry declares {entry.Length:N0} bytes, more than the {MaxEntryBytes:N0} accepted; this is not a Last.fm file");
                yield return new SourceFile(known, name, new ArchiveFaults(entry.DataStream ?? new MemoryStream(), name, entry.Length));
            }
        }

        private TarEntry? Next(TarReader tar)
        {
            try
            {
                return tar.GetNextEntry(copyData: false);
            }
            // InvalidOperationException: a header whose size field cannot be true (a GNU long name of 2 GB, found by fuzzing).
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or InvalidOperationException)
            {
                throw new DataFormatException(DataError.BadArchive, path, 0, null, $"this is not a readable .tar.gz (truncated, damaged or not a gzipped tar): {e.Message}", e);
            }
        }
    }

    /// <summary>The decompressed bytes of an archive or of one entry, with decompression faults as <see cref="DataError.BadArchive"/>
    /// naming it; an entry that ends before the size its header declares is truncated, not short.</summary>
    private sealed class ArchiveFaults(Stream inner, string path, long declared = -1) : ReadOnlyWrapperStream(inner)
    {
        private long _read;

        public override int Read(Span<byte> buffer)
        {
            try
            {
                int n = Inner.Read(buffer);
                _read += n;
                if (n == 0 && buffer.Length > 0 && declared >= 0 && _read < declared)
                    throw new DataFormatException(DataError.BadArchive, path, 0, null,
                        $"the archive ends after {_read:N0} of the {declared:N0} bytes its header declares for this entry; it is truncated");
                return n;
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException(DataError.BadArchive, path, 0, null, $"the gzip stream is damaged and cannot be decompressed ({e.Message})", e);
            }
            catch (EndOfStreamException e)
            {
                throw new DataFormatException(DataError.BadArchive, path, 0, null, "the archive ends inside this entry; it is truncated", e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw RegularFile.Wrap(e, path);
            }
        }
    }
}
