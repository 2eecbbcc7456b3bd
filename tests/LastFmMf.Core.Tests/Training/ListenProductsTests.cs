using LastFmMf.Training;
using Xunit;

namespace LastFmMf.Tests.Training;

/// <summary>
/// The conjugate-gradient solver's listen products against the plain loop they replace: each row's dot summed as
/// <see cref="ConjugateGradient.Dot"/> sums it, its coefficient a − m·dot, then each element of o updated row by row with one
/// fused multiply-add. Bit for bit, for every way the kernel splits rows (groups of eight, four, single rows, chunk tails)
/// and k (multiples of 16 and of 8, and neither).
/// </summary>
public unsafe class ListenProductsTests
{
    [Theory]
    [InlineData(64, 1)]
    [InlineData(64, 7)]
    [InlineData(64, 8)]
    [InlineData(64, 13)]
    [InlineData(64, 16)]
    [InlineData(64, 41)]
    [InlineData(128, 33)]
    [InlineData(24, 19)]
    [InlineData(8, 12)]
    [InlineData(13, 21)]
    public void Add_is_the_row_by_row_loop_bit_for_bit(int k, int n)
    {
        var rng = new Random(k * 1000 + n);
        float Next() => (float)(rng.NextDouble() * 2 - 1);
        var u = Enumerable.Range(0, n * k).Select(_ => Next()).ToArray();
        var v = Enumerable.Range(0, k).Select(_ => Next()).ToArray();
        var m = Enumerable.Range(0, n).Select(_ => Next() * 3).ToArray();
        var a = Enumerable.Range(0, n).Select(_ => Next() * 5).ToArray();
        var start = Enumerable.Range(0, k).Select(_ => Next()).ToArray();
        foreach (var withA in new[] { true, false })
        {
            var expected = (float[])start.Clone();
            var actual = (float[])start.Clone();
            fixed (float* up = u, vp = v, ep = expected, ap = actual)
            {
                for (int t = 0; t < n; t++)
                {
                    float product = m[t] * ConjugateGradient.Dot(up + t * k, vp, k);
                    float coef = withA ? a[t] - product : product;
                    for (int i = 0; i < k; i++) ep[i] = MathF.FusedMultiplyAdd(up[t * k + i], coef, ep[i]);
                }
                ListenProducts.Add(up, n, k, vp, m, withA ? a : default, ap);
            }
            Assert.True(Bits.Same(expected, actual), $"k={k} n={n} with a: {withA}");
        }
    }
}
