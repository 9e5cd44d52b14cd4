namespace NormalizeText
{
    internal class Input
    {
        public string Text { get; set; }
    }
}