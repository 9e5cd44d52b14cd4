using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

var a = new DenseTensor<float>(new float[] { 1, 2, 3, 4 }, new[] { 1, 4 });
var inputs = new[] { NamedOnnxValue.CreateFromTensor("a", a), NamedOnnxValue.CreateFromTensor("b", a) };
using var session = new InferenceSession("models/add_mul.onnx");
Console.WriteLine(session.Run(inputs).Count);
Console.WriteLine(new Scoring(session).Sum(inputs)[0] + Scoring.Product(session, inputs)[0] + Scoring.SumOfConstantModel(a, a)[0]);
