using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;

namespace LastFmMf.Tests.Training;

/// <summary>Issue 14: the Implicit objective's conjugate-gradient solver against the exact Cholesky solve it replaces by default.</summary>
public class ConjugateGradientTests
{
    private static readonly ImplicitWeights Weights =
        new(new ImplicitSettings { Regularization = 0.7, Alpha = 2.5, Confidence = ConfidenceScaling.Log, Epsilon = 3 }, null);

    private static (LastFmMf.Data.Interactions L, double[] Y) Problem(int k)
    {
        var l = Tiny.Synthetic(60, 80, 0.08, 13).Listens;
        var rng = new Random(2);
        return (l, Enumerable.Range(0, l.ArtistCount * k).Select(_ => rng.NextDouble() - 0.5).ToArray());
    }

    [Fact]
    public void With_k_steps_from_zero_it_reaches_the_exact_solution()
    {
        // In exact arithmetic CG solves a k×k system in at most k steps; in doubles it is there to float precision.
        const int k = 8;
        var (l, y) = Problem(k);
        var exact = ImplicitAls.SolveAll(l.RowStart, l.ArtistIndex, l.Plays, l.UserCount, y, l.ArtistCount, k, Weights, 1, lowRank: false);
        var cg = Weights with { Settings = Weights.Settings with { CgSteps = k } };
        var solved = ImplicitAls.SolveAll(l.RowStart, l.ArtistIndex, l.Plays, l.UserCount, y, l.ArtistCount, k, cg, 1, warm: new float[l.UserCount * k]);
        for (int i = 0; i < exact.Length; i++) Assert.Equal(exact[i], solved[i], 4);
    }

    [Fact]
    public void Each_step_from_a_warm_start_comes_closer_to_the_exact_solution()
    {
        const int k = 16;
        var (l, y) = Problem(k);
        var exact = ImplicitAls.SolveAll(l.RowStart, l.ArtistIndex, l.Plays, l.UserCount, y, l.ArtistCount, k, Weights, 1, lowRank: false);
        var rng = new Random(5);
        // A warm start near the solution, as the previous sweep's factors are.
        var warm = exact.Select(v => v + (float)(0.05 * (rng.NextDouble() - 0.5))).ToArray();
        double Error(int steps)
        {
            var o = Weights with { Settings = Weights.Settings with { CgSteps = steps } };
            var x = ImplicitAls.SolveAll(l.RowStart, l.ArtistIndex, l.Plays, l.UserCount, y, l.ArtistCount, k, o, 1, warm: warm);
            return Math.Sqrt(x.Select((v, i) => (double)(v - exact[i]) * (v - exact[i])).Sum());
        }
        double start = Math.Sqrt(warm.Select((v, i) => (double)(v - exact[i]) * (v - exact[i])).Sum());
        double one = Error(1), three = Error(3), ten = Error(10);
        Assert.True(one < start, $"1 step: {one} from {start}");
        Assert.True(three < one, $"3 steps: {three}, 1 step: {one}");
        Assert.True(ten < three / 10, $"10 steps: {ten}, 3 steps: {three}");
    }

    [Fact]
    public void Rows_with_at_most_k_over_8_listens_are_solved_exactly_whatever_the_steps()
    {
        // k = 16: rows with one or two listens go through Woodbury from A₀⁻¹.
        const int k = 16;
        var l = Tiny.Synthetic(200, 40, 0.03, 17).Listens;
        var rng = new Random(3);
        var y = Enumerable.Range(0, l.ArtistCount * k).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var exact = ImplicitAls.SolveAll(l.RowStart, l.ArtistIndex, l.Plays, l.UserCount, y, l.ArtistCount, k, Weights, 1, lowRank: false);
        var oneStep = Weights with { Settings = Weights.Settings with { CgSteps = 1 } };
        var solved = ImplicitAls.SolveAll(l.RowStart, l.ArtistIndex, l.Plays, l.UserCount, y, l.ArtistCount, k, oneStep, 1, warm: new float[l.UserCount * k]);
        int small = 0;
        for (int u = 0; u < l.UserCount; u++)
        {
            if (l.RowLength(u) is 0 or > 2) continue;
            small++;
            for (int f = 0; f < k; f++) Assert.Equal(exact[u * k + f], solved[u * k + f], 4);
        }
        Assert.True(small > 10, $"{small} small rows");
        // One CG step from zero does not reach the exact solution of a larger row.
        int large = Enumerable.Range(0, l.UserCount).First(u => l.RowLength(u) > 3);
        Assert.NotEqual(exact[large * k], solved[large * k], 4);
    }

    [Fact]
    public void Training_is_the_same_bits_for_any_thread_count_and_close_to_the_exact_solver()
    {
        var d = Tiny.Synthetic(80, 60, 0.15, 21);
        var hp = Hyperparameters.DefaultsFor("Implicit") with { Factors = 8, Epochs = 6, ValidationFraction = 0, Seed = 4 };
        Assert.Equal(ImplicitSolver.ConjugateGradient, ((ImplicitSettings)hp.Objective).Solver);
        var one = Trainer.Train(TrainingData.Create(d, null, hp with { ThreadCount = 1 }), hp with { ThreadCount = 1 });
        var two = Trainer.Train(TrainingData.Create(d, null, hp with { ThreadCount = 2 }), hp with { ThreadCount = 2 });
        Assert.Equal(one.Model.CopyUserFactors(), two.Model.CopyUserFactors());
        Assert.Equal(one.Model.CopyArtistFactors(), two.Model.CopyArtistFactors());
        // The objective after six sweeps is within 1% of the exact solver's.
        var exactHp = hp with { ThreadCount = 1, Objective = (ImplicitSettings)hp.Objective with { Solver = ImplicitSolver.Cholesky } };
        var exact = Trainer.Train(TrainingData.Create(d, null, exactHp), exactHp);
        double cgLoss = one.History[^1].Loss, exactLoss = exact.History[^1].Loss;
        Assert.InRange(cgLoss, exactLoss * 0.99, exactLoss * 1.01);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.7)]
    public void The_loss_an_epoch_reports_is_the_objective_of_the_model_it_returns(double gamma)
    {
        // The sweep hands the loss its listened-pairs sum from the predictions y_j·x its steps carried along in float, not
        // from a pass of its own over the final factors: here that sum is recomputed in double from the model returned.
        // (Each kind of row's share is checked on its own below.)
        var d = Tiny.Synthetic(400, 40, 0.7, 8);
        Assert.Contains(d.Listens.ListenerCounts(), n => n > 256);
        var defaults = Hyperparameters.DefaultsFor("Implicit");
        var hp = defaults with
        {
            Factors = 16, Epochs = 3, ValidationFraction = 0,
            Objective = (ImplicitSettings)defaults.Objective with { UnobservedWeightExponent = gamma },
        };
        var data = TrainingData.Create(d, null, hp);
        var weights = ImplicitWeights.For((ImplicitSettings)hp.Objective, data);
        var state = Trainer.Initialize(data, hp);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            state = EpochStep.Next(state, data, hp);
            var m = state.Model;
            double recomputed = ImplicitAls.Loss(data, m.UserFactors, m.ArtistFactors, m.Factors, weights), reported = state.History[^1].Loss;
            Assert.True(Math.Abs(reported - recomputed) <= 1e-6 * recomputed, $"epoch {epoch + 1}: reported {reported:R}, recomputed {recomputed:R}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Each_artists_share_of_the_loss_is_that_of_its_solved_factors(bool weighted)
    {
        // Artist rows of every kind: none, one or two listens (solved exactly when there are no unobserved weights), a
        // run of rows solved two at a time, and two of over 256 listens solved alone. Each row's share, from the float
        // predictions its CG steps carried, against Σ_j [c_j(1 − y_j·x)² − w(y_j·x)²] in double from the returned x.
        const int k = 16, users = 400;
        int[] lengths = [0, 1, 2, 3, 5, 7, 40, 41, 300, 9, 260, 1, 12];
        var rng = new Random(3);
        var start = new int[lengths.Length + 1];
        var index = new List<int>();
        for (int r = 0; r < lengths.Length; r++)
        {
            index.AddRange(Enumerable.Range(0, users).OrderBy(_ => rng.Next()).Take(lengths[r]).Order());
            start[r + 1] = index.Count;
        }
        var plays = index.Select(_ => 1 + rng.Next(500)).ToArray();
        float Random() => (float)(rng.NextDouble() - 0.5) * 0.6f;
        var y = Enumerable.Range(0, users * k).Select(_ => Random()).ToArray();
        var warm = Enumerable.Range(0, lengths.Length * k).Select(_ => Random()).ToArray();
        double[]? w = weighted ? lengths.Select(_ => 0.3 + 2 * rng.NextDouble()).ToArray() : null;
        var table = new ConfidenceTable(Weights);
        var observed = new double[lengths.Length];
        var x = ConjugateGradient.SolveAll(start, [.. index], plays, table, lengths.Length, y, users, ImplicitAls.GramOf(y, users, k, null, 1, cache: false), k,
            Weights.Regularization, 3, w, usersSide: false, warm, threads: 1, observed);
        for (int r = 0; r < lengths.Length; r++)
        {
            double expected = 0, scale = 0;
            for (int i = start[r]; i < start[r + 1]; i++)
            {
                double e = 0;
                for (int f = 0; f < k; f++) e += (double)y[index[i] * k + f] * x[r * k + f];
                double c = table.Of(plays[i]), term = c * (1 - e) * (1 - e) - (w?[r] ?? 1) * e * e;
                expected += term;
                scale += Math.Abs(term);
            }
            Assert.True(Math.Abs(observed[r] - expected) <= 1e-5 * (scale + 1), $"row {r} ({lengths[r]} listens): {observed[r]:R} against {expected:R}");
        }
    }
}
