using LastFmMf.Randomness;

namespace LastFmMf.Data;

/// <summary>The artists of a generated collection by popularity rank: MBID (or none) and name, made on first use and
/// kept, and which ranks were written.</summary>
internal sealed class ArtistCatalogue(int seed, int count, double mbidlessFraction)
{
    private readonly string?[] _columns = new string?[count];
    private readonly bool[] _used = new bool[count];
    private readonly bool[] _mbidless = new bool[count];

    public int Used { get; private set; }
    public int UsedWithoutMbid { get; private set; }

    /// <summary>"mbid\tname" (or "\tname"): the two artist columns, alike in both formats.</summary>
    public string MbidAndName(int rank)
    {
        if (_columns[rank] is { } s) return s;
        var rng = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, 0xA27_1575, (ulong)rank));
        bool mbidless = rank >= Math.Min(100, count / 50) && rng.NextDouble() < mbidlessFraction;
        _mbidless[rank] = mbidless;
        return _columns[rank] = (mbidless ? "" : LastfmSampleNames.Mbid(ref rng)) + "\t" + LastfmSampleNames.Artist(rank);
    }

    public bool IsMbidless(int rank) { MbidAndName(rank); return _mbidless[rank]; }

    public void Use(int rank)
    {
        if (_used[rank]) return;
        _used[rank] = true;
        Used++;
        if (IsMbidless(rank)) UsedWithoutMbid++;
    }
}
