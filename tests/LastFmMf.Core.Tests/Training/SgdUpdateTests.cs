using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;
using LastFmMf.Scoring;

namespace LastFmMf.Tests.Training;

public class SgdUpdateTests
{
    private static Hyperparameters OneUpdate(bool biases) => new()
    {
        Factors = 2, Epochs = 1, ValidationFraction = 0, Patience = 0, Seed = 3,
        Objective = new SquaredSettings
        {
            LearningRate = 0.1, LearningRateDecay = 1, Regularization = 0.5, UserBiasRegularization = 1, ArtistBiasRegularization = 2,
            Gravity = 0, Transform = TransformKind.Raw, UseBiases = biases, BlockCount = 1,
        },
    };

    [Fact]
    public void One_biased_update_matches_the_numbers_worked_by_hand()
    {
        // One user, one artist, 3 plays, Raw targets: r = 3 / 3 = 1 (plays over their root mean square) and μ = 1; n_u = n_a = 1.
        var d = Tiny.Dataset(1, 1, (0, 0, 3));
        var hp = OneUpdate(biases: true);
        var data = TrainingData.Create(d, null, hp);
        Assert.Equal(1.0, data.GlobalMean);
        var s0 = Bits.WithModel(Trainer.Initialize(data, hp), [0.5f, -0.2f], [0.1f, 0.4f], [0.1f], [0.2f]);

        var s1 = EpochStep.Next(s0, data, hp);

        // p·q = 0.05 − 0.08 = −0.03; r̂ = 1 + 0.1 + 0.2 − 0.03 = 1.27; e = 1 − 1.27 = −0.27; η = 0.1.
        // b_u = 0.1 + 0.1(−0.27 − 1·0.1) = 0.063;  b_a = 0.2 + 0.1(−0.27 − 2·0.2) = 0.133
        // p = p + 0.1(e q − 0.5 p) = (0.5 − 0.0277, −0.2 − 0.0008) = (0.4723, −0.2008)
        // q = q + 0.1(e p − 0.5 q) = (0.1 − 0.0185, 0.4 − 0.0146) = (0.0815, 0.3854)
        var m = s1.Model;
        Assert.Equal(0.063, m.UserBiasOf(0), 6);
        Assert.Equal(0.133, m.ArtistBiasOf(0), 6);
        Assert.Equal(0.4723, m.UserVector(0)[0], 6);
        Assert.Equal(-0.2008, m.UserVector(0)[1], 6);
        Assert.Equal(0.0815, m.ArtistVector(0)[0], 6);
        Assert.Equal(0.3854, m.ArtistVector(0)[1], 6);
        Assert.Equal(1, s1.Epoch);
        Assert.Equal(0.1, s1.History[0].Measure("LearningRate")!.Value, 12);
        // The new prediction moved towards the target.
        Assert.True(Math.Abs(1 - m.Predict(0, 0)) < 0.27);
    }

    [Fact]
    public void One_plain_update_matches_the_numbers_worked_by_hand()
    {
        var d = Tiny.Dataset(1, 1, (0, 0, 1));
        var hp = OneUpdate(biases: false);
        var data = TrainingData.Create(d, null, hp);
        Assert.Equal(0.0, data.GlobalMean);
        var s0 = Bits.WithModel(Trainer.Initialize(data, hp), [0.5f, -0.2f], [0.1f, 0.4f], [0f], [0f]);

        var m = EpochStep.Next(s0, data, hp).Model;

        // r = 1, r̂ = −0.03, e = 1.03; p = p + 0.1(1.03 q − 0.5 p) = (0.5 + 0.0103 − 0.025, −0.2 + 0.0412 + 0.01)
        // q = q + 0.1(1.03 p − 0.5 q) = (0.1 + 0.0515 − 0.005, 0.4 − 0.0206 − 0.02)
        Assert.Equal(0.4853, m.UserVector(0)[0], 6);
        Assert.Equal(-0.1488, m.UserVector(0)[1], 6);
        Assert.Equal(0.1465, m.ArtistVector(0)[0], 6);
        Assert.Equal(0.3594, m.ArtistVector(0)[1], 6);
        Assert.Equal(0f, m.UserBiasOf(0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(37)]
    [InlineData(128)]
    public void Simd_kernels_match_a_scalar_reference(int k)
    {
        var rng = new Random(k);
        var p = Enumerable.Range(0, k).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var q = Enumerable.Range(0, k).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        double dot = 0;
        for (int i = 0; i < k; i++) dot += (double)p[i] * q[i];
        Assert.Equal(dot, Kernels.Dot(p, q), 5);

        float g = 0.013f, sp = 0.99f, sq = 0.97f;
        var p2 = (float[])p.Clone();
        var q2 = (float[])q.Clone();
        Kernels.Update(p2, q2, g, sp, sq);
        for (int i = 0; i < k; i++)
        {
            Assert.Equal(sp * p[i] + g * q[i], p2[i]);
            Assert.Equal(sq * q[i] + g * p[i], q2[i]);
        }
    }
}
