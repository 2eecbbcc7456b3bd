using System.Text;

namespace LastFmMf.Data;

/// <summary>
/// The one entry point for reading a dataset of any supported format (<see cref="DatasetFormat"/>): it recognises the
/// format from the path (a HetRec folder or zip; a Last.fm-360K or -1K folder, .tsv or .tar.gz) or checks the one asked
/// for, and hands the path to that format's reader. Every reader gives the same <see cref="LastFmDataset"/>.
/// </summary>
public static class DatasetReader
{
    /// <summary>Reads a dataset.</summary>
    /// <param name="path">A folder, a .zip (HetRec), a .tsv or a .tar.gz (Last.fm-360K or -1K).</param>
    /// <param name="format">The format expected; null: recognise it.</param>
    /// <param name="cancel">Stops the read between two lines.</param>
    /// <param name="skipMalformed">Last.fm formats: skip (and count in the notes) lines that cannot be read instead of failing.</param>
    /// <exception cref="DataFormatException">The path, the format or the data is wrong; the message says where and what.</exception>
    /// <exception cref="ArgumentException"><paramref name="skipMalformed"/> with HetRec data, where every line must be read.</exception>
    public static LastFmDataset Read(string path, DatasetFormat? format = null, bool skipMalformed = false, CancellationToken cancel = default)
    {
        var full = FullPath(path);
        var found = Detect(full, format);
        if (found == DatasetFormat.Hetrec2011)
        {
            if (skipMalformed) throw new ArgumentException(SkipMalformedNotApplicable, nameof(skipMalformed));
            return HetrecReader.Read(full, cancel);
        }
        using var source = OpenLastfm(full, found);
        return LastfmReader.Read(source, found, skipMalformed, cancel);
    }

    /// <summary>Why -SkipMalformed is refused for HetRec data.</summary>
    public const string SkipMalformedNotApplicable =
        "-SkipMalformed has no effect on HetRec 2011 data: its reader checks every row against the other files (ids, pairs) and a skipped row would change them; it applies to Lastfm360K and Lastfm1K";

    /// <summary>The format of the data at <paramref name="path"/>, or a <see cref="DataFormatException"/> saying why none
    /// (<see cref="DataError.UnknownFormat"/>) or why not the one asked for (<see cref="DataError.FormatMismatch"/>).</summary>
    public static DatasetFormat Detect(string path, DatasetFormat? asked = null)
    {
        var full = FullPath(path);
        var kind = RegularFile.KindOf(full, out var why);
        var found = kind switch
        {
            FileKind.Directory => InFolder(full, asked),
            FileKind.Regular when full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) => DatasetFormat.Hetrec2011,
            FileKind.Regular when LastfmSource.IsTarGz(full) => asked ?? InTar(full),
            FileKind.Regular => OfFile(full, asked),
            FileKind.Missing => throw new DataFormatException(DataError.PathNotFound, full, 0, null,
                "no such folder or file; expected a HetRec folder or zip, or a Last.fm-360K or -1K folder, .tsv or .tar.gz"),
            _ => throw RegularFile.NotRegular(kind, why, full, full),
        };
        if (asked is { } a && a != found)
            throw new DataFormatException(DataError.FormatMismatch, full, 0, null, $"this is {found} data, not {a}; pass -Format {found} or omit -Format");
        return found;
    }

    private static string FullPath(string path)
    {
        try { return Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new DataFormatException(DataError.PathNotFound, path, 0, null, $"this is not a valid path ({e.Message})", e);
        }
    }

    private static readonly (DatasetFormat Format, string[] Files)[] Layouts =
    [
        (DatasetFormat.Hetrec2011, [HetrecReader.ListensFile]),
        (DatasetFormat.Lastfm360K, [LastfmFiles.Listens360K, LastfmFiles.Profiles360K]),
        (DatasetFormat.Lastfm1K, [LastfmFiles.Scrobbles1K, LastfmFiles.Profiles1K]),
    ];

    private static DatasetFormat InFolder(string folder, DatasetFormat? asked)
    {
        var present = Layouts.Where(l => l.Files.Any(f => RegularFile.KindOf(Path.Combine(folder, f), out _) != FileKind.Missing)).Select(l => l.Format).ToList();
        if (asked is { } a && present.Contains(a)) return a;
        return present.Count switch
        {
            1 => present[0],
            0 => throw new DataFormatException(DataError.UnknownFormat, folder, 0, null,
                $"the folder holds no known dataset; expected {HetrecReader.ListensFile} (HetRec 2011), {LastfmFiles.Listens360K} (Last.fm-360K) or {LastfmFiles.Scrobbles1K} (Last.fm-1K)"),
            _ => throw new DataFormatException(DataError.UnknownFormat, folder, 0, null,
                $"the folder holds files of {string.Join(" and ", present)}; pass -Format to say which to read"),
        };
    }

    // The format of the first known entry; reads only the tar headers up to it.
    private static DatasetFormat InTar(string path)
    {
        using var tar = new LastfmSource.TarGz(path);
        foreach (var f in tar.Files(default))
        {
            f.Data.Dispose();
            return LastfmReader.FormatOfName(LastfmSource.KnownName(f.FileName))!.Value;
        }
        throw new DataFormatException(DataError.UnknownFormat, path, 0, null,
            $"the archive holds none of {string.Join(", ", LastfmSource.Known)}; expected the lastfm-dataset-360K or -1K archive");
    }

    // A single file: by its name, else the format asked for, else the shape of its first line.
    private static DatasetFormat OfFile(string path, DatasetFormat? asked)
    {
        var known = LastfmSource.KnownName(path);
        if (known is LastfmFiles.Profiles360K or LastfmFiles.Profiles1K)
            throw new DataFormatException(DataError.UnknownFormat, path, 0, null,
                "this is a profile file; read the listens file, or the folder that holds both");
        if (LastfmReader.FormatOfName(known) is { } f) return f;
        if (asked is { } a)
        {
            if (a == DatasetFormat.Hetrec2011)
                throw new DataFormatException(DataError.FormatMismatch, path, 0, null, "HetRec 2011 is read from its folder or its zip, not from one file");
            return a;
        }
        var columns = FirstLineColumns(path);
        return columns switch
        {
            4 => DatasetFormat.Lastfm360K,
            6 => DatasetFormat.Lastfm1K,
            _ => throw new DataFormatException(DataError.UnknownFormat, path, 1, null,
                $"the first line has {columns} tab-separated columns; expected 4 (Last.fm-360K) or 6 (Last.fm-1K), or pass -Format"),
        };
    }

    private static int FirstLineColumns(string path)
    {
        using var s = RegularFile.OpenRead(path, path);
        var buffer = new byte[TableReader.MaxLineBytes];
        int n = 0, r;
        while (n < buffer.Length && (r = s.Read(buffer, n, buffer.Length - n)) > 0) n += r;
        var line = buffer.AsSpan(0, n);
        int end = line.IndexOf((byte)'\n');
        if (end >= 0) line = line[..end];
        return line.Count((byte)'\t') + 1;
    }

    private static LastfmSource OpenLastfm(string full, DatasetFormat format)
    {
        var kind = RegularFile.KindOf(full, out _);
        if (kind == FileKind.Directory)
            return new LastfmSource.Folder(full, Layouts.First(l => l.Format == format).Files);
        return LastfmSource.IsTarGz(full) ? new LastfmSource.TarGz(full) : new LastfmSource.Single(full);
    }
}
