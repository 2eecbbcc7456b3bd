using System.Runtime.CompilerServices;
using LastFmMf.Scoring;

namespace LastFmMf.Training;

/// <summary>One SGD step on one pair, as a struct so that <see cref="BlockWalk.Walk"/> is compiled (and inlined) per objective.</summary>
internal unsafe interface IPairStep
{
    /// <summary>
    /// Called for each pair <see cref="Kernels.PrefetchAhead"/> visits before its <see cref="Visit"/>, in the same order
    /// as the visits: the place to ask the cache for the rows the step will read, and to draw anything random the step
    /// needs (drawn in visit order, so the same draws as at the visit itself).
    /// </summary>
    void Ahead(Rating* pair);

    void Visit(Rating* pair);
}

/// <summary>
/// The order an SGD pass visits a block's pairs in (see <see cref="BlockVisit"/>), shared by every SGD objective.
/// </summary>
internal static unsafe class BlockWalk
{
    /// <summary>
    /// What Squared's and Preference's <see cref="IPairStep.Ahead"/> ask for: the pair's artist row and its 1/n_a, both
    /// read at random at scale (the user's come in runs).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AskForArtist(Rating* pair, float* artistRows, float* inverseArtistCounts, int k)
    {
        int a = pair->Artist;
        Kernels.Prefetch(artistRows + (nint)a * k, k);
        Kernels.Prefetch(inverseArtistCounts + a);
    }

    /// <summary>
    /// Visits every pair of the block once: run j of the visit is (First + j·Step) mod Runs, its pairs in turn (for
    /// <see cref="SgdOrder.Shuffled"/> a run is one pair). Each pair is announced to the step (<see cref="IPairStep.Ahead"/>)
    /// <see cref="Kernels.PrefetchAhead"/> pairs before it is visited; the first pairs of a run are announced before the
    /// run's first visit, so no pair waits for its rows. Taking four runs in turn, so that consecutive steps touch
    /// different users, was measured and dropped: 33.4 against 32.3 M updates/s on HetRec (k = 32, 1 thread), and slower
    /// at Last.fm-360K size (0.711 against 0.582 s per pass, k = 64, 2 threads).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Walk<T>(Rating[] ratings, in BlockVisit v, ref T step) where T : struct, IPairStep
    {
        int runs = v.Runs, run = v.First;
        fixed (Rating* rs = &ratings[v.Start])
        {
            for (int j = 0; j < runs; j++)
            {
                Rating* begin = rs + run * v.Run, end = rs + Math.Min(v.Count, (run + 1) * v.Run), ahead = begin;
                for (; ahead < end && ahead < begin + Kernels.PrefetchAhead; ahead++) step.Ahead(ahead);
                for (Rating* r = begin; r < end; r++)
                {
                    if (ahead < end) step.Ahead(ahead++);
                    step.Visit(r);
                }
                run += v.Step;
                if (run >= runs) run -= runs;
            }
        }
    }
}
