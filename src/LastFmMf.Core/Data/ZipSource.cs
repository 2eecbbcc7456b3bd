using System.IO.Compression;

namespace LastFmMf.Data;

/// <summary>
/// The HetRec files inside a zip, read without unpacking. Every entry read is checked twice over: a first pass
/// decompresses it to nowhere and checks its size and CRC-32 against the archive, so a changed digit is a
/// <see cref="DataError.BadArchive"/> rather than wrong data or a misleading parse error; the second pass is parsed
/// (and checked again, since nothing guarantees the bytes come back the same). Sizes and compression ratios beyond
/// any HetRec file are refused before decompressing (zip bombs).
/// </summary>
internal sealed class ZipSource : HetrecSource
{
    /// <summary>The largest entry read. HetRec's largest file is 5.2 MB; streaming keeps memory flat at any size, so
    /// the cap only bounds the time a bomb can waste, with room for the larger Last.fm datasets.</summary>
    public const long MaxEntryBytes = 1L << 30;
    /// <summary>The highest compression ratio accepted for entries above 1 MiB. Tab-separated HetRec text deflates
    /// about 3–5 : 1; a bomb is hundreds or thousands to one.</summary>
    public const long MaxCompressionRatio = 100;
    private const long RatioCheckedAbove = 1L << 20;

    private static readonly string[] Known =
    [
        HetrecReader.ArtistsFile, HetrecReader.TagsFile, HetrecReader.ListensFile, HetrecReader.FriendsFile,
        HetrecReader.TaggingsFile, HetrecReader.TimestampsFile,
    ];

    private readonly string _zipPath;
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tooDeep = new(StringComparer.Ordinal);

    public ZipSource(string zipPath)
    {
        _zipPath = zipPath;
        var stream = RegularFile.OpenRead(zipPath, zipPath);
        try
        {
            _zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
            Index();
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            stream.Dispose();
            throw new DataFormatException(DataError.BadArchive, zipPath, 0, null,
                "this is not a readable zip archive (truncated or not a zip); expected hetrec2011-lastfm-2k.zip or a folder", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream.Dispose();
            throw RegularFile.Wrap(e, zipPath);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public override string Description => _zipPath;
    public override string NameOf(string fileName) => $"{_zipPath}!{fileName}";

    // The official archive keeps the files at its root; repacked copies put them in one folder. Exactly those two
    // depths are read, names compared without case (archives made on Windows may upper-case them), and a file found
    // twice is refused: which copy is meant cannot be guessed.
    private void Index()
    {
        foreach (var e in _zip.Entries)
        {
            var parts = e.FullName.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || e.FullName.EndsWith('/')) continue;
            var known = Array.Find(Known, k => string.Equals(k, parts[^1], StringComparison.OrdinalIgnoreCase));
            if (known is null) continue;
            if (parts.Length > 2) { _tooDeep.TryAdd(known, e.FullName); continue; }
            if (_entries.TryGetValue(known, out var other))
                throw new DataFormatException(DataError.BadArchive, NameOf(known), 0, null,
                    $"the archive holds {known} twice ('{other.FullName}' and '{e.FullName}'); expected each file once, at the root or in one folder");
            _entries[known] = e;
        }
    }

    public override Stream? TryOpen(string fileName, CancellationToken cancel)
    {
        if (!_entries.TryGetValue(fileName, out var entry))
        {
            if (_tooDeep.TryGetValue(fileName, out var deep))
                throw new DataFormatException(DataError.FileNotFound, NameOf(fileName), 0, null,
                    $"the archive holds '{deep}', but only files at its root or in one folder are read; repack it with the files at most one folder deep");
            return null;
        }
        var name = NameOf(fileName);
        Check(entry, name);
        using (var first = Open(entry, name))
        {
            var buffer = new byte[81920];
            while (first.Read(buffer) > 0) cancel.ThrowIfCancellationRequested();
        }
        return Open(entry, name);
    }

    private static void Check(ZipArchiveEntry entry, string name)
    {
        if (entry.IsEncrypted)
            throw new DataFormatException(DataError.BadArchive, name, 0, null, "the entry is encrypted (password-protected); expected an unencrypted archive such as the official one");
        if (entry.Length > MaxEntryBytes)
            throw new DataFormatException(DataError.EntryTooLarge, name, 0, null,
                $"the entry declares {entry.Length:N0} bytes uncompressed, more than the {MaxEntryBytes:N0} accepted; this is not a HetRec file (a zip bomb?)");
        if (entry.Length > RatioCheckedAbove && entry.Length > MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
            throw new DataFormatException(DataError.EntryTooLarge, name, 0, null,
                $"the entry declares {entry.Length:N0} bytes from {entry.CompressedLength:N0} compressed, a ratio above {MaxCompressionRatio} : 1; this is not a HetRec file (a zip bomb?)");
    }

    private static VerifiedEntryStream Open(ZipArchiveEntry entry, string name)
    {
        try
        {
            return new VerifiedEntryStream(entry.Open(), entry.Length, entry.Crc32, name);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(DataError.BadArchive, name, 0, null, $"the entry cannot be read: {e.Message}", e);
        }
        catch (NotSupportedException e)
        {
            throw new DataFormatException(DataError.BadArchive, name, 0, null, $"the entry cannot be read: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw RegularFile.Wrap(e, name);
        }
    }

    public override void Dispose()
    {
        _zip.Dispose();
        base.Dispose();
    }
}
