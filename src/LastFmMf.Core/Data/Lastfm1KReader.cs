namespace LastFmMf.Data;

/// <summary>
/// Reads <see cref="LastfmFiles.Scrobbles1K"/>: user id, UTC time (2009-04-08T01:57:47Z), artist MBID, artist name, track
/// MBID, track name; one line a play. Plays are counted into user–artist pairs as they are read, keeping each pair's
/// first and last time; the track columns are checked for presence but not kept (the model works on artists).
/// </summary>
internal static class Lastfm1KReader
{
    internal static readonly string[] Columns = ["user", "timestamp", "artist mbid", "artist name", "track mbid", "track name"];

    /// <summary>Adds one row per user–artist pair to <paramref name="rows"/>; returns the scrobbles read.</summary>
    public static long Read(SourceFile file, UserKeys users, ArtistKeys artists, ListenRows rows, MalformedLines malformed, CancellationToken cancel)
    {
        using var t = TableReader.OpenHeaderless(file.DisplayName, file.Data, Columns, TableReader.HeaderLine.None, cancel);
        var pairs = new PairCounts();
        // As in the 360K reader: the try is outside the loop over lines.
        while (true)
        {
            try
            {
                while (t.NextAnyWidth()) Row(t, users, artists, pairs);
                break;
            }
            catch (DataFormatException e) when (malformed.Skip(e, file.DisplayName)) { }
        }
        for (int i = 0; i < pairs.Count; i++) rows.Add(pairs.User[i], pairs.Artist[i], pairs.Plays[i], pairs.First[i], pairs.Last[i]);
        return pairs.Scrobbles;
    }

    private static void Row(TableReader t, UserKeys users, ArtistKeys artists, PairCounts pairs)
    {
        if (t.FieldCount != Columns.Length) throw t.WrongWidth();
        var user = t.Span(0);
        users.Check(t, 0, user);
        long time = Timestamp(t, 1);
        var mbid = ArtistKeys.Mbid(t, 2);
        var name = t.Span(3);
        if (mbid is null && name.IsEmpty)
            throw t.Fail(DataError.MissingArtist, "", "expected an artist MBID, an artist name, or both; this line has neither");
        pairs.Add(users.Intern(user), artists.Intern(mbid, name), time);
    }

    /// <summary>Scrobbles counted by (user, artist) as they come: the pair's plays and its first and last time.</summary>
    private sealed class PairCounts
    {
        private readonly Dictionary<long, int> _slot = [];
        public readonly List<int> User = [], Artist = [], Plays = [];
        public readonly List<long> First = [], Last = [];
        public long Scrobbles;
        public int Count => User.Count;

        public void Add(int user, int artist, long time)
        {
            Scrobbles++;
            long pair = ((long)user << 32) | (uint)artist;
            if (_slot.TryGetValue(pair, out int s))
            {
                Plays[s]++;
                if (time < First[s]) First[s] = time;
                if (time > Last[s]) Last[s] = time;
                return;
            }
            _slot.Add(pair, User.Count);
            User.Add(user); Artist.Add(artist); Plays.Add(1); First.Add(time); Last.Add(time);
        }
    }

    private static readonly DateTime Epoch = DateTime.UnixEpoch;

    /// <summary>Unix seconds of a time written exactly as yyyy-MM-ddTHH:mm:ssZ (UTC), parsed from the bytes.</summary>
    internal static long Timestamp(TableReader t, int column)
    {
        var s = t.Span(column);
        if (s.Length == 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == 'Z'
            && Digits(s, 0, 4, out int y) && Digits(s, 5, 2, out int mo) && Digits(s, 8, 2, out int d)
            && Digits(s, 11, 2, out int h) && Digits(s, 14, 2, out int mi) && Digits(s, 17, 2, out int sec)
            && y >= 1 && mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo) && h < 24 && mi < 60 && sec < 60)
            return (new DateTime(y, mo, d, h, mi, sec, DateTimeKind.Utc).Ticks - Epoch.Ticks) / TimeSpan.TicksPerSecond;
        throw t.Fail(DataError.InvalidDate, t.Quoted(column), $"expected a UTC time written as 2009-04-08T01:57:47Z in column '{t.ColumnName(column)}'");
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int length, out int value)
    {
        value = 0;
        foreach (var b in s.Slice(start, length))
        {
            if (b is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }
}
