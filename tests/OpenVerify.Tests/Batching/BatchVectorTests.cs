using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using OpenVerify.Batching;
using OpenVerify.Logs;
using OpenVerify.Tests.Spec;

namespace OpenVerify.Tests.Batching;

/// <summary>
/// Checks docs/spec/vectors/batch-v1-vectors.json both ways: the runtime rebuilds the file byte for byte, and it
/// accepts every accepted vector and refuses every refused one (with the check the vector names); the independent
/// Python verifier (tests/interop/verify_receipts.py --batch-vectors) does the same from the spec alone.
/// To regenerate after a deliberate format change: <c>OPENVERIFY_REGENERATE_VECTORS=1 dotnet test tests/OpenVerify.Tests
/// --filter FullyQualifiedName~BatchVector</c>, then review the diff.
/// </summary>
public sealed class BatchVectorTests
{
    private static readonly Lazy<JsonObject> Committed = new(() => JsonNode.Parse(File.ReadAllText(BatchVectors.VectorsPath))!.AsObject());

    private static JsonObject V => Committed.Value;

    private static TrustStore Trust() => new TrustStore()
        .Add(PublicKey.ImportPem(V["keys"]!["receipt"]!["publicKeyPem"]!.GetValue<string>()), KeyRole.ReceiptSigner)
        .Add(PublicKey.ImportPem(V["keys"]!["log"]!["publicKeyPem"]!.GetValue<string>()), KeyRole.Log);

    private static Sha256Digest H(JsonNode? hex) => Sha256Digest.FromBytes(Convert.FromHexString(hex!.GetValue<string>()));

    private static Sha256Digest[] Hs(JsonNode? list) => [.. list!.AsArray().Select(H)];

    private static long L(JsonNode? node) => node!.GetValue<long>();

    [Fact]
    public void VectorsFile_EqualsWhatTheRuntimeComputes()
    {
        var generated = SpecVectors.ToText(BatchVectors.Build());
        if (Environment.GetEnvironmentVariable(SpecVectors.RegenerateVariable) == "1")
        {
            File.WriteAllText(BatchVectors.VectorsPath, generated, new UTF8Encoding(false));
            return;
        }

        File.Exists(BatchVectors.VectorsPath).ShouldBeTrue($"{BatchVectors.VectorsPath} is missing; create it with {SpecVectors.RegenerateVariable}=1.");
        File.ReadAllText(BatchVectors.VectorsPath).ReplaceLineEndings("\n").ShouldBe(generated,
            $"The committed batch vectors are stale or the format changed. If the change is deliberate, regenerate with {SpecVectors.RegenerateVariable}=1 and review the diff.");
    }

    [Fact]
    public void TreeVectors_VerifyAndRefused_AreRefused()
    {
        var tree = V["tree"]!;
        var leaves = Hs(tree["leafHashes"]);
        tree["leaves"]!.AsArray().Select(l => Merkle.HashLeaf(Convert.FromHexString(l!.GetValue<string>()))).ShouldBe(leaves);
        foreach (var root in tree["roots"]!.AsArray())
        {
            Merkle.RootHash(leaves[..(int)L(root!["size"])]).ShouldBe(H(root["root"]));
        }

        Sha256Digest RootOf(long size) => H(tree["roots"]![(int)size]!["root"]);
        foreach (var p in tree["inclusionProofs"]!.AsArray())
        {
            var (index, size) = (L(p!["index"]), L(p["size"]));
            Merkle.VerifyInclusion(index, size, leaves[index], Hs(p["proof"]), RootOf(size)).ShouldBeTrue($"inclusion {index} in {size}");
        }

        foreach (var p in tree["consistencyProofs"]!.AsArray())
        {
            var (first, second) = (L(p!["first"]), L(p["second"]));
            Merkle.VerifyConsistency(first, second, RootOf(first), RootOf(second), Hs(p["proof"])).ShouldBeTrue($"consistency {first} -> {second}");
        }

        foreach (var r in V["refusedInclusionProofs"]!.AsArray())
        {
            Merkle.VerifyInclusion(L(r!["index"]), L(r["size"]), H(r["leafHash"]), Hs(r["proof"]), H(r["root"])).ShouldBeFalse(r["name"]!.GetValue<string>());
        }

        foreach (var r in V["refusedConsistencyProofs"]!.AsArray())
        {
            Merkle.VerifyConsistency(L(r!["first"]), L(r["second"]), H(r["firstRoot"]), H(r["secondRoot"]), Hs(r["proof"])).ShouldBeFalse(r["name"]!.GetValue<string>());
        }
    }

    [Fact]
    public void BatchedReceipts_Verify_AndRefusedOnes_FailTheNamedCheck()
    {
        var verifier = new ReceiptVerifier(Trust());
        var batch = V["batch"]!;
        foreach (var r in batch["receipts"]!.AsArray())
        {
            var receipt = Receipt.Parse(r!["envelope"]!.ToJsonString());
            receipt.Envelope.Batch!.Index.ShouldBe(L(r["index"]));
            var result = verifier.Verify(receipt, new ReceiptVerificationOptions { ExpectedModelDigest = H(batch["expected"]!["modelSha256"]), ExpectedNonce = r["nonce"]!.GetValue<string>() });
            result.Succeeded.ShouldBeTrue(result.ToString());
            result.Checks.ShouldContain(c => c.Name == "inclusion" && c.Passed);
        }

        foreach (var r in V["refusedBatchedReceipts"]!.AsArray())
        {
            var name = r!["name"]!.GetValue<string>();
            var check = r["failedCheck"]!.GetValue<string>();
            Receipt receipt;
            try
            {
                receipt = Receipt.Parse(r["envelope"]!.ToJsonString());
            }
            catch (ReceiptFormatException)
            {
                check.ShouldBe("envelope", name);
                continue;
            }

            var result = verifier.Verify(receipt);
            result.Succeeded.ShouldBeFalse(name);
            result.FirstFailure!.Name.ShouldBe(check, name);
        }
    }

    [Fact]
    public void TreeHeadsAndTheLog_Verify_AndRefusedOnes_AreRefused()
    {
        var trust = Trust();
        var log = V["log"]!;
        var origin = log["origin"]!.GetValue<string>();
        var bytes = Encoding.UTF8.GetBytes(string.Concat(log["lines"]!.AsArray().Select(l => l!.GetValue<string>() + "\n")));
        var contents = LogFile.Parse(bytes);
        var checkpoint = SignedTreeHead.Parse(log["checkpoint"]!.ToJsonString());
        var result = LogVerifier.Verify(contents, trust, checkpoint, origin);
        result.Succeeded.ShouldBeTrue(result.Failure);
        (result.Receipts, result.TreeHeads).ShouldBe((8L, 2L));

        foreach (var h in V["treeHeads"]!.AsArray())
        {
            var head = SignedTreeHead.Parse(h!["envelope"]!.ToJsonString());
            LogVerifier.Verify(contents, trust, head, origin).Succeeded.ShouldBeTrue(h["name"]!.GetValue<string>());
            (head.Head.TreeSize, head.Head.RootHash).ShouldBe((L(h["treeSize"]), H(h["rootHash"])));
        }

        foreach (var h in V["refusedTreeHeads"]!.AsArray())
        {
            var head = SignedTreeHead.Parse(h!["envelope"]!.ToJsonString());
            LogVerifier.Verify(contents, trust, head, origin).Succeeded.ShouldBeFalse(h["name"]!.GetValue<string>());
        }

        var verifier = new ReceiptVerifier(trust);
        var proof = verifier.VerifyLogInclusion(log["inclusionProof"]!.ToJsonString(), null, out _);
        proof.Succeeded.ShouldBeTrue(proof.ToString());
        foreach (var p in V["refusedLogInclusionProofs"]!.AsArray())
        {
            var refused = verifier.VerifyLogInclusion(p!["proof"]!.ToJsonString(), null, out _);
            refused.FirstFailure!.Name.ShouldBe(p["failedCheck"]!.GetValue<string>(), p["name"]!.GetValue<string>());
        }
    }

    [SkippableFact]
    public void BatchVectors_CheckOutInPython()
    {
        const string python = "/usr/bin/python3";
        var ready = File.Exists(python) && Run(python, "-c", "import cryptography.hazmat.primitives.asymmetric.ed25519").ExitCode == 0;
        if (!ready)
        {
            const string why = "/usr/bin/python3 with the cryptography module is needed (Debian: python3-cryptography)";
            if (Environment.GetEnvironmentVariable("OPENVERIFY_CI") == "1")
            {
                Assert.Fail($"OPENVERIFY_CI=1 and the Python batch vector check cannot run: {why}");
            }

            Skip.If(true, why);
        }

        var run = Run(python, Path.Combine(SpecVectors.RepoRoot, "tests", "interop", "verify_receipts.py"), "--batch-vectors", BatchVectors.VectorsPath);
        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.Split('\n').ShouldNotContain(l => l.StartsWith("FAIL ", StringComparison.Ordinal), run.Output);

        // Every vector was checked: tree values, proofs, each refusal, each receipt's checks, heads, the log.
        var v = V;
        var tree = v["tree"]!;
        var minimum = tree["leaves"]!.AsArray().Count + tree["roots"]!.AsArray().Count + tree["inclusionProofs"]!.AsArray().Count
            + tree["consistencyProofs"]!.AsArray().Count + v["refusedInclusionProofs"]!.AsArray().Count + v["refusedConsistencyProofs"]!.AsArray().Count
            + v["batch"]!["receipts"]!.AsArray().Count + v["refusedBatchedReceipts"]!.AsArray().Count + v["treeHeads"]!.AsArray().Count
            + v["refusedTreeHeads"]!.AsArray().Count + v["refusedLogInclusionProofs"]!.AsArray().Count + 2;
        var passed = int.Parse(System.Text.RegularExpressions.Regex.Match(run.Output, @"summary: (\d+) passed").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        passed.ShouldBeGreaterThanOrEqualTo(minimum, run.Output);
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
