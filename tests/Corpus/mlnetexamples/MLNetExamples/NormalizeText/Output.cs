namespace NormalizeText
{
    public class Output
    {
        public string NormalizedText { get; set; }
    }
}
