namespace BagOfWords
{
    public class Input
    {
        public string Text { get; set; }
    }
}
