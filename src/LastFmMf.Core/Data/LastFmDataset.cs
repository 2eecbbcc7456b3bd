namespace LastFmMf.Data;

/// <summary>
/// A Last.fm dataset (HetRec 2011, Last.fm-360K or -1K), immutable. Listens are a CSR matrix over dense user and artist indices;
/// <see cref="Users"/> and <see cref="ArtistIds"/> map those indices back to the ids of the files.
/// A train or test part of a split is a dataset too: same maps and metadata, fewer listens.
/// </summary>
public sealed class LastFmDataset
{
    public LastFmDataset(
        string source,
        IdMap users,
        IdMap artistIds,
        IReadOnlyList<Artist> artists,
        IReadOnlyList<Tag> tags,
        IReadOnlyList<TagAssignment> tagAssignments,
        IReadOnlyList<Friendship> friendships,
        Interactions listens,
        IReadOnlyList<string> notes)
    {
        if (listens.UserCount != users.Count) throw new ArgumentException("listens and users disagree on the number of users.");
        if (listens.ArtistCount != artistIds.Count || artists.Count != artistIds.Count)
            throw new ArgumentException("listens, artists and artist ids disagree on the number of artists.");
        Source = source;
        Users = users;
        ArtistIds = artistIds;
        // Rows<T> reads as its count in a CSV cell ("17,632 artists"), not as a type name.
        Artists = new Rows<Artist>(artists, "artists");
        Tags = new Rows<Tag>(tags, "tags");
        TagAssignments = new Rows<TagAssignment>(tagAssignments, "tag assignments");
        Friendships = new Rows<Friendship>(friendships, "friendships");
        Listens = listens;
        Notes = new Rows<string>(notes, "notes");
    }

    /// <summary>Where the data came from: a folder, a zip file, or a description of a derived part.</summary>
    public string Source { get; }

    /// <summary>User ids, in dense index order.</summary>
    public IdMap Users { get; }

    /// <summary>Artist ids, in dense index order (the index order of <see cref="Artists"/>).</summary>
    public IdMap ArtistIds { get; }

    /// <summary>The artists of artists.dat, in dense index order.</summary>
    public IReadOnlyList<Artist> Artists { get; }

    public IReadOnlyList<Tag> Tags { get; }
    public IReadOnlyList<TagAssignment> TagAssignments { get; }
    public IReadOnlyList<Friendship> Friendships { get; }

    /// <summary>The user–artist play counts.</summary>
    public Interactions Listens { get; }

    /// <summary>Rows of the optional user_taggedartists-timestamps.dat; empty when the file was absent.</summary>
    public IReadOnlyList<TagTimestamp> TagTimestamps { get => _tagTimestamps; init => _tagTimestamps = new Rows<TagTimestamp>(value, "tag timestamps"); }

    private IReadOnlyList<TagTimestamp> _tagTimestamps = new Rows<TagTimestamp>([], "tag timestamps");

    /// <summary>Which collection the data was read from.</summary>
    public DatasetFormat Format { get; init; } = DatasetFormat.Hetrec2011;

    /// <summary>The users' ids in the files, by dense index, where they are not numbers (the 360K SHA-1s, the 1K
    /// user_000639); empty for HetRec, whose ids are <see cref="Users"/> themselves.</summary>
    public IReadOnlyList<string> UserKeys { get => _userKeys; init => _userKeys = new Rows<string>(value, "user keys"); }

    private IReadOnlyList<string> _userKeys = new Rows<string>([], "user keys");

    /// <summary>The profile rows (gender, age, country, signup) of Last.fm-360K and -1K; empty for HetRec.</summary>
    public IReadOnlyList<UserProfile> UserProfiles { get => _profiles; init => _profiles = new Rows<UserProfile>(value, "profiles"); }

    private IReadOnlyList<UserProfile> _profiles = new Rows<UserProfile>([], "profiles");

    /// <summary>Malformed lines skipped by <c>-SkipMalformed</c> (the notes say which); 0 otherwise.</summary>
    public long SkippedLines { get; init; }

    /// <summary>Whether the listens carry each pair's first and last listening time (Last.fm-1K), which a time split needs.</summary>
    public bool HasTimestamps => Listens.HasTimes;

    /// <summary>What the import noticed and did about it (e.g. tagged artists missing from artists.dat).</summary>
    public IReadOnlyList<string> Notes { get; }

    public int UserCount => Users.Count;
    public int ArtistCount => ArtistIds.Count;
    public int ListenCount => Listens.Count;
    public int TagCount => Tags.Count;
    public int TagAssignmentCount => TagAssignments.Count;
    public int FriendshipCount => Friendships.Count;
    public int ProfileCount => UserProfiles.Count;

    /// <summary>One user's listens by user id, most played first, named: what <c>$data.ListensOf(2)</c> shows in PowerShell.</summary>
    public IReadOnlyList<ListenRow> ListensOf(int userId)
    {
        int u = Users.IndexOf(userId);
        if (u < 0) throw new ArgumentException($"User {userId} is not in this dataset.", nameof(userId));
        var artists = Listens.ArtistsOf(u);
        var plays = Listens.PlaysOf(u);
        var rows = new ListenRow[artists.Length];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = new ListenRow(userId, ArtistIds.IdOf(artists[i]), Artists[artists[i]].Name, (long)plays[i]);
        Array.Sort(rows, (x, y) => y.Plays != x.Plays ? y.Plays.CompareTo(x.Plays) : x.ArtistId.CompareTo(y.ArtistId));
        return rows;
    }

    /// <summary>Fraction of the user × artist matrix that holds a listen.</summary>
    public double Density => UserCount == 0 || ArtistCount == 0 ? 0 : (double)ListenCount / ((double)UserCount * ArtistCount);

    /// <summary>The same dataset with other listens (used by splits); the source says what was derived.</summary>
    public LastFmDataset WithListens(Interactions listens, string source) =>
        new(source, Users, ArtistIds, Artists, Tags, TagAssignments, Friendships, listens, Notes)
        {
            TagTimestamps = TagTimestamps, Format = Format, UserKeys = UserKeys, UserProfiles = UserProfiles, SkippedLines = SkippedLines,
        };

    public override string ToString() =>
        $"LastFmDataset: {UserCount:N0} users, {ArtistCount:N0} artists, {ListenCount:N0} listens from {Source}";
}
