using Xunit;

namespace LastFmMf.Tests.Support;

/// <summary>
/// Tests whose every wait is bounded in wall-clock time (a loopback server's replies, a download's cancellation) run
/// in this collection, alone after the parallel ones. Beside the long real-data trainings, the thread pool their
/// continuations and timers need could be busy for longer than the bound on this 2-core machine: the cancellation test
/// once failed at its 30 s bound that way, and never alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BoundedWaits
{
    public const string Name = "Bounded waits";
}
