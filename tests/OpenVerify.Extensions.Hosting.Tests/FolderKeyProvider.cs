namespace OpenVerify.Extensions.Hosting.Tests;

/// <summary>
/// A key service of the app's own, through the runtime's <see cref="ISignerProvider"/> extension point: references
/// <c>folder-key:&lt;name&gt;[?…]</c> open the owner-only PEM key <c>&lt;name&gt;.key</c> in a folder. The query part
/// (where a real key service keeps a PIN's location) is ignored and, as the contract says, never echoed.
/// </summary>
public sealed class FolderKeyProvider(string folder) : ISignerProvider
{
    public const string Scheme = "folder-key:";

    public bool CanOpen(string keyReference) => keyReference.StartsWith(Scheme, StringComparison.Ordinal);

    public ISigner Open(string keyReference)
    {
        var name = keyReference[Scheme.Length..];
        var query = name.IndexOf('?', StringComparison.Ordinal);
        name = query < 0 ? name : name[..query];
        var path = Path.Combine(folder, name + ".key");
        return File.Exists(path)
            ? SigningKey.Load(path)
            : throw new OpenVerifyException($"The key service has no key named '{name}'.");
    }
}
