using LastFmMf.Training;
using Xunit;
using LastFmMf.Scoring;

namespace LastFmMf.Tests.Training;

/// <summary>Named settings onto a run's record: another objective's setting, or one without effect, is refused — never ignored.</summary>
public class HyperparameterOverridesTests
{
    private static Hyperparameters Apply(string objective, params (string Name, object? Value)[] values) =>
        HyperparameterOverrides.Apply(Hyperparameters.DefaultsFor(objective), values.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value)));

    public static TheoryData<string, string, object, string[]> OtherObjectives => new()
    {
        { "Squared", "Alpha", 40.0, ["Preference", "Implicit"] },
        { "Squared", "Confidence", "Linear", ["Implicit"] },
        { "Squared", "NegativeSampling", "Popularity", ["Bpr"] },
        { "Implicit", "Gravity", 3.0, ["Squared", "Preference"] },
        { "Implicit", "LearningRate", 0.5, ["Squared", "Preference", "Bpr"] },
        { "Implicit", "LearningRateDecay", 0.5, ["Squared", "Preference", "Bpr"] },
        { "Implicit", "Transform", "Raw", ["Squared"] },
        { "Implicit", "BlockCount", 4, ["Squared", "Preference", "Bpr"] },
        { "Bpr", "Gravity", 1.0, ["Squared", "Preference"] },
        { "Bpr", "Alpha", 4.0, ["Preference", "Implicit"] },
        { "Bpr", "UserBiasRegularization", 1.0, ["Squared"] },
        { "Preference", "UseBiases", false, ["Squared", "Bpr"] },
        { "Preference", "Epsilon", 2.0, ["Implicit"] },
    };

    [Theory]
    [MemberData(nameof(OtherObjectives))]
    public void Another_objectives_setting_is_refused_naming_the_objectives_that_read_it(string objective, string setting, object value, string[] usedBy)
    {
        var e = Assert.Throws<ParameterNotApplicableException>(() => Apply(objective, (setting, value)));
        Assert.Equal(setting, e.Setting);
        Assert.Equal(setting, e.ParamName);
        Assert.Equal(objective, e.Objective);
        Assert.Equal(usedBy, e.UsedBy);
        Assert.Contains(setting, e.Message);
        Assert.Contains(objective, e.Message);
        Assert.All(usedBy, o => Assert.Contains(o, e.Message));
        // It is an ArgumentException, so callers that only know that still see a refusal.
        Assert.IsAssignableFrom<ArgumentException>(e);
    }

    [Fact]
    public void A_sampling_exponent_without_popularity_sampling_has_no_effect_and_is_refused()
    {
        var e = Assert.Throws<ParameterNotApplicableException>(() => Apply("Bpr", ("NegativeSamplingExponent", 1.0)));
        Assert.Equal("NegativeSamplingExponent", e.Setting);
        Assert.Equal("Bpr", e.Objective);
        Assert.Equal(["Bpr"], e.UsedBy);
        Assert.Contains("Popularity", e.Message);
        Assert.Throws<ParameterNotApplicableException>(() => Apply("Bpr", ("NegativeSampling", "Uniform"), ("NegativeSamplingExponent", 1.0)));
        // With Popularity sampling, given together or already in the baseline, it is read.
        var s = (BprSettings)Apply("Bpr", ("NegativeSamplingExponent", 1.0), ("NegativeSampling", "Popularity")).Objective;
        Assert.Equal((NegativeSampling.Popularity, 1.0), (s.NegativeSampling, s.NegativeSamplingExponent));
        var popular = Hyperparameters.DefaultsFor("Bpr") with { Objective = BprSettings.Default with { NegativeSampling = NegativeSampling.Popularity } };
        Assert.Equal(0.25, ((BprSettings)HyperparameterOverrides.Apply(popular, [new("NegativeSamplingExponent", 0.25)]).Objective).NegativeSamplingExponent);
    }

    [Fact]
    public void Epsilon_without_log_confidence_has_no_effect_and_is_refused()
    {
        var e = Assert.Throws<ParameterNotApplicableException>(() => Apply("Implicit", ("Confidence", "Linear"), ("Epsilon", 2.0)));
        Assert.Equal("Epsilon", e.Setting);
        Assert.Equal("Implicit", e.Objective);
        Assert.Equal(["Implicit"], e.UsedBy);
        Assert.Contains("Log", e.Message);
        var linear = Hyperparameters.DefaultsFor("Implicit") with { Objective = ImplicitSettings.Default with { Confidence = ConfidenceScaling.Linear } };
        Assert.Throws<ParameterNotApplicableException>(() => HyperparameterOverrides.Apply(linear, [new("Epsilon", 2.0)]));
        // With Log confidence (the default) it is read; Linear alone is fine.
        Assert.Equal(2.0, ((ImplicitSettings)Apply("Implicit", ("Epsilon", 2.0)).Objective).Epsilon);
        Assert.Equal(ConfidenceScaling.Linear, ((ImplicitSettings)Apply("Implicit", ("Confidence", "Linear")).Objective).Confidence);
    }

    [Fact]
    public void Shared_and_own_settings_apply_by_name_case_insensitively_and_through_validation()
    {
        var hp = Apply("Implicit", ("factors", 16), ("Alpha", 10), ("confidence", "linear"), ("Seed", 7));
        var s = (ImplicitSettings)hp.Objective;
        Assert.Equal((16, 7, 10.0, ConfidenceScaling.Linear), (hp.Factors, hp.Seed, s.Alpha, s.Confidence));
        // The baseline is a value: it is not changed.
        Assert.Equal(128, Hyperparameters.DefaultsFor("Implicit").Factors);
        var squared = (SquaredSettings)Apply("Squared", ("LearningRate", 0.1), ("Transform", "Raw"), ("UseBiases", false)).Objective;
        Assert.Equal((0.1, TransformKind.Raw, false), (squared.LearningRate, squared.Transform, squared.UseBiases));

        var range = Assert.Throws<ArgumentOutOfRangeException>(() => Apply("Squared", ("LearningRate", -1.0)));
        Assert.StartsWith("LearningRate must be", range.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Apply("Implicit", ("Alpha", "many")));
        var unknown = Assert.Throws<ArgumentException>(() => Apply("Squared", ("Speed", 3)));
        Assert.IsNotType<ParameterNotApplicableException>(unknown);
        Assert.Contains("'Speed' is not a setting", unknown.Message);
        Assert.True(HyperparameterOverrides.IsHyperparameter("Alpha"));
        Assert.True(HyperparameterOverrides.IsHyperparameter("patience"));
        Assert.False(HyperparameterOverrides.IsHyperparameter("Speed"));
    }
}
