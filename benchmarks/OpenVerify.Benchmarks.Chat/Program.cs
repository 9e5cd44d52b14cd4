using System.ClientModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenVerify;
using OpenVerify.Extensions.AI;
using OpenVerify.Extensions.AI.Tests;

// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks.Chat [-- <calls per round> <rounds>]
// Starts the tests' OpenAI-compatible server (Kestrel) on loopback and times, in alternating rounds so that machine
// load hits both alike, the real OpenAI SDK's IChatClient as is and the same client made verified with
// .AsBuilder().UseOpenVerify(key).BuildVerified() (one Ed25519 chat receipt per call). Prints the median time per call
// of each, what attestation adds, and the ratio.
var calls = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 9;
Console.WriteLine($"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; {calls} calls x {rounds} rounds");

await using var server = await OpenAiCompatibleServer.StartAsync();
using var key = SigningKey.Generate();
var openAi = new OpenAIClient(new ApiKeyCredential("bench-key"), new OpenAIClientOptions { Endpoint = server.Endpoint });
using var plain = openAi.GetChatClient("gpt-bench").AsIChatClient();
using var verified = openAi.GetChatClient("gpt-bench").AsIChatClient().AsBuilder().UseOpenVerify(key).BuildVerified();
var options = new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 64 };
const string Prompt = "Summarise the receipt format in one sentence.";

var cases = new (string Name, Func<Task> Body)[]
{
    ("plain IChatClient", async () => { for (var i = 0; i < calls; i++) { await plain.GetResponseAsync(Prompt, options); } }),
    ("UseOpenVerify (receipt per call)", async () => { for (var i = 0; i < calls; i++) { (await verified.GetResponseAsync(Prompt, options)).GetReceipt(); } }),
};
foreach (var (_, body) in cases)
{
    await body(); // warm up: JIT, connection pool
}

var samples = cases.Select(_ => new List<double>()).ToArray();
for (var round = 0; round < rounds; round++)
{
    for (var c = 0; c < cases.Length; c++)
    {
        var watch = Stopwatch.StartNew();
        await cases[c].Body();
        samples[c].Add(watch.Elapsed.TotalMicroseconds / calls);
    }
}

var medians = samples.Select(s => s.Order().ElementAt(s.Count / 2)).ToArray();
for (var c = 0; c < cases.Length; c++)
{
    Console.WriteLine($"{cases[c].Name,-34} {medians[c],9:F1} us/call  x{medians[c] / medians[0]:F3}");
}

Console.WriteLine($"attestation adds {medians[1] - medians[0]:F1} us/call ({(medians[1] - medians[0]) / medians[0]:P1} of the loopback round trip)");
