using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using LastFmMf.Data;
using LastFmMf.Evaluation;
using LastFmMf.Training;
using LastFmMf.Scoring;
using LastFmMf.IO;

namespace LastFmMf.Persistence;

/// <summary>What a model file holds: the model (factors, biases, transform, id maps, artists, and its origin when it came
/// from a training run) and when it was written.</summary>
/// <param name="Model">The model, with its <see cref="FactorModel.Origin"/>.</param>
/// <param name="SavedUtc">When the file was written.</param>
public sealed record SavedModel(FactorModel Model, DateTimeOffset SavedUtc)
{
    /// <summary>What made the model (objective, settings, epochs), or null for a model made without a run.</summary>
    public ModelOrigin? Origin => Model.Origin;

    /// <summary>The run's settings, or null.</summary>
    public Hyperparameters? Hyperparameters => Model.Origin?.Hyperparameters;
}

/// <summary>
/// The model file format, version 3 (versions 1 and 2 are still read), little-endian:
/// <code>
/// "LFMFMODL" (8 bytes) | format version (uint16) | reserved (uint16) | total file length (int64)
/// metadata length (int32) | metadata: UTF-8 JSON (counts, k, biases, transform, μ, time, and the model's origin: its
/// objective, every setting by name, epochs run and kept, fit pairs and artist weights — see <see cref="ModelFileOrigin"/>;
/// version 1 held one flat record of all settings and the kept epoch instead, read as such)
/// user ids (M × int32) | artist ids (N × int32) | artists (N × [name, url, pictureUrl] as length-prefixed UTF-8)
/// user factors (M·k × float32) | artist factors (N·k × float32) | user biases (M) | artist biases (N)
/// artist top tags (N × [count, names]), present when metadata.HasTags
/// training listens as CSR (row starts M+1 × int32, artist indices nnz × int32, plays nnz × int32 — float32 up to
/// version 2, which rounded counts above 2²⁴), present when metadata.Listens ≥ 0
/// SHA-256 of everything above (32 bytes)
/// </code>
/// Floats are stored bit for bit, so a round trip predicts identically. Writes go to a temporary file in the same
/// folder and are renamed into place, so a crash never leaves a half-written file under the final name.
/// </summary>
public static partial class ModelFile
{
    public const int FormatVersion = 3;
    private static readonly byte[] Magic = "LFMFMODL"u8.ToArray();
    private const int HeaderBytes = 8 + 2 + 2 + 8 + 4;
    private const int ChecksumBytes = 32;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record Metadata(
        int Users, int Artists, int Factors, bool UseBiases, TransformKind Transform, double TransformMin, double TransformMax,
        float GlobalMean, DateTimeOffset SavedUtc, string Writer, bool HasTags, int Listens, ModelFileOrigin? Origin = null,
        // Version 1 only: every setting of every objective in one record, the kept epoch, the objective's fold-in settings.
        JsonElement? Hyperparameters = null, int Epochs = 0, JsonElement? TrainedWith = null,
        // Absent in files written before Raw was scaled: those Raw models fitted the plays themselves (scale 1).
        double TransformScale = 1);

    /// <summary>Writes the model atomically; an existing file is replaced only when <paramref name="overwrite"/>.</summary>
    public static void Write(string path, SavedModel saved, bool overwrite)
    {
        var bytes = Serialize(saved);
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"The folder {folder} does not exist.");
        if (!overwrite && File.Exists(full)) throw new IOException($"{full} already exists.");
        AtomicFile.WriteAllBytes(full, bytes, overwrite);
    }

    /// <summary>The file's bytes.</summary>
    public static byte[] Serialize(SavedModel saved)
    {
        var m = saved.Model;
        // The reader refuses non-finite factors, so the writer never makes a file that cannot be read back.
        foreach (var (values, what) in new[] { (m.UserFactors, "user factors"), (m.ArtistFactors, "artist factors"), (m.UserBias, "user biases"), (m.ArtistBias, "artist biases") })
            if (Array.FindIndex(values, v => !float.IsFinite(v)) is >= 0 and var at)
                throw new InvalidDataException($"The model's {what} hold {values[at]} at index {at}; a model with non-finite values is not written.");
        var meta = new Metadata(m.UserCount, m.ArtistCount, m.Factors, m.UseBiases, m.Transform.Kind, m.Transform.Min, m.Transform.Max,
            (float)m.GlobalMean, saved.SavedUtc, $"LastFmMf {typeof(ModelFile).Assembly.GetName().Version}",
            m.ArtistTopTags is not null, m.Listened?.Count ?? -1, m.Origin is { } o ? ModelFileOrigin.From(o, Json) : null,
            TransformScale: m.Transform.Scale);
        var metaBytes = JsonSerializer.SerializeToUtf8Bytes(meta, Json);

        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write((ushort)FormatVersion);
            w.Write((ushort)0);
            w.Write(0L); // total length, filled in below
            w.Write(metaBytes.Length);
            w.Write(metaBytes);
            WriteInts(w, m.Users.Ids);
            WriteInts(w, m.ArtistIds.Ids);
            foreach (var a in m.Artists)
            {
                w.Write(a.Name);
                w.Write(a.Url);
                w.Write(a.PictureUrl);
            }
            WriteFloats(w, m.UserFactors);
            WriteFloats(w, m.ArtistFactors);
            WriteFloats(w, m.UserBias);
            WriteFloats(w, m.ArtistBias);
            if (m.ArtistTopTags is { } tags)
            {
                foreach (var t in tags)
                {
                    w.Write(t.Length);
                    foreach (var name in t) w.Write(name);
                }
            }
            if (m.Listened is { } l)
            {
                WriteInts(w, l.RowStart);
                WriteInts(w, l.ArtistIndex);
                WriteInts(w, l.Plays);
            }
        }
        var body = ms.ToArray();
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(12), body.Length + ChecksumBytes);
        var result = new byte[body.Length + ChecksumBytes];
        body.CopyTo(result, 0);
        SHA256.HashData(body, result.AsSpan(body.Length));
        return result;
    }

    /// <summary>Reads a model file, refusing a foreign, future-version, truncated or corrupted one.</summary>
    public static SavedModel Read(string path)
    {
        return ReadFile(System.IO.Path.GetFullPath(path));
    }

    public static SavedModel Deserialize(byte[] bytes, string pathForErrors)
    {
        CheckHeader(bytes.AsSpan(0, Math.Min(bytes.Length, HeaderBytes)), bytes.Length, pathForErrors);
        int version = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));

        var body = bytes.AsSpan(0, bytes.Length - ChecksumBytes);
        var stored = bytes.AsSpan(bytes.Length - ChecksumBytes);
        Span<byte> actual = stackalloc byte[ChecksumBytes];
        SHA256.HashData(body, actual);
        if (!actual.SequenceEqual(stored))
        {
            throw new ModelFileException(ModelFileError.Corrupted, pathForErrors,
                "the checksum does not match: the file was changed or damaged after it was written.");
        }

        try
        {
            var r = new ModelBodyReader(bytes, body.Length);
            r.ReadBytes(20);
            int metaLength = r.ReadInt32();
            var meta = JsonSerializer.Deserialize<Metadata>(r.ReadBytes(metaLength), Json)
                       ?? throw new InvalidDataException("empty metadata");
            CheckCounts(r, meta.Users, meta.Artists, meta.Factors, meta.Listens, meta.HasTags, meta.Transform);
            if (!(double.IsFinite(meta.TransformScale) && meta.TransformScale > 0))
                throw new ModelBodyException($"the metadata's transform scale is {meta.TransformScale}; expected a finite number above 0");
            var users = IdMap.FromIds(CheckIds(ReadInts(r, meta.Users), "user"));
            var artistIds = IdMap.FromIds(CheckIds(ReadInts(r, meta.Artists), "artist"));
            var artists = new Artist[meta.Artists];
            for (int i = 0; i < artists.Length; i++) artists[i] = new Artist(artistIds.IdOf(i), r.ReadString(), r.ReadString(), r.ReadString());
            var p = CheckFinite(ReadFloats(r, meta.Users * meta.Factors), "a user factor");
            var q = CheckFinite(ReadFloats(r, meta.Artists * meta.Factors), "an artist factor");
            var bu = CheckFinite(ReadFloats(r, meta.Users), "a user bias");
            var ba = CheckFinite(ReadFloats(r, meta.Artists), "an artist bias");
            var model = new FactorModel(meta.Factors, p, q, bu, ba, meta.GlobalMean, meta.UseBiases,
                new TargetTransform(meta.Transform, meta.TransformMin, meta.TransformMax, meta.TransformScale), users, artistIds, artists);
            string[][]? tags = null;
            if (meta.HasTags)
            {
                tags = new string[meta.Artists][];
                for (int a = 0; a < tags.Length; a++)
                {
                    int n = r.ReadInt32();
                    if (n < 0 || n > 1000) throw new InvalidDataException($"artist {a} has {n} tags");
                    r.Require(n, 1, $"the tags of artist {a}");
                    tags[a] = new string[n];
                    for (int i = 0; i < n; i++) tags[a][i] = r.ReadString();
                }
            }
            if (meta.Listens >= 0)
            {
                var rowStart = ReadInts(r, meta.Users + 1);
                var listenedArtists = ReadInts(r, meta.Listens);
                var plays = version >= 3 ? ReadInts(r, meta.Listens) : PlaysOfVersion2(ReadFloats(r, meta.Listens));
                CheckListens(rowStart, listenedArtists, plays, meta.Artists);
                var listened = new Interactions(meta.Users, meta.Artists, rowStart, listenedArtists, plays);
                model = model.WithContext(listened, tags ?? Enumerable.Repeat(Array.Empty<string>(), meta.Artists).ToArray());
            }
            r.EnsureEnd();
            var origin = meta.Origin?.ToOrigin()
                         ?? (meta.Hyperparameters is { ValueKind: JsonValueKind.Object } flat
                             ? ModelFileOrigin.FromLegacy(flat, meta.TrainedWith, meta.Epochs, Math.Max(0, meta.Listens))
                             : null);
            if (origin is not null) model = model.WithOrigin(origin);
            return new SavedModel(model, meta.SavedUtc);
        }
        catch (Exception e) when (e is ModelBodyException or JsonException or InvalidDataException or ArgumentException or NotSupportedException)
        {
            // The checksum matched, so this is a file we wrote wrongly or a hand-made one; still a clean refusal.
            throw new ModelFileException(ModelFileError.Corrupted, pathForErrors, $"the content is inconsistent: {e.Message}");
        }
    }

    /// <summary>Versions 1 and 2 stored the (whole) play counts as float32; they come back as the counts they were.</summary>
    private static int[] PlaysOfVersion2(float[] plays)
    {
        var counts = new int[plays.Length];
        for (int i = 0; i < plays.Length; i++)
        {
            float p = plays[i];
            if (!(p >= 1 && p <= int.MaxValue) || p != MathF.Floor(p))
                throw new ModelBodyException($"listen {i} has plays {p}; expected a whole number of at least 1");
            counts[i] = (int)p;
        }
        return counts;
    }

    private static void WriteInts(BinaryWriter w, ReadOnlySpan<int> values) => w.Write(MemoryMarshal.AsBytes(values));

    private static void WriteFloats(BinaryWriter w, ReadOnlySpan<float> values) => w.Write(MemoryMarshal.AsBytes(values));

    private static int[] ReadInts(ModelBodyReader r, int count) => r.ReadArray<int>(count, "an int32 array");

    private static float[] ReadFloats(ModelBodyReader r, int count) => r.ReadArray<float>(count, "a float32 array");
}
