namespace LastFmMf.Data;

/// <summary>
/// Maps the ids found in the files to dense indices 0..Count-1 and back. Indices follow ascending id,
/// so the same set of ids always gives the same indices.
/// </summary>
public sealed class IdMap
{
    private readonly int[] _ids;
    private readonly Dictionary<int, int> _index;

    private IdMap(int[] sortedDistinctIds)
    {
        _ids = sortedDistinctIds;
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
    public int IndexOf(int id) => _index.TryGetValue(id, out var i) ? i : -1;

    public bool Contains(int id) => _index.ContainsKey(id);

    /// <summary>All ids, in index order.</summary>
    public ReadOnlySpan<int> Ids => _ids;

    internal int[] IdArray => _ids;

    /// <summary>"1,892 ids" (a CSV cell of a dataset reads as a count).</summary>
    public override string ToString() => $"{_ids.Length:N0} ids";
}
