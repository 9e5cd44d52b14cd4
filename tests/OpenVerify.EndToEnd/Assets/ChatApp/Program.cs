using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenVerify;
using OpenVerify.Extensions.AI;

// args: the OpenAI-compatible endpoint, the PEM signing key, then where to write the receipt and the transcript.
using var key = SigningKey.ImportPem(File.ReadAllText(args[1]));
var openAi = new OpenAIClient(new ApiKeyCredential("e2e-key"), new OpenAIClientOptions { Endpoint = new Uri(args[0]) });
using var client = openAi.GetChatClient("gpt-e2e").AsIChatClient().AsBuilder().UseOpenVerify(key).BuildVerified();

var response = await client.GetResponseAsync("Hello from the packed app", new ChatOptions { Temperature = 0.2f });
response.GetReceipt().Save(args[2], args[3]);
Console.WriteLine("answer: " + response.Text);
