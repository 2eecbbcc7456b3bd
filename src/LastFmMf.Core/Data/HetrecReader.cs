namespace LastFmMf.Data;

/// <summary>
/// Reads the HetRec 2011 Last.fm files (from a folder or the official zip) into a <see cref="LastFmDataset"/>.
/// Anything that cannot be read faithfully is a <see cref="DataFormatException"/>; anything that can be read
/// but deserves a word (tagged artists missing from artists.dat, Latin-1 lines) becomes a note on the dataset.
/// </summary>
public static class HetrecReader
{
    public const string ArtistsFile = "artists.dat";
    public const string TagsFile = "tags.dat";
    public const string ListensFile = "user_artists.dat";
    public const string FriendsFile = "user_friends.dat";
    public const string TaggingsFile = "user_taggedartists.dat";
    public const string TimestampsFile = "user_taggedartists-timestamps.dat";

    internal static readonly string[] ArtistsHeader = ["id", "name", "url", "pictureURL"];
    internal static readonly string[] TagsHeader = ["tagID", "tagValue"];
    internal static readonly string[] ListensHeader = ["userID", "artistID", "weight"];
    internal static readonly string[] FriendsHeader = ["userID", "friendID"];
    internal static readonly string[] TaggingsHeader = ["userID", "artistID", "tagID", "day", "month", "year"];
    internal static readonly string[] TimestampsHeader = ["userID", "artistID", "tagID", "timestamp"];

    /// <summary>Reads a folder or a zip archive; <paramref name="cancel"/> stops it between two lines.</summary>
    public static LastFmDataset Read(string path, CancellationToken cancel = default)
    {
        using var source = HetrecSource.Open(path);
        return Read(source, cancel);
    }

    public static LastFmDataset Read(HetrecSource source, CancellationToken cancel = default)
    {
        var notes = new List<string>();
        var artists = ReadArtists(source, notes, cancel);
        var artistIds = IdMap.FromIds(artists.Select(a => a.Id));
        var tags = ReadTags(source, notes, cancel);
        var (users, listens) = ReadListens(source, artistIds, cancel);
        var friendships = ReadFriendships(source, users, notes, cancel);
        var taggings = ReadTaggings(source, artistIds, tags, users, notes, cancel);
        var timestamps = ReadTimestamps(source, notes, cancel);
        return new LastFmDataset(source.Description, users, artistIds, artists, tags, taggings, friendships, listens, notes)
        {
            TagTimestamps = timestamps,
        };
    }

    private static Artist[] ReadArtists(HetrecSource source, List<string> notes, CancellationToken cancel)
    {
        using var t = TableReader.Open(source, ArtistsFile, ArtistsHeader, required: true, cancel)!;
        var list = new List<Artist>(20_000);
        var seen = new Dictionary<int, int>();
        while (t.Next())
        {
            int id = t.Id(0);
            if (!seen.TryAdd(id, t.Line))
                throw t.Fail(DataError.DuplicateId, id.ToString(), $"artist id {id} already appears on line {seen[id]}; expected each artist once");
            list.Add(new Artist(id, t.Text(1), t.Text(2), t.Text(3)));
        }
        if (list.Count == 0) throw new DataFormatException(DataError.EmptyFile, t.File, 0, null, "the file has a header but no artists");
        NoteLatin1(t, notes);
        list.Sort((a, b) => a.Id.CompareTo(b.Id));
        return list.ToArray();
    }

    private static Tag[] ReadTags(HetrecSource source, List<string> notes, CancellationToken cancel)
    {
        using var t = TableReader.Open(source, TagsFile, TagsHeader, required: true, cancel)!;
        var list = new List<Tag>(12_000);
        var seen = new Dictionary<int, int>();
        while (t.Next())
        {
            int id = t.Id(0);
            if (!seen.TryAdd(id, t.Line))
                throw t.Fail(DataError.DuplicateId, id.ToString(), $"tag id {id} already appears on line {seen[id]}; expected each tag once");
            list.Add(new Tag(id, t.Text(1)));
        }
        NoteLatin1(t, notes);
        list.Sort((a, b) => a.Id.CompareTo(b.Id));
        return list.ToArray();
    }

    // Streams the listens into chunked columns (no object and no dictionary entry per row) and builds the CSR arrays
    // from them; a repeated pair is found while building, and only then is the file read again for the two line numbers.
    private static (IdMap Users, Interactions Listens) ReadListens(HetrecSource source, IdMap artistIds, CancellationToken cancel)
    {
        var rows = new ListenRows(withTimes: false);
        var userIndex = new Dictionary<int, int>();
        var userIds = new List<int>();
        var artistIndex = DenseLookup(artistIds);
        int lastUser = -1, lastIndex = -1;
        string file;
        using (var t = TableReader.Open(source, ListensFile, ListensHeader, required: true, cancel)!)
        {
            file = t.File;
            while (t.Next())
            {
                int user = t.Id(0), artist = t.Id(1), weight = t.Weight(2);
                int a = artistIndex is null ? artistIds.IndexOf(artist) : artist < artistIndex.Length ? artistIndex[artist] : -1;
                if (a < 0)
                    throw t.Fail(DataError.UnknownArtist, artist.ToString(), $"artist id {artist} is not in {ArtistsFile}; expected every listened artist to be listed there");
                // The file is grouped by user: a row of the previous row's user needs no lookup.
                if (user != lastUser)
                {
                    if (!userIndex.TryGetValue(user, out lastIndex))
                    {
                        lastIndex = userIds.Count;
                        userIndex.Add(user, lastIndex);
                        userIds.Add(user);
                    }
                    lastUser = user;
                }
                rows.Add(lastIndex, a, weight);
            }
        }
        if (rows.Count == 0) throw new DataFormatException(DataError.EmptyFile, file, 0, null, "the file has a header but no listens");
        var users = IdMap.FromIds(userIds);
        var dense = userIds.Select(users.IndexOf).ToArray();
        var listens = rows.BuildRefusingRepeats(dense, null, users.Count, artistIds.Count, out var repeated);
        return listens is null
            ? throw RepeatedPair(source, users.IdOf(repeated.User), artistIds.IdOf(repeated.Artist), cancel)
            : (users, listens);
    }

    // Artist id → dense index as an array when the ids are compact enough (the real ones run to 18,745 for 17,632
    // artists), so a row costs an array read; null (use the map) when an array would be far larger than the artists.
    private static int[]? DenseLookup(IdMap ids)
    {
        if (ids.Count == 0) return [];
        int max = ids.IdOf(ids.Count - 1);
        if (max > 4L * ids.Count + 1_000_000) return null;
        var lookup = new int[max + 1];
        Array.Fill(lookup, -1);
        for (int i = 0; i < ids.Count; i++) lookup[ids.IdOf(i)] = i;
        return lookup;
    }

    // The error for a pair listed twice, with both line numbers: found by reading the file again, which costs nothing
    // for a good file.
    private static DataFormatException RepeatedPair(HetrecSource source, int user, int artist, CancellationToken cancel)
    {
        using var t = TableReader.Open(source, ListensFile, ListensHeader, required: true, cancel)!;
        int first = 0;
        while (t.Next())
        {
            if (t.Id(0) != user || t.Id(1) != artist) continue;
            if (first == 0) { first = t.Line; continue; }
            return t.Fail(DataError.DuplicatePair, $"{user}\t{artist}", $"user {user} and artist {artist} already appear on line {first}; expected each pair once");
        }
        throw new InvalidOperationException($"{t.File} changed while it was read: the pair ({user}, {artist}) appeared twice, then once.");
    }

    private static Friendship[] ReadFriendships(HetrecSource source, IdMap users, List<string> notes, CancellationToken cancel)
    {
        using var t = TableReader.Open(source, FriendsFile, FriendsHeader, required: true, cancel)!;
        var list = new List<Friendship>(26_000);
        int unknown = 0;
        while (t.Next())
        {
            var f = new Friendship(t.Id(0), t.Id(1));
            if (!users.Contains(f.UserId) || !users.Contains(f.FriendId)) unknown++;
            list.Add(f);
        }
        if (unknown > 0)
            notes.Add($"{FriendsFile}: {unknown:N0} friendships name a user with no listens in {ListensFile}; they are kept.");
        return list.ToArray();
    }

    private static TagAssignment[] ReadTaggings(HetrecSource source, IdMap artistIds, Tag[] tags, IdMap users, List<string> notes, CancellationToken cancel)
    {
        using var t = TableReader.Open(source, TaggingsFile, TaggingsHeader, required: true, cancel)!;
        var tagIds = new HashSet<int>(tags.Select(x => x.Id));
        var list = new List<TagAssignment>(190_000);
        var missingArtists = new HashSet<int>();
        int missingArtistRows = 0, unknownTags = 0, unknownUsers = 0;
        while (t.Next())
        {
            int user = t.Id(0), artist = t.Id(1), tag = t.Id(2), day = t.Id(3), month = t.Id(4), year = t.Id(5);
            // Years from 1900: the file's earliest is 1956 (a known quirk), and a year like 2 or 201 is a line cut short
            // (a truncated copy ends inside its last year; fuzzing read one as 0002-07-01).
            if (month is < 1 or > 12 || year is < MinTagYear or > MaxTagYear || day < 1 || day > DateTime.DaysInMonth(year, month))
                throw t.Fail(DataError.InvalidDate, $"{day}\t{month}\t{year}",
                    $"expected a real calendar date from the years {MinTagYear} to {MaxTagYear} in the columns day, month, year (a shorter year is a line cut short)");
            bool known = artistIds.Contains(artist);
            if (!known) { missingArtists.Add(artist); missingArtistRows++; }
            if (!tagIds.Contains(tag)) unknownTags++;
            if (!users.Contains(user)) unknownUsers++;
            list.Add(new TagAssignment(user, artist, tag, new DateOnly(year, month, day), known));
        }
        if (missingArtists.Count > 0)
            notes.Add($"{TaggingsFile}: {missingArtists.Count:N0} tagged artist ids ({missingArtistRows:N0} rows) are not in {ArtistsFile}; " +
                      "the rows are kept in TagAssignments with ArtistKnown = $false, and those artists have no name and no listens.");
        if (unknownTags > 0)
            notes.Add($"{TaggingsFile}: {unknownTags:N0} rows name a tag id that is not in {TagsFile}; they are kept.");
        if (unknownUsers > 0)
            notes.Add($"{TaggingsFile}: {unknownUsers:N0} rows name a user with no listens in {ListensFile}; they are kept.");
        return list.ToArray();
    }

    // The years a tag assignment's date may have (see the check in the taggings' reader).
    private const int MinTagYear = 1900, MaxTagYear = 2100;

    // The range DateTimeOffset can hold; outside it FromUnixTimeMilliseconds throws ArgumentOutOfRangeException.
    private static readonly long MinUnixMs = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxUnixMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private static TagTimestamp[] ReadTimestamps(HetrecSource source, List<string> notes, CancellationToken cancel)
    {
        using var t = TableReader.Open(source, TimestampsFile, TimestampsHeader, required: false, cancel);
        if (t is null) return [];
        var list = new List<TagTimestamp>(190_000);
        while (t.Next())
        {
            int user = t.Id(0), artist = t.Id(1), tag = t.Id(2);
            long ms = t.SignedLong(3);
            if (ms < MinUnixMs || ms > MaxUnixMs)
                throw t.Fail(DataError.InvalidDate, ms.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"expected milliseconds since 1970-01-01 UTC for a date between the years 1 and 9999 ({MinUnixMs} to {MaxUnixMs})");
            list.Add(new TagTimestamp(user, artist, tag, DateTimeOffset.FromUnixTimeMilliseconds(ms)));
        }
        notes.Add($"{TimestampsFile}: read {list.Count:N0} tagging timestamps.");
        return list.ToArray();
    }

    private static void NoteLatin1(TableReader t, List<string> notes)
    {
        if (t.Latin1Lines.Count > 0)
            notes.Add($"{t.File}: {t.Latin1Lines.Count} lines are not UTF-8 and were read as Latin-1 (lines {string.Join(", ", t.Latin1Lines.Take(10))}{(t.Latin1Lines.Count > 10 ? ", ..." : "")}).");
    }
}
