using BenchmarkDotNet.Attributes;
using LastFmMf.Data;
using LastFmMf.Ranking;
using LastFmMf.Splitting;
using LastFmMf.Training;

namespace LastFmMf.Benchmarks;

/// <summary>
/// Top-10 for every user of the real data (1,892 users × 17,632 artists, k = 64): SIMD scoring and partial selection,
/// users in parallel. The model is the default squared-loss run on the seed-42 PerUser 0.2 split, trained once in setup.
/// </summary>
[MemoryDiagnoser]
public class RecommendBenchmarks
{
    private FactorModel _model = null!;
    private int[] _users = [];

    [Params(1, 0)] // 1 thread, and one per processor
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = HetrecReader.Read(RealDataPath());
        var split = Splitter.PerUser(data, 0.2, seed: 42);
        _model = Trainer.Train(split, Hyperparameters.DefaultsFor("Squared") with { ThreadCount = Environment.ProcessorCount }).Model;
        _users = Enumerable.Range(0, _model.UserCount).ToArray();
    }

    /// <summary>The indices only: scoring and selection.</summary>
    [Benchmark]
    public int[][] Top10AllUsersIndices() => Recommender.TopIndices(_model, _users, 10, threadCount: Threads);

    /// <summary>The rows Get-MfRecommendation writes (names, tags), without explanations.</summary>
    [Benchmark]
    public IReadOnlyList<Recommendation> Top10AllUsersRows() => Recommender.ForUsers(_model, _users, new RecommendOptions(Top: 10, ThreadCount: Threads));

    /// <summary>With explanations.</summary>
    [Benchmark]
    public IReadOnlyList<Recommendation> Top10AllUsersExplained() => Recommender.ForUsers(_model, _users, new RecommendOptions(Top: 10, Explain: true, ThreadCount: Threads));

    internal static string RealDataPath()
    {
        var env = Environment.GetEnvironmentVariable("LASTFMMF_REAL_DATA");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "data", "hetrec2011-lastfm-2k");
            if (File.Exists(Path.Combine(dir.FullName, "LastFmMf.sln")) && Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        throw new InvalidOperationException("The real HetRec data was not found: set LASTFMMF_REAL_DATA or put it at ../shared/data/hetrec2011-lastfm-2k.");
    }
}
