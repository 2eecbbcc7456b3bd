using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using LastFmMf.Benchmarks;
using LastFmMf.Benchmarks.Scale;

if (args.Length > 0 && args[0] == "scale") return ScaleBench.Run(args[1..]);

// Short runs: the machine is shared. For the SGD benchmarks, updates/s = SGD pairs per pass / mean time of one pass.
var pairs = LastFmMf.Splitting.Splitter.PerUser(RealDataPath.Read(), 0.2, seed: 42).TrainCount;
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(5))
    .AddColumn(new UpdatesPerSecondColumn(pairs));
BenchmarkSwitcher.FromAssembly(typeof(SgdBenchmarks).Assembly).Run(args, config);
return 0;

/// <summary>Millions of SGD updates per second: pairs per invocation divided by the mean time.</summary>
internal sealed class UpdatesPerSecondColumn(int pairs) : IColumn
{
    public string Id => "UpdatesPerSecond";
    public string ColumnName => "M updates/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Millions of SGD updates per second (train pairs / mean time)";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) =>
        (benchmarkCase.Descriptor.Type == typeof(SgdBenchmarks) || benchmarkCase.Descriptor.Type == typeof(SgdKernelBenchmarks)) && summary[benchmarkCase]?.ResultStatistics is { } s
            ? (pairs / s.Mean * 1e9 / 1e6).ToString("F1")
            : "-";
    public string GetValue(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
}
