using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;
using LastFmMf.Scoring;

namespace LastFmMf.Tests.Training;

public class GravityTests
{
    private const int M = 5, N = 7, K = 3;

    private static float[] RandomMatrix(int rows, int seed)
    {
        var rng = new Random(seed);
        // Multiples of 1/1024, so that the finite-difference steps below are exact in float.
        return Enumerable.Range(0, rows * K).Select(_ => (float)(Math.Round((rng.NextDouble() * 2 - 1) * 1024) / 1024)).ToArray();
    }

    private static double BruteForce(float[] p, float[] q)
    {
        double s = 0;
        for (int u = 0; u < M; u++)
            for (int a = 0; a < N; a++)
            {
                double dot = 0;
                for (int i = 0; i < K; i++) dot += (double)p[u * K + i] * q[a * K + i];
                s += dot * dot;
            }
        return s / (M * N);
    }

    [Fact]
    public void Gram_form_equals_the_sum_over_all_pairs()
    {
        var p = RandomMatrix(M, 1);
        var q = RandomMatrix(N, 2);
        Assert.Equal(BruteForce(p, q), SquaredLoss.Gravity(p, q, M, N, K), 12);
    }

    [Fact]
    public void Gravity_gradient_matches_central_finite_differences()
    {
        var p = RandomMatrix(M, 3);
        var q = RandomMatrix(N, 4);
        var grad = SquaredLoss.GravityUserGradient(p, q, M, N, K);
        for (int i = 0; i < p.Length; i++)
        {
            var plus = (float[])p.Clone();
            var minus = (float[])p.Clone();
            plus[i] += 1f / 64;
            minus[i] -= 1f / 64;
            double h = 2.0 / 64;
            double fd = (BruteForce(plus, q) - BruteForce(minus, q)) / h;
            // The gravity term is quadratic in p, so central differences are exact up to rounding.
            Assert.Equal(fd, grad[i], 12);
        }
    }

    [Fact]
    public void Objective_matches_its_definition_on_a_tiny_model()
    {
        var d = Tiny.Dataset(2, 3, (0, 0, 3), (0, 2, 1), (1, 1, 7));
        var hp = new Hyperparameters
        {
            Factors = K, ValidationFraction = 0,
            Objective = new SquaredSettings
            {
                Transform = TransformKind.Log, Regularization = 0.3, UserBiasRegularization = 0.2, ArtistBiasRegularization = 0.7,
                Gravity = 2.5, BlockCount = 1,
            },
        };
        var data = TrainingData.Create(d, null, hp);
        var s = Trainer.Initialize(data, hp);
        var m = s.Model;
        var (obj, rmse) = SquaredLoss.Evaluate(m, data, (SquaredSettings)hp.Objective, 1);

        (int u, int a, double w)[] obs = [(0, 0, 3), (0, 2, 1), (1, 1, 7)];
        double mu = obs.Average(o => Math.Log(1 + o.w));
        double sq = 0;
        foreach (var (u, a, w) in obs)
        {
            double dot = 0;
            for (int i = 0; i < K; i++) dot += (double)m.UserVector(u)[i] * m.ArtistVector(a)[i];
            double e = Math.Log(1 + w) - (mu + dot); // biases are 0 at the start
            sq += e * e;
        }
        double norms = 0;
        foreach (var x in m.CopyUserFactors()) norms += (double)x * x;
        foreach (var x in m.CopyArtistFactors()) norms += (double)x * x;
        double gravity = 0;
        for (int u = 0; u < 2; u++)
            for (int a = 0; a < 3; a++)
            {
                double dot = 0;
                for (int i = 0; i < K; i++) dot += (double)m.UserVector(u)[i] * m.ArtistVector(a)[i];
                gravity += dot * dot;
            }
        double expected = (sq + 0.3 * norms) / 3 + 2.5 * gravity / 6;
        Assert.Equal(expected, obj, 5);
        Assert.Equal(Math.Sqrt(sq / 3), rmse, 5);
    }

    [Fact]
    public void The_epoch_gravity_step_is_minus_the_scaled_gradient()
    {
        // With no observed pair of a user, only the gravity step moves its factors: Δp_u = −η·|Ω|/2·λ_g·∇p_u gravity.
        var d = Tiny.Dataset(3, 4, (0, 0, 3), (0, 1, 2), (1, 2, 5), (1, 3, 1));
        var hp = new Hyperparameters
        {
            Factors = K, ValidationFraction = 0, Epochs = 1,
            Objective = new SquaredSettings { LearningRate = 0.05, Gravity = 3, BlockCount = 1, Regularization = 0, Transform = TransformKind.Log },
        };
        var data = TrainingData.Create(d, null, hp);
        var s0 = Trainer.Initialize(data, hp);
        // User index 2 has no listen; give it factors by hand (Initialize zeroes unseen rows).
        var p = s0.Model.CopyUserFactors();
        p[6] = 0.4f; p[7] = -0.3f; p[8] = 0.2f;
        s0 = Bits.WithModel(s0, p, s0.Model.CopyArtistFactors(), s0.Model.CopyUserBiases(), s0.Model.CopyArtistBiases());
        var grad = SquaredLoss.GravityUserGradient(p, s0.Model.ArtistFactors, 3, 4, K);
        var s1 = EpochStep.Next(s0, data, hp);
        for (int i = 0; i < K; i++)
            Assert.Equal(p[6 + i] - 0.05 * 4 / 2.0 * 3 * grad[6 + i], s1.Model.UserVector(2)[i], 6);
    }
}
