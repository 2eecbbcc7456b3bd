using LastFmMf.Data;
using LastFmMf.Evaluation;
using LastFmMf.Ranking;
using LastFmMf.Splitting;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using MathNet.Numerics.LinearAlgebra.Double;
using Xunit;
using Xunit.Abstractions;

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
    private static readonly ModelObjective Settings = new(ObjectiveKind.Implicit, 0.7, 2.5, ConfidenceScaling.Log, 3);

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

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.7)]
    public void A_sweep_leaves_every_row_at_the_minimum_of_the_full_objective_given_the_other_side(double gamma)
    {
        var d = Tiny.Synthetic(30, 25, 0.25, 3);
        var hp = Hyperparameters.DefaultsFor(ObjectiveKind.Implicit) with
        {
            Factors = 4, Epochs = 1, ValidationFraction = 0, Regularization = 0.5, Alpha = 3, UnobservedWeightExponent = gamma,
        };
        var data = TrainingData.Create(d, null, hp);
        var s1 = EpochStep.Next(Trainer.Initialize(data, hp), data, hp);
        var m = s1.Model;
        var o = m.TrainedWith;
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
        // The history's objective is the dense objective over all pairs divided by the fit pairs.
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
        Assert.Equal(dense / l.Count, s1.History[0].Objective, 6);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    public void Fold_in_solves_the_same_system_as_training_and_needs_an_implicit_model(double gamma)
    {
        var d = Tiny.Synthetic(40, 30, 0.3, 5);
        var hp = Hyperparameters.DefaultsFor(ObjectiveKind.Implicit) with { Factors = 5, Epochs = 3, ValidationFraction = 0, UnobservedWeightExponent = gamma };
        var run = Trainer.Train(TrainingData.Create(d, null, hp), hp);
        var m = run.Model;
        Assert.Equal(ObjectiveKind.Implicit, m.Objective);
        Assert.Equal(hp.Alpha, m.TrainedWith.Alpha);
        Assert.Equal(hp.Regularization, m.TrainedWith.Regularization);
        // One more user half-sweep from the trained artists, for user 7, is what fold-in computes for user 7's listens.
        var l = d.Listens;
        var p = ImplicitAls.FoldIn(m, l.ArtistsOf(7), l.PlaysOf(7));
        var all = ImplicitAls.SolveAll(l.RowStart, l.ArtistIndex, l.Plays, l.UserCount, ImplicitAls.ToDouble(m.CopyArtistFactors()), l.ArtistCount, 5, m.TrainedWith, 1);
        Assert.Equal(all.AsSpan(7 * 5, 5).ToArray(), p);
        Assert.Equal(gamma > 0, m.TrainedWith.UnobservedWeights is not null);
        // The order of the listens does not matter beyond rounding.
        var rev = ImplicitAls.FoldIn(m, l.ArtistsOf(7).ToArray().Reverse().ToArray(), l.PlaysOf(7).ToArray().Reverse().ToArray());
        for (int f = 0; f < 5; f++) Assert.Equal(p[f], rev[f], 4);

        // The generic fold-in (Get-MfRecommendation's) dispatches on the model's objective to the same solve.
        var listens = Enumerable.Range(0, l.RowLength(7)).Select(i => (l.ArtistsOf(7)[i], (double)l.PlaysOf(7)[i])).ToList();
        Assert.Equal(p, LastFmMf.Ranking.FoldIn.Solve(m, listens).Vector);
        Assert.Equal(p, LastFmMf.Ranking.FoldIn.Solve(m, listens, LastFmMf.Ranking.FoldInOptions.Default).Vector);

        var squared = Trainer.Train(TrainingData.Create(d, null, Hyperparameters.Default with { Factors = 5, Epochs = 1 }), Hyperparameters.Default with { Factors = 5, Epochs = 1 });
        Assert.Equal(ObjectiveKind.Squared, squared.Model.Objective);
        Assert.Throws<ArgumentException>(() => ImplicitAls.FoldIn(squared.Model, l.ArtistsOf(7), l.PlaysOf(7)));
        Assert.Throws<ArgumentException>(() => ImplicitAls.FoldIn(m, [1, 1], [3f, 4f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImplicitAls.FoldIn(m, [30], [3f]));
    }

    [Fact]
    public void Implicit_with_biases_is_refused_with_a_hint()
    {
        var d = Tiny.Synthetic(20, 20, 0.3, 5);
        var hp = Hyperparameters.DefaultsFor(ObjectiveKind.Implicit) with { UseBiases = true };
        var e = Assert.Throws<ArgumentException>(() => Trainer.Initialize(TrainingData.Create(d, null, hp), hp));
        Assert.Contains("UseBiases", e.Message);
    }
}

public class RankingObjectiveTrainingTests(ITestOutputHelper output)
{
    private static readonly LastFmDataset Data = Tiny.Synthetic(120, 150, 0.12, 11);

    private static Hyperparameters Hp(ObjectiveKind o, int threads) => Hyperparameters.DefaultsFor(o) with
    {
        Factors = 20, Epochs = 4, BlockCount = 4, ThreadCount = threads, Seed = 9, Patience = 0, ValidationFraction = 0.2,
    };

    [Theory]
    [InlineData(ObjectiveKind.Bpr, NegativeSampling.Uniform)]
    [InlineData(ObjectiveKind.Bpr, NegativeSampling.Popularity)]
    [InlineData(ObjectiveKind.Implicit, NegativeSampling.Uniform)]
    public void The_result_is_bit_identical_for_1_2_and_4_threads(ObjectiveKind o, NegativeSampling sampling)
    {
        FactorModel Run(int threads)
        {
            var hp = Hp(o, threads) with { NegativeSampling = sampling };
            return Trainer.Train(TrainingData.Create(Data, null, hp), hp).FinalState.Model;
        }
        var one = Run(1);
        Assert.True(Bits.SameModel(one, Run(2)));
        Assert.True(Bits.SameModel(one, Run(4)));
        // A different seed gives a different model (the seed is really used).
        var hp9 = Hp(o, 1) with { Seed = 10, NegativeSampling = sampling };
        Assert.False(Bits.SameModel(one, Trainer.Train(TrainingData.Create(Data, null, hp9), hp9).FinalState.Model));
    }

    [Theory]
    [InlineData(ObjectiveKind.Bpr)]
    [InlineData(ObjectiveKind.Implicit)]
    public void Resuming_from_a_state_continues_the_same_run(ObjectiveKind o)
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
    [InlineData(ObjectiveKind.Bpr)]
    [InlineData(ObjectiveKind.Implicit)]
    public void Epoch_is_pure_and_records_validation_ndcg(ObjectiveKind o)
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
        Assert.Null(r.ValidationRmse);
        var expected = RankingMetrics.Evaluate(s1.Model, data.Fit.Listens, data.Validation!.Listens, 10).Ndcg;
        Assert.Equal(expected, r.ValidationNdcg!.Value, 12);
        Assert.Equal(o, s1.Model.Objective);
        Assert.Equal(o.ToString(), s1.Model.Name);
    }

    [Fact]
    public void Early_stopping_on_validation_ndcg_keeps_the_best_epoch()
    {
        // A large step without decay: BPR overfits the small data and validation NDCG falls after its peak.
        var hp = Hyperparameters.DefaultsFor(ObjectiveKind.Bpr) with
        {
            Factors = 32, Epochs = 200, LearningRate = 0.3, LearningRateDecay = 1, Regularization = 0, ArtistBiasRegularization = 0,
            BlockCount = 2, Patience = 3, ValidationFraction = 0.2, Seed = 5,
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
        var hp = new Hyperparameters { Factors = 8, Epochs = 3, BlockCount = 2, Patience = 0, ValidationFraction = 0.2 };
        var plain = Trainer.Train(TrainingData.Create(Data, null, hp), hp);
        Assert.All(plain.History, h => Assert.Null(h.ValidationNdcg));
        Assert.Equal(StopMetric.ValidationRmse, hp.EffectiveStopMetric);
        var byNdcg = hp with { StopMetric = StopMetric.ValidationNdcg };
        var run = Trainer.Train(TrainingData.Create(Data, null, byNdcg), byNdcg);
        Assert.All(run.History, h => Assert.NotNull(h.ValidationNdcg));
        Assert.Equal(run.History.Max(h => h.ValidationNdcg), run.ValidationNdcg);
        Assert.Equal(StopMetric.ValidationNdcg, Hyperparameters.DefaultsFor(ObjectiveKind.Bpr).EffectiveStopMetric);
        Assert.Equal(StopMetric.ValidationNdcg, (Hyperparameters.Default with { Objective = ObjectiveKind.Implicit }).EffectiveStopMetric);
    }

    [Theory]
    [InlineData(ObjectiveKind.Bpr)]
    [InlineData(ObjectiveKind.Implicit)]
    public void On_the_bundled_sample_both_objectives_beat_popularity_at_their_defaults(ObjectiveKind o)
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
    public static TheoryData<string, Func<Hyperparameters>> Refused => new()
    {
        { "Alpha", () => new Hyperparameters { Alpha = -1 } },
        { "Alpha", () => new Hyperparameters { Alpha = double.NaN } },
        { "Epsilon", () => new Hyperparameters { Epsilon = 0 } },
        { "Confidence", () => new Hyperparameters { Confidence = (ConfidenceScaling)7 } },
        { "NegativeSampling", () => new Hyperparameters { NegativeSampling = (NegativeSampling)7 } },
        { "NegativeSamplingExponent", () => new Hyperparameters { NegativeSamplingExponent = 2.5 } },
        { "StopMetric", () => new Hyperparameters { StopMetric = (StopMetric)7 } },
        { "UnobservedWeightExponent", () => new Hyperparameters { UnobservedWeightExponent = -0.1 } },
        { "Objective", () => Hyperparameters.DefaultsFor((ObjectiveKind)9) },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Each_out_of_range_value_is_refused_with_its_name_and_range(string name, Func<Hyperparameters> make)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(make);
        Assert.StartsWith(name + " must be", e.Message);
    }

    [Fact]
    public void Defaults_depend_on_the_objective()
    {
        Assert.Same(Hyperparameters.Default, Hyperparameters.DefaultsFor(ObjectiveKind.Squared));
        foreach (var o in Enum.GetValues<ObjectiveKind>()) Assert.Equal(o, Hyperparameters.DefaultsFor(o).Objective);
        Assert.False(Hyperparameters.DefaultsFor(ObjectiveKind.Implicit).UseBiases);
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
        var hp = Hyperparameters.DefaultsFor(ObjectiveKind.Implicit) with { Factors = 5, Epochs = 2, ValidationFraction = 0, UnobservedWeightExponent = gamma };
        var run = Trainer.Train(TrainingData.Create(d, null, hp), hp);
        var folder = Directory.CreateTempSubdirectory("lastfmmf-rank-").FullName;
        try
        {
            var path = Path.Combine(folder, "implicit.lfmf");
            LastFmMf.Persistence.ModelFile.Write(path, new LastFmMf.Persistence.SavedModel(run.Model, hp, run.EpochsRun, DateTimeOffset.UnixEpoch), overwrite: false);
            var back = LastFmMf.Persistence.ModelFile.Read(path).Model;
            Assert.Equal(ObjectiveKind.Implicit, back.Objective);
            Assert.Equal(run.Model.TrainedWith.Alpha, back.TrainedWith.Alpha);
            Assert.Equal(run.Model.TrainedWith.Epsilon, back.TrainedWith.Epsilon);
            Assert.Equal(run.Model.TrainedWith.Regularization, back.TrainedWith.Regularization);
            Assert.Equal(run.Model.TrainedWith.UnobservedWeights, back.TrainedWith.UnobservedWeights);
            var l = d.Listens;
            Assert.Equal(ImplicitAls.FoldIn(run.Model, l.ArtistsOf(3), l.PlaysOf(3)), ImplicitAls.FoldIn(back, l.ArtistsOf(3), l.PlaysOf(3)));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
