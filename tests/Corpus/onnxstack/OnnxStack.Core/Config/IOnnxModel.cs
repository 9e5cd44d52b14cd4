namespace OnnxStack.Core.Config
{
    public interface IOnnxModel
    {
        string Name { get; set; }
    }
}
