using LastFmMf.Data;
using LastFmMf.Splitting;
using LastFmMf.Scoring;
using LastFmMf.Randomness;

namespace LastFmMf.Ranking;

/// <summary>Ranks every user's candidates by the number of training listeners of each artist: the trivial answer to beat.</summary>
public sealed class PopularityScorer : IArtistScorer
{
    private readonly float[] _listeners;

    public PopularityScorer(Interactions train)
    {
        ArgumentNullException.ThrowIfNull(train);
        _listeners = Array.ConvertAll(train.ListenerCounts(), c => (float)c);
    }

    public string Name => "Popularity";
    public int ArtistCount => _listeners.Length;
    public void ScoreAll(int user, Span<float> scores) => _listeners.CopyTo(scores);
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
