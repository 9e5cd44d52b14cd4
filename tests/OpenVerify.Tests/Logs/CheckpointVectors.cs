using System.Text;
using System.Text.Json.Nodes;
using OpenVerify.Batching;
using OpenVerify.Logs;
using OpenVerify.Tests.Batching;
using OpenVerify.Tests.Spec;

namespace OpenVerify.Tests.Logs;

/// <summary>
/// Builds docs/spec/vectors/checkpoint-v1-vectors.json (docs/spec/checkpoint-v1.md): accepted signed notes and
/// checkpoints (the signed-note spec's own example among them), refused ones with the level that refuses them (the note
/// or the checkpoint body) and whether Go's <c>sumdb/note</c> refuses them too, and refused verifier keys. Ed25519
/// signatures are deterministic, so the file is rebuilt byte for byte.
/// </summary>
internal static class CheckpointVectors
{
    public static string VectorsPath => Path.Combine(SpecVectors.RepoRoot, "docs", "spec", "vectors", "checkpoint-v1-vectors.json");

    public const string Origin = BatchVectors.Origin;

    /// <summary>The signed-note spec's example (c2sp.org/signed-note, "Verifier keys").</summary>
    public const string SpecExampleVkey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";

    public const string SpecExampleNote = "This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    public static NoteSigner LogSigner { get; } = new(Origin, BatchVectors.LogKey);

    public static NoteSigner OtherSigner { get; } = new("example.org/witness", BatchVectors.Seeded("OpenVerify checkpoint-v1 TEST-ONLY other key"));

    /// <summary>A key with the log's name but another key (so another id): a key the verifier does not know.</summary>
    public static NoteSigner SameNameSigner { get; } = new(Origin, BatchVectors.Seeded("OpenVerify checkpoint-v1 TEST-ONLY same-name key"));

    public static JsonObject Build()
    {
        var leaves = BatchVectors.ReferenceLeaves.Select(h => Merkle.HashLeaf(Convert.FromHexString(h))).ToArray();
        var root8 = Merkle.RootHash(leaves);
        var log = LogSigner.VerifierKey.ToString();
        var other = OtherSigner.VerifierKey.ToString();

        var empty = new Checkpoint(Origin, 0, Merkle.EmptyRoot);
        var eight = new Checkpoint(Origin, 8, root8);
        var signed8 = eight.Sign(LogSigner);
        var withExtensions = new Checkpoint(Origin, 8, root8, ["extension line one", "\u00e9t\u00e9 \U0001F600 + two"]);

        var accepted = new JsonArray
        {
            Accepted("empty tree", empty.Sign(LogSigner), [log], [log], empty),
            Accepted("8-leaf reference tree", signed8, [log], [log], eight),
            Accepted("extension lines", withExtensions.Sign(LogSigner), [log], [log], withExtensions),
            Accepted("log and witness signatures, both keys known", eight.Sign(LogSigner, OtherSigner), [log, other], [log, other], eight),
            Accepted("unknown witness signature ignored", eight.Sign(OtherSigner, LogSigner), [log], [log], eight),
            Accepted("same name, other key: unknown, ignored", eight.Sign(SameNameSigner, LogSigner), [log], [log], eight),
            Accepted("unknown signature of another type ignored", signed8 + "\u2014 example.org/pq " + Convert.ToBase64String([0xde, 0xad, 0xbe, 0xef, .. new byte[100]]) + "\n", [log], [log], eight),
            Accepted("repeated identical signature", signed8 + signed8[(signed8.LastIndexOf("\n\n", StringComparison.Ordinal) + 2)..], [log], [log], eight),
            Accepted("signed-note spec example (not a checkpoint)", SpecExampleNote, [SpecExampleVkey], [SpecExampleVkey], null),
        };

        var sigLine = signed8[(signed8.LastIndexOf("\n\n", StringComparison.Ordinal) + 2)..];
        var text8 = eight.ToNoteText();
        var sigB64 = sigLine.Split(' ')[2].TrimEnd('\n');
        var sigBytes = Convert.FromBase64String(sigB64);
        var flipped = (byte[])sigBytes.Clone();
        flipped[10] ^= 0x01;
        var manyUnknown = string.Concat(Enumerable.Repeat("\u2014 example.org/other AAAAAAAA\n", 100));

        var refused = new JsonArray
        {
            Refused("tree size changed after signing", text8.Replace("\n8\n", "\n9\n", StringComparison.Ordinal) + "\n" + sigLine, [log], "note", "does not verify"),
            Refused("signature byte flipped", text8 + "\n\u2014 " + Origin + " " + Convert.ToBase64String(flipped) + "\n", [log], "note", "does not verify"),
            Refused("only an unknown key's signature", eight.Sign(OtherSigner), [log], "note", "known key"),
            Refused("same name, other key only", eight.Sign(SameNameSigner), [log], "note", "known key"),
            Refused("no known keys", signed8, [], "note", "known key"),
            Refused("good and bad signature of the same key", signed8 + "\u2014 " + Origin + " " + Convert.ToBase64String(flipped) + "\n", [log], "note", "does not verify", goAccepts: true),
            Refused("no blank line before the signatures", text8 + sigLine, [log], "note", "blank line"),
            Refused("no signature lines", text8 + "\n", [log], "note", "no signature lines"),
            Refused("last signature line without newline", signed8.TrimEnd('\n'), [log], "note", "newline"),
            Refused("carriage return (CRLF line ends)", signed8.Replace("\n", "\r\n", StringComparison.Ordinal), [log], "note", "control character"),
            Refused("tab in the text", (text8 + "\n" + sigLine).Replace(Origin, Origin + "\t", StringComparison.Ordinal), [log], "note", "control character"),
            Refused("signature line without the em dash", text8 + "\n" + sigLine.Replace("\u2014", "-", StringComparison.Ordinal), [log], "note", "not a signature line"),
            Refused("signature with a space inside its base64", text8 + "\n\u2014 " + Origin + " " + sigB64[..8] + " " + sigB64[8..] + "\n", [log], "note", "base64"),
            Refused("signature without padding", text8 + "\n\u2014 " + Origin + " " + sigB64.TrimEnd('=') + "\n", [log], "note", "base64"),
            Refused("non-canonical base64 trailing bits", text8 + "\n\u2014 " + Origin + " " + NonCanonical(sigB64) + "\n", [log], "note", "base64", goAccepts: true),
            Refused("signature shorter than 5 bytes", text8 + "\n\u2014 " + Origin + " AAAAAA==\n" + sigLine, [log], "note", "base64"),
            Refused("key name with '+'", text8 + "\n" + sigLine + "\u2014 a+b AAAAAAAA\n", [log], "note", "key name"),
            Refused("key name with a no-break space", text8 + "\n" + sigLine + "\u2014 a\u00a0b AAAAAAAA\n", [log], "note", "key name"),
            Refused("more than 100 signatures", signed8 + manyUnknown, [log], "note", "more than 100"),
            Refused("tree size with a leading zero", new Checkpoint(Origin, 8, root8).ToNoteText().Replace("\n8\n", "\n08\n", StringComparison.Ordinal), [log], "checkpoint", "leading zeros", signText: true),
            Refused("negative tree size", text8.Replace("\n8\n", "\n-1\n", StringComparison.Ordinal), [log], "checkpoint", "tree size", signText: true),
            Refused("tree size beyond int64", text8.Replace("\n8\n", "\n9223372036854775808\n", StringComparison.Ordinal), [log], "checkpoint", "tree size", signText: true),
            Refused("root hash of 31 bytes", Origin + "\n8\n" + Convert.ToBase64String(root8.Bytes[..31]) + "\n", [log], "checkpoint", "root hash", signText: true),
            Refused("root hash in hex", Origin + "\n8\n" + root8.ToHex() + "\n", [log], "checkpoint", "root hash", signText: true),
            Refused("only two lines", Origin + "\n8\n", [log], "checkpoint", "at least three lines", signText: true),
            Refused("empty origin", "\n8\n" + Convert.ToBase64String(root8.Bytes) + "\n", [log], "checkpoint", "origin", signText: true),
            Refused("empty extension line", text8 + "\nextension\n", [log], "checkpoint", "extension line 4 is empty", signText: true),
        };

        var invalid = new JsonArray
        {
            RefusedKey("key id does not match", log.Split('+')[0] + "+00000000+" + log.Split('+', 3)[2]),
            RefusedKey("key id of seven digits", log.Split('+')[0] + "+" + log.Split('+')[1][..7] + "+" + log.Split('+', 3)[2]),
            RefusedKey("empty name", "+" + log.Split('+', 2)[1]),
            RefusedKey("signature type 0x02", Origin + "+" + log.Split('+')[1] + "+" + Convert.ToBase64String([0x02, .. LogSigner.VerifierKey.PublicKey])),
            RefusedKey("public key of 31 bytes", Origin + "+" + log.Split('+')[1] + "+" + Convert.ToBase64String([0x01, .. LogSigner.VerifierKey.PublicKey[..31]])),
            RefusedKey("no key part", Origin + "+" + log.Split('+')[1]),
        };

        return new JsonObject
        {
            ["description"] = "OpenVerify checkpoint v1 test vectors (docs/spec/checkpoint-v1.md): C2SP signed-note v1 and tlog-checkpoint v1 with Ed25519 keys. "
                + "Generated by tests/OpenVerify.Tests/Logs/CheckpointVectorTests.cs; regenerate with OPENVERIFY_REGENERATE_VECTORS=1 dotnet test tests/OpenVerify.Tests --filter FullyQualifiedName~CheckpointVector. "
                + "The keys are TEST-ONLY and public. 'level' says what refuses a note: the signed note itself, or the checkpoint body once the note verified; "
                + "'goAccepts' says whether Go's golang.org/x/mod/sumdb/note Open accepts it (where OpenVerify is stricter).",
            ["version"] = 1,
            ["keys"] = new JsonObject
            {
                ["log"] = Key(LogSigner, BatchVectors.LogKey),
                ["other"] = Key(OtherSigner, null),
                ["sameName"] = Key(SameNameSigner, null),
            },
            ["accepted"] = accepted,
            ["refused"] = refused,
            ["refusedVerifierKeys"] = invalid,
        };
    }

    private static JsonObject Key(NoteSigner signer, SigningKey? key)
    {
        var node = new JsonObject
        {
            ["name"] = signer.Name,
            ["publicKey"] = Convert.ToHexStringLower(signer.VerifierKey.PublicKey),
            ["keyId"] = signer.VerifierKey.KeyIdHex,
            ["vkey"] = signer.VerifierKey.ToString(),
        };
        if (key is not null)
        {
            node["privateKeyPem"] = key.ExportPkcs8Pem();
        }

        return node;
    }

    private static JsonObject Accepted(string name, string note, string[] vkeys, string[] verifiedBy, Checkpoint? checkpoint) => new()
    {
        ["name"] = name,
        ["note"] = note,
        ["vkeys"] = new JsonArray([.. vkeys.Select(v => (JsonNode)v)]),
        ["verifiedBy"] = new JsonArray([.. verifiedBy.Select(v => (JsonNode)v)]),
        ["checkpoint"] = checkpoint is null ? null : new JsonObject
        {
            ["origin"] = checkpoint.Origin,
            ["treeSize"] = checkpoint.TreeSize,
            ["rootHash"] = checkpoint.RootHash.ToHex(),
            ["extensions"] = new JsonArray([.. checkpoint.Extensions.Select(e => (JsonNode)e)]),
        },
    };

    /// <summary>A refused note. With <paramref name="signText"/>, the text is signed properly by the log key, so only
    /// the checkpoint body can refuse it.</summary>
    private static JsonObject Refused(string name, string note, string[] vkeys, string level, string reason, bool goAccepts = false, bool signText = false)
    {
        if (signText)
        {
            note = SignedNote.Sign(note, LogSigner);
            goAccepts = true;
        }

        return new JsonObject
        {
            ["name"] = name,
            ["note"] = note,
            ["vkeys"] = new JsonArray([.. vkeys.Select(v => (JsonNode)v)]),
            ["level"] = level,
            ["reason"] = reason,
            ["goAccepts"] = goAccepts,
        };
    }

    private static JsonObject RefusedKey(string name, string vkey) => new() { ["name"] = name, ["vkey"] = vkey };

    /// <summary>The same bytes with the unused low bits of the last base64 digit set: decoders that are not strict
    /// accept it.</summary>
    private static string NonCanonical(string b64)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var last = b64.TrimEnd('=').Length - 1;
        var digit = Alphabet.IndexOf(b64[last], StringComparison.Ordinal);
        var slack = b64.EndsWith("==", StringComparison.Ordinal) ? 0x0f : b64.EndsWith('=') ? 0x03 : 0;
        if (slack == 0)
        {
            throw new InvalidOperationException("No padding, so no unused bits.");
        }

        return b64[..last] + Alphabet[digit | 1] + b64[(last + 1)..];
    }

    /// <summary>The note bytes of a vector, as UTF-8.</summary>
    public static byte[] Bytes(JsonNode vector) => Encoding.UTF8.GetBytes(vector["note"]!.GetValue<string>());
}
