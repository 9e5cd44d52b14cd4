using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- --filter '*' --job short --inProcess
// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- interleaved   (quick cross-check, see Interleaved.cs)
// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- pkcs11        (SoftHSM2 token vs file key, signatures/s)
if (args is ["pkcs11", ..])
{
    OpenVerify.Benchmarks.Pkcs11Signing.Interleaved();
    return;
}

if (args is ["interleaved", ..])
{
    OpenVerify.Benchmarks.Interleaved.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(OpenVerify.Benchmarks.Fixtures).Assembly).Run(args);
