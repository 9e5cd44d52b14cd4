using System.Text.Json.Nodes;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// A provider's own attestation of a response (for example a TEE quote, or a signature over request and response
/// hashes), carried in the transcript's <c>evidence</c> field (docs/spec/chat-v1.md §3.4). The receipt binds it as
/// received; checking it is the provider's verifier's business.
/// </summary>
/// <param name="Type">What the evidence is, as a URI or a name the provider documents.</param>
/// <param name="Value">The evidence, as the provider returned it (JSON).</param>
public sealed record ProviderEvidence(string Type, JsonNode Value)
{
    internal JsonObject ToJson() => new() { ["type"] = Type, ["value"] = Value.DeepClone() };
}
