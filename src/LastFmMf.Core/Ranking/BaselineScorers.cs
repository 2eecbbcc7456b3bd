using LastFmMf.Data;
using LastFmMf.Splitting;
using LastFmMf.Scoring;
using LastFmMf.Randomness;

namespace LastFmMf.Ranking;

/// <summary>Ranks every user's candidates by the number of training listeners of each artist: the trivial answer to beat.</summary>
public sealed class PopularityScorer : IRankedOnce
{
    private readonly float[] _listeners;
    private int[]? _order;

    public PopularityScorer(Interactions train)
    {
        ArgumentNullException.ThrowIfNull(train);
        _listeners = Array.ConvertAll(train.ListenerCounts(), c => (float)c);
    }

    public string Name => "Popularity";
    public int ArtistCount => _listeners.Length;
    public void ScoreAll(int user, Span<float> scores) => _listeners.CopyTo(scores);

    // The same ranking for everyone: most listeners first, ties by index, sorted once (a benign race: any thread builds the same array).
    ReadOnlySpan<int> IRankedOnce.Order => _order ??= RankedOnce.Descending(_listeners);
    float IRankedOnce.Score(int user, int artist) => _listeners[artist];
}

/// <summary>Ranks candidates in a random order drawn from (seed, user): the floor any model must clear.</summary>
public sealed class RandomScorer(int artistCount, int seed) : IArtistScorer
{
    public string Name => "Random";
    public int ArtistCount { get; } = artistCount;

    public void ScoreAll(int user, Span<float> scores)
    {
        var rng = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, StreamPurpose.RandomScores, (ulong)user));
        for (int a = 0; a < scores.Length; a++) scores[a] = (float)rng.NextDouble();
    }
}

/// <summary>The order of <see cref="IRankedOnce"/> scorers.</summary>
internal static class RankedOnce
{
    /// <summary>Indices by descending value, equal values by ascending index.</summary>
    public static int[] Descending<T>(IReadOnlyList<T> values) where T : IComparable<T>
    {
        var order = new int[values.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => values[b].CompareTo(values[a]) is var c && c != 0 ? c : a.CompareTo(b));
        return order;
    }
}
