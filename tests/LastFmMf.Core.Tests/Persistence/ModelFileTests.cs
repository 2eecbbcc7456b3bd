using LastFmMf.Data;
using LastFmMf.Persistence;
using LastFmMf.Training;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Persistence;

public class ModelFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lastfmmf-model-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static SavedModel SmallModel()
    {
        using var f = new TempHetrecFolder();
        var data = HetrecReader.Read(f.Path);
        var hp = new Hyperparameters { Factors = 3, Epochs = 2, ValidationFraction = 0, Seed = 5 };
        var run = Trainer.Train(TrainingData.Create(data, null, hp), hp);
        return new SavedModel(run.Model, new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Round_trip_is_bit_identical()
    {
        var saved = SmallModel();
        var path = Path.Combine(_folder, "m.lfmf");
        ModelFile.Write(path, saved, overwrite: false);
        var back = ModelFile.Read(path);
        var (a, b) = (saved.Model, back.Model);
        Assert.Equal(a.CopyUserFactors(), b.CopyUserFactors());
        Assert.Equal(a.CopyArtistFactors(), b.CopyArtistFactors());
        Assert.Equal(a.CopyUserBiases(), b.CopyUserBiases());
        Assert.Equal(a.CopyArtistBiases(), b.CopyArtistBiases());
        Assert.Equal(a.GlobalMean, b.GlobalMean);
        Assert.Equal(a.Transform, b.Transform);
        Assert.Equal(a.Users.Ids.ToArray(), b.Users.Ids.ToArray());
        Assert.Equal(a.Artists, b.Artists);
        for (int u = 0; u < a.UserCount; u++)
            for (int i = 0; i < a.ArtistCount; i++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(a.Predict(u, i)), BitConverter.DoubleToInt64Bits(b.Predict(u, i)));
        Assert.Equal(saved.Hyperparameters, back.Hyperparameters);
        Assert.NotNull(back.Hyperparameters);
        Assert.Equal(a.Origin, b.Origin); // Squared: no artist weights, so record equality compares every field
        Assert.Same(b.Origin, back.Origin);
        Assert.Equal(a.ArtistTopTags, b.ArtistTopTags);
        Assert.Equal(a.Listened!.ArtistIndex, b.Listened!.ArtistIndex);
        Assert.Equal(a.Listened.RowStart, b.Listened.RowStart);
        Assert.Equal(a.Listened.Plays, b.Listened.Plays);
        Assert.Equal(saved.Origin!.EpochsRun, back.Origin!.EpochsRun);
        Assert.Equal(saved.Origin.BestEpoch, back.Origin.BestEpoch);
        Assert.Equal(saved.SavedUtc, back.SavedUtc);
    }

    [Fact]
    public void Existing_file_is_not_replaced_without_overwrite_and_no_temp_is_left()
    {
        var path = Path.Combine(_folder, "m.lfmf");
        File.WriteAllText(path, "keep me");
        Assert.Throws<IOException>(() => ModelFile.Write(path, SmallModel(), overwrite: false));
        Assert.Equal("keep me", File.ReadAllText(path));
        ModelFile.Write(path, SmallModel(), overwrite: true);
        Assert.Equal(new[] { "m.lfmf" }, Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Truncated_file_is_refused()
    {
        var bytes = ModelFile.Serialize(SmallModel());
        foreach (var length in new[] { 5, 14, 40, bytes.Length / 2, bytes.Length - 1 })
        {
            var e = Assert.Throws<ModelFileException>(() => ModelFile.Deserialize(bytes[..length], "x.lfmf"));
            Assert.True(e.Error == ModelFileError.Truncated, $"length {length}: {e.Error}");
        }
        var half = Assert.Throws<ModelFileException>(() => ModelFile.Deserialize(bytes[..(bytes.Length / 2)], "x.lfmf"));
        Assert.Contains("x.lfmf", half.Message);
    }

    [Fact]
    public void A_flipped_byte_is_refused_as_corrupted()
    {
        var bytes = ModelFile.Serialize(SmallModel());
        bytes[bytes.Length - 40] ^= 0x01;
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Deserialize(bytes, "x.lfmf"));
        Assert.Equal(ModelFileError.Corrupted, e.Error);
        Assert.Contains("checksum", e.Message);
    }

    [Fact]
    public void A_future_version_is_refused_with_the_version()
    {
        var bytes = ModelFile.Serialize(SmallModel());
        bytes[8] = 9;
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Deserialize(bytes, "x.lfmf"));
        Assert.Equal(ModelFileError.UnsupportedVersion, e.Error);
        Assert.Contains("version 9", e.Message);
    }

    [Fact]
    public void A_foreign_file_is_not_a_model_file()
    {
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Deserialize("PK\u0003\u0004 zip bytes"u8.ToArray(), "x.zip"));
        Assert.Equal(ModelFileError.NotAModelFile, Assert.Throws<ModelFileException>(() => ModelFile.Deserialize("PK"u8.ToArray(), "y.zip")).Error);
        Assert.Equal(ModelFileError.Truncated, Assert.Throws<ModelFileException>(() => ModelFile.Deserialize([], "empty.lfmf")).Error);
        Assert.Equal(ModelFileError.NotAModelFile, e.Error);
    }
}
