using LastFmMf.Data;
using LastFmMf.Randomness;

namespace LastFmMf.Splitting;

/// <summary>
/// Seeded, pure train/test splits of a <see cref="LastFmDataset"/>. Randomness comes only from the seed, through
/// <see cref="SeededRandom"/> (SplitMix64, a specified algorithm), so a split is the same on every machine.
/// </summary>
public static class Splitter
{
    /// <summary>Default of <c>-TestFraction</c>.</summary>
    public const double DefaultTestFraction = 0.2;

    /// <summary>Default of <c>-MinListens</c> for <see cref="SplitMethod.PerUser"/>.</summary>
    public const int DefaultMinListens = 5;

    /// <summary>Splits with the given method; see <see cref="PerUser"/> and <see cref="Random"/>.</summary>
    public static DataSplit Split(LastFmDataset data, SplitMethod method, double testFraction = DefaultTestFraction,
        int seed = 0, int minListens = DefaultMinListens) => method switch
    {
        SplitMethod.PerUser => PerUser(data, testFraction, seed, minListens),
        SplitMethod.Random => Random(data, testFraction, seed),
        SplitMethod.Time => Time(data, testFraction, minListens),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Method must be PerUser, Random or Time."),
    };

    /// <summary>
    /// Holds out round(<paramref name="testFraction"/> × n) of the n artists of every user with n ≥ <paramref name="minListens"/>
    /// (at least 1, at most n − 1, so each such user keeps a listen in Train); users with fewer artists stay wholly in
    /// Train. Which artists is drawn uniformly by a stream derived from (<paramref name="seed"/>, user index).
    /// </summary>
    /// <param name="data">The dataset to split.</param>
    /// <param name="testFraction">In (0, 1); default 0.2.</param>
    /// <param name="seed">Any integer; the same seed gives the same split.</param>
    /// <param name="minListens">At least 2; default 5.</param>
    public static DataSplit PerUser(LastFmDataset data, double testFraction = DefaultTestFraction, int seed = 0, int minListens = DefaultMinListens) =>
        PerUserCore(data, testFraction, seed, minListens, StreamPurpose.PerUserSplit);

    /// <summary>PerUser with a stream purpose of its own (validation hold-outs use another than test splits).</summary>
    internal static DataSplit PerUserCore(LastFmDataset data, double testFraction, int seed, int minListens, ulong purpose)
    {
        ArgumentNullException.ThrowIfNull(data);
        var test = HoldOutPerUser(data, testFraction, minListens, (u, start, n, take, span, marks) =>
        {
            for (int i = 0; i < n; i++) span[i] = i;
            var rng = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, purpose, (ulong)u));
            // Partial Fisher–Yates: the first `take` positions are a uniform sample without replacement.
            for (int i = 0; i < take; i++)
            {
                int j = i + rng.NextInt(n - i);
                (span[i], span[j]) = (span[j], span[i]);
                marks[start + span[i]] = true;
            }
        });
        return Build(data, test, SplitMethod.PerUser, testFraction, seed, minListens);
    }

    /// <summary>
    /// Holds out round(<paramref name="testFraction"/> × listens) listens drawn uniformly without replacement from all
    /// listens, like the course's <c>split_dataframe</c>. A user or an artist may end up with no listen in Train.
    /// </summary>
    /// <param name="data">The dataset to split.</param>
    /// <param name="testFraction">In (0, 1); default 0.2.</param>
    /// <param name="seed">Any integer; the same seed gives the same split.</param>
    public static DataSplit Random(LastFmDataset data, double testFraction = DefaultTestFraction, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFraction(testFraction);
        int n = data.Listens.Count;
        int take = (int)Math.Round(testFraction * n, MidpointRounding.AwayFromZero);
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var rng = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, StreamPurpose.RandomSplit));
        var test = new bool[n];
        for (int i = 0; i < take; i++)
        {
            int j = i + rng.NextInt(n - i);
            (order[i], order[j]) = (order[j], order[i]);
            test[order[i]] = true;
        }
        return Build(data, test, SplitMethod.Random, testFraction, seed, 0);
    }

    /// <summary>
    /// Holds out, of every user with n ≥ <paramref name="minListens"/> artists, the round(<paramref name="testFraction"/> × n)
    /// (at least 1, at most n − 1) artists the user played last, by the time of the pair's last play; a tie goes to the
    /// pair first played later, then to the higher artist index, so the split is a function of the data alone (no seed).
    /// </summary>
    /// <exception cref="NoTimestampsException">The data has no listening times (HetRec, Last.fm-360K).</exception>
    public static DataSplit Time(LastFmDataset data, double testFraction = DefaultTestFraction, int minListens = DefaultMinListens)
    {
        ArgumentNullException.ThrowIfNull(data);
        var l = data.Listens;
        if (l.LastTime is null || l.FirstTime is null) throw new NoTimestampsException(data.Format, data.Source);
        var test = HoldOutPerUser(data, testFraction, minListens, (u, start, n, take, span, marks) =>
        {
            for (int i = 0; i < n; i++) span[i] = start + i;
            // Latest first: last play descending, then first play descending, then artist index descending.
            span.Sort((x, y) =>
                l.LastTime[y] != l.LastTime[x] ? l.LastTime[y].CompareTo(l.LastTime[x])
                : l.FirstTime[y] != l.FirstTime[x] ? l.FirstTime[y].CompareTo(l.FirstTime[x])
                : l.ArtistIndex[y].CompareTo(l.ArtistIndex[x]));
            for (int i = 0; i < take; i++) marks[span[i]] = true;
        });
        return Build(data, test, SplitMethod.Time, testFraction, 0, minListens);
    }

    /// <summary>Marks round(fraction × n) listens (at least 1, at most n − 1) of every user with n ≥ minListens artists,
    /// as the chooser picks them: (user, row start, n, how many, a scratch span of n, the marks).</summary>
    private delegate void Choose(int user, int start, int n, int take, Span<int> scratch, bool[] test);

    private static bool[] HoldOutPerUser(LastFmDataset data, double testFraction, int minListens, Choose choose)
    {
        CheckFraction(testFraction);
        if (minListens < 2)
            throw new ArgumentOutOfRangeException(nameof(minListens), minListens, $"MinListens must be between 2 and {int.MaxValue}; a user needs a listen on each side.");
        var l = data.Listens;
        var test = new bool[l.Count];
        var order = new int[0];
        for (int u = 0; u < l.UserCount; u++)
        {
            int start = l.RowStart[u], n = l.RowStart[u + 1] - start;
            if (n < minListens) continue;
            int take = Math.Clamp((int)Math.Round(testFraction * n, MidpointRounding.AwayFromZero), 1, n - 1);
            if (order.Length < n) order = new int[Math.Max(n, 2 * order.Length)];
            choose(u, start, n, take, order.AsSpan(0, n), test);
        }
        return test;
    }

    private static void CheckFraction(double f)
    {
        if (!(f > 0 && f < 1))
            throw new ArgumentOutOfRangeException("testFraction", f, "TestFraction must be greater than 0 and less than 1.");
    }

    private static DataSplit Build(LastFmDataset data, bool[] test, SplitMethod method, double fraction, int seed, int minListens)
    {
        var l = data.Listens;
        var train = new bool[test.Length];
        for (int i = 0; i < test.Length; i++) train[i] = !test[i];
        var trainListens = l.Where(train);
        var testListens = l.Where(test);
        var artistInTrain = trainListens.ListenerCounts();
        int unseenArtist = 0, unseenUser = 0, testUsers = 0;
        for (int u = 0; u < testListens.UserCount; u++)
        {
            var row = testListens.ArtistsOf(u);
            if (row.Length == 0) continue;
            testUsers++;
            if (trainListens.RowLength(u) == 0) unseenUser += row.Length;
            foreach (var a in row) if (artistInTrain[a] == 0) unseenArtist++;
        }
        string what = method == SplitMethod.Time
            ? $"Time split (TestFraction {fraction}) of {data.Source}"
            : $"{method} split (TestFraction {fraction}, Seed {seed}) of {data.Source}";
        return new DataSplit
        {
            Train = data.WithListens(trainListens, "train part of " + what),
            Test = data.WithListens(testListens, "test part of " + what),
            Method = method,
            TestFraction = fraction,
            Seed = seed,
            MinListens = minListens,
            TestUserCount = testUsers,
            TestPairsWithUnseenArtist = unseenArtist,
            TestPairsWithUnseenUser = unseenUser,
        };
    }
}
