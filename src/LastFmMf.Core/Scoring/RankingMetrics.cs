using LastFmMf.Data;
using LastFmMf.Ranking;
using LastFmMf.Training;

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
/// user's training listens; the scorer's top K candidates are compared with the relevant set. The top K come from the
/// fastest exact path for the scorer — a factor model's tiled top-K (<see cref="TiledTopK"/>), Random's draws compared as
/// integers (<see cref="RandomScorer"/>), one walk of an order ranked once (<see cref="IRankedOnce"/>), else ScoreAll and <see cref="TopN.Select"/> — all giving the lists of the last.
/// Users are processed in parallel into lists stored by position, and the metrics are summed in user order, so results
/// are identical for any thread count.
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

        int n = train.ArtistCount;
        var users = Enumerable.Range(0, train.UserCount).Where(u => heldOut.RowLength(u) > 0).ToArray();
        var top = new int[(long)users.Length * k];
        var got = new int[users.Length];
        TopLists(scorer, users, train, k, Math.Max(1, threadCount), top, got);

        var recommended = new bool[n];
        int count = 0;
        double p = 0, r = 0, ndcg = 0, map = 0, hit = 0;
        for (int i = 0; i < users.Length; i++)
        {
            if (got[i] == 0) continue;
            count++;
            var list = top.AsSpan(i * k, got[i]);
            var m = UserMetrics(list, heldOut.ArtistsOf(users[i]), k);
            p += m.Precision; r += m.Recall; ndcg += m.Ndcg; map += m.Ap; hit += m.Hit;
            foreach (var a in list) recommended[a] = true;
        }
        int distinct = recommended.Count(x => x);
        double c = Math.Max(1, count);
        return new RankingResult(scorer.Name, k, count, p / c, r / c, ndcg / c, map / c, hit / c, n == 0 ? 0 : (double)distinct / n);
    }

    /// <summary>Each user's best K candidates into <paramref name="top"/> (K per user, by position) and their number into <paramref name="got"/>.</summary>
    private static void TopLists(IArtistScorer scorer, int[] users, Interactions train, int k, int threads, int[] top, int[] got)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        switch (scorer)
        {
            case FactorModel model:
                TiledTopK.Run(model, users, train, k, threads, (i, best, _) =>
                {
                    best.CopyTo(top.AsSpan(i * k));
                    got[i] = best.Length;
                });
                break;
            case RandomScorer random:
                Parallel.For(0, users.Length, options, () => new float[k], (i, _, scores) =>
                {
                    got[i] = random.Select(users[i], train.ArtistsOf(users[i]), top.AsSpan(i * k, k), scores);
                    return scores;
                }, _ => { });
                break;
            case IRankedOnce ranked:
                Parallel.For(0, users.Length, options, () => new float[k], (i, _, scores) =>
                {
                    got[i] = WalkOrder(ranked, users[i], train.ArtistsOf(users[i]), top.AsSpan(i * k, k), scores);
                    return scores;
                }, _ => { });
                break;
            default:
                Parallel.For(0, users.Length, options, () => new float[scorer.ArtistCount], (i, _, row) =>
                {
                    scorer.ScoreAll(users[i], row);
                    got[i] = TopN.Select(row, train.ArtistsOf(users[i]), top.AsSpan(i * k, k));
                    return row;
                }, _ => { });
                break;
        }
    }

    /// <summary>
    /// The best candidates of one user along an order ranked once: a user's scores never increase along it, so once the
    /// heap is full an artist scored below its worst ends the walk; an equal score goes on, since a lower index would win
    /// the tie.
    /// </summary>
    private static int WalkOrder(IRankedOnce scorer, int user, ReadOnlySpan<int> excludeSorted, Span<int> result, Span<float> scores)
    {
        var heap = new TopKHeap(result, scores);
        foreach (int a in scorer.Order)
        {
            float s = scorer.Score(user, a);
            if (heap.Full && s < heap.Worst) break;
            if (excludeSorted.BinarySearch(a) >= 0) continue;
            heap.Offer(a, s);
        }
        return heap.Finish();
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
