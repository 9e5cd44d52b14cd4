using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenVerify.Extensions.AI;

[JsonSourceGenerationOptions(
    AllowDuplicateProperties = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(ChatStatement))]
internal sealed partial class ChatJsonContext : JsonSerializerContext
{
    /// <summary>The generated options with an encoder that leaves '+' and non-ASCII text readable.</summary>
    public static ChatJsonContext Strict => LazyStrict.Value;

    private static readonly Lazy<ChatJsonContext> LazyStrict = new(() => new(new JsonSerializerOptions(Default!.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = null,
    }));
}
