using System.Globalization;
using System.Text;
using CsvHelper;

namespace LastFmMf.Data;

/// <summary>
/// Writes <see cref="HetrecTables"/> as the five HetRec Last.fm files, byte for byte in the official style:
/// tab-separated, no quoting, UTF-8 without a BOM, CRLF line ends except artists.dat (LF), a header line,
/// and a newline after the last row. So whatever reads the real files reads ours the same way, and the
/// same tables always give the same bytes.
/// </summary>
/// <remarks>
/// Each file is written to a temporary name beside it and renamed when complete, so an interrupted write
/// leaves the previous file (or none), never half a file. The five files are not replaced as one unit.
/// </remarks>
public static class HetrecWriter
{
    private const string Lf = "\n";
    private const string CrLf = "\r\n";
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The files that <see cref="Write"/> writes, in the order it writes them.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        [HetrecReader.ArtistsFile, HetrecReader.TagsFile, HetrecReader.ListensFile, HetrecReader.FriendsFile, HetrecReader.TaggingsFile];

    /// <summary>Writes the five files into <paramref name="folder"/> (created if needed), replacing files of the same names.</summary>
    /// <exception cref="ArgumentException">A text field holds a tab or a line break, which the format cannot carry.</exception>
    public static void Write(string folder, HetrecTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        Directory.CreateDirectory(folder);
        WriteFile(folder, HetrecReader.ArtistsFile, Lf, HetrecReader.ArtistsHeader, tables.Artists,
            a => [Int(a.Id), a.Name, a.Url, a.PictureUrl]);
        WriteFile(folder, HetrecReader.TagsFile, CrLf, HetrecReader.TagsHeader, tables.Tags,
            t => [Int(t.Id), t.Name]);
        WriteFile(folder, HetrecReader.ListensFile, CrLf, HetrecReader.ListensHeader, tables.Listens,
            l => [Int(l.UserId), Int(l.ArtistId), Int(l.Weight)]);
        WriteFile(folder, HetrecReader.FriendsFile, CrLf, HetrecReader.FriendsHeader, tables.Friendships,
            f => [Int(f.UserId), Int(f.FriendId)]);
        WriteFile(folder, HetrecReader.TaggingsFile, CrLf, HetrecReader.TaggingsHeader, tables.TagAssignments,
            t => [Int(t.UserId), Int(t.ArtistId), Int(t.TagId), Int(t.Date.Day), Int(t.Date.Month), Int(t.Date.Year)]);
    }

    private static void WriteFile<T>(string folder, string fileName, string newLine, string[] header, IReadOnlyList<T> rows, Func<T, string[]> fields)
    {
        var options = new CsvWriterOptions
        {
            Separator = '\t',
            // No quoting and no escaping, as in the official files: a quote in a name is data, not syntax.
            Mode = CsvMode.NoEscape,
            NewLine = newLine,
            // Names starting with '-' or '=' are data here, not spreadsheet formulas to defuse.
            Injection = CsvInjection.None,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        LastFmMf.IO.AtomicFile.Write(Path.Combine(folder, fileName), overwrite: true, file =>
        {
            using var text = new StreamWriter(file, Utf8NoBom, leaveOpen: true);
            using var csv = CsvWriter.Create(text, options, leaveOpen: true);
            WriteRecord(csv, fileName, 1, header);
            for (int i = 0; i < rows.Count; i++) WriteRecord(csv, fileName, i + 2, fields(rows[i]));
        });
    }

    private static void WriteRecord(CsvWriter csv, string fileName, int line, string[] fields)
    {
        foreach (var field in fields)
        {
            // NoEscape cannot represent these; refuse instead of writing a file that reads back differently.
            if (field.AsSpan().IndexOfAny('\t', '\r', '\n') >= 0)
                throw new ArgumentException($"{fileName}, line {line}: the field '{field.ReplaceLineEndings(" ").Replace('\t', ' ')}' holds a tab or a line break, which a HetRec file cannot carry.");
            csv.WriteField(field);
        }
        csv.EndRecord();
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
