using BenchmarkDotNet.Running;

// Micro-benchmarks (BenchmarkDotNet). Run all:  dotnet run -c Release --project benchmarks/Benchmarks
// or one group:                                 dotnet run -c Release --project benchmarks/Benchmarks -- --filter '*WsManParse*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
