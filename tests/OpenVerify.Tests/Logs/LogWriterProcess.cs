using System.Diagnostics;
using System.Globalization;
using OpenVerify.Logs;

namespace OpenVerify.Tests.Logs;

/// <summary>
/// The helper process of the crash tests: <c>dotnet OpenVerify.Tests.dll log-writer &lt;log&gt; &lt;receipt-key.pem&gt;
/// &lt;log-key.pem&gt; &lt;durability&gt;</c> appends receipts until it is killed, and prints <c>acked &lt;index&gt; &lt;receipt
/// id&gt;</c> after each append has returned (that is, once the log acknowledged it as durable).
/// </summary>
internal static class LogWriterProcess
{
    public const string Verb = "log-writer";

    public static int Run(string[] args)
    {
        var (path, receiptKeyPem, logKeyPem, durability) = (args[0], File.ReadAllText(args[1]), File.ReadAllText(args[2]), Enum.Parse<LogDurability>(args[3]));
        using var receiptKey = SigningKey.ImportPem(receiptKeyPem);
        using var logKey = SigningKey.ImportPem(logKeyPem);
        using var log = ReceiptLog.Open(path, new ReceiptLogOptions { Durability = durability, TreeHeadSigner = logKey });
        var stdout = Console.Out;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready {log.Size}"));
        stdout.Flush();
        using var model = VerifiedModel.FromBytes(OpenVerify.Testing.TestModels.AddMul());
        var padding = new string('x', 3000);
        for (var i = log.Size; ; i++)
        {
            // A long nonce makes large lines, so a kill in the middle of a write is likely.
            var inputs = Tensors.AddMulInputs([i, 1, 2, 3]);
            var receipt = model.Run(inputs, new InferenceOptions { Signer = receiptKey, Nonce = padding }).Receipt;
            var index = log.Append(receipt);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"acked {index} {receipt.Id}"));
            stdout.Flush();
            if (index % 50 == 49)
            {
                log.SignTreeHead();
            }
        }
    }

    /// <summary>Starts the helper from this test assembly.</summary>
    public static Process Start(params string[] args)
    {
        var assembly = typeof(LogWriterProcess).Assembly.Location;
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(assembly);
        info.ArgumentList.Add(Verb);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("The helper process did not start.");
    }
}
