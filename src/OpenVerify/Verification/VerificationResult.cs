using System.Globalization;
using System.Text;

namespace OpenVerify;

/// <summary>One check a verifier made, with its outcome and, where it compares values, what it expected and found.</summary>
/// <param name="Name">The check: <c>envelope</c>, <c>payload-type</c>, <c>signature</c>, <c>statement</c>, <c>subject</c>,
/// <c>input-set</c>, <c>output-set</c>, <c>session-config</c>, <c>key-scope</c>, <c>model</c>, <c>inputs</c>, <c>outputs</c>,
/// <c>nonce</c>, <c>audience</c>, <c>replay</c>, or <c>required:&lt;check&gt;</c>.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Detail">What was checked and, on failure, why it failed.</param>
/// <param name="Expected">The expected value, where the check compares values.</param>
/// <param name="Actual">The value found.</param>
public sealed record VerificationCheck(string Name, bool Passed, string Detail, string? Expected = null, string? Actual = null)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder().Append(Passed ? "pass " : "FAIL ").Append(Name).Append(": ").Append(Detail);
        if (!Passed && (Expected is not null || Actual is not null))
        {
            text.Append(" (expected ").Append(Expected ?? "-").Append(", actual ").Append(Actual ?? "-").Append(')');
        }

        return text.ToString();
    }
}

/// <summary>The outcome of replaying an inference.</summary>
public enum ReplayVerdict
{
    /// <summary>The replayed outputs equal the receipt's bit for bit.</summary>
    Exact,

    /// <summary>They differ, but every element is within the verifier's tolerance.</summary>
    WithinTolerance,

    /// <summary>They differ beyond the tolerance, or in type, shape or an exactly compared value.</summary>
    Mismatch,
}

/// <summary>The result of a replay.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="LargestDeviation">The largest absolute difference between a claimed and a replayed floating-point
/// element (0 when exact or not measurable).</param>
/// <param name="Detail">What differed.</param>
/// <param name="DecisionChanged">For classification checks: whether the argmax of any output changed; null when not
/// measured.</param>
public sealed record ReplayResult(ReplayVerdict Verdict, double LargestDeviation, string Detail, bool? DecisionChanged = null);

/// <summary>
/// The result of verifying a receipt: every check with its outcome, the checks that were not made, and — only when
/// the signature verified — the statement.
/// </summary>
public sealed partial class VerificationResult
{
    internal VerificationResult(IReadOnlyList<VerificationCheck> checks, IReadOnlyList<string> notChecked, InferenceStatement? statement, string? signerKeyId, ReplayResult? replay)
    {
        Checks = checks;
        NotChecked = notChecked;
        _statement = statement;
        SignerKeyId = signerKeyId;
        Replay = replay;
    }

    /// <summary>A result whose statement is read from <paramref name="verifiedPayload"/> when first asked for: the
    /// verifier's own copy of the payload whose signature verified and whose statement it read (the strict reader then
    /// reads the same bytes, so it cannot fail).</summary>
    internal VerificationResult(IReadOnlyList<VerificationCheck> checks, IReadOnlyList<string> notChecked, byte[] verifiedPayload, string? signerKeyId)
        : this(checks, notChecked, null, signerKeyId, null)
    {
        _verifiedPayload = verifiedPayload;
    }

    private readonly byte[]? _verifiedPayload;
    private InferenceStatement? _statement;

    /// <summary>True when at least one check was made and every check passed.</summary>
    public bool Succeeded
    {
        get
        {
            foreach (var check in Checks)
            {
                if (!check.Passed)
                {
                    return false;
                }
            }

            return Checks.Count > 0;
        }
    }

    /// <summary>Every check made, in order.</summary>
    public IReadOnlyList<VerificationCheck> Checks { get; }

    /// <summary>The checks that were not made because nothing to check against was given (model, inputs, outputs,
    /// nonce, audience, replay).</summary>
    public IReadOnlyList<string> NotChecked { get; }

    /// <summary>The statement, when its signature verified; null otherwise (an unverified payload is never exposed here).</summary>
    public InferenceStatement? Statement => _statement ??= _verifiedPayload is null ? null : Receipt.ParseStatement(_verifiedPayload);

    /// <summary>The id of the trusted key whose signature verified.</summary>
    public string? SignerKeyId { get; }

    /// <summary>The replay result, when a replay ran.</summary>
    public ReplayResult? Replay { get; }

    /// <summary>The first failed check, or null.</summary>
    public VerificationCheck? FirstFailure
    {
        get
        {
            foreach (var check in Checks)
            {
                if (!check.Passed)
                {
                    return check;
                }
            }

            return null;
        }
    }

    /// <summary>A readable report: one line per check, then what was not checked.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Succeeded ? "VERIFIED" : "NOT VERIFIED").Append('\n');
        foreach (var check in Checks)
        {
            text.Append("  ").Append(check).Append('\n');
        }

        if (NotChecked.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  not checked: {string.Join(", ", NotChecked)}\n");
        }

        return text.ToString();
    }
}
