using LastFmMf.Training;
using Xunit;
using LastFmMf.Scoring;

namespace LastFmMf.Tests.Training;

public class HyperparametersTests
{
    // Shared settings are validated by Hyperparameters, the objective's own by its settings record.
    public static TheoryData<string, Func<object>> Refused => new()
    {
        { "Factors", () => new Hyperparameters { Factors = 0 } },
        { "Factors", () => new Hyperparameters { Factors = 1025 } },
        { "Epochs", () => new Hyperparameters { Epochs = 0 } },
        { "Epochs", () => new Hyperparameters { Epochs = 100_001 } },
        { "LearningRate", () => new SquaredSettings { LearningRate = 0 } },
        { "LearningRate", () => new SquaredSettings { LearningRate = -0.1 } },
        { "LearningRate", () => new SquaredSettings { LearningRate = 10.5 } },
        { "LearningRate", () => new SquaredSettings { LearningRate = double.NaN } },
        { "LearningRateDecay", () => new SquaredSettings { LearningRateDecay = 0 } },
        { "LearningRateDecay", () => new SquaredSettings { LearningRateDecay = 1.01 } },
        { "Regularization", () => new SquaredSettings { Regularization = -1 } },
        { "Regularization", () => new SquaredSettings { Regularization = double.PositiveInfinity } },
        { "UserBiasRegularization", () => new SquaredSettings { UserBiasRegularization = -0.5 } },
        { "ArtistBiasRegularization", () => new SquaredSettings { ArtistBiasRegularization = -0.5 } },
        { "Gravity", () => new SquaredSettings { Gravity = -1 } },
        { "Gravity", () => new SquaredSettings { Gravity = 2e6 } },
        { "InitStdDev", () => new Hyperparameters { InitStdDev = 0 } },
        { "InitStdDev", () => new Hyperparameters { InitStdDev = 11 } },
        { "Transform", () => new SquaredSettings { Transform = (TransformKind)42 } },
        { "ThreadCount", () => new Hyperparameters { ThreadCount = 0 } },
        { "ThreadCount", () => new Hyperparameters { ThreadCount = 257 } },
        { "BlockCount", () => new SquaredSettings { BlockCount = 0 } },
        { "BlockCount", () => new SquaredSettings { BlockCount = 257 } },
        { "ValidationFraction", () => new Hyperparameters { ValidationFraction = -0.1 } },
        { "ValidationFraction", () => new Hyperparameters { ValidationFraction = 1 } },
        { "Patience", () => new Hyperparameters { Patience = -1 } },
        { "Factors", () => Hyperparameters.DefaultsFor("Squared") with { Factors = -3 } },
        { "LearningRate", () => SquaredSettings.Default with { LearningRate = -3 } },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Each_out_of_range_value_is_refused_with_its_name_and_range(string name, Func<object> make)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(make);
        Assert.Equal(name, e.ParamName);
        Assert.StartsWith(name + " must be", e.Message);
        Assert.Matches(@"between|at least|greater than|one of", e.Message);
    }

    [Fact]
    public void An_unknown_objective_or_none_is_refused()
    {
        // Objectives are names now (there is no enum value to put out of range): an unknown name is refused with the known ones.
        var e = Assert.Throws<ArgumentException>(() => Hyperparameters.DefaultsFor("Quadratic"));
        Assert.Contains("Squared, Preference, Bpr, Implicit", e.Message);
        Assert.Throws<ArgumentNullException>(() => new Hyperparameters { Objective = null! });
    }

    [Fact]
    public void Boundary_values_are_accepted()
    {
        var hp = new Hyperparameters
        {
            Factors = 1024, Epochs = 1, InitStdDev = 10, ThreadCount = 256, ValidationFraction = 0, Patience = 0,
            Objective = new SquaredSettings
            {
                LearningRate = 10, LearningRateDecay = 1, Regularization = 0, UserBiasRegularization = 0, ArtistBiasRegularization = 0,
                Gravity = 0, BlockCount = 1,
            },
        };
        Assert.Equal(1024, hp.Factors);
        Assert.Equal(0, hp.ValidationFraction);
        Assert.Equal(10, ((SquaredSettings)hp.Objective).LearningRate);
        Assert.Equal(1, ((SquaredSettings)hp.Objective).BlockCount);
    }

    [Fact]
    public void Course_configuration_is_the_seed_setting()
    {
        var c = SquaredSettings.Course;
        Assert.Equal(TransformKind.MinMax, c.Transform);
        Assert.False(c.UseBiases);
        Assert.Equal(1, c.Gravity);
        var hp = new Hyperparameters { Objective = SquaredSettings.Course, InitStdDev = 0.05 };
        Assert.Equal(0.05, hp.InitStdDev);
        Assert.Equal("Squared", hp.Objective.Name);
    }
}
