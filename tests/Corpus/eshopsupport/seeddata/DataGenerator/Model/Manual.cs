namespace eShopSupport.DataGenerator.Model;

public class Manual
{
    public int ProductId { get; set; }
    public required string MarkdownText { get; set; }
}
