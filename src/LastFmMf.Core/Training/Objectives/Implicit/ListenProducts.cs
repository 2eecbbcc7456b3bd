using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LastFmMf.Training;

/// <summary>
/// The listened rows' share of a conjugate-gradient product, o += Σ_t (a_t − m_t·(u_t·v))·u_t over a row's n gathered
/// listened rows u_t (n×k): the hot loop of ConjugateGradient.SolveRows.
/// </summary>
/// <remarks>
/// Chunks of <see cref="Chunk"/> rows: their dots first (four rows interleaved, each summed exactly as
/// <see cref="ConjugateGradient.Dot"/> sums it, eight rows' final sums at once), then their update of o with o's columns held
/// in registers across the chunk.
/// A row-by-row x += s·y through memory was bound by store-to-load forwarding: on Zen 1 a 256-bit store is two 128-bit
/// stores, so the next row's 256-bit load of the same x waits for them to reach the cache. Each element of o still receives
/// the rows' terms in row order, each by one fused multiply-add, so the result is the same bits as that loop's.
/// </remarks>
internal static unsafe class ListenProducts
{
    /// <summary>Rows per chunk: their dots are independent (they overlap in the pipeline) and their rows stay in L1 (4 KB at
    /// k = 64); o's registers are loaded and stored once per chunk. 16 rather than 8: 12 % less time per listen in the
    /// kernel alone (n = 40, k = 64), with the eight-row sums.</summary>
    private const int Chunk = 16;

    /// <summary>
    /// o += Σ_t coef_t·u_t with coef_t = a_t − m_t·(u_t·v) (the product rounded before the subtraction), or with an empty
    /// <paramref name="a"/> coef_t = m_t·(u_t·v); with <paramref name="dots"/> (n long), the dots u_t·v are also written there.
    /// </summary>
    public static void Add(float* u, int n, int k, float* v, ReadOnlySpan<float> m, ReadOnlySpan<float> a, float* o, float* dots = null)
    {
        float* coef = stackalloc float[Chunk];
        for (int t0 = 0; t0 < n; t0 += Chunk)
        {
            int count = Math.Min(Chunk, n - t0);
            float* rows = u + (nint)t0 * k;
            float* d = dots is null ? coef : dots + t0;
            Dots(rows, count, k, v, d);
            for (int c = 0; c < count; c++)
            {
                float product = m[t0 + c] * d[c];
                coef[c] = a.IsEmpty ? product : a[t0 + c] - product;
            }
            Accumulate(rows, count, k, coef, o);
        }
    }

    /// <summary>dots[c] = row c · v for <paramref name="count"/> rows of k: eight at a time where k is a multiple of 8, then four,
    /// then one, each summed exactly as <see cref="ConjugateGradient.Dot"/> sums it.</summary>
    private static void Dots(float* rows, int count, int k, float* v, float* dots)
    {
        int c = 0;
        if (Avx.IsSupported && k >= 8 && k % 8 == 0)
            for (; c + 8 <= count; c += 8)
            {
                // Dot's final Vector256.Sum of each row's 8 lanes is ((x0 + x1) + (x2 + x3)) + ((x4 + x5) + (x6 + x7)): two rounds
                // of horizontal adds pair the lanes in that order for four rows at once, and one add of the 128-bit halves
                // finishes all eight, instead of eleven shuffles and adds per row.
                float* r = rows + (nint)c * k;
                LaneSums(r, k, v, out var s0, out var s1, out var s2, out var s3);
                var low = Avx.HorizontalAdd(Avx.HorizontalAdd(s0, s1), Avx.HorizontalAdd(s2, s3));
                LaneSums(r + 4 * (nint)k, k, v, out s0, out s1, out s2, out s3);
                var high = Avx.HorizontalAdd(Avx.HorizontalAdd(s0, s1), Avx.HorizontalAdd(s2, s3));
                (Avx.Permute2x128(low, high, 0x20) + Avx.Permute2x128(low, high, 0x31)).Store(dots + c);
            }
        if (Vector256.IsHardwareAccelerated && k >= 8)
            for (; c + 4 <= count; c += 4)
            {
                float* r0 = rows + (nint)c * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
                int i = LaneSums(r0, k, v, out var s0, out var s1, out var s2, out var s3);
                float d0 = Vector256.Sum(s0), d1 = Vector256.Sum(s1), d2 = Vector256.Sum(s2), d3 = Vector256.Sum(s3);
                for (; i < k; i++)
                {
                    d0 = MathF.FusedMultiplyAdd(r0[i], v[i], d0);
                    d1 = MathF.FusedMultiplyAdd(r1[i], v[i], d1);
                    d2 = MathF.FusedMultiplyAdd(r2[i], v[i], d2);
                    d3 = MathF.FusedMultiplyAdd(r3[i], v[i], d3);
                }
                (dots[c], dots[c + 1], dots[c + 2], dots[c + 3]) = (d0, d1, d2, d3);
            }
        for (; c < count; c++) dots[c] = ConjugateGradient.Dot(rows + (nint)c * k, v, k);
    }

    /// <summary>
    /// The 8-lane partial sums of four consecutive rows' dots with v, as <see cref="ConjugateGradient.Dot"/> forms them (lanes
    /// i ≡ 0–7 and 8–15 mod 16 in two fused accumulators, added), over the first k rounded down to 8; returns where that stops.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LaneSums(float* r0, int k, float* v, out Vector256<float> s0, out Vector256<float> s1, out Vector256<float> s2,
        out Vector256<float> s3)
    {
        float* r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
        Vector256<float> a0 = default, b0 = default, a1 = default, b1 = default, a2 = default, b2 = default, a3 = default, b3 = default;
        int i = 0;
        for (; i <= k - 16; i += 16)
        {
            var lo = Vector256.Load(v + i);
            var hi = Vector256.Load(v + i + 8);
            a0 = Vector256.FusedMultiplyAdd(Vector256.Load(r0 + i), lo, a0);
            b0 = Vector256.FusedMultiplyAdd(Vector256.Load(r0 + i + 8), hi, b0);
            a1 = Vector256.FusedMultiplyAdd(Vector256.Load(r1 + i), lo, a1);
            b1 = Vector256.FusedMultiplyAdd(Vector256.Load(r1 + i + 8), hi, b1);
            a2 = Vector256.FusedMultiplyAdd(Vector256.Load(r2 + i), lo, a2);
            b2 = Vector256.FusedMultiplyAdd(Vector256.Load(r2 + i + 8), hi, b2);
            a3 = Vector256.FusedMultiplyAdd(Vector256.Load(r3 + i), lo, a3);
            b3 = Vector256.FusedMultiplyAdd(Vector256.Load(r3 + i + 8), hi, b3);
        }
        if (i <= k - 8)
        {
            var lo = Vector256.Load(v + i);
            a0 = Vector256.FusedMultiplyAdd(Vector256.Load(r0 + i), lo, a0);
            a1 = Vector256.FusedMultiplyAdd(Vector256.Load(r1 + i), lo, a1);
            a2 = Vector256.FusedMultiplyAdd(Vector256.Load(r2 + i), lo, a2);
            a3 = Vector256.FusedMultiplyAdd(Vector256.Load(r3 + i), lo, a3);
            i += 8;
        }
        (s0, s1, s2, s3) = (a0 + b0, a1 + b1, a2 + b2, a3 + b3);
        return i;
    }

    /// <summary>o += Σ_c coef[c]·row c, each element's terms added in row order by fused multiply-adds, 64 columns at a time in registers.</summary>
    internal static void Accumulate(float* rows, int count, int k, float* coef, float* o)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= k - 64; i += 64)
            {
                float* oi = o + i;
                var a0 = Vector256.Load(oi);
                var a1 = Vector256.Load(oi + 8);
                var a2 = Vector256.Load(oi + 16);
                var a3 = Vector256.Load(oi + 24);
                var a4 = Vector256.Load(oi + 32);
                var a5 = Vector256.Load(oi + 40);
                var a6 = Vector256.Load(oi + 48);
                var a7 = Vector256.Load(oi + 56);
                float* r = rows + i;
                for (int c = 0; c < count; c++, r += k)
                {
                    var s = Vector256.Create(coef[c]);
                    a0 = Vector256.FusedMultiplyAdd(Vector256.Load(r), s, a0);
                    a1 = Vector256.FusedMultiplyAdd(Vector256.Load(r + 8), s, a1);
                    a2 = Vector256.FusedMultiplyAdd(Vector256.Load(r + 16), s, a2);
                    a3 = Vector256.FusedMultiplyAdd(Vector256.Load(r + 24), s, a3);
                    a4 = Vector256.FusedMultiplyAdd(Vector256.Load(r + 32), s, a4);
                    a5 = Vector256.FusedMultiplyAdd(Vector256.Load(r + 40), s, a5);
                    a6 = Vector256.FusedMultiplyAdd(Vector256.Load(r + 48), s, a6);
                    a7 = Vector256.FusedMultiplyAdd(Vector256.Load(r + 56), s, a7);
                }
                a0.Store(oi); a1.Store(oi + 8); a2.Store(oi + 16); a3.Store(oi + 24);
                a4.Store(oi + 32); a5.Store(oi + 40); a6.Store(oi + 48); a7.Store(oi + 56);
            }
            for (; i <= k - 8; i += 8)
            {
                var a = Vector256.Load(o + i);
                float* r = rows + i;
                for (int c = 0; c < count; c++, r += k) a = Vector256.FusedMultiplyAdd(Vector256.Load(r), Vector256.Create(coef[c]), a);
                a.Store(o + i);
            }
        }
        for (; i < k; i++)
        {
            float a = o[i];
            for (int c = 0; c < count; c++) a = MathF.FusedMultiplyAdd(rows[(nint)c * k + i], coef[c], a);
            o[i] = a;
        }
    }
}
