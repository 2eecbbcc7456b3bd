using System.Buffers.Text;
using CsvHelper;

namespace LastFmMf.Data;

/// <summary>
/// Reads one tab-separated HetRec file with CsvHelper's byte-level reader: checks the header and the column
/// count of every line, and gives typed, validated fields that name the file, line and value when they are
/// wrong. Numbers are parsed straight from the UTF-8 bytes, so the 186,479 tag rows allocate no strings.
/// </summary>
internal sealed class TableReader : IDisposable
{
    // HetRec files are tab-separated with no quoting: artist names contain bare quotes, so quotes are data.
    private static readonly CsvReaderOptions Options = new()
    {
        Separator = '\t',
        Mode = CsvMode.NoEscape,
        HasHeader = false,
        SkipEmptyLines = true,
        TrackLineNumbers = true,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
    };

    private readonly CsvReader _reader;
    private readonly string[] _header;
    private readonly List<int> _latin1Lines = [];

    public string File { get; }
    /// <summary>1-based line number of the current row in the file.</summary>
    public int Line => (int)_reader.LineNumber;
    /// <summary>Lines whose text fields were not UTF-8 and were read as Latin-1.</summary>
    public IReadOnlyList<int> Latin1Lines => _latin1Lines;

    private TableReader(string file, byte[] bytes, string[] header)
    {
        File = file;
        _header = header;
        int bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        _reader = CsvReader.Create(bytes.AsMemory(bom), Options);
        if (!_reader.Read())
            throw new DataFormatException(DataError.EmptyFile, file, 0, null, $"the file is empty; expected a header line '{string.Join("\\t", header)}' and rows");
        bool same = _reader.FieldCount == header.Length;
        for (int i = 0; same && i < header.Length; i++)
            same = string.Equals(Text(i).Trim(), header[i], StringComparison.OrdinalIgnoreCase);
        if (!same)
            throw new DataFormatException(DataError.BadHeader, file, Line, RawLine(),
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
                "the file is missing; a HetRec Last.fm folder holds artists.dat, tags.dat, user_artists.dat, user_friends.dat and user_taggedartists.dat");
        }
        return new TableReader(source.NameOf(fileName), bytes, header);
    }

    /// <summary>Moves to the next data row and checks its column count.</summary>
    public bool Next()
    {
        if (!_reader.Read()) return false;
        if (_reader.FieldCount != _header.Length)
            throw Fail(DataError.WrongColumnCount, RawLine(),
                $"expected {_header.Length} tab-separated columns ({string.Join(", ", _header)}) but found {_reader.FieldCount}");
        return true;
    }

    /// <summary>A text field; UTF-8, or Latin-1 where the bytes are not UTF-8 (the line is remembered).</summary>
    public string Text(int column)
    {
        var s = TextDecoding.Decode(_reader.GetSpan(column), out var latin1);
        if (latin1 && (_latin1Lines.Count == 0 || _latin1Lines[^1] != Line)) _latin1Lines.Add(Line);
        return s;
    }

    /// <summary>A non-negative whole number (an id, a day, a year).</summary>
    public int Id(int column)
    {
        var span = _reader.GetSpan(column);
        if (!Utf8Parser.TryParse(span, out int v, out int used) || used != span.Length)
            throw Fail(DataError.NotANumber, Raw(column), $"expected a whole number in column '{_header[column]}'");
        if (v < 0)
            throw Fail(DataError.NegativeValue, Raw(column), $"expected a non-negative number in column '{_header[column]}'");
        return v;
    }

    /// <summary>A signed whole number that may exceed 32 bits (a millisecond timestamp: the official file dates four
    /// tag assignments 1956–57, before the Unix epoch, so negative values are data, not damage).</summary>
    public long SignedLong(int column)
    {
        var span = _reader.GetSpan(column);
        if (!Utf8Parser.TryParse(span, out long v, out int used) || used != span.Length)
            throw Fail(DataError.NotANumber, Raw(column), $"expected a whole number in column '{_header[column]}'");
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

    private string Raw(int column) => TextDecoding.Decode(_reader.GetSpan(column), out _);

    private string RawLine() => TextDecoding.Decode(_reader.RawRecord, out _).TrimEnd('\r', '\n');

    public void Dispose() => _reader.Dispose();
}
