using LastFmMf.Training;
using Xunit;

namespace LastFmMf.Tests.Training;

/// <summary>The epoch's whole-array copy and finiteness check: the same answer on any thread count, at any position.</summary>
public class FactorArraysTests
{
    // Three chunks and a tail that is not a whole vector, so the parallel path, the vector loop and the scalar tail all run.
    private const int Length = (2 << 20) + 1000 + 5;

    private static float[] Values()
    {
        var x = new float[Length];
        for (int i = 0; i < x.Length; i++) x[i] = (i % 7 - 3) * 1e30f + i * 1e-3f; // large but finite, both signs
        x[17] = float.MaxValue;
        x[18] = -float.Epsilon;
        return x;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void The_copy_is_bit_for_bit_and_a_new_array(int threads)
    {
        var x = Values();
        var copy = FactorArrays.CopyOf(x, threads);
        Assert.NotSame(x, copy);
        Assert.True(Bits.Same(x, copy));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Finite_values_pass_and_any_nan_or_infinity_anywhere_fails(int threads)
    {
        var x = Values();
        Assert.True(FactorArrays.AllFinite(x, threads));
        // First element, inside the vector loop of a middle chunk, the last whole vector, the scalar tail.
        foreach (int at in new[] { 0, (1 << 20) + 3, Length - 13, Length - 1 })
            foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
            {
                var y = (float[])x.Clone();
                y[at] = bad;
                Assert.False(FactorArrays.AllFinite(y, threads), $"{bad} at {at} on {threads} thread(s)");
            }
        Assert.True(FactorArrays.AllFinite([], threads));
    }
}
