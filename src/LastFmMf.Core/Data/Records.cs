namespace LastFmMf.Data;

/// <summary>An artist from artists.dat. <see cref="PictureUrl"/> is empty on 444 rows of the real data.</summary>
public sealed record Artist(int Id, string Name, string Url, string PictureUrl);

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
