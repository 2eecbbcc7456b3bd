using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using LastFmMf.Data;
using LastFmMf.Tests.Support;
using Xunit;

namespace LastFmMf.Tests.Data;

/// <summary>Issue 13 rows 2, 3 and 12: every zip entry read is checked for size and CRC-32, bombs are refused before
/// they are decompressed, and which entries are read (root or one folder, any case, each once) is exact.</summary>
public sealed class ZipHardeningTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Zip(Func<string, string>? rename = null, CompressionLevel level = CompressionLevel.Optimal, params (string Name, byte[] Bytes)[] extra)
    {
        var path = _folder.File($"z{Guid.NewGuid():N}.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (file, text) in TempHetrecFolder.Valid)
        {
            using var s = zip.CreateEntry(rename?.Invoke(file) ?? file, level).Open();
            s.Write(Encoding.UTF8.GetBytes(text));
        }
        foreach (var (name, bytes) in extra)
        {
            using var s = zip.CreateEntry(name, level).Open();
            s.Write(bytes);
        }
        return path;
    }

    // Offset of the central-directory record of an entry: signature PK\1\2, file name at +46.
    private static int CentralRecord(byte[] zip, string entryName)
    {
        var name = Encoding.UTF8.GetBytes(entryName);
        for (int i = zip.Length - 46; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i)) != 0x02014b50) continue;
            int n = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 28));
            if (zip.AsSpan(i + 46, n).SequenceEqual(name)) return i;
        }
        throw new InvalidOperationException($"no central record for {entryName}");
    }

    private static string Patch(string path, Action<byte[]> patch)
    {
        var bytes = File.ReadAllBytes(path);
        patch(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static DataFormatException Fails(string zip) => Assert.Throws<DataFormatException>(() => HetrecReader.Read(zip));

    [Fact]
    public void A_changed_digit_in_a_stored_entry_fails_the_crc()
    {
        var zip = Patch(Zip(level: CompressionLevel.NoCompression), b =>
        {
            int i = b.AsSpan().IndexOf("7\t5\t100"u8);
            b[i + 4] = (byte)'9';
        });

        var e = Fails(zip);

        Assert.Equal(DataError.BadArchive, e.Error);
        Assert.Equal($"{zip}!{HetrecReader.ListensFile}", e.File);
        Assert.Contains("CRC-32", e.Message);
    }

    [Theory]
    [InlineData(CompressionLevel.NoCompression, 20u)]
    [InlineData(CompressionLevel.Optimal, 20u)]
    [InlineData(CompressionLevel.NoCompression, 5000u)]
    [InlineData(CompressionLevel.Optimal, 5000u)]
    public void A_forged_uncompressed_size_is_refused(CompressionLevel level, uint size)
    {
        var zip = Patch(Zip(level: level), b =>
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(CentralRecord(b, HetrecReader.ListensFile) + 24), size));

        var e = Fails(zip);

        Assert.Equal(DataError.BadArchive, e.Error);
        Assert.EndsWith(HetrecReader.ListensFile, e.File);
    }

    [Fact]
    public void A_declared_3_gib_entry_is_refused_before_decompressing()
    {
        var zip = Patch(Zip(), b =>
        {
            int r = CentralRecord(b, HetrecReader.ListensFile);
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(r + 24), 0xC0000000); // 3 GiB
        });

        var e = Fails(zip);

        Assert.Equal(DataError.EntryTooLarge, e.Error);
        Assert.Contains("3,221,225,472", e.Message);
    }

    [Fact]
    public void A_highly_compressed_entry_is_refused_as_a_bomb()
    {
        var zeros = new byte[4 << 20];
        var zip = Zip(extra: ("user_taggedartists-timestamps.dat", zeros));

        var e = Fails(zip);

        Assert.Equal(DataError.EntryTooLarge, e.Error);
        Assert.Contains("ratio", e.Message);
    }

    [Fact]
    public void Upper_case_entry_names_are_found()
    {
        var d = HetrecReader.Read(Zip(rename: n => n.ToUpperInvariant()));
        Assert.Equal(4, d.ListenCount);
    }

    [Fact]
    public void Entries_two_folders_deep_are_not_read_and_the_error_says_why()
    {
        var e = Fails(Zip(rename: n => "a/b/" + n));

        Assert.Equal(DataError.FileNotFound, e.Error);
        Assert.Contains("'a/b/artists.dat'", e.Message);
        Assert.Contains("one folder", e.Message);
    }

    [Theory]
    [InlineData("user_artists.dat")]
    [InlineData("copy/user_artists.dat")]
    [InlineData("USER_ARTISTS.DAT")]
    public void A_file_found_twice_is_ambiguous(string second)
    {
        var e = Fails(Zip(extra: (second, Encoding.UTF8.GetBytes(TempHetrecFolder.Valid[HetrecReader.ListensFile]))));

        Assert.Equal(DataError.BadArchive, e.Error);
        Assert.Contains("twice", e.Message);
        Assert.Contains(second, e.Message);
    }

    [Fact]
    public void A_duplicate_two_folders_deep_is_ignored()
    {
        var d = HetrecReader.Read(Zip(extra: ("old/backup/user_artists.dat", "garbage"u8.ToArray())));
        Assert.Equal(4, d.ListenCount);
    }

    [Fact]
    public void An_encrypted_entry_says_so()
    {
        // .NET cannot write encrypted zips; the flag bit is what readers (and ZipArchiveEntry.IsEncrypted) look at.
        var zip = Patch(Zip(), b =>
        {
            int r = CentralRecord(b, HetrecReader.ArtistsFile);
            b[r + 8] |= 1;
            int local = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(r + 42));
            b[local + 6] |= 1;
        });

        var e = Fails(zip);

        Assert.Equal(DataError.BadArchive, e.Error);
        Assert.Contains("encrypted", e.Message);
    }

    [Fact]
    public void An_unknown_compression_method_is_a_bad_archive()
    {
        var zip = Patch(Zip(), b =>
        {
            int r = CentralRecord(b, HetrecReader.ArtistsFile);
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(r + 10), 99);
            int local = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(r + 42));
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(local + 8), 99);
        });

        var e = Fails(zip);

        Assert.Equal(DataError.BadArchive, e.Error);
        Assert.EndsWith(HetrecReader.ArtistsFile, e.File);
    }
}
