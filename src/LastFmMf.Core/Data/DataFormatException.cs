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
    /// <summary>A folder, FIFO, device or socket where a data file was expected.</summary>
    NotARegularFile,
    /// <summary>The file or one of its folders may not be read by this user.</summary>
    AccessDenied,
    /// <summary>The operating system could not read the file (a symbolic link loop or dangling link, a name too long, an I/O error).</summary>
    ReadFailed,
    /// <summary>A line longer than the reader accepts (a file with no line breaks, or not a HetRec file).</summary>
    LineTooLong,
    /// <summary>A zip entry larger, or more compressed, than any HetRec file could be (a zip bomb).</summary>
    EntryTooLarge,
    /// <summary>A user id not of the format's shape (40 hex digits for Last.fm-360K, user_NNNNNN for Last.fm-1K).</summary>
    InvalidUserId,
    /// <summary>An artist MBID that is not a UUID.</summary>
    InvalidMbid,
    /// <summary>A row with neither an artist MBID nor an artist name.</summary>
    MissingArtist,
    /// <summary>A profile field that is not one of its values (gender other than m, f or empty).</summary>
    InvalidProfile,
    /// <summary>A pair's play counts (Last.fm-1K scrobbles counted, or repeated 360K rows added) exceed 2,147,483,647.</summary>
    PlayCountOverflow,
    /// <summary>A path whose files are of no known dataset format.</summary>
    UnknownFormat,
    /// <summary>The data is of another format than the one asked for with -Format.</summary>
    FormatMismatch,
}

/// <summary>
/// Input data that cannot be read as the dataset it should be (HetRec, Last.fm-360K or -1K). Says which file, which
/// line (1-based; a header, where there is one, is line 1), which value and what was expected, so a user can open the
/// file and fix it.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Quoted input longer than this is cut, and its full length is said, so a message stays readable and small.</summary>
    public const int MaxQuotedChars = 200;

    public DataFormatException(DataError error, string file, int line, string? value, string expected, Exception? inner = null)
        : base(Format(file, line, Cap(value), expected), inner)
    {
        Error = error;
        File = file;
        Line = line;
        Value = Cap(value);
        Expected = expected;
    }

    public DataError Error { get; }
    public string File { get; }
    /// <summary>1-based line number, or 0 when the problem is the whole file.</summary>
    public int Line { get; }
    public string? Value { get; }
    public string Expected { get; }

    /// <summary>The value as quoted in messages: at most <see cref="MaxQuotedChars"/> characters, then how long it was.
    /// The slack lets a value that a reader already cut (with its length in bytes) pass unchanged.</summary>
    public static string? Cap(string? value) =>
        value is null || value.Length <= MaxQuotedChars + 40 ? value : $"{value[..MaxQuotedChars]}… ({value.Length:N0} characters in all)";

    private static string Format(string file, int line, string? value, string expected)
    {
        var where = line > 0 ? $"{file}, line {line}" : file;
        return value is null ? $"{where}: {expected}" : $"{where}: found '{value}'; {expected}";
    }
}
