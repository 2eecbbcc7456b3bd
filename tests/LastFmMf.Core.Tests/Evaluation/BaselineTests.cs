using LastFmMf.Evaluation;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;
using LastFmMf.Scoring;

namespace LastFmMf.Tests.Evaluation;

public class BaselineTests
{
    [Fact]
    public void Global_mean_and_predict_zero_give_the_expected_errors()
    {
        var d = Tiny.Dataset(2, 2, (0, 0, 1), (0, 1, 3), (1, 0, 7));
        var mean = Baselines.GlobalMean(d, TransformKind.Raw);
        // Raw targets are the plays over their root mean square, √((1 + 9 + 49) / 3).
        double s = Math.Sqrt(59.0 / 3);
        Assert.Equal(11.0 / 3 / s, mean.Value, 12);
        var m = ErrorMeasures.Measure(mean, d);
        double[] e = [(1 - 11.0 / 3) / s, (3 - 11.0 / 3) / s, (7 - 11.0 / 3) / s];
        Assert.Equal(Math.Sqrt(e.Average(x => x * x)), m.Rmse, 12);
        Assert.Equal(e.Average(Math.Abs), m.Mae, 12);
        Assert.Equal(3, m.Count);
        var zero = ErrorMeasures.Measure(Baselines.PredictZero(d, TransformKind.Log), d);
        Assert.Equal(Math.Sqrt((Math.Pow(Math.Log(2), 2) + Math.Pow(Math.Log(4), 2) + Math.Pow(Math.Log(8), 2)) / 3), zero.Rmse, 12);
    }

    [Fact]
    public void Unregularised_biases_recover_an_exactly_additive_matrix()
    {
        // r = 1 + u + 2a on a full 3×4 matrix (Raw targets).
        var listens = new List<(int, int, int)>();
        for (int u = 0; u < 3; u++)
            for (int a = 0; a < 4; a++) listens.Add((u, a, 1 + u + 2 * a));
        var d = Tiny.Dataset(3, 4, listens.ToArray());
        var b = Baselines.UserArtistBias(d, TransformKind.Raw, 0, 0, passes: 50);
        double scale = TargetTransform.Fit(TransformKind.Raw, d.Listens).Scale;
        Assert.True(ErrorMeasures.Rmse(b, d) < 1e-9);
        Assert.Equal(2 / scale, b.ArtistBias(1) - b.ArtistBias(0), 9);
        Assert.Equal(1 / scale, b.UserBias(2) - b.UserBias(1), 9);
    }

    [Fact]
    public void Regularisation_shrinks_biases_of_rare_artists()
    {
        var d = Tiny.Dataset(3, 2, (0, 0, 100), (1, 0, 100), (2, 0, 100), (0, 1, 100), (1, 1, 1), (2, 1, 1));
        var loose = Baselines.UserArtistBias(d, TransformKind.Log, 0, 0.001);
        var tight = Baselines.UserArtistBias(d, TransformKind.Log, 0, 100);
        Assert.True(Math.Abs(tight.ArtistBias(0)) < Math.Abs(loose.ArtistBias(0)) / 10);
    }

    [Fact]
    public void Transform_round_trips_and_min_max_uses_training_extremes()
    {
        var d = Tiny.Dataset(1, 3, (0, 0, 2), (0, 1, 10), (0, 2, 6));
        var t = TargetTransform.Fit(TransformKind.MinMax, d.Listens);
        Assert.Equal(0, t.Apply(2));
        Assert.Equal(1, t.Apply(10));
        Assert.Equal(0.5, t.Apply(6));
        Assert.Equal(6, t.Invert(0.5), 12);
        var log = TargetTransform.Fit(TransformKind.Log, d.Listens);
        Assert.Equal(Math.Log(11), log.Apply(10), 12);
        Assert.Equal(10, log.Invert(log.Apply(10)), 9);
    }

    [Fact]
    public void Raw_divides_by_the_root_mean_square_of_the_training_plays_and_inverts_to_plays()
    {
        // Unscaled, the HetRec counts (up to 352,698) made SGD diverge at every learning rate; scaled, the targets are of order 1.
        var d = Tiny.Dataset(1, 2, (0, 0, 3), (0, 1, 4));
        var raw = TargetTransform.Fit(TransformKind.Raw, d.Listens);
        Assert.Equal(Math.Sqrt(12.5), raw.Scale, 12);
        Assert.Equal(4 / Math.Sqrt(12.5), raw.Apply(4), 12);
        Assert.Equal(4, raw.Invert(raw.Apply(4)), 9);
        Assert.Equal(1, TargetTransform.Fit(TransformKind.Log, d.Listens).Scale);
    }
}
