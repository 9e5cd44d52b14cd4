namespace GenAIEshop.Shared.Constants;

public static class Agents
{
    public const string SummarizeAgent = "SummarizeAgent";
    public const string ReviewsAgent = "ReviewsAgent";
    public const string ReviewsAgentWithNoChild = "ReviewsAgentWithNoChild";
    public const string ReviewsCollectorAgent = "ReviewsCollectorAgent";
    public const string InsightsSynthesizerAgent = "InsightsSynthesizerAgent";
    public const string SentimentAgent = "SentimentAgent";
    public const string LanguageAgent = "LanguageAgent";
    public const string ProductRecommendationAgent = "RecommendationAgent";
    public const string McpTools = "McpTools";
}
