using LastFmMf.Ranking;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Ranking;

public class SimilarArtistsTests
{
    // Artist 0 = (1, 0). Artist 1 = (4, 3): long, 37° away. Artist 2 = (1, 0.1): nearly parallel, short. Artist 3 = (1, 0): a twin.
    // Artist 4 = (0, 0): no embedding. Artist 5 = (-1, 0).
    private static readonly LastFmMf.Training.FactorModel Model = TinyModel.Create(2, [[1, 0]],
        [[1, 0], [4, 3], [1, 0.1f], [1, 0], [0, 0], [-1, 0]], [(0, 0, 1)]);

    [Fact]
    public void Dot_favours_long_vectors()
    {
        var rows = SimilarArtists.Find(Model, 0, 10, SimilarityMeasure.Dot);
        Assert.Equal([2, 3, 4, 5, 6], rows.Select(r => r.ArtistId).ToArray()); // 4, then the tie 1 = 1 by index, then 0, then -1
        Assert.Equal([4.0, 1, 1, 0, -1], rows.Select(r => r.Similarity).ToArray());
        Assert.All(rows, r => Assert.Equal("Artist 1", r.Query));
        Assert.Equal([1, 2, 3, 4, 5], rows.Select(r => r.Rank).ToArray());
    }

    [Fact]
    public void Cosine_measures_the_angle_and_skips_zero_vectors()
    {
        var rows = SimilarArtists.Find(Model, 0, 10, SimilarityMeasure.Cosine);
        Assert.Equal([4, 3, 2, 6], rows.Select(r => r.ArtistId).ToArray());
        Assert.Equal(1.0, rows[0].Similarity, 6);
        Assert.Equal(1 / Math.Sqrt(1.01), rows[1].Similarity, 6);
        Assert.Equal(0.8, rows[2].Similarity, 6);
        Assert.Equal(-1.0, rows[3].Similarity, 6);
        Assert.Equal("tag4a; tag4b", rows[0].Tags);
    }

    [Fact]
    public void MinListeners_leaves_out_neighbours_with_fewer_training_listeners()
    {
        // Listeners: artist index 1 has three, index 2 one, index 3 two; the others none.
        var model = TinyModel.Create(2, [[1, 0], [0, 1], [1, 1]], [[1, 0], [4, 3], [1, 0.1f], [1, 0], [0, 0], [-1, 0]],
            [(0, 1, 1), (1, 1, 1), (2, 1, 1), (0, 2, 1), (0, 3, 1), (1, 3, 1)]);
        Assert.Equal([4, 3, 2, 6], SimilarArtists.Find(model, 0, 10, SimilarityMeasure.Cosine, minListeners: 1).Select(r => r.ArtistId).ToArray());
        Assert.Equal([4, 2], SimilarArtists.Find(model, 0, 10, SimilarityMeasure.Cosine, minListeners: 2).Select(r => r.ArtistId).ToArray());
        Assert.Equal([2], SimilarArtists.Find(model, 0, 10, SimilarityMeasure.Dot, minListeners: 3).Select(r => r.ArtistId).ToArray());
    }

    [Fact]
    public void MinListeners_above_one_needs_the_training_listens()
    {
        var bare = LastFmMf.Training.FactorModel.FromArrays(2, [1, 0], [1, 0, 0, 1], [0], [0, 0], 0, false,
            new LastFmMf.Scoring.TargetTransform(LastFmMf.Scoring.TransformKind.Log, 1, 100), LastFmMf.Data.IdMap.FromIds([1]),
            LastFmMf.Data.IdMap.FromIds([1, 2]), [new LastFmMf.Data.Artist(1, "A", "", ""), new LastFmMf.Data.Artist(2, "B", "", "")]);
        Assert.Single(SimilarArtists.Find(bare, 0, 10, SimilarityMeasure.Dot));
        Assert.Throws<ArgumentException>(() => SimilarArtists.Find(bare, 0, 10, SimilarityMeasure.Dot, minListeners: 2));
    }

    [Fact]
    public void The_query_is_never_its_own_neighbour_even_beside_a_twin()
    {
        foreach (var measure in Enum.GetValues<SimilarityMeasure>())
            for (int a = 0; a < 6; a++)
                Assert.DoesNotContain(SimilarArtists.Find(Model, a, 10, measure), r => r.ArtistId == a + 1);
        Assert.Equal(1, SimilarArtists.Find(Model, 3, 1, SimilarityMeasure.Cosine)[0].ArtistId); // artist 3's nearest is its twin 0
    }

    [Fact]
    public void Top_limits_the_rows()
    {
        Assert.Single(SimilarArtists.Find(Model, 0, 1, SimilarityMeasure.Dot));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimilarArtists.Find(Model, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimilarArtists.Find(Model, 6));
    }
}
