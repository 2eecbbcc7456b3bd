using LastFmMf.Data;
using LastFmMf.Evaluation;
using LastFmMf.Persistence;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;
using Xunit.Abstractions;

namespace LastFmMf.Tests.Persistence;

/// <summary>A model's origin — settings, epochs run, epoch kept, fold-in data — is the same before and after a save and load.</summary>
public class OriginRoundTripTests(ITestOutputHelper output)
{
    private static readonly LastFmDataset Noise = NoiseData();
    private static readonly LastFmDataset Synthetic = Tiny.Synthetic(120, 150, 0.12, 11);

    private static LastFmDataset NoiseData()
    {
        // Noise-only targets and no regularisation: validation RMSE gets worse soon (as in StoppingTests).
        var rng = new Random(3);
        var listens = new List<(int, int, int)>();
        for (int u = 0; u < 60; u++)
            for (int a = 0; a < 60; a++)
                if (rng.NextDouble() < 0.3) listens.Add((u, a, rng.Next(1, 1000)));
        return Tiny.Dataset(60, 60, listens.ToArray());
    }

    /// <summary>Runs that stop early (BestEpoch &lt; EpochsRun), one per objective; Implicit with popularity-weighted unobserved pairs.</summary>
    public static TheoryData<string> Objectives => new() { "Squared", "Preference", "Bpr", "Implicit" };

    private static (LastFmDataset Data, Hyperparameters Hp) Setup(string objective) => objective switch
    {
        "Squared" => (Noise, new Hyperparameters
        {
            Factors = 16, Epochs = 300, Patience = 3, ValidationFraction = 0.2, InitStdDev = 0.3, ThreadCount = 2,
            Objective = new SquaredSettings
            {
                LearningRate = 0.05, LearningRateDecay = 1, Regularization = 0, UserBiasRegularization = 0, ArtistBiasRegularization = 0, BlockCount = 2,
            },
        }),
        "Bpr" => (Synthetic, Hyperparameters.DefaultsFor("Bpr") with
        {
            Factors = 32, Epochs = 200, Patience = 3, ValidationFraction = 0.2, Seed = 5, ThreadCount = 2,
            Objective = BprSettings.Default with
            {
                LearningRate = 0.3, LearningRateDecay = 1, Regularization = 0, ArtistBiasRegularization = 0, BlockCount = 2,
                NegativeSampling = NegativeSampling.Popularity, NegativeSamplingExponent = 0.75,
            },
        }),
        "Preference" => (Synthetic, Hyperparameters.DefaultsFor("Preference") with
        {
            Factors = 16, Epochs = 200, Patience = 2, ValidationFraction = 0.2, ValidationUsers = 0, Seed = 5, ThreadCount = 2,
            Objective = PreferenceSettings.Default with { LearningRate = 0.05, LearningRateDecay = 1, Regularization = 0, Gravity = 1, Alpha = 1, BlockCount = 2 },
        }),
        _ => (Synthetic, Hyperparameters.DefaultsFor("Implicit") with
        {
            Factors = 32, Epochs = 50, Patience = 2, ValidationFraction = 0.2, Seed = 5, ThreadCount = 2,
            Objective = ImplicitSettings.Default with { Regularization = 0.01, Alpha = 20, UnobservedWeightExponent = 0.5 },
        }),
    };

    [Theory]
    [MemberData(nameof(Objectives))]
    public void Epochs_and_every_setting_survive_a_save_and_load(string objective)
    {
        var (data, hp) = Setup(objective);
        var run = Trainer.Train(TrainingData.Create(data, null, hp), hp);
        output.WriteLine($"{objective}: EpochsRun {run.EpochsRun}, BestEpoch {run.BestEpoch}, stopped early {run.StoppedEarly}");
        Assert.True(run.BestEpoch < run.EpochsRun, $"{objective}: the run should keep an earlier epoch than its last (best {run.BestEpoch} of {run.EpochsRun})");
        Assert.True(run.StoppedEarly);

        var before = run.Model.Origin!;
        Assert.Equal(run.EpochsRun, before.EpochsRun);
        Assert.Equal(run.BestEpoch, before.BestEpoch);
        var back = ModelFile.Deserialize(ModelFile.Serialize(new SavedModel(run.Model, DateTimeOffset.UnixEpoch)), "x.lfmf");
        var after = back.Origin!;

        Assert.Equal(objective, back.Model.Objective);
        Assert.Equal(before.EpochsRun, after.EpochsRun);
        Assert.Equal(before.BestEpoch, after.BestEpoch);
        Assert.Equal(before.FitPairs, after.FitPairs);
        Assert.Equal(before.ArtistWeights, after.ArtistWeights);
        Assert.Equal(objective == "Implicit", after.ArtistWeights is not null);
        Assert.Equal(before.Columns(), after.Columns());
        Assert.Equal(before.Hyperparameters.Columns(), after.Hyperparameters.Columns());
        // Everything but ThreadCount (which never changes a result, so the file does not keep it) is the same record.
        Assert.Equal(before.Hyperparameters, after.Hyperparameters with { ThreadCount = before.Hyperparameters.ThreadCount });
        Assert.Equal(before.ToString(), after.ToString());
        Assert.Equal(ModelEvaluation.NameOf(run.Model, before), ModelEvaluation.NameOf(back.Model, after));
        // And a second round trip changes nothing more.
        var again = ModelFile.Deserialize(ModelFile.Serialize(back), "y.lfmf").Origin!;
        Assert.Equal(after.Columns(), again.Columns());
    }

    public static TheoryData<string> Defaults => new() { "Squared", "Preference", "Bpr", "Implicit" };

    [Theory]
    [MemberData(nameof(Defaults))]
    public void A_model_trained_at_an_objectives_defaults_loads_back(string objective)
    {
        // Default Bpr samples Uniform negatives and keeps NegativeSamplingExponent 0.5: the file holds that setting too,
        // and reading it back must not refuse it as a setting without effect (a user giving it would be refused).
        var hp = Hyperparameters.DefaultsFor(objective) with { Factors = 4, Epochs = 2 };
        var run = Trainer.Train(TrainingData.Create(Synthetic, null, hp), hp);
        var back = ModelFile.Deserialize(ModelFile.Serialize(new SavedModel(run.Model, DateTimeOffset.UnixEpoch)), "d.lfmf");
        Assert.Equal(run.Model.Origin!.Columns(), back.Origin!.Columns());
        Assert.Equal(hp, back.Hyperparameters);
    }

    [Fact]
    public void Settings_without_effect_in_the_run_come_back_unchanged()
    {
        var hp = Hyperparameters.DefaultsFor("Implicit") with
        {
            Factors = 4, Epochs = 2, Objective = ImplicitSettings.Default with { Confidence = ConfidenceScaling.Linear, Alpha = 0.01, Epsilon = 7 },
        };
        var run = Trainer.Train(TrainingData.Create(Synthetic, null, hp), hp);
        var back = ModelFile.Deserialize(ModelFile.Serialize(new SavedModel(run.Model, DateTimeOffset.UnixEpoch)), "l.lfmf");
        Assert.Equal(7, ((ImplicitSettings)back.Hyperparameters!.Objective).Epsilon);
        Assert.Equal(hp, back.Hyperparameters);
    }
}
