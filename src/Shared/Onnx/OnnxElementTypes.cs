// Shared kernel (src/Shared, part ElementTypes): netstandard2.0, BCL only, compiled internal into each project that
// needs it. The one table of ONNX element types: the runtime's ElementType names, the manifest's type field, the
// generator's and code fixes' mapping of C# types.
using System;

namespace OpenVerify.Onnx
{
    /// <summary>ONNX <c>TensorProto.DataType</c> codes, their names as OpenVerify writes them (manifest, receipts, CLI),
    /// and the .NET types that carry them.</summary>
    internal static class OnnxElementTypes
    {
        /// <summary>The name of code 0 and of any code OpenVerify does not know.</summary>
        public const string Undefined = "undefined";

        /// <summary>The highest code known (float4e2m1, ONNX 1.18).</summary>
        public const int MaxCode = 23;

        private static readonly string[] Names =
        {
            Undefined, "float", "uint8", "int8", "uint16", "int16", "int32", "int64", "string", "bool", "float16", "double",
            "uint32", "uint64", "complex64", "complex128", "bfloat16", "float8e4m3fn", "float8e4m3fnuz", "float8e5m2",
            "float8e5m2fnuz", "uint4", "int4", "float4e2m1",
        };

        /// <summary>The element types a .NET type carries (docs/verified-inference.md): ONNX name, C# name (as messages
        /// and generated code write it), metadata name.</summary>
        private static readonly string[][] Carriers =
        {
            new[] { "float", "float", "System.Single" },
            new[] { "double", "double", "System.Double" },
            new[] { "int8", "sbyte", "System.SByte" },
            new[] { "uint8", "byte", "System.Byte" },
            new[] { "int16", "short", "System.Int16" },
            new[] { "uint16", "ushort", "System.UInt16" },
            new[] { "int32", "int", "System.Int32" },
            new[] { "uint32", "uint", "System.UInt32" },
            new[] { "int64", "long", "System.Int64" },
            new[] { "uint64", "ulong", "System.UInt64" },
            new[] { "bool", "bool", "System.Boolean" },
            new[] { "string", "string", "System.String" },
            new[] { "float16", "Microsoft.ML.OnnxRuntime.Float16", "Microsoft.ML.OnnxRuntime.Float16" },
            new[] { "bfloat16", "Microsoft.ML.OnnxRuntime.BFloat16", "Microsoft.ML.OnnxRuntime.BFloat16" },
        };

        /// <summary>The name of a code (<c>float</c>, <c>int64</c>, …); <see cref="Undefined"/> for 0 and unknown codes.</summary>
        public static string Name(int code) => code > 0 && code <= MaxCode ? Names[code] : Undefined;

        /// <summary>Reads a name written by <see cref="Name"/>; only known codes (1 to <see cref="MaxCode"/>) parse.</summary>
        public static bool TryParse(string? name, out int code)
        {
            for (code = 1; code <= MaxCode; code++)
            {
                if (string.Equals(Names[code], name, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            code = 0;
            return false;
        }

        /// <summary>Whether <paramref name="name"/> names a tensor element type, <see cref="Undefined"/> included.</summary>
        public static bool IsName(string name) => string.Equals(name, Undefined, StringComparison.Ordinal) || TryParse(name, out _);

        /// <summary>The C# type that carries an element type (<c>float</c>, <c>Microsoft.ML.OnnxRuntime.Float16</c>);
        /// null when none does.</summary>
        public static string? CSharpTypeOf(string onnxName) => Find(onnxName, 0, 1);

        /// <summary>The element type a .NET type carries, by its metadata name (<c>System.Single</c>); null when none.</summary>
        public static string? OfClrType(string metadataName) => Find(metadataName, 2, 0);

        private static string? Find(string key, int from, int to)
        {
            foreach (var row in Carriers)
            {
                if (string.Equals(row[from], key, StringComparison.Ordinal))
                {
                    return row[to];
                }
            }

            return null;
        }
    }
}
