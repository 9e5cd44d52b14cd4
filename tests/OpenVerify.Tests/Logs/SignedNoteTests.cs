using System.Text;
using OpenVerify.Logs;

namespace OpenVerify.Tests.Logs;

/// <summary>Signing and opening signed notes and checkpoints (docs/spec/checkpoint-v1.md) beyond the vectors.</summary>
public sealed class SignedNoteTests
{
    [Fact]
    public void SignThenOpen_RoundTrips_AndTheVkeyIsTheSignersKey()
    {
        using var key = SigningKey.Generate();
        var signer = new NoteSigner("example.org/log", key);
        var vkey = NoteVerifierKey.Parse(signer.VerifierKey.ToString());
        vkey.KeyId.ShouldBe(signer.KeyId);
        NoteVerifierKey.FromPublicKey("example.org/log", key.PublicKey).ToString().ShouldBe(vkey.ToString());

        var checkpoint = new Checkpoint("example.org/log", 42, Sha256Digest.Compute("root"u8.ToArray()), ["ext"]);
        var note = checkpoint.Sign(signer);
        note.ShouldStartWith("example.org/log\n42\n" + Convert.ToBase64String(checkpoint.RootHash.Bytes) + "\next\n\n\u2014 example.org/log ");
        var opened = Checkpoint.Open(note, [vkey]);
        opened.TreeSize.ShouldBe(42);
        opened.RootHash.ShouldBe(checkpoint.RootHash);
        opened.Note!.VerifiedBy.ShouldHaveSingleItem().ShouldBeSameAs(vkey);
    }

    [Fact]
    public void OpenWithAnotherKeyOfTheSameName_IsRefused()
    {
        using var key = SigningKey.Generate();
        using var other = SigningKey.Generate();
        var note = SignedNote.Sign("hello\n", new NoteSigner("example.org/log", key));
        var message = Should.Throw<NoteFormatException>(() => SignedNote.Open(note, [NoteVerifierKey.FromPublicKey("example.org/log", other.PublicKey)])).Message;
        message.ShouldContain("known key");
    }

    [Fact]
    public void EveryByteOfTheText_IsCovered()
    {
        using var key = SigningKey.Generate();
        var signer = new NoteSigner("example.org/log", key);
        var note = Encoding.UTF8.GetBytes(new Checkpoint("example.org/log", 7, Sha256Digest.Compute([1])).Sign(signer));
        var textLength = Encoding.UTF8.GetByteCount(new Checkpoint("example.org/log", 7, Sha256Digest.Compute([1])).ToNoteText());
        for (var i = 0; i < textLength; i++)
        {
            var tampered = (byte[])note.Clone();
            tampered[i] ^= 0x02;
            Should.Throw<NoteFormatException>(() => Checkpoint.Open(tampered, [signer.VerifierKey]), $"byte {i}");
        }
    }

    [Fact]
    public void Signing_RefusesTextsThatCannotBeNotes_AndKeysThatAreNotEd25519()
    {
        using var key = SigningKey.Generate();
        using var p256 = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var signer = new NoteSigner("n", key);
        Should.Throw<NoteFormatException>(() => SignedNote.Sign("no newline", signer));
        Should.Throw<NoteFormatException>(() => SignedNote.Sign("tab\there\n", signer));
        Should.Throw<KeyFormatException>(() => new NoteSigner("n", p256));
        Should.Throw<KeyFormatException>(() => new NoteSigner("has space", key));
        Should.Throw<KeyFormatException>(() => new NoteSigner("has+plus", key));
        Should.Throw<KeyFormatException>(() => new NoteSigner("", key));
        Should.Throw<ArgumentException>(() => new Checkpoint("two\nlines", 1, Sha256Digest.Compute([])));
        Should.Throw<ArgumentException>(() => new Checkpoint("o", 1, Sha256Digest.Compute([]), [""]));
    }

    [Fact]
    public void OversizedNote_IsRefusedBeforeAnyWork()
    {
        var big = new byte[SignedNote.MaxNoteBytes + 1];
        big.AsSpan().Fill((byte)'a');
        Should.Throw<NoteFormatException>(() => SignedNote.Open(big, [])).Message.ShouldContain("at most");
    }

    [Fact]
    public void InvalidUtf8_IsRefused()
    {
        using var key = SigningKey.Generate();
        var signer = new NoteSigner("n", key);
        var note = Encoding.UTF8.GetBytes(SignedNote.Sign("caf\u00e9\n", signer));
        note[4] = 0xff;
        Should.Throw<NoteFormatException>(() => SignedNote.Open(note, [signer.VerifierKey])).Message.ShouldContain("UTF-8");
    }
}
