using LastFmMf.Data;
using LastFmMf.Evaluation;
using LastFmMf.Tests.Support;
using LastFmMf.Training;
using Xunit;

namespace LastFmMf.Tests.Data;

/// <summary>Data with the same counts but other ids is other data: training and evaluation compare the id maps, not the counts.</summary>
public class DataFingerprintTests
{
    private static LastFmDataset WithIds(LastFmDataset d, int offset) =>
        new("shifted", IdMap.FromIds(d.Users.Ids.ToArray().Select(i => i + offset)), d.ArtistIds,
            d.Artists, [], [], [], d.Listens, []);

    [Fact]
    public void Same_counts_other_ids_are_refused_by_training_and_told_apart_by_evaluation()
    {
        var data = Tiny.Synthetic(30, 20, 0.3, 4);
        var other = WithIds(data, 1000);
        Assert.Equal(data.UserCount, other.UserCount);
        Assert.NotEqual(DataFingerprint.Of(data.Users, data.ArtistIds), DataFingerprint.Of(other.Users, other.ArtistIds));
        Assert.Equal(DataFingerprint.Of(data.Users, data.ArtistIds), DataFingerprint.Of(WithIds(data, 0).Users, data.ArtistIds));

        var hp = new Hyperparameters { Factors = 2, Epochs = 1, ValidationFraction = 0 };
        var e = Assert.Throws<ArgumentException>(() => TrainingData.Create(data, other, hp));
        Assert.Contains("same user and artist ids", e.Message);

        var run = Trainer.Train(TrainingData.Create(data, null, hp), hp);
        Assert.True(ModelEvaluation.SameIds(run.Model, data));
        Assert.False(ModelEvaluation.SameIds(run.Model, other));
        Assert.Equal(run.Model.DataFingerprint, DataFingerprint.Of(data.Users, data.ArtistIds));
    }

    [Fact]
    public void Overlap_counts_the_held_out_pairs_that_are_training_pairs()
    {
        var data = Tiny.Dataset(2, 3, (0, 0, 1), (0, 1, 2), (1, 2, 3));
        var test = Tiny.Dataset(2, 3, (0, 1, 5), (1, 0, 1), (1, 2, 9));
        Assert.Equal(2, ModelEvaluation.Overlap(data.Listens, test));
        Assert.Equal(0, ModelEvaluation.Overlap(data.Listens, Tiny.Dataset(2, 3, (0, 2, 1))));
    }
}
