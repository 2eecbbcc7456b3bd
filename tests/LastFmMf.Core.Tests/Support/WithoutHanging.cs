using Xunit;

namespace LastFmMf.Tests.Support;

/// <summary>
/// Runs a call that must not block (a read of a FIFO, say) on a thread of its own, and fails the test if it has not
/// returned within a generous bound instead of hanging the suite. A thread of its own, not the thread pool: while other
/// tests train in parallel, a work item queued to the pool can wait behind theirs, and the bound would then measure the
/// pool rather than the call (a pool-based version of this failed once in a full run, and never alone).
/// </summary>
internal static class WithoutHanging
{
    /// <summary>The exception <paramref name="call"/> threw, or null if it returned.</summary>
    public static Exception? Run(Action call, string blocked)
    {
        Exception? thrown = null;
        var thread = new Thread(() =>
        {
            try { call(); }
            catch (Exception e) { thrown = e; }
        }) { IsBackground = true, Name = "WithoutHanging" };
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(60)), blocked);
        return thrown;
    }
}
