using System.IO.Hashing;

namespace LastFmMf.Data;

/// <summary>
/// A zip entry's decompressed bytes, checked against the archive's declared size and CRC-32: it refuses a byte past
/// the declared size (so a forged size cannot make a bomb) and, at the end, a short entry or a CRC mismatch. Every
/// fault is a <see cref="DataFormatException"/> naming the entry.
/// </summary>
internal sealed class VerifiedEntryStream(Stream inner, long declaredLength, uint declaredCrc, string name) : ReadOnlyWrapperStream(inner)
{
    private readonly Crc32 _crc = new();
    private long _count;
    private bool _ended;

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = Inner.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(DataError.BadArchive, name, 0, null, $"the entry is corrupt and cannot be decompressed ({e.Message})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw RegularFile.Wrap(e, name);
        }
        _count += n;
        if (_count > declaredLength)
            throw new DataFormatException(DataError.BadArchive, name, 0, null,
                $"the entry decompresses to more than the {declaredLength:N0} bytes the archive declares for it; the archive is damaged or forged");
        _crc.Append(buffer[..n]);
        if (n == 0 && buffer.Length > 0 && !_ended)
        {
            _ended = true;
            if (_count != declaredLength)
                throw new DataFormatException(DataError.BadArchive, name, 0, null,
                    $"the entry ends after {_count:N0} of the {declaredLength:N0} bytes the archive declares for it; the archive is damaged");
            uint crc = _crc.GetCurrentHashAsUInt32();
            if (crc != declaredCrc)
                throw new DataFormatException(DataError.BadArchive, name, 0, null,
                    $"the entry fails its CRC-32 check (computed {crc:x8}, the archive says {declaredCrc:x8}): its bytes were changed or damaged");
        }
        return n;
    }

    public override long Position { get => _count; set => throw new NotSupportedException(); }
}
