using System.Management.Automation;

namespace LastFmMf.PowerShell;

/// <summary>
/// Ctrl+C for a core call that has no cancellation points of its own (a split, an evaluation, ScottPlot's rendering and
/// PNG encoding): the call runs on a worker while the cmdlet's thread waits for it or for the stop, whichever comes
/// first. On a stop the cmdlet ends at once with <see cref="PipelineStoppedException"/>; the abandoned call is pure, so it
/// finishes in the background and its result is dropped, with nothing written. Never for a call that writes files:
/// those must stop at a point where nothing is half done.
/// </summary>
internal static class Stoppable
{
    /// <summary>The result of <paramref name="work"/>, its own exception unwrapped, or a stop when <paramref name="stop"/> fires first.</summary>
    public static T Run<T>(Func<T> work, CancellationToken stop)
    {
        var task = Task.Run(work);
        try
        {
            return task.WaitAsync(stop).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Observe the abandoned call's outcome so that its exception, if any, is not reported as unobserved.
            _ = task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            throw new PipelineStoppedException();
        }
    }
}
