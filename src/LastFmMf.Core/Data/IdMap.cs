namespace LastFmMf.Data;

/// <summary>
/// Maps the ids found in the files to dense indices 0..Count-1 and back. Indices follow ascending id,
/// so the same set of ids always gives the same indices.
/// </summary>
public sealed class IdMap
{
    private readonly int[] _ids;

    /// <summary>Index by id, or null when the ids are a run of consecutive numbers (the imports of Last.fm-360K and -1K
    /// number their users and artists 1 and up): then an id's index is its distance from the first, and the 16 MB of
    /// dictionary at 360K scale are not needed.</summary>
    private readonly Dictionary<int, int>? _index;

    private IdMap(int[] sortedDistinctIds)
    {
        _ids = sortedDistinctIds;
        if (_ids.Length == 0 || (long)_ids[^1] - _ids[0] == _ids.Length - 1) return;
        _index = new Dictionary<int, int>(_ids.Length);
        for (int i = 0; i < _ids.Length; i++) _index.Add(_ids[i], i);
    }

    /// <summary>Builds a map from any ids; duplicates are merged and order is by ascending id.</summary>
    public static IdMap FromIds(IEnumerable<int> ids)
    {
        var distinct = ids.Distinct().ToArray();
        Array.Sort(distinct);
        return new IdMap(distinct);
    }

    public int Count => _ids.Length;

    /// <summary>The external id of a dense index.</summary>
    public int IdOf(int index) => _ids[index];

    /// <summary>The dense index of an external id, or -1 when the id is unknown.</summary>
    public int IndexOf(int id)
    {
        if (_index is not null) return _index.TryGetValue(id, out var i) ? i : -1;
        long offset = (long)id - (_ids.Length == 0 ? 0 : _ids[0]);
        return offset >= 0 && offset < _ids.Length ? (int)offset : -1;
    }

    public bool Contains(int id) => IndexOf(id) >= 0;

    /// <summary>All ids, in index order.</summary>
    public ReadOnlySpan<int> Ids => _ids;

    internal int[] IdArray => _ids;

    /// <summary>"1,892 ids" (a CSV cell of a dataset reads as a count).</summary>
    public override string ToString() => $"{_ids.Length:N0} ids";
}
