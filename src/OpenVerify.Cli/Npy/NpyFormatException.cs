namespace OpenVerify.Cli.Npy;

/// <summary>A NumPy <c>.npy</c> file cannot be read or written: a bad magic string or header, an unsupported format
/// version or element type, Fortran order, big-endian data, a truncated file, or data whose length does not match the
/// header. The message names the file.</summary>
internal sealed class NpyFormatException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public NpyFormatException(string message, Exception? innerException = null) : base(message, innerException) { }

    /// <summary>The exception for a problem with the file or stream <paramref name="name"/> (quoted, or the stream's
    /// default name): "<c>Name what.</c>".</summary>
    internal static NpyFormatException For(string name, string what) => new($"{char.ToUpperInvariant(name[0])}{name[1..]} {what}.");
}
