using OpenVerify.Fuzz;
using SharpFuzz;

// OpenVerify.Fuzz TARGET              run under afl-fuzz (fuzz/run.sh)
// OpenVerify.Fuzz TARGET FILE...      replay inputs, printing what each gave (triage of afl's crashes)
// OpenVerify.Fuzz seeds VECTORS CORPUS write the seeds that need fresh signatures (fuzz/make-seeds.py runs it)
if (args.Length == 3 && args[0] == "seeds")
{
    await SignedSeeds.WriteAsync(args[1], args[2]);
    return 0;
}

if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: OpenVerify.Fuzz TARGET [FILE...]; targets: {string.Join(", ", FuzzTargets.All.Keys)}");
    return 2;
}

if (args.Length > 1)
{
    foreach (var file in args.Skip(1))
    {
        var result = FuzzTargets.RunBounded(target, File.ReadAllBytes(file));
        Console.WriteLine($"{file}: {(result is null ? "parsed" : result.GetType().Name + ": " + result.Message)}");
    }

    return 0;
}

// Out of process: a stack overflow kills the child and is reported as a crash instead of killing the fork server.
// Bounded: afl cannot limit the memory of a .NET process, so an input that makes the parser allocate far more than its
// size is turned into a crash here.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    FuzzTargets.RunBounded(target, buffer.ToArray());
});
return 0;
