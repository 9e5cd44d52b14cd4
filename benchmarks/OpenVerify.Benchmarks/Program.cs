using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- --filter '*' --job short --inProcess
// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- profile single|batched|batched-value|verify-single|verify-batched [seconds]   (for dotnet-trace)
// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- interleaved [rounds] [resnet] [verify]   (the issue-15 table with floors, see Interleaved.cs; verify: only the verification rows; verify steps: a verification step by step)
// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- mlnet-writer [rounds]   (ML.NET receipt writer against its floor)
// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- steps [rounds] [medium]   (a batched receipt's calling thread, step by step; tiny model unless medium)
// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- allocations [objects]   (bytes allocated per receipt, all threads; objects: part by part)
// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- logs [receipts]   (log appends per second, docs/scale-out.md)
// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- pkcs11        (SoftHSM2 token vs file key, signatures/s)
// OV_BENCH_PLATFORM_SHA256=1: OpenVerify hashes through the platform's IncrementalHash instead of OpenSSL's low-level
// calls (the AppContext switch OpenVerify.Sha256.UsePlatform), for a before/after in one binary.
if (Environment.GetEnvironmentVariable("OV_BENCH_PLATFORM_SHA256") == "1")
{
    AppContext.SetSwitch("OpenVerify.Sha256.UsePlatform", true);
}

if (args is ["pkcs11", ..])
{
    OpenVerify.Benchmarks.Pkcs11Signing.Interleaved();
    return;
}

if (args is ["logs", ..])
{
    OpenVerify.Benchmarks.LogThroughput.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20000);
    return;
}

if (args is ["mlnet-writer", ..])
{
    OpenVerify.Benchmarks.MLNetWriter.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 9);
    return;
}

if (args is ["steps", ..])
{
    OpenVerify.Benchmarks.Steps.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 9, args.Contains("medium"));
    return;
}

if (args is ["allocations", "objects", ..])
{
    OpenVerify.Benchmarks.Allocations.Objects();
    return;
}

if (args is ["allocations", ..])
{
    OpenVerify.Benchmarks.Allocations.Run();
    return;
}

if (args is ["interleaved", ..])
{
    OpenVerify.Benchmarks.Interleaved.Run(args);
    return;
}

if (args is ["profile", var what, ..])
{
    OpenVerify.Benchmarks.Profile.Run(what, TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(OpenVerify.Benchmarks.Fixtures).Assembly).Run(args);
