using BenchmarkDotNet.Attributes;
using LastFmMf.Data;
using LastFmMf.Splitting;
using LastFmMf.Training;

namespace LastFmMf.Benchmarks;

/// <summary>
/// One Implicit ALS sweep on the real HetRec data (train part of the seed-42 PerUser 0.2 split, no validation carve), the
/// default k = 128, by the conjugate-gradient and the Cholesky solver, on 1 and 2 threads: <see cref="Sweep"/> is the
/// sweep alone (all users, then all artists), <see cref="Epoch"/> the epoch as training runs it (EpochStep.Next: the sweep,
/// its loss and the history row). Both start from the factors after one epoch, as every sweep after the first does (so the users' QᵀQ comes from
/// what that epoch's loss computed and kept, as in training). The
/// figures the target (≤ 0.1 s on 2 threads) is read against.
/// </summary>
public class ImplicitSweepBenchmarks
{
    private TrainingData _data = null!;
    private TrainingState _state = null!;
    private Hyperparameters _hp = null!;
    private ImplicitWeights _weights = null!;

    [Params(ImplicitSolver.ConjugateGradient, ImplicitSolver.Cholesky)]
    public ImplicitSolver Solver { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var split = Splitter.PerUser(RealDataPath.Read(), 0.2, seed: 42);
        var defaults = Hyperparameters.DefaultsFor("Implicit");
        _hp = defaults with
        {
            Factors = 128, ThreadCount = Threads, ValidationFraction = 0,
            Objective = (ImplicitSettings)defaults.Objective with { Solver = Solver },
        };
        _data = TrainingData.Create(split.Train, null, _hp);
        _weights = ImplicitWeights.For((ImplicitSettings)_hp.Objective, _data);
        _state = EpochStep.Next(Trainer.Initialize(_data, _hp), _data, _hp) with { Epoch = 0, History = [] };
    }

    [Benchmark]
    public float[] Sweep()
    {
        var m = _state.Model;
        return ImplicitAls.Sweep(_data, m.UserFactors, m.ArtistFactors, m.Factors, _weights, Threads).Q;
    }

    [Benchmark]
    public TrainingState Epoch() => EpochStep.Next(_state, _data, _hp);
}
