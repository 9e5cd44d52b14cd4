namespace OpenVerify.Analyzers.Diagnostics;

/// <summary>One OV0xxx rule: a descriptor for a bound call and one for a call that did not bind, each gated.</summary>
internal sealed class AiCallRule
{
    public AiCallRule(string id, string title, string callMessage)
    {
        Id = id;
        Title = title;
        CallMessage = callMessage;
        Call = GatedDescriptor.Create(id, title, callMessage, DiagnosticDescriptors.CallDescription);
        UnboundCall = GatedDescriptor.Create(id, title, DiagnosticDescriptors.UnboundMessage, DiagnosticDescriptors.UnboundDescription);
    }

    private AiCallRule(AiCallRule rule, string fix, string description)
    {
        Id = rule.Id;
        Title = rule.Title;
        CallMessage = rule.CallMessage + "; " + fix;
        Call = GatedDescriptor.Create(Id, Title, CallMessage, description);
        UnboundCall = rule.UnboundCall;
    }

    public string Id { get; }

    public string Title { get; }

    public GatedDescriptor Call { get; }

    public GatedDescriptor UnboundCall { get; }

    private string CallMessage { get; }

    /// <summary>
    /// The same rule for a family of APIs that has a verified path: its message names that path (<paramref name="fix"/>,
    /// no braces), so the warning says how to get a receipt, not only that there is none.
    /// </summary>
    public AiCallRule WithFix(string fix, string description) => new(this, fix, description);
}
