public class GameActionResult
{
    public string? nextaction { get; set; }
    public string? explanation { get; set; }
}