using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(LastFmMf.Benchmarks.RecommendBenchmarks).Assembly).Run(args);
