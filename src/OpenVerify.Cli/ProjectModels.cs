using OpenVerify.Manifest;
using OpenVerify.Onnx;

namespace OpenVerify.Cli;

/// <summary>A project's model as <c>openverify lock</c> sees it: identity, file, digest, size and I/O signature digest.</summary>
internal sealed record ProjectModel(string Path, string File, Sha256Digest Digest, long Size, string IoSignature);

/// <summary>
/// Finds a project's <c>VerifiedModel</c>s for <c>openverify lock</c>. It prefers the model manifest the build wrote
/// (<c>obj/**/openverify.models.txt</c>: the real items, with their <c>Link</c> identities); without one it takes the
/// item defaults, <c>**/*.onnx</c> under the project folder minus <c>bin/</c>, <c>obj/</c> and dot-folders, and reads each
/// model's inputs and outputs itself.
/// </summary>
internal static class ProjectModels
{
    public static (string Source, List<ProjectModel> Models) Find(string projectDirectory)
    {
        var manifest = FindManifest(projectDirectory);
        return manifest is null
            ? ("**/*.onnx (no model manifest under obj/; build the project first to use its VerifiedModel items)", Scan(projectDirectory))
            : (Path.GetRelativePath(projectDirectory, manifest).Replace('\\', '/'), FromManifest(projectDirectory, manifest));
    }

    private static string? FindManifest(string projectDirectory)
    {
        var obj = Path.Combine(projectDirectory, "obj");
        return Directory.Exists(obj)
            ? Directory.EnumerateFiles(obj, ManifestText.FileName, SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
    }

    private static List<ProjectModel> FromManifest(string projectDirectory, string manifest)
    {
        var models = new List<ProjectModel>();
        foreach (var line in File.ReadAllLines(manifest))
        {
            if (ManifestText.ReadModelLine(line) is not { } values)
            {
                continue;
            }

            var identity = ManifestText.Unescape(values.GetValueOrDefault("path", string.Empty))
                ?? throw new CliUsageException($"The model manifest '{manifest}' has a malformed path field: rebuild the project.");
            var file = Path.Combine(projectDirectory, identity);
            if (!File.Exists(file))
            {
                throw new CliUsageException($"The model '{identity}' named by '{manifest}' is not at '{file}' (an item with a Link, or a stale manifest): rebuild, or lock it with `dotnet build -p:OpenVerifyUpdateLock=true`.");
            }

            var digest = Sha256Digest.ComputeFile(file);
            if (values.GetValueOrDefault("digest") != digest.ToString())
            {
                throw new CliUsageException($"The model manifest '{manifest}' is older than '{identity}' (its digest differs): build the project first.");
            }

            models.Add(new ProjectModel(identity, file, digest, new FileInfo(file).Length,
                ModelSigning.ModelLockFile.IoSignatureDigest(values.GetValueOrDefault("inputs", string.Empty), values.GetValueOrDefault("outputs", string.Empty))));
        }

        return models;
    }

    private static List<ProjectModel> Scan(string projectDirectory)
    {
        var models = new List<ProjectModel>();
        foreach (var file in Directory.EnumerateFiles(projectDirectory, "*.onnx", SearchOption.AllDirectories))
        {
            var identity = Path.GetRelativePath(projectDirectory, file).Replace('\\', '/');
            var segments = identity.Split('/');
            if (segments[0] is "bin" or "obj" || segments.Take(segments.Length - 1).Any(s => s.StartsWith('.')))
            {
                continue;
            }

            OnnxModelInfo info;
            try
            {
                info = OnnxModelReader.ReadFile(file);
            }
            catch (OnnxFormatException e)
            {
                throw new CliUsageException($"'{identity}' is not a valid ONNX model: {e.Message}", e);
            }

            models.Add(new ProjectModel(identity, file, Sha256Digest.ComputeFile(file), new FileInfo(file).Length,
                ModelSigning.ModelLockFile.IoSignatureDigest(ManifestValueList.Format(info.Inputs), ManifestValueList.Format(info.Outputs))));
        }

        return models;
    }
}
