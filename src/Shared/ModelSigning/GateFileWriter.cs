// Compiled into the runtime (net10.0) and the MSBuild task (netstandard2.0, BCL only): netstandard2.0 APIs only.
using System;
using System.IO;
using System.Text;

namespace OpenVerify.ModelSigning
{
    /// <summary>Writes gate files (lockfile, trust policy): UTF-8 without a byte-order mark, through a temporary file
    /// that replaces the old one, and not at all when the text is unchanged (so an unchanged file keeps its time
    /// stamp).</summary>
    internal static class GateFileWriter
    {
        /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> unless the file already holds it. Returns
        /// whether it wrote.</summary>
        public static bool Save(string path, string text)
        {
            if (File.Exists(path) && string.Equals(File.ReadAllText(path, Encoding.UTF8), text, StringComparison.Ordinal))
            {
                return false;
            }

            var temporary = path + ".tmp";
            File.WriteAllText(temporary, text, new UTF8Encoding(false));
            if (File.Exists(path))
            {
                File.Replace(temporary, path, null);
            }
            else
            {
                File.Move(temporary, path);
            }

            return true;
        }
    }
}
