using LastFmMf.Training;
using Xunit;

namespace LastFmMf.Tests.Training;

/// <summary>The chunked Gram matrix and gravity step: the same bits for any thread count, and the plain sums up to rounding.</summary>
public class GramTests
{
    private static float[] Matrix(int rows, int k, int seed)
    {
        var rng = new Random(seed);
        var x = new float[rows * k];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() - 0.5);
        return x;
    }

    [Fact]
    public void Chunked_gram_and_shrink_do_not_depend_on_threads_and_match_the_definition()
    {
        const int rows = 5000, k = 12; // three chunks of Gram.ChunkRows
        var x = Matrix(rows, k, 3);
        var one = Gram.Of(x, rows, k, 1);
        Assert.Equal(one, Gram.Of(x, rows, k, 2));
        Assert.Equal(one, Gram.Of(x, rows, k, 4));
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                double s = 0;
                for (int r = 0; r < rows; r++) s += (double)x[r * k + i] * x[r * k + j];
                Assert.Equal(s, one[i * k + j], 9);
                Assert.Equal(one[i * k + j], one[j * k + i]);
            }
        var a = new float[x.Length];
        var b = new float[x.Length];
        SquaredLoss.ShrinkRows(x, a, rows, k, one, 1e-4, 1);
        SquaredLoss.ShrinkRows(x, b, rows, k, one, 1e-4, 4);
        Assert.Equal(a, b);
        var inPlace = (float[])x.Clone();
        SquaredLoss.ShrinkRows(inPlace, inPlace, rows, k, one, 1e-4, 2);
        Assert.Equal(a, inPlace);
    }
}
