using System.Text;
using System.Text.Json.Nodes;
using OpenVerify.Interop;
using OpenVerify.Logs;
using OpenVerify.Tests.Logs;
using OpenVerify.Tests.Spec;

namespace OpenVerify.Tests.Interop;

/// <summary>
/// Signed notes and checkpoints checked by code we did not write: Go's <c>golang.org/x/mod/sumdb/note</c> (Debian's
/// golang-golang-x-mod-dev), driven by tests/interop/go/notecheck built offline with Debian's golang-go
/// (<c>GO111MODULE=off GOPATH=/usr/share/gocode</c>). Go opens our checkpoints with the vkey we print, we open notes Go
/// signs with a key from <c>note.GenerateKey</c>, both compute the same key ids, and Go agrees with every vector.
/// Skipped without Go or the package, except under OPENVERIFY_CI=1, where it fails.
/// </summary>
public sealed class GoNoteInteropTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("openverify-go-note-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static string RequireChecker()
    {
        if (GoChecker.Path is { } checker)
        {
            return checker;
        }

        if (GoChecker.Required)
        {
            Assert.Fail($"OPENVERIFY_CI=1 and the Go signed-note interop check cannot run: {GoChecker.SkipMessage}");
        }

        Skip.If(true, GoChecker.SkipMessage);
        return null!;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
        return path;
    }

    [SkippableFact]
    public void OurCheckpoint_OpensInGo_WithTheVkeyWePrint_AndTamperedIsRefused()
    {
        var checker = RequireChecker();
        using var key = SigningKey.Generate();
        var signer = new NoteSigner("example.org/openverify/log", key);
        var checkpoint = new Checkpoint("example.org/openverify/log", 12345, Sha256Digest.Compute("root"u8.ToArray()), ["an extension"]);
        var note = checkpoint.Sign(signer);

        var run = Run(checker, null, "open", Write("checkpoint", note), signer.VerifierKey.ToString());
        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldBe($"OK example.org/openverify/log {signer.VerifierKey.KeyIdHex}\n" + checkpoint.ToNoteText());

        var tampered = Run(checker, null, "open", Write("tampered", note.Replace("\n12345\n", "\n12346\n", StringComparison.Ordinal)), signer.VerifierKey.ToString());
        tampered.ExitCode.ShouldBe(1, tampered.Output);
        tampered.Output.ShouldContain("invalid signature");

        using var other = SigningKey.Generate();
        var wrongKey = Run(checker, null, "open", Write("checkpoint", note), new NoteSigner("example.org/openverify/log", other).VerifierKey.ToString());
        wrongKey.ExitCode.ShouldBe(1, wrongKey.Output);
    }

    [SkippableFact]
    public void GoSignedNote_OpensHere_AndTamperedIsRefused()
    {
        var checker = RequireChecker();
        var text = new Checkpoint("example.com/go-log", 7, Sha256Digest.Compute([7])).ToNoteText();
        var vkeyPath = Path.Combine(_dir.FullName, "vkey");
        var notePath = Path.Combine(_dir.FullName, "note");
        var run = Run(checker, null, "sign", "example.com/go-log", Write("text", text), vkeyPath, notePath);
        run.ExitCode.ShouldBe(0, run.Output);

        var vkey = NoteVerifierKey.Parse(File.ReadAllText(vkeyPath).TrimEnd('\n'));
        var note = File.ReadAllBytes(notePath);
        var checkpoint = Checkpoint.Open(note, [vkey]);
        checkpoint.Origin.ShouldBe("example.com/go-log");
        checkpoint.TreeSize.ShouldBe(7);
        checkpoint.RootHash.ShouldBe(Sha256Digest.Compute([7]));

        // The key id Go wrote into its vkey and signature is the one we compute from the name and key.
        NoteVerifierKey.ComputeKeyId(vkey.Name, vkey.PublicKey).ShouldBe(vkey.KeyId);
        checkpoint.Note!.Signatures.ShouldHaveSingleItem().KeyId.ShouldBe(vkey.KeyId);

        var tampered = (byte[])note.Clone();
        tampered[text.IndexOf('\n', StringComparison.Ordinal) + 1] = (byte)'8';
        Should.Throw<NoteFormatException>(() => Checkpoint.Open(tampered, [vkey])).Message.ShouldContain("does not verify");
    }

    [SkippableFact]
    public void KeyIds_AgreeWithGo()
    {
        var checker = RequireChecker();
        foreach (var name in new[] { "example.org/log", "a", "\u00e9t\u00e9.example/\U0001F600" })
        {
            using var key = SigningKey.Generate();
            var vkey = new NoteSigner(name, key).VerifierKey;
            var run = Run(checker, null, "keyid", vkey.ToString());
            run.ExitCode.ShouldBe(0, run.Output);
            run.Output.ShouldBe(vkey.KeyIdHex + "\n");
        }
    }

    [SkippableFact]
    public void Vectors_GoAgreesWithEachVerdict()
    {
        var checker = RequireChecker();
        var vectors = JsonNode.Parse(File.ReadAllText(CheckpointVectors.VectorsPath))!.AsObject();
        string[] Args(JsonNode vector, string path) => ["open", path, .. vector["vkeys"]!.AsArray().Select(k => k!.GetValue<string>())];

        foreach (var vector in vectors["accepted"]!.AsArray())
        {
            var run = Run(checker, null, Args(vector!, Write("accepted", vector!["note"]!.GetValue<string>())));
            run.ExitCode.ShouldBe(0, vector["name"] + ": " + run.Output);
        }

        foreach (var vector in vectors["refused"]!.AsArray())
        {
            var run = Run(checker, null, Args(vector!, Write("refused", vector!["note"]!.GetValue<string>())));
            var goAccepts = vector["goAccepts"]!.GetValue<bool>();
            run.ExitCode.ShouldBe(goAccepts ? 0 : 1, vector["name"] + ": " + run.Output);
        }

        foreach (var vector in vectors["refusedVerifierKeys"]!.AsArray())
        {
            var run = Run(checker, null, "keyid", vector!["vkey"]!.GetValue<string>());
            run.ExitCode.ShouldBe(2, vector["name"] + ": " + run.Output);
        }
    }

    private static (int ExitCode, string Output) Run(string file, IDictionary<string, string>? environment, params string[] args) => GoChecker.Run(file, environment, args);
}
