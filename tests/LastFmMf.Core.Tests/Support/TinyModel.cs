using LastFmMf.Data;
using LastFmMf.Splitting;
using LastFmMf.Training;
using LastFmMf.Scoring;

namespace LastFmMf.Tests.Support;

/// <summary>Factor models with hand-set factors, and one trained model on the real data shared by the real-data tests.</summary>
public static class TinyModel
{
    /// <summary>A model over users 1..M and artists 1..N ("Artist 1".. unless names are given) with the given factors.</summary>
    public static FactorModel Create(int k, float[][] users, float[][] artists, (int User, int Artist, int Plays)[] listened,
        bool useBiases = false, float mean = 0, float[]? userBias = null, float[]? artistBias = null, string[]? names = null,
        TransformKind transform = TransformKind.Log)
    {
        int m = users.Length, n = artists.Length;
        var artistRows = Enumerable.Range(0, n).Select(i => new Artist(i + 1, names?[i] ?? $"Artist {i + 1}", "", "")).ToArray();
        var l = Interactions.FromTriples(m, n, listened.Select(x => x.User).ToArray(), listened.Select(x => x.Artist).ToArray(), listened.Select(x => x.Plays).ToArray());
        var model = new FactorModel(k, users.SelectMany(x => x).ToArray(), artists.SelectMany(x => x).ToArray(),
            userBias ?? new float[m], artistBias ?? new float[n], mean, useBiases, new TargetTransform(transform, 1, 100),
            IdMap.FromIds(Enumerable.Range(1, m)), IdMap.FromIds(Enumerable.Range(1, n)), artistRows);
        var tags = Enumerable.Range(0, n).Select(i => new[] { $"tag{i + 1}a", $"tag{i + 1}b" }).ToArray();
        return model.WithContext(l, tags);
    }

    private static readonly Lazy<(DataSplit Split, TrainingRun Run)> Real = new(() =>
    {
        var split = Splitter.PerUser(RealData.Dataset, 0.2, seed: 42);
        return (split, Trainer.Train(split, Hyperparameters.DefaultsFor("Squared") with { ThreadCount = 2 }));
    });

    /// <summary>The seed-42 PerUser 0.2 split of the real data and the default squared-loss run on it (trained once per test run).</summary>
    public static (DataSplit Split, TrainingRun Run) RealRun { get { _ = RealData.Path; return Real.Value; } }
}
