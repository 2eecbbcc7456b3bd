namespace LastFmMf.Scoring;

/// <summary>
/// A function of a listen's play count, in float, looked up for the small counts almost every listen has and computed
/// for the rest: the same bits as <c>(float)f(plays)</c> without a logarithm per listen (the Log target is ln(1 + plays),
/// and an epoch at Last.fm-360K size reads 5 M held-out listens for its RMSEs).
/// </summary>
internal sealed class PlayCountTable
{
    /// <summary>Counts below this are looked up: 256 KB, and its hot head stays in L1.</summary>
    public const int Size = 1 << 16;

    private readonly Func<double, double> _f;
    private readonly float[] _table = new float[Size];

    public PlayCountTable(Func<double, double> f)
    {
        _f = f;
        for (int p = 0; p < Size; p++) _table[p] = (float)f(p);
    }

    public float Of(int plays) => (uint)plays < Size ? _table[plays] : (float)_f(plays);
}
