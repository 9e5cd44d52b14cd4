using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- --filter '*' --job short --inProcess
// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- interleaved   (quick cross-check, see Interleaved.cs)
if (args is ["interleaved", ..])
{
    OpenVerify.Benchmarks.Interleaved.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(OpenVerify.Benchmarks.Fixtures).Assembly).Run(args);
