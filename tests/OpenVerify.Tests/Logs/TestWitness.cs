using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenVerify.Batching;
using OpenVerify.Logs;

namespace OpenVerify.Tests.Logs;

/// <summary>
/// A small C2SP <c>tlog-witness</c> on Kestrel (ASP.NET Core minimal API) on a loopback port: it knows each log's
/// origin and note key, keeps the latest cosigned size and root per origin (persisted before it answers, checked and
/// updated under one lock), verifies the consistency proof, and cosigns with an Ed25519 <c>cosignature/v1</c> line.
/// The status codes are the spec's: 404 unknown origin, 403 bad signature, 400 old size above the checkpoint's,
/// 409 another old size (body: the latest size, <c>text/x.tlog.size</c>), 422 an inconsistent checkpoint (a split
/// view: same size, another root; or a proof that does not verify).
/// </summary>
internal sealed class TestWitness : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly Dictionary<string, (long Size, Sha256Digest Root)> _latest = [];
    private readonly string _statePath;

    private TestWitness(WebApplication app, string statePath)
    {
        _app = app;
        _statePath = statePath;
    }

    public required Cosigner Cosigner { get; init; }

    public required IReadOnlyDictionary<string, NoteVerifierKey> Logs { get; init; }

    public Uri Url { get; private set; } = null!;

    public static async Task<TestWitness> StartAsync(Cosigner cosigner, IReadOnlyDictionary<string, NoteVerifierKey> logs, string statePath)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var witness = new TestWitness(app, statePath) { Cosigner = cosigner, Logs = logs };
        app.MapPost("/add-checkpoint", witness.AddCheckpoint);
        await app.StartAsync();
        witness.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
        return witness;
    }

    private async Task<IResult> AddCheckpoint(HttpRequest request)
    {
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        long oldSize;
        IReadOnlyList<Sha256Digest> proof;
        string note;
        try
        {
            (oldSize, proof, note) = WitnessClient.ParseRequest(body);
        }
        catch (FormatException e)
        {
            return Results.Text(e.Message + "\n", statusCode: StatusCodes.Status400BadRequest);
        }

        var origin = note.Split('\n', 2)[0];
        if (!Logs.TryGetValue(origin, out var logKey))
        {
            return Results.Text($"unknown log '{origin}'\n", statusCode: StatusCodes.Status404NotFound);
        }

        Checkpoint checkpoint;
        try
        {
            checkpoint = Checkpoint.Open(note, [logKey]);
        }
        catch (NoteFormatException e)
        {
            return Results.Text(e.Message + "\n", statusCode: StatusCodes.Status403Forbidden);
        }

        if (oldSize > checkpoint.TreeSize)
        {
            return Results.Text("old size above the checkpoint's size\n", statusCode: StatusCodes.Status400BadRequest);
        }

        lock (_gate)
        {
            var (size, root) = _latest.GetValueOrDefault(origin, (0, Merkle.EmptyRoot));
            if (oldSize != size)
            {
                return Results.Text(size.ToString(CultureInfo.InvariantCulture) + "\n", "text/x.tlog.size", statusCode: StatusCodes.Status409Conflict);
            }

            var consistent = checkpoint.TreeSize == 0 ? checkpoint.RootHash == Merkle.EmptyRoot && proof.Count == 0
                : oldSize == 0 ? proof.Count == 0
                : oldSize == checkpoint.TreeSize ? checkpoint.RootHash == root && proof.Count == 0
                : Merkle.VerifyConsistency(oldSize, checkpoint.TreeSize, root, checkpoint.RootHash, proof);
            if (!consistent)
            {
                return Results.Text($"the checkpoint of size {checkpoint.TreeSize} is not consistent with the one of size {size} this witness cosigned\n", statusCode: StatusCodes.Status422UnprocessableEntity);
            }

            _latest[origin] = (checkpoint.TreeSize, checkpoint.RootHash);
            Persist();
        }

        return Results.Text(Cosigner.Cosign(checkpoint.Note!.Text, DateTimeOffset.UtcNow), "text/plain; charset=utf-8");
    }

    /// <summary>Writes the state (origin, size, root per line) to a temporary file, fsyncs and renames it, before the
    /// witness answers.</summary>
    private void Persist()
    {
        var text = string.Concat(_latest.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value.Size} {p.Value.Root.ToHex()}\n")));
        var temp = _statePath + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            stream.Write(Encoding.UTF8.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, _statePath, overwrite: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
