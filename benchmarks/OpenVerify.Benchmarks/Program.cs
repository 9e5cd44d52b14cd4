using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- --filter '*' --job short --inProcess
// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- interleaved   (quick cross-check, see Interleaved.cs)
// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- logs [receipts]   (log appends per second, docs/scale-out.md)
if (args is ["logs", ..])
{
    OpenVerify.Benchmarks.LogThroughput.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20000);
    return;
}

if (args is ["interleaved", ..])
{
    OpenVerify.Benchmarks.Interleaved.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(OpenVerify.Benchmarks.Fixtures).Assembly).Run(args);
