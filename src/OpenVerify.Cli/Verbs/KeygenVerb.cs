using System.CommandLine;
using System.Text.Json.Nodes;

namespace OpenVerify.Cli.Verbs;

/// <summary><c>openverify keygen --out &lt;prefix&gt; [--algorithm ed25519|ecdsa-p256]</c>: writes
/// <c>&lt;prefix&gt;.key</c> (PKCS#8 PEM, created owner-only) and <c>&lt;prefix&gt;.pub</c> (SPKI PEM) and prints the
/// key id. Never overwrites a file. <c>openverify keygen --pkcs11 &lt;uri&gt; [--out &lt;prefix&gt;]</c> creates the key
/// pair on a PKCS#11 token instead (the private key never leaves it) and writes only <c>&lt;prefix&gt;.pub</c>.</summary>
internal sealed class KeygenVerb : IVerb
{
    public Command CreateCommand(CliConsole console)
    {
        var output = new Option<string>("--out")
        {
            Description = "Path prefix: writes <prefix>.key (private, owner-only) and <prefix>.pub (public). With --pkcs11: writes only <prefix>.pub.",
            HelpName = "prefix",
        };
        var pkcs11 = new Option<string?>("--pkcs11")
        {
            Description = "Create the key on a PKCS#11 token instead, named by a pkcs11: URI with token=, object= (the key's label), module-path= and pin-source= (docs/pkcs11.md). The private key never leaves the token.",
            HelpName = "uri",
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
            output, pkcs11, algorithm, role, origin, json,
        };
        command.SetAction(parse => Run(console, parse.GetValue(output), parse.GetValue(pkcs11), parse.GetRequiredValue(algorithm), parse.GetValue(role), parse.GetRequiredValue(origin), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string? prefix, string? pkcs11, string algorithmName, string? role, string origin, bool json)
    {
        if (pkcs11 is null && prefix is null)
        {
            throw new CliUsageException("keygen needs --out <prefix> (a key file pair) or --pkcs11 <uri> (a key created on a PKCS#11 token).");
        }

        if (prefix is not null && string.IsNullOrWhiteSpace(prefix))
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

        if (pkcs11 is not null)
        {
            return RunOnToken(console, pkcs11, prefix, algorithm, role, origin, json);
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

        CreateKeyDirectory(keyPath);

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

        var algorithmText = AlgorithmText(algorithm);
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

    private static string AlgorithmText(KeyAlgorithm algorithm) => algorithm == KeyAlgorithm.Ed25519 ? "ed25519" : "ecdsa-p256";

    private static void CreateKeyDirectory(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
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
    }

    /// <summary>Creates the key pair on the token; writes only the public key, when --out is given.</summary>
    private static int RunOnToken(CliConsole console, string uri, string? prefix, KeyAlgorithm algorithm, string? role, string origin, bool json)
    {
        if (!uri.StartsWith(Pkcs11.Pkcs11SignerProvider.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new CliUsageException("--pkcs11 takes a pkcs11: URI, such as 'pkcs11:token=openverify;object=receipts?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/run/secrets/pin' (docs/pkcs11.md).");
        }

        var publicPath = prefix is null ? null : prefix + ".pub";
        if (publicPath is not null && (File.Exists(publicPath) || Directory.Exists(publicPath)))
        {
            throw new CliUsageException($"'{publicPath}' already exists; keygen never overwrites a key. Choose another --out or delete it first.");
        }

        using var key = Pkcs11.Pkcs11Signer.Generate(uri, algorithm);
        if (publicPath is not null)
        {
            CreateKeyDirectory(publicPath);
            using var stream = new FileStream(publicPath, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(stream);
            writer.Write(key.PublicKey.ExportPem());
        }

        var vkey = role == "log" ? Logs.NoteVerifierKey.FromPublicKey(origin, key.PublicKey).ToString() : null;
        if (json)
        {
            var result = new JsonObject
            {
                ["keyId"] = key.KeyId,
                ["algorithm"] = AlgorithmText(algorithm),
                ["token"] = key.TokenLabel,
                ["reference"] = key.Reference,
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
            console.Line($"Created the key pair on the token '{key.TokenLabel}': {key.Reference} (the private key is not extractable; it never leaves the token).");
            if (publicPath is not null)
            {
                console.Line($"Wrote {publicPath} (public key).");
            }

            console.Line($"Algorithm: {AlgorithmText(algorithm)}");
            console.Line($"Key id: {key.KeyId}");
            if (vkey is not null)
            {
                console.Line($"Checkpoint verifier key (C2SP signed-note vkey, key name {origin}): {vkey}");
            }

            console.Line("Sign with --key and the same URI (its module-path and pin-source included).");
        }

        return ExitCodes.Success;
    }
}
