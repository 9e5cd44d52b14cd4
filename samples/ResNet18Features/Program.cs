// OpenVerify's main sample: run a real, third-party model (the ResNet18 image featurizer that ML.NET ships) with a
// signed receipt, then verify the receipt and replay the inference, the way an auditor holding only the public key,
// the model and the input would.
using System.Globalization;
using System.Text.Json;
using OpenVerify;
using OpenVerify.Samples.ResNet18;

var baseDirectory = AppContext.BaseDirectory;
var modelPath = Path.Combine(baseDirectory, "models", "ResNet18.onnx");
var imagePath = args.Length > 0 ? args[0] : Path.Combine(baseDirectory, "images", "house.ppm");

// 1. A signer. Production apps set OPENVERIFY_SIGNING_KEY (or OpenVerifyRuntime.DefaultSigner); the sample makes a
//    throwaway key when none is configured.
using var throwaway = Environment.GetEnvironmentVariable(OpenVerifyRuntime.SigningKeyEnvironmentVariable) is { Length: > 0 }
    ? null
    : SigningKey.Generate();
if (throwaway is not null)
{
    OpenVerifyRuntime.DefaultSigner = throwaway;
    Console.WriteLine($"No {OpenVerifyRuntime.SigningKeyEnvironmentVariable} set: signing with a throwaway Ed25519 key {throwaway.KeyId}");
}

var signer = OpenVerifyRuntime.ResolveSigner();

try
{
    // 2. The input: the image, resized to 224x224 and normalized as ImageNet models expect, in NCHW order.
    var image = PortablePixmap.Read(imagePath);
    var pixels = ImagePreprocessing.ToNormalizedChw(image, 224, 224);
    Console.WriteLine($"Image   {Path.GetFileName(imagePath)} ({image.Width}x{image.Height}) -> float[1,3,224,224]");

    // 3. Run with a receipt: Featurizer.Featurize is a [VerifiedInference] method whose body the build generated. It
    //    loads models/ResNet18.onnx pinned to the digest taken at build time and refuses any other bytes.
    var result = Featurizer.Featurize(pixels);
    var values = result.Value;
    Console.WriteLine();
    var strongest = values.Select((v, i) => (Value: v, Index: i)).OrderByDescending(f => f.Value).Take(5);
    Console.WriteLine($"Features float[{values.Length}]: {values.Count(v => v != 0)} of {values.Length} non-zero; strongest " +
        string.Join(", ", strongest.Select(f => $"#{f.Index}={f.Value.ToString("F4", CultureInfo.InvariantCulture)}")));

    Console.WriteLine();
    Console.WriteLine("Receipt (DSSE envelope; the payload below is its decoded in-toto statement):");
    var statement = JsonDocument.Parse(result.Receipt.Envelope.Payload);
    Console.WriteLine(JsonSerializer.Serialize(statement.RootElement, new JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"signature {result.Receipt.Envelope.Signatures[0].KeyId}: {Convert.ToBase64String(result.Receipt.Envelope.Signatures[0].Signature)}");

    // 4. Verify as a third party would: from the JSON text, trusting only the public key and holding the model file and
    //    the image; check the model, the input and the output, and replay the inference.
    using var model = VerifiedModel.Load(modelPath);
    Console.WriteLine($"Model   {model.Name}  {model.Digest}  ({new FileInfo(modelPath).Length / 1_000_000.0:F1} MB, producer {model.ProducerName} {model.ProducerVersion})");
    var inputs = new TensorSet([new("Input247", TensorValue.Create(pixels, 1, 3, 224, 224))]);
    var outputs = new TensorSet([new("Pooling395_Output_0", TensorValue.Create(values, 1, 512, 1, 1))]);
    var publicKey = signer is SigningKey key ? key.PublicKey : throw new InvalidOperationException("The sample verifies with an in-process key.");
    var verifier = new ReceiptVerifier(TrustStore.For(publicKey));
    var verification = verifier.Verify(result.Receipt.ToJson(), new ReceiptVerificationOptions
    {
        ExpectedModelDigest = model.Digest,
        Inputs = inputs,
        Outputs = outputs,
        ReplayModel = model,
    });
    Console.WriteLine();
    Console.Write(verification);

    // 5. And show that a changed output does not verify.
    var tampered = values.ToArray();
    tampered[0] += 1e-3f;
    var forged = verifier.Verify(result.Receipt.ToJson(), new ReceiptVerificationOptions
    {
        Outputs = new TensorSet([new("Pooling395_Output_0", TensorValue.Create(tampered, 1, 512, 1, 1))]),
    });
    Console.WriteLine($"With one feature changed by 0.001: {(forged.Succeeded ? "VERIFIED (unexpected!)" : "NOT VERIFIED")} - {forged.FirstFailure}");
    return verification.Succeeded && !forged.Succeeded ? 0 : 1;
}
catch (OpenVerifyException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
catch (IOException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
