namespace eShopSupport.DataGenerator.Model;

public enum Role { Customer, Assistant };
