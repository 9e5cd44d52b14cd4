using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- --filter '*' --job short --inProcess
// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- interleaved [rounds] [resnet]   (the issue-15 table with floors, see Interleaved.cs)
if (args is ["interleaved", ..])
{
    OpenVerify.Benchmarks.Interleaved.Run(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(OpenVerify.Benchmarks.Fixtures).Assembly).Run(args);
