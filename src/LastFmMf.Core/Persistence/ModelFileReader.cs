using System.Buffers.Binary;
using LastFmMf.Data;
using LastFmMf.Training;
using LastFmMf.Scoring;

namespace LastFmMf.Persistence;

/// <summary>
/// The reading side of <see cref="ModelFile"/> that hostile files need: the file is checked to be a regular file, its
/// magic, version and declared length are read before the body (a 2 GB file that is not a model costs 24 bytes), the
/// body is then streamed into the model's arrays (<see cref="ModelBodyReader"/>), and
/// what the checksum cannot vouch for — counts, enums, id order, the CSR structure, finite numbers — is checked here.
/// Kept apart from the format's metadata record so that changes to the metadata and to these checks do not collide.
/// </summary>
public static partial class ModelFile
{
    private static SavedModel ReadFile(string full)
    {
        var kind = RegularFile.KindOf(full, out var why);
        switch (kind)
        {
            case FileKind.Missing: throw new FileNotFoundException($"{full} does not exist.", full);
            case FileKind.Regular: break;
            case FileKind.Directory: throw new ModelFileException(ModelFileError.NotARegularFile, full, "this is a folder; expected a model file written by Export-MfModel.");
            case FileKind.Fifo: throw new ModelFileException(ModelFileError.NotARegularFile, full, "this is a FIFO (named pipe), which could block forever; expected a model file.");
            case FileKind.CharacterDevice or FileKind.BlockDevice or FileKind.Socket:
                throw new ModelFileException(ModelFileError.NotARegularFile, full, "this is a device or socket, not a file; expected a model file.");
            case FileKind.DanglingLink: throw new ModelFileException(ModelFileError.ReadFailed, full, "this is a symbolic link whose target does not exist.");
            default: throw new ModelFileException(ModelFileError.ReadFailed, full, $"the file cannot be read: {why ?? "not a regular file"}.");
        }
        try
        {
            using var fs = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            return Parse(fs, fs.Length, full);
        }
        catch (EndOfStreamException)
        {
            throw new ModelFileException(ModelFileError.Truncated, full, "the file became shorter while it was read.");
        }
        catch (UnauthorizedAccessException)
        {
            throw new ModelFileException(ModelFileError.ReadFailed, full, "the file cannot be read: permission denied.");
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new ModelFileException(ModelFileError.ReadFailed, full, $"the file cannot be read: {e.Message}");
        }
    }

    /// <summary>Magic, version and declared length, from the first <see cref="HeaderBytes"/> of a file of
    /// <paramref name="length"/> bytes; returns the declared length, which is then the file's exact length.</summary>
    private static long CheckHeader(ReadOnlySpan<byte> head, long length, string path)
    {
        // A file cut inside the magic is a truncated model file, not a foreign one.
        if (head.Length < Magic.Length && Magic.AsSpan().StartsWith(head))
            throw new ModelFileException(ModelFileError.Truncated, path, $"the file is truncated: {length} bytes, shorter than the header.");
        if (head.Length < Magic.Length || !head[..Magic.Length].SequenceEqual(Magic))
            throw new ModelFileException(ModelFileError.NotAModelFile, path, "this is not a LastFmMf model file (it does not start with LFMFMODL).");
        if (head.Length < HeaderBytes)
            throw new ModelFileException(ModelFileError.Truncated, path, $"the file is truncated: {length} bytes, shorter than the header.");
        int version = BinaryPrimitives.ReadUInt16LittleEndian(head[8..]);
        if (version > FormatVersion)
            throw new ModelFileException(ModelFileError.UnsupportedVersion, path,
                $"the file has format version {version}, newer than this LastFmMf reads ({FormatVersion}); update the LastFmMf module.");
        if (version < 1)
            throw new ModelFileException(ModelFileError.NotAModelFile, path, $"format version {version} is not a valid version.");
        long declared = BinaryPrimitives.ReadInt64LittleEndian(head[12..]);
        if (declared < HeaderBytes + ChecksumBytes || declared > Array.MaxLength)
            throw new ModelFileException(ModelFileError.Corrupted, path, $"the header declares a file length of {declared:N0} bytes, which no model file has.");
        if (length < declared)
            throw new ModelFileException(ModelFileError.Truncated, path, $"the file is truncated: {length:N0} of {declared:N0} bytes.");
        if (length > declared)
            throw new ModelFileException(ModelFileError.Corrupted, path, $"the file has {length:N0} bytes, more than the {declared:N0} its header declares.");
        return declared;
    }

    /// <summary>The counts of the metadata, checked before anything is allocated from them: the fixed-size sections
    /// alone must fit in what remains of the body.</summary>
    private static void CheckCounts(ModelBodyReader r, int users, int artists, int factors, int listens, bool hasTags, TransformKind transform)
    {
        if (users < 1) throw new ModelBodyException($"the metadata's user count is {users}; expected at least 1");
        if (artists < 1) throw new ModelBodyException($"the metadata's artist count is {artists}; expected at least 1");
        if (factors < 1) throw new ModelBodyException($"the metadata's factor count is {factors}; expected at least 1");
        if (listens < -1) throw new ModelBodyException($"the metadata's listen count is {listens}; expected -1 (none saved) or more");
        if (!Enum.IsDefined(transform)) throw new ModelBodyException($"the metadata's transform is {(int)transform}, which is not a known transform ({string.Join(", ", Enum.GetNames<TransformKind>())})");
        // The objective and its settings are checked when the origin is read back (ModelFileOrigin), by their own validation.
        // ids, 3 string prefixes per artist, factors, biases, tag counts, CSR: the least the sections can take.
        long least = 4L * users + 4L * artists + 3L * artists + 4L * ((long)users + artists) * factors + 4L * users + 4L * artists
                     + (hasTags ? 4L * artists : 0) + (listens >= 0 ? 4L * (users + 1L) + 8L * listens : 0);
        if ((long)users * factors > Array.MaxLength || (long)artists * factors > Array.MaxLength || least > r.Remaining)
            throw new ModelBodyException($"the metadata declares {users:N0} users, {artists:N0} artists, {factors} factors and {listens:N0} listens, " +
                                         $"at least {least:N0} bytes, but only {r.Remaining:N0} bytes remain");
    }

    /// <summary>Ids as the writer stores them: strictly ascending, so the id map has exactly the declared count.</summary>
    private static int[] CheckIds(int[] ids, string what)
    {
        for (int i = 1; i < ids.Length; i++)
            if (ids[i] <= ids[i - 1]) throw new ModelBodyException($"the {what} ids are not strictly ascending at index {i} ({ids[i - 1]} then {ids[i]})");
        return ids;
    }

    private static float[] CheckFinite(float[] values, string what)
    {
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i])) throw new ModelBodyException($"{what} [{i}] is {values[i]}; expected a finite number");
        return values;
    }

    /// <summary>The training listens as CSR: rows start at 0, never go back, end at nnz; each row's artists are distinct,
    /// ascending and in range; plays are finite and positive.</summary>
    private static void CheckListens(int[] rowStart, int[] artist, int[] plays, int artists)
    {
        if (rowStart[0] != 0) throw new ModelBodyException($"the listens' first row starts at {rowStart[0]}; expected 0");
        for (int u = 0; u + 1 < rowStart.Length; u++)
        {
            int from = rowStart[u], to = rowStart[u + 1];
            if (to < from || to > artist.Length)
                throw new ModelBodyException($"the listens' row {u} runs from {from} to {to}; expected a range within 0..{artist.Length} that does not go back");
            for (int k = from; k < to; k++)
            {
                if ((uint)artist[k] >= (uint)artists)
                    throw new ModelBodyException($"the listens' row {u} names artist index {artist[k]}; expected 0..{artists - 1}");
                if (k > from && artist[k] <= artist[k - 1])
                    throw new ModelBodyException($"the listens' row {u} is not sorted and distinct ({artist[k - 1]} then {artist[k]})");
                if (plays[k] < 1)
                    throw new ModelBodyException($"the listens' row {u} has plays {plays[k]}; expected a play count of at least 1");
            }
        }
        if (rowStart[^1] != artist.Length)
            throw new ModelBodyException($"the listens' last row ends at {rowStart[^1]}; expected {artist.Length}, the listen count");
    }
}
