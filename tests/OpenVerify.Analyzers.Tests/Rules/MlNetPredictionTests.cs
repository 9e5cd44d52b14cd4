using OpenVerify.Analyzers.Rules;
using OpenVerify.Analyzers.Tests.Infrastructure;

namespace OpenVerify.Analyzers.Tests.Rules;

public class MlNetPredictionTests
{
    /// <summary>Microsoft.Extensions.ML and the time-series package are not served here: their types, under the same metadata names.</summary>
    private const string UnservedTypes = """
        namespace Microsoft.Extensions.ML
        {
            public class PredictionEnginePool<TData, TPrediction> where TData : class where TPrediction : class, new()
            {
                public TPrediction Predict(TData example) => new TPrediction();
                public TPrediction Predict(string modelName, TData example) => new TPrediction();
            }
        }

        namespace Microsoft.ML.Transforms.TimeSeries
        {
            public sealed class TimeSeriesPredictionEngine<TSrc, TDst> where TSrc : class where TDst : class, new()
            {
                public TDst Predict(TSrc example, int? horizon = null, float? confidenceLevel = null) => new TDst();
                public void Predict(TSrc example, ref TDst prediction, int? horizon = null, float? confidenceLevel = null) { }
                public void CheckPoint(Microsoft.ML.Runtime.IHostEnvironment env, string modelPath) { }
            }
        }

        public class Input { public float X { get; set; } }
        public class Output { public float Score { get; set; } }
        """;

    private const string Usings = """
        using System;
        using Microsoft.ML;
        using Microsoft.Extensions.ML;
        using Microsoft.ML.Transforms.TimeSeries;

        """;

    private static AnalyzerTest<UnverifiedAiCallAnalyzer> Test(string source) => new(Usings + source, UnservedTypes);

    [Fact]
    public Task Both_prediction_engine_overloads_are_reported() => Test("""
        class Predictor
        {
            Output Predict(PredictionEngine<Input, Output> engine, PredictionEngineBase<Input, Output> baseEngine, Input input)
            {
                var output = new Output();
                {|#0:engine.Predict(input, ref output)|};
                {|#1:baseEngine.Predict(input, ref output)|};
                return {|#2:engine.Predict(input)|};
            }
        }
        """).Expect(
            Expect.Call(Expect.MlNet, 0, "PredictionEngine.Predict"),
            Expect.Call(Expect.MlNet, 1, "PredictionEngineBase.Predict"),
            Expect.Call(Expect.MlNet, 2, "PredictionEngineBase.Predict")).RunAsync();

    [Fact]
    public Task Prediction_engine_pool_and_time_series_are_reported() => Test("""
        class Predictor
        {
            void Predict(PredictionEnginePool<Input, Output> pool, TimeSeriesPredictionEngine<Input, Output> forecast, Input input)
            {
                {|#0:pool.Predict(input)|};
                {|#1:pool.Predict("fraud", input)|};
                {|#2:forecast.Predict(input, horizon: 3)|};
                forecast.CheckPoint(null!, "model.zip");
            }
        }
        """).Expect(
            Expect.Call(Expect.MlNetPool, 0, "PredictionEnginePool.Predict"),
            Expect.Call(Expect.MlNetPool, 1, "PredictionEnginePool.Predict"),
            Expect.Call(Expect.MlNetTimeSeries, 2, "TimeSeriesPredictionEngine.Predict")).RunAsync();

    [Fact]
    public Task Transform_is_lazy_and_not_reported() => Test("""
        class Pipeline
        {
            IDataView Score(ITransformer model, IDataView data) => model.Transform(data);
        }
        """).RunAsync();

    [Fact]
    public Task A_users_own_predict_method_is_not_reported_only_the_engine_call_inside_it() => Test("""
        class FraudModel
        {
            private readonly PredictionEngine<Input, Output> _engine;

            public FraudModel(PredictionEngine<Input, Output> engine) => _engine = engine;

            public Output Predict(Input input) => {|#0:_engine.Predict(input)|};
        }

        class Caller
        {
            Output Use(FraudModel model) => model.Predict(new Input());
        }
        """).Expect(Expect.Call(Expect.MlNet, 0, "PredictionEngineBase.Predict")).RunAsync();

    [Fact]
    public Task A_method_group_of_predict_is_reported() => Test("""
        class Predictor
        {
            Func<Input, Output> Bind(PredictionEngine<Input, Output> engine) => {|#0:engine.Predict|};
        }
        """).Expect(Expect.Call(Expect.MlNet, 0, "PredictionEngineBase.Predict")).RunAsync();
}
