using System.Runtime.CompilerServices;

namespace LastFmMf.Randomness;

/// <summary>
/// A small random stream with a fully specified algorithm (SplitMix64, Steele, Lea and Flood 2014), so that
/// the same seed gives the same numbers on every machine, runtime and thread. Streams are values: a stream for
/// any purpose is derived from a seed and a few integers with <see cref="Derive(ulong, ulong, ulong, ulong)"/>,
/// so "the RNG state" of a training run is just its seed and its epoch counter.
/// </summary>
internal struct SeededRandom
{
    private ulong _state;

    public SeededRandom(ulong seed) => _state = seed;

    /// <summary>The current state; a stream rebuilt from it continues identically.</summary>
    public readonly ulong State => _state;

    /// <summary>The SplitMix64 output function (a bijective 64-bit mixer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A seed for an independent stream identified by (seed, a, b, c), e.g. (run seed, purpose, epoch, block).</summary>
    public static ulong Derive(ulong seed, ulong a, ulong b = 0, ulong c = 0)
    {
        ulong h = Mix(seed + 0x9E3779B97F4A7C15UL);
        h = Mix(h ^ (a + 0x632BE59BD9B4E019UL));
        h = Mix(h ^ (b + 0x8CB92BA72F3D8DD7UL));
        return Mix(h ^ (c + 0xD6E8FEB86659FD93UL));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A uniform integer in [0, n), n ≥ 1, without modulo bias (Lemire's multiply-and-reject).</summary>
    public int NextInt(int n)
    {
        ulong bound = (ulong)n;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong x = NextUInt64();
            ulong lo;
            ulong hi = Math.BigMul(x, bound, out lo);
            if (lo >= threshold) return (int)hi;
        }
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    /// <remarks>Through long: the same value (it is below 2⁵³), but one instruction, where x64 without AVX-512 converts a ulong by a branchy sequence.</remarks>
    public double NextDouble() => (long)(NextUInt64() >> 11) * (1.0 / (1L << 53));

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

/// <summary>
/// Adapts <see cref="SeededRandom"/> to <see cref="System.Random"/> so MathNet.Numerics distributions can draw from a
/// specified, machine-independent stream (System.Random's own algorithm is not promised across .NET versions).
/// </summary>
internal sealed class SeededSystemRandom : Random
{
    private SeededRandom _rng;

    public SeededSystemRandom(ulong seed) => _rng = new SeededRandom(seed);

    protected override double Sample() => _rng.NextDouble();
    public override double NextDouble() => _rng.NextDouble();
    public override int Next() => _rng.NextInt(int.MaxValue);
    public override int Next(int maxValue) => maxValue <= 1 ? 0 : _rng.NextInt(maxValue);
    public override int Next(int minValue, int maxValue)
    {
        long range = (long)maxValue - minValue;
        if (range <= 1) return minValue;
        return range <= int.MaxValue ? minValue + _rng.NextInt((int)range) : (int)(minValue + (long)(_rng.NextDouble() * range));
    }
    public override void NextBytes(byte[] buffer)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)_rng.NextUInt64();
    }
}
