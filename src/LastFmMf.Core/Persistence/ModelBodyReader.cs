using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace LastFmMf.Persistence;

/// <summary>Thrown by <see cref="ModelBodyReader"/> and the structure checks; <see cref="ModelFile"/> reports it as
/// <see cref="ModelFileError.Corrupted"/> with this message.</summary>
internal sealed class ModelBodyException(string message) : Exception(message);

/// <summary>
/// Reads a model file's body from a stream, bounds-checked, hashing every byte it reads (SHA-256), so the file is read
/// once, straight into the arrays it fills, with no copy of the whole file: every count is checked against the bytes
/// that remain before anything is allocated, strings must be valid UTF-8, and <see cref="EnsureEnd"/> requires the body
/// to be consumed exactly. A file can pass its SHA-256 and still be hand-made, so nothing here trusts a number it reads;
/// and since the checksum is only known at the end, <see cref="Drain"/> reads what a failed parse left so the caller can
/// still tell a damaged file (checksum) from a hand-made one.
/// </summary>
internal sealed class ModelBodyReader : IDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly HashingStream _hashed;
    private readonly BufferedStream _stream;
    private readonly long _length;
    private byte[] _scratch = new byte[256];
    private long _position;

    /// <summary>A body of <paramref name="length"/> bytes of which <paramref name="consumed"/> (the header, already read by
    /// the caller) lie before the stream's position; the SHA-256 follows the body in the stream.</summary>
    public ModelBodyReader(Stream stream, long length, ReadOnlySpan<byte> consumed)
    {
        _hashed = new HashingStream(stream, length - consumed.Length);
        _hashed.Hash.AppendData(consumed);
        _stream = new BufferedStream(_hashed, 1 << 16);
        _length = length;
        _position = consumed.Length;
    }

    public long Remaining => _length - _position;
    public long Position => _position;

    /// <summary>Fails unless <paramref name="count"/> items of <paramref name="itemBytes"/> bytes fit in what remains.</summary>
    public void Require(long count, int itemBytes, string what)
    {
        if (count < 0) throw new ModelBodyException($"{what}: a negative count ({count:N0})");
        if (count * itemBytes > Remaining)
            throw new ModelBodyException($"{what}: {count:N0} × {itemBytes} bytes declared at offset {_position:N0}, but only {Remaining:N0} bytes remain");
    }

    public byte[] ReadBytes(int count)
    {
        Require(count, 1, "bytes");
        var result = new byte[count];
        Fill(result);
        return result;
    }

    public int ReadInt32()
    {
        Require(1, 4, "an int32");
        Span<byte> b = stackalloc byte[4];
        Fill(b);
        return BinaryPrimitives.ReadInt32LittleEndian(b);
    }

    /// <summary>A string as BinaryWriter writes it: a 7-bit-encoded byte length, then UTF-8.</summary>
    public string ReadString()
    {
        long start = _position;
        int n = 0, shift = 0;
        Span<byte> one = stackalloc byte[1];
        while (true)
        {
            if (Remaining < 1) throw new ModelBodyException($"a string length at offset {start:N0} runs past the end");
            Fill(one);
            n |= (one[0] & 0x7F) << shift;
            if ((one[0] & 0x80) == 0) break;
            shift += 7;
            if (shift > 28) throw new ModelBodyException($"a string length at offset {start:N0} is not a valid 7-bit-encoded int");
        }
        Require(n, 1, $"the string at offset {start:N0}");
        if (_scratch.Length < n) _scratch = new byte[Math.Max(n, 2 * _scratch.Length)];
        Fill(_scratch.AsSpan(0, n));
        try
        {
            return StrictUtf8.GetString(_scratch, 0, n);
        }
        catch (DecoderFallbackException)
        {
            throw new ModelBodyException($"the string at offset {start:N0} is not valid UTF-8");
        }
    }

    /// <summary>An array read straight into its own storage (little-endian, as the writer's memory holds it).</summary>
    public T[] ReadArray<T>(int count, string what) where T : unmanaged
    {
        Require(count, Marshal.SizeOf<T>(), what);
        var result = new T[count];
        Fill(MemoryMarshal.AsBytes(result.AsSpan()));
        return result;
    }

    /// <summary>Fails when bytes remain that the metadata does not describe (a tag section with HasTags false, say).</summary>
    public void EnsureEnd()
    {
        if (Remaining != 0)
            throw new ModelBodyException($"{Remaining:N0} bytes at offset {_position:N0} are left over after everything the metadata describes");
    }

    /// <summary>Reads and hashes whatever of the body remains (after a failed parse), so <see cref="ChecksumMatches"/> can be asked.</summary>
    public void Drain()
    {
        var buffer = new byte[1 << 16];
        while (Remaining > 0) Fill(buffer.AsSpan(0, (int)Math.Min(buffer.Length, Remaining)));
    }

    /// <summary>Whether the 32 bytes after the body are the SHA-256 of the body (all of it must have been read).</summary>
    public bool ChecksumMatches()
    {
        Span<byte> stored = stackalloc byte[32];
        _stream.ReadExactly(stored);
        Span<byte> actual = stackalloc byte[32];
        _hashed.Hash.GetHashAndReset(actual);
        return actual.SequenceEqual(stored);
    }

    private void Fill(Span<byte> target)
    {
        _stream.ReadExactly(target);
        _position += target.Length;
    }

    public void Dispose() => _hashed.Hash.Dispose();

    /// <summary>Hashes the first <c>limit</c> bytes read through it (the body), in the large pieces the buffer above asks
    /// for, and not the checksum after them.</summary>
    private sealed class HashingStream(Stream inner, long limit) : LastFmMf.Data.ReadOnlyWrapperStream(inner)
    {
        private long _left = limit;
        public IncrementalHash Hash { get; } = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public override int Read(Span<byte> buffer)
        {
            int n = Inner.Read(buffer);
            int hashed = (int)Math.Min(n, _left);
            Hash.AppendData(buffer[..hashed]);
            _left -= hashed;
            return n;
        }
    }
}
