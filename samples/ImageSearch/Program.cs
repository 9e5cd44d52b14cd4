// OpenVerify's second sample: image similarity search. The ResNet18 featurizer (a model nobody on this team wrote)
// turns each image into a 512-number embedding through a Microsoft.Extensions.AI embedding generator; every
// embedding carries a signed ONNX inference receipt, and an auditor holding the public key, the model and the image
// replays one to check that the embedding really is what the model computes.
using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using OpenVerify;
using OpenVerify.Extensions.AI.Local;
using OpenVerify.Samples.ResNet18;

var baseDirectory = AppContext.BaseDirectory;
var imageDirectory = args.Length > 0 ? args[0] : Path.Combine(baseDirectory, "images");

// 1. A signer: a throwaway Ed25519 key (production apps configure one, see docs/runtime.md).
using var key = SigningKey.Generate();
Console.WriteLine($"Signing with a throwaway Ed25519 key {key.KeyId}");

try
{
    // 2. The model, and an embedding generator over it: each image tensor is passed as the model's input
    //    'Input247' (float[1,3,224,224]); the output 'Pooling395_Output_0' (float[1,512,1,1]) is the vector.
    using var model = VerifiedModel.Load(Path.Combine(baseDirectory, "models", "ResNet18.onnx"));
    using var generator = new VerifiedOnnxEmbeddingGenerator(model, new VerifiedOnnxEmbeddingGeneratorOptions
    {
        InputName = "Input247",
        OutputName = "Pooling395_Output_0",
        Signer = key,
        Method = "ImageSearch",
    });
    Console.WriteLine($"Model   {model.Name}  {model.Digest}");

    // 3. Embed every image of the repository.
    var files = Directory.GetFiles(imageDirectory, "*.ppm").Order(StringComparer.Ordinal).ToArray();
    if (files.Length < 2)
    {
        Console.Error.WriteLine($"error: '{imageDirectory}' holds {files.Length} .ppm image(s); a search needs at least two.");
        return 2;
    }

    var inputs = files.Select(f => (TensorValue)TensorValue.Create(ImagePreprocessing.ToNormalizedChw(PortablePixmap.Read(f), 224, 224), 1, 3, 224, 224)).ToArray();
    var embeddings = await generator.GenerateAsync(inputs);
    var names = files.Select(Path.GetFileNameWithoutExtension).ToArray();
    Console.WriteLine($"Embedded {files.Length} images, {embeddings[0].Vector.Length} dimensions each, one receipt each");

    // 4. Nearest neighbours by cosine similarity, after subtracting the mean embedding: ResNet's pooled features are
    //    all non-negative, so raw vectors all point roughly the same way and differences would drown.
    var mean = new float[embeddings[0].Vector.Length];
    foreach (var embedding in embeddings)
    {
        TensorPrimitives.Add(mean, embedding.Vector.Span, mean);
    }

    TensorPrimitives.Divide(mean, embeddings.Count, mean);
    var centered = embeddings.Select(e =>
    {
        var vector = new float[mean.Length];
        TensorPrimitives.Subtract(e.Vector.Span, mean, vector);
        return vector;
    }).ToArray();

    Console.WriteLine();
    Console.WriteLine("Nearest neighbours (cosine similarity of the centered embeddings):");
    for (var i = 0; i < names.Length; i++)
    {
        var neighbours = Enumerable.Range(0, names.Length).Where(j => j != i)
            .Select(j => (Name: names[j], Similarity: TensorPrimitives.CosineSimilarity(centered[i], centered[j])))
            .OrderByDescending(n => n.Similarity).Take(2);
        Console.WriteLine($"  {names[i],-12} -> " + string.Join(", ", neighbours.Select(n => $"{n.Name} {n.Similarity.ToString("F3", CultureInfo.InvariantCulture)}")));
    }

    // 5. Verify one embedding as an auditor would: from the receipt's JSON, trusting only the public key, holding the
    //    model and the image; check model, input and output digests, and replay the inference.
    var receipt = embeddings[0].GetReceipt();
    var output = model.Outputs.Single(o => o.Name == generator.OutputName);
    var verification = new ReceiptVerifier(TrustStore.For(key.PublicKey)).Verify(receipt.ToJson(), new ReceiptVerificationOptions
    {
        ExpectedModelDigest = model.Digest,
        Inputs = new TensorSet([new(generator.InputName, inputs[0])]),
        Outputs = new TensorSet([new(generator.OutputName, TensorValue.Create(embeddings[0].Vector.ToArray(), [.. output.Shape]))]),
        ReplayModel = model,
        Require = RequiredChecks.Model | RequiredChecks.Inputs | RequiredChecks.Outputs | RequiredChecks.Replay,
    });
    Console.WriteLine();
    Console.WriteLine($"Receipt of {names[0]}'s embedding ({receipt.Id}):");
    Console.Write(verification);
    return verification.Succeeded ? 0 : 1;
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
