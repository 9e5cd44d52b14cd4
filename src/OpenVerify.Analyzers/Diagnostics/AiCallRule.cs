namespace OpenVerify.Analyzers.Diagnostics;

/// <summary>One OV0xxx rule: a descriptor for a bound call and one for a call that did not bind, each gated.</summary>
internal sealed class AiCallRule
{
    public AiCallRule(string id, string title, string callMessage)
    {
        Id = id;
        Call = GatedDescriptor.Create(id, title, callMessage, DiagnosticDescriptors.CallDescription);
        UnboundCall = GatedDescriptor.Create(id, title, DiagnosticDescriptors.UnboundMessage, DiagnosticDescriptors.UnboundDescription);
    }

    public string Id { get; }

    public GatedDescriptor Call { get; }

    public GatedDescriptor UnboundCall { get; }
}
