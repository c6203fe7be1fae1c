using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Tidings.Benchmarks.ImportBenchmarks).Assembly).Run(args);
