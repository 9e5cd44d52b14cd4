namespace BuildingBlocks.Types;

public static class Environments
{
    public const string Development = "Development";
    public const string Staging = "Staging";
    public const string Production = "Production";
    public const string Test = "Test";
    public const string Aspire = "Aspire";
    public const string Docker = "Docker";
    public const string DependencyTest = "DependencyTest";
}
