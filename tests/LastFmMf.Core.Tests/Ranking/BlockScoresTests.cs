using System.Runtime.InteropServices;
using LastFmMf.Ranking;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;
using LastFmMf.Scoring;

namespace LastFmMf.Tests.Ranking;

public class BlockScoresTests
{
    [Theory]
    [InlineData(64, true)]
    [InlineData(64, false)]
    [InlineData(37, true)]  // a scalar tail after two 16-lane steps
    [InlineData(8, true)]   // shorter than one vector: falls back to ScoreAll
    public void Four_users_at_once_give_the_same_bits_as_ScoreAll(int k, bool biases)
    {
        var rng = new Random(k);
        float[] Row() => Enumerable.Range(0, k).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var users = Enumerable.Range(0, 9).Select(_ => Row()).ToArray();
        var artists = Enumerable.Range(0, 50).Select(_ => Row()).ToArray();
        var m = TinyModel.Create(k, users, artists, [(0, 0, 1)], useBiases: biases, mean: 1.25f,
            userBias: Enumerable.Range(0, 9).Select(i => i * 0.1f).ToArray(), artistBias: Enumerable.Range(0, 50).Select(i => -i * 0.01f).ToArray());
        int[] block = [7, 2, 2, 5];
        var got = new float[4 * 50];
        BlockScores.Score(m, block, got);
        for (int i = 0; i < 4; i++)
        {
            var expected = new float[50];
            m.ScoreAll(block[i], expected);
            Assert.True(MemoryMarshal.AsBytes(expected.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(got.AsSpan(i * 50, 50))), $"user {block[i]}");
        }
    }
}
