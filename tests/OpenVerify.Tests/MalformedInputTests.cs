using System.Text;
using System.Text.Json.Nodes;
using OpenVerify.Testing;
using Xunit.Abstractions;

namespace OpenVerify.Tests;

/// <summary>
/// Thousands of malformed receipts, PEM keys and model files: each either works or fails with a documented
/// <see cref="OpenVerifyException"/>; nothing surfaces as NullReference, IndexOutOfRange or a crash.
/// </summary>
public class MalformedInputTests(ITestOutputHelper output)
{
    private static readonly SigningKey Key = SigningKey.Generate();

    [Fact]
    public void MalformedReceipts_GiveReceiptFormatException_OrAFailedCheck()
    {
        using var model = VerifiedModel.FromBytes(TestModels.MixedTypes());
        var inputs = Tensors.Set(
            ("x", TensorValue.Create(new[] { 1.5f, -2.5f }, 2)),
            ("y", TensorValue.Create(new[] { 7, 8 }, 2)),
            ("z", TensorValue.Create(new[] { true, false }, 2)),
            ("s", TensorValue.CreateStrings(["a", "b"], 2)));
        var receipt = model.Run(inputs, new InferenceOptions { Signer = Key }).Receipt;
        var json = receipt.ToJson();
        var statement = Encoding.UTF8.GetString(receipt.Envelope.Payload);
        var verifier = new ReceiptVerifier(TrustStore.For(Key.PublicKey));
        var random = new Random(7);
        int parsedFailures = 0, verifiedFailures = 0, total = 0;

        // 1. Mutated envelope JSON text.
        for (var i = 0; i < 1000; i++, total++)
        {
            var text = Encoding.UTF8.GetString(TamperMatrixTests.Mutate(Encoding.UTF8.GetBytes(json), random));
            try
            {
                Receipt.Parse(text);
            }
            catch (ReceiptFormatException)
            {
                parsedFailures++;
            }

            if (!verifier.Verify(text).Succeeded)
            {
                verifiedFailures++;
            }
        }

        // 2. Mutated statements, validly signed by the trusted key: the statement parser and the consistency checks
        //    must reject them without throwing.
        for (var i = 0; i < 1000; i++, total++)
        {
            var payload = TamperMatrixTests.Mutate(Encoding.UTF8.GetBytes(statement), random);
            var signed = DsseEnvelope.Sign(Receipt.PayloadType, payload, Key).ToJson();
            if (!verifier.Verify(signed, new() { Inputs = inputs }).Succeeded)
            {
                verifiedFailures++;
            }
        }

        // 3. Structurally wrong statements: every node replaced by null, a number, a string, an array, an object.
        var nodes = Paths(JsonNode.Parse(statement)!).ToList();
        foreach (var path in nodes)
        {
            foreach (var replacement in new JsonNode?[] { null, 1, "x", new JsonArray(), new JsonObject(), -1, long.MaxValue })
            {
                total++;
                var root = JsonNode.Parse(statement)!;
                Replace(root, path, replacement?.DeepClone());
                var signed = DsseEnvelope.Sign(Receipt.PayloadType, Encoding.UTF8.GetBytes(root.ToJsonString()), Key).ToJson();
                var result = verifier.Verify(signed, new() { Inputs = inputs });
                if (!result.Succeeded)
                {
                    verifiedFailures++;
                }
            }
        }

        output.WriteLine($"malformed receipts: {total} cases; {parsedFailures} refused by Receipt.Parse, {verifiedFailures} failed verification, 0 undocumented exceptions");
        total.ShouldBeGreaterThanOrEqualTo(2000);
        verifiedFailures.ShouldBeGreaterThan(total * 9 / 10);
    }

    [Fact]
    public void MalformedPems_GiveKeyFormatException()
    {
        using var ecdsa = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var pems = new (string Pem, bool IsPrivate)[]
        {
            (Key.ExportPkcs8Pem(), true), (Key.PublicKey.ExportPem(), false),
            (ecdsa.ExportPkcs8Pem(), true), (ecdsa.PublicKey.ExportPem(), false),
        };
        var random = new Random(11);
        int total = 0, refused = 0;
        for (var i = 0; i < 1200; i++, total++)
        {
            var (pem, isPrivate) = pems[i % pems.Length];
            var mutated = i % 3 == 0 ? pem[..random.Next(pem.Length)] : Encoding.UTF8.GetString(TamperMatrixTests.Mutate(Encoding.UTF8.GetBytes(pem), random));
            try
            {
                if (isPrivate)
                {
                    SigningKey.ImportPem(mutated).Dispose();
                }
                else
                {
                    PublicKey.ImportPem(mutated);
                }
            }
            catch (KeyFormatException e)
            {
                refused++;
                e.Message.ShouldNotContain(pem.Split('\n')[1]);
            }
        }

        // DER-level damage inside a well-formed PEM wrapper.
        foreach (var (pem, isPrivate) in pems)
        {
            var der = Convert.FromBase64String(string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));
            for (var i = 0; i < 150; i++, total++)
            {
                var wrapped = System.Security.Cryptography.PemEncoding.WriteString(isPrivate ? "PRIVATE KEY" : "PUBLIC KEY", TamperMatrixTests.Mutate(der, random));
                try
                {
                    if (isPrivate)
                    {
                        SigningKey.ImportPem(wrapped).Dispose();
                    }
                    else
                    {
                        PublicKey.ImportPem(wrapped);
                    }
                }
                catch (KeyFormatException)
                {
                    refused++;
                }
            }
        }

        output.WriteLine($"malformed PEMs: {total} cases; {refused} refused with KeyFormatException, 0 undocumented exceptions");
        total.ShouldBeGreaterThanOrEqualTo(1000);
        refused.ShouldBeGreaterThan(total / 2);
    }

    [Fact]
    public void MalformedModels_GiveModelLoadException()
    {
        var models = new[] { TestModels.AddMul(), TestModels.MixedTypes(), TestModels.Tiny() };
        var random = new Random(13);
        int total = 0, refused = 0, loaded = 0;
        for (var i = 0; i < 1000; i++, total++)
        {
            var original = models[i % models.Length];
            var bytes = i % 4 == 0 ? original[..random.Next(original.Length)] : TamperMatrixTests.Mutate(original, random);
            try
            {
                using var model = VerifiedModel.FromBytes(bytes);
                loaded++;
                try
                {
                    model.Run(model.Inputs.Select(input => new KeyValuePair<string, TensorValue>(input.Name, Zeros(input))), new InferenceOptions { Signer = Key });
                }
                catch (OpenVerifyException)
                {
                }
            }
            catch (ModelLoadException)
            {
                refused++;
            }
        }

        output.WriteLine($"malformed models: {total} cases; {refused} refused with ModelLoadException, {loaded} still loaded (harmless edits), 0 undocumented exceptions");
        refused.ShouldBeGreaterThan(total / 2);
    }

    private static TensorValue Zeros(ModelTensorInfo input)
    {
        var shape = input.Shape.Select(d => d < 0 ? 1 : d).ToArray();
        var count = (int)TensorValue.CheckedElementCount(shape);
        return input.ElementType switch
        {
            ElementType.Float => TensorValue.Create(new float[count], shape),
            ElementType.Int32 => TensorValue.Create(new int[count], shape),
            ElementType.Int64 => TensorValue.Create(new long[count], shape),
            ElementType.Double => TensorValue.Create(new double[count], shape),
            ElementType.Bool => TensorValue.Create(new bool[count], shape),
            ElementType.String => TensorValue.CreateStrings(Enumerable.Repeat("", count).ToArray(), shape),
            _ => TensorValue.Create(new byte[count], shape),
        };
    }

    private static IEnumerable<string[]> Paths(JsonNode node, string[]? prefix = null)
    {
        prefix ??= [];
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    string[] path = [.. prefix, k];
                    yield return path;
                    if (v is not null)
                    {
                        foreach (var p in Paths(v, path))
                        {
                            yield return p;
                        }
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    string[] path = [.. prefix, "#" + i];
                    yield return path;
                    if (a[i] is { } child)
                    {
                        foreach (var p in Paths(child, path))
                        {
                            yield return p;
                        }
                    }
                }

                break;
        }
    }

    private static void Replace(JsonNode root, string[] path, JsonNode? value)
    {
        var parent = root;
        foreach (var step in path[..^1])
        {
            parent = step.StartsWith('#') ? parent![int.Parse(step[1..], System.Globalization.CultureInfo.InvariantCulture)]! : parent![step]!;
        }

        var last = path[^1];
        if (last.StartsWith('#'))
        {
            parent.AsArray()[int.Parse(last[1..], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent.AsObject()[last] = value;
        }
    }
}
