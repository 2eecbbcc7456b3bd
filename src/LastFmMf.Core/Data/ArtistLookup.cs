using LastFmMf.Data;

namespace LastFmMf.Data;

/// <summary>Why an artist reference could not be resolved.</summary>
public enum ArtistLookupError
{
    /// <summary>Resolved.</summary>
    None,
    /// <summary>No artist has that id, that name, or a name containing it.</summary>
    NotFound,
    /// <summary>More than one artist's name contains the text (and none is an exact match).</summary>
    Ambiguous,
}

/// <summary>The outcome of resolving one artist reference: an index, or an error with the candidates.</summary>
/// <param name="Query">What was looked up.</param>
/// <param name="Index">The dense artist index, or -1.</param>
/// <param name="Error">None when resolved.</param>
/// <param name="Candidates">For Ambiguous: the names that matched (at most 20, in index order).</param>
public sealed record ArtistMatch(string Query, int Index, ArtistLookupError Error, IReadOnlyList<string> Candidates)
{
    /// <summary>Whether the reference named exactly one artist.</summary>
    public bool Found => Error == ArtistLookupError.None;

    /// <summary>A sentence that says what went wrong (empty when resolved).</summary>
    public string Message => Error switch
    {
        ArtistLookupError.NotFound => $"No artist has the id or a name like '{Query}'.",
        ArtistLookupError.Ambiguous => $"'{Query}' matches {Candidates.Count}{(Candidates.Count >= ArtistLookup.MaxCandidates ? " or more" : "")} artists: " +
                                       string.Join(", ", Candidates.Select(c => $"'{c}'")) + ". Give more of the name or the artist id.",
        _ => "",
    };
}

/// <summary>
/// Resolves artist references (names or ids, as users type them) to dense indices. The rules, in order: a name
/// equal to the text ignoring case (when several differ only by case, the one equal ordinally, else ambiguous);
/// then, when the text is an integer, the artist with that id; then the unique artist whose name contains the text
/// ignoring case. Several containing names are ambiguous, and the error lists them.
/// </summary>
public sealed class ArtistLookup
{
    internal const int MaxCandidates = 20;
    private readonly IReadOnlyList<Artist> _artists;
    private readonly IdMap _ids;
    private readonly Dictionary<string, List<int>> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A lookup over artists in dense index order and their id map.</summary>
    public ArtistLookup(IReadOnlyList<Artist> artists, IdMap ids)
    {
        ArgumentNullException.ThrowIfNull(artists);
        ArgumentNullException.ThrowIfNull(ids);
        _artists = artists;
        _ids = ids;
        for (int i = 0; i < artists.Count; i++)
        {
            if (!_byName.TryGetValue(artists[i].Name, out var list)) _byName[artists[i].Name] = list = [];
            list.Add(i);
        }
    }

    /// <summary>Resolves one reference by the rules above.</summary>
    public ArtistMatch Resolve(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var query = text.Trim();
        if (query.Length == 0) return new ArtistMatch(text, -1, ArtistLookupError.NotFound, []);
        if (_byName.TryGetValue(query, out var exact))
        {
            if (exact.Count == 1) return new ArtistMatch(text, exact[0], ArtistLookupError.None, []);
            var ordinal = exact.Where(i => string.Equals(_artists[i].Name, query, StringComparison.Ordinal)).ToList();
            if (ordinal.Count == 1) return new ArtistMatch(text, ordinal[0], ArtistLookupError.None, []);
            return new ArtistMatch(text, -1, ArtistLookupError.Ambiguous, exact.Select(i => _artists[i].Name).ToList());
        }
        if (int.TryParse(query, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int id))
            return ById(id, text);
        var containing = new List<int>();
        for (int i = 0; i < _artists.Count; i++)
        {
            if (_artists[i].Name.Contains(query, StringComparison.OrdinalIgnoreCase))
            {
                containing.Add(i);
                if (containing.Count > MaxCandidates) break;
            }
        }
        return containing.Count switch
        {
            0 => new ArtistMatch(text, -1, ArtistLookupError.NotFound, []),
            1 => new ArtistMatch(text, containing[0], ArtistLookupError.None, []),
            _ => new ArtistMatch(text, -1, ArtistLookupError.Ambiguous, containing.Take(MaxCandidates).Select(i => _artists[i].Name).ToList()),
        };
    }

    /// <summary>Resolves an artist id.</summary>
    public ArtistMatch ById(int id, string? text = null)
    {
        int index = _ids.IndexOf(id);
        var q = text ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return index < 0 ? new ArtistMatch(q, -1, ArtistLookupError.NotFound, []) : new ArtistMatch(q, index, ArtistLookupError.None, []);
    }

    /// <summary>The names that start with (first, in index order) or else contain <paramref name="prefix"/>, ignoring case; for tab completion.</summary>
    public IEnumerable<string> Complete(string prefix, int max = 50)
    {
        prefix ??= "";
        var starts = _artists.Where(a => a.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Select(a => a.Name);
        var contains = prefix.Length == 0 ? [] : _artists.Where(a => !a.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                                                                    && a.Name.Contains(prefix, StringComparison.OrdinalIgnoreCase)).Select(a => a.Name);
        return starts.Concat(contains).Distinct(StringComparer.Ordinal).Take(max);
    }
}
