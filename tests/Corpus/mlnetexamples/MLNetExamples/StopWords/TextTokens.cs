namespace StopWords
{
    public class TextTokens
    {
        public string[] Tokens { get; set; }
    }
}
