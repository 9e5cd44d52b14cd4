using Microsoft.ML;

public sealed class Input { public float X { get; set; } }

public sealed class Output { public float Score { get; set; } }

public static class Scorer
{
    // OV0002 ("Use OpenVerify.ML's verified prediction engine").
    public static float Score(MLContext mlContext, string path, Input input)
    {
        var model = mlContext.Model.Load(path, out _);
        var engine = mlContext.Model.CreatePredictionEngine<Input, Output>(model);
        return engine.Predict(input).Score;
    }
}
