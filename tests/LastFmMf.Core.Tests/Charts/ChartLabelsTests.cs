using LastFmMf.Charts;
using Xunit;

namespace LastFmMf.Tests.Charts;

/// <summary>Issue 11 item 11: the names on the norm chart and the artist map overlapped (Rihanna over Beyoncé, Katy Perry
/// over Avril Lavigne); a point whose label would cover one already placed is now left unnamed.</summary>
public class ChartLabelsTests
{
    // Plot fractions: x spans 0..100, y spans 0..60, so a unit of x is 10 pixels and a unit of y is 10 pixels of the 1000×600 plot.
    private static readonly double[] X = [0, 1, 30, 100, 0, 50];
    private static readonly double[] Y = [0, 0.5, 0, 60, 3, 30];

    [Fact]
    public void A_label_that_would_cover_a_placed_one_is_skipped_and_the_next_candidate_takes_its_place()
    {
        string[] names = ["Rihanna", "Beyoncé", "Muse", "Lady Gaga", "Madonna", "Coldplay"];
        // Beyoncé (1) sits 10 px right of Rihanna (0), inside her ~54-px label; Madonna (4) is 30 px higher, clear of it.
        var chosen = ChartLabels.Spread([0, 1, 2, 3, 4, 5], X, Y, names, count: 4);
        Assert.Equal(new[] { 0, 2, 3, 4 }, chosen);
    }

    [Fact]
    public void The_width_of_the_name_decides_an_overlap()
    {
        // Point 2 is 300 px right of point 0: a short name at point 0 leaves it clear, a name of 50 characters (≈ 338 px) covers it.
        Assert.Equal(new[] { 0, 2 }, ChartLabels.Spread([0, 2], X, Y, ["ABBA", "", "Muse", "", "", ""], count: 5));
        Assert.Equal(new[] { 0 }, ChartLabels.Spread([0, 2], X, Y, [new string('x', 50), "", "Muse", "", "", ""], count: 5));
    }

    [Fact]
    public void Labels_in_the_right_third_run_left()
    {
        Assert.True(ChartLabels.RunsLeft(100, 0, 100));
        Assert.False(ChartLabels.RunsLeft(50, 0, 100));
        // Point 3 (x = 100) runs left, so a point just left of it and level with it is covered; one just right of it would not be.
        double[] x = [100, 97, 0], y = [60, 60, 0];
        Assert.Equal(new[] { 0 }, ChartLabels.Spread([0, 1], x, y, ["Lady Gaga", "Muse", "ABBA"], count: 3));
    }

    [Fact]
    public void At_most_count_labels_and_none_without_points()
    {
        Assert.Equal(2, ChartLabels.Spread([0, 2, 3, 5], X, Y, ["a", "b", "c", "d", "e", "f"], count: 2).Length);
        Assert.Empty(ChartLabels.Spread([], [], [], [], count: 3));
    }
}
