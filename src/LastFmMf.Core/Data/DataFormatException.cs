namespace LastFmMf.Data;

/// <summary>Stable identifiers of what can be wrong with input data; the module turns them into ErrorIds.</summary>
public enum DataError
{
    PathNotFound,
    FileNotFound,
    EmptyFile,
    BadHeader,
    WrongColumnCount,
    NotANumber,
    NegativeValue,
    ZeroWeight,
    DuplicatePair,
    UnknownArtist,
    DuplicateId,
    InvalidDate,
    BadArchive,
}

/// <summary>
/// Input data that cannot be read as HetRec Last.fm data. Says which file, which line (1-based, the header
/// is line 1), which value and what was expected, so a user can open the file and fix it.
/// </summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(DataError error, string file, int line, string? value, string expected, Exception? inner = null)
        : base(Format(file, line, value, expected), inner)
    {
        Error = error;
        File = file;
        Line = line;
        Value = value;
        Expected = expected;
    }

    public DataError Error { get; }
    public string File { get; }
    /// <summary>1-based line number, or 0 when the problem is the whole file.</summary>
    public int Line { get; }
    public string? Value { get; }
    public string Expected { get; }

    private static string Format(string file, int line, string? value, string expected)
    {
        var where = line > 0 ? $"{file}, line {line}" : file;
        return value is null ? $"{where}: {expected}" : $"{where}: found '{value}'; {expected}";
    }
}
