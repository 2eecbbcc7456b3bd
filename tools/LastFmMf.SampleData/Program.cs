using System.Globalization;
using LastFmMf.Data;

// Regenerates data/sample (the synthetic HetRec-format dataset the module ships; its output must not change unless
// the generator or its defaults change on purpose, and a test compares the committed files), or writes a synthetic
// Last.fm-360K or -1K collection of any size for tests and benchmarks.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: LastFmMf.SampleData <output-folder>");
    Console.Error.WriteLine($"         writes the bundled sample (seed {SampleGenerator.BundledSeed}) as the five HetRec Last.fm files");
    Console.Error.WriteLine("       LastFmMf.SampleData <output-folder> --format Lastfm360K|Lastfm1K [--rows N] [--seed S] [--malformed N] [--tar-gz]");
    Console.Error.WriteLine("         writes a synthetic collection of that shape with N data lines (default 100,000) and N malformed lines,");
    Console.Error.WriteLine("         and with --tar-gz also the archive beside the folder, packed like the official one");
    return 2;
}

var folder = Path.GetFullPath(args[0]);
if (args.Length > 1) return LastfmSample.Run(folder, args[1..]);

var sample = SampleGenerator.Generate(SampleGenerator.BundledSeed);
HetrecWriter.Write(folder, sample.Tables);

var t = sample.Tables;
Console.WriteLine($"Wrote the sample (seed {SampleGenerator.BundledSeed}) to {folder}:");
var rows = new Dictionary<string, int>
{
    [HetrecReader.ArtistsFile] = t.Artists.Count,
    [HetrecReader.TagsFile] = t.Tags.Count,
    [HetrecReader.ListensFile] = t.Listens.Count,
    [HetrecReader.FriendsFile] = t.Friendships.Count,
    [HetrecReader.TaggingsFile] = t.TagAssignments.Count,
};
foreach (var name in HetrecWriter.FileNames)
{
    long bytes = new FileInfo(Path.Combine(folder, name)).Length;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-24} {rows[name],7:N0} rows {bytes,10:N0} bytes"));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  {t.Listens.Select(l => l.UserId).Distinct().Count()} users, {t.Artists.Count} artists, {sample.Truth.GroupNames.Count} taste groups: {string.Join(", ", sample.Truth.GroupNames)}"));
return 0;
