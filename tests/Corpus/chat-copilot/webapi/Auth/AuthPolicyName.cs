// Copyright (c) Microsoft. All rights reserved.

namespace CopilotChat.WebApi.Auth;

/// <summary>
/// Holds the policy names for custom authorization policies.
/// </summary>
public static class AuthPolicyName
{
    public const string RequireChatParticipant = "RequireChatParticipant";
}
