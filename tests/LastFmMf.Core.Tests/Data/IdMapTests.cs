using LastFmMf.Data;
using Xunit;

namespace LastFmMf.Tests.Data;

/// <summary>Dense indices by ascending id, for ids with gaps (HetRec's) and for a run of consecutive ids (the numbers the
/// Last.fm-360K and -1K imports give), which the map answers without a dictionary.</summary>
public sealed class IdMapTests
{
    [Theory]
    [InlineData(new[] { 7, 3, 5, 3, 100 })]     // gaps and a duplicate
    [InlineData(new[] { 4, 2, 3, 1, 5, 2 })]    // consecutive, out of order, a duplicate
    [InlineData(new[] { -2, -1, 0, 1 })]        // consecutive through zero
    [InlineData(new[] { int.MaxValue - 1, int.MaxValue })]
    [InlineData(new[] { int.MinValue, int.MinValue + 1 })]
    [InlineData(new int[0])]
    public void Every_id_maps_to_its_rank_and_every_other_id_to_minus_one(int[] ids)
    {
        var map = IdMap.FromIds(ids);
        var sorted = ids.Distinct().Order().ToArray();
        Assert.Equal(sorted.Length, map.Count);
        for (int i = 0; i < sorted.Length; i++)
        {
            Assert.Equal(i, map.IndexOf(sorted[i]));
            Assert.Equal(sorted[i], map.IdOf(i));
            Assert.True(map.Contains(sorted[i]));
        }
        var absent = new long[] { int.MinValue, int.MinValue + 2, -3, 2, 6, 8, 99, 101, int.MaxValue - 2, int.MaxValue }
            .Where(x => !sorted.Contains((int)x)).Select(x => (int)x);
        foreach (var id in absent)
        {
            Assert.Equal(-1, map.IndexOf(id));
            Assert.False(map.Contains(id));
        }
    }
}
