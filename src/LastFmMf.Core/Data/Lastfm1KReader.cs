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
        // (user, artist) by first-seen indices → the pair's slot; per slot its play count and first and last time.
        var slots = new Dictionary<long, int>();
        var (pairUser, pairArtist, count) = (new List<int>(), new List<int>(), new List<int>());
        var (first, last) = (new List<long>(), new List<long>());
        long scrobbles = 0;
        while (t.NextAnyWidth())
        {
            try
            {
                if (t.FieldCount != Columns.Length) throw t.WrongWidth();
                UserKeys.Check(t, 0, DatasetFormat.Lastfm1K);
                long time = Timestamp(t, 1);
                var mbid = ArtistKeys.Mbid(t, 2);
                var name = t.Span(3);
                if (mbid is null && name.IsEmpty)
                    throw t.Fail(DataError.MissingArtist, "", "expected an artist MBID, an artist name, or both; this line has neither");
                int u = users.Intern(t.Span(0)), a = artists.Intern(mbid, name);
                long pair = ((long)u << 32) | (uint)a;
                if (slots.TryGetValue(pair, out int s))
                {
                    count[s]++;
                    if (time < first[s]) first[s] = time;
                    if (time > last[s]) last[s] = time;
                }
                else
                {
                    slots.Add(pair, pairUser.Count);
                    pairUser.Add(u); pairArtist.Add(a); count.Add(1); first.Add(time); last.Add(time);
                }
                scrobbles++;
            }
            catch (DataFormatException e) when (malformed.Skip(e, file.DisplayName)) { }
        }
        for (int i = 0; i < pairUser.Count; i++) rows.Add(pairUser[i], pairArtist[i], count[i], first[i], last[i]);
        return scrobbles;
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
