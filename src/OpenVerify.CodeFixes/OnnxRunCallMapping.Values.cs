using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpenVerify.CodeFixes;

/// <summary>A model input the extracted method takes: its parameter and the argument the call site passes.</summary>
internal sealed class MappedInput
{
    public MappedInput(string modelName, ITypeSymbol parameterType, ExpressionSyntax argument, long[]? shape)
    {
        ModelName = modelName;
        ParameterType = parameterType;
        Argument = argument;
        Shape = shape;
    }

    public string ModelName { get; }

    public ITypeSymbol ParameterType { get; }

    public ExpressionSyntax Argument { get; }

    /// <summary>The <c>[Shape]</c> to declare, or null where the tensor carries its own.</summary>
    public long[]? Shape { get; }
}

/// <summary>A model output the code reads (<see cref="ModelName"/> is null for "the model's only output").</summary>
internal sealed class MappedOutput
{
    public MappedOutput(string? modelName, ITypeSymbol resultType)
    {
        ModelName = modelName;
        ResultType = resultType;
    }

    public string? ModelName { get; }

    public ITypeSymbol ResultType { get; }
}

/// <summary>A place where the code reads an output, and the output it reads.</summary>
internal sealed class OutputRead
{
    public OutputRead(ExpressionSyntax expression, MappedOutput output)
    {
        Expression = expression;
        Output = output;
    }

    public ExpressionSyntax Expression { get; }

    public MappedOutput Output { get; }
}
