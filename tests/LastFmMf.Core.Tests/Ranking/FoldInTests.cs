using LastFmMf.Ranking;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;
using Xunit.Abstractions;

namespace LastFmMf.Tests.Ranking;

public class FoldInTests(ITestOutputHelper output)
{
    private static FoldInOptions Options(double lambda, double lambdaBias = 0, double gravity = 0, long pairs = 0) =>
        new(ObjectiveKind.Squared, lambda, lambdaBias, gravity, pairs);

    [Fact]
    public void One_factor_without_biases_by_hand()
    {
        var m = TinyModel.Create(1, [[0]], [[2], [1], [0.5f]], [(0, 0, 1)]);
        var f = FoldIn.Solve(m, [(0, 9.0), (1, 2.0)], Options(1));
        // p = Σ q r / (Σ q² + λ) with r = ln(1 + plays).
        double expected = (2 * Math.Log(10) + 1 * Math.Log(3)) / (4 + 1 + 1);
        Assert.Equal(expected, f.Vector[0], 5);
        Assert.Equal(0, f.Bias);
        Assert.Equal([0, 1], f.Artists);
    }

    [Fact]
    public void Repeated_artists_are_summed_and_bad_counts_refused()
    {
        var m = TinyModel.Create(1, [[0]], [[2], [1]], [(0, 0, 1)]);
        var a = FoldIn.Solve(m, [(0, 4.0), (0, 5.0)], Options(1));
        var b = FoldIn.Solve(m, [(0, 9.0)], Options(1));
        Assert.Equal(b.Vector, a.Vector);
        Assert.Throws<ArgumentOutOfRangeException>(() => FoldIn.Solve(m, [(0, 0.0)], Options(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => FoldIn.Solve(m, [(0, double.NaN)], Options(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => FoldIn.Solve(m, [(5, 1.0)], Options(1)));
    }

    [Fact]
    public void One_factor_with_biases_by_hand()
    {
        // Unknowns (p, b): minimise Σ (y_j − b − p q_j)² + λ p² + λb b², y_j = ln(1+w_j) − μ − b_a_j.
        var m = TinyModel.Create(1, [[0]], [[2], [1], [-1]], [(0, 0, 1)], useBiases: true, mean: 1, artistBias: [0.5f, -0.25f, 0]);
        var f = FoldIn.Solve(m, [(0, 9.0), (1, 2.0), (2, 20.0)], Options(2, 3));
        double[] q = [2, 1, -1];
        double[] y = [Math.Log(10) - 1 - 0.5, Math.Log(3) - 1 + 0.25, Math.Log(21) - 1];
        double a11 = q.Sum(v => v * v) + 2, a12 = q.Sum(), a22 = 3 + 3;
        double b1 = q.Zip(y, (x, z) => x * z).Sum(), b2 = y.Sum();
        double det = a11 * a22 - a12 * a12;
        Assert.Equal((b1 * a22 - a12 * b2) / det, f.Vector[0], 5);
        Assert.Equal((a11 * b2 - a12 * b1) / det, f.Bias, 5);
    }

    [Fact]
    public void Gravity_adds_the_artist_gram_matrix()
    {
        // c = λg |Ω| / (M N) = 2 · 3 / (1 · 3) = 2; QᵀQ = 4 + 1 + 0.25.
        var m = TinyModel.Create(1, [[0]], [[2], [1], [0.5f]], [(0, 0, 1)]);
        var f = FoldIn.Solve(m, [(0, 9.0)], Options(1, gravity: 2, pairs: 3));
        Assert.Equal(2 * Math.Log(10) / (4 + 1 + 2 * 5.25), f.Vector[0], 5);
    }

    private sealed class Fixed(float value) : IFoldInSolver
    {
        public FoldedListener Solve(FactorModel model, ReadOnlySpan<int> artists, ReadOnlySpan<float> plays, FoldInOptions options) =>
            new(Enumerable.Repeat(value, model.Factors).ToArray(), 0, artists.ToArray(), plays.ToArray());
    }

    [Fact]
    public void The_solver_is_chosen_by_objective()
    {
        Assert.IsType<SquaredFoldIn>(FoldIn.SolverFor(ObjectiveKind.Squared));
        Assert.IsType<SquaredFoldIn>(FoldIn.SolverFor((ObjectiveKind)99)); // an objective without its own solver
        FoldIn.Register((ObjectiveKind)98, new Fixed(7));
        var m = TinyModel.Create(1, [[0]], [[2]], [(0, 0, 1)]);
        Assert.Equal([7f], FoldIn.Solve(m, [(0, 1.0)], Options(1) with { Objective = (ObjectiveKind)98 }).Vector);
    }

    [Fact]
    public void Recommendations_for_a_folded_listener_leave_out_the_listens_and_explain_from_them()
    {
        var m = TinyModel.Create(2, [[0, 0]], [[2, 0], [0, 2], [1.5f, 0.1f], [0.1f, 1.8f]], [(0, 0, 1)]);
        var f = FoldIn.Solve(m, [(0, 100.0)], Options(0.1));
        var rows = Recommender.ForListener(m, f, new RecommendOptions(Top: 2, Explain: true));
        Assert.Equal([3, 4], rows.Select(r => r.ArtistId).ToArray());
        Assert.All(rows, r => Assert.Null(r.UserId));
        Assert.Equal("because you listen to Artist 1", rows[0].Because);
    }

    [SkippableFact]
    public void Folding_in_a_real_users_train_history_recommends_close_to_that_users_own()
    {
        var (_, run) = TinyModel.RealRun;
        var m = run.Model;
        var opts = FoldInOptions.FromHyperparameters(run.Hyperparameters, m.Listened!.Count);
        var users = Enumerable.Range(0, m.UserCount).Where(u => m.Listened.RowLength(u) >= 10).Take(200).ToArray();
        double overlapSum = 0, cosSum = 0;
        int user2Overlap = -1;
        foreach (var u in users)
        {
            var listens = new List<(int, double)>();
            var artists = m.Listened.ArtistsOf(u);
            var plays = m.Listened.PlaysOf(u);
            for (int i = 0; i < artists.Length; i++) listens.Add((artists[i], plays[i]));
            var f = FoldIn.Solve(m, listens, opts);
            var own = Recommender.ForUsers(m, [u], new RecommendOptions(Top: 10, ThreadCount: 1)).Select(r => r.ArtistId).ToHashSet();
            var folded = Recommender.ForListener(m, f, new RecommendOptions(Top: 10)).Select(r => r.ArtistId).ToList();
            int overlap = folded.Count(own.Contains);
            overlapSum += overlap / 10.0;
            var p = m.UserVector(u);
            double dot = 0, np = 0, nf = 0;
            for (int j = 0; j < p.Length; j++) { dot += p[j] * f.Vector[j]; np += p[j] * p[j]; nf += f.Vector[j] * f.Vector[j]; }
            cosSum += dot / Math.Sqrt(np * nf);
            if (m.Users.IdOf(u) == 2) user2Overlap = overlap;
        }
        double meanOverlap = overlapSum / users.Length, meanCos = cosSum / users.Length;
        output.WriteLine($"{users.Length} users: mean top-10 overlap {meanOverlap:P1}, mean cosine(p_u, folded p) {meanCos:F3}; user 2 overlap {user2Overlap}/10");
        Assert.True(meanOverlap >= 0.85, $"mean overlap {meanOverlap}");
        Assert.True(meanCos >= 0.85, $"mean cosine {meanCos}");
    }
}
