using LastFmMf.Data;
using LastFmMf.Ranking;

namespace LastFmMf.Scoring;

/// <summary>Top-K ranking quality of one scorer on held-out listens, averaged over the users evaluated.</summary>
/// <param name="Model">The scorer's name.</param>
/// <param name="K">The cut-off.</param>
/// <param name="Users">Users evaluated: those with at least one held-out listen and at least one candidate.</param>
/// <param name="Precision">Mean of hits/K.</param>
/// <param name="Recall">Mean of hits/|relevant|.</param>
/// <param name="Ndcg">Mean of DCG/IDCG with binary relevance, discount 1/log2(rank+1), IDCG over min(K, |relevant|) hits.</param>
/// <param name="Map">Mean of AP@K = (1/min(K, |relevant|)) Σ over hit ranks r of hits-up-to-r / r.</param>
/// <param name="HitRate">Share of users with at least one hit.</param>
/// <param name="Coverage">Distinct artists recommended to anyone, over N.</param>
public sealed record RankingResult(string Model, int K, int Users, double Precision, double Recall, double Ndcg, double Map, double HitRate, double Coverage);

/// <summary>
/// Ranking metrics at K. For each user with held-out (relevant) artists, the candidates are all artists not in the
/// user's training listens; the scorer's top K candidates are compared with the relevant set. Users are processed
/// in parallel, but each user's numbers are stored by index and summed in index order, so results are identical
/// for any thread count.
/// </summary>
public static class RankingMetrics
{
    public static RankingResult Evaluate(IArtistScorer scorer, Interactions train, Interactions heldOut, int k, int threadCount = 1)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(heldOut);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "K must be at least 1.");
        if (train.UserCount != heldOut.UserCount || train.ArtistCount != heldOut.ArtistCount || scorer.ArtistCount != train.ArtistCount)
            throw new ArgumentException("The scorer, the training listens and the held-out listens must share users and artists.");

        int users = train.UserCount, n = train.ArtistCount;
        var perUser = new double[users, 5];
        var evaluated = new bool[users];
        var recommended = new bool[n];
        var top = new int[users][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threadCount) };
        Parallel.For(0, users, options,
            () => (Scores: new float[n], Top: new int[k]),
            (u, _, buf) =>
            {
                var relevant = heldOut.ArtistsOf(u);
                if (relevant.Length == 0) return buf;
                scorer.ScoreAll(u, buf.Scores);
                int got = TopN.Select(buf.Scores, train.ArtistsOf(u), buf.Top);
                if (got == 0) return buf;
                evaluated[u] = true;
                top[u] = buf.Top[..got];
                var m = UserMetrics(buf.Top.AsSpan(0, got), relevant, k);
                perUser[u, 0] = m.Precision;
                perUser[u, 1] = m.Recall;
                perUser[u, 2] = m.Ndcg;
                perUser[u, 3] = m.Ap;
                perUser[u, 4] = m.Hit;
                return buf;
            },
            _ => { });

        int count = 0;
        double p = 0, r = 0, ndcg = 0, map = 0, hit = 0;
        for (int u = 0; u < users; u++)
        {
            if (!evaluated[u]) continue;
            count++;
            p += perUser[u, 0]; r += perUser[u, 1]; ndcg += perUser[u, 2]; map += perUser[u, 3]; hit += perUser[u, 4];
            foreach (var a in top[u]) recommended[a] = true;
        }
        int distinct = recommended.Count(x => x);
        double c = Math.Max(1, count);
        return new RankingResult(scorer.Name, k, count, p / c, r / c, ndcg / c, map / c, hit / c, n == 0 ? 0 : (double)distinct / n);
    }

    /// <summary>The metrics of one ranked list against one relevant set (ascending artist indices).</summary>
    internal static (double Precision, double Recall, double Ndcg, double Ap, double Hit) UserMetrics(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevantSorted, int k)
    {
        int hits = 0;
        double dcg = 0, apSum = 0;
        for (int i = 0; i < ranked.Length && i < k; i++)
        {
            if (relevantSorted.BinarySearch(ranked[i]) < 0) continue;
            hits++;
            dcg += 1.0 / Math.Log2(i + 2);
            apSum += (double)hits / (i + 1);
        }
        int ideal = Math.Min(k, relevantSorted.Length);
        double idcg = 0;
        for (int i = 0; i < ideal; i++) idcg += 1.0 / Math.Log2(i + 2);
        return ((double)hits / k, (double)hits / relevantSorted.Length, dcg / idcg, apSum / ideal, hits > 0 ? 1 : 0);
    }
}
