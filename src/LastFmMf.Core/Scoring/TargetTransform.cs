using LastFmMf.Data;

namespace LastFmMf.Scoring;

/// <summary>How play counts w become the targets r that the model fits.</summary>
public enum TransformKind
{
    /// <summary>r = ln(1 + w). The default: play counts span 1..352,698 and are heavy-tailed.</summary>
    Log,
    /// <summary>r = (w − min) / (max − min) with min and max of the training play counts (the course's seed setting).</summary>
    MinMax,
    /// <summary>
    /// r = w / s, the play count on a linear scale: s is the root mean square of the training play counts, so the
    /// targets are of order 1 and SGD is stable at the learning rates that suit the other transforms (unscaled counts of
    /// up to 352,698 diverge at any learning rate). Predictions are read back in plays (× s).
    /// </summary>
    Raw,
    /// <summary>r = 1 for every observed listen (only meaningful with ranking objectives or gravity).</summary>
    Binary,
}

/// <summary>
/// The map from play counts to targets, with the constants it was fitted with. It travels with the model, so a
/// prediction can be read on the target scale (<c>FactorModel.Predict</c>) or back in plays (<see cref="Invert"/>).
/// </summary>
/// <param name="Kind">Which map.</param>
/// <param name="Min">Smallest training play count (used by MinMax).</param>
/// <param name="Max">Largest training play count (used by MinMax).</param>
/// <param name="Scale">The divisor of Raw: the root mean square of the training play counts (1 for the other kinds,
/// and for Raw models saved before Raw was scaled, whose files have no scale).</param>
public sealed record TargetTransform(TransformKind Kind, double Min, double Max, double Scale = 1)
{
    /// <summary>The transform of a kind, fitted to the play counts of <paramref name="listens"/>.</summary>
    public static TargetTransform Fit(TransformKind kind, Interactions listens)
    {
        ArgumentNullException.ThrowIfNull(listens);
        double min = double.PositiveInfinity, max = double.NegativeInfinity, squares = 0;
        foreach (double w in listens.Plays)
        {
            if (w < min) min = w;
            if (w > max) max = w;
            squares += w * w;
        }
        if (listens.Count == 0) (min, max) = (0, 1);
        double rms = listens.Count == 0 ? 1 : Math.Sqrt(squares / listens.Count);
        return new TargetTransform(kind, min, max, kind == TransformKind.Raw && rms > 0 ? rms : 1);
    }

    /// <summary>The target of a play count.</summary>
    public double Apply(double plays) => Kind switch
    {
        TransformKind.Log => Math.Log(1 + plays),
        TransformKind.MinMax => Max > Min ? (plays - Min) / (Max - Min) : 0,
        TransformKind.Raw => plays / Scale,
        TransformKind.Binary => 1,
        _ => throw new InvalidOperationException($"Unknown transform {Kind}."),
    };

    /// <summary>The play count of a target (for Binary, the score itself).</summary>
    public double Invert(double target) => Kind switch
    {
        TransformKind.Log => Math.Exp(target) - 1,
        TransformKind.MinMax => Min + target * (Max - Min),
        TransformKind.Raw => target * Scale,
        TransformKind.Binary => target,
        _ => throw new InvalidOperationException($"Unknown transform {Kind}."),
    };
}
