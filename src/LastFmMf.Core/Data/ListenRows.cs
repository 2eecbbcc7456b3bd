namespace LastFmMf.Data;

/// <summary>
/// The listens of a Last.fm file as they are read: three (or, with times, five) columns of numbers in chunks of a
/// million, so that memory grows with the rows without the copies of a doubling list and without an object per line.
/// Building places them straight into the CSR arrays, releasing each chunk once placed.
/// </summary>
internal sealed class ListenRows(bool withTimes)
{
    private const int ChunkBits = 20, ChunkSize = 1 << ChunkBits;
    private readonly List<int[]> _users = [], _artists = [];
    private readonly List<int[]> _plays = [];
    private readonly List<long[]> _first = [], _last = [];
    private int _inChunk = ChunkSize;
    // The chunk being filled, held apart so that adding a row indexes no list.
    private int[] _u = [], _a = [];
    private int[] _p = [];
    private long[] _f = [], _l = [];

    public long Count { get; private set; }

    public void Add(int user, int artist, int plays, long first = 0, long last = 0)
    {
        if (_inChunk == ChunkSize) NewChunk();
        int i = _inChunk++;
        _u[i] = user;
        _a[i] = artist;
        _p[i] = plays;
        if (withTimes) { _f[i] = first; _l[i] = last; }
        Count++;
    }

    private void NewChunk()
    {
        _users.Add(_u = new int[ChunkSize]);
        _artists.Add(_a = new int[ChunkSize]);
        _plays.Add(_p = new int[ChunkSize]);
        if (withTimes) { _first.Add(_f = new long[ChunkSize]); _last.Add(_l = new long[ChunkSize]); }
        _inChunk = 0;
    }

    /// <summary>
    /// The CSR matrix over dense indices (<paramref name="userDense"/> and <paramref name="artistDense"/> map first-seen
    /// indices to them; null for artists means they are dense already). A pair met on several lines (one MBID under two
    /// spellings) is merged: plays summed, the earliest first and the latest last time kept; <paramref name="merged"/>
    /// says how many lines were merged away.
    /// </summary>
    /// <exception cref="DataFormatException">PlayCountOverflow: a pair's merged plays exceed int32 (<paramref name="file"/> named).</exception>
    public Interactions Build(int[] userDense, int[]? artistDense, int userCount, int artistCount, out long merged, string file = "") =>
        Place(userDense, artistDense, userCount, artistCount, refuseRepeats: false, out merged, out _, file)!;

    /// <summary>The same, for formats where a repeated pair is an error (HetRec): null and the first repeated pair
    /// (dense user, dense artist) instead of a matrix.</summary>
    public Interactions? BuildRefusingRepeats(int[] userDense, int[]? artistDense, int userCount, int artistCount, out (int User, int Artist) repeated) =>
        Place(userDense, artistDense, userCount, artistCount, refuseRepeats: true, out _, out repeated, "");

    private Interactions? Place(int[] userDense, int[]? artistDense, int userCount, int artistCount, bool refuseRepeats,
        out long merged, out (int User, int Artist) repeated, string file)
    {
        repeated = (-1, -1);
        if (Count > Array.MaxLength) throw new InvalidOperationException($"{Count:N0} listens are more than one array can hold.");
        int n = (int)Count;
        var rowStart = new int[userCount + 1];
        for (int c = 0; c < _users.Count; c++)
            foreach (var u in _users[c].AsSpan(0, Length(c))) rowStart[userDense[u] + 1]++;
        for (int u = 0; u < userCount; u++) rowStart[u + 1] += rowStart[u];
        var next = (int[])rowStart.Clone();
        var a = new int[n];
        var w = new int[n];
        var f = withTimes ? new long[n] : null;
        var l = withTimes ? new long[n] : null;
        for (int c = 0; c < _users.Count; c++)
        {
            int len = Length(c);
            var (us, ars, ps) = (_users[c], _artists[c], _plays[c]);
            for (int i = 0; i < len; i++)
            {
                int at = next[userDense[us[i]]]++;
                a[at] = artistDense is null ? ars[i] : artistDense[ars[i]];
                w[at] = ps[i];
                if (f is not null) { f[at] = _first[c][i]; l![at] = _last[c][i]; }
            }
            // Placed: let the chunk go, so the peak is the CSR arrays plus what is not yet placed.
            _users[c] = _artists[c] = []; _plays[c] = [];
            if (withTimes) _first[c] = _last[c] = [];
            if (c == _users.Count - 1) { _u = _a = []; _p = []; _f = _l = []; }
        }
        if (refuseRepeats)
        {
            merged = 0;
            for (int u = 0; u < userCount; u++)
            {
                int s = rowStart[u], len = rowStart[u + 1] - s;
                Array.Sort(a, w, s, len);
                for (int i = s + 1; i < s + len; i++)
                    if (a[i] == a[i - 1]) { repeated = (u, a[i]); return null; }
            }
            return new Interactions(userCount, artistCount, rowStart, a, w);
        }
        merged = SortAndMerge(rowStart, a, w, f, l, file);
        if (merged == 0) return new Interactions(userCount, artistCount, rowStart, a, w, f, l);
        int kept = rowStart[userCount];
        return new Interactions(userCount, artistCount, rowStart, a[..kept], w[..kept], f?[..kept], l?[..kept]);
    }

    private int Length(int chunk) => chunk < _users.Count - 1 ? ChunkSize : _inChunk;

    // Sorts each row by artist, merges repeated artists, and compacts the rows in place (rowStart is rewritten).
    private static long SortAndMerge(int[] rowStart, int[] a, int[] w, long[]? f, long[]? l, string file)
    {
        int users = rowStart.Length - 1, write = 0;
        int[] perm = [];
        for (int u = 0; u < users; u++)
        {
            int s = rowStart[u], e = rowStart[u + 1];
            rowStart[u] = write;
            if (f is null) Array.Sort(a, w, s, e - s);
            else SortWithTimes(a, w, f, l!, s, e - s, ref perm);
            for (int i = s; i < e; i++)
            {
                if (write > rowStart[u] && a[write - 1] == a[i])
                {
                    // Play counts are exact int32 (Interactions); a sum past its range is refused, never wrapped or rounded.
                    long sum = (long)w[write - 1] + w[i];
                    if (sum > int.MaxValue)
                        throw new DataFormatException(DataError.PlayCountOverflow, file, 0, sum.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            $"the plays of one user–artist pair add up to {sum:N0}; expected at most {int.MaxValue:N0}");
                    w[write - 1] = (int)sum;
                    if (f is not null) { f[write - 1] = Math.Min(f[write - 1], f[i]); l![write - 1] = Math.Max(l[write - 1], l[i]); }
                    continue;
                }
                a[write] = a[i]; w[write] = w[i];
                if (f is not null) { f[write] = f[i]; l![write] = l[i]; }
                write++;
            }
        }
        long merged = rowStart[users] - write;
        rowStart[users] = write;
        return merged;
    }

    private static void SortWithTimes(int[] a, int[] w, long[] f, long[] l, int start, int length, ref int[] perm)
    {
        if (perm.Length < length) perm = new int[Math.Max(length, 2 * perm.Length)];
        var keys = a.AsSpan(start, length).ToArray();
        var p = perm.AsSpan(0, length);
        for (int i = 0; i < length; i++) p[i] = start + i;
        keys.AsSpan().Sort(p);
        var (w2, f2, l2) = (new int[length], new long[length], new long[length]);
        for (int i = 0; i < length; i++) { w2[i] = w[p[i]]; f2[i] = f[p[i]]; l2[i] = l[p[i]]; }
        keys.CopyTo(a, start); w2.CopyTo(w, start); f2.CopyTo(f, start); l2.CopyTo(l, start);
    }
}
