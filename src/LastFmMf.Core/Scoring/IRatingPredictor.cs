using LastFmMf.Training;

namespace LastFmMf.Scoring;

/// <summary>Anything that predicts a target for a (user index, artist index) pair: a factor model or a baseline.</summary>
public interface IRatingPredictor
{
    /// <summary>A short name for tables ("GlobalMean", "UserArtistBias", "MF").</summary>
    string Name { get; }

    /// <summary>The scale the predictions are on.</summary>
    TargetTransform Transform { get; }

    /// <summary>The predicted target (on <see cref="Transform"/>'s scale) for dense indices.</summary>
    double Predict(int user, int artist);
}
