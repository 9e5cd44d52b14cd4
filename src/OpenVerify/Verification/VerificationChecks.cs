namespace OpenVerify;

/// <summary>
/// The names of the checks a verifier reports in <see cref="VerificationCheck.Name"/> and
/// <see cref="VerificationResult.NotChecked"/> (docs/spec/receipt-v1.md, docs/spec/batch-v1.md). The strings are part
/// of the spec and its vectors: compare against these constants rather than retyping them.
/// </summary>
public static class VerificationChecks
{
    /// <summary>The receipt (or proof) parses as a DSSE envelope.</summary>
    public const string Envelope = "envelope";

    /// <summary>The envelope's payload type is the OpenVerify receipt's.</summary>
    public const string PayloadType = "payload-type";

    /// <summary>A trusted key of the right role verifies the signature over the PAE.</summary>
    public const string Signature = "signature";

    /// <summary>The signing key's scope covers the model the receipt names.</summary>
    public const string KeyScope = "key-scope";

    /// <summary>The payload is an in-toto Statement v1 with the OpenVerify inference predicate.</summary>
    public const string Statement = "statement";

    /// <summary>The receipt's model digest is well formed.</summary>
    public const string ModelDigest = "model-digest";

    /// <summary>The input set digest matches the input tensor digests.</summary>
    public const string InputSet = "input-set";

    /// <summary>The output set digest matches the output tensor digests.</summary>
    public const string OutputSet = "output-set";

    /// <summary>The statement's subject is exactly the output set digest.</summary>
    public const string Subject = "subject";

    /// <summary>The session configuration matches its digest and runs on the cpu provider.</summary>
    public const string SessionConfig = "session-config";

    /// <summary>The receipt names the expected model.</summary>
    public const string Model = "model";

    /// <summary>The given inputs are the ones the receipt covers.</summary>
    public const string Inputs = "inputs";

    /// <summary>The given outputs are the ones the receipt covers.</summary>
    public const string Outputs = "outputs";

    /// <summary>The receipt carries the expected nonce.</summary>
    public const string Nonce = "nonce";

    /// <summary>The receipt carries the expected audience.</summary>
    public const string Audience = "audience";

    /// <summary>Running the model again gives the receipt's outputs.</summary>
    public const string Replay = "replay";

    /// <summary>A batched receipt's inclusion proof leads to its signed batch root.</summary>
    public const string Inclusion = "inclusion";

    /// <summary>A log's signed tree head verifies with a trusted log key.</summary>
    public const string TreeHead = "tree-head";

    /// <summary>A receipt's log inclusion proof leads to the log's tree head.</summary>
    public const string LogInclusion = "log-inclusion";

    /// <summary>A tiled log's checkpoint verifies with a trusted note key and extends the checkpoint the verifier kept.</summary>
    public const string LogCheckpoint = "log-checkpoint";

    /// <summary>The prefix of a failed required check: <c>required:&lt;check&gt;</c> (see <see cref="Required"/>).</summary>
    public const string RequiredPrefix = "required:";

    /// <summary>The name of the failure reported when the <paramref name="check"/> check is required but nothing was
    /// given to check against: <c>required:&lt;check&gt;</c>.</summary>
    public static string Required(string check) => RequiredPrefix + check;
}
