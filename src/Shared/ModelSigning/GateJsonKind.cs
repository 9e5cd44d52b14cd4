// This file is compiled into both the runtime (net10.0) and the MSBuild task (netstandard2.0, BCL only). It uses only
// APIs that netstandard2.0 has.

namespace OpenVerify.ModelSigning
{
    /// <summary>The kinds of JSON value.</summary>
    internal enum GateJsonKind
    {
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null,
    }
}
