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
