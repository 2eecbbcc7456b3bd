using LastFmMf.Splitting;
using LastFmMf.Randomness;

namespace LastFmMf.Training;

/// <summary>One block of an FPSGD epoch: its place in the schedule and the seeded permutation to walk its pairs in.</summary>
/// <param name="Block">Index into <see cref="TrainingData.BlockStart"/> (row range × B + column range).</param>
/// <param name="Column">The block's artist range.</param>
/// <param name="Start">Offset of the block's first pair in <see cref="TrainingData.Ratings"/>.</param>
/// <param name="Count">Pairs in the block.</param>
/// <param name="Run">Pairs per run: the block is walked in runs of this many consecutive pairs (the last may be shorter);
/// 1 for <see cref="SgdOrder.Shuffled"/>, <see cref="BlockRunner.GroupedRun"/> for <see cref="SgdOrder.Grouped"/>.</param>
/// <param name="First">The first run visited.</param>
/// <param name="Step">Stride of the walk over the runs, coprime to their number: run j is (First + j·Step) mod Runs.</param>
internal readonly record struct BlockVisit(int Block, int Column, int Start, int Count, int Run, int First, int Step)
{
    /// <summary>The number of runs, ⌈Count / Run⌉.</summary>
    public int Runs => (Count + Run - 1) / Run;
}

/// <summary>
/// The FPSGD schedule every SGD objective shares (Chin, Zhuang, Juan and Lin, ACM TIST 2015): B rounds in a seeded order;
/// round r runs blocks (i, Columns[(i + Shifts[r]) mod B]) for i in 0..B−1, which share no user range and no artist
/// range, so they run in parallel; each block's runs of pairs are walked in a fresh permutation drawn from (seed,
/// BlockOrder, epoch, block). What a block computes depends only on the seed, so the result is bit-identical for any
/// thread count.
/// </summary>
internal static class BlockRunner
{
    /// <summary>
    /// Pairs per run of <see cref="SgdOrder.Grouped"/>. Long enough that a user's factors are reused across their pairs
    /// and the pairs stream from memory; short enough that the order of runs still mixes users and artists within the
    /// block. Part of the result's identity: changing it changes every Grouped model.
    /// </summary>
    public const int GroupedRun = 64;

    /// <summary>
    /// Runs <paramref name="pass"/> on every non-empty block of epoch <paramref name="epoch"/> (0-based), on up to
    /// <paramref name="threads"/> threads; <paramref name="beforeRound"/>, when given, runs alone before each round r
    /// (0..B−1), between the parallel parts.
    /// </summary>
    public static void Run(TrainingData d, int seed, int epoch, int threads, Action<BlockVisit> pass, Action<int>? beforeRound = null)
    {
        int b = d.BlockCount;
        var rng = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, StreamPurpose.EpochSchedule, (ulong)epoch));
        var shifts = new int[b];
        var columns = new int[b];
        for (int i = 0; i < b; i++) shifts[i] = columns[i] = i;
        rng.Shuffle(shifts.AsSpan());
        rng.Shuffle(columns.AsSpan());
        threads = Math.Clamp(threads, 1, b);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        for (int r = 0; r < b; r++)
        {
            beforeRound?.Invoke(r);
            int shift = shifts[r];
            void Visit(int i)
            {
                int column = columns[(i + shift) % b];
                int block = i * b + column;
                int start = d.BlockStart[block], n = d.BlockStart[block + 1] - start;
                if (n == 0) return;
                var order = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, StreamPurpose.BlockOrder, (ulong)epoch, (ulong)block));
                int run = d.WalkOrder == SgdOrder.Grouped ? GroupedRun : 1;
                int runs = (n + run - 1) / run;
                int first = order.NextInt(runs);
                int step = 1;
                if (runs > 2)
                    do step = 1 + order.NextInt(runs - 1); while (Gcd(step, runs) != 1);
                pass(new BlockVisit(block, column, start, n, run, first, step));
            }
            // One Parallel.For per round: the pool's threads park between rounds instead of spinning at a barrier,
            // which stalled small multi-threaded runs when threads outnumbered cores.
            if (threads == 1) for (int i = 0; i < b; i++) Visit(i);
            else Parallel.For(0, b, options, Visit);
        }
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
