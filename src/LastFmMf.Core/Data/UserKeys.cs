namespace LastFmMf.Data;

/// <summary>
/// Interns the user ids of a Last.fm file: each distinct id gets a first-seen index once, and the string is made once
/// per user, not per line. The files are grouped by user, so a line of the same user as the line before costs one
/// comparison of bytes. At the end, <see cref="Finish"/> gives each user its dataset id.
/// </summary>
internal sealed class UserKeys(DatasetFormat format)
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];
    private readonly byte[] _last = new byte[64];
    private int _lastLength = -1, _lastIndex = -1;

    public int Count => _keys.Count;
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>Checks that the field has the format's shape (40 hex digits for 360K, user_ and digits for 1K)
    /// and throws a <see cref="DataError.InvalidUserId"/> naming the line otherwise; adds nothing.</summary>
    public static void Check(TableReader t, int column, DatasetFormat format) => Check(t, column, format, t.Span(column));

    /// <summary>The same check, free when the id is the previous line's (the files are grouped by user).</summary>
    public void Check(TableReader t, int column, ReadOnlySpan<byte> raw)
    {
        if (raw.Length == _lastLength && raw.SequenceEqual(_last.AsSpan(0, _lastLength))) return;
        Check(t, column, format, raw);
    }

    private static void Check(TableReader t, int column, DatasetFormat format, ReadOnlySpan<byte> s)
    {
        bool ok = format == DatasetFormat.Lastfm360K ? IsSha1(s) : Number1K(s) > 0;
        if (!ok)
            throw t.Fail(DataError.InvalidUserId, t.Quoted(column), format == DatasetFormat.Lastfm360K
                ? $"expected a user id of 40 hexadecimal digits (a SHA-1) in column '{t.ColumnName(column)}'"
                : $"expected a user id 'user_' and a number of 1 to 9 digits, such as user_000639, in column '{t.ColumnName(column)}'");
    }

    /// <summary>The first-seen index of a user id already checked, adding it when new.</summary>
    public int Intern(ReadOnlySpan<byte> raw)
    {
        if (raw.Length == _lastLength && raw.SequenceEqual(_last.AsSpan(0, _lastLength))) return _lastIndex;
        // SHA-1s are compared without case and kept in lower case; user_NNNNNN has no letters that vary.
        var key = System.Text.Encoding.ASCII.GetString(raw).ToLowerInvariant();
        if (!_index.TryGetValue(key, out int i))
        {
            i = _keys.Count;
            _index.Add(key, i);
            _keys.Add(key);
        }
        raw.CopyTo(_last);
        _lastLength = raw.Length;
        _lastIndex = i;
        return i;
    }

    /// <summary>The dataset id of each first-seen user: the 1K user's number (user_000639 is 639); for 360K, the rank of the
    /// SHA-1 in ordinal order, from 1 — so the same users get the same ids whatever the order of the lines.</summary>
    public int[] Finish()
    {
        var ids = new int[_keys.Count];
        if (format == DatasetFormat.Lastfm1K)
        {
            for (int i = 0; i < ids.Length; i++) ids[i] = Number1K(System.Text.Encoding.ASCII.GetBytes(_keys[i]));
            return ids;
        }
        var order = new int[ids.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(_keys.ToArray(), order, StringComparer.Ordinal);
        for (int rank = 0; rank < order.Length; rank++) ids[order[rank]] = rank + 1;
        return ids;
    }

    /// <summary>The first-seen index of a key, or -1 (for joining the profiles).</summary>
    public int IndexOf(string key) => _index.TryGetValue(key, out int i) ? i : -1;

    private static bool IsSha1(ReadOnlySpan<byte> s)
    {
        if (s.Length != 40) return false;
        foreach (var b in s) if (!char.IsAsciiHexDigit((char)b)) return false;
        return true;
    }

    // user_ then 1–9 digits, not all zero: the number, or 0 when the id has another shape.
    private static int Number1K(ReadOnlySpan<byte> s)
    {
        if (s.Length is < 6 or > 14 || !s.StartsWith("user_"u8)) return 0;
        int n = 0;
        foreach (var b in s[5..])
        {
            if (b is < (byte)'0' or > (byte)'9') return 0;
            n = n * 10 + (b - '0');
        }
        return n;
    }
}
