using BenchmarkDotNet.Running;

// Every benchmark class of this assembly; pick with a filter, e.g. `dotnet run -c Release -- --filter *Ranking*`.
BenchmarkSwitcher.FromAssembly(typeof(LastFmMf.Benchmarks.RankingObjectiveBenchmarks).Assembly).Run(args);
