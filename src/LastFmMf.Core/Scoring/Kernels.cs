using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LastFmMf.Scoring;

/// <summary>
/// The hand-written hot loop: dot products and the SGD update of one pair, on contiguous float rows.
/// Arithmetic is lane-wise multiply and add in a fixed order (16 lanes, then a fixed reduction tree, then a
/// scalar tail), with no fused multiply-add, so the Vector512 and Vector256 paths give the same bits.
/// </summary>
internal static unsafe class Kernels
{
    internal static readonly bool Use512 = Vector512.IsHardwareAccelerated;

    /// <summary>Pairs ahead whose rows an SGD pass asks the cache for (see <see cref="Prefetch(float*, int)"/>).</summary>
    internal const int PrefetchAhead = 4;

    /// <summary>
    /// Asks for a row of k floats to be brought into the cache (a hint: no effect on any result). At Last.fm-360K size the
    /// artist rows of a block do not fit in cache, and a pass that waits for each row in turn is bound by memory latency;
    /// asking a few pairs ahead overlaps those waits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Prefetch(float* row, int k)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        for (int i = 0; i < k; i += 16) System.Runtime.Intrinsics.X86.Sse.Prefetch0(row + i);
    }

    /// <summary>Asks for the cache line holding <paramref name="value"/> (a hint, as <see cref="Prefetch(float*, int)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Prefetch(float* value)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported) System.Runtime.Intrinsics.X86.Sse.Prefetch0(value);
    }

    /// <summary>‖v‖, from the same dot product as every score, so a cosine is consistent with the dot it divides.</summary>
    public static double Norm(ReadOnlySpan<float> v) => Math.Sqrt(Dot(v, v));

    public static float Dot(ReadOnlySpan<float> p, ReadOnlySpan<float> q)
    {
        fixed (float* pp = p, qq = q) return Dot(pp, qq, p.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(float* p, float* q, int k)
    {
        int i = 0;
        float sum;
        if (k >= 16)
        {
            if (Use512)
            {
                var acc = Vector512.Load(p) * Vector512.Load(q);
                for (i = 16; i <= k - 16; i += 16) acc += Vector512.Load(p + i) * Vector512.Load(q + i);
                sum = Reduce(acc.GetLower() + acc.GetUpper());
            }
            else
            {
                var lo = Vector256.Load(p) * Vector256.Load(q);
                var hi = Vector256.Load(p + 8) * Vector256.Load(q + 8);
                for (i = 16; i <= k - 16; i += 16)
                {
                    lo += Vector256.Load(p + i) * Vector256.Load(q + i);
                    hi += Vector256.Load(p + i + 8) * Vector256.Load(q + i + 8);
                }
                sum = Reduce(lo + hi);
            }
        }
        else sum = 0f;
        for (; i < k; i++) sum += p[i] * q[i];
        return sum;
    }

    /// <summary>The fixed reduction tree every dot product ends with; shared so all scorers give the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Reduce(Vector256<float> v)
    {
        var v4 = v.GetLower() + v.GetUpper();
        float a = v4.GetElement(0) + v4.GetElement(2);
        float b = v4.GetElement(1) + v4.GetElement(3);
        return a + b;
    }

    /// <summary>Span form of <see cref="Update(float*, float*, int, float, float, float)"/>.</summary>
    public static void Update(Span<float> p, Span<float> q, float g, float sp, float sq)
    {
        if (p.Length != q.Length) throw new ArgumentException("p and q differ in length.");
        fixed (float* pp = p, qq = q) Update(pp, qq, p.Length, g, sp, sq);
    }

    /// <summary>
    /// One SGD step on the pair (p, q) with error coefficient g = η·e and shrinks sp = 1 − η·λ/n_u, sq = 1 − η·λ/n_a:
    /// p' = sp·p + g·q, q' = sq·q + g·p (both from the old values).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update(float* p, float* q, int k, float g, float sp, float sq)
    {
        int i = 0;
        if (Use512)
        {
            var gv = Vector512.Create(g);
            var spv = Vector512.Create(sp);
            var sqv = Vector512.Create(sq);
            for (; i <= k - 16; i += 16)
            {
                var pv = Vector512.Load(p + i);
                var qv = Vector512.Load(q + i);
                (spv * pv + gv * qv).Store(p + i);
                (sqv * qv + gv * pv).Store(q + i);
            }
        }
        else
        {
            var gv = Vector256.Create(g);
            var spv = Vector256.Create(sp);
            var sqv = Vector256.Create(sq);
            for (; i <= k - 8; i += 8)
            {
                var pv = Vector256.Load(p + i);
                var qv = Vector256.Load(q + i);
                (spv * pv + gv * qv).Store(p + i);
                (sqv * qv + gv * pv).Store(q + i);
            }
        }
        for (; i < k; i++)
        {
            float pv = p[i], qv = q[i];
            p[i] = sp * pv + g * qv;
            q[i] = sq * qv + g * pv;
        }
    }
}
