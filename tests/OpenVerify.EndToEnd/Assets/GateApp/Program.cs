using Microsoft.ML.OnnxRuntime;

// An unverified AI call: built, never run.
if (args.Length > 0)
{
    using var session = new InferenceSession(args[0]);
#pragma warning disable OV0001
    using var results = session.Run(new List<NamedOnnxValue>());
#pragma warning restore OV0001
}
