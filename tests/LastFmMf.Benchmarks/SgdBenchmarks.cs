using BenchmarkDotNet.Attributes;
using LastFmMf.Data;
using LastFmMf.Splitting;
using LastFmMf.Training;

namespace LastFmMf.Benchmarks;

/// <summary>
/// SGD updates per second on the real seed-42 PerUser train part (74,272 pairs, no validation hold-out), with the
/// deterministic FPSGD block schedule (BlockCount 8). One invocation = one SGD pass over all pairs (one epoch without
/// evaluation); the Updates/s column divides the pair count by the mean time.
/// </summary>
[MemoryDiagnoser]
public class SgdBenchmarks
{
    private TrainingData _data = null!;
    private Hyperparameters _hp = null!;
    private float[] _p = null!, _q = null!, _bu = null!, _ba = null!;
    private TrainingState _state = null!;
    private int _epoch;

    [Params(32, 128)]
    public int Factors { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var split = Splitter.PerUser(RealDataPath.Read(), 0.2, seed: 42);
        _hp = Hyperparameters.DefaultsFor("Squared") with { Factors = Factors, ThreadCount = Threads, ValidationFraction = 0, Objective = SquaredSettings.Default with { BlockCount = 8 } };
        _data = TrainingData.Create(split.Train, null, _hp);
        _state = Trainer.Initialize(_data, _hp);
        _p = _state.Model.CopyUserFactors();
        _q = _state.Model.CopyArtistFactors();
        _bu = _state.Model.CopyUserBiases();
        _ba = _state.Model.CopyArtistBiases();
    }

    /// <summary>The hot loop alone: one pass of SGD updates in the seeded block schedule (BlockRunner, as SquaredSgd runs it), in place.</summary>
    [Benchmark]
    public void SgdPass()
    {
        var s = (SquaredSettings)_hp.Objective;
        var d = _data;
        float lambda = (float)s.Regularization, lbu = (float)s.UserBiasRegularization, lba = (float)s.ArtistBiasRegularization;
        BlockRunner.Run(d, _hp.Seed, _epoch++ & 1023, _hp.ThreadCount, v =>
            SquaredSgd.Pass(d.Ratings, v, s.UseBiases, d.GlobalMeanF, 0.002f, lambda, lbu, lba,
                d.InverseUserCounts, d.InverseArtistCounts, _p, _q, _bu, _ba, Factors));
    }

    /// <summary>A whole pure epoch: copies, SGD pass, objective and RMSEs, new state.</summary>
    [Benchmark]
    public TrainingState SgdEpochStep() => EpochStep.Next(_state, _data, _hp);
}

internal static class RealDataPath
{
    /// <summary>LASTFMMF_REAL_DATA, else ../shared/data/hetrec2011-lastfm-2k above the repository.</summary>
    public static string Folder()
    {
        var env = Environment.GetEnvironmentVariable("LASTFMMF_REAL_DATA");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "LastFmMf.sln"))) continue;
            return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "hetrec2011-lastfm-2k"));
        }
        throw new DirectoryNotFoundException("Set LASTFMMF_REAL_DATA to the HetRec folder.");
    }

    public static LastFmDataset Read() => HetrecReader.Read(Folder());
}
