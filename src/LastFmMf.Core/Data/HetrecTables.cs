namespace LastFmMf.Data;

/// <summary>One row of user_artists.dat. <see cref="LastFmDataset"/> keeps listens as CSR for speed;
/// this row form exists for producers of files (the sample generator, the writer), where order and ids matter.</summary>
public sealed record Listen(int UserId, int ArtistId, int Weight);

/// <summary>
/// The five HetRec tables as plain rows with the ids of the files, in the order they are written.
/// It is the writer's input, kept apart from <see cref="LastFmDataset"/> so that producing files needs no
/// dense index maps and what is written is exactly what was made.
/// </summary>
public sealed record HetrecTables(
    IReadOnlyList<Artist> Artists,
    IReadOnlyList<Tag> Tags,
    IReadOnlyList<Listen> Listens,
    IReadOnlyList<Friendship> Friendships,
    IReadOnlyList<TagAssignment> TagAssignments);
