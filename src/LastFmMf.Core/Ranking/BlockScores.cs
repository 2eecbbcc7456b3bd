using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LastFmMf.Scoring;
using LastFmMf.Training;

namespace LastFmMf.Ranking;

/// <summary>
/// <see cref="FactorModel.ScoreAll"/> for four users at once: each artist row is loaded once and multiplied with the four
/// user vectors, so the N×k artist matrix streams through memory a quarter as often. The arithmetic per (user, artist)
/// is exactly that of <c>Kernels.Dot</c> (16 lanes as two 8-lane halves, the same reduction tree — done for the four users
/// side by side in one 4-lane vector — the same scalar tail in the same order) plus the same bias terms, so the scores
/// are bit-identical to ScoreAll's; with k &lt; 16, or without 256-bit SIMD and SSE shuffles, it simply calls ScoreAll.
/// </summary>
internal static unsafe class BlockScores
{
    public const int Block = 4;

    /// <summary>Whether <see cref="ScoreInterleaved"/> is the SIMD kernel (otherwise it scores user by user).</summary>
    public static bool Vectorised(FactorModel m) => m.Factors >= 16 && Vector256.IsHardwareAccelerated && Sse.IsSupported;

    /// <summary>Scores of <paramref name="users"/> (at most <see cref="Block"/>) into consecutive rows of <paramref name="scores"/> (N each).</summary>
    public static void Score(FactorModel m, ReadOnlySpan<int> users, Span<float> scores)
    {
        int n = m.ArtistCount;
        if (users.Length != Block || !Vectorised(m))
        {
            for (int i = 0; i < users.Length; i++) m.ScoreAll(users[i], scores.Slice(i * n, n));
            return;
        }
        const int tile = 1024;
        Span<float> buffer = new float[Block * tile];
        for (int from = 0; from < n; from += tile)
        {
            int count = Math.Min(tile, n - from);
            ScoreInterleaved(m, users[0], users[1], users[2], users[3], from, count, buffer);
            for (int t = 0; t < count; t++)
                for (int j = 0; j < Block; j++) scores[j * n + from + t] = buffer[t * Block + j];
        }
    }

    /// <summary>
    /// The scores of four users for artists <paramref name="from"/>..+<paramref name="count"/>, interleaved:
    /// <c>scores[t·4 + j]</c> is user j's score of artist from + t (one 4-lane store per artist).
    /// </summary>
    public static void ScoreInterleaved(FactorModel m, int u0, int u1, int u2, int u3, int from, int count, Span<float> scores)
    {
        if ((uint)from > (uint)m.ArtistCount || (uint)count > (uint)(m.ArtistCount - from) || scores.Length < Block * count)
            throw new ArgumentOutOfRangeException(nameof(count), "The artist range or the score buffer does not fit.");
        if (!Vectorised(m))
        {
            Span<float> row = new float[m.ArtistCount];
            ReadOnlySpan<int> users = [u0, u1, u2, u3];
            for (int j = 0; j < Block; j++)
            {
                m.ScoreAll(users[j], row);
                for (int t = 0; t < count; t++) scores[t * Block + j] = row[from + t];
            }
            return;
        }
        int k = m.Factors, full = k - k % 16, tail = k - full;
        bool biases = m.UseBiases;
        var offset = biases
            ? Vector128.Create(m.GlobalMeanF + m.UserBias[u0], m.GlobalMeanF + m.UserBias[u1], m.GlobalMeanF + m.UserBias[u2], m.GlobalMeanF + m.UserBias[u3])
            : Vector128<float>.Zero;
        // The tail of the four user rows, transposed, so that d_j += p_j[t]·q[t] is one 4-lane multiply and add per t.
        Span<float> tails = stackalloc float[Block * 16];
        fixed (float* uf = m.UserFactors, q = m.ArtistFactors, ab = m.ArtistBias, s = scores, pt = tails)
        {
            float* p0 = uf + (long)u0 * k, p1 = uf + (long)u1 * k, p2 = uf + (long)u2 * k, p3 = uf + (long)u3 * k;
            for (int t = 0; t < tail; t++)
            {
                pt[t * 4] = p0[full + t]; pt[t * 4 + 1] = p1[full + t]; pt[t * 4 + 2] = p2[full + t]; pt[t * 4 + 3] = p3[full + t];
            }
            for (int c = 0; c < count; c++)
            {
                int a = from + c;
                float* qa = q + (long)a * k;
                var ql = Vector256.Load(qa);
                var qh = Vector256.Load(qa + 8);
                var l0 = Vector256.Load(p0) * ql; var h0 = Vector256.Load(p0 + 8) * qh;
                var l1 = Vector256.Load(p1) * ql; var h1 = Vector256.Load(p1 + 8) * qh;
                var l2 = Vector256.Load(p2) * ql; var h2 = Vector256.Load(p2 + 8) * qh;
                var l3 = Vector256.Load(p3) * ql; var h3 = Vector256.Load(p3 + 8) * qh;
                for (int i = 16; i < full; i += 16)
                {
                    ql = Vector256.Load(qa + i);
                    qh = Vector256.Load(qa + i + 8);
                    l0 += Vector256.Load(p0 + i) * ql; h0 += Vector256.Load(p0 + i + 8) * qh;
                    l1 += Vector256.Load(p1 + i) * ql; h1 += Vector256.Load(p1 + i + 8) * qh;
                    l2 += Vector256.Load(p2 + i) * ql; h2 += Vector256.Load(p2 + i + 8) * qh;
                    l3 += Vector256.Load(p3 + i) * ql; h3 += Vector256.Load(p3 + i + 8) * qh;
                }
                var d = Reduce4(Halves(l0 + h0), Halves(l1 + h1), Halves(l2 + h2), Halves(l3 + h3));
                for (int t = 0; t < tail; t++) d += Vector128.Load(pt + t * 4) * Vector128.Create(qa[full + t]);
                // (offset + b_a) + dot, in ScoreAll's order; 0 + dot without biases (which turns −0 into +0, as ScoreAll does).
                var score = (biases ? offset + Vector128.Create(ab[a]) : offset) + d;
                score.Store(s + c * Block);
            }
        }
    }

    private static Vector128<float> Halves(Vector256<float> v) => v.GetLower() + v.GetUpper();

    /// <summary>
    /// <c>Kernels.Reduce</c> of four users at once: for each w_j (the 4-lane halves sum of user j), (w_j[0] + w_j[2]) +
    /// (w_j[1] + w_j[3]), in lane j, by two unpacks and two moves instead of twelve element extractions.
    /// </summary>
    private static Vector128<float> Reduce4(Vector128<float> w0, Vector128<float> w1, Vector128<float> w2, Vector128<float> w3)
    {
        // [w0_0+w0_2, w1_0+w1_2, w0_1+w0_3, w1_1+w1_3] and the same for users 2 and 3.
        var s01 = Sse.UnpackLow(w0, w1) + Sse.UnpackHigh(w0, w1);
        var s23 = Sse.UnpackLow(w2, w3) + Sse.UnpackHigh(w2, w3);
        return Sse.MoveLowToHigh(s01, s23) + Sse.MoveHighToLow(s23, s01);
    }
}
