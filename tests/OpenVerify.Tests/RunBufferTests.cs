using OpenVerify.Testing;
using DataType = OpenVerify.Testing.Onnx.TensorProto.Types.DataType;

namespace OpenVerify.Tests;

/// <summary>
/// A run copies its inputs into buffers its thread reuses and, for outputs of static shape, has ONNX Runtime write into
/// reused output buffers (bound once per thread). These tests pin what that must never change: every run computes on
/// its own inputs, returns outputs of its own (not views of a buffer the next run overwrites), and its receipt hashes
/// exactly those inputs and outputs, also when shapes change from run to run and when a model's outputs differ from
/// the shapes it declares.
/// </summary>
public class RunBufferTests
{
    private static readonly SigningKey Key = SigningKey.Generate();

    [Fact]
    public void Runs_on_one_thread_each_compute_on_their_own_inputs_and_keep_their_outputs()
    {
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        var results = new List<(float[] A, float[] B, Attested<TensorSet> Result)>();
        for (var run = 0; run < 20; run++)
        {
            var a = Enumerable.Range(0, 4).Select(i => (run * 7f) + i).ToArray();
            var b = Enumerable.Range(0, 4).Select(i => 0.5f - (run * i)).ToArray();
            results.Add((a, b, model.Run(Inputs(a, b), new InferenceOptions { Signer = Key })));
        }

        // Checked after all runs: an output that were a view of a reused buffer would hold the last run's values.
        foreach (var (a, b, result) in results)
        {
            CheckAddMul(a, b, result);
        }
    }

    [Fact]
    public void Runs_on_many_threads_each_compute_on_their_own_inputs()
    {
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 4 }, run =>
        {
            var a = Enumerable.Range(0, 4).Select(i => (run * 3f) - i).ToArray();
            var b = Enumerable.Range(0, 4).Select(i => run + (0.25f * i)).ToArray();
            CheckAddMul(a, b, model.Run(Inputs(a, b), new InferenceOptions { Signer = Key }));
        });
    }

    [Fact]
    public void An_input_whose_shape_changes_from_run_to_run_gets_a_buffer_of_its_shape()
    {
        using var model = VerifiedModel.FromBytes(TestModels.DynamicBatch());
        CheckRelu(model, [1, 3, 3, 1, 2]);
    }

    [Fact]
    public void A_static_output_over_an_input_whose_shape_changes_is_computed_from_the_new_input()
    {
        // y = ReduceSum(x, axis 0, keepdims) is [1, 3] whatever N is: the output buffer stays bound while the input
        // buffer is remade and rebound for each new N.
        var bytes = new OnnxModelBuilder()
            .GraphName("column_sums")
            .Input("x", (int)DataType.Float, "N", 3)
            .Output("y", (int)DataType.Float, 1, 3)
            .Initializer("axes", [1], 0L)
            .Node("ReduceSum", ["x", "axes"], ["y"])
            .Build();
        using var model = VerifiedModel.FromBytes(bytes);
        foreach (var rows in new[] { 1, 3, 2, 2, 4, 1 })
        {
            var x = Enumerable.Range(0, rows * 3).Select(i => (float)((i * rows) + 1)).ToArray();
            var input = TensorValue.Create(x, rows, 3);
            var result = model.Run([new("x", input)], new InferenceOptions { Signer = Key });
            var expected = Enumerable.Range(0, 3).Select(c => Enumerable.Range(0, rows).Sum(r => x[(r * 3) + c])).ToArray();
            result.Value.Get<float>("y").ToArray().ShouldBe(expected);
            CheckDigests(result, [new("x", input)]);
        }
    }

    [Fact]
    public void A_model_whose_outputs_differ_from_their_declared_static_shape_still_runs_correctly()
    {
        // Declares y as [2, 3] but computes it as [N, 3]: ONNX Runtime refuses to write a [3, 3] result into a [2, 3]
        // buffer, so the run falls back to outputs ONNX Runtime allocates, and the model keeps running that way.
        using var model = VerifiedModel.FromBytes(DeclaresAStaticOutput());
        CheckRelu(model, [2, 3, 2, 1]);
    }

    [Fact]
    public void A_failing_run_fails_with_the_runtimes_message_and_the_next_run_works()
    {
        // Gather with an index out of range fails inside ONNX Runtime, with outputs of static shape.
        using var model = VerifiedModel.FromBytes(GatherModel());
        var error = Should.Throw<InferenceFailedException>(() => model.Run([new("i", TensorValue.Create(new[] { 7L }, 1))], new InferenceOptions { Signer = Key }));
        error.Message.ShouldContain("gather");
        model.Run([new("i", TensorValue.Create(new[] { 2L }, 1))], new InferenceOptions { Signer = Key }).Value.Get<float>("y").ToArray().ShouldBe([30f]);
    }

    [Fact]
    public void Runs_on_threads_that_come_and_go_leave_no_buffers_per_thread_behind()
    {
        // A server's thread pool grows and retires threads: each run lends a buffer set and gives it back, so what the
        // model holds is bounded by the runs in flight at once (here one), not by the threads that ever ran it.
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        for (var run = 0; run < 6; run++)
        {
            var a = new[] { run, 1f, 2f, 3f };
            var b = new[] { 1f, run, 0.5f, -2f };
            var thread = new Thread(() => CheckAddMul(a, b, model.Run(Inputs(a, b), new InferenceOptions { Signer = Key })));
            thread.Start();
            thread.Join();
        }

        model.BuffersHeld.ShouldBe(1);
    }

    [Fact]
    public void Disposing_the_model_frees_its_idle_buffers_and_later_runs_fail_as_disposed()
    {
        var model = VerifiedModel.FromBytes(TestModels.AddMul());
        model.Run(Inputs([1f, 2f, 3f, 4f], [4f, 3f, 2f, 1f]), new InferenceOptions { Signer = Key });
        model.BuffersHeld.ShouldBe(1);
        model.Dispose();
        model.BuffersHeld.ShouldBe(0);
        Should.Throw<ObjectDisposedException>(() => model.Run(Inputs([1f, 2f, 3f, 4f], [4f, 3f, 2f, 1f]), new InferenceOptions { Signer = Key }));
    }

    [Fact]
    public async Task Disposing_the_model_while_a_run_is_in_flight_lets_the_run_finish_and_closes_the_session_after_it()
    {
        // Eight chained 256x256 matrix products: long enough to dispose the model while ONNX Runtime executes it.
        const int n = 256;
        var builder = new OnnxModelBuilder().GraphName("slow").Input("x", (int)DataType.Float, n, n).Output("y8", (int)DataType.Float, n, n);
        for (var i = 1; i <= 8; i++)
        {
            builder.Node("MatMul", [i == 1 ? "x" : $"y{i - 1}", "x"], [$"y{i}"]);
        }

        var bytes = builder.Build();
        var x = Enumerable.Range(0, n * n).Select(i => (i % 7) == 0 ? 1f / n : 0f).ToArray();
        var disposedUnderARun = 0;
        for (var attempt = 0; attempt < 20 && disposedUnderARun == 0; attempt++)
        {
            // A fresh model each attempt: Dispose may also land before the run starts, which then fails as disposed.
            var model = VerifiedModel.FromBytes(bytes);
            var run = Task.Run(() => model.Run([new("x", TensorValue.Create(x, n, n))], new InferenceOptions { Signer = Key }));
            SpinWait.SpinUntil(() => model.RunsInFlight > 0 || run.IsCompleted);
            model.Dispose();
            var underARun = model.RunsInFlight > 0;
            if (underARun)
            {
                model.SessionClosed.ShouldBeFalse("the session must stay open while a run executes it");
            }

            try
            {
                var result = await run;
                result.Value.Get<float>("y8").ToArray().Length.ShouldBe(n * n);
                disposedUnderARun += underARun ? 1 : 0;
            }
            catch (ObjectDisposedException) when (!underARun)
            {
                // Dispose came between the run being counted and its disposed check: the run saw it and did not start.
            }

            model.RunsInFlight.ShouldBe(0);
            model.SessionClosed.ShouldBeTrue();
            model.BuffersHeld.ShouldBe(0);
            Should.Throw<ObjectDisposedException>(() => model.Run([new("x", TensorValue.Create(x, n, n))], new InferenceOptions { Signer = Key }));
        }

        disposedUnderARun.ShouldBeGreaterThan(0, "no attempt disposed the model while its run was in flight");
    }

    [Fact]
    public void A_run_that_fails_for_another_reason_than_its_output_shapes_runs_once_and_keeps_output_buffers()
    {
        // Only an output of another shape than declared is run again without output buffers; a failure of the model
        // itself is reported from the one run, and the next run still writes into the output buffers.
        using var model = VerifiedModel.FromBytes(GatherModel());
        model.BindsOutputs.ShouldBeTrue();
        Should.Throw<InferenceFailedException>(() => model.Run([new("i", TensorValue.Create(new[] { 7L }, 1))], new InferenceOptions { Signer = Key }));
        model.Reruns.ShouldBe(0);
        model.BindsOutputs.ShouldBeTrue();
        model.Run([new("i", TensorValue.Create(new[] { 1L }, 1))], new InferenceOptions { Signer = Key }).Value.Get<float>("y").ToArray().ShouldBe([20f]);
        model.BindsOutputs.ShouldBeTrue();
    }

    [Fact]
    public void Only_an_output_shape_mismatch_turns_output_buffers_off()
    {
        using var model = VerifiedModel.FromBytes(DeclaresAStaticOutput());
        model.BindsOutputs.ShouldBeTrue();
        CheckRelu(model, [2]);
        model.BindsOutputs.ShouldBeTrue();
        CheckRelu(model, [3]);
        model.Reruns.ShouldBe(1);
        model.BindsOutputs.ShouldBeFalse();
    }

    private static byte[] GatherModel() => new OnnxModelBuilder()
        .GraphName("gather")
        .Input("i", (int)DataType.Int64, 1)
        .Output("y", (int)DataType.Float, 1)
        .Initializer("table", [3], new[] { 10f, 20f, 30f })
        .Node("Gather", ["table", "i"], ["y"])
        .Build();

    private static byte[] DeclaresAStaticOutput() => new OnnxModelBuilder()
        .GraphName("declares_a_static_output")
        .Input("x", (int)DataType.Float, "N", 3)
        .Output("y", (int)DataType.Float, 2, 3)
        .Node("Relu", ["x"], ["y"])
        .Build();

    /// <summary>Runs y = Relu(x) on inputs of [rows, 3] for each count of rows in turn.</summary>
    private static void CheckRelu(VerifiedModel model, int[] rowCounts)
    {
        foreach (var rows in rowCounts)
        {
            var x = Enumerable.Range(0, rows * 3).Select(i => i % 3 == 0 ? -1f - i : i + 0.5f).ToArray();
            var input = TensorValue.Create(x, rows, 3);
            var result = model.Run([new("x", input)], new InferenceOptions { Signer = Key });
            var y = result.Value.Get<float>("y");
            y.Shape.ShouldBe([rows, 3]);
            y.ToArray().ShouldBe(x.Select(v => Math.Max(v, 0f)).ToArray());
            CheckDigests(result, [new("x", input)]);
        }
    }

    private static KeyValuePair<string, TensorValue>[] Inputs(float[] a, float[] b) =>
        [new("a", TensorValue.Create(a, 1, 4)), new("b", TensorValue.Create(b, 1, 4))];

    private static void CheckAddMul(float[] a, float[] b, Attested<TensorSet> result)
    {
        result.Value.Get<float>("sum").ToArray().ShouldBe(a.Zip(b, (x, y) => x + y).ToArray());
        result.Value.Get<float>("product").ToArray().ShouldBe(a.Zip(b, (x, y) => x * y).ToArray());
        CheckDigests(result, [new("a", TensorValue.Create((float[])a.Clone(), 1, 4)), new("b", TensorValue.Create((float[])b.Clone(), 1, 4))]);
    }

    /// <summary>The receipt's digests are those of the given inputs and of the returned outputs.</summary>
    private static void CheckDigests(Attested<TensorSet> result, KeyValuePair<string, TensorValue>[] inputs)
    {
        var predicate = result.Receipt.ReadStatementUnverified().Predicate;
        foreach (var (name, tensor) in inputs)
        {
            predicate.Inputs.Tensors.Single(t => t.Name == name).Digest.Values.Single().ShouldBe(TensorDigest.Compute(tensor).ToHex());
        }

        foreach (var (name, tensor) in result.Value)
        {
            predicate.Outputs.Tensors.Single(t => t.Name == name).Digest.Values.Single().ShouldBe(TensorDigest.Compute(tensor).ToHex());
        }

        predicate.Outputs.Digest.Values.Single().ShouldBe(TensorDigest.ComputeSet(result.Value).ToHex());
    }
}
