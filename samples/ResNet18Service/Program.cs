// The ResNet18 featurizer as a web service with verifiable results. Everything OpenVerify needs comes from
// configuration (appsettings.json, or the environment: OpenVerify__SigningKey, OpenVerify__ReceiptLog__Path, …), and a
// key that cannot be opened stops the service at start-up with a message that names the setting.
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenVerify;
using OpenVerify.Logs;
using OpenVerify.Pkcs11;
using OpenVerify.Samples.ResNet18;
using OpenVerify.Samples.ResNet18Service;

var builder = WebApplication.CreateBuilder(args);

// Signer, trust store, verifier and receipt log from the "OpenVerify" section. OpenVerify:SigningKey is a PEM key path
// (the default in appsettings.json) or a pkcs11: URI of a key on a token, which the provider registered here opens
// (docs/hosting.md); the signer is disposed with the host, closing its token sessions.
builder.Services.AddSingleton<ISignerProvider, Pkcs11SignerProvider>();
builder.Services.AddOpenVerify();
builder.Services.AddSingleton<ScoringService>();

var app = builder.Build();

// The image (binary PPM) in; its 512 features, the five strongest and the signed receipt out. The receipt is in the
// log (forced to disk) before the response is sent: an acknowledged result is never lost.
app.MapPost("/score", async (HttpRequest request, HttpResponse response, ScoringService scoring) =>
{
    var image = await ScoringService.ReadBodyAsync(request);
    if (image is null)
    {
        return Results.Problem($"The image is larger than {ScoringService.MaxImageBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
    }

    Scored scored;
    try
    {
        scored = scoring.Score(image);
    }
    catch (InvalidDataException e)
    {
        return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
    }

    var receiptJson = scored.Result.Receipt.ToJson();
    response.Headers[ScoringService.ReceiptHeader] = Convert.ToBase64String(Encoding.UTF8.GetBytes(receiptJson));
    response.Headers[ScoringService.ReceiptIdHeader] = scored.Result.Receipt.Id.ToString();
    response.Headers[ScoringService.LogIndexHeader] = scored.LogIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
    return Results.Json(new JsonObject
    {
        ["features"] = JsonSerializer.SerializeToNode(scored.Result.Value),
        ["strongest"] = new JsonArray([.. scored.Strongest.Select(s => (JsonNode)new JsonObject { ["index"] = s.Index, ["value"] = s.Value })]),
        ["receiptId"] = scored.Result.Receipt.Id.ToString(),
        ["logIndex"] = scored.LogIndex,
        ["receipt"] = JsonNode.Parse(receiptJson),
    });
});

// A receipt (and, optionally, the features it should vouch for) in; every check the verifier made out.
app.MapPost("/verify", (VerifyRequest request, ReceiptVerifier verifier) =>
{
    if (request.Receipt is not { } receipt)
    {
        return Results.Problem("The body needs a 'receipt': the receipt JSON that /score returned.", statusCode: StatusCodes.Status400BadRequest);
    }

    var result = verifier.Verify(receipt.GetRawText(), new ReceiptVerificationOptions
    {
        Outputs = request.Features is { } features ? ScoringService.Outputs(features) : null,
    });
    return Results.Json(new
    {
        verified = result.Succeeded,
        firstFailure = result.FirstFailure?.ToString(),
        checks = result.Checks.Select(c => new { c.Name, c.Passed, c.Detail }),
        notChecked = result.NotChecked,
    });
});

// The receipt log's checkpoint as a C2SP signed note (tlog-checkpoint), signed again whenever the log has grown, for
// auditors and witnesses to keep: a log that later drops or rewrites a receipt no longer extends what they kept.
app.MapGet("/checkpoint", (ScoringService scoring) =>
    scoring.Checkpoint() is { } note
        ? Results.Text(note, "text/plain; charset=utf-8")
        : Results.Problem("The receipt log has no Ed25519 log key (OpenVerify:ReceiptLog:SigningKey), so it publishes no checkpoint.", statusCode: StatusCodes.Status404NotFound));

app.Run();

/// <summary>The body of POST /verify.</summary>
internal sealed record VerifyRequest(JsonElement? Receipt, float[]? Features);

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
