namespace BuildingBlocks.EF;

public static class DataSchemaLength
{
    public const int Micro = 5;
    public const int Small = 20;
    public const int Medium = 50;
    public const int Large = 100;
    public const int ExtraLarge = 255;
    public const int SuperLarge = 500;
    public const int Max = 1000;
    public const int MaxText = 10000;
}
