using LastFmMf.Data;

namespace LastFmMf.Splitting;

/// <summary>How <see cref="Splitter"/> chooses the test listens.</summary>
public enum SplitMethod
{
    /// <summary>Hold out a fraction of each user's artists; users with too few artists stay wholly in Train.</summary>
    PerUser,
    /// <summary>Hold out a global fraction of all listens, drawn uniformly (the course's <c>split_dataframe</c>).</summary>
    Random,
    /// <summary>Hold out each user's most recent listens (by the time of the last play of each artist): the model is
    /// tested on what users went on to play, as in use. Needs data with timestamps (Last.fm-1K).</summary>
    Time,
}

/// <summary>
/// A dataset split into a training part and a test part. Both parts are full <see cref="LastFmDataset"/>s with the
/// same users, artists and metadata as the source; only their listens differ, and every listen is in exactly one part.
/// The same <see cref="Seed"/>, method, fraction and data give the same split on every machine.
/// </summary>
public sealed record DataSplit
{
    /// <summary>The listens to train on.</summary>
    public required LastFmDataset Train { get; init; }

    /// <summary>The held-out listens.</summary>
    public required LastFmDataset Test { get; init; }

    /// <summary>How the test listens were chosen.</summary>
    public required SplitMethod Method { get; init; }

    /// <summary>The fraction held out (of each user's artists for PerUser, of all listens for Random), in (0, 1).</summary>
    public required double TestFraction { get; init; }

    /// <summary>The seed that chose the test listens (0 for Time, which draws nothing).</summary>
    public required int Seed { get; init; }

    /// <summary>PerUser and Time: users with fewer artists than this stay wholly in Train (0 for Random).</summary>
    public required int MinListens { get; init; }

    /// <summary>Number of listens in Train.</summary>
    public int TrainCount => Train.ListenCount;

    /// <summary>Number of listens in Test.</summary>
    public int TestCount => Test.ListenCount;

    /// <summary>Number of users with at least one test listen.</summary>
    public required int TestUserCount { get; init; }

    /// <summary>Test listens whose artist has no listen at all in Train (a model can only guess for those).</summary>
    public required int TestPairsWithUnseenArtist { get; init; }

    /// <summary>Test listens whose user has no listen at all in Train (only possible with Random).</summary>
    public required int TestPairsWithUnseenUser { get; init; }

    /// <summary>The cold-start sample whose training listens this split's Train lacks (<see cref="Splitting.ColdStart.Prepare"/>), or null.</summary>
    public ColdStartSample? ColdStart { get; init; }

    public override string ToString() =>
        (ColdStart is { } c ? $"Cold-start split ({c}) of " : "") +
        $"DataSplit ({Method}, TestFraction {TestFraction}{(Method == SplitMethod.Time ? "" : $", Seed {Seed}")}): {TrainCount:N0} train, {TestCount:N0} test listens; " +
        $"{TestPairsWithUnseenArtist:N0} test pairs have an artist absent from Train";
}
