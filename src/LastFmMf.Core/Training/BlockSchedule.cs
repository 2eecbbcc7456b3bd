namespace LastFmMf.Training;

/// <summary>
/// The seeded round order of an FPSGD epoch: round r runs blocks (i, Columns[(i + Shifts[r]) mod B]) for i in 0..B−1,
/// which share no user range and no artist range. Drawn from (seed, EpochSchedule, epoch), so every objective that
/// uses the block scheme visits blocks in the same, reproducible order.
/// </summary>
internal readonly record struct BlockSchedule(int[] Shifts, int[] Columns)
{
    public static BlockSchedule For(int seed, int epoch, int blockCount)
    {
        var rng = new LastFmMf.Splitting.SeededRandom(LastFmMf.Splitting.SeededRandom.Derive((ulong)(uint)seed, LastFmMf.Splitting.StreamPurpose.EpochSchedule, (ulong)epoch));
        var shifts = new int[blockCount];
        var columns = new int[blockCount];
        for (int i = 0; i < blockCount; i++) shifts[i] = columns[i] = i;
        rng.Shuffle(shifts.AsSpan());
        rng.Shuffle(columns.AsSpan());
        return new BlockSchedule(shifts, columns);
    }

    /// <summary>The artist-range (column) block of row block <paramref name="i"/> in round <paramref name="round"/>.</summary>
    public int Column(int round, int i) => Columns[(i + Shifts[round]) % Columns.Length];
}
