using System.Diagnostics;
using LastFmMf.Data;
using LastFmMf.Splitting;

namespace LastFmMf.Benchmarks.Scale;

/// <summary>
/// The benchmarks at Last.fm-360K scale, run by <c>build.ps1 Bench scale [--data FOLDER] [--only import|sgd|implicit|recommend,…]</c> (never in
/// CI): imports the generated collection once, splits it PerUser 0.2 with seed 42, then runs each section in order and
/// prints one line per figure. BenchmarkDotNet's repeated processes would re-import 17.5 M rows per case, so these
/// are single timed runs on one warm process; run them on a quiet machine and read them as such.
/// </summary>
internal static class ScaleBench
{
    /// <summary>The sections, in the order they run; each reads the shared split and prints its own figures.</summary>
    private static readonly IScaleSection[] Sections =
    [
        new SgdScale(),
        new ImplicitScale(),
        new RecommendScale(),
    ];

    public static int Run(string[] args)
    {
        var options = ScaleOptions.Parse(args);
        if (options is null) return 2;
        // "--only import" runs no section: the import and split figures alone (e.g. for a Last.fm-1K folder).
        var unknown = options.Only.Where(n => n != "import" && Sections.All(s => s.Name != n)).ToArray();
        if (unknown.Length > 0)
        {
            Console.Error.WriteLine($"Unknown section(s): {string.Join(", ", unknown)}; known: {string.Join(", ", Sections.Select(s => s.Name))}.");
            return 2;
        }
        PeakMemory.Reset();
        var clock = Stopwatch.StartNew();
        var data = DatasetReader.Read(options.DataPath);
        Report.Line("import", $"{clock.Elapsed.TotalSeconds:F2} s, {data.UserCount:N0} users, {data.ArtistCount:N0} artists, {data.ListenCount:N0} listens, peak RSS {PeakMemory.Megabytes():N0} MB");
        clock.Restart();
        var split = Splitter.PerUser(data, 0.2, seed: 42);
        data = null;
        if (options.Extra.ContainsKey("memory")) Report.Line("split", $"live after the split {GC.GetTotalMemory(true) / (1 << 20):N0} MB");
        Report.Line("split", $"{clock.Elapsed.TotalSeconds:F2} s, {split.TrainCount:N0} train / {split.TestCount:N0} test rows, peak RSS {PeakMemory.Megabytes():N0} MB");
        foreach (var section in Sections.Where(s => options.Only.Count == 0 || options.Only.Contains(s.Name)))
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            PeakMemory.Reset();
            section.Run(split, options);
        }
        return 0;
    }
}

/// <summary>One group of figures at scale (e.g. the SGD epochs, the Implicit sweeps, recommending).</summary>
internal interface IScaleSection
{
    /// <summary>The name <c>--only</c> selects it by.</summary>
    string Name { get; }

    /// <summary>Runs and prints its figures through <see cref="Report.Line"/>.</summary>
    void Run(DataSplit split, ScaleOptions options);
}

/// <summary>The command line of the scale benchmarks.</summary>
internal sealed record ScaleOptions(string DataPath, IReadOnlySet<string> Only, IReadOnlyDictionary<string, string> Extra)
{
    public static ScaleOptions? Parse(string[] args)
    {
        string? data = null;
        var only = new HashSet<string>();
        var extra = new Dictionary<string, string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length || !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"Expected '--name value' pairs, got '{args[i]}'. Usage: scale --data FOLDER [--only a,b] [--libmf DIR].");
                return null;
            }
            var (name, value) = (args[i][2..], args[++i]);
            if (name == "data") data = value;
            else if (name == "only") only.UnionWith(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            else extra[name] = value;
        }
        if (data is null)
        {
            Console.Error.WriteLine("scale needs --data: a generated collection, e.g. from build.ps1 Sample -Format Lastfm360K -Rows 17500000.");
            return null;
        }
        return new ScaleOptions(data, only, extra);
    }
}

/// <summary>Prints figures as 'section: text' lines, flushed at once so a long run can be followed.</summary>
internal static class Report
{
    public static void Line(string section, string text)
    {
        Console.WriteLine($"{section}: {text}");
        Console.Out.Flush();
    }
}

/// <summary>
/// The whole process's peak resident set size (Linux VmHWM, what <c>/usr/bin/time -v</c> reports as its maximum), and
/// its reset (writing 5 to clear_refs), so each section reports its own peak.
/// </summary>
internal static class PeakMemory
{
    public static void Reset()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    public static long Megabytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim()) / 1024;
        return -1;
    }

    /// <summary>The resident size now (VmRSS) and the managed heap after the last GC, for following where a peak comes from.</summary>
    public static string Now()
    {
        long rss = -1;
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                rss = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim()) / 1024;
        var info = GC.GetGCMemoryInfo();
        return $"RSS {rss:N0} MB (peak {Megabytes():N0}), heap {info.HeapSizeBytes / (1 << 20):N0} MB, committed {info.TotalCommittedBytes / (1 << 20):N0} MB";
    }
}
