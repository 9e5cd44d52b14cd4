using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenVerify;

[JsonSourceGenerationOptions(
    AllowDuplicateProperties = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(DsseEnvelopeDto))]
[JsonSerializable(typeof(InferenceStatement))]
[JsonSerializable(typeof(MLNetStatement))]
[JsonSerializable(typeof(Batching.BatchRootDto))]
[JsonSerializable(typeof(Logs.TreeHeadDto))]
[JsonSerializable(typeof(Logs.LogLineDto))]
[JsonSerializable(typeof(Logs.LogInclusionProofDto))]
internal sealed partial class OpenVerifyJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context used for writing and reading: the generated options, with an encoder that leaves '+' and non-ASCII
    /// text readable instead of writing \u002B escapes (receipts are data files, never embedded in HTML).
    /// </summary>
    public static OpenVerifyJsonContext Strict => LazyStrict.Value;

    // Lazy: the generated Default is initialized in the generated half of this class, after our static fields.
    private static readonly Lazy<OpenVerifyJsonContext> LazyStrict = new(() => new(new JsonSerializerOptions(Default!.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = null,
    }));
}
