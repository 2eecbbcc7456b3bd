using System.Runtime.CompilerServices;
using LastFmMf.Scoring;

namespace LastFmMf.Training;

/// <summary>One SGD step on one pair, as a struct so that <see cref="BlockWalk.Walk"/> is compiled (and inlined) per objective.</summary>
internal unsafe interface IPairStep
{
    void Visit(Rating* pair);
}

/// <summary>
/// The order an SGD pass visits a block's pairs in (see <see cref="BlockVisit"/>), shared by every SGD objective.
/// </summary>
internal static unsafe class BlockWalk
{
    /// <summary>
    /// Visits every pair of the block once: run j of the visit is (First + j·Step) mod Runs, its pairs in turn (for
    /// <see cref="SgdOrder.Shuffled"/> a run is one pair). Before each pair it asks for the artist row of the pair
    /// <see cref="Kernels.PrefetchAhead"/> further on in the run, if the run has one (rows of <paramref name="k"/> in
    /// <paramref name="artists"/>). Taking four runs in turn, so that consecutive steps touch different users, was
    /// measured and dropped: 33.4 against 32.3 M updates/s on HetRec (k = 32, 1 thread), and slower at Last.fm-360K
    /// size (0.711 against 0.582 s per pass, k = 64, 2 threads).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Walk<T>(Rating[] ratings, in BlockVisit v, float* artists, int k, ref T step) where T : struct, IPairStep
    {
        int runs = v.Runs, run = v.First;
        fixed (Rating* rs = &ratings[v.Start])
        {
            for (int j = 0; j < runs; j++)
            {
                Rating* end = rs + Math.Min(v.Count, (run + 1) * v.Run);
                for (Rating* r = rs + run * v.Run; r < end; r++)
                {
                    if (r + Kernels.PrefetchAhead < end) Kernels.Prefetch(artists + (nint)r[Kernels.PrefetchAhead].Artist * k, k);
                    step.Visit(r);
                }
                run += v.Step;
                if (run >= runs) run -= runs;
            }
        }
    }
}
