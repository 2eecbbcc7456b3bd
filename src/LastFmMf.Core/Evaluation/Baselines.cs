using LastFmMf.Data;
using LastFmMf.Training;
using LastFmMf.Scoring;

namespace LastFmMf.Evaluation;

/// <summary>Predicts the same value for every pair: the global mean, or 0.</summary>
public sealed class ConstantPredictor(string name, double value, TargetTransform transform) : IRatingPredictor
{
    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <summary>The value predicted for every pair.</summary>
    public double Value { get; } = value;

    /// <inheritdoc/>
    public TargetTransform Transform { get; } = transform;

    /// <inheritdoc/>
    public double Predict(int user, int artist) => Value;
}

/// <summary>r̂(u,a) = μ + b_u + b_a with regularised biases (Koren's baseline predictor).</summary>
public sealed class BiasPredictor : IRatingPredictor
{
    private readonly double[] _userBias, _artistBias;

    internal BiasPredictor(double mean, double[] userBias, double[] artistBias, TargetTransform transform)
    {
        GlobalMean = mean;
        _userBias = userBias;
        _artistBias = artistBias;
        Transform = transform;
    }

    /// <inheritdoc/>
    public string Name => "UserArtistBias";

    /// <summary>μ.</summary>
    public double GlobalMean { get; }

    /// <inheritdoc/>
    public TargetTransform Transform { get; }

    /// <summary>b_u.</summary>
    public double UserBias(int user) => _userBias[user];

    /// <summary>b_a.</summary>
    public double ArtistBias(int artist) => _artistBias[artist];

    /// <inheritdoc/>
    public double Predict(int user, int artist) => GlobalMean + _userBias[user] + _artistBias[artist];
}

/// <summary>Baselines to put beside a factor model: fitted on the training listens, measured on the same scale.</summary>
public static class Baselines
{
    /// <summary>Default λ of the user biases in <see cref="UserArtistBias(LastFmDataset, TransformKind, double, double, int)"/>.</summary>
    public const double DefaultUserRegularization = 1;

    /// <summary>Default λ of the artist biases in <see cref="UserArtistBias(LastFmDataset, TransformKind, double, double, int)"/>.</summary>
    public const double DefaultArtistRegularization = 10;

    /// <summary>The mean training target, for every pair.</summary>
    public static ConstantPredictor GlobalMean(LastFmDataset train, TransformKind transform = TransformKind.Log)
    {
        ArgumentNullException.ThrowIfNull(train);
        var t = TargetTransform.Fit(transform, train.Listens);
        return new ConstantPredictor("GlobalMean", Mean(train.Listens, t), t);
    }

    /// <summary>The mean training target on the scale of a given fitted transform (a model's).</summary>
    public static ConstantPredictor GlobalMean(LastFmDataset train, TargetTransform transform)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(transform);
        return new ConstantPredictor("GlobalMean", Mean(train.Listens, transform), transform);
    }

    /// <summary>0 for every pair (what gravity pulls unobserved pairs towards).</summary>
    public static ConstantPredictor PredictZero(LastFmDataset train, TransformKind transform = TransformKind.Log)
    {
        ArgumentNullException.ThrowIfNull(train);
        return new ConstantPredictor("PredictZero", 0, TargetTransform.Fit(transform, train.Listens));
    }

    /// <summary>
    /// μ + b_u + b_a minimising Σ(r − μ − b_u − b_a)² + λ_u Σb_u² + λ_a Σb_a² by exact alternating passes
    /// (b_a given b_u in closed form, then b_u given b_a), starting with the artists.
    /// </summary>
    /// <param name="train">Training listens.</param>
    /// <param name="transform">Target scale; default Log.</param>
    /// <param name="userRegularization">λ_u ≥ 0; default 1 (tuned on a validation hold-out of the seed-42 train part).</param>
    /// <param name="artistRegularization">λ_a ≥ 0; default 10 (tuned likewise).</param>
    /// <param name="passes">Alternating passes, 1..1000; default 20.</param>
    public static BiasPredictor UserArtistBias(LastFmDataset train, TransformKind transform = TransformKind.Log,
        double userRegularization = DefaultUserRegularization, double artistRegularization = DefaultArtistRegularization, int passes = 20)
    {
        ArgumentNullException.ThrowIfNull(train);
        return UserArtistBias(train, TargetTransform.Fit(transform, train.Listens), userRegularization, artistRegularization, passes);
    }

    /// <summary>As <see cref="UserArtistBias(LastFmDataset, TransformKind, double, double, int)"/>, on the scale of a given
    /// fitted transform (a model's, so that baseline and model errors are measured on exactly the same targets).</summary>
    public static BiasPredictor UserArtistBias(LastFmDataset train, TargetTransform t,
        double userRegularization = DefaultUserRegularization, double artistRegularization = DefaultArtistRegularization, int passes = 20)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(t);
        Check.Range(userRegularization, 0, 1e9, nameof(userRegularization));
        Check.Range(artistRegularization, 0, 1e9, nameof(artistRegularization));
        Check.Range(passes, 1, 1000, nameof(passes));
        var l = train.Listens;
        double mu = Mean(l, t);
        var target = new double[l.Count];
        for (int i = 0; i < l.Count; i++) target[i] = t.Apply(l.Plays[i]);
        var bu = new double[l.UserCount];
        var ba = new double[l.ArtistCount];
        var sumA = new double[l.ArtistCount];
        var cntA = new int[l.ArtistCount];
        for (int pass = 0; pass < passes; pass++)
        {
            Array.Clear(sumA);
            Array.Clear(cntA);
            for (int u = 0; u < l.UserCount; u++)
                for (int i = l.RowStart[u]; i < l.RowStart[u + 1]; i++)
                {
                    int a = l.ArtistIndex[i];
                    sumA[a] += target[i] - mu - bu[u];
                    cntA[a]++;
                }
            for (int a = 0; a < ba.Length; a++) ba[a] = sumA[a] / (artistRegularization + cntA[a] + (cntA[a] == 0 && artistRegularization == 0 ? 1 : 0));
            for (int u = 0; u < l.UserCount; u++)
            {
                double s = 0;
                int n = l.RowStart[u + 1] - l.RowStart[u];
                for (int i = l.RowStart[u]; i < l.RowStart[u + 1]; i++) s += target[i] - mu - ba[l.ArtistIndex[i]];
                bu[u] = n == 0 && userRegularization == 0 ? 0 : s / (userRegularization + n);
            }
        }
        return new BiasPredictor(mu, bu, ba, t);
    }

    private static double Mean(Interactions l, TargetTransform t)
    {
        if (l.Count == 0) return 0;
        double s = 0;
        foreach (var w in l.Plays) s += t.Apply(w);
        return s / l.Count;
    }
}
