namespace LastFmMf.Scoring;

/// <summary>
/// Anything that ranks artists for a user: a factor model, or a baseline such as Popularity or Random.
/// Higher scores rank first. Ranking, evaluation and explanations work on this, so they work the same for
/// every objective a model was trained with.
/// </summary>
public interface IArtistScorer
{
    /// <summary>A short name for tables ("BiasedMF", "Popularity", "Random").</summary>
    string Name { get; }

    /// <summary>N, the number of artists scored.</summary>
    int ArtistCount { get; }

    /// <summary>Writes the score of every artist (dense index) for a user (dense index) into <paramref name="scores"/> (length N).</summary>
    void ScoreAll(int user, Span<float> scores);
}

/// <summary>
/// A scorer whose ranking is one order of the artists for every user, up to ties: Popularity, or μ + b_u + b_a. Ranking
/// metrics then walk that order once per user, skipping the user's training artists, instead of scoring and scanning
/// all N (<see cref="RankingMetrics"/>); the user's own scores still decide the ties, so the top K are exactly those of
/// <see cref="IArtistScorer.ScoreAll"/> and <see cref="TopN.Select"/>.
/// </summary>
internal interface IRankedOnce : IArtistScorer
{
    /// <summary>Every artist once, in an order along which each user's <see cref="Score"/> never increases.</summary>
    ReadOnlySpan<int> Order { get; }

    /// <summary>The user's score of one artist, as <see cref="IArtistScorer.ScoreAll"/> writes it.</summary>
    float Score(int user, int artist);
}
