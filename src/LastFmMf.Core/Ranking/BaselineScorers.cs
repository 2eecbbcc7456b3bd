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
        var rng = Stream(user);
        for (int a = 0; a < scores.Length; a++) scores[a] = (float)rng.NextDouble();
    }

    /// <summary>
    /// <see cref="TopN.Select"/> on <see cref="ScoreAll"/>'s row without the row: the draws are made in the same order, and
    /// since a draw's score rises with its 53 bits, a full heap's worst score is turned into the least 53-bit value that
    /// beats it, so most artists cost a draw and an integer comparison.
    /// </summary>
    internal int Select(int user, ReadOnlySpan<int> excludeSorted, Span<int> result, Span<float> kept)
    {
        var rng = Stream(user);
        var heap = new TopKHeap(result, kept);
        ulong bar = 0;
        int cursor = 0;
        for (int a = 0; a < ArtistCount; a++)
        {
            ulong bits = rng.NextUInt64() >> 11;
            if (bits < bar) continue;
            while (cursor < excludeSorted.Length && excludeSorted[cursor] < a) cursor++;
            if (cursor < excludeSorted.Length && excludeSorted[cursor] == a) continue;
            heap.Offer(a, Score(bits));
            if (heap.Full) bar = LeastAbove(heap.Worst);
        }
        return heap.Finish();
    }

    private SeededRandom Stream(int user) => new(SeededRandom.Derive((ulong)(uint)seed, StreamPurpose.RandomScores, (ulong)user));

    /// <summary>The score of 53 random bits, as (float)NextDouble() makes it.</summary>
    private static float Score(ulong bits) => (float)((long)bits * (1.0 / (1L << 53)));

    /// <summary>The least 53-bit value whose score is above <paramref name="worst"/> (2⁵³, none, when no score is).</summary>
    internal static ulong LeastAbove(float worst)
    {
        ulong lo = 0, hi = 1UL << 53;
        while (lo < hi)
        {
            ulong mid = lo + (hi - lo) / 2;
            if (Score(mid) > worst) hi = mid;
            else lo = mid + 1;
        }
        return lo;
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
