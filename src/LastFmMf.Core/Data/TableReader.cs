using System.Buffers.Text;
using CsvHelper;

namespace LastFmMf.Data;

/// <summary>
/// Reads one tab-separated HetRec file with CsvHelper's byte-level reader, streaming: checks the header and the column
/// count of every line, and gives typed, validated fields that name the file, line and value when they are wrong.
/// Numbers are parsed straight from the UTF-8 bytes, so the 186,479 tag rows allocate no strings. It holds one buffer
/// of at most about twice <see cref="MaxLineBytes"/>, whatever the file's size.
/// </summary>
internal sealed class TableReader : IDisposable
{
    /// <summary>Whether a file starts with a header line.</summary>
    public enum HeaderLine { Required, None, OptionalHash }

    /// <summary>The longest line read. HetRec's longest is a few hundred bytes (an artist with long URLs); a longer one
    /// means a file without line breaks or not a HetRec file, and must not grow the buffer to the file's size.</summary>
    public const int MaxLineBytes = 64 * 1024;

    // HetRec files are tab-separated with no quoting: artist names contain bare quotes, so quotes are data.
    private static readonly CsvReaderOptions Options = new()
    {
        Separator = '\t',
        Mode = CsvMode.NoEscape,
        HasHeader = false,
        SkipEmptyLines = true,
        TrackLineNumbers = true,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MaxRecordSize = MaxLineBytes,
        BufferSize = 16 * 1024, // grows to the longest line (at most about twice MaxLineBytes)
    };

    private readonly CsvReader _reader;
    private readonly string[] _header;
    private readonly List<int> _latin1Lines = [];
    private readonly CancellationToken _cancel;

    public string File { get; }
    /// <summary>1-based line number of the current row in the file.</summary>
    public int Line => (int)_reader.LineNumber;
    /// <summary>Lines whose text fields were not UTF-8 and were read as Latin-1.</summary>
    public IReadOnlyList<int> Latin1Lines => _latin1Lines;

    private TableReader(string file, Stream stream, string[] header, CancellationToken cancel, HeaderLine headerLine = HeaderLine.Required)
    {
        File = file;
        _header = header;
        _cancel = cancel;
        _reader = CsvReader.Create(stream, Options, leaveOpen: false);
        if (headerLine != HeaderLine.Required) return;
        if (!Read())
            throw new DataFormatException(DataError.EmptyFile, file, 0, null, $"the file is empty; expected a header line '{string.Join("\\t", header)}' and rows");
        bool same = _reader.FieldCount == header.Length;
        // A UTF-8 byte order mark, when the file has one, is part of the first header field.
        for (int i = 0; same && i < header.Length; i++)
            same = string.Equals(Text(i).TrimStart('\uFEFF').Trim(), header[i], StringComparison.OrdinalIgnoreCase);
        if (!same)
            throw new DataFormatException(DataError.BadHeader, file, Line, RawLine(),
                $"expected the header line '{string.Join("\\t", header)}'");
    }

    /// <summary>Opens a file of the source; null when it is absent and optional.</summary>
    public static TableReader? Open(HetrecSource source, string fileName, string[] header, bool required, CancellationToken cancel = default)
    {
        cancel.ThrowIfCancellationRequested();
        var stream = source.TryOpen(fileName, cancel);
        if (stream is null)
        {
            if (!required) return null;
            throw new DataFormatException(DataError.FileNotFound, source.NameOf(fileName), 0, null,
                "the file is missing; a HetRec Last.fm folder holds artists.dat, tags.dat, user_artists.dat, user_friends.dat and user_taggedartists.dat");
        }
        try
        {
            return new TableReader(source.NameOf(fileName), stream, header, cancel);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A file with no header line (the Last.fm-360K and -1K files): <paramref name="columns"/> only names the columns in
    /// errors. With <see cref="HeaderLine.OptionalHash"/>, a first line starting with '#' (the 1K profile's
    /// "#id\tgender...") is a header and skipped.
    /// </summary>
    public static TableReader OpenHeaderless(string name, Stream stream, string[] columns, HeaderLine headerLine, CancellationToken cancel)
    {
        try
        {
            return new TableReader(name, stream, columns, cancel, headerLine) { _skipHashLine = headerLine == HeaderLine.OptionalHash };
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private bool _skipHashLine;

    /// <summary>Moves to the next data row and checks its column count.</summary>
    public bool Next()
    {
        if (!NextAnyWidth()) return false;
        if (_reader.FieldCount != _header.Length) throw WrongWidth();
        return true;
    }

    /// <summary>Moves to the next data row whatever its column count (the caller checks <see cref="FieldCount"/>, so that
    /// a malformed line can be skipped rather than end the read).</summary>
    public bool NextAnyWidth()
    {
        _cancel.ThrowIfCancellationRequested();
        if (!Read()) return false;
        if (_skipHashLine)
        {
            _skipHashLine = false;
            var first = _reader.GetSpan(0);
            if (first.Length > 0 && first[0] == (byte)'#') return NextAnyWidth();
        }
        return true;
    }

    /// <summary>Columns of the current row.</summary>
    public int FieldCount => _reader.FieldCount;

    /// <summary>Columns expected (the header's, or the named columns of a header-less file).</summary>
    public int ExpectedColumns => _header.Length;

    /// <summary>The error for a row whose column count is not the expected one.</summary>
    public DataFormatException WrongWidth() =>
        Fail(DataError.WrongColumnCount, RawLine(),
            $"expected {_header.Length} tab-separated columns ({string.Join(", ", _header)}) but found {_reader.FieldCount}");

    /// <summary>The raw UTF-8 bytes of a field, valid until the next row: for parsing keys without a string per line.</summary>
    public ReadOnlySpan<byte> Span(int column) => _reader.GetSpan(column);

    /// <summary>The column's name, for messages.</summary>
    public string ColumnName(int column) => _header[column];

    /// <summary>A field as quoted in messages (capped).</summary>
    public string Quoted(int column) => Raw(column);

    // One record, with the faults of reading (a line too long, an I/O error) as DataFormatExceptions naming the file.
    private bool Read()
    {
        try
        {
            return _reader.Read();
        }
        catch (CsvFormatException e)
        {
            // In NoEscape mode nothing is malformed but a record longer than MaxRecordSize.
            throw new DataFormatException(DataError.LineTooLong, File, (int)e.LineNumber, null,
                $"expected lines of at most {MaxLineBytes:N0} bytes; this line is longer (from byte {e.ByteOffset:N0}), so the file has lost its line breaks or is not a HetRec file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw RegularFile.Wrap(e, File);
        }
    }

    /// <summary>A text field; UTF-8, or Latin-1 where the bytes are not UTF-8 (the line is remembered).</summary>
    public string Text(int column)
    {
        var s = TextDecoding.Decode(_reader.GetSpan(column), out var latin1);
        if (latin1 && (_latin1Lines.Count == 0 || _latin1Lines[^1] != Line)) _latin1Lines.Add(Line);
        return s;
    }

    /// <summary>A non-negative whole number (an id, a day, a year), written plainly: digits, no sign, no leading zero.</summary>
    public int Id(int column)
    {
        var span = _reader.GetSpan(column);
        bool negative = span.Length > 1 && span[0] == (byte)'-';
        if (!IsPlain(negative ? span[1..] : span) || !Utf8Parser.TryParse(span, out int v, out int used) || used != span.Length)
            throw Fail(DataError.NotANumber, Raw(column), $"expected a whole number in column '{_header[column]}', written plainly (digits only: no '+', no leading zeros, at most {int.MaxValue})");
        if (negative)
            throw Fail(DataError.NegativeValue, Raw(column), $"expected a non-negative number in column '{_header[column]}'");
        return v;
    }

    /// <summary>A signed whole number that may exceed 32 bits (a millisecond timestamp: the official file dates four
    /// tag assignments 1956–57, before the Unix epoch, so negative values are data, not damage).</summary>
    public long SignedLong(int column)
    {
        var span = _reader.GetSpan(column);
        bool negative = span.Length > 1 && span[0] == (byte)'-';
        if (!IsPlain(negative ? span[1..] : span) || !Utf8Parser.TryParse(span, out long v, out int used) || used != span.Length)
            throw Fail(DataError.NotANumber, Raw(column), $"expected a whole number in column '{_header[column]}', written plainly (an optional '-', then digits with no leading zeros)");
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

    // Digits only, and no leading zero but in "0": the files write numbers so, and "+5" or "00005" is not a value a
    // writer of these files produces.
    private static bool IsPlain(ReadOnlySpan<byte> digits)
    {
        if (digits.IsEmpty || (digits.Length > 1 && digits[0] == (byte)'0')) return false;
        foreach (var b in digits)
            if (b is < (byte)'0' or > (byte)'9') return false;
        return true;
    }

    private string Raw(int column) => Quote(_reader.GetSpan(column));

    private string RawLine()
    {
        var raw = _reader.RawRecord;
        while (raw.Length > 0 && raw[^1] is (byte)'\r' or (byte)'\n') raw = raw[..^1];
        return Quote(raw);
    }

    // Input quoted in a message: decoded only up to the cap, with the full length said.
    private static string Quote(ReadOnlySpan<byte> bytes) =>
        bytes.Length <= DataFormatException.MaxQuotedChars
            ? TextDecoding.Decode(bytes, out _)
            : $"{TextDecoding.Decode(bytes[..DataFormatException.MaxQuotedChars], out _)}… ({bytes.Length:N0} bytes in all)";

    public void Dispose() => _reader.Dispose();
}
