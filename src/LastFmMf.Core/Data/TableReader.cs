using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace LastFmMf.Data;

/// <summary>
/// Reads one tab-separated HetRec file with CsvHelper: checks the header and the column count of every
/// line, and gives typed, validated fields that name the file, line and value when they are wrong.
/// </summary>
internal sealed class TableReader
{
    // HetRec files are tab-separated with no quoting: artist names contain bare quotes, so quotes are data.
    private static readonly CsvConfiguration Config = new(CultureInfo.InvariantCulture)
    {
        Delimiter = "\t",
        Mode = CsvMode.NoEscape,
        HasHeaderRecord = false,
        IgnoreBlankLines = true,
        DetectColumnCountChanges = false,
    };

    private readonly CsvParser _parser;
    private readonly string[] _header;

    public string File { get; }
    /// <summary>1-based line number of the current row in the file.</summary>
    public int Line => _parser.RawRow;
    public IReadOnlyList<int> Latin1Lines { get; }

    private TableReader(string file, string text, string[] header, IReadOnlyList<int> latin1Lines)
    {
        File = file;
        _header = header;
        Latin1Lines = latin1Lines;
        _parser = new CsvParser(new StringReader(text), Config);
        if (!_parser.Read())
            throw new DataFormatException(DataError.EmptyFile, file, 0, null, $"the file is empty; expected a header line '{string.Join("\\t", header)}' and rows");
        var found = _parser.Record ?? [];
        bool same = found.Length == header.Length
                    && found.Zip(header).All(p => string.Equals(p.First.Trim(), p.Second, StringComparison.OrdinalIgnoreCase));
        if (!same)
            throw new DataFormatException(DataError.BadHeader, file, Line, string.Join("\\t", found),
                $"expected the header line '{string.Join("\\t", header)}'");
    }

    /// <summary>Opens a file of the source; null when it is absent and optional.</summary>
    public static TableReader? Open(HetrecSource source, string fileName, string[] header, bool required)
    {
        var bytes = source.TryRead(fileName);
        if (bytes is null)
        {
            if (!required) return null;
            throw new DataFormatException(DataError.FileNotFound, source.NameOf(fileName), 0, null,
                $"the file is missing; a HetRec Last.fm folder holds artists.dat, tags.dat, user_artists.dat, user_friends.dat and user_taggedartists.dat");
        }
        var (text, latin1) = TextDecoding.Decode(bytes);
        return new TableReader(source.NameOf(fileName), text, header, latin1);
    }

    /// <summary>Moves to the next data row and checks its column count.</summary>
    public bool Next()
    {
        if (!_parser.Read()) return false;
        if (_parser.Count != _header.Length)
            throw Fail(DataError.WrongColumnCount, _parser.RawRecord.TrimEnd('\r', '\n'),
                $"expected {_header.Length} tab-separated columns ({string.Join(", ", _header)}) but found {_parser.Count}");
        return true;
    }

    public string Text(int column) => _parser[column];

    /// <summary>A non-negative whole number (an id, a day, a year).</summary>
    public int Id(int column)
    {
        var s = _parser[column];
        if (!int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            throw Fail(DataError.NotANumber, s, $"expected a whole number in column '{_header[column]}'");
        if (v < 0)
            throw Fail(DataError.NegativeValue, s, $"expected a non-negative number in column '{_header[column]}'");
        return v;
    }

    /// <summary>A play count: a whole number of at least 1.</summary>
    public int Weight(int column)
    {
        int v = Id(column);
        if (v == 0) throw Fail(DataError.ZeroWeight, "0", $"expected a play count of at least 1 in column '{_header[column]}'; a listen with no plays is not a listen");
        return v;
    }

    public DataFormatException Fail(DataError error, string? value, string expected) => new(error, File, Line, value, expected);
}
