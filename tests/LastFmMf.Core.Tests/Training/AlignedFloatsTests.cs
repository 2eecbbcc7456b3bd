using LastFmMf.Training;
using Xunit;

namespace LastFmMf.Tests.Training;

/// <summary>The conjugate-gradient kernels' scratch: 64-byte aligned, zeroed, and still in place after a compacting GC.</summary>
public unsafe class AlignedFloatsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(1000)]
    [InlineData(300_000)] // past the large-object threshold
    public void The_first_float_is_on_a_64_byte_boundary_and_stays_there(int length)
    {
        var buffers = Enumerable.Range(0, 8).Select(_ => new AlignedFloats(length)).ToArray();
        foreach (var b in buffers)
        {
            Assert.Equal(0, (nint)b.Pointer % 64);
            Assert.Equal(length, b.Span.Length);
            Assert.All(b.Span.ToArray(), v => Assert.Equal(0f, v));
            b.Span.Fill(length);
        }
        // Garbage around them, then a compacting collection: the pinned arrays must not have moved off their boundary.
        for (int i = 0; i < 1000; i++) _ = new float[100 + i];
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        foreach (var b in buffers)
        {
            Assert.Equal(0, (nint)b.Pointer % 64);
            Assert.All(b.Span.ToArray(), v => Assert.Equal(length, v));
        }
    }
}
