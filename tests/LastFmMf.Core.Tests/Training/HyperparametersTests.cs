using LastFmMf.Training;
using Xunit;

namespace LastFmMf.Tests.Training;

public class HyperparametersTests
{
    public static TheoryData<string, Func<Hyperparameters>> Refused => new()
    {
        { "Factors", () => new Hyperparameters { Factors = 0 } },
        { "Factors", () => new Hyperparameters { Factors = 1025 } },
        { "Epochs", () => new Hyperparameters { Epochs = 0 } },
        { "Epochs", () => new Hyperparameters { Epochs = 100_001 } },
        { "LearningRate", () => new Hyperparameters { LearningRate = 0 } },
        { "LearningRate", () => new Hyperparameters { LearningRate = -0.1 } },
        { "LearningRate", () => new Hyperparameters { LearningRate = 10.5 } },
        { "LearningRate", () => new Hyperparameters { LearningRate = double.NaN } },
        { "LearningRateDecay", () => new Hyperparameters { LearningRateDecay = 0 } },
        { "LearningRateDecay", () => new Hyperparameters { LearningRateDecay = 1.01 } },
        { "Regularization", () => new Hyperparameters { Regularization = -1 } },
        { "Regularization", () => new Hyperparameters { Regularization = double.PositiveInfinity } },
        { "UserBiasRegularization", () => new Hyperparameters { UserBiasRegularization = -0.5 } },
        { "ArtistBiasRegularization", () => new Hyperparameters { ArtistBiasRegularization = -0.5 } },
        { "Gravity", () => new Hyperparameters { Gravity = -1 } },
        { "Gravity", () => new Hyperparameters { Gravity = 2e6 } },
        { "InitStdDev", () => new Hyperparameters { InitStdDev = 0 } },
        { "InitStdDev", () => new Hyperparameters { InitStdDev = 11 } },
        { "Transform", () => new Hyperparameters { Transform = (TransformKind)42 } },
        { "Objective", () => new Hyperparameters { Objective = (ObjectiveKind)42 } },
        { "ThreadCount", () => new Hyperparameters { ThreadCount = 0 } },
        { "ThreadCount", () => new Hyperparameters { ThreadCount = 257 } },
        { "BlockCount", () => new Hyperparameters { BlockCount = 0 } },
        { "BlockCount", () => new Hyperparameters { BlockCount = 257 } },
        { "ValidationFraction", () => new Hyperparameters { ValidationFraction = -0.1 } },
        { "ValidationFraction", () => new Hyperparameters { ValidationFraction = 1 } },
        { "Patience", () => new Hyperparameters { Patience = -1 } },
        { "Factors", () => Hyperparameters.Default with { Factors = -3 } },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Each_out_of_range_value_is_refused_with_its_name_and_range(string name, Func<Hyperparameters> make)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(make);
        Assert.Equal(name, e.ParamName);
        Assert.StartsWith(name + " must be", e.Message);
        Assert.Matches(@"between|at least|greater than|one of", e.Message);
    }

    [Fact]
    public void Boundary_values_are_accepted()
    {
        var hp = new Hyperparameters
        {
            Factors = 1024, Epochs = 1, LearningRate = 10, LearningRateDecay = 1, Regularization = 0, UserBiasRegularization = 0,
            ArtistBiasRegularization = 0, Gravity = 0, InitStdDev = 10, ThreadCount = 256, BlockCount = 1, ValidationFraction = 0, Patience = 0,
        };
        Assert.Equal(1024, hp.Factors);
        Assert.Equal(0, hp.ValidationFraction);
    }

    [Fact]
    public void Course_configuration_is_the_seed_setting()
    {
        var c = Hyperparameters.Course;
        Assert.Equal(TransformKind.MinMax, c.Transform);
        Assert.False(c.UseBiases);
        Assert.Equal(1, c.Gravity);
        Assert.Equal(0.05, c.InitStdDev);
    }
}
