using System.Runtime.CompilerServices;

namespace LastFmMf.Training;

/// <summary>
/// Scratch floats whose first element sits on a 64-byte boundary, for the hot loops' 8-float loads. A float[]'s elements
/// start 16 bytes into the object, and objects are only 8-byte aligned. On Zen 1 a 256-bit load is two 128-bit loads, and
/// from an 8-byte offset one in four of them crosses a cache line: the conjugate-gradient listen products ran 20 % slower
/// so (n = 40, k = 64, in cache). The array lives on the pinned object heap, so it never moves: a pointer taken from
/// <see cref="Pointer"/> stays valid, and aligned, for as long as this object is reachable.
/// </summary>
internal sealed unsafe class AlignedFloats
{
    private const int Alignment = 64;

    private readonly float[] _storage;

    /// <summary>Where the aligned floats start in <see cref="_storage"/>.</summary>
    private readonly int _offset;

    public readonly long Length;

    public AlignedFloats(long length)
    {
        _storage = GC.AllocateArray<float>(checked((int)(length + Alignment / sizeof(float))), pinned: true);
        nint first = (nint)Unsafe.AsPointer(ref _storage[0]);
        _offset = (int)((Alignment - (first & (Alignment - 1))) & (Alignment - 1)) / sizeof(float);
        Length = length;
    }

    /// <summary>The first of <see cref="Length"/> floats, 64-byte aligned, zeroed at allocation.</summary>
    public float* Pointer => (float*)Unsafe.AsPointer(ref _storage[_offset]);

    /// <summary>The floats as a span (at most int.MaxValue of them).</summary>
    public Span<float> Span => _storage.AsSpan(_offset, checked((int)Length));
}
