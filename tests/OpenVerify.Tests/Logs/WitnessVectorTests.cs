using System.Text;
using System.Text.Json.Nodes;
using OpenVerify.Batching;
using OpenVerify.Logs;
using OpenVerify.Tests.Batching;
using OpenVerify.Tests.Spec;

namespace OpenVerify.Tests.Logs;

/// <summary>
/// docs/spec/vectors/witness-v1-vectors.json (docs/spec/witness-v1.md): Ed25519 <c>cosignature/v1</c> lines over the
/// checkpoint vectors' 8-leaf checkpoint, with the timestamp each proves, and cosigned notes a verifier must not count
/// (another checkpoint, an altered timestamp, another key under the witness's name). Ed25519 is deterministic, so the
/// runtime rebuilds the file byte for byte. Regenerate after a deliberate change:
/// <c>OPENVERIFY_REGENERATE_VECTORS=1 dotnet test tests/OpenVerify.Tests --filter FullyQualifiedName~WitnessVector</c>.
/// </summary>
public sealed class WitnessVectorTests
{
    private static string VectorsPath => Path.Combine(SpecVectors.RepoRoot, "docs", "spec", "vectors", "witness-v1-vectors.json");

    private static readonly Cosigner Witness = new("example.org/witness", BatchVectors.Seeded("OpenVerify witness-v1 TEST-ONLY witness key"));

    private static readonly Cosigner Impostor = new("example.org/witness", BatchVectors.Seeded("OpenVerify witness-v1 TEST-ONLY impostor key"));

    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static JsonObject Build()
    {
        var leaves = BatchVectors.ReferenceLeaves.Select(h => Merkle.HashLeaf(Convert.FromHexString(h))).ToArray();
        var checkpoint = new Checkpoint(CheckpointVectors.Origin, 8, Merkle.RootHash(leaves));
        var other = new Checkpoint(CheckpointVectors.Origin, 7, Merkle.RootHash(leaves[..7]));
        var logSigned = checkpoint.Sign(CheckpointVectors.LogSigner);
        var body = checkpoint.ToNoteText();
        var line = Witness.Cosign(body, Time);

        // The same line with its timestamp changed: the signature no longer covers it.
        var blob = Convert.FromBase64String(line[(line.LastIndexOf(' ') + 1)..].TrimEnd('\n'));
        blob[11] ^= 1;
        var alteredTime = $"\u2014 {Witness.Key.Name} {Convert.ToBase64String(blob)}\n";

        return new JsonObject
        {
            ["description"] = "cosignature/v1 (c2sp.org/tlog-cosignature) over OpenVerify checkpoints; docs/spec/witness-v1.md",
            ["logVerifierKey"] = CheckpointVectors.LogSigner.VerifierKey.ToString(),
            ["witnessKey"] = Witness.Key.ToString(),
            ["accepted"] = new JsonArray
            {
                new JsonObject { ["name"] = "cosigned checkpoint", ["note"] = logSigned + line, ["timestamp"] = (ulong)Time.ToUnixTimeSeconds() },
            },
            ["refused"] = new JsonArray
            {
                Refused("cosignature over another checkpoint", logSigned + Witness.Cosign(other.ToNoteText(), Time)),
                Refused("timestamp altered after signing", logSigned + alteredTime),
                Refused("another key under the witness's name", logSigned + Impostor.Cosign(body, Time)),
            },
        };

        static JsonObject Refused(string name, string note) => new() { ["name"] = name, ["note"] = note };
    }

    [Fact]
    public void VectorsFile_EqualsWhatTheRuntimeComputes()
    {
        var generated = SpecVectors.ToText(Build());
        if (Environment.GetEnvironmentVariable(SpecVectors.RegenerateVariable) == "1")
        {
            File.WriteAllText(VectorsPath, generated, new UTF8Encoding(false));
            return;
        }

        File.ReadAllText(VectorsPath).ReplaceLineEndings("\n").ShouldBe(generated,
            $"The committed witness vectors are stale or the format changed; regenerate with {SpecVectors.RegenerateVariable}=1 and review the diff.");
    }

    [Fact]
    public void Accepted_CosignaturesProveTheirTimestamp_RefusedOnesProveNothing()
    {
        var v = JsonNode.Parse(File.ReadAllText(VectorsPath))!;
        var witness = CosignerKey.Parse(v["witnessKey"]!.GetValue<string>());
        var log = NoteVerifierKey.Parse(v["logVerifierKey"]!.GetValue<string>());
        foreach (var vector in v["accepted"]!.AsArray())
        {
            var note = SignedNote.Open(vector!["note"]!.GetValue<string>(), [log]);
            witness.FindCosignature(note).ShouldBe(vector["timestamp"]!.GetValue<ulong>(), vector["name"]!.GetValue<string>());
        }

        foreach (var vector in v["refused"]!.AsArray())
        {
            var note = SignedNote.Open(vector!["note"]!.GetValue<string>(), [log]);
            witness.FindCosignature(note).ShouldBeNull(vector["name"]!.GetValue<string>());
        }
    }
}
