namespace LastFmMf.Data;

/// <summary>
/// Reads <see cref="LastfmFiles.Listens360K"/>: user SHA-1, artist MBID (may be empty), artist name, total plays; tab
/// separated, no header. Every field of a line is checked before anything of it is kept, so a skipped malformed line
/// leaves no trace (no user or artist without listens).
/// </summary>
internal static class Lastfm360KReader
{
    internal static readonly string[] Columns = ["user", "artist mbid", "artist name", "plays"];

    public static void Read(SourceFile file, UserKeys users, ArtistKeys artists, ListenRows rows, MalformedLines malformed, CancellationToken cancel)
    {
        using var t = TableReader.OpenHeaderless(file.DisplayName, file.Data, Columns, TableReader.HeaderLine.None, cancel);
        // The try is outside the loop over lines, so the loop itself has no exception region to slow it: a skipped line
        // is caught, counted, and the loop entered again at the next line.
        while (true)
        {
            try
            {
                while (t.NextAnyWidth()) Row(t, users, artists, rows);
                return;
            }
            catch (DataFormatException e) when (malformed.Skip(e, file.DisplayName)) { }
        }
    }

    private static void Row(TableReader t, UserKeys users, ArtistKeys artists, ListenRows rows)
    {
        if (t.FieldCount != Columns.Length) throw t.WrongWidth();
        var user = t.Span(0);
        users.Check(t, 0, user);
        var mbid = ArtistKeys.Mbid(t, 1);
        var name = t.Span(2);
        if (mbid is null && name.IsEmpty)
            throw t.Fail(DataError.MissingArtist, "", "expected an artist MBID, an artist name, or both; this line has neither");
        int plays = t.Weight(3);
        rows.Add(users.Intern(user), artists.Intern(mbid, name), plays);
    }
}
