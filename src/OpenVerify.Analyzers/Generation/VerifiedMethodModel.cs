using System;

namespace OpenVerify.Analyzers.Generation;

/// <summary>How a C# type carries a tensor.</summary>
internal enum TensorCarrier
{
    /// <summary>Not a type a generated method can take or return.</summary>
    Unsupported,

    /// <summary><c>T[]</c> (<c>string[]</c> for string tensors): the elements in row-major order.</summary>
    Array,

    /// <summary><c>Memory&lt;T&gt;</c>.</summary>
    Memory,

    /// <summary><c>ReadOnlyMemory&lt;T&gt;</c>.</summary>
    ReadOnlyMemory,

    /// <summary>ONNX Runtime's <c>DenseTensor&lt;T&gt;</c>, which carries its own shape.</summary>
    DenseTensor,

    /// <summary>One value: a rank-0 tensor.</summary>
    Scalar,

    /// <summary>A <c>CancellationToken</c> parameter of an async method (not a model input).</summary>
    CancellationToken,
}

/// <summary>How the attested result is returned.</summary>
internal enum ReturnShape
{
    /// <summary>Not <c>Attested&lt;T&gt;</c>, <c>Task&lt;Attested&lt;T&gt;&gt;</c> or <c>ValueTask&lt;Attested&lt;T&gt;&gt;</c>.</summary>
    Unsupported,

    /// <summary><c>Attested&lt;T&gt;</c>.</summary>
    Sync,

    /// <summary><c>Task&lt;Attested&lt;T&gt;&gt;</c>.</summary>
    Task,

    /// <summary><c>ValueTask&lt;Attested&lt;T&gt;&gt;</c>.</summary>
    ValueTask,
}

/// <summary>How a record of several outputs is built.</summary>
internal enum ResultConstruction
{
    /// <summary>One tensor is the result.</summary>
    Single,

    /// <summary>A constructor whose parameters map to outputs.</summary>
    Constructor,

    /// <summary><c>new T { Member = ... }</c> over settable or init-only members.</summary>
    Initializer,

    /// <summary>A value tuple with named elements.</summary>
    Tuple,
}

/// <summary>A C# type seen as a tensor carrier: the carrier, the element type and its text.</summary>
/// <param name="Carrier">How the type carries the tensor.</param>
/// <param name="ElementType">The ONNX element type of its elements ("" when no ONNX type fits).</param>
/// <param name="ElementTypeText">The element type as fully qualified C# (for generated code and messages).</param>
/// <param name="TypeText">The whole type as fully qualified C#.</param>
/// <param name="DisplayText">The whole type as people read it (<c>float[]</c>).</param>
internal sealed record TensorType(TensorCarrier Carrier, string ElementType, string ElementTypeText, string TypeText, string DisplayText);

/// <summary>A parameter of a <c>[VerifiedInference]</c> method.</summary>
/// <param name="Name">The parameter name as written in C# (with <c>@</c> where it is a keyword).</param>
/// <param name="PlainName">The parameter name without <c>@</c>.</param>
/// <param name="Type">The parameter's type.</param>
/// <param name="ExplicitInput">The name from <c>[ModelInput]</c>, or null.</param>
/// <param name="Shape">The dimensions from <c>[Shape]</c>, or null.</param>
/// <param name="HasRefKind">Whether it is <c>ref</c>, <c>out</c>, <c>in</c> or <c>params</c> (unsupported).</param>
internal sealed record ParameterModel(string Name, string PlainName, TensorType Type, string? ExplicitInput, EquatableArray<long>? Shape, bool HasRefKind);

/// <summary>A member of the result type that receives one output.</summary>
/// <param name="Name">The member (or tuple element, or constructor parameter) name.</param>
/// <param name="Type">The member's type.</param>
/// <param name="ExplicitOutput">The name from <c>[ModelOutput]</c>, or null.</param>
internal sealed record ResultMember(string Name, TensorType Type, string? ExplicitOutput);

/// <summary>The <c>T</c> of <c>Attested&lt;T&gt;</c>: one tensor, or a record, class or tuple of several.</summary>
/// <param name="TypeText">The type as fully qualified C#.</param>
/// <param name="DisplayText">The type as people read it.</param>
/// <param name="Construction">How it is built.</param>
/// <param name="Single">For <see cref="ResultConstruction.Single"/>, the tensor type.</param>
/// <param name="ExplicitOutput">For a single tensor, the name from <c>[return: ModelOutput]</c>, or null.</param>
/// <param name="Members">For several outputs, the members in construction order.</param>
internal sealed record ResultModel(string TypeText, string DisplayText, ResultConstruction Construction, TensorType? Single, string? ExplicitOutput, EquatableArray<ResultMember> Members);

/// <summary>A type that contains the method, outermost first in <see cref="VerifiedMethodModel.ContainingTypes"/>.</summary>
/// <param name="Keyword">class, struct, record, record struct or interface.</param>
/// <param name="Name">The name with its type parameters (<c>Outer&lt;T&gt;</c>).</param>
/// <param name="IsPartial">Whether every declaration that holds the method is partial.</param>
internal sealed record ContainingTypeModel(string Keyword, string Name, bool IsPartial);

/// <summary>
/// A <c>[VerifiedInference]</c> method as plain data (no symbols or syntax), so the generator caches it and the
/// analyzers and generator bind it the same way.
/// </summary>
internal sealed record VerifiedMethodModel(
    string ModelPath,
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Name,
    string Modifiers,
    string ReturnTypeText,
    ReturnShape ReturnShape,
    ResultModel? Result,
    EquatableArray<ParameterModel> Parameters,
    bool IsPartial,
    bool IsGeneric,
    string ReceiptMethodName,
    string HintName)
{
    /// <summary>Whether the generator can write an implementation part at all (partial method in partial types).</summary>
    public bool CanEmit => IsPartial && !IsGeneric && ContainingTypes.Count > 0 && ContainingTypes.All(t => t.IsPartial);
}

internal static class EquatableArrayLinq
{
    public static bool All<T>(this EquatableArray<T> items, Func<T, bool> predicate) where T : IEquatable<T>
    {
        foreach (var item in items)
        {
            if (!predicate(item))
            {
                return false;
            }
        }

        return true;
    }
}
