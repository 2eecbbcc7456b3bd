using LastFmMf.Ranking;
using LastFmMf.Scoring;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;

namespace LastFmMf.Tests.Ranking;

public class TiledTopKTests
{
    /// <summary>A model whose factors are multiples of 1/4 in −1..1, so many (user, artist) scores tie exactly.</summary>
    private static FactorModel Coarse(int k, int users, int artists, bool biases, int seed)
    {
        var rng = new Random(seed);
        float[] Row() => Enumerable.Range(0, k).Select(_ => rng.Next(-4, 5) / 4f).ToArray();
        var listened = Enumerable.Range(0, users).SelectMany(u => Enumerable.Range(0, artists).Where(_ => rng.NextDouble() < 0.2).Select(a => (u, a, 1 + rng.Next(50)))).ToArray();
        return TinyModel.Create(k, Enumerable.Range(0, users).Select(_ => Row()).ToArray(), Enumerable.Range(0, artists).Select(_ => Row()).ToArray(),
            listened, useBiases: biases, mean: 0.5f,
            userBias: Enumerable.Range(0, users).Select(_ => rng.Next(-2, 3) / 2f).ToArray(),
            artistBias: Enumerable.Range(0, artists).Select(_ => rng.Next(-2, 3) / 2f).ToArray());
    }

    [Theory]
    [InlineData(64, true, 10)]
    [InlineData(64, false, 10)]
    [InlineData(37, true, 7)]   // a scalar tail after two 16-lane steps
    [InlineData(16, true, 1)]
    [InlineData(8, true, 10)]   // shorter than one vector: eight artists per vector, sequential sums
    [InlineData(5, false, 3)]
    [InlineData(1, true, 10)]
    [InlineData(32, true, 5000)] // more than the candidates: all of them, ranked
    public void Equals_TopN_on_ScoreAll_rows_ties_and_exclusions_included(int k, bool biases, int top)
    {
        // 150 users: two full blocks of 64 and a short one whose last group of four is padded; 5,000 artists: several tiles.
        var m = Coarse(k, 150, 5000, biases, seed: k + top);
        var users = Enumerable.Range(0, m.UserCount).Reverse().Append(3).ToArray();
        foreach (var exclude in new[] { m.Listened, null })
        {
            var got = new int[users.Length][];
            var scores = new float[users.Length][];
            TiledTopK.Run(m, users, exclude, top, threads: 3, (i, best, s) => { got[i] = best.ToArray(); scores[i] = s.ToArray(); });
            var row = new float[m.ArtistCount];
            for (int i = 0; i < users.Length; i++)
            {
                m.ScoreAll(users[i], row);
                var expected = new int[top];
                int n = TopN.Select(row, exclude is null ? [] : exclude.ArtistsOf(users[i]), expected);
                Assert.Equal(expected[..n], got[i]);
                Assert.Equal(got[i].Select(a => row[a]), scores[i]);
            }
        }
    }

    [Fact]
    public void The_tiled_path_meets_ties_at_its_cut_off()
    {
        // Every score ties: the top K must be the K lowest candidate indices, in index order.
        var m = TinyModel.Create(16, Enumerable.Range(0, 5).Select(_ => Enumerable.Repeat(0.5f, 16).ToArray()).ToArray(),
            Enumerable.Range(0, 3000).Select(_ => Enumerable.Repeat(0.25f, 16).ToArray()).ToArray(), [(0, 0, 1), (0, 2, 1)]);
        var top = Recommender.TopIndices(m, [0, 1, 2, 3, 4], 4, threadCount: 1);
        Assert.Equal([1, 3, 4, 5], top[0]);
        Assert.Equal([0, 1, 2, 3], top[4]);
    }
}
