using LastFmMf.Data;
using LastFmMf.Randomness;

namespace LastFmMf.Splitting;

/// <summary>
/// The test users a cold-start evaluation treats as new (or light) listeners, and the training listens that were taken
/// from them. Made by <see cref="ColdStart.Prepare"/>; carried by the <see cref="DataSplit"/> it made
/// (<see cref="DataSplit.ColdStart"/>), whose Train no longer holds those listens.
/// </summary>
public sealed record ColdStartSample
{
    /// <summary>The sampled users (dense indices, ascending).</summary>
    public required IReadOnlyList<int> Users { get; init; }

    /// <summary>The seed of the sample and of every user's reveal order.</summary>
    public required int Seed { get; init; }

    /// <summary>Only users with at least this many training listens (and a test listen) were eligible.</summary>
    public required int MinTrainListens { get; init; }

    /// <summary>Null: the sampled users have no listen in Train (new listeners, folded in). n: they keep the first n of their
    /// reveal order in Train (light listeners the model trains on).</summary>
    public int? LightListens { get; init; }

    /// <summary>The sampled users' training listens before any was taken (other users' rows are empty): what is revealed, and
    /// what stays hidden and counts as relevant.</summary>
    public required Interactions Original { get; init; }

    /// <summary>The number of sampled users.</summary>
    public int UserCount => Users.Count;

    /// <summary>
    /// The first <paramref name="n"/> listens of <paramref name="user"/>'s reveal order (a uniform permutation of the user's
    /// training artists drawn from (<see cref="Seed"/>, user)), as ascending artist indices with their play counts. The orders
    /// are nested: what is revealed at n is revealed at every larger n.
    /// </summary>
    public (int[] Artists, float[] Plays) Reveal(int user, int n)
    {
        var artists = Original.GetArtists(user);
        var plays = Original.GetPlays(user);
        var take = ColdStart.RevealOrder(artists.Length, Seed, user).Take(Math.Min(n, artists.Length)).Order().ToArray();
        return (take.Select(i => artists[i]).ToArray(), take.Select(i => (float)plays[i]).ToArray());
    }

    public override string ToString() =>
        $"{UserCount:N0} cold-start users (seed {Seed}, at least {MinTrainListens} training listens){(LightListens is { } n ? $", light: {n} listens kept in Train" : ", removed from Train")}";
}

/// <summary>
/// The cold-start protocol's data: a seeded sample of test users whose training listens are taken out of Train (or cut to n),
/// so that a model trained on the result has never seen what the evaluation hides. Pure and seeded.
/// </summary>
public static class ColdStart
{
    /// <summary>Default of <c>-ColdStartMinListens</c>: the "users with ≥ 20 train listens".</summary>
    public const int DefaultMinTrainListens = 20;

    /// <summary>Default of <c>-ColdStartSeed</c>.</summary>
    public const int DefaultSeed = 1;

    /// <summary>
    /// Samples <paramref name="users"/> users uniformly (seeded) among those with at least <paramref name="minTrainListens"/>
    /// training listens and at least one test listen (all of them when fewer are eligible), and returns the split with those
    /// users' training listens taken out of Train — all of them, or all but the first <paramref name="lightListens"/> of each
    /// user's reveal order — and their tag assignments dropped (a user's tags of their own artists would reveal them). Test is
    /// unchanged. The result carries the sample (<see cref="DataSplit.ColdStart"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count out of range (the message names it).</exception>
    /// <exception cref="ArgumentException">The split already is a cold-start split, or no user is eligible.</exception>
    public static DataSplit Prepare(DataSplit split, int users, int seed = DefaultSeed, int minTrainListens = DefaultMinTrainListens, int? lightListens = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        if (split.ColdStart is not null) throw new ArgumentException("This split already holds a cold-start sample; prepare one from the plain split.", nameof(split));
        Check.Range(users, 1, int.MaxValue, "ColdStartUsers");
        Check.Range(minTrainListens, 2, int.MaxValue, "ColdStartMinListens");
        if (lightListens is { } l) Check.Range(l, 1, minTrainListens - 1, "LightListens");
        var train = split.Train.Listens;
        var test = split.Test.Listens;
        var eligible = Enumerable.Range(0, train.UserCount).Where(u => train.RowLength(u) >= minTrainListens && test.RowLength(u) > 0).ToArray();
        if (eligible.Length == 0)
            throw new ArgumentException($"No user has at least {minTrainListens} training listens and a test listen; lower ColdStartMinListens.", nameof(minTrainListens));
        var rng = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, StreamPurpose.ColdStartUsers));
        rng.Shuffle(eligible.AsSpan());
        var chosen = eligible.Take(users).Order().ToArray();
        var isChosen = new bool[train.UserCount];
        foreach (var u in chosen) isChosen[u] = true;

        var keepOriginal = new bool[train.Count];
        var keepTrain = new bool[train.Count];
        for (int u = 0; u < train.UserCount; u++)
        {
            int start = train.RowStart[u], n = train.RowLength(u);
            if (!isChosen[u])
            {
                for (int i = 0; i < n; i++) keepTrain[start + i] = true;
                continue;
            }
            for (int i = 0; i < n; i++) keepOriginal[start + i] = true;
            if (lightListens is { } light)
                foreach (var i in RevealOrder(n, seed, u).Take(light)) keepTrain[start + i] = true;
        }
        var userIds = chosen.Select(u => split.Train.Users.IdOf(u)).ToHashSet();
        var t = split.Train;
        var what = lightListens is { } k ? $"cut to {k} listens" : "removed";
        var coldTrain = new LastFmDataset($"{t.Source}, {chosen.Length} cold-start users {what} (seed {seed})", t.Users, t.ArtistIds, t.Artists, t.Tags,
            t.TagAssignments.Where(a => !userIds.Contains(a.UserId)).ToArray(), t.Friendships, train.Where(keepTrain), t.Notes)
        {
            TagTimestamps = t.TagTimestamps.Where(a => !userIds.Contains(a.UserId)).ToArray(),
        };
        return split with
        {
            Train = coldTrain,
            ColdStart = new ColdStartSample
            {
                Users = chosen, Seed = seed, MinTrainListens = minTrainListens, LightListens = lightListens, Original = train.Where(keepOriginal),
            },
        };
    }

    /// <summary>A user's reveal order: positions 0..n−1 of the user's training row, permuted by a stream from (seed, user).</summary>
    internal static int[] RevealOrder(int n, int seed, int user)
    {
        var order = Enumerable.Range(0, n).ToArray();
        new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, StreamPurpose.ColdStartReveal, (ulong)user)).Shuffle(order.AsSpan());
        return order;
    }
}
