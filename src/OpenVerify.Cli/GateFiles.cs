using OpenVerify.ModelSigning;

namespace OpenVerify.Cli;

/// <summary>Reads the gate files (trust policy, lockfile); a malformed one is a usage error that names the file and line.</summary>
internal static class GateFiles
{
    public static TrustPolicy LoadPolicy(string path) => Load(path, "trust policy", TrustPolicy.Load);

    public static ModelLockFile LoadLock(string path) => Load(path, "lockfile", ModelLockFile.Load);

    private static T Load<T>(string path, string what, Func<string, T> load)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"The {what} '{path}' does not exist.");
        }

        try
        {
            return load(path);
        }
        catch (GateFileFormatException e)
        {
            throw new CliUsageException($"Malformed {what}: {e.Message}", e);
        }
    }
}
