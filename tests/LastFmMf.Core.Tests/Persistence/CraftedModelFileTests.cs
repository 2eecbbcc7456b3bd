using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LastFmMf.Data;
using LastFmMf.Persistence;
using LastFmMf.Training;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Persistence;

/// <summary>
/// Issue 13 row 6: model files crafted by hand with a recomputed SHA-256 pass the checksum, so every header and
/// metadata field and the CSR structure are checked on their own: each such file is Corrupted naming what was wrong,
/// never a leaked OverflowException, OutOfMemoryException or a model that recommends wrongly later.
/// </summary>
public sealed class CraftedModelFileTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private static readonly Lazy<byte[]> Valid = new(() => ModelFile.Serialize(SmallModel()));

    public void Dispose() => _folder.Dispose();

    internal static SavedModel SmallModel()
    {
        using var f = new TempHetrecFolder();
        var data = HetrecReader.Read(f.Path);
        var hp = new Hyperparameters { Factors = 3, Epochs = 2, ValidationFraction = 0, Seed = 5 };
        var run = Trainer.Train(TrainingData.Create(data, null, hp), hp);
        return new SavedModel(run.Model, new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    }

    internal static byte[] ValidBytes => (byte[])Valid.Value.Clone();

    private const int MetaAt = 24;

    private static (JsonObject Meta, byte[] Tail) Split(byte[] file)
    {
        int n = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(20));
        var meta = JsonNode.Parse(file.AsSpan(MetaAt, n))!.AsObject();
        return (meta, file[(MetaAt + n)..^32]);
    }

    /// <summary>A file with the given metadata and body, with its length and SHA-256 recomputed as a forger would.</summary>
    internal static byte[] Build(byte[] header, byte[] meta, byte[] rest, int? metaLength = null)
    {
        var body = new byte[MetaAt + meta.Length + rest.Length];
        header.AsSpan(0, 20).CopyTo(body);
        BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(20), metaLength ?? meta.Length);
        meta.CopyTo(body, MetaAt);
        rest.CopyTo(body, MetaAt + meta.Length);
        return Reseal(body);
    }

    /// <summary>Fixes the declared length and appends a fresh SHA-256 to <paramref name="body"/>.</summary>
    internal static byte[] Reseal(byte[] body)
    {
        var file = new byte[body.Length + 32];
        body.CopyTo(file, 0);
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(12), file.Length);
        SHA256.HashData(file.AsSpan(0, body.Length), file.AsSpan(body.Length));
        return file;
    }

    private static byte[] WithMeta(Action<JsonObject> change)
    {
        var file = ValidBytes;
        var (meta, rest) = Split(file);
        change(meta);
        return Build(file, Encoding.UTF8.GetBytes(meta.ToJsonString()), rest);
    }

    private static ModelFileException Refused(byte[] file, ModelFileError error = ModelFileError.Corrupted)
    {
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Deserialize(file, "crafted.lfmf"));
        Assert.Equal(error, e.Error);
        Assert.Contains("crafted.lfmf", e.Message);
        return e;
    }

    [Fact]
    public void The_untouched_rebuild_reads_so_the_crafting_is_faithful()
    {
        var back = ModelFile.Deserialize(WithMeta(_ => { }), "crafted.lfmf");
        Assert.Equal(2, back.Model.UserCount);
    }

    [Theory]
    [InlineData("Users", -1, "user count")]
    [InlineData("Users", 0, "user count")]
    [InlineData("Users", 1_000_000_000, "bytes remain")]
    [InlineData("Users", 3, "")]
    [InlineData("Artists", -5, "artist count")]
    [InlineData("Artists", int.MaxValue, "bytes remain")]
    [InlineData("Artists", 2, "")]
    [InlineData("Factors", 0, "factor count")]
    [InlineData("Factors", -3, "factor count")]
    [InlineData("Factors", 100_000, "bytes remain")]
    [InlineData("Factors", 2, "")]
    [InlineData("Listens", -2, "listen count")]
    [InlineData("Listens", 99_999_999, "bytes remain")]
    [InlineData("Listens", 3, "")]
    [InlineData("Listens", -1, "left over")]
    [InlineData("Transform", 99, "transform")]
    [InlineData("TransformScale", 0, "transform scale")]
    [InlineData("TransformScale", -3.5, "transform scale")]
    [InlineData("Epochs", "many", "")]
    public void A_crafted_count_or_enum_is_corrupted_naming_it(string field, object value, string says)
    {
        var e = Refused(WithMeta(m => m[field] = JsonValue.Create(value)));
        Assert.Contains(says, e.Message);
    }

    [Theory]
    [InlineData("HasTags")]
    [InlineData("Transform")]
    [InlineData("TransformMin")]
    [InlineData("GlobalMean")]
    [InlineData("SavedUtc")]
    [InlineData("Origin")]
    [InlineData("Users")]
    public void A_crafted_field_of_the_wrong_type_is_corrupted(string field) =>
        Refused(WithMeta(m => m[field] = JsonValue.Create(field == "HasTags" ? "yes" : field == "Origin" ? (object)42 : "x")));

    /// <summary>Numbers past float or double range read as ∞ (a global mean of ∞ scored every artist ∞): found by fuzzing.</summary>
    [Theory]
    [InlineData("GlobalMean", "1e39")]
    [InlineData("TransformMin", "1e309")]
    [InlineData("TransformMax", "-1e309")]
    public void A_number_that_reads_as_infinite_is_corrupted_naming_it(string field, string json)
    {
        var e = Refused(WithMeta(m => m[field] = JsonNode.Parse(json)));
        Assert.Contains("expected a finite number", e.Message);
    }

    [Theory]
    [InlineData("History", "[null, null]", "empty row")]
    [InlineData("ArtistWeights", "[1e309]", "artist weight")]
    public void An_origin_with_an_empty_history_row_or_an_infinite_weight_is_corrupted(string field, string json, string says)
    {
        var e = Refused(WithMeta(m => m["Origin"]![field] = JsonNode.Parse(json)));
        Assert.Contains(says, e.Message);
    }

    [Fact]
    public void HasTags_false_with_tags_present_is_corrupted()
    {
        Assert.True(Split(Valid.Value).Meta["HasTags"]!.GetValue<bool>());
        Refused(WithMeta(m => m["HasTags"] = false));
    }

    [Fact]
    public void Hyperparameters_out_of_range_are_corrupted() =>
        Refused(WithMeta(m => m["Origin"]!["Settings"]!["Factors"] = -4));

    [Fact]
    public void An_unknown_objective_is_corrupted() =>
        Refused(WithMeta(m => m["Origin"]!["Objective"] = "Cubic"));

    [Fact]
    public void The_transform_scale_is_written_and_read_and_a_file_from_before_it_reads_as_scale_1()
    {
        Assert.Equal(1, Split(Valid.Value).Meta["TransformScale"]!.GetValue<double>());
        var scaled = ModelFile.Deserialize(WithMeta(m => { m["Transform"] = "Raw"; m["TransformScale"] = 2.5; }), "crafted.lfmf");
        Assert.Equal(2.5, scaled.Model.Transform.Scale);
        Assert.Equal(10, scaled.Model.Transform.Invert(4), 12);
        // Raw models written before Raw was scaled fitted the plays themselves.
        var old = ModelFile.Deserialize(WithMeta(m => { m["Transform"] = "Raw"; m.Remove("TransformScale"); }), "crafted.lfmf");
        Assert.Equal(1, old.Model.Transform.Scale);
    }

    [Fact]
    public void A_harmless_field_changed_still_reads()
    {
        // Writer, UseBiases, reserved bytes: no count or structure depends on them.
        var back = ModelFile.Deserialize(WithMeta(m => m["Writer"] = "someone else"), "crafted.lfmf");
        Assert.Equal(2, back.Origin!.EpochsRun);
        var file = ValidBytes;
        file[10] = 1;
        Assert.Equal(2, ModelFile.Deserialize(Reseal(file[..^32]), "crafted.lfmf").Model.UserCount);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    public void A_crafted_metadata_length_is_corrupted(int length)
    {
        var file = ValidBytes;
        var (meta, rest) = Split(file);
        Refused(Build(file, Encoding.UTF8.GetBytes(meta.ToJsonString()), rest, metaLength: length));
    }

    [Theory]
    [InlineData(0L, ModelFileError.Corrupted)]
    [InlineData(-1L, ModelFileError.Corrupted)]
    [InlineData(long.MaxValue, ModelFileError.Corrupted)]
    [InlineData(100L, ModelFileError.Corrupted)]
    [InlineData(1L << 40, ModelFileError.Corrupted)]
    public void A_crafted_total_length_is_refused(long length, ModelFileError error)
    {
        var file = ValidBytes;
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(12), length);
        Refused(file, error);
    }

    [Fact]
    public void Trailing_bytes_are_corrupted()
    {
        var e = Refused(Reseal([.. Valid.Value[..^32], 1, 2, 3]));
        Assert.Contains("left over", e.Message);
    }

    // The CSR is the tail of the body: row starts (M+1), artist indices (nnz), plays (nnz).
    private static byte[] WithCsr(Action<int[], int[], float[]> change)
    {
        var file = ValidBytes;
        var (meta, _) = Split(file);
        int users = meta["Users"]!.GetValue<int>(), nnz = meta["Listens"]!.GetValue<int>();
        var body = file[..^32];
        int at = body.Length - 4 * (users + 1) - 8 * nnz;
        var rows = new int[users + 1];
        var artists = new int[nnz];
        var plays = new float[nnz];
        Buffer.BlockCopy(body, at, rows, 0, rows.Length * 4);
        Buffer.BlockCopy(body, at + rows.Length * 4, artists, 0, nnz * 4);
        Buffer.BlockCopy(body, at + rows.Length * 4 + nnz * 4, plays, 0, nnz * 4);
        change(rows, artists, plays);
        Buffer.BlockCopy(rows, 0, body, at, rows.Length * 4);
        Buffer.BlockCopy(artists, 0, body, at + rows.Length * 4, nnz * 4);
        Buffer.BlockCopy(plays, 0, body, at + rows.Length * 4 + nnz * 4, nnz * 4);
        return Reseal(body);
    }

    [Fact]
    public void The_untouched_csr_rewrite_reads() =>
        Assert.NotNull(ModelFile.Deserialize(WithCsr((_, _, _) => { }), "crafted.lfmf").Model.Listened);

    [Theory]
    [InlineData("row past nnz", "row")]
    [InlineData("first row not 0", "first row")]
    [InlineData("rows go back", "row")]
    [InlineData("last row short", "last row")]
    [InlineData("artist 99999999", "artist index")]
    [InlineData("artist -1", "artist index")]
    [InlineData("unsorted", "not sorted")]
    [InlineData("plays NaN", "plays")]
    [InlineData("plays 0", "plays")]
    public void A_bad_csr_is_corrupted_naming_what(string what, string says)
    {
        var file = WithCsr((rows, artists, plays) =>
        {
            switch (what)
            {
                case "row past nnz": rows[1] = artists.Length + 5; break;
                case "first row not 0": rows[0] = 1; break;
                case "rows go back": rows[1] = 0; rows[2] = 0; rows[1] = rows[^1]; rows[2] = 0; break;
                case "last row short": rows[^1] = artists.Length - 1; break;
                case "artist 99999999": artists[0] = 99_999_999; break;
                case "artist -1": artists[0] = -1; break;
                case "unsorted": (artists[0], artists[1]) = (artists[1], artists[0]); break;
                case "plays NaN": plays[0] = float.NaN; break;
                case "plays 0": plays[0] = 0; break;
            }
        });
        var e = Refused(file);
        Assert.Contains(says, e.Message);
    }

    [Fact]
    public void A_nan_factor_is_corrupted()
    {
        var model = SmallModel();
        var bytes = ModelFile.Serialize(model);
        // The user factors are stored bit for bit: find them and poison the first.
        int at = bytes.AsSpan().IndexOf(System.Runtime.InteropServices.MemoryMarshal.AsBytes(model.Model.CopyUserFactors().AsSpan()));
        Assert.True(at > 0);
        BitConverter.GetBytes(float.NaN).CopyTo(bytes, at);

        var e = Refused(Reseal(bytes[..^32]));

        Assert.Contains("user factor", e.Message);
    }

    [Fact]
    public void A_big_file_that_is_not_a_model_is_refused_from_its_first_bytes()
    {
        var path = _folder.File("big.bin");
        using (var s = File.Create(path)) s.SetLength(1L << 30); // sparse: 1 GiB of zeros costs no disk
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Read(path));
        Assert.Equal(ModelFileError.NotAModelFile, e.Error);
    }

    [Fact]
    public void A_model_header_declaring_more_than_the_file_is_truncated_without_reading_it()
    {
        var path = _folder.File("m.lfmf");
        var head = ValidBytes[..24];
        BinaryPrimitives.WriteInt64LittleEndian(head.AsSpan(12), 1L << 30);
        File.WriteAllBytes(path, head);
        Assert.Equal(ModelFileError.Truncated, Assert.Throws<ModelFileException>(() => ModelFile.Read(path)).Error);
    }

    [SkippableFact]
    public void A_fifo_or_folder_as_a_model_path_is_refused_without_hanging()
    {
        Skip.If(OperatingSystem.IsWindows(), "FIFOs are a Unix thing.");
        var fifo = _folder.File("m.lfmf");
        using (var p = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!) p.WaitForExit();
        var e = Assert.IsType<ModelFileException>(WithoutHanging.Run(() => ModelFile.Read(fifo), "reading the FIFO blocked"));
        Assert.Equal(ModelFileError.NotARegularFile, e.Error);
        Assert.Contains("FIFO", e.Message);
        Assert.Equal(ModelFileError.NotARegularFile, Assert.Throws<ModelFileException>(() => ModelFile.Read(_folder.Path)).Error);
    }

    [SkippableFact]
    public void A_symbolic_link_loop_as_a_model_path_is_a_read_failure()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic link loops need Unix stat(2) here.");
        var a = _folder.File("a.lfmf");
        File.CreateSymbolicLink(a, _folder.File("b.lfmf"));
        File.CreateSymbolicLink(_folder.File("b.lfmf"), a);
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Read(a));
        Assert.Equal(ModelFileError.ReadFailed, e.Error);
        Assert.Contains("symbolic links", e.Message);
    }
}
