namespace BuildingBlocks.AI.SemanticKernel;

public enum AgentOrchestrationType
{
    Normal,
    Sequential,
    Concurrent,
    Handoff,
    GroupChat,
    Magentic,
}
