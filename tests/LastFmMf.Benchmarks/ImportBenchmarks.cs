using BenchmarkDotNet.Attributes;
using LastFmMf.Data;

namespace LastFmMf.Benchmarks;

/// <summary>Reading the whole real dataset in-process (all five files, validated), warm. Target: under 300 ms.</summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private string _folder = null!;

    [GlobalSetup]
    public void Setup() => _folder = RealDataPath.Folder();

    [Benchmark]
    public LastFmDataset ImportRealData() => HetrecReader.Read(_folder);
}
