using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// With Microsoft.Extensions.AI's own OpenTelemetry middleware outside <c>UseOpenVerify()</c>, the receipt's attributes
/// go on that library's chat and embeddings spans, and OpenVerify makes no second span for the same call.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class TelemetryTests(ChatFixture fixture)
{
    [Fact]
    public async Task ChatSpan_OfOpenTelemetryChatClient_CarriesTheReceipt()
    {
        var source = "openverify-tests-chat-" + Guid.NewGuid().ToString("N");
        using var spans = new SpanRecorder(source);
        using var client = fixture.ProviderChatClient().AsBuilder().UseOpenTelemetry(sourceName: source).UseOpenVerify(fixture.Key).BuildVerified();

        var response = await client.GetResponseAsync("Hello there");

        var receipt = response.GetReceipt();
        var span = spans.Stopped.ShouldHaveSingleItem();
        span.GetTagItem("gen_ai.operation.name").ShouldBe("chat");
        span.GetTagItem("openverify.receipt.id").ShouldBe(receipt.Id.ToString());
        span.GetTagItem("openverify.receipt.truncated").ShouldBe(false);
        span.GetTagItem("openverify.chain.conversation").ShouldBe(receipt.Claims.Chain!.Conversation);
        span.GetTagItem("openverify.chain.turn").ShouldBe(1L);
        spans.FromOpenVerify.ShouldBeEmpty();
    }

    [Fact]
    public async Task EmbeddingsSpan_OfOpenTelemetryEmbeddingGenerator_CarriesTheReceipt()
    {
        var source = "openverify-tests-embeddings-" + Guid.NewGuid().ToString("N");
        using var spans = new SpanRecorder(source);
        using var generator = fixture.ProviderEmbeddingGenerator().AsBuilder().UseOpenTelemetry(sourceName: source).UseOpenVerify(fixture.Key).BuildVerified();

        var embeddings = await generator.GenerateAsync(["one", "two"], new EmbeddingGenerationOptions { Dimensions = 8 });

        var span = spans.Stopped.ShouldHaveSingleItem();
        span.GetTagItem("openverify.receipt.id").ShouldBe(embeddings.GetReceipt().Id.ToString());
        span.GetTagItem("openverify.chain.turn").ShouldBeNull();
    }

    [Fact]
    public async Task WithoutTelemetry_NoSpanIsTagged()
    {
        // A span of another operation around the call is not a GenAI chat span: it is left alone.
        using var outer = new ActivitySource("openverify-tests-outer-" + Guid.NewGuid().ToString("N"));
        using var spans = new SpanRecorder(outer.Name);
        using var client = fixture.ProviderChatClient().AsBuilder().UseOpenVerify(fixture.Key).BuildVerified();
        using (outer.StartActivity("request"))
        {
            await client.GetResponseAsync("Hello there");
        }

        spans.Stopped.ShouldHaveSingleItem().GetTagItem("openverify.receipt.id").ShouldBeNull();
    }

    private sealed class SpanRecorder : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<Activity> _stopped = new();
        private readonly ConcurrentQueue<Activity> _openVerify = new();

        public SpanRecorder(string sourceName)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name == sourceName || s.Name == "OpenVerify",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a => (a.Source.Name == sourceName ? _stopped : _openVerify).Enqueue(a),
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<Activity> Stopped => [.. _stopped];

        /// <summary>Spans of OpenVerify's own source for chat calls (there must be none: no duplicate span).</summary>
        public IReadOnlyList<Activity> FromOpenVerify => [.. _openVerify.Where(a => a.DisplayName.Contains("chat", StringComparison.OrdinalIgnoreCase))];

        public void Dispose() => _listener.Dispose();
    }
}
