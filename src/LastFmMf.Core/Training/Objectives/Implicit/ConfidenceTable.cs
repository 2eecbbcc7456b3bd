using LastFmMf.Scoring;

namespace LastFmMf.Training;

/// <summary>
/// c = 1 + α·f(plays) of a listen, in float, by play count: looked up for the small counts almost every listen has,
/// computed for the rest. It replaces two float copies of every listen's confidence (in user order and in artist order,
/// 112 MB at Last.fm-360K scale) with one table of 256 KB; the values are the same bits as <c>(float)ConfidenceOf(plays)</c>.
/// </summary>
internal sealed class ConfidenceTable
{
    private readonly ImplicitWeights _weights;
    private readonly PlayCountTable _table;

    public ConfidenceTable(ImplicitWeights weights)
    {
        _weights = weights;
        _table = new PlayCountTable(weights.ConfidenceOf);
    }

    /// <summary>Whether the table was made for these settings (the confidence reads α, f and ε only).</summary>
    public bool Serves(ImplicitSettings s) =>
        _weights.Settings.Alpha == s.Alpha && _weights.Settings.Confidence == s.Confidence && _weights.Settings.Epsilon == s.Epsilon;

    public float Of(int plays) => _table.Of(plays);

    /// <summary>into[i] = c of plays[i].</summary>
    public void Fill(ReadOnlySpan<int> plays, Span<float> into)
    {
        for (int i = 0; i < plays.Length; i++) into[i] = _table.Of(plays[i]);
    }
}
