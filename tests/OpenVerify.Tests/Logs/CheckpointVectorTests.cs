using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OpenVerify.Logs;
using OpenVerify.Tests.Spec;

namespace OpenVerify.Tests.Logs;

/// <summary>
/// Checks docs/spec/vectors/checkpoint-v1-vectors.json: the runtime rebuilds it byte for byte, opens every accepted
/// note with the keys it lists (and reads the checkpoint it holds), refuses every refused note at the level it names
/// with the reason it names, and refuses every refused verifier key. To regenerate after a deliberate change:
/// <c>OPENVERIFY_REGENERATE_VECTORS=1 dotnet test tests/OpenVerify.Tests --filter FullyQualifiedName~CheckpointVector</c>.
/// </summary>
public sealed class CheckpointVectorTests
{
    private static readonly Lazy<JsonObject> Committed = new(() => JsonNode.Parse(File.ReadAllText(CheckpointVectors.VectorsPath))!.AsObject());

    private static JsonObject V => Committed.Value;

    private static NoteVerifierKey[] Keys(JsonNode vector) => [.. vector["vkeys"]!.AsArray().Select(k => NoteVerifierKey.Parse(k!.GetValue<string>()))];

    [Fact]
    public void VectorsFile_EqualsWhatTheRuntimeComputes()
    {
        var generated = SpecVectors.ToText(CheckpointVectors.Build());
        if (Environment.GetEnvironmentVariable(SpecVectors.RegenerateVariable) == "1")
        {
            File.WriteAllText(CheckpointVectors.VectorsPath, generated, new UTF8Encoding(false));
            return;
        }

        File.Exists(CheckpointVectors.VectorsPath).ShouldBeTrue($"{CheckpointVectors.VectorsPath} is missing; create it with {SpecVectors.RegenerateVariable}=1.");
        File.ReadAllText(CheckpointVectors.VectorsPath).ReplaceLineEndings("\n").ShouldBe(generated,
            $"The committed checkpoint vectors are stale or the format changed. If the change is deliberate, regenerate with {SpecVectors.RegenerateVariable}=1 and review the diff.");
    }

    [Fact]
    public void AcceptedVectors_Open()
    {
        V["accepted"]!.AsArray().Count.ShouldBeGreaterThan(5);
        foreach (var vector in V["accepted"]!.AsArray())
        {
            var name = vector!["name"]!.GetValue<string>();
            var note = SignedNote.Open(CheckpointVectors.Bytes(vector), Keys(vector));
            note.VerifiedBy.Select(k => k.ToString()).ShouldBe(vector["verifiedBy"]!.AsArray().Select(k => k!.GetValue<string>()), name);
            if (vector["checkpoint"] is not JsonObject expected)
            {
                continue;
            }

            var checkpoint = Checkpoint.Open(CheckpointVectors.Bytes(vector), Keys(vector));
            checkpoint.Origin.ShouldBe(expected["origin"]!.GetValue<string>(), name);
            checkpoint.TreeSize.ShouldBe(expected["treeSize"]!.GetValue<long>(), name);
            checkpoint.RootHash.ToHex().ShouldBe(expected["rootHash"]!.GetValue<string>(), name);
            checkpoint.Extensions.ShouldBe(expected["extensions"]!.AsArray().Select(e => e!.GetValue<string>()), name);
            checkpoint.Note!.Text.ShouldBe(checkpoint.ToNoteText(), name);
        }
    }

    [Fact]
    public void RefusedVectors_AreRefusedAtTheirLevel()
    {
        V["refused"]!.AsArray().Count.ShouldBeGreaterThan(20);
        foreach (var vector in V["refused"]!.AsArray())
        {
            var name = vector!["name"]!.GetValue<string>();
            var reason = vector["reason"]!.GetValue<string>();
            var bytes = CheckpointVectors.Bytes(vector);
            if (vector["level"]!.GetValue<string>() == "note")
            {
                Should.Throw<NoteFormatException>(() => SignedNote.Open(bytes, Keys(vector)), name).Message.ShouldContain(reason, Case.Sensitive, name);
            }
            else
            {
                // The note verifies; only the body refuses it, and only after the signature checked out.
                SignedNote.Open(bytes, Keys(vector)).VerifiedBy.ShouldNotBeEmpty(name);
                Should.Throw<NoteFormatException>(() => Checkpoint.Open(bytes, Keys(vector)), name).Message.ShouldContain(reason, Case.Sensitive, name);
            }
        }
    }

    [Fact]
    public void RefusedVerifierKeys_AreRefused()
    {
        foreach (var vector in V["refusedVerifierKeys"]!.AsArray())
        {
            Should.Throw<KeyFormatException>(() => NoteVerifierKey.Parse(vector!["vkey"]!.GetValue<string>()), vector!["name"]!.GetValue<string>());
        }
    }

    [Fact]
    public void KeyId_IsTheSpecsHash()
    {
        foreach (var key in V["keys"]!.AsObject())
        {
            var name = key.Value!["name"]!.GetValue<string>();
            var publicKey = Convert.FromHexString(key.Value["publicKey"]!.GetValue<string>());
            byte[] input = [.. Encoding.UTF8.GetBytes(name), 0x0A, 0x01, .. publicKey];
            var expected = BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
            NoteVerifierKey.ComputeKeyId(name, publicKey).ShouldBe(expected);
            key.Value["keyId"]!.GetValue<string>().ShouldBe(expected.ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
            var parsed = NoteVerifierKey.Parse(key.Value["vkey"]!.GetValue<string>());
            parsed.KeyId.ShouldBe(expected);
            parsed.ToString().ShouldBe(key.Value["vkey"]!.GetValue<string>());
        }

        // The signed-note spec's own example key.
        NoteVerifierKey.Parse(CheckpointVectors.SpecExampleVkey).KeyIdHex.ShouldBe("530d903a");
    }

    [SkippableFact]
    public void Vectors_CheckOutInPython()
    {
        const string python = "/usr/bin/python3";
        var ready = File.Exists(python) && Run(python, "-c", "import cryptography.hazmat.primitives.asymmetric.ed25519").ExitCode == 0;
        if (!ready)
        {
            const string why = "/usr/bin/python3 with the cryptography module is needed (Debian: python3-cryptography)";
            if (Environment.GetEnvironmentVariable("OPENVERIFY_CI") == "1")
            {
                Assert.Fail($"OPENVERIFY_CI=1 and the Python checkpoint vector check cannot run: {why}");
            }

            Skip.If(true, why);
        }

        var run = Run(python, Path.Combine(SpecVectors.RepoRoot, "tests", "interop", "verify_receipts.py"), "--checkpoint-vectors", CheckpointVectors.VectorsPath);
        run.ExitCode.ShouldBe(0, run.Output);
        var expected = V["keys"]!.AsObject().Count + V["accepted"]!.AsArray().Count + V["refused"]!.AsArray().Count + V["refusedVerifierKeys"]!.AsArray().Count;
        run.Output.ShouldContain($"summary: {expected} passed, 0 failed", Case.Sensitive, run.Output);
    }

    private static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
