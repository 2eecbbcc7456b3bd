namespace LastFmMf.Training;

/// <summary>How an SGD epoch walks the pairs of a block.</summary>
public enum SgdOrder
{
    /// <summary>In runs of <see cref="BlockRunner.GroupedRun"/> consecutive pairs of the block, which holds each user's
    /// pairs together: the runs are visited in a fresh seeded permutation each epoch, the pairs of a run in turn. A user's
    /// factors stay in cache across their pairs, so the pass streams instead of jumping (the default).</summary>
    Grouped,

    /// <summary>Each pair at a random place: the block is shuffled once and walked in a fresh seeded permutation each
    /// epoch (the order before Grouped existed; model files without the setting were trained so).</summary>
    Shuffled,
}
