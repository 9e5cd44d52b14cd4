namespace GenAIEshop.Catalogs;

public class CatalogsMetadata;
