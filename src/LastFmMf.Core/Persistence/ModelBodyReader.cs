using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace LastFmMf.Persistence;

/// <summary>Thrown by <see cref="ModelBodyReader"/> and the structure checks; <see cref="ModelFile"/> reports it as
/// <see cref="ModelFileError.Corrupted"/> with this message.</summary>
internal sealed class ModelBodyException(string message) : Exception(message);

/// <summary>
/// Reads a model file's body from memory, bounds-checked: every count is checked against the bytes that remain
/// before anything is allocated, strings must be valid UTF-8, and <see cref="EnsureEnd"/> requires the body to be
/// consumed exactly. A file can pass its SHA-256 and still be hand-made, so nothing here trusts a number it reads.
/// </summary>
internal sealed class ModelBodyReader(byte[] bytes, int length)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private int _position;

    public int Remaining => length - _position;
    public int Position => _position;

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
        var result = bytes.AsSpan(_position, count).ToArray();
        _position += count;
        return result;
    }

    public int ReadInt32()
    {
        Require(1, 4, "an int32");
        int v = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(_position));
        _position += 4;
        return v;
    }

    /// <summary>A string as BinaryWriter writes it: a 7-bit-encoded byte length, then UTF-8.</summary>
    public string ReadString()
    {
        int start = _position, n = 0, shift = 0;
        while (true)
        {
            if (Remaining < 1) throw new ModelBodyException($"a string length at offset {start:N0} runs past the end");
            byte b = bytes[_position++];
            n |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) break;
            shift += 7;
            if (shift > 28) throw new ModelBodyException($"a string length at offset {start:N0} is not a valid 7-bit-encoded int");
        }
        Require(n, 1, $"the string at offset {start:N0}");
        try
        {
            var s = StrictUtf8.GetString(bytes, _position, n);
            _position += n;
            return s;
        }
        catch (DecoderFallbackException)
        {
            throw new ModelBodyException($"the string at offset {start:N0} is not valid UTF-8");
        }
    }

    public T[] ReadArray<T>(int count, string what) where T : unmanaged
    {
        Require(count, Marshal.SizeOf<T>(), what);
        var result = new T[count];
        var target = MemoryMarshal.AsBytes(result.AsSpan());
        bytes.AsSpan(_position, target.Length).CopyTo(target);
        _position += target.Length;
        return result;
    }

    /// <summary>Fails when bytes remain that the metadata does not describe (a tag section with HasTags false, say).</summary>
    public void EnsureEnd()
    {
        if (Remaining != 0)
            throw new ModelBodyException($"{Remaining:N0} bytes at offset {_position:N0} are left over after everything the metadata describes");
    }
}
