using System.Text;

namespace OpenVerify;

/// <summary>
/// The fast path of a full verification (issue 15): after the signature verified over the raw payload, the statement
/// is read with <see cref="StatementReader"/> (no object graph, digests decoded into one buffer) and the consistency
/// checks compare bytes. It reports exactly the checks the strict path reports when every one of them passes; any
/// statement it cannot take whole (refused, unusual, or failing a check), and any verification given tensors or a
/// replay, goes to the strict path, which reads the statement with the strict reader and says why it fails.
/// </summary>
public sealed partial class ReceiptVerifier
{
    private bool TryVerifyStatementFast(byte[] payload, TrustedKey signer, ReceiptVerificationOptions options, List<VerificationCheck> checks, List<string> notChecked)
    {
        if (options.Inputs is not null || options.Outputs is not null || options.ReplayModel is not null || options.Replayer is not null)
        {
            return false;
        }

        var statement = StatementReader.ForThread;
        if (!statement.Read(payload) || !statement.Fast)
        {
            return false;
        }

        Span<byte> inputSet = stackalloc byte[Sha256Digest.Length];
        Span<byte> outputSet = stackalloc byte[Sha256Digest.Length];
        if (!TryRecomputeSet(statement, statement.Inputs, inputSet) || !TryRecomputeSet(statement, statement.Outputs, outputSet)
            || !statement[statement.SubjectDigest].SequenceEqual(outputSet)
            || !TryConfigDigest(statement[statement.Config], out var configDigest)
            || !statement[statement.SessionDigest].SequenceEqual(configDigest.Bytes))
        {
            return false;
        }

        // Every consistency check passed: the records the strict path makes, in its order.
        checks.Add(StatementPassed);
        var inputHex = Convert.ToHexStringLower(inputSet);
        var outputHex = Convert.ToHexStringLower(outputSet);
        checks.Add(new(VerificationChecks.InputSet, true, SetMatches(statement.Inputs.Count), inputHex, inputHex));
        checks.Add(new(VerificationChecks.OutputSet, true, SetMatches(statement.Outputs.Count), outputHex, outputHex));
        checks.Add(new(VerificationChecks.Subject, true, "the subject is the output set", outputHex, outputHex));
        checks.Add(ConfigurationPassed);

        var modelDigest = statement[statement.ModelDigest];
        checks.Add(signer.Scope.Count == 0
            ? signer.AnyModelScopePassed
            : CheckScope(signer, Encoding.UTF8.GetString(statement[statement.ModelName]), Sha256Digest.FromBytes(modelDigest), options));

        if (options.ExpectedModelDigest is { } expected)
        {
            checks.Add(modelDigest.SequenceEqual(expected.Bytes)
                ? new(VerificationChecks.Model, true, $"the receipt names model {expected}")
                : new(VerificationChecks.Model, false, "The receipt names another model.", expected.ToString(), Sha256Digest.FromBytes(modelDigest).ToString()));
        }
        else
        {
            notChecked.Add(VerificationChecks.Model);
        }

        notChecked.Add(VerificationChecks.Inputs);
        notChecked.Add(VerificationChecks.Outputs);
        CompareText(VerificationChecks.Nonce, options.ExpectedNonce, options.ExpectedNonce is null ? null : Text(statement, statement.Nonce), checks, notChecked);
        CompareText(VerificationChecks.Audience, options.ExpectedAudience, options.ExpectedAudience is null ? null : Text(statement, statement.Audience), checks, notChecked);
        notChecked.Add(VerificationChecks.Replay);
        return true;
    }

    private static string? Text(StatementReader statement, StatementReader.Slice text) =>
        text.IsNone ? null : Encoding.UTF8.GetString(statement[text]);

    /// <summary>The set digest recomputed from the set's names and tensor digests (sorted by UTF-8 bytes, as
    /// <see cref="TensorDigest.ComputeSet(IEnumerable{KeyValuePair{string, Sha256Digest}})"/> sorts them), compared with
    /// the stated one; false on a duplicate name or a mismatch.</summary>
    internal static bool TryRecomputeSet(StatementReader statement, StatementReader.TensorSetSlice set, Span<byte> recomputed)
    {
        var count = set.Count;
        Span<int> order = count <= 64 ? stackalloc int[count] : new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = set.First + i;
        }

        // Sets have a few tensors, and writers list them in order already: insertion sort. A large set (a signed
        // receipt may name any number) is sorted in O(n log n), as the strict path sorts it.
        var tensors = statement.Tensors;
        if (count > 32)
        {
            var sorted = order.ToArray();
            Array.Sort(sorted, (a, b) => statement[tensors[a].Name].SequenceCompareTo(statement[tensors[b].Name]));
            sorted.CopyTo(order);
        }
        else
        {
            for (var i = 1; i < count; i++)
            {
                var item = order[i];
                var name = statement[tensors[item].Name];
                var j = i - 1;
                for (; j >= 0 && statement[tensors[order[j]].Name].SequenceCompareTo(name) > 0; j--)
                {
                    order[j + 1] = order[j];
                }

                order[j + 1] = item;
            }
        }

        // The whole preimage in one buffer, hashed with one append: each append is a call into the native hash, which
        // costs more than copying a set's few names and digests.
        var length = TensorDigest.SetHeaderLength;
        for (var i = 0; i < count; i++)
        {
            length += TensorDigest.SetEntryLength(tensors[order[i]].Name.Length);
        }

        byte[]? rented = null;
        Span<byte> preimage = length <= 1024 ? stackalloc byte[1024] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length));
        try
        {
            TensorDigest.WriteSetHeader(preimage, count);
            var at = TensorDigest.SetHeaderLength;
            for (var i = 0; i < count; i++)
            {
                var tensor = tensors[order[i]];
                if (i > 0 && statement[tensors[order[i - 1]].Name].SequenceEqual(statement[tensor.Name]))
                {
                    return false;
                }

                at += TensorDigest.WriteSetEntry(preimage[at..], statement[tensor.Name], statement[tensor.Digest]);
            }

            var hash = PooledHash.Sha256;
            hash.AppendData(preimage[..length]);
            hash.GetHashAndReset(recomputed);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }

        return statement[set.Digest].SequenceEqual(recomputed);
    }

    // The last configuration text (UTF-8) found canonical with the cpu provider, with its digest: receipts of one model
    // share it, and both facts are functions of the text alone. Replaced whole, so a reader sees one pair.
    private static ConfigBytesEntry? LastConfigBytes;

    private sealed record ConfigBytesEntry(byte[] Text, Sha256Digest Digest);

    /// <summary>The digest of a configuration text that is canonical and names the cpu provider; false otherwise.</summary>
    private static bool TryConfigDigest(ReadOnlySpan<byte> text, out Sha256Digest digest)
    {
        if (LastConfigBytes is { } last && last.Text.AsSpan().SequenceEqual(text))
        {
            digest = last.Digest;
            return true;
        }

        var config = Encoding.UTF8.GetString(text);
        digest = ConfigDigest(config);
        if (!ReferenceEquals(CheckConfiguration(config, Receipt.CpuExecutionProvider), ConfigurationPassed))
        {
            return false;
        }

        LastConfigBytes = new ConfigBytesEntry(text.ToArray(), digest);
        return true;
    }
}
