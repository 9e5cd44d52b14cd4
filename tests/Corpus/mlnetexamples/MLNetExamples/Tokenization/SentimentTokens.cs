namespace Tokenization
{
    public class SentimentTokens
    {
        public string[] Tokens { get; set; }
    }
}
