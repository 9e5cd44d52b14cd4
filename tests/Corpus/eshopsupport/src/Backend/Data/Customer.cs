namespace eShopSupport.Backend.Data;

public class Customer
{
    public int CustomerId { get; set; }

    public required string FullName { get; set; }
}
