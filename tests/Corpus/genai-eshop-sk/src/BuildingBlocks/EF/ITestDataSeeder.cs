namespace BuildingBlocks.EF;

public interface ITestDataSeeder
{
    Task SeedAsync();
}
