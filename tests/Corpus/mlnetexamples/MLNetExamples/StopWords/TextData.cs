namespace StopWords
{
    public class TextData
    {
        public string Text { get; set; }
    }
}
