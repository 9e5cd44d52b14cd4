namespace GenAIEshop.Shared.Constants;

public class Mcp
{
    public const string SharedMcpTools = "SharedMcpTools";
    public const string DateTimeMcpTools = "DateTimeMcpTools";
}
