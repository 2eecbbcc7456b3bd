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

    /// <summary>The run's history as the file keeps it, one row per epoch run, as a run's <c>History</c> (empty for a model
    /// made without a run or read from a file older than histories).</summary>
    public TrainingHistory History => new(Model.Origin?.History ?? []);
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

    /// <summary>Writes the model atomically; an existing file is replaced only when <paramref name="overwrite"/>. The file is
    /// streamed from the model's arrays (hashed on the way), never assembled in memory.</summary>
    public static void Write(string path, SavedModel saved, bool overwrite)
    {
        var metaBytes = MetadataOf(saved);
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"The folder {folder} does not exist.");
        if (!overwrite && File.Exists(full)) throw new IOException($"{full} already exists.");
        AtomicFile.Write(full, overwrite, s => WriteTo(s, saved.Model, metaBytes));
    }

    /// <summary>The file's bytes.</summary>
    public static byte[] Serialize(SavedModel saved)
    {
        var metaBytes = MetadataOf(saved);
        using var ms = new MemoryStream();
        WriteTo(ms, saved.Model, metaBytes);
        return ms.ToArray();
    }

    /// <summary>The metadata's bytes, after the checks that keep the writer from making a file the reader refuses.</summary>
    private static byte[] MetadataOf(SavedModel saved)
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
        return JsonSerializer.SerializeToUtf8Bytes(meta, Json);
    }

    /// <summary>
    /// The whole file into <paramref name="target"/>: the header declares the total length, so the body is first written
    /// to a counter (the strings' UTF-8 lengths are only known by encoding them), then for real through the hash, then the
    /// hash. Both passes run the same <see cref="WriteBody"/>, so the declared length cannot disagree with what follows.
    /// </summary>
    private static void WriteTo(Stream target, FactorModel m, byte[] metaBytes)
    {
        var counter = new BodySink(null);
        WriteBody(counter, m, metaBytes, 0);
        var sink = new BodySink(target);
        var buffered = new BufferedStream(sink, 1 << 16);
        WriteBody(buffered, m, metaBytes, counter.Length + ChecksumBytes);
        buffered.Flush();
        target.Write(sink.Checksum());
    }

    private static void WriteBody(Stream stream, FactorModel m, byte[] metaBytes, long totalLength)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write((ushort)FormatVersion);
        w.Write((ushort)0);
        w.Write(totalLength);
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

    /// <summary>Counts what is written and, with a target, hashes it and passes it on.</summary>
    private sealed class BodySink(Stream? target) : Stream
    {
        private readonly IncrementalHash? _hash = target is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _length;

        public byte[] Checksum() => _hash!.GetHashAndReset();

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _length += buffer.Length;
            if (target is null) return;
            _hash!.AppendData(buffer);
            target.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void WriteByte(byte value) => Write([value]);
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _hash?.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Reads a model file, refusing a foreign, future-version, truncated or corrupted one.</summary>
    public static SavedModel Read(string path)
    {
        return ReadFile(System.IO.Path.GetFullPath(path));
    }

    /// <summary>Reads a model file's bytes, refusing a foreign, future-version, truncated or corrupted one.</summary>
    public static SavedModel Deserialize(byte[] bytes, string pathForErrors)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Parse(new MemoryStream(bytes, writable: false), bytes.Length, pathForErrors);
    }

    /// <summary>
    /// Reads a model file of <paramref name="length"/> bytes from <paramref name="stream"/> in one pass: the header, then the
    /// body straight into the model's arrays while hashing it, then the checksum. The checksum is judged before anything
    /// the body said, as if it had been checked first: a parse that fails is read to the end, and a mismatch reports damage
    /// rather than the inconsistency the damage caused.
    /// </summary>
    private static SavedModel Parse(Stream stream, long length, string path)
    {
        var head = new byte[(int)Math.Min(length, HeaderBytes)];
        stream.ReadExactly(head);
        long declared = CheckHeader(head, length, path);
        int version = BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(8));
        using var r = new ModelBodyReader(stream, declared - ChecksumBytes, head);
        SavedModel? result = null;
        Exception? failure = null;
        try
        {
            result = ReadBody(r, BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(20)), version);
        }
        catch (Exception e) when (e is not IOException and not UnauthorizedAccessException)
        {
            failure = e;
            r.Drain();
        }
        if (!r.ChecksumMatches())
            throw new ModelFileException(ModelFileError.Corrupted, path, "the checksum does not match: the file was changed or damaged after it was written.");
        // The checksum matched, so this is a file we wrote wrongly or a hand-made one; still a clean refusal.
        if (failure is ModelBodyException or JsonException or InvalidDataException or ArgumentException or NotSupportedException)
            throw new ModelFileException(ModelFileError.Corrupted, path, $"the content is inconsistent: {failure.Message}");
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return result!;
    }

    private static SavedModel ReadBody(ModelBodyReader r, int metaLength, int version)
    {
        var meta = JsonSerializer.Deserialize<Metadata>(r.ReadBytes(metaLength), Json)
                   ?? throw new InvalidDataException("empty metadata");
        CheckCounts(r, meta.Users, meta.Artists, meta.Factors, meta.Listens, meta.HasTags, meta.Transform);
        if (!(double.IsFinite(meta.TransformScale) && meta.TransformScale > 0))
            throw new ModelBodyException($"the metadata's transform scale is {meta.TransformScale}; expected a finite number above 0");
        // A hand-made file (its checksum recomputed) can hold 1e39 for a float or 1e309 for a double: read as ∞, scoring
        // every artist ∞ (found by fuzzing).
        foreach (var (name, value) in new[] { ("global mean", (double)meta.GlobalMean), ("transform minimum", meta.TransformMin), ("transform maximum", meta.TransformMax) })
            if (!double.IsFinite(value)) throw new ModelBodyException($"the metadata's {name} is {value}; expected a finite number");
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
