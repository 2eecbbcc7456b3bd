using LastFmMf.Data;
using LastFmMf.Evaluation;
using LastFmMf.Ranking;
using LastFmMf.Scoring;
using LastFmMf.Splitting;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Evaluation;

/// <summary>The fast top-K paths of <see cref="RankingMetrics"/> (tiled model scores, an order ranked once) give exactly the
/// numbers of the plain path: ScoreAll and TopN.Select for every user.</summary>
public class RankingPathsTests
{
    /// <summary>Hides what a scorer is, so RankingMetrics takes its plain path.</summary>
    private sealed class Plain(IArtistScorer inner) : IArtistScorer
    {
        public string Name => inner.Name;
        public int ArtistCount => inner.ArtistCount;
        public void ScoreAll(int user, Span<float> scores) => inner.ScoreAll(user, scores);
    }

    private static DataSplit Split() => Splitter.PerUser(Tiny.Synthetic(300, 400, 0.08, seed: 11), 0.3, seed: 3);

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(500)]
    public void Popularity_ranked_once_equals_scoring_every_artist(int k)
    {
        var split = Split();
        var pop = new PopularityScorer(split.Train.Listens);
        Assert.Equal(RankingMetrics.Evaluate(new Plain(pop), split.Train.Listens, split.Test.Listens, k, 2),
            RankingMetrics.Evaluate(pop, split.Train.Listens, split.Test.Listens, k, 3));
    }

    [Fact]
    public void A_model_through_the_tiled_top_K_equals_scoring_every_artist()
    {
        var split = Split();
        var rng = new Random(4);
        float[] Row() => Enumerable.Range(0, 24).Select(_ => rng.Next(-3, 4) / 3f).ToArray();
        var l = split.Train.Listens;
        var m = TinyModel.Create(24, Enumerable.Range(0, l.UserCount).Select(_ => Row()).ToArray(), Enumerable.Range(0, l.ArtistCount).Select(_ => Row()).ToArray(),
            [(0, 0, 1)], useBiases: true, mean: 1);
        Assert.Equal(RankingMetrics.Evaluate(new Plain(m), l, split.Test.Listens, 10, 1), RankingMetrics.Evaluate(m, l, split.Test.Listens, 10, 2));
    }

    [Fact]
    public void UserArtistBias_ranked_once_equals_scoring_every_artist_where_rounding_makes_ties()
    {
        var split = Split();
        var l = split.Train.Listens;
        // b_a a step of 2^-30 apart: distinct in double, many equal once μ + b_u + b_a is rounded to float.
        var ba = Enumerable.Range(0, l.ArtistCount).Select(a => (a * 7919 % 13) * Math.Pow(2, -30)).ToArray();
        var bu = Enumerable.Range(0, l.UserCount).Select(u => (u % 5) * 0.37).ToArray();
        var bias = new BiasPredictor(2.5, bu, ba, new TargetTransform(TransformKind.Log, 1, 100));
        var ranked = ModelEvaluation.RankerOf(bias, l.ArtistCount);
        Assert.IsAssignableFrom<IRankedOnce>(ranked);
        Assert.Equal(RankingMetrics.Evaluate(new Plain(ranked), l, split.Test.Listens, 10, 1), RankingMetrics.Evaluate(ranked, l, split.Test.Listens, 10, 2));
    }

    [Fact]
    public void Random_is_unchanged_by_the_faster_draw()
    {
        var scorer = new RandomScorer(1000, 42);
        var got = new float[1000];
        scorer.ScoreAll(17, got);
        var rng = new LastFmMf.Randomness.SeededRandom(LastFmMf.Randomness.SeededRandom.Derive(42, LastFmMf.Randomness.StreamPurpose.RandomScores, 17));
        Assert.Equal(Enumerable.Range(0, 1000).Select(_ => (float)rng.NextDouble()), got);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(400)] // every candidate
    public void Random_selected_from_its_draws_equals_scoring_every_artist(int k)
    {
        var split = Split();
        var random = new RandomScorer(split.Train.ArtistCount, 9);
        Assert.Equal(RankingMetrics.Evaluate(new Plain(random), split.Train.Listens, split.Test.Listens, k, 2),
            RankingMetrics.Evaluate(random, split.Train.Listens, split.Test.Listens, k, 3));
    }

    [Fact]
    public void The_integer_bar_of_Random_is_exact_at_the_float_boundaries()
    {
        foreach (var worst in new[] { 0f, 1e-20f, 0.25f, 0.5f, 0.7777f, BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(1f) - 1), 1f })
        {
            ulong bar = RandomScorer.LeastAbove(worst);
            if (bar < 1UL << 53) Assert.True((float)((long)bar * (1.0 / (1L << 53))) > worst);
            if (bar > 0) Assert.False((float)((long)(bar - 1) * (1.0 / (1L << 53))) > worst);
        }
    }
}
