using System.CommandLine;
using System.Text.Json.Nodes;

namespace OpenVerify.Cli.Verbs;

/// <summary><c>openverify keygen --out &lt;prefix&gt; [--algorithm ed25519|ecdsa-p256]</c>: writes
/// <c>&lt;prefix&gt;.key</c> (PKCS#8 PEM, created owner-only) and <c>&lt;prefix&gt;.pub</c> (SPKI PEM) and prints the
/// key id. Never overwrites a file.</summary>
internal sealed class KeygenVerb : IVerb
{
    public Command CreateCommand(CliConsole console)
    {
        var output = new Option<string>("--out")
        {
            Description = "Path prefix: writes <prefix>.key (private, owner-only) and <prefix>.pub (public).",
            HelpName = "prefix",
            Required = true,
        };
        var algorithm = new Option<string>("--algorithm")
        {
            Description = "ed25519 (default; for receipts) or ecdsa-p256 (for model publishers).",
            DefaultValueFactory = _ => "ed25519",
        };
        algorithm.AcceptOnlyFromAmong("ed25519", "ecdsa-p256");
        var role = new Option<string?>("--role")
        {
            Description = "log: a log key (Ed25519) that signs tree heads and checkpoints; also prints its note verifier key (name+id+key) under --origin.",
            HelpName = "role",
        };
        role.AcceptOnlyFromAmong("log");
        var origin = new Option<string>("--origin")
        {
            Description = $"With --role log: the log's name, the key name of its checkpoints (default {Logs.ReceiptLogOptions.DefaultOrigin}).",
            HelpName = "name",
            DefaultValueFactory = _ => Logs.ReceiptLogOptions.DefaultOrigin,
        };
        var json = CommonOptions.Json();

        var command = new Command("keygen", "Create a signing key pair: <prefix>.key (PKCS#8 PEM, owner-only) and <prefix>.pub (SPKI PEM).")
        {
            output, algorithm, role, origin, json,
        };
        command.SetAction(parse => Run(console, parse.GetRequiredValue(output), parse.GetRequiredValue(algorithm), parse.GetValue(role), parse.GetRequiredValue(origin), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string prefix, string algorithmName, string? role, string origin, bool json)
    {
        if (string.IsNullOrWhiteSpace(prefix))
        {
            throw new CliUsageException("--out needs a path prefix, such as keys/receipts.");
        }

        var algorithm = algorithmName == "ecdsa-p256" ? KeyAlgorithm.EcdsaP256 : KeyAlgorithm.Ed25519;
        if (role == "log" && algorithm != KeyAlgorithm.Ed25519)
        {
            throw new CliUsageException("A log key is Ed25519: C2SP checkpoints are signed with Ed25519 note signatures. Leave out --algorithm.");
        }

        if (role == "log")
        {
            // Refuse an origin that cannot be a note key name before any file is written.
            try
            {
                Logs.NoteVerifierKey.ComputeKeyId(origin, new byte[32]);
            }
            catch (KeyFormatException e)
            {
                throw new CliUsageException($"--origin: {e.Message}", e);
            }
        }

        var keyPath = prefix + ".key";
        var publicPath = prefix + ".pub";
        foreach (var path in new[] { keyPath, publicPath })
        {
            if (File.Exists(path) || Directory.Exists(path))
            {
                throw new CliUsageException($"'{path}' already exists; keygen never overwrites a key. Choose another --out or delete it first.");
            }
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(keyPath));
        if (directory is not null && !Directory.Exists(directory))
        {
            // A new folder for keys is private too.
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        using var key = SigningKey.Generate(algorithm);
        key.Save(keyPath);
        try
        {
            using var stream = new FileStream(publicPath, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(stream);
            writer.Write(key.PublicKey.ExportPem());
        }
        catch
        {
            // Leave no private key without its public half.
            File.Delete(keyPath);
            throw;
        }

        var algorithmText = algorithm == KeyAlgorithm.Ed25519 ? "ed25519" : "ecdsa-p256";
        var vkey = role == "log" ? Logs.NoteVerifierKey.FromPublicKey(origin, key.PublicKey).ToString() : null;
        if (json)
        {
            var result = new JsonObject
            {
                ["keyId"] = key.KeyId,
                ["algorithm"] = algorithmText,
                ["privateKey"] = keyPath,
                ["publicKey"] = publicPath,
            };
            if (vkey is not null)
            {
                result["role"] = role;
                result["verifierKey"] = vkey;
            }

            console.Json(result);
        }
        else
        {
            console.Line($"Wrote {keyPath} (private key, owner-only; keep it secret) and {publicPath} (public key).");
            console.Line($"Algorithm: {algorithmText}");
            console.Line($"Key id: {key.KeyId}");
            if (vkey is not null)
            {
                console.Line($"Checkpoint verifier key (C2SP signed-note vkey, key name {origin}): {vkey}");
            }
        }

        return ExitCodes.Success;
    }
}
