using System.Diagnostics;
using System.Globalization;
using LastFmMf.Data;

/// <summary>The --format mode: a synthetic Last.fm-360K or -1K collection of any size.</summary>
internal static class LastfmSample
{
    public static int Run(string folder, string[] args)
    {
        string? format = null;
        long rows = 100_000;
        int seed = 1, malformed = 0;
        bool tarGz = false;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--format": format = Value(); break;
                case "--rows": rows = long.Parse(Value(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--malformed": malformed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--tar-gz": tarGz = true; break;
                default: Console.Error.WriteLine($"unknown argument '{args[i]}'"); return 2;
            }
        }
        var options = new LastfmSampleOptions { Rows = rows, MalformedLines = malformed };
        var clock = Stopwatch.StartNew();
        var (summary, inArchive) = format switch
        {
            "Lastfm360K" => (Lastfm360KSampleWriter.Write(folder, seed, options), LastfmFiles.Folder360K),
            "Lastfm1K" => (Lastfm1KSampleWriter.Write(folder, seed, options), LastfmFiles.Folder1K),
            _ => throw new ArgumentException($"--format must be Lastfm360K or Lastfm1K, not '{format}'."),
        };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wrote a synthetic {format} collection (seed {seed}) to {folder} in {clock.Elapsed.TotalSeconds:F1} s: {summary.Rows:N0} rows, " +
            $"{summary.MalformedLines:N0} malformed lines, {summary.Users:N0} users, {summary.Artists:N0} artists ({summary.MbidlessArtists:N0} without an MBID), {summary.Pairs:N0} user-artist pairs"));
        foreach (var f in summary.Files) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {f} {new FileInfo(f).Length,15:N0} bytes"));
        if (tarGz)
        {
            var archive = LastfmSampleArchive.WriteTarGz(folder.TrimEnd('/') + ".tar.gz", inArchive, summary.Files);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {archive} {new FileInfo(archive).Length,15:N0} bytes"));
        }
        return 0;
    }
}
