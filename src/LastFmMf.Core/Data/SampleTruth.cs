namespace LastFmMf.Data;

/// <summary>
/// The structure the sample generator planted, which the files only show indirectly (through tags and
/// co-listening). Tests use it to check that the structure is really there; a model never sees it.
/// </summary>
/// <param name="GroupNames">The genre of each group, by group number; also the tag that names it.</param>
/// <param name="ArtistGroup">The group of each artist, by artist id.</param>
/// <param name="UserMainGroup">The main group of each user, by user id.</param>
/// <param name="UserSecondGroup">The second group of the users who have one, by user id.</param>
public sealed record SampleTruth(
    IReadOnlyList<string> GroupNames,
    IReadOnlyDictionary<int, int> ArtistGroup,
    IReadOnlyDictionary<int, int> UserMainGroup,
    IReadOnlyDictionary<int, int> UserSecondGroup);

/// <summary>What <see cref="SampleGenerator.Generate"/> makes: the tables to write, and the truth behind them.</summary>
public sealed record SampleData(HetrecTables Tables, SampleTruth Truth);
