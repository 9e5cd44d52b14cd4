using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OpenVerify.Analyzers.Diagnostics;
using OpenVerify.Analyzers.Manifest;
using OpenVerify.Manifest;
using OpenVerify.Onnx;

namespace OpenVerify.Analyzers.Generation;

/// <summary>Where a binding problem is reported.</summary>
internal enum BindingTarget
{
    /// <summary>The method's name.</summary>
    Method,

    /// <summary>A parameter (<see cref="BindingProblem.Index"/> is its ordinal).</summary>
    Parameter,

    /// <summary>The return type (<see cref="BindingProblem.Index"/> is the result member, or -1).</summary>
    Return,
}

/// <summary>A mismatch between a method and its model: the id and the whole message.</summary>
internal sealed record BindingProblem(string Id, BindingTarget Target, int Index, string Message);

/// <summary>A parameter bound to a model input, with the shape the generated code passes (-1 where the length decides).</summary>
internal sealed record BoundInput(int ParameterIndex, string InputName, EquatableArray<long> Shape);

/// <summary>A model output bound to the result (member index, or -1 for a single tensor).</summary>
internal sealed record BoundOutput(int MemberIndex, string OutputName);

/// <summary>What binding a method to its model gives: problems, or the inputs and outputs to wire.</summary>
internal sealed record BindingResult(EquatableArray<BindingProblem> Problems, EquatableArray<BoundInput> Inputs, EquatableArray<BoundOutput> Outputs)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Binds a <c>[VerifiedInference]</c> method to its model's manifest entry: parameters to inputs and result members to
/// outputs (by name, ignoring case and <c>_ . : /</c>, or explicitly), element types, ranks and static shapes. The
/// analyzers report its problems (OV1004–OV1008); the generator uses its result, or emits a body that throws.
/// </summary>
internal static class ModelBinder
{
    public static BindingResult Bind(VerifiedMethodModel method, ModelEntry model)
    {
        var problems = new List<BindingProblem>();
        var inputs = new List<BoundInput>();
        var outputs = new List<BoundOutput>();
        BindInputs(method, model, problems, inputs);
        BindOutputs(method, model, problems, outputs);
        return new BindingResult(problems.ToEquatableArray(), inputs.ToEquatableArray(), outputs.ToEquatableArray());
    }

    private static void BindInputs(VerifiedMethodModel method, ModelEntry model, List<BindingProblem> problems, List<BoundInput> bound)
    {
        var taken = new Dictionary<string, string>(System.StringComparer.Ordinal);
        for (var i = 0; i < method.Parameters.Count; i++)
        {
            var parameter = method.Parameters[i];
            if (parameter.Type.Carrier == TensorCarrier.CancellationToken)
            {
                if (method.ReturnShape == ReturnShape.Sync)
                {
                    problems.Add(new(DiagnosticIds.UnsupportedType, BindingTarget.Parameter, i,
                        $"The parameter '{parameter.PlainName}' is a CancellationToken, which only an async method (Task<Attested<T>> or ValueTask<Attested<T>>) can take"));
                }

                continue;
            }

            if (parameter.HasRefKind || parameter.Type.Carrier == TensorCarrier.Unsupported)
            {
                problems.Add(new(DiagnosticIds.UnsupportedType, BindingTarget.Parameter, i,
                    $"The parameter '{parameter.PlainName}' of type '{parameter.Type.DisplayText}' cannot carry an input of '{model.Path}'; use T[], Memory<T>, ReadOnlyMemory<T>, DenseTensor<T>, string[] or a scalar, passed by value, with T a supported element type"));

                // Its input is not reported again as having no parameter.
                if (Find(model.Inputs, parameter.ExplicitInput, parameter.PlainName) is { } meant)
                {
                    taken[meant.Name] = parameter.PlainName;
                }

                continue;
            }

            var input = Find(model.Inputs, parameter.ExplicitInput, parameter.PlainName);
            if (input is null)
            {
                problems.Add(new(DiagnosticIds.InputMismatch, BindingTarget.Parameter, i,
                    parameter.ExplicitInput is null
                        ? $"The parameter '{parameter.PlainName}' matches no input of '{model.Path}'; its inputs are: {List(model.Inputs)}. Rename it or add [ModelInput(\"name\")]"
                        : $"[ModelInput(\"{parameter.ExplicitInput}\")] on '{parameter.PlainName}' names no input of '{model.Path}'; its inputs are: {List(model.Inputs)}"));
                continue;
            }

            if (taken.TryGetValue(input.Name, out var other))
            {
                problems.Add(new(DiagnosticIds.InputMismatch, BindingTarget.Parameter, i,
                    $"The parameters '{other}' and '{parameter.PlainName}' both map to the input '{input.Name}' of '{model.Path}'"));
                continue;
            }

            taken[input.Name] = parameter.PlainName;
            if (!CheckElementType(parameter.Type, input, model, $"The parameter '{parameter.PlainName}'", "input", BindingTarget.Parameter, i, problems))
            {
                continue;
            }

            var shape = InputShape(parameter, input, model, i, problems);
            if (shape is not null)
            {
                bound.Add(new BoundInput(i, input.Name, shape.Value));
            }
        }

        foreach (var input in model.Inputs)
        {
            if (!taken.ContainsKey(input.Name))
            {
                problems.Add(new(DiagnosticIds.InputMismatch, BindingTarget.Method, -1,
                    $"The input '{input.Display}' of '{model.Path}' has no parameter; add one named '{input.Name}' or mark one [ModelInput(\"{input.Name}\")]"));
            }
        }
    }

    private static EquatableArray<long>? InputShape(ParameterModel parameter, ModelTensor input, ModelEntry model, int index, List<BindingProblem> problems)
    {
        var who = $"The parameter '{parameter.PlainName}'";
        switch (parameter.Type.Carrier)
        {
            case TensorCarrier.DenseTensor:
                // The tensor carries its own shape; the runtime checks it against the model.
                return EquatableArray<long>.Empty;
            case TensorCarrier.Scalar:
                if (input.Rank > 0)
                {
                    problems.Add(new(DiagnosticIds.ShapeMismatch, BindingTarget.Parameter, index,
                        $"{who} is a scalar (rank 0), but the input '{input.Name}' of '{model.Path}' has shape {input.ShapeText}; take an array or memory instead"));
                    return null;
                }

                return EquatableArray<long>.Empty;
        }

        if (parameter.Shape is { } given)
        {
            if (given.Count(d => d == -1) > 1 || given.Any(d => d < -1))
            {
                problems.Add(new(DiagnosticIds.ShapeMismatch, BindingTarget.Parameter, index,
                    $"[Shape] on '{parameter.PlainName}' is [{Join(given)}]; dimensions must be non-negative, with at most one -1 (inferred from the length)"));
                return null;
            }

            if (input.Rank >= 0 && (given.Count != input.Rank || Enumerable.Range(0, given.Count).Any(d => input.Dimensions[d] >= 0 && given[d] >= 0 && given[d] != input.Dimensions[d])))
            {
                problems.Add(new(DiagnosticIds.ShapeMismatch, BindingTarget.Parameter, index,
                    $"[Shape] on '{parameter.PlainName}' is [{Join(given)}], but the input '{input.Name}' of '{model.Path}' has shape {input.ShapeText}"));
                return null;
            }

            return given;
        }

        if (input.IsFullyStatic)
        {
            return input.Dimensions;
        }

        if (input.Rank == 1)
        {
            return new EquatableArray<long>(new[] { -1L });
        }

        problems.Add(new(DiagnosticIds.ShapeMismatch, BindingTarget.Parameter, index,
            $"The input '{input.Name}' of '{model.Path}' has shape {input.ShapeText}, which the length of '{parameter.PlainName}' alone does not fix; give one with [Shape(...)], using -1 for the dimension the length decides"));
        return null;
    }

    private static void BindOutputs(VerifiedMethodModel method, ModelEntry model, List<BindingProblem> problems, List<BoundOutput> bound)
    {
        var result = method.Result;
        if (method.ReturnShape == ReturnShape.Unsupported || result is null)
        {
            problems.Add(new(DiagnosticIds.UnsupportedType, BindingTarget.Return, -1,
                $"The return type '{method.ReturnTypeText.Replace("global::", string.Empty)}' is not supported; return Attested<T>, Task<Attested<T>> or ValueTask<Attested<T>>, with T an array, DenseTensor<T> or scalar for one output, or a record, class or tuple with a member per output"));
            return;
        }

        if (result.Construction == ResultConstruction.Single)
        {
            var type = result.Single!;
            ModelTensor? output;
            if (result.ExplicitOutput is not null)
            {
                output = model.Outputs.FirstOrDefault(o => o.Name == result.ExplicitOutput);
                if (output is null)
                {
                    problems.Add(new(DiagnosticIds.OutputMismatch, BindingTarget.Return, -1,
                        $"[return: ModelOutput(\"{result.ExplicitOutput}\")] names no output of '{model.Path}'; its outputs are: {List(model.Outputs)}"));
                    return;
                }
            }
            else if (model.Outputs.Count == 1)
            {
                output = model.Outputs[0];
            }
            else
            {
                problems.Add(new(DiagnosticIds.OutputMismatch, BindingTarget.Return, -1,
                    $"The method returns one tensor ('{result.DisplayText}'), but '{model.Path}' has {model.Outputs.Count} outputs: {List(model.Outputs)}; return a record with a member per output, or pick one with [return: ModelOutput(\"name\")]"));
                return;
            }

            if (CheckOutput(type, output, model, $"The result '{result.DisplayText}'", -1, problems))
            {
                bound.Add(new BoundOutput(-1, output.Name));
            }

            return;
        }

        var taken = new HashSet<string>(System.StringComparer.Ordinal);
        for (var m = 0; m < result.Members.Count; m++)
        {
            var member = result.Members[m];
            var who = $"The member '{member.Name}' of '{result.DisplayText}'";
            if (member.Type.Carrier is TensorCarrier.Unsupported or TensorCarrier.CancellationToken or TensorCarrier.Memory or TensorCarrier.ReadOnlyMemory)
            {
                problems.Add(new(DiagnosticIds.UnsupportedType, BindingTarget.Return, m,
                    $"{who} has type '{member.Type.DisplayText}', which cannot receive an output of '{model.Path}'; use T[], DenseTensor<T>, string[] or a scalar"));
                continue;
            }

            var output = Find(model.Outputs, member.ExplicitOutput, member.Name);
            if (output is null || !taken.Add(output.Name))
            {
                problems.Add(new(DiagnosticIds.OutputMismatch, BindingTarget.Return, m,
                    output is null
                        ? $"{who} matches no output of '{model.Path}'; its outputs are: {List(model.Outputs)}. Rename it or add [ModelOutput(\"name\")]"
                        : $"{who} maps to the output '{output.Name}' of '{model.Path}', which another member already receives"));
                continue;
            }

            if (CheckOutput(member.Type, output, model, who, m, problems))
            {
                bound.Add(new BoundOutput(m, output.Name));
            }
        }
    }

    private static bool CheckOutput(TensorType type, ModelTensor output, ModelEntry model, string who, int index, List<BindingProblem> problems)
    {
        if (!CheckElementType(type, output, model, who, "output", BindingTarget.Return, index, problems))
        {
            return false;
        }

        if (type.Carrier == TensorCarrier.Scalar && output.Rank > 0)
        {
            problems.Add(new(DiagnosticIds.ShapeMismatch, BindingTarget.Return, index,
                $"{who} is a scalar (rank 0), but the output '{output.Name}' of '{model.Path}' has shape {output.ShapeText}; use an array or DenseTensor<T>"));
            return false;
        }

        return true;
    }

    private static bool CheckElementType(TensorType type, ModelTensor tensor, ModelEntry model, string who, string kind, BindingTarget target, int index, List<BindingProblem> problems)
    {
        if (!tensor.IsTensor)
        {
            problems.Add(new(DiagnosticIds.UnsupportedType, target, index,
                $"The {kind} '{tensor.Name}' of '{model.Path}' is a {tensor.ElementType}, not a tensor; OpenVerify v1 covers dense tensors only"));
            return false;
        }

        if (tensor.ElementType != type.ElementType)
        {
            var expected = OnnxElementTypes.CSharpTypeOf(tensor.ElementType);
            problems.Add(new(DiagnosticIds.ElementTypeMismatch, target, index,
                $"{who} has element type '{type.ElementTypeText.Replace("global::", string.Empty)}' ({type.ElementType}), but the {kind} '{tensor.Name}' of '{model.Path}' holds {tensor.ElementType}" +
                (expected is null ? string.Empty : $" (C# '{expected}')")));
            return false;
        }

        return true;
    }

    private static ModelTensor? Find(EquatableArray<ModelTensor> tensors, string? explicitName, string name)
    {
        if (explicitName is not null)
        {
            return tensors.FirstOrDefault(t => t.Name == explicitName);
        }

        var exact = tensors.FirstOrDefault(t => t.Name == name);
        if (exact is not null)
        {
            return exact;
        }

        var normalized = ManifestElementTypes.NormalizeName(name);
        var matches = tensors.Where(t => ManifestElementTypes.NormalizeName(t.Name) == normalized).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static string List(EquatableArray<ModelTensor> tensors) =>
        tensors.Count == 0 ? "(none)" : string.Join("; ", tensors.Select(t => t.Display));

    private static string Join(EquatableArray<long> dims) => string.Join(",", dims.Select(d => d.ToString(CultureInfo.InvariantCulture)));
}
