namespace LastFmMf.Data;

/// <summary>
/// What <c>-SkipMalformed</c> does with a line that cannot be read: without it, the line's error ends the import
/// (nothing is built); with it, the line is counted by file and ErrorId, its number kept (the first ten), and the
/// dataset's notes say all of that.
/// </summary>
internal sealed class MalformedLines(bool skip)
{
    private readonly Dictionary<string, (long Count, Dictionary<DataError, long> ByError, List<int> First)> _byFile = [];

    public long Count { get; private set; }

    /// <summary>True when the line is to be skipped (and it has been counted); false when the error must be thrown.</summary>
    public bool Skip(DataFormatException e, string file)
    {
        if (!skip || !OfOneLine(e.Error)) return false;
        if (!_byFile.TryGetValue(file, out var f)) _byFile[file] = f = (0, [], []);
        f.ByError[e.Error] = f.ByError.GetValueOrDefault(e.Error) + 1;
        if (f.First.Count < 10) f.First.Add(e.Line);
        _byFile[file] = f with { Count = f.Count + 1 };
        Count++;
        return true;
    }

    /// <summary>
    /// The errors of a line that was read whole (a value or a column count): the reader goes on at the next line. A line
    /// too long to read, a damaged archive or a failed read leave the stream where it cannot go on (the next read meets the
    /// same fault), so they end the import even with -SkipMalformed; skipping them would retry forever.
    /// </summary>
    private static bool OfOneLine(DataError error) => error is DataError.WrongColumnCount or DataError.NotANumber
        or DataError.NegativeValue or DataError.ZeroWeight or DataError.DuplicatePair or DataError.UnknownArtist
        or DataError.DuplicateId or DataError.InvalidDate or DataError.InvalidUserId or DataError.InvalidMbid
        or DataError.MissingArtist or DataError.InvalidProfile or DataError.PlayCountOverflow;

    public IEnumerable<string> Notes() => _byFile.Select(kv =>
        $"{kv.Key}: skipped {kv.Value.Count:N0} malformed lines (-SkipMalformed): " +
        string.Join(", ", kv.Value.ByError.OrderBy(e => e.Key.ToString(), StringComparer.Ordinal).Select(e => $"{e.Value:N0} {e.Key}")) +
        $"; lines {string.Join(", ", kv.Value.First)}{(kv.Value.Count > kv.Value.First.Count ? ", ..." : "")}.");
}
