using LastFmMf.Randomness;

namespace LastFmMf.Data;

/// <summary>
/// Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s (Zipf's law, the shape of artist popularity on
/// Last.fm), by binary search in the cumulative weights: O(log n) a draw, n doubles of memory, no per-draw allocation.
/// </summary>
internal sealed class ZipfTable
{
    private readonly double[] _cumulative;

    public ZipfTable(int n, double exponent)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "A Zipf table needs at least one rank.");
        _cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += Math.Pow(i + 1, -exponent);
            _cumulative[i] = sum;
        }
    }

    public int Count => _cumulative.Length;

    public int Next(ref SeededRandom rng)
    {
        double x = rng.NextDouble() * _cumulative[^1];
        int i = Array.BinarySearch(_cumulative, x);
        return Math.Min(i < 0 ? ~i : i, _cumulative.Length - 1);
    }
}
