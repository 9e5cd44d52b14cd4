using System.ClientModel.Primitives;
using System.Diagnostics.CodeAnalysis;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// The <see cref="PipelineResponse"/> behind a verified client's <c>ClientResult</c>. The verified call runs through
/// Microsoft.Extensions.AI, which keeps the SDK's value but not its HTTP response, so this stands in for it: status 200,
/// no headers, and as content a completion's own JSON (written by the SDK's model writer), or nothing for embeddings
/// (the SDK cannot write the embeddings its model factory builds). It says so in
/// <see cref="ReasonPhrase"/>, so that a caller reading headers (a request id, rate limits) is not misled.
/// </summary>
internal sealed class ReconstructedResponse : PipelineResponse
{
    private BinaryData _content;

    public ReconstructedResponse(BinaryData content) => _content = content;

    public static ReconstructedResponse Of<T>(T value)
        where T : IPersistableModel<T> =>
        new(ModelReaderWriter.Write(value, ModelReaderWriterOptions.Json));

    /// <summary>A new empty response each time: its <see cref="ContentStream"/> can be set, so no two results share one.</summary>
    public static ReconstructedResponse Empty() => new(BinaryData.Empty);

    public override int Status => 200;

    public override string ReasonPhrase => "OK (reconstructed by OpenVerify from the verified result; the HTTP response is not kept)";

    [AllowNull]
    public override Stream? ContentStream
    {
        get => _content.ToStream();
        set => _content = value is null ? BinaryData.Empty : BinaryData.FromStream(value);
    }

    public override BinaryData Content => _content;

    protected override PipelineResponseHeaders HeadersCore => NoHeaders.Instance;

    public override BinaryData BufferContent(CancellationToken cancellationToken = default) => _content;

    public override ValueTask<BinaryData> BufferContentAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_content);

    public override void Dispose()
    {
    }

    private sealed class NoHeaders : PipelineResponseHeaders
    {
        public static readonly NoHeaders Instance = new();

        public override IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Enumerable.Empty<KeyValuePair<string, string>>().GetEnumerator();

        public override bool TryGetValue(string name, out string? value)
        {
            value = null;
            return false;
        }

        public override bool TryGetValues(string name, out IEnumerable<string>? values)
        {
            values = null;
            return false;
        }
    }
}
