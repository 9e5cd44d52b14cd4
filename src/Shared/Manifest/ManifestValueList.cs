// Compiled into the MSBuild task and, linked, into the CLI (`openverify lock` without a manifest), so both write the
// same I/O signature text. netstandard2.0, BCL only.
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using OpenVerify.Onnx;

namespace OpenVerify.Manifest
{
    /// <summary>The manifest's <c>inputs=</c> / <c>outputs=</c> field text (docs/spec/model-manifest.md).</summary>
    internal static class ManifestValueList
    {
        /// <summary><c>name:type[dims]</c> joined by <c>;</c>; a dimension is a number, <c>?name</c> when symbolic,
        /// <c>?</c> when unknown; <c>name:type*</c> when the rank is unknown.</summary>
        public static string Format(IList<OnnxValueInfo> values)
        {
            var parts = new List<string>(values.Count);
            foreach (var value in values)
            {
                var type = value.Kind == "tensor" ? OnnxElementTypes.Name(value.ElementType) : value.Kind;
                var text = new StringBuilder();
                text.Append(ManifestText.Escape(value.Name)).Append(':').Append(type);
                if (value.Shape == null)
                {
                    text.Append('*');
                }
                else
                {
                    text.Append('[');
                    for (var i = 0; i < value.Shape.Count; i++)
                    {
                        if (i > 0) text.Append(',');
                        var dim = value.Shape[i];
                        if (dim.Value.HasValue && dim.Value.Value >= 0) text.Append(dim.Value.Value.ToString(CultureInfo.InvariantCulture));
                        else text.Append('?').Append(ManifestText.Escape(dim.Symbol ?? string.Empty));
                    }

                    text.Append(']');
                }

                parts.Add(text.ToString());
            }

            return string.Join(";", parts);
        }
    }
}
