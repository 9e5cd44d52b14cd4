using System.Text;

namespace OpenVerify.Fuzz;

/// <summary>Both readers on one payload: the same decision, and on acceptance the same values.</summary>
public static class StatementReaderOracle
{
    /// <summary>True when both readers refuse, or both accept and read the same values; otherwise an exception says
    /// what differs (so that a failing property shows it).</summary>
    public static bool Agrees(byte[] payload)
    {
        InferenceStatement? strict;
        try
        {
            strict = Receipt.ParseStatement(payload);
        }
        catch (ReceiptFormatException)
        {
            strict = null;
        }

        var reader = StatementReader.ForThread;
        var accepted = reader.Read(payload);
        if (accepted != strict is not null)
        {
            throw new ReaderDisagreementException($"The strict reader {(strict is null ? "refuses" : "accepts")} and the verifier's reader {(accepted ? "accepts" : "refuses")}: {Convert.ToHexString(payload)}");
        }

        if (strict is null)
        {
            return true;
        }

        var difference = Differences(strict, reader);
        return difference is null ? true : throw new ReaderDisagreementException($"{difference}: {Encoding.UTF8.GetString(payload)}");
    }

    /// <summary>What the verifier's reader read differently from the strict statement, or null.</summary>
    internal static string? Differences(InferenceStatement statement, StatementReader reader)
    {
        var predicate = statement.Predicate;
        string? Compare(string what, ReadOnlySpan<byte> read, string? expected) =>
            expected is null ? what + " read although absent" : read.SequenceEqual(Encoding.UTF8.GetBytes(expected)) ? null : what + " differs";
        string? Digest(string what, StatementReader.Slice read, IReadOnlyDictionary<string, string>? set, string key)
        {
            var readable = DigestSets.TryRead(set, key, out var digest, out _);
            return readable != !read.IsNone ? $"{what}: readable {readable} by the strict reader"
                : readable && !reader[read].SequenceEqual(digest.Bytes) ? what + " differs" : null;
        }

        var fast = true;
        var difference = Compare("model name", reader[reader.ModelName], predicate.Model.Name)
            ?? Digest("model digest", reader.ModelDigest, predicate.Model.Digest, "sha256")
            ?? Compare("config", reader[reader.Config], predicate.Session.Config)
            ?? Digest("session digest", reader.SessionDigest, predicate.Session.Digest, "sha256")
            ?? (predicate.Nonce is null ? (reader.Nonce.IsNone ? null : "nonce read although absent") : Compare("nonce", reader.Nonce.IsNone ? default : reader[reader.Nonce], predicate.Nonce))
            ?? (predicate.Audience is null ? (reader.Audience.IsNone ? null : "audience read although absent") : Compare("audience", reader.Audience.IsNone ? default : reader[reader.Audience], predicate.Audience));
        if (difference is not null)
        {
            return difference;
        }

        fast &= DigestSets.TryRead(predicate.Model.Digest, "sha256", out _, out _) && DigestSets.TryRead(predicate.Session.Digest, "sha256", out _, out _);
        fast &= predicate.Runtime.ExecutionProvider == Receipt.CpuExecutionProvider;
        foreach (var (name, set, read) in new[] { ("inputs", predicate.Inputs, reader.Inputs), ("outputs", predicate.Outputs, reader.Outputs) })
        {
            if (Digest(name + " set digest", read.Digest, set.Digest, TensorDigest.TensorSetDigestKey) is { } setDifference)
            {
                return setDifference;
            }

            fast &= !read.Digest.IsNone;
            if (read.Count != set.Tensors.Count)
            {
                return $"{name}: {read.Count} tensors read, {set.Tensors.Count} in the statement";
            }

            for (var i = 0; i < read.Count; i++)
            {
                var tensor = set.Tensors[i];
                var mine = reader.Tensors[read.First + i];
                if ((Compare($"{name}[{i}] name", reader[mine.Name], tensor.Name) ?? Digest($"{name}[{i}] digest", mine.Digest, tensor.Digest, TensorDigest.TensorDigestKey)) is { } tensorDifference)
                {
                    return tensorDifference;
                }

                fast &= !mine.Digest.IsNone
                    && ElementTypes.TryParseOnnxName(tensor.ElementType, out var type) && ElementTypes.IsSupported(type) && ElementTypes.ToOnnxName(type) == tensor.ElementType
                    && tensor.Shape.All(d => d >= 0) && ElementCountFits(tensor.Shape);
            }
        }

        var subjectReadable = statement.Subject.Count == 1 && statement.Subject[0].Name == "outputs" && DigestSets.TryRead(statement.Subject[0].Digest, TensorDigest.TensorSetDigestKey, out _, out _);
        if (subjectReadable == reader.SubjectDigest.IsNone)
        {
            return $"subject: readable {subjectReadable} by the strict reader";
        }

        if (subjectReadable)
        {
            DigestSets.TryRead(statement.Subject[0].Digest, TensorDigest.TensorSetDigestKey, out var subject, out _);
            if (!reader[reader.SubjectDigest].SequenceEqual(subject.Bytes))
            {
                return "subject differs";
            }
        }

        fast &= subjectReadable;
        return fast == reader.Fast ? null : $"fast path {reader.Fast}, expected {fast}";
    }

    private static bool ElementCountFits(IReadOnlyList<long> shape)
    {
        try
        {
            TensorValue.CheckedElementCount([.. shape]);
            return true;
        }
        catch (TensorEncodingException)
        {
            return false;
        }
    }
}

/// <summary>The two statement readers disagree: never a documented outcome, so the fuzzer reports it as a crash.</summary>
public sealed class ReaderDisagreementException(string message) : Exception(message);
