using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LastFmMf.Scoring;
using LastFmMf.Training;

namespace LastFmMf.Ranking;

/// <summary>
/// <see cref="FactorModel.ScoreAll"/> for four users at once: each artist row is loaded once and multiplied with the four
/// user vectors, so the N×k artist matrix streams through memory a quarter as often. The arithmetic per (user, artist)
/// is exactly that of <c>Kernels.Dot</c> (16 lanes, the same reduction tree, the same scalar tail) plus the same bias
/// terms, so the scores are bit-identical to ScoreAll's; where Vector512 is not accelerated it simply calls ScoreAll.
/// </summary>
internal static unsafe class BlockScores
{
    public const int Block = 4;

    /// <summary>Scores of <paramref name="users"/> (at most <see cref="Block"/>) into consecutive rows of <paramref name="scores"/> (N each).</summary>
    public static void Score(FactorModel m, ReadOnlySpan<int> users, Span<float> scores)
    {
        int k = m.Factors, n = m.ArtistCount;
        if (users.Length != Block || k < 16 || !Kernels.Use512)
        {
            for (int i = 0; i < users.Length; i++) m.ScoreAll(users[i], scores.Slice(i * n, n));
            return;
        }
        bool biases = m.UseBiases;
        float o0 = biases ? m.GlobalMeanF + m.UserBias[users[0]] : 0f;
        float o1 = biases ? m.GlobalMeanF + m.UserBias[users[1]] : 0f;
        float o2 = biases ? m.GlobalMeanF + m.UserBias[users[2]] : 0f;
        float o3 = biases ? m.GlobalMeanF + m.UserBias[users[3]] : 0f;
        fixed (float* uf = m.UserFactors, q = m.ArtistFactors, ab = m.ArtistBias, s = scores)
        {
            float* p0 = uf + (long)users[0] * k, p1 = uf + (long)users[1] * k, p2 = uf + (long)users[2] * k, p3 = uf + (long)users[3] * k;
            float* s0 = s, s1 = s + n, s2 = s + 2 * n, s3 = s + 3 * n;
            for (int a = 0; a < n; a++)
            {
                float* qa = q + (long)a * k;
                var qv = Vector512.Load(qa);
                var a0 = Vector512.Load(p0) * qv;
                var a1 = Vector512.Load(p1) * qv;
                var a2 = Vector512.Load(p2) * qv;
                var a3 = Vector512.Load(p3) * qv;
                int i;
                for (i = 16; i <= k - 16; i += 16)
                {
                    qv = Vector512.Load(qa + i);
                    a0 += Vector512.Load(p0 + i) * qv;
                    a1 += Vector512.Load(p1 + i) * qv;
                    a2 += Vector512.Load(p2 + i) * qv;
                    a3 += Vector512.Load(p3 + i) * qv;
                }
                float d0 = Kernels.Reduce(a0.GetLower() + a0.GetUpper());
                float d1 = Kernels.Reduce(a1.GetLower() + a1.GetUpper());
                float d2 = Kernels.Reduce(a2.GetLower() + a2.GetUpper());
                float d3 = Kernels.Reduce(a3.GetLower() + a3.GetUpper());
                for (int t = i; t < k; t++)
                {
                    d0 += p0[t] * qa[t];
                    d1 += p1[t] * qa[t];
                    d2 += p2[t] * qa[t];
                    d3 += p3[t] * qa[t];
                }
                if (biases)
                {
                    float b = ab[a];
                    s0[a] = o0 + b + d0; s1[a] = o1 + b + d1; s2[a] = o2 + b + d2; s3[a] = o3 + b + d3;
                }
                else
                {
                    s0[a] = 0f + d0; s1[a] = 0f + d1; s2[a] = 0f + d2; s3[a] = 0f + d3;
                }
            }
        }
    }

}
