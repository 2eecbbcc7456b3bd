using LastFmMf.Data;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;

namespace LastFmMf.Tests.Training;

/// <summary>
/// Issue 14: the same bits for any thread count, for every registered objective and both Implicit solvers. (The Squared
/// objective's gravity term and the real data are covered beside it in <see cref="PurityAndDeterminismTests"/>.)
/// </summary>
public class ThreadCountDeterminismTests
{
    // Many artists with one or two listeners and users with more: at k = 16 the conjugate-gradient sweep solves the former
    // exactly from Y·A₀⁻¹ (at most k/8 listens) and the latter by CG steps, so both of its paths run.
    private static readonly LastFmDataset Data = Tiny.Synthetic(60, 300, 0.025, 31);

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var name in Objectives.Names) cases.Add(name, "defaults");
        cases.Add("Implicit", nameof(ImplicitSolver.Cholesky));
        cases.Add("Implicit", "unobserved weights"); // the weighted Gram matrices and baselines
        cases.Add("Implicit", "Cholesky, unobserved weights");
        return cases;
    }

    private static Hyperparameters Settings(string objective, string variant, int threads)
    {
        var hp = Hyperparameters.DefaultsFor(objective) with { Factors = 16, Epochs = 2, Patience = 0, Seed = 5, ThreadCount = threads };
        if (hp.Objective is not ImplicitSettings s) return hp;
        if (variant.Contains(nameof(ImplicitSolver.Cholesky))) s = s with { Solver = ImplicitSolver.Cholesky };
        if (variant.Contains("weights")) s = s with { UnobservedWeightExponent = 0.5 };
        return hp with { Objective = s };
    }

    private static FactorModel Train(string objective, string variant, int threads)
    {
        var hp = Settings(objective, variant, threads);
        var data = TrainingData.Create(Data, null, hp);
        var states = Trainer.Unfold(Trainer.Initialize(data, hp), data, hp).ToList();
        Assert.Equal(2, states[^1].Epoch);
        return states[^1].Model;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Factors_and_biases_are_bit_identical_for_ThreadCount_1_2_and_4(string objective, string variant)
    {
        var one = Train(objective, variant, 1);
        var initial = Trainer.Initialize(TrainingData.Create(Data, null, Settings(objective, variant, 1)), Settings(objective, variant, 1)).Model;
        Assert.False(Bits.Same(initial.UserFactors, one.UserFactors)); // the two epochs did train
        Assert.True(Bits.SameModel(one, Train(objective, variant, 2)), "2 threads");
        Assert.True(Bits.SameModel(one, Train(objective, variant, 4)), "4 threads");
    }
}
