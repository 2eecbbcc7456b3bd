using System.Runtime.Intrinsics;

namespace LastFmMf.Training;

/// <summary>
/// The whole-array work every epoch does besides its pass: the copy its new factors start from and the check that
/// none went non-finite. At Last.fm-360K size (k = 64) that is 170 MB each, so both run in parallel chunks; the
/// copy's first touch of fresh pages is spread over the threads too.
/// </summary>
internal static class FactorArrays
{
    /// <summary>Floats per chunk (4 MB): enough to amortise the scheduling, few enough to balance two threads.</summary>
    private const int Chunk = 1 << 20;

    /// <summary>A new array with the contents of <paramref name="source"/>, copied on up to <paramref name="threads"/> threads.</summary>
    public static float[] CopyOf(float[] source, int threads)
    {
        var copy = GC.AllocateUninitializedArray<float>(source.Length);
        int chunks = (source.Length + Chunk - 1) / Chunk;
        if (chunks <= 1 || threads <= 1) source.AsSpan().CopyTo(copy);
        else
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
            {
                int from = c * Chunk, n = Math.Min(Chunk, source.Length - from);
                source.AsSpan(from, n).CopyTo(copy.AsSpan(from, n));
            });
        return copy;
    }

    /// <summary>Whether no element is NaN or ±∞ (exponent bits all set), on up to <paramref name="threads"/> threads.</summary>
    public static bool AllFinite(float[] x, int threads)
    {
        int chunks = (x.Length + Chunk - 1) / Chunk;
        if (chunks <= 1 || threads <= 1) return AllFinite(x.AsSpan());
        var bad = 0;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, (c, loop) =>
        {
            int from = c * Chunk;
            if (!AllFinite(x.AsSpan(from, Math.Min(Chunk, x.Length - from))))
            {
                Interlocked.Exchange(ref bad, 1);
                loop.Stop();
            }
        });
        return bad == 0;
    }

    private static bool AllFinite(ReadOnlySpan<float> x)
    {
        var bits = System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(x);
        var exponent = Vector256.Create(0x7F800000);
        int i = 0;
        for (; i <= bits.Length - Vector256<int>.Count; i += Vector256<int>.Count)
            if (Vector256.EqualsAny(Vector256.Create(bits.Slice(i, Vector256<int>.Count)) & exponent, exponent)) return false;
        for (; i < x.Length; i++)
            if (!float.IsFinite(x[i])) return false;
        return true;
    }
}
