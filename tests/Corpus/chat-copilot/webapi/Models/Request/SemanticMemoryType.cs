// Copyright (c) Microsoft. All rights reserved.

namespace CopilotChat.WebApi.Models.Request;

/// <summary>
/// Types of semantic memories supported by chat-copilot.
/// </summary>
public enum SemanticMemoryType
{
    LongTermMemory,
    WorkingMemory
}
