using System.Diagnostics;
using System.Globalization;
using OpenVerify.Telemetry;
using OpenVerify.ModelSigning;
using OpenVerify.Onnx;

namespace OpenVerify;

/// <summary>Checks a verifier can be told to require; a required check that could not be made fails.</summary>
[Flags]
public enum RequiredChecks
{
    /// <summary>Nothing beyond the signature and the receipt's own consistency.</summary>
    None = 0,
    /// <summary>The model digest must be checked.</summary>
    Model = 1,
    /// <summary>The inputs must be checked.</summary>
    Inputs = 2,
    /// <summary>The outputs must be checked.</summary>
    Outputs = 4,
    /// <summary>A replay must run.</summary>
    Replay = 8,
}

/// <summary>What to check a receipt against, beyond its signature.</summary>
public sealed class ReceiptVerificationOptions
{
    /// <summary>The model digest the receipt must name.</summary>
    public Sha256Digest? ExpectedModelDigest { get; init; }

    /// <summary>The model's project-relative path, for trust scopes written as path globs. A path glob counts only with
    /// the model's digest (<see cref="ExpectedModelDigest"/> or <see cref="ReplayModel"/>) that the receipt must name,
    /// and when the receipt's model name is this path or its file name.</summary>
    public string? ModelPath { get; init; }

    /// <summary>The inputs the receipt must name (all of them, by name).</summary>
    public IEnumerable<KeyValuePair<string, TensorValue>>? Inputs { get; init; }

    /// <summary>The outputs the receipt must name (all of them, by name). With replay, these are the claimed values
    /// whose deviation from the replayed ones is measured.</summary>
    public IEnumerable<KeyValuePair<string, TensorValue>>? Outputs { get; init; }

    /// <summary>The nonce the receipt must carry.</summary>
    public string? ExpectedNonce { get; init; }

    /// <summary>The audience the receipt must carry.</summary>
    public string? ExpectedAudience { get; init; }

    /// <summary>When set, the inference is re-run on this model with <see cref="Inputs"/> and compared.</summary>
    public VerifiedModel? ReplayModel { get; init; }

    /// <summary>When set, a receipt of the kind it replays (for example an ML.NET receipt and OpenVerify.ML's
    /// VerifiedMLModel) is re-run on this model with <see cref="Inputs"/> and compared.</summary>
    public IReceiptReplayer? Replayer { get; init; }

    /// <summary>The replay tolerance; default exact.</summary>
    public ReplayTolerance Tolerance { get; init; } = ReplayTolerance.Exact;

    /// <summary>Checks that must be made; a missing one fails verification.</summary>
    public RequiredChecks Require { get; init; }
}

/// <summary>
/// Floating-point tolerance for replay. With a zero tolerance (<see cref="Exact"/>: both zero) elements must be equal
/// bit for bit, as the digests compare them: <c>-0.0</c> differs from <c>0.0</c>, and NaNs differ by sign and payload.
/// Otherwise elements are compared as numbers: a claimed element c matches the replayed reference r when
/// <c>|c − r| ≤ Absolute + Relative·|r|</c> (so <c>-0.0</c> matches <c>0.0</c>), any NaN matches any NaN whatever
/// its sign and payload (and nothing else), and an infinity matches only the same infinity. Integer, bool and string
/// outputs are always compared exactly.
/// </summary>
/// <param name="Absolute">The absolute tolerance.</param>
/// <param name="Relative">The relative tolerance.</param>
public sealed record ReplayTolerance(double Absolute, double Relative)
{
    /// <summary>Bitwise equality: a replay passes only with the receipt's exact digests.</summary>
    public static ReplayTolerance Exact { get; } = new(0, 0);

    /// <summary>Whether this tolerance is zero, which means bitwise equality.</summary>
    public bool IsExact => Absolute == 0 && Relative == 0;
}

/// <summary>
/// Verifies receipts against a trust store. It checks the signature over the DSSE PAE before it parses the statement,
/// accepts only non-revoked keys with the <c>receipt-signer</c> role whose scope covers the model, recomputes set digests
/// from the per-tensor list, and compares whatever it is given (model digest, inputs, outputs, nonce, audience, a
/// replay). Every check is reported; any check that cannot be completed fails.
/// </summary>
public sealed partial class ReceiptVerifier
{
    private readonly TrustStore _trust;

    /// <summary>Creates a verifier over a trust store.</summary>
    public ReceiptVerifier(TrustStore trust) => _trust = trust ?? throw new ArgumentNullException(nameof(trust));

    /// <summary>Parses and verifies a receipt given as JSON; malformed JSON is a failed <c>envelope</c> check.</summary>
    public VerificationResult Verify(string receiptJson, ReceiptVerificationOptions? options = null)
    {
        Receipt receipt;
        try
        {
            receipt = Receipt.Parse(receiptJson);
        }
        catch (ReceiptFormatException e)
        {
            var started = RuntimeTelemetry.VerificationStarted();
            var malformed = new VerificationResult([new VerificationCheck(VerificationChecks.Envelope, false, e.Message)], [], null, null, null);
            Observe(RuntimeTelemetry.StartVerification(), null, malformed, started);
            return malformed;
        }

        return Verify(receipt, options);
    }

    /// <summary>Verifies a receipt.</summary>
    public VerificationResult Verify(Receipt receipt, ReceiptVerificationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var started = RuntimeTelemetry.VerificationStarted();
        var activity = RuntimeTelemetry.StartVerification();
        try
        {
            return Observe(activity, receipt, VerifyUnobserved(receipt, options), started);
        }
        catch (Exception e)
        {
            RuntimeTelemetry.Failed(activity, e);
            throw;
        }
    }

    private static VerificationResult Observe(Activity? activity, Receipt? receipt, VerificationResult result, long started)
    {
        RuntimeTelemetry.Verified(activity, receipt, result, started);
        RuntimeLog.Verified(receipt, result);
        return result;
    }

    private VerificationResult VerifyUnobserved(Receipt receipt, ReceiptVerificationOptions? options)
    {
        options ??= new ReceiptVerificationOptions();
        // Sized for a full verification (up to 13 checks, 7 not made), so that neither list grows.
        var checks = new List<VerificationCheck>(16);
        var notChecked = new List<string>(8);
        VerificationResult Done(InferenceStatement? statement = null, string? signer = null, ReplayResult? replay = null) =>
            new(checks, notChecked, statement, signer, replay);

        var envelope = receipt.Envelope;
        if (envelope.PayloadType == MLNetReceipts.PayloadType)
        {
            return VerifyMLNet(receipt, options);
        }

        if (envelope.PayloadType != Receipt.PayloadType)
        {
            checks.Add(new(VerificationChecks.PayloadType, false, NotAnInferenceReceipt(envelope.PayloadType), Receipt.PayloadType, envelope.PayloadType));
            return Done();
        }

        checks.Add(PayloadTypePassed);

        // One copy of the payload is verified, read and kept for the result's statement.
        envelope = envelope.WithPayloadCopy();

        // Verify before parsing.
        var signer = VerifySignature(envelope, checks);
        if (signer is null)
        {
            return Done();
        }

        if (!StrictOnly && TryVerifyStatementFast(envelope.Payload, signer, options, checks, notChecked))
        {
            AddRequiredFailures(options, checks, notChecked);
            return new(checks, notChecked, envelope.Payload, signer.Key.KeyId);
        }

        InferenceStatement statement;
        try
        {
            statement = Receipt.ParseStatement(envelope.Payload);
            checks.Add(StatementPassed);
        }
        catch (ReceiptFormatException e)
        {
            checks.Add(new(VerificationChecks.Statement, false, e.Message));
            return Done(signer: signer.Key.KeyId);
        }

        var predicate = statement.Predicate;
        var consistent = CheckConsistency(statement, checks, out var modelDigest);
        if (consistent)
        {
            checks.Add(CheckScope(signer, predicate.Model.Name, modelDigest, options));
        }

        // Model.
        var expectedModel = options.ExpectedModelDigest ?? options.ReplayModel?.Digest;
        if (expectedModel is { } expected)
        {
            checks.Add(consistent && modelDigest == expected
                ? new(VerificationChecks.Model, true, $"the receipt names model {expected}")
                : new(VerificationChecks.Model, false, "The receipt names another model.", expected.ToString(), consistent ? modelDigest.ToString() : "(unreadable)"));
        }
        else
        {
            notChecked.Add(VerificationChecks.Model);
        }

        var inputs = options.Inputs is null ? null : options.Inputs as TensorSet ?? TryBuildSet(options.Inputs, VerificationChecks.Inputs, checks);
        var outputs = options.Outputs is null ? null : options.Outputs as TensorSet ?? TryBuildSet(options.Outputs, VerificationChecks.Outputs, checks);
        CompareTensors(VerificationChecks.Inputs, predicate.Inputs, inputs, options.Inputs is not null, checks, notChecked);
        CompareTensors(VerificationChecks.Outputs, predicate.Outputs, outputs, options.Outputs is not null, checks, notChecked);
        CompareText(VerificationChecks.Nonce, options.ExpectedNonce, predicate.Nonce, checks, notChecked);
        CompareText(VerificationChecks.Audience, options.ExpectedAudience, predicate.Audience, checks, notChecked);

        ReplayResult? replay = null;
        if (options.ReplayModel is { } model)
        {
            replay = Replay(model, predicate, inputs, outputs, options.Tolerance, checks);
        }
        else if (options.Replayer is { } replayer)
        {
            checks.Add(ReplayerOfAnotherKind(replayer, Receipt.PayloadType));
        }
        else
        {
            notChecked.Add(VerificationChecks.Replay);
        }

        AddRequiredFailures(options, checks, notChecked);
        return Done(statement, signer.Key.KeyId, replay);
    }

    /// <summary>Verifies with the strict statement reader only (the reference the fast path is tested against).</summary>
    internal bool StrictOnly { get; init; }

    private static void AddRequiredFailures(ReceiptVerificationOptions options, List<VerificationCheck> checks, List<string> notChecked)
    {
        foreach (var (flag, name) in RequirableChecks)
        {
            if (options.Require.HasFlag(flag) && notChecked.Contains(name))
            {
                checks.Add(new(VerificationChecks.Required(name), false, $"The {name} check is required but nothing was given to check against."));
            }
        }
    }

    private static readonly VerificationCheck StatementPassed = new(VerificationChecks.Statement, true, "in-toto Statement v1 with the OpenVerify inference predicate");

    private static readonly (RequiredChecks Flag, string Name)[] RequirableChecks =
        [(RequiredChecks.Model, VerificationChecks.Model), (RequiredChecks.Inputs, VerificationChecks.Inputs), (RequiredChecks.Outputs, VerificationChecks.Outputs), (RequiredChecks.Replay, VerificationChecks.Replay)];

    private TrustedKey? VerifySignature(DsseEnvelope envelope, List<VerificationCheck> checks)
    {
        if (envelope.Batch is { } batch)
        {
            // A batched receipt: its batch root is signed, and the receipt is a leaf under it.
            return VerifyBatched(envelope, batch, checks);
        }

        var signer = FindSigner(_trust, envelope, KeyRole.ReceiptSigner, "receipts", out var failure);
        checks.Add(signer is not null ? signer.ReceiptSignaturePassed : failure!);
        return signer;
    }

    /// <summary>
    /// Finds the trusted, non-revoked key with <paramref name="role"/> that verifies one of the envelope's signatures
    /// over its PAE; the key id hint only orders the search. On failure, <paramref name="failure"/> is the failed
    /// <c>signature</c> check saying why (no keys, revoked, wrong role, or no key verifies).
    /// </summary>
    internal static TrustedKey? FindSigner(TrustStore trust, DsseEnvelope envelope, KeyRole role, string what, out VerificationCheck? failure)
    {
        var keys = trust.Keys;
        failure = null;
        if (keys.Count == 0)
        {
            failure = new(VerificationChecks.Signature, false, "The trust store holds no keys, so no signature can be trusted.");
            return null;
        }

        var roleText = KeyRoles.ToText(role);
        TrustedKey? revoked = null;
        TrustedKey? wrongRole = null;
        var length = Dsse.PaeLength(envelope.PayloadType, envelope.Payload.Length);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var pae = buffer.AsSpan(0, Dsse.WritePae(envelope.PayloadType, envelope.Payload, buffer));
            foreach (var signature in envelope.Signatures)
            {
                // The key id is only a hint: try the hinted keys first, then every other trusted key.
                for (var pass = 0; pass < 2; pass++)
                {
                    foreach (var candidate in keys)
                    {
                        if ((candidate.Key.KeyId == signature.KeyId) != (pass == 0) || !candidate.Key.Verify(pae, signature.Signature))
                        {
                            continue;
                        }

                        if (trust.IsRevoked(candidate.Key.KeyId))
                        {
                            revoked ??= candidate;
                        }
                        else if (candidate.Role != role)
                        {
                            wrongRole ??= candidate;
                        }
                        else
                        {
                            return candidate;
                        }
                    }
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        failure =
            revoked is not null ? new(VerificationChecks.Signature, false, $"The signature verifies only with key {revoked.Key.KeyId}, which is revoked.")
            : wrongRole is not null ? new(VerificationChecks.Signature, false, $"The signature verifies with key {wrongRole.Key.KeyId}, whose role is {KeyRoles.ToText(wrongRole.Role)}; {what} need a {roleText} key.", roleText, KeyRoles.ToText(wrongRole.Role))
            : new(VerificationChecks.Signature, false, $"No trusted key verifies the signature (key id hint: {string.Join(", ", envelope.Signatures.Select(s => s.KeyId.Length == 0 ? "(none)" : s.KeyId))}). The {(what == "receipts" ? "receipt" : what)} was altered or signed by an untrusted key.");
        return null;
    }

    /// <summary>
    /// Whether the signing key's scope covers the model the receipt names. A digest entry is checked against the
    /// receipt's model digest. A path glob needs a path the verifier knows and can tie to the receipt: the verifier's
    /// <see cref="ReceiptVerificationOptions.ModelPath"/> must match the glob, the verifier's expected model digest
    /// (or replay model) must be the digest the receipt names, and the receipt's model name must be that path or its
    /// file name. Without a path and a digest to check against, a path-scoped key fails closed: the receipt's own
    /// model name is the signer's claim, so it cannot decide what the signer may speak for.
    /// </summary>
    private static VerificationCheck CheckScope(TrustedKey signer, string modelName, Sha256Digest modelDigest, ReceiptVerificationOptions options)
    {
        var keyId = signer.Key.KeyId;
        if (signer.Scope.Count == 0)
        {
            return signer.AnyModelScopePassed;
        }

        if (signer.CoversDigest(modelDigest))
        {
            return new(VerificationChecks.KeyScope, true, $"key {keyId} may sign receipts for model {modelDigest}");
        }

        var scope = string.Join(", ", signer.Scope);
        var globs = signer.PathGlobs;
        if (globs.Count == 0)
        {
            return new(VerificationChecks.KeyScope, false, $"Key {keyId} is trusted only for {scope}, which does not cover model {modelDigest}.", scope, modelDigest.ToString());
        }

        var expected = options.ExpectedModelDigest ?? options.ReplayModel?.Digest;
        if (options.ModelPath is not { } path || expected is not { } expectedDigest)
        {
            return new(VerificationChecks.KeyScope, false, $"Key {keyId} is trusted only for models at {scope}; give the model's path and the model file (or its digest) so that the scope can be checked against the model the receipt names ('{modelName}', {modelDigest}).", scope, modelName);
        }

        if (expectedDigest != modelDigest)
        {
            return new(VerificationChecks.KeyScope, false, $"Key {keyId} is trusted only for {scope}; the receipt names model {modelDigest}, not the model at '{path}' ({expectedDigest}).", expectedDigest.ToString(), modelDigest.ToString());
        }

        if (!globs.Any(glob => ModelSigning.ModelPathGlob.IsMatch(glob, path)))
        {
            return new(VerificationChecks.KeyScope, false, $"Key {keyId} is trusted only for {scope}, which does not cover '{path}'.", scope, path);
        }

        var fileName = path[(path.LastIndexOf('/') + 1)..];
        if (!string.Equals(modelName, path, StringComparison.Ordinal) && !string.Equals(modelName, fileName, StringComparison.Ordinal))
        {
            return new(VerificationChecks.KeyScope, false, $"Key {keyId} is trusted only for {scope}; the receipt names the model '{modelName}', which is neither '{path}' nor '{fileName}'.", path, modelName);
        }

        return new(VerificationChecks.KeyScope, true, $"key {keyId} may sign receipts for '{path}' ({modelDigest}), the model the receipt names");
    }

    private static bool CheckConsistency(InferenceStatement statement, List<VerificationCheck> checks, out Sha256Digest modelDigest)
    {
        var predicate = statement.Predicate;
        var ok = true;
        if (!DigestSets.TryRead(predicate.Model.Digest, "sha256", out modelDigest, out var error))
        {
            checks.Add(new(VerificationChecks.ModelDigest, false, $"The receipt's model digest is malformed: {error}."));
            ok = false;
        }

        var inputSet = RecomputeSet(VerificationChecks.InputSet, predicate.Inputs, checks);
        var outputSet = RecomputeSet(VerificationChecks.OutputSet, predicate.Outputs, checks);
        ok &= inputSet is not null && outputSet is not null;

        if (outputSet is { } outDigest)
        {
            var subjectOk = statement.Subject.Count == 1 && statement.Subject[0].Name == Receipt.SubjectName && DigestSets.TryRead(statement.Subject[0].Digest, TensorDigest.TensorSetDigestKey, out var subject, out _) && subject == outDigest;
            // On a pass the subject's one value is the output set digest in lowercase hex (the only hex DigestSets
            // reads), so it is both the expected and the actual text, without formatting the digest again.
            checks.Add(subjectOk
                ? new(VerificationChecks.Subject, true, "the subject is the output set", statement.Subject[0].Digest[TensorDigest.TensorSetDigestKey], statement.Subject[0].Digest[TensorDigest.TensorSetDigestKey])
                : new(VerificationChecks.Subject, false, "The statement's subject is not exactly the output set digest.", outDigest.ToHex(), string.Join(";", statement.Subject.SelectMany(s => s.Digest.Values))));
            ok &= subjectOk;
        }

        var configDigest = ConfigDigest(predicate.Session.Config);
        var configOk = DigestSets.TryRead(predicate.Session.Digest, "sha256", out var statedConfig, out _) && statedConfig == configDigest;
        checks.Add(configOk
            ? CheckConfiguration(predicate.Session.Config, predicate.Runtime.ExecutionProvider)
            : new(VerificationChecks.SessionConfig, false, "The session configuration does not match its digest.", configDigest.ToHex(), predicate.Session.Digest.Values.FirstOrDefault()));
        return ok && checks[^1].Passed;
    }

    /// <summary>The configuration must be canonical, and v1 allows only the cpu provider, in the configuration and in the
    /// runtime facts alike.</summary>
    private static VerificationCheck CheckConfiguration(string text, string executionProvider)
    {
        // A text found canonical before was found with the cpu provider, so only a new text is split into lines.
        var known = string.Equals(LastCanonicalConfig, text, StringComparison.Ordinal);
        var provider = known ? "cpu" : text.Split('\n').FirstOrDefault(l => l.StartsWith("execution_provider=", StringComparison.Ordinal))?["execution_provider=".Length..];
        if (provider != "cpu" || executionProvider != Receipt.CpuExecutionProvider)
        {
            return new(VerificationChecks.SessionConfig, false, $"Receipt v1 allows only the cpu execution provider (execution_provider=cpu, runtime {Receipt.CpuExecutionProvider}).", $"cpu, {Receipt.CpuExecutionProvider}", $"{provider ?? "(none)"}, {executionProvider}");
        }

        if (!known)
        {
            try
            {
                SessionConfiguration.ParseCanonicalText(text);
            }
            catch (FormatException e)
            {
                return new(VerificationChecks.SessionConfig, false, $"The session configuration is not a canonical v1 configuration: {e.Message}");
            }

            LastCanonicalConfig = text;
        }

        return ConfigurationPassed;
    }

    private static readonly VerificationCheck ConfigurationPassed = new(VerificationChecks.SessionConfig, true, "the session configuration matches its digest and runs on the cpu provider");

    // The last configuration text found canonical, and the last digest computed: receipts of one model all carry the
    // same text, and both results are functions of the text alone.
    private static string? LastCanonicalConfig;
    // A reference, so that a reader on another thread sees a text with its own digest, never a torn pair.
    private static ConfigDigestEntry? LastConfigDigest;

    private sealed record ConfigDigestEntry(string Text, Sha256Digest Digest);

    private static Sha256Digest ConfigDigest(string text)
    {
        if (LastConfigDigest is { } last && string.Equals(last.Text, text, StringComparison.Ordinal))
        {
            return last.Digest;
        }

        var digest = SessionConfiguration.ComputeDigest(text);
        LastConfigDigest = new ConfigDigestEntry(text, digest);
        return digest;
    }

    private static Sha256Digest? RecomputeSet(string name, TensorSetDescriptor set, List<VerificationCheck> checks)
    {
        var tensors = set.Tensors;
        var digests = new KeyValuePair<string, Sha256Digest>[tensors.Count];
        for (var i = 0; i < digests.Length; i++)
        {
            var tensor = tensors[i];
            var shape = AsSpan(tensor.Shape);
            if (!DigestSets.TryRead(tensor.Digest, TensorDigest.TensorDigestKey, out var digest, out var error)
                || !ElementTypes.TryParseOnnxName(tensor.ElementType, out var elementType) || !ElementTypes.IsSupported(elementType)
                || shape.IndexOfAnyInRange(long.MinValue, -1) >= 0)
            {
                checks.Add(new(name, false, $"The tensor '{tensor.Name}' in the receipt is malformed: {(error.Length > 0 ? error : "bad element type or shape")}."));
                return null;
            }

            try
            {
                // Refused as a tensor with data would be, so that a receipt cannot name a shape no tensor can have.
                TensorValue.CheckedElementCount(shape);
            }
            catch (TensorEncodingException e)
            {
                checks.Add(new(name, false, $"The tensor '{tensor.Name}' in the receipt is malformed: {e.Message}"));
                return null;
            }

            digests[i] = new(tensor.Name, digest);
        }

        Sha256Digest recomputed;
        try
        {
            recomputed = TensorDigest.ComputeSet(digests);
        }
        catch (TensorEncodingException e)
        {
            checks.Add(new(name, false, e.Message));
            return null;
        }

        var stated = DigestSets.TryRead(set.Digest, TensorDigest.TensorSetDigestKey, out var s, out _) ? s : default;
        var ok = !stated.IsEmpty && stated == recomputed;
        // On a pass the stated text is the recomputed digest in lowercase hex (the only hex DigestSets reads).
        checks.Add(ok
            ? new(name, true, SetMatches(digests.Length), set.Digest[TensorDigest.TensorSetDigestKey], set.Digest[TensorDigest.TensorSetDigestKey])
            : new(name, false, "The set digest does not match the per-tensor digests.", recomputed.ToHex(), stated.IsEmpty ? "(malformed)" : stated.ToHex()));
        return ok ? recomputed : null;
    }

    private static readonly string?[] SetMatchesTexts = new string?[17];

    private static string SetMatches(int count) =>
        count < SetMatchesTexts.Length
            ? SetMatchesTexts[count] ??= string.Create(CultureInfo.InvariantCulture, $"the set digest matches its {count} tensors")
            : string.Create(CultureInfo.InvariantCulture, $"the set digest matches its {count} tensors");

    /// <summary>The shape as a span, without a copy for the list the JSON reader makes.</summary>
    private static ReadOnlySpan<long> AsSpan(IReadOnlyList<long> shape) => shape switch
    {
        long[] array => array,
        List<long> list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list),
        _ => shape.ToArray(),
    };

    private static TensorSet? TryBuildSet(IEnumerable<KeyValuePair<string, TensorValue>> tensors, string what, List<VerificationCheck> checks)
    {
        try
        {
            return new TensorSet(tensors);
        }
        catch (TensorEncodingException e)
        {
            checks.Add(new(what, false, e.Message));
            return null;
        }
    }

    private static void CompareTensors(string what, TensorSetDescriptor claimed, TensorSet? given, bool wasGiven, List<VerificationCheck> checks, List<string> notChecked)
    {
        if (!wasGiven)
        {
            notChecked.Add(what);
            return;
        }

        if (given is null)
        {
            return;
        }

        var claimedNames = claimed.Tensors.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var missing = claimedNames.Where(n => !given.ContainsKey(n)).ToList();
        var extra = given.Keys.Where(n => !claimedNames.Contains(n)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            checks.Add(new(what, false, $"The given {what} are not the receipt's.", string.Join(", ", claimedNames.Order(StringComparer.Ordinal)), string.Join(", ", given.Keys.Order(StringComparer.Ordinal))));
            return;
        }

        foreach (var descriptor in claimed.Tensors)
        {
            Sha256Digest actual;
            try
            {
                actual = TensorDigest.Compute(given[descriptor.Name]);
            }
            catch (TensorEncodingException e)
            {
                checks.Add(new(what, false, $"The given tensor '{descriptor.Name}' cannot be encoded: {e.Message}"));
                return;
            }

            var expected = descriptor.Digest.TryGetValue(TensorDigest.TensorDigestKey, out var hex) ? hex : "(missing)";
            if (actual.ToHex() != expected)
            {
                checks.Add(new(what, false, $"The {what[..^1]} '{descriptor.Name}' differs from the receipt ({given[descriptor.Name]} given; the receipt has {descriptor.ElementType}[{string.Join(",", descriptor.Shape)}]).", expected, actual.ToHex()));
                return;
            }
        }

        checks.Add(new(what, true, $"all {claimed.Tensors.Count} {what} match the receipt bit for bit"));
    }

    private static void CompareText(string what, string? expected, string? actual, List<VerificationCheck> checks, List<string> notChecked)
    {
        if (expected is null)
        {
            notChecked.Add(what);
            return;
        }

        var ok = string.Equals(expected, actual, StringComparison.Ordinal);
        checks.Add(new(what, ok, ok ? $"the receipt carries the expected {what}" : $"The receipt carries another {what}.", expected, actual ?? "(none)"));
    }

    private static ReplayResult? Replay(VerifiedModel model, InferencePredicate predicate, TensorSet? inputs, TensorSet? claimedOutputs, ReplayTolerance tolerance, List<VerificationCheck> checks)
    {
        if (inputs is null)
        {
            checks.Add(new(VerificationChecks.Replay, false, "Replay needs the inputs; none (or unusable ones) were given."));
            return null;
        }

        if (DigestSets.TryRead(predicate.Model.Digest, "sha256", out var named, out _) && named != model.Digest)
        {
            checks.Add(new(VerificationChecks.Replay, false, "The replay model is not the model the receipt names.", named.ToString(), model.Digest.ToString()));
            return null;
        }

        TensorSet replayed;
        try
        {
            replayed = model.RunCore(inputs);
        }
        // The kernel's format exceptions are OpenVerifyExceptions too, but a replay of a loaded model never parses a
        // file: one of them here is a defect to surface, not a failed check.
        catch (OpenVerifyException e) when (e is not OnnxFormatException and not GateFileFormatException)
        {
            checks.Add(new(VerificationChecks.Replay, false, $"The replay could not run: {e.Message}"));
            return null;
        }

        var result = ReplayComparer.Compare(predicate.Outputs, replayed, claimedOutputs, tolerance);
        var passed = result.Verdict != ReplayVerdict.Mismatch;
        var detail = result.Verdict switch
        {
            ReplayVerdict.Exact => "the replayed outputs equal the receipt's bit for bit",
            ReplayVerdict.WithinTolerance => string.Create(CultureInfo.InvariantCulture, $"within tolerance (atol {tolerance.Absolute}, rtol {tolerance.Relative}); largest deviation {result.LargestDeviation:G6}"),
            _ => result.Detail,
        };
        checks.Add(new(VerificationChecks.Replay, passed, $"{VerdictText(result.Verdict)}: {detail}"));
        return result;
    }

    /// <summary>The verdict as written in reports: <c>exact</c>, <c>within-tolerance</c>, <c>mismatch</c>.</summary>
    public static string VerdictText(ReplayVerdict verdict) => verdict switch
    {
        ReplayVerdict.Exact => "exact",
        ReplayVerdict.WithinTolerance => "within-tolerance",
        _ => "mismatch",
    };
}
