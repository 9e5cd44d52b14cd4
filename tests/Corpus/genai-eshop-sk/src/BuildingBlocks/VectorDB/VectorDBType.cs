namespace BuildingBlocks.VectorDB;

public enum VectorDBType
{
    Qdrant,
    InMemory,
}
