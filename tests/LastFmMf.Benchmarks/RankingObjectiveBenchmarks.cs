using BenchmarkDotNet.Attributes;
using LastFmMf.Data;
using LastFmMf.Splitting;
using LastFmMf.Training;

namespace LastFmMf.Benchmarks;

/// <summary>
/// Time of one epoch of the ranking objectives on the real data (train part of the seed-42 PerUser 0.2 split, no
/// validation hold-out, so no per-epoch evaluation): a Bpr SGD pass (one sample per train pair) and an Implicit ALS sweep
/// (all users, then all artists), k = 64 and 128, 1 and 2 threads. Each invocation is a whole epoch (EpochStep.Next from the
/// same initial state, as training runs it, the objective's loss included). Short runs (Program's job): the machine is
/// shared. The "M updates/s" column counts train pairs per invocation, which for Bpr is samples per second.
/// </summary>
public class RankingObjectiveBenchmarks
{
    private TrainingData _data = null!;
    private TrainingState _state = null!;
    private Hyperparameters _hp = null!;

    [Params("Bpr", "Implicit")]
    public string Objective { get; set; } = "Bpr";

    [Params(1, 2)]
    public int Threads { get; set; }

    [Params(64, 128)]
    public int Factors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var folder = Environment.GetEnvironmentVariable("LASTFMMF_REAL_DATA") ?? FindRealData();
        var split = Splitter.PerUser(HetrecReader.Read(folder), 0.2, seed: 42);
        _hp = Hyperparameters.DefaultsFor(Objective) with { Factors = Factors, ThreadCount = Threads, ValidationFraction = 0 };
        _data = TrainingData.Create(split.Train, null, _hp);
        _state = Trainer.Initialize(_data, _hp);
        // One epoch first, so the ALS sweep starts from trained factors, as every sweep after the first does.
        _state = EpochStep.Next(_state, _data, _hp) with { Epoch = 0, History = [] };
    }

    [Benchmark]
    public TrainingState Epoch() => EpochStep.Next(_state, _data, _hp);

    private static string FindRealData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "LastFmMf.sln"))) continue;
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "hetrec2011-lastfm-2k"));
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("The real HetRec data was not found; set LASTFMMF_REAL_DATA.");
    }
}
