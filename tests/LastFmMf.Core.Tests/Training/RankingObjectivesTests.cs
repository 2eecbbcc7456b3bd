using LastFmMf.Data;
using LastFmMf.Evaluation;
using LastFmMf.Ranking;
using LastFmMf.Splitting;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using MathNet.Numerics.LinearAlgebra.Double;
using Xunit;
using Xunit.Abstractions;
using LastFmMf.Scoring;

namespace LastFmMf.Tests.Training;

public class BprTests
{
    private static double Loss(double[] pu, double[] qi, double[] qj, double bi, double bj, double lambda, double lambdaB, bool biases)
    {
        double x = 0, norms = 0;
        for (int f = 0; f < pu.Length; f++)
        {
            x += pu[f] * (qi[f] - qj[f]);
            norms += pu[f] * pu[f] + qi[f] * qi[f] + qj[f] * qj[f];
        }
        if (biases) x += bi - bj;
        double l = Math.Log(1 + Math.Exp(-x)) + lambda / 2 * norms;
        if (biases) l += lambdaB / 2 * (bi * bi + bj * bj);
        return l;
    }

    [Theory]
    [InlineData(true, 5)]
    [InlineData(false, 5)]
    [InlineData(true, 19)] // SIMD lanes plus a scalar tail
    public void Step_moves_against_the_finite_difference_gradient_of_the_sample_loss(bool biases, int k)
    {
        var rng = new Random(4);
        float[] Rand() => Enumerable.Range(0, k).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        float[] pu = Rand(), qi = Rand(), qj = Rand();
        float bi = 0.3f, bj = -0.2f;
        const float lr = 0.25f, lambda = 0.07f, lambdaB = 0.03f;
        double[] D(float[] x) => x.Select(v => (double)v).ToArray();
        double[] p0 = D(pu), i0 = D(qi), j0 = D(qj);
        double b0i = bi, b0j = bj;

        double reported;
        reported = BprSgd.Step(pu, qi, qj, ref bi, ref bj, lr, lambda, lambdaB, biases);
        Assert.Equal(Loss(p0, i0, j0, b0i, b0j, 0, 0, biases), reported, 5);

        // Central differences of ℓ in double at the old point; the step must be θ − η·∇ℓ.
        const double h = 1e-6;
        void Check(double[] theta, float[] after)
        {
            for (int f = 0; f < k; f++)
            {
                double keep = theta[f];
                theta[f] = keep + h;
                double up = Loss(p0, i0, j0, b0i, b0j, lambda, lambdaB, biases);
                theta[f] = keep - h;
                double down = Loss(p0, i0, j0, b0i, b0j, lambda, lambdaB, biases);
                theta[f] = keep;
                double grad = (up - down) / (2 * h);
                Assert.Equal(grad, (keep - after[f]) / lr, 4);
            }
        }
        Check(p0, pu);
        Check(i0, qi);
        Check(j0, qj);
        if (biases)
        {
            double gi = (Loss(p0, i0, j0, b0i + h, b0j, lambda, lambdaB, true) - Loss(p0, i0, j0, b0i - h, b0j, lambda, lambdaB, true)) / (2 * h);
            double gj = (Loss(p0, i0, j0, b0i, b0j + h, lambda, lambdaB, true) - Loss(p0, i0, j0, b0i, b0j - h, lambda, lambdaB, true)) / (2 * h);
            Assert.Equal(gi, (b0i - bi) / lr, 4);
            Assert.Equal(gj, (b0j - bj) / lr, 4);
        }
        else
        {
            Assert.Equal(0.3f, bi);
            Assert.Equal(-0.2f, bj);
        }
    }
}

public class ImplicitAlsTests
{
    private static readonly ImplicitWeights Settings =
        new(new ImplicitSettings { Regularization = 0.7, Alpha = 2.5, Confidence = ConfidenceScaling.Log, Epsilon = 3 }, null);

    [Fact]
    public void Row_solve_equals_a_direct_dense_solve_of_the_full_weighted_problem()
    {
        // 7 artists, k = 3; the user listened to artists 1, 3 and 4. The dense problem runs over all 7 artists:
        // minimise Σ_a c_a (x_a − y_a·p)² + λ‖p‖², normal equations (Yᵀ C Y + λI) p = Yᵀ C x.
        const int n = 7, k = 3;
        var rng = new Random(8);
        var y = Enumerable.Range(0, n * k).Select(_ => rng.NextDouble() - 0.5).ToArray();
        int[] listened = [1, 3, 4];
        float[] plays = [5, 120, 1];
        var conf = plays.Select(w => Settings.ConfidenceOf(w)).ToArray();
        Assert.Equal(1 + 2.5 * Math.Log(1 + 120 / 3.0), conf[1], 12);

        var c = new double[n];
        var x = new double[n];
        Array.Fill(c, 1.0);
        for (int t = 0; t < listened.Length; t++) { c[listened[t]] = conf[t]; x[listened[t]] = 1; }
        var Y = DenseMatrix.Build.Dense(n, k, (i, j) => y[i * k + j]);
        var C = DenseMatrix.Build.DenseDiagonal(n, n, i => c[i]);
        var A = Y.Transpose() * C * Y + DenseMatrix.Build.DenseIdentity(k) * Settings.Regularization;
        var b = Y.Transpose() * C * DenseVector.OfArray(x);
        var expected = A.LU().Solve(b);

        var gram = ImplicitAls.Gram(y, n, k);
        var result = new float[k];
        ImplicitAls.SolveRow(listened, conf, [1.0, 1.0, 1.0], y, gram, 1, k, Settings.Regularization, new double[k * k], new double[k], result);
        for (int i = 0; i < k; i++) Assert.Equal(expected[i], result[i], 5);
    }

    [Fact]
    public void The_low_rank_path_gives_the_direct_solution()
    {
        // k = 32: rows with at most 8 listens go through Woodbury; the direct path solves every row by Cholesky of k×k.
        var d = Tiny.Synthetic(60, 80, 0.08, 13);
        var l = d.Listens;
        var rng = new Random(2);
        var y = Enumerable.Range(0, l.ArtistCount * 32).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var lowRank = ImplicitAls.SolveAll(l.RowStart, l.ArtistIndex, l.Plays, l.UserCount, y, l.ArtistCount, 32, Settings, 2);
        var direct = ImplicitAls.SolveAll(l.RowStart, l.ArtistIndex, l.Plays, l.UserCount, y, l.ArtistCount, 32, Settings, 2, lowRank: false);
        Assert.Contains(Enumerable.Range(0, l.UserCount), u => l.RowLength(u) is > 0 and <= 8);
        for (int i = 0; i < direct.Length; i++) Assert.Equal(direct[i], lowRank[i], 5);
        Assert.Equal(lowRank, ImplicitAls.SolveAll(l.RowStart, l.ArtistIndex, l.Plays, l.UserCount, y, l.ArtistCount, 32, Settings, 1));
    }

    private static Hyperparameters Implicit(int factors, int epochs, double gamma, double? regularization = null, double? alpha = null)
    {
        var hp = Hyperparameters.DefaultsFor("Implicit");
        var s = (ImplicitSettings)hp.Objective;
        return hp with
        {
            Factors = factors, Epochs = epochs, ValidationFraction = 0,
            Objective = s with { UnobservedWeightExponent = gamma, Regularization = regularization ?? s.Regularization, Alpha = alpha ?? s.Alpha },
        };
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.7)]
    public void A_sweep_leaves_every_row_at_the_minimum_of_the_full_objective_given_the_other_side(double gamma)
    {
        var d = Tiny.Synthetic(30, 25, 0.25, 3);
        var hp = Implicit(4, 1, gamma, regularization: 0.5, alpha: 3);
        hp = hp with { Objective = (ImplicitSettings)hp.Objective with { Solver = ImplicitSolver.Cholesky } }; // the exact solver
        var data = TrainingData.Create(d, null, hp);
        var s1 = EpochStep.Next(Trainer.Initialize(data, hp), data, hp);
        var m = s1.Model;
        // The confidences the run trained with: the settings and the unobserved weights of the fit data.
        var o = ImplicitWeights.For((ImplicitSettings)hp.Objective, data);
        Assert.Equal(0.5, o.Regularization);
        Assert.Equal(3, o.Alpha);
        // Artists were solved last, from the final users: each artist row zeroes the gradient of the dense objective.
        var l = d.Listens;
        for (int a = 0; a < d.ArtistCount; a++)
        {
            var grad = new double[4];
            for (int u = 0; u < d.UserCount; u++)
            {
                int at = l.ArtistsOf(u).IndexOf(a);
                double c = at < 0 ? o.UnobservedWeightOf(a) : o.ConfidenceOf(l.PlaysOf(u)[at]);
                double x = at < 0 ? 0 : 1;
                double e = m.Predict(u, a) - x;
                for (int f = 0; f < 4; f++) grad[f] += 2 * c * e * m.UserVector(u)[f];
            }
            for (int f = 0; f < 4; f++) grad[f] += 2 * o.Regularization * m.ArtistVector(a)[f];
            Assert.All(grad, g => Assert.True(Math.Abs(g) < 1e-3, $"artist {a}: gradient {g}"));
        }
        if (gamma > 0)
        {
            // w_a = (n_a + 1)^γ / mean, so the weights average 1 and grow with listeners.
            var w = o.UnobservedWeights!;
            Assert.Equal(1.0, w.Average(), 12);
            var counts = l.ListenerCounts();
            int most = Array.IndexOf(counts, counts.Max()), least = Array.IndexOf(counts, counts.Min());
            Assert.True(w[most] > w[least]);
        }
        else Assert.Null(o.UnobservedWeights);
        // The history's loss is the dense objective over all pairs divided by the fit pairs.
        double dense = 0;
        for (int u = 0; u < d.UserCount; u++)
            for (int a = 0; a < d.ArtistCount; a++)
            {
                int at = l.ArtistsOf(u).IndexOf(a);
                double c = at < 0 ? o.UnobservedWeightOf(a) : o.ConfidenceOf(l.PlaysOf(u)[at]);
                double e = (at < 0 ? 0 : 1) - m.Predict(u, a);
                dense += c * e * e;
            }
        for (int u = 0; u < d.UserCount; u++) foreach (var v in m.UserVector(u)) dense += o.Regularization * v * v;
        for (int a = 0; a < d.ArtistCount; a++) foreach (var v in m.ArtistVector(a)) dense += o.Regularization * v * v;
        Assert.Equal(dense / l.Count, s1.History[0].Loss, 6);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    public void Fold_in_solves_the_same_system_as_training_and_follows_the_models_objective(double gamma)
    {
        var d = Tiny.Synthetic(40, 30, 0.3, 5);
        var hp = Implicit(5, 3, gamma);
        var run = Trainer.Train(TrainingData.Create(d, null, hp), hp);
        var m = run.Model;
        Assert.Equal("Implicit", m.Objective);
        var trained = (ImplicitSettings)m.Origin!.Hyperparameters.Objective;
        Assert.Equal(((ImplicitSettings)hp.Objective).Alpha, trained.Alpha);
        Assert.Equal(((ImplicitSettings)hp.Objective).Regularization, trained.Regularization);
        // One more user half-sweep from the trained artists, for user 7, is what fold-in computes for user 7's listens.
        var l = d.Listens;
        float[] FoldIn(int[] artists, int[] plays) => ImplicitAls.Instance.FoldIn(m, m.Origin!, artists, Array.ConvertAll(plays, x => (float)x), null).Vector;
        var p = FoldIn(l.ArtistsOf(7).ToArray(), l.PlaysOf(7).ToArray());
        var weights = new ImplicitWeights(trained, m.Origin.ArtistWeights);
        var all = ImplicitAls.SolveAll(l.RowStart, l.ArtistIndex, l.Plays, l.UserCount, ImplicitAls.ToDouble(m.CopyArtistFactors()), l.ArtistCount, 5, weights, 1);
        Assert.Equal(all.AsSpan(7 * 5, 5).ToArray(), p);
        Assert.Equal(gamma > 0, m.Origin.ArtistWeights is not null);
        // The order of the listens does not matter beyond rounding.
        var rev = FoldIn(l.ArtistsOf(7).ToArray().Reverse().ToArray(), l.PlaysOf(7).ToArray().Reverse().ToArray());
        for (int f = 0; f < 5; f++) Assert.Equal(p[f], rev[f], 4);

        // The generic fold-in (Get-MfRecommendation's) goes to the objective of the model's origin, with the run's λ unless given.
        var listens = Enumerable.Range(0, l.RowLength(7)).Select(i => (l.ArtistsOf(7)[i], (double)l.PlaysOf(7)[i])).ToList();
        Assert.Equal(p, LastFmMf.Ranking.FoldIn.Solve(m, listens).Vector);
        Assert.Equal(p, LastFmMf.Ranking.FoldIn.Solve(m, listens, trained.Regularization).Vector);
        Assert.NotEqual(p, LastFmMf.Ranking.FoldIn.Solve(m, listens, trained.Regularization * 10).Vector);

        // The same factors under a Squared origin fold in by the squared solve instead.
        var squaredHp = new Hyperparameters { Factors = 5, Epochs = 1 };
        var squared = Trainer.Train(TrainingData.Create(d, null, squaredHp), squaredHp);
        Assert.Equal("Squared", squared.Model.Objective);
        var asSquared = m.WithOrigin(squared.Model.Origin!);
        Assert.NotEqual(p, LastFmMf.Ranking.FoldIn.Solve(asSquared, listens).Vector);
        // Bad listens are refused by the generic entry; a repeated artist's plays are summed.
        Assert.Throws<ArgumentOutOfRangeException>(() => LastFmMf.Ranking.FoldIn.Solve(m, [(30, 3.0)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LastFmMf.Ranking.FoldIn.Solve(m, [(1, -3.0)]));
        Assert.Equal(LastFmMf.Ranking.FoldIn.Solve(m, [(1, 7.0)]).Vector, LastFmMf.Ranking.FoldIn.Solve(m, [(1, 3.0), (1, 4.0)]).Vector);
    }

    [Fact]
    public void Implicit_has_no_biases_and_refuses_them_naming_who_reads_them()
    {
        Assert.DoesNotContain(Hyperparameters.DefaultsFor("Implicit").Columns(), c => c.Key == "UseBiases");
        var e = Assert.Throws<ParameterNotApplicableException>(() =>
            HyperparameterOverrides.Apply(Hyperparameters.DefaultsFor("Implicit"), [new("UseBiases", true)]));
        Assert.Equal("UseBiases", e.Setting);
        Assert.Equal("Implicit", e.Objective);
        Assert.Equal(["Squared", "Bpr"], e.UsedBy);
        // And an Implicit run's model has none.
        var d = Tiny.Synthetic(20, 20, 0.3, 5);
        var hp = Implicit(4, 1, 0);
        Assert.False(Trainer.Train(TrainingData.Create(d, null, hp), hp).Model.UseBiases);
    }

    [Fact]
    public void Implicit_refuses_a_zero_regularization_at_construction()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ImplicitSettings { Regularization = 0 });
        Assert.Equal("Regularization", e.ParamName);
        Assert.Contains("greater than 0", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => HyperparameterOverrides.Apply(Hyperparameters.DefaultsFor("Implicit"), [new("Regularization", 0)]));
    }
}

public class RankingObjectiveTrainingTests(ITestOutputHelper output)
{
    private static readonly LastFmDataset Data = Tiny.Synthetic(120, 150, 0.12, 11);

    /// <summary>Small runs of each objective: 4 blocks for the SGD objectives (Implicit has no block schedule).</summary>
    internal static Hyperparameters Hp(string o, int threads, NegativeSampling sampling = NegativeSampling.Uniform)
    {
        var hp = Hyperparameters.DefaultsFor(o) with { Factors = 20, Epochs = 4, ThreadCount = threads, Seed = 9, Patience = 0, ValidationFraction = 0.2 };
        return hp with
        {
            Objective = hp.Objective switch
            {
                BprSettings b => b with { BlockCount = 4, NegativeSampling = sampling },
                SquaredSettings s => s with { BlockCount = 4 },
                PreferenceSettings p => p with { BlockCount = 4, GravitySteps = 2 },
                var other => other,
            },
        };
    }

    [Theory]
    [InlineData("Squared", NegativeSampling.Uniform)]
    [InlineData("Bpr", NegativeSampling.Uniform)]
    [InlineData("Bpr", NegativeSampling.Popularity)]
    [InlineData("Implicit", NegativeSampling.Uniform)]
    [InlineData("Preference", NegativeSampling.Uniform)]
    public void The_result_is_bit_identical_for_1_2_and_4_threads(string o, NegativeSampling sampling)
    {
        FactorModel Run(int threads)
        {
            var hp = Hp(o, threads, sampling);
            return Trainer.Train(TrainingData.Create(Data, null, hp), hp).FinalState.Model;
        }
        var one = Run(1);
        Assert.True(Bits.SameModel(one, Run(2)));
        Assert.True(Bits.SameModel(one, Run(4)));
        // A different seed gives a different model (the seed is really used).
        var hp9 = Hp(o, 1, sampling) with { Seed = 10 };
        Assert.False(Bits.SameModel(one, Trainer.Train(TrainingData.Create(Data, null, hp9), hp9).FinalState.Model));
    }

    [Theory]
    [InlineData("Bpr")]
    [InlineData("Implicit")]
    public void Resuming_from_a_state_continues_the_same_run(string o)
    {
        var hp = Hp(o, 2);
        var data = TrainingData.Create(Data, null, hp);
        var whole = Trainer.Unfold(Trainer.Initialize(data, hp), data, hp).Last();
        var half = Trainer.Unfold(Trainer.Initialize(data, hp), data, hp with { Epochs = 2 }).Last();
        var resumed = Trainer.Unfold(half, data, hp).Last();
        Assert.Equal(4, resumed.Epoch);
        Assert.True(Bits.SameModel(whole.Model, resumed.Model));
    }

    [Theory]
    [InlineData("Bpr")]
    [InlineData("Implicit")]
    public void Epoch_is_pure_and_records_validation_ndcg(string o)
    {
        var hp = Hp(o, 2);
        var data = TrainingData.Create(Data, null, hp);
        var s0 = Trainer.Initialize(data, hp);
        var before = (s0.Model.CopyUserFactors(), s0.Model.CopyArtistFactors(), s0.Model.CopyArtistBiases());
        var s1 = EpochStep.Next(s0, data, hp);
        Assert.True(Bits.Same(before.Item1, s0.Model.UserFactors));
        Assert.True(Bits.Same(before.Item2, s0.Model.ArtistFactors));
        Assert.True(Bits.Same(before.Item3, s0.Model.ArtistBias));
        Assert.True(Bits.SameModel(s1.Model, EpochStep.Next(s0, data, hp).Model));
        var r = Assert.Single(s1.History);
        Assert.NotNull(r.ValidationNdcg);
        Assert.Null(r.Measure("ValidationRmse"));
        var expected = RankingMetrics.Evaluate(s1.Model, data.Fit.Listens, data.Validation!.Listens, 10).Ndcg;
        Assert.Equal(expected, r.ValidationNdcg!.Value, 12);
        // The model a run keeps names its objective (the states of the fold carry no origin).
        var run = TrainingRun.From(s1, data, hp);
        Assert.Equal(o, run.Model.Objective);
        Assert.Equal(o, run.Model.Name);
        Assert.Equal(o, run.Objective);
    }

    [Fact]
    public void Early_stopping_on_validation_ndcg_keeps_the_best_epoch()
    {
        // A large step without decay: BPR overfits the small data and validation NDCG falls after its peak.
        var hp = Hyperparameters.DefaultsFor("Bpr") with
        {
            Factors = 32, Epochs = 200, Patience = 3, ValidationFraction = 0.2, Seed = 5,
            Objective = BprSettings.Default with { LearningRate = 0.3, LearningRateDecay = 1, Regularization = 0, ArtistBiasRegularization = 0, BlockCount = 2 },
        };
        var run = Trainer.Train(TrainingData.Create(Data, null, hp), hp);
        output.WriteLine(string.Join(" ", run.History.Select(h => h.ValidationNdcg!.Value.ToString("F4"))));
        Assert.True(run.StoppedEarly);
        Assert.Equal(run.EpochsRun - 3, run.BestEpoch);
        var best = run.History.Max(h => h.ValidationNdcg!.Value);
        Assert.Equal(best, run.History[run.BestEpoch - 1].ValidationNdcg);
        Assert.Equal(best, run.ValidationNdcg);
        Assert.True(Bits.SameModel(run.FinalState.BestModel, run.Model));
    }

    [Fact]
    public void Squared_can_watch_validation_ndcg_and_by_default_watches_rmse()
    {
        var hp = new Hyperparameters { Factors = 8, Epochs = 3, Patience = 0, ValidationFraction = 0.2, Objective = new SquaredSettings { BlockCount = 2 } };
        var plain = Trainer.Train(TrainingData.Create(Data, null, hp), hp);
        Assert.All(plain.History, h => Assert.Null(h.ValidationNdcg));
        Assert.Equal(StopMetric.ValidationRmse, hp.EffectiveStopMetric);
        var byNdcg = hp with { StopMetric = StopMetric.ValidationNdcg };
        var run = Trainer.Train(TrainingData.Create(Data, null, byNdcg), byNdcg);
        Assert.All(run.History, h => Assert.NotNull(h.ValidationNdcg));
        Assert.Equal(run.History.Max(h => h.ValidationNdcg), run.ValidationNdcg);
        Assert.Equal(StopMetric.ValidationNdcg, Hyperparameters.DefaultsFor("Bpr").EffectiveStopMetric);
        Assert.Equal(StopMetric.ValidationNdcg, (Hyperparameters.Default with { Objective = ImplicitSettings.Default }).EffectiveStopMetric);
    }

    [Theory]
    [InlineData("Bpr")]
    [InlineData("Implicit")]
    public void On_the_bundled_sample_both_objectives_beat_popularity_at_their_defaults(string o)
    {
        var sample = HetrecReader.Read(Path.Combine(RepoRoot.Path, "data", "sample"));
        var split = Splitter.PerUser(sample, 0.2, seed: 42);
        var hp = Hyperparameters.DefaultsFor(o) with { ThreadCount = 2 };
        var run = Trainer.Train(split, hp);
        var model = RankingMetrics.Evaluate(run.Model, split.Train.Listens, split.Test.Listens, 10, 2);
        var pop = RankingMetrics.Evaluate(new PopularityScorer(split.Train.Listens), split.Train.Listens, split.Test.Listens, 10, 2);
        output.WriteLine($"{o}: nDCG {model.Ndcg:F4} P {model.Precision:F4} vs Popularity nDCG {pop.Ndcg:F4} P {pop.Precision:F4} (epochs {run.EpochsRun}, best {run.BestEpoch})");
        Assert.True(model.Ndcg > pop.Ndcg, $"{o} nDCG@10 {model.Ndcg} should beat Popularity {pop.Ndcg}");
        Assert.True(model.Precision > pop.Precision, $"{o} P@10 {model.Precision} should beat Popularity {pop.Precision}");
    }
}

public class RankingHyperparametersTests
{
    public static TheoryData<string, Func<object>> Refused => new()
    {
        { "Alpha", () => new ImplicitSettings { Alpha = -1 } },
        { "Alpha", () => new ImplicitSettings { Alpha = double.NaN } },
        { "Epsilon", () => new ImplicitSettings { Epsilon = 0 } },
        { "Confidence", () => new ImplicitSettings { Confidence = (ConfidenceScaling)7 } },
        { "Regularization", () => new ImplicitSettings { Regularization = 0 } },
        { "NegativeSampling", () => new BprSettings { NegativeSampling = (NegativeSampling)7 } },
        { "NegativeSamplingExponent", () => new BprSettings { NegativeSamplingExponent = 2.5 } },
        { "LearningRate", () => new BprSettings { LearningRate = 0 } },
        { "BlockCount", () => new BprSettings { BlockCount = 0 } },
        { "StopMetric", () => new Hyperparameters { StopMetric = (StopMetric)7 } },
        { "UnobservedWeightExponent", () => new ImplicitSettings { UnobservedWeightExponent = -0.1 } },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Each_out_of_range_value_is_refused_with_its_name_and_range(string name, Func<object> make)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(make);
        Assert.StartsWith(name + " must be", e.Message);
    }

    [Fact]
    public void An_unknown_objective_name_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Hyperparameters.DefaultsFor("Nine"));
        Assert.Contains("'Nine' is not an objective", e.Message);
        Assert.False(Objectives.Exists("Nine"));
    }

    [Fact]
    public void Defaults_depend_on_the_objective()
    {
        Assert.Same(Hyperparameters.Default, Hyperparameters.DefaultsFor("Preference"));
        Assert.Equal(["Squared", "Preference", "Bpr", "Implicit"], Objectives.Names);
        foreach (var o in Objectives.Names) Assert.Equal(o, Hyperparameters.DefaultsFor(o).Objective.Name);
        // Names are case-insensitive and come back canonical.
        Assert.Equal("Implicit", Objectives.Canonical("implicit"));
        Assert.Same(Hyperparameters.DefaultsFor("Implicit"), Hyperparameters.DefaultsFor("IMPLICIT"));
        Assert.IsType<ImplicitSettings>(Hyperparameters.DefaultsFor("Implicit").Objective);
        Assert.IsType<BprSettings>(Hyperparameters.DefaultsFor("Bpr").Objective);
        Assert.IsType<SquaredSettings>(Hyperparameters.DefaultsFor("Squared").Objective);
        Assert.Equal(128, Hyperparameters.DefaultsFor("Implicit").Factors);
        Assert.Equal(0.01, Hyperparameters.DefaultsFor("Bpr").InitStdDev);
    }
}

public class RankingModelFileTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    public void An_implicit_model_file_keeps_its_objective_and_folds_in_identically(double gamma)
    {
        var d = Tiny.Synthetic(40, 30, 0.3, 5);
        var hp = Hyperparameters.DefaultsFor("Implicit") with
        {
            Factors = 5, Epochs = 2, ValidationFraction = 0, Objective = ImplicitSettings.Default with { UnobservedWeightExponent = gamma },
        };
        var run = Trainer.Train(TrainingData.Create(d, null, hp), hp);
        var folder = Directory.CreateTempSubdirectory("lastfmmf-rank-").FullName;
        try
        {
            var path = Path.Combine(folder, "implicit.lfmf");
            LastFmMf.Persistence.ModelFile.Write(path, new LastFmMf.Persistence.SavedModel(run.Model, DateTimeOffset.UnixEpoch), overwrite: false);
            var back = LastFmMf.Persistence.ModelFile.Read(path).Model;
            Assert.Equal("Implicit", back.Objective);
            var was = (ImplicitSettings)run.Model.Origin!.Hyperparameters.Objective;
            var now = (ImplicitSettings)back.Origin!.Hyperparameters.Objective;
            Assert.Equal(was, now);
            Assert.Equal(was.Alpha, now.Alpha);
            Assert.Equal(was.Epsilon, now.Epsilon);
            Assert.Equal(was.Regularization, now.Regularization);
            Assert.Equal(run.Model.Origin.ArtistWeights, back.Origin.ArtistWeights);
            Assert.Equal(gamma > 0, back.Origin.ArtistWeights is not null);
            var l = d.Listens;
            var listens = Enumerable.Range(0, l.RowLength(3)).Select(i => (l.ArtistsOf(3)[i], (double)l.PlaysOf(3)[i])).ToList();
            Assert.Equal(LastFmMf.Ranking.FoldIn.Solve(run.Model, listens).Vector, LastFmMf.Ranking.FoldIn.Solve(back, listens).Vector);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
