namespace eShopSupport.DataGenerator.Model;

public class ManualPdf
{
    public int ProductId { get; set; }
    public required string LocalPath { get; set; }
}
