namespace BagOfWords
{
    internal class Output
    {
        public float[] BagOfWords { get; set; }
    }
}