namespace GenAIEshop.Catalogs.Products.Dtos;

public enum SearchType
{
    Regular,
    Semantic,
    Hybrid,
}
