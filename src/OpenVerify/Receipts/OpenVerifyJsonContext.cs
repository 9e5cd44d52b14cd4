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
internal sealed partial class OpenVerifyJsonContext : JsonSerializerContext;
