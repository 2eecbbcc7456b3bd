using System.Management.Automation;
using LastFmMf.Data;

namespace LastFmMf.PowerShell;

/// <summary>Turns core exceptions into ErrorRecords with stable ErrorIds and honest categories.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(DataFormatException e, object? target) =>
        new(e, e.Error.ToString(), CategoryOf(e.Error), target ?? e.File);

    public static ErrorRecord Argument(string errorId, string message, object? target) =>
        new(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);

    public static ErrorRecord NotFound(string errorId, string message, object? target) =>
        new(new ItemNotFoundException(message), errorId, ErrorCategory.ObjectNotFound, target);

    /// <summary>An artist reference that named no artist (UnknownArtist) or several (AmbiguousArtist, listing them).</summary>
    public static ErrorRecord From(LastFmMf.Data.ArtistMatch match, object? target) =>
        match.Error == LastFmMf.Data.ArtistLookupError.Ambiguous
            ? Argument("AmbiguousArtist", match.Message, target)
            : NotFound("UnknownArtist", match.Message, target);

    private static ErrorCategory CategoryOf(DataError error) => error switch
    {
        DataError.PathNotFound or DataError.FileNotFound => ErrorCategory.ObjectNotFound,
        _ => ErrorCategory.InvalidData,
    };
}
