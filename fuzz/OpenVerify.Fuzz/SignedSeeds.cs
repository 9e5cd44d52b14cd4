using System.Text;
using System.Text.Json;
using OpenVerify.Batching;
using OpenVerify.Logs;

namespace OpenVerify.Fuzz;

/// <summary>
/// Writes the seeds that need fresh signatures (logs, log proofs, tree heads, batched receipts and batch roots), from
/// the receipts of the spec vectors and keys made for the run. fuzz/make-seeds.py writes the rest straight from the
/// vectors and the spec; `OpenVerify.Fuzz seeds CORPUS` is what it runs for these.
/// </summary>
internal static class SignedSeeds
{
    public static async Task WriteAsync(string vectorsPath, string corpus)
    {
        using var vectors = JsonDocument.Parse(File.ReadAllText(vectorsPath));
        var receipts = vectors.RootElement.GetProperty("receipts").EnumerateArray()
            .Select(r => Receipt.Parse(r.GetProperty("envelope").GetRawText())).ToList();
        using var logKey = SigningKey.Generate();
        using var batchKey = SigningKey.Generate(KeyAlgorithm.EcdsaP256);

        var folder = Directory.CreateTempSubdirectory("openverify-fuzz-seeds");
        try
        {
            var logPath = Path.Combine(folder.FullName, "receipts.log");
            SignedTreeHead head;
            using (var log = ReceiptLog.Open(logPath, new ReceiptLogOptions { TreeHeadSigner = logKey }))
            {
                log.AppendBatch(receipts);
                log.SignTreeHead();
                log.Append(receipts[0]);
                head = log.SignTreeHead();
            }

            var contents = LogFile.Read(logPath);
            Write(corpus, "log", "receipts-and-heads.log", File.ReadAllBytes(logPath));
            Write(corpus, "logproof", "proof-0.json", Encoding.UTF8.GetBytes(LogInclusionProof.Create(contents, 0).ToJson()));
            Write(corpus, "logproof", "proof-last.json", Encoding.UTF8.GetBytes(LogInclusionProof.Create(contents, receipts.Count).ToJson()));
            Write(corpus, "envelope", "tree-head.json", Encoding.UTF8.GetBytes(head.ToJson()));
            Write(corpus, "payload", "tree-head.json", head.Envelope.Payload);

            await using var batching = new BatchingSigner(batchKey, new BatchingSignerOptions { MaxDelay = TimeSpan.FromMilliseconds(200) });
            var batched = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => batching.SignAsync(receipts[0].Envelope.Payload)));
            Write(corpus, "envelope", "batched-receipt-0.json", Encoding.UTF8.GetBytes(batched[0].ToJson()));
            Write(corpus, "envelope", "batched-receipt-4.json", Encoding.UTF8.GetBytes(batched[4].ToJson()));
            Write(corpus, "envelope", "batch-root.json", Encoding.UTF8.GetBytes(batched[0].Envelope.Batch!.Root.ToJson()));
            Write(corpus, "payload", "batch-root.json", batched[0].Envelope.Batch!.Root.Payload);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void Write(string corpus, string target, string name, byte[] data)
    {
        var directory = Path.Combine(corpus, target);
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, name), data);
    }
}
