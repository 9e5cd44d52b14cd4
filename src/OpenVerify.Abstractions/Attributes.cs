using System;

namespace OpenVerify
{
    /// <summary>
    /// Marks a partial method whose body the OpenVerify source generator writes: the method runs the named
    /// ONNX model through the OpenVerify runtime and returns every result with a signed receipt.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class VerifiedInferenceAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        /// <param name="modelPath">The project-relative path of a <c>VerifiedModel</c> item, written with <c>/</c>.</param>
        public VerifiedInferenceAttribute(string modelPath) => ModelPath = modelPath;

        /// <summary>The project-relative path of the model, written with <c>/</c>.</summary>
        public string ModelPath { get; }
    }

    /// <summary>Maps a parameter to a named model input explicitly.</summary>
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class ModelInputAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        /// <param name="name">The model input's name, exactly as the model declares it.</param>
        public ModelInputAttribute(string name) => Name = name;

        /// <summary>The model input's name.</summary>
        public string Name { get; }
    }

    /// <summary>Maps a return member (property, field or parameter of a record) to a named model output explicitly.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter | AttributeTargets.ReturnValue, AllowMultiple = false, Inherited = false)]
    public sealed class ModelOutputAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        /// <param name="name">The model output's name, exactly as the model declares it.</param>
        public ModelOutputAttribute(string name) => Name = name;

        /// <summary>The model output's name.</summary>
        public string Name { get; }
    }

    /// <summary>
    /// Gives the tensor shape of a parameter. One dimension may be <c>-1</c>: it is inferred from the length of the data.
    /// </summary>
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class ShapeAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        /// <param name="dimensions">The dimensions; at most one may be <c>-1</c>.</param>
        public ShapeAttribute(params long[] dimensions) => Dimensions = dimensions ?? Array.Empty<long>();

        /// <summary>The dimensions, with <c>-1</c> for the one inferred from the data length.</summary>
        public long[] Dimensions { get; }
    }

    /// <summary>
    /// Accepts unverified AI calls in the annotated member or type on purpose. The OpenVerify analyzers do not report
    /// calls inside it. A justification is required (OV1009 reports an empty one).
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface | AttributeTargets.Field | AttributeTargets.Event, AllowMultiple = false, Inherited = false)]
    public sealed class AllowUnverifiedAiAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        /// <param name="justification">Why this code may call AI without a receipt. Required.</param>
        public AllowUnverifiedAiAttribute(string justification) => Justification = justification;

        /// <summary>Why this code may call AI without a receipt.</summary>
        public string Justification { get; }
    }
}
