// This file is compiled into both the runtime (net10.0) and the MSBuild task (netstandard2.0, BCL only). It uses only
// APIs that netstandard2.0 has.
using System;
using System.Globalization;

namespace OpenVerify.ModelSigning
{
    /// <summary>
    /// A gate file (trust policy, lockfile, model signature) is malformed: not JSON, a duplicate or unknown property, a
    /// missing or mistyped field. <see cref="Line"/> is the 1-based line of the offending text, or 0 when it has none.
    /// The build reports it as OV2007.
    /// </summary>
    /// <remarks>Its base, <c>SharedExceptionBase</c>, is <c>OpenVerifyException</c> in the runtime and <see cref="Exception"/>
    /// elsewhere (src/Shared/OpenVerify.Shared.props).</remarks>
    public sealed class GateFileFormatException : SharedExceptionBase
    {
        /// <summary>Creates the exception.</summary>
        public GateFileFormatException(string file, int line, string reason)
            : base(Describe(file, line, reason))
        {
            File = file;
            Line = line;
            Reason = reason;
        }

        /// <summary>The file (as the caller named it).</summary>
        public string File { get; }

        /// <summary>The 1-based line, or 0 when unknown.</summary>
        public int Line { get; }

        /// <summary>What is wrong, without the file and line.</summary>
        public string Reason { get; }

        private static string Describe(string file, int line, string reason) =>
            line > 0 ? file + "(" + line.ToString(CultureInfo.InvariantCulture) + "): " + reason : file + ": " + reason;
    }
}
