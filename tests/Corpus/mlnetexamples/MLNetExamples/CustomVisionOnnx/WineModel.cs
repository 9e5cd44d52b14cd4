namespace CustomVisionOnnx
{
    public class WineModel
    {
        public float[] Labels { get; set; }
    }
}
