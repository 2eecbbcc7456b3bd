namespace LastFmMf.Randomness;

/// <summary>Purpose tags of derived random streams, so no two uses of one seed share a stream.</summary>
internal static class StreamPurpose
{
    public const ulong PerUserSplit = 1;
    public const ulong RandomSplit = 2;
    public const ulong Initialisation = 3;
    public const ulong EpochSchedule = 4;
    public const ulong BlockOrder = 5;
    public const ulong Validation = 6;
    public const ulong DataOrder = 7;
    public const ulong RandomScores = 8;
    public const ulong NegativeSampling = 9;
    public const ulong ValidationSample = 10;
    public const ulong ColdStartUsers = 11;
    public const ulong ColdStartReveal = 12;
}
