using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using LastFmMf.Data;
using LastFmMf.Persistence;
using LastFmMf.Tests.Persistence;
using LastFmMf.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace LastFmMf.Tests.Data;

/// <summary>
/// Issue 13's rule for every reader, checked by seeded mutation: any bytes give either the right data or a clean
/// refusal (DataFormatException / ModelFileException with a defined error and a bounded message), never another
/// exception. Seeds are fixed, so a failure names a case that reproduces.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int CasesPerReader = 200;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static byte[] Mutate(byte[] original, Random rng)
    {
        var b = original.ToList();
        int edits = 1 + rng.Next(3);
        for (int e = 0; e < edits && b.Count > 0; e++)
        {
            int at = rng.Next(b.Count);
            switch (rng.Next(8))
            {
                case 0: b[at] ^= (byte)(1 << rng.Next(8)); break;                       // bit flip
                case 1: if (b[at] is >= (byte)'0' and <= (byte)'9') b[at] = (byte)('0' + rng.Next(10)); else b[at] = (byte)rng.Next(256); break;
                case 2: b.Insert(at, "\t\n\r-+0 9\0\xff"u8[rng.Next(10)]); break;       // a separator, sign, NUL or non-UTF-8
                case 3: b.RemoveAt(at); break;
                case 4: b.RemoveRange(at, b.Count - at); break;                           // truncation
                case 5: b.InsertRange(at, Encoding.ASCII.GetBytes(rng.Next(3) switch { 0 => "99999999999", 1 => "-1", _ => "2147483647" })); break;
                case 6: b.InsertRange(at, b.GetRange(at, Math.Min(b.Count - at, 1 + rng.Next(40)))); break; // duplicate a run (lines)
                default: b[at] = (byte)rng.Next(256); break;
            }
        }
        return b.ToArray();
    }

    private static void Clean(Exception e, string what)
    {
        switch (e)
        {
            case DataFormatException d:
                Assert.True(Enum.IsDefined(d.Error), $"{what}: undefined error {d.Error}");
                Assert.True(d.Message.Length < 1500, $"{what}: a {d.Message.Length}-character message");
                break;
            case ModelFileException m:
                Assert.True(Enum.IsDefined(m.Error), $"{what}: undefined error {m.Error}");
                Assert.True(m.Message.Length < 1500, $"{what}: a {m.Message.Length}-character message");
                break;
            default:
                Assert.Fail($"{what}: leaked {e.GetType().FullName}: {e.Message}");
                break;
        }
    }

    [Fact]
    public void Mutated_hetrec_files_zips_and_model_files_give_data_or_clean_errors()
    {
        var clock = Stopwatch.StartNew();
        var counts = new List<string>();
        int total = 0;

        using var folder = new TempHetrecFolder();
        var files = TempHetrecFolder.Valid.Keys.Append(HetrecReader.TimestampsFile).ToArray();
        foreach (var file in files)
        {
            var rng = new Random(13 + Array.IndexOf(files, file));
            var path = Path.Combine(folder.Path, file);
            var original = file == HetrecReader.TimestampsFile
                ? "userID\tartistID\ttagID\ttimestamp\r\n2\t1\t1\t1238544000000\r\n7\t99\t2\t-428716800000\r\n"u8.ToArray()
                : Encoding.UTF8.GetBytes(TempHetrecFolder.Valid[file]);
            int ok = 0, refused = 0;
            for (int i = 0; i < CasesPerReader; i++)
            {
                File.WriteAllBytes(path, Mutate(original, rng));
                try { HetrecReader.Read(folder.Path); ok++; }
                catch (Exception e) { Clean(e, $"{file} case {i}"); refused++; }
            }
            File.WriteAllBytes(path, original);
            if (file == HetrecReader.TimestampsFile) File.Delete(path);
            counts.Add($"{file}: {ok} read, {refused} refused ({clock.Elapsed.TotalSeconds:F1} s)");
            total += ok + refused;
            Assert.True(refused > CasesPerReader / 4, $"{file}: only {refused} refusals; the mutations do not bite");
        }

        // The zip: whatever reads must be the very data of the intact zip (every entry is CRC-checked).
        var zip = _folder.File("t.zip");
        using (var z = ZipFile.Open(zip, ZipArchiveMode.Create))
            foreach (var (name, text) in TempHetrecFolder.Valid)
            {
                using var s = z.CreateEntry(name).Open();
                s.Write(Encoding.UTF8.GetBytes(text));
            }
        var zipBytes = File.ReadAllBytes(zip);
        var intact = HetrecReader.Read(zip);
        {
            var rng = new Random(1311);
            int ok = 0, refused = 0;
            for (int i = 0; i < CasesPerReader; i++)
            {
                File.WriteAllBytes(zip, Mutate(zipBytes, rng));
                try
                {
                    var d = HetrecReader.Read(zip);
                    Assert.Equal(intact.Listens.Plays.ToArray(), d.Listens.Plays.ToArray());
                    Assert.Equal(intact.Artists, d.Artists);
                    Assert.Equal(intact.TagAssignments, d.TagAssignments);
                    ok++;
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException) { Clean(e, $"zip case {i}"); refused++; }
            }
            counts.Add($"zip: {ok} read (all equal to the intact zip), {refused} refused ({clock.Elapsed.TotalSeconds:F1} s)");
            total += ok + refused;
            Assert.True(refused > CasesPerReader / 4);
        }

        // The model file: plain mutations (the checksum refuses them) and resealed ones (the structure checks must).
        var model = CraftedModelFileTests.ValidBytes;
        {
            var rng = new Random(1312);
            int ok = 0, refused = 0;
            for (int i = 0; i < 2 * CasesPerReader; i++)
            {
                var m = Mutate(model, rng);
                if (i % 2 == 1 && m.Length > 56) m = CraftedModelFileTests.Reseal(m[..^32]);
                try { ModelFile.Deserialize(m, $"case{i}.lfmf"); ok++; }
                catch (Exception e) { Clean(e, $"model case {i}"); refused++; }
            }
            counts.Add($"model file: {ok} read, {refused} refused");
            total += ok + refused;
            Assert.True(refused > CasesPerReader / 2);
        }

        output.WriteLine($"{total} cases in {clock.Elapsed.TotalSeconds:F1} s; " + string.Join("; ", counts));
    }
}
