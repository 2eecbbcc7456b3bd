using System.Runtime.InteropServices;
using LastFmMf.Data;
using LastFmMf.Splitting;
using LastFmMf.Scoring;
using LastFmMf.Randomness;

namespace LastFmMf.Training;

/// <summary>One observed pair in training order: dense user and artist indices and the target.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct Rating(int User, int Artist, float Target);

/// <summary>
/// The data an epoch reads, prepared once per run: the fit listens (Train less the validation hold-out) as targets, cut
/// into B×B blocks for the parallel schedule; the validation and test listens for monitoring; μ and the fitted
/// transform. Immutable. Built by <see cref="Create(LastFmDataset, LastFmDataset?, Hyperparameters)"/> from the
/// settings that shape it: the objective's targets, blocks and biases, ValidationFraction, ValidationSeed and Seed.
/// </summary>
public sealed class TrainingData
{
    /// <summary>All of Train: the fit listens and the validation listens together.</summary>
    public LastFmDataset Train { get; }

    /// <summary>The listens SGD fits (Train less validation).</summary>
    public LastFmDataset Fit { get; }

    /// <summary>The validation hold-out carved from Train, or null when ValidationFraction is 0.</summary>
    public LastFmDataset? Validation { get; }

    /// <summary>The test listens, monitored for information only (never used to stop or choose), or null.</summary>
    public LastFmDataset? Test { get; }

    /// <summary>The transform, fitted to the fit listens.</summary>
    public TargetTransform Transform { get; }

    /// <summary>μ: the mean fit target with biases, else 0.</summary>
    public double GlobalMean => GlobalMeanF;

    /// <summary>B, the number of user ranges and artist ranges.</summary>
    public int BlockCount { get; }

    internal readonly float GlobalMeanF;
    internal readonly int[] UserBlockStart, ArtistBlockStart; // B + 1 range bounds each
    internal readonly int[] UserCounts, ArtistCounts;         // fit listens per user / artist
    internal readonly float[] InverseUserCounts, InverseArtistCounts; // 1/n, 0 for none
    private readonly SgdOrder _order;
    private readonly int _seed;
    private readonly Lazy<(Rating[] Ratings, int[] BlockStart)> _blocks;
    private readonly (TransformKind, double, int, int, bool, int, SgdOrder) _shape;

    /// <summary>The fit pairs grouped by block (row block major) and, within a block, by user (<see cref="SgdOrder.Grouped"/>)
    /// or shuffled once (<see cref="SgdOrder.Shuffled"/>): the only copy of the fit pairs, made on first use, so an
    /// objective that reads the listens row by row (Implicit) never pays for it.</summary>
    internal Rating[] Ratings => _blocks.Value.Ratings;

    /// <summary>The fitted transform's target of a play count, as a float (tabulated: see <see cref="PlayCountTable"/>).</summary>
    internal PlayCountTable Targets { get; }

    /// <summary>How SGD walks the blocks (the objective's Order).</summary>
    internal SgdOrder WalkOrder => _order;

    /// <summary>B*B + 1 offsets into <see cref="Ratings"/>.</summary>
    internal int[] BlockStart => _blocks.Value.BlockStart;

    private TrainingData(LastFmDataset train, LastFmDataset fit, LastFmDataset? validation, LastFmDataset? test, Hyperparameters hp)
    {
        Train = train;
        Fit = fit;
        Validation = validation;
        Test = test;
        BlockCount = hp.Objective.Blocks;
        _order = hp.Objective.WalkOrder;
        _seed = hp.Seed;
        _shape = Shape(hp);
        Transform = TargetTransform.Fit(hp.Objective.Targets, fit.Listens);
        Targets = new PlayCountTable(Transform.Apply);
        var l = fit.Listens;
        double sum = 0;
        for (int u = 0; u < l.UserCount; u++)
            foreach (var plays in l.PlaysOf(u)) sum += Targets.Of(plays);
        GlobalMeanF = hp.Objective.Biases && l.Count > 0 ? (float)(sum / l.Count) : 0f;

        UserCounts = Enumerable.Range(0, l.UserCount).Select(l.RowLength).ToArray();
        ArtistCounts = l.ListenerCounts();
        InverseUserCounts = UserCounts.Select(n => n == 0 ? 0f : 1f / n).ToArray();
        InverseArtistCounts = ArtistCounts.Select(n => n == 0 ? 0f : 1f / n).ToArray();
        UserBlockStart = BalancedRanges(UserCounts, BlockCount);
        ArtistBlockStart = BalancedRanges(ArtistCounts, BlockCount);
        _blocks = new Lazy<(Rating[], int[])>(CutBlocks, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private (Rating[] Ratings, int[] BlockStart) CutBlocks()
    {
        int b = BlockCount;
        var l = Fit.Listens;
        var artistBlock = new int[l.ArtistCount];
        for (int c = 0; c < b; c++)
            for (int a = ArtistBlockStart[c]; a < ArtistBlockStart[c + 1]; a++) artistBlock[a] = c;

        var counts = new int[b * b];
        for (int rb = 0; rb < b; rb++)
            for (int u = UserBlockStart[rb]; u < UserBlockStart[rb + 1]; u++)
                foreach (var a in l.ArtistsOf(u)) counts[rb * b + artistBlock[a]]++;
        var blockStart = new int[b * b + 1];
        for (int i = 0; i < b * b; i++) blockStart[i + 1] = blockStart[i] + counts[i];
        // Filled user by user, so within a block each user's pairs are together, in artist order.
        var ratings = GC.AllocateUninitializedArray<Rating>(l.Count);
        var next = (int[])blockStart.Clone();
        for (int rb = 0; rb < b; rb++)
            for (int u = UserBlockStart[rb]; u < UserBlockStart[rb + 1]; u++)
            {
                var row = l.ArtistsOf(u);
                var plays = l.PlaysOf(u);
                for (int i = 0; i < row.Length; i++)
                    ratings[next[rb * b + artistBlock[row[i]]]++] = new Rating(u, row[i], Targets.Of(plays[i]));
            }
        // Shuffled: a seeded shuffle of each block, once; each epoch then walks it in a fresh seeded permutation.
        if (_order == SgdOrder.Shuffled)
            for (int blk = 0; blk < b * b; blk++)
            {
                var rng = new SeededRandom(SeededRandom.Derive((ulong)(uint)_seed, StreamPurpose.DataOrder, (ulong)blk));
                rng.Shuffle(ratings.AsSpan(blockStart[blk], blockStart[blk + 1] - blockStart[blk]));
            }
        return (ratings, blockStart);
    }

    /// <summary>
    /// Prepares <paramref name="train"/> (and optionally <paramref name="test"/>, monitored only) for the hyperparameters:
    /// carves the validation hold-out (PerUser, ValidationFraction, ValidationSeed), fits the transform, builds the blocks.
    /// </summary>
    public static TrainingData Create(LastFmDataset train, LastFmDataset? test, Hyperparameters hp)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(hp);
        if (test is not null && (test.UserCount != train.UserCount || test.ArtistCount != train.ArtistCount
                                 || DataFingerprint.Of(test.Users, test.ArtistIds) != DataFingerprint.Of(train.Users, train.ArtistIds)))
            throw new ArgumentException("Train and test must come from the same dataset (the same user and artist ids).", nameof(test));
        if (train.ListenCount == 0) throw new ArgumentException("Train has no listens.", nameof(train));
        LastFmDataset fit = train, validation = null!;
        if (hp.ValidationFraction > 0)
        {
            var carve = Splitter.PerUserCore(train, hp.ValidationFraction, hp.ValidationSeed, Splitter.DefaultMinListens, StreamPurpose.Validation);
            fit = carve.Train;
            validation = carve.Test;
        }
        return new TrainingData(train, fit, hp.ValidationFraction > 0 ? validation : null, test, hp);
    }

    /// <summary>Prepares the train part of a split, monitoring its test part.</summary>
    public static TrainingData Create(DataSplit split, Hyperparameters hp)
    {
        ArgumentNullException.ThrowIfNull(split);
        return Create(split.Train, split.Test, hp);
    }

    private (int Users, int Seed, Interactions Listens)? _stopping;

    /// <summary>With ValidationUsers 0, every validation user is scored up to this many; beyond, <see cref="AutomaticSample"/>.</summary>
    internal const int AutomaticAllUsers = 2_000;

    /// <summary>The sample ValidationUsers 0 scores when more than <see cref="AutomaticAllUsers"/> users have validation listens.</summary>
    internal const int AutomaticSample = 500;

    /// <summary>
    /// The validation listens early stopping scores: those of a seeded sample of <paramref name="users"/> users that have
    /// any (drawn once per data, from <paramref name="seed"/>), or with 0 all of them up to
    /// <see cref="AutomaticAllUsers"/> users, else a sample of <see cref="AutomaticSample"/>; null without validation.
    /// </summary>
    internal Interactions? StoppingListens(int users, int seed)
    {
        if (Validation is null) return null;
        // Asked for every epoch: the choice is made once per (users, seed) and kept.
        if (_stopping is { } c && c.Users == users && c.Seed == seed) return c.Listens;
        var listens = SampleStoppingListens(users, seed);
        _stopping = (users, seed, listens);
        return listens;
    }

    private Interactions SampleStoppingListens(int users, int seed)
    {
        var all = Validation!.Listens;
        var candidates = Enumerable.Range(0, all.UserCount).Where(u => all.RowLength(u) > 0).ToArray();
        if (users == 0) users = candidates.Length <= AutomaticAllUsers ? candidates.Length : AutomaticSample;
        if (users >= candidates.Length) return all;
        var rng = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, StreamPurpose.ValidationSample));
        rng.Shuffle(candidates.AsSpan());
        var chosen = candidates.Take(users).Order().ToArray();
        var rowStart = new int[all.UserCount + 1];
        var index = new List<int>();
        var plays = new List<int>();
        int next = 0;
        for (int u = 0; u < all.UserCount; u++)
        {
            rowStart[u] = index.Count;
            if (next < chosen.Length && chosen[next] == u)
            {
                next++;
                index.AddRange(all.ArtistsOf(u).ToArray());
                plays.AddRange(all.PlaysOf(u).ToArray());
            }
        }
        rowStart[all.UserCount] = index.Count;
        return new Interactions(all.UserCount, all.ArtistCount, rowStart, index.ToArray(), plays.ToArray());
    }

    /// <summary>M.</summary>
    public int UserCount => Fit.UserCount;

    /// <summary>N.</summary>
    public int ArtistCount => Fit.ArtistCount;

    /// <summary>|Ω|, the number of fit pairs (SGD updates per epoch).</summary>
    public int FitCount => Fit.ListenCount;

    internal bool Matches(Hyperparameters hp) => _shape == Shape(hp);

    private static (TransformKind, double, int, int, bool, int, SgdOrder) Shape(Hyperparameters hp) =>
        (hp.Objective.Targets, hp.ValidationFraction, hp.ValidationSeed, hp.Objective.Blocks, hp.Objective.Biases, hp.Seed, hp.Objective.WalkOrder);

    /// <summary>Cuts 0..weights.Length into <paramref name="b"/> contiguous ranges of about equal total weight.</summary>
    internal static int[] BalancedRanges(int[] weights, int b)
    {
        long total = 0;
        foreach (var w in weights) total += w;
        var bounds = new int[b + 1];
        long acc = 0;
        int next = 1;
        for (int i = 0; i < weights.Length && next < b; i++)
        {
            acc += weights[i];
            while (next < b && acc * b >= total * next) bounds[next++] = i + 1;
        }
        for (; next <= b; next++) bounds[next] = weights.Length;
        for (int i = 1; i <= b; i++) bounds[i] = Math.Max(bounds[i], bounds[i - 1]);
        return bounds;
    }
}
