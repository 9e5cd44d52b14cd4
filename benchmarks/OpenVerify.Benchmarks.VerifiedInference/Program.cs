// OpenVerify issue 3 benchmarks: the [VerifiedInference] wrapper versus hand-written ONNX Runtime calls, and the source
// generator's time on a project with 500 attributed methods. See docs/benchmarks.md for results and the command line.
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(OpenVerify.VerifiedInferenceBenchmarks.WrapperBenchmarks).Assembly).Run(args);
