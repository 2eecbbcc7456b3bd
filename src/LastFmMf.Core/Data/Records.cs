namespace LastFmMf.Data;

/// <summary>An artist from artists.dat. <see cref="PictureUrl"/> is empty on 444 rows of the real data.</summary>
/// <remarks>The Last.fm-360K and -1K files have no artist ids: there <see cref="Id"/> is a number given by the import
/// (1 and up, in the order of <see cref="Mbid"/>, then of the name for artists without one), Url and PictureUrl are empty.</remarks>
public sealed record Artist(int Id, string Name, string Url, string PictureUrl)
{
    /// <summary>The MusicBrainz id (Last.fm-360K and -1K), or null: HetRec has none, and many Last.fm rows leave it empty.</summary>
    public string? Mbid { get; init; }
}

/// <summary>A row of a Last.fm-360K or -1K profile file. <see cref="UserId"/> is the user's id in the dataset, or null
/// when the profile's user has no listens; <see cref="Key"/> is the id of the files (a SHA-1, or user_000639).</summary>
public sealed record UserProfile(int? UserId, string Key, string? Gender, int? Age, string? Country, DateOnly? Signup);

/// <summary>A tag from tags.dat.</summary>
public sealed record Tag(int Id, string Name);

/// <summary>One row of user_taggedartists.dat: a user put a tag on an artist on a day.</summary>
/// <remarks><see cref="ArtistKnown"/> is false for the artists that are tagged but absent from artists.dat
/// (390 ids in the real data); those rows are kept so that nothing vanishes, and the import says so.</remarks>
public sealed record TagAssignment(int UserId, int ArtistId, int TagId, DateOnly Date, bool ArtistKnown);

/// <summary>One row of user_friends.dat. The real file lists each friendship in both directions.</summary>
public sealed record Friendship(int UserId, int FriendId);

/// <summary>One row of the optional user_taggedartists-timestamps.dat (milliseconds since 1970 in the file).</summary>
public sealed record TagTimestamp(int UserId, int ArtistId, int TagId, DateTimeOffset Time);

/// <summary>One listen with names, for people: a user played an artist this many times.</summary>
public sealed record ListenRow(int UserId, int ArtistId, string ArtistName, long Plays);
