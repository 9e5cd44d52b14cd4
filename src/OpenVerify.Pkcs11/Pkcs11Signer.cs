using System.Collections.Concurrent;
using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace OpenVerify.Pkcs11;

/// <summary>
/// An <see cref="ISigner"/> whose private key stays on a PKCS#11 token (an HSM, a smart card, SoftHSM): Ed25519
/// (<c>CKM_EDDSA</c>) or ECDSA P-256 (<c>CKM_ECDSA</c> over the SHA-256 of the signed bytes, returned as DER). The key is
/// addressed by an RFC 7512 <c>pkcs11:</c> URI; its public key is read from the token, so <see cref="KeyId"/> is the
/// same id a file key of the same public key has. Thread-safe: each signature borrows a session from a pool.
/// </summary>
/// <remarks>
/// URI: <c>pkcs11:token=&lt;label&gt;;object=&lt;key label&gt;[;id=&lt;%xx bytes&gt;]?module-path=&lt;library&gt;&amp;pin-source=file:&lt;path&gt;</c>
/// or <c>pin-source=env:&lt;VARIABLE&gt;</c>. A URI with <c>pin-value</c> is refused. Messages quote only the URI's
/// path part. See docs/pkcs11.md.
/// </remarks>
public sealed class Pkcs11Signer : ISigner, IDisposable
{
    private readonly Pkcs11Module _module;
    private readonly ISlot _slot;
    private readonly IObjectHandle _privateKey;
    private readonly ConcurrentBag<ISession> _idle = [];
    private int _disposed;

    private Pkcs11Signer(Pkcs11Module module, ISlot slot, ISession session, IObjectHandle privateKey, PublicKey publicKey, string reference, string tokenLabel)
    {
        _module = module;
        _slot = slot;
        _privateKey = privateKey;
        PublicKey = publicKey;
        Reference = reference;
        TokenLabel = tokenLabel;
        _idle.Add(session);
    }

    /// <summary>The public key, read from the token.</summary>
    public PublicKey PublicKey { get; }

    /// <inheritdoc />
    public string KeyId => PublicKey.KeyId;

    /// <inheritdoc />
    public KeyAlgorithm Algorithm => PublicKey.Algorithm;

    /// <summary>The key's URI without its query part (no module path, no PIN source): safe to show and log.</summary>
    public string Reference { get; }

    /// <summary>The label of the token that holds the key.</summary>
    public string TokenLabel { get; }

    /// <summary>Opens the private key that <paramref name="uri"/> names, logging in with the PIN its
    /// <c>pin-source</c> names.</summary>
    /// <exception cref="Pkcs11SignerException">The URI is refused, the module does not load, no single token or key
    /// matches, the token refuses the PIN, or the key is not an Ed25519 or P-256 signing key.</exception>
    public static Pkcs11Signer Open(string uri) => Open(uri, generate: null);

    /// <summary>
    /// Creates a key pair on the token (<c>C_GenerateKeyPair</c>): the private key is sensitive and not extractable, so
    /// it never leaves the token. The URI must name the token and the key's label (<c>object=</c>); its <c>id=</c> is
    /// used when given, otherwise a random 16-byte CKA_ID is chosen. Refuses when a key with that label or id exists.
    /// </summary>
    /// <exception cref="Pkcs11SignerException">The key cannot be created; the message says why.</exception>
    public static Pkcs11Signer Generate(string uri, KeyAlgorithm algorithm = KeyAlgorithm.Ed25519)
    {
        if (algorithm is not KeyAlgorithm.Ed25519 and not KeyAlgorithm.EcdsaP256)
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown key algorithm.");
        }

        return Open(uri, algorithm);
    }

    private static Pkcs11Signer Open(string uriText, KeyAlgorithm? generate)
    {
        var uri = Pkcs11KeyUri.Parse(uriText);
        var name = uri.Describe();
        if (generate is not null && string.IsNullOrEmpty(uri.Uri.Object))
        {
            throw new Pkcs11SignerException($"To create a key, the key reference {name} must name it with object=<label> (and may give id=).");
        }

        var module = Pkcs11Module.Acquire(uri.ModulePath, name);
        ISession? session = null;
        Pkcs11Signer? signer = null;
        try
        {
            var slot = FindSlot(module, uri, name, out var tokenLabel, out var loginRequired);
            session = slot.OpenSession(generate is null ? SessionType.ReadOnly : SessionType.ReadWrite);
            if (uri.HasPinSource)
            {
                Login(session, uri, name);
            }
            else if (loginRequired || generate is not null)
            {
                throw new Pkcs11SignerException($"The token '{tokenLabel}' needs a login to use its private keys; add pin-source=file:<path> or pin-source=env:<VARIABLE> to the query of the key reference {name}.");
            }

            var privateKey = generate is { } algorithm
                ? GenerateKeyPair(session, module.Factories, uri, algorithm, tokenLabel, name)
                : FindPrivateKey(session, module.Factories, uri, tokenLabel, name);
            var publicKey = ReadPublicKey(session, module.Factories, privateKey, tokenLabel, name);
            signer = new Pkcs11Signer(module, slot, session, privateKey, publicKey, name, tokenLabel);
            return signer;
        }
        catch (Pkcs11Exception e)
        {
            throw Pkcs11Errors.Wrap(e, $"Opening the key {name} failed");
        }
        finally
        {
            // On success the session and the module reference belong to the signer.
            if (signer is null)
            {
                if (session is not null)
                {
                    Close(session);
                }

                module.Release();
            }
        }
    }

    private static ISlot FindSlot(Pkcs11Module module, Pkcs11KeyUri uri, string name, out string tokenLabel, out bool loginRequired)
    {
        var slots = Pkcs11UriUtils.GetMatchingSlotList(uri.Uri, module.Library, SlotsType.WithTokenPresent);
        if (slots.Count != 1)
        {
            var present = module.Library.GetSlotList(SlotsType.WithTokenPresent)
                .Select(s => s.GetTokenInfo())
                .Where(t => (t.TokenFlags.Flags & (ulong)CKF.CKF_TOKEN_INITIALIZED) != 0)
                .Select(t => $"'{t.Label}' (serial {t.SerialNumber})")
                .ToList();
            var tokens = present.Count == 0 ? "none" : string.Join(", ", present);
            throw new Pkcs11SignerException(slots.Count == 0
                ? $"No token matches the key reference {name}: the token is not present (removed, deleted, or not in this module's configuration). Initialized tokens present: {tokens}."
                : $"{slots.Count} tokens match the key reference {name}; name one with token=<label> or serial=<serial>. Initialized tokens present: {tokens}.");
        }

        var info = slots[0].GetTokenInfo();
        tokenLabel = info.Label;
        loginRequired = info.TokenFlags.LoginRequired;
        return slots[0];
    }

    private static void Login(ISession session, Pkcs11KeyUri uri, string name)
    {
        var pin = uri.ReadPin();
        try
        {
            session.Login(CKU.CKU_USER, pin);
        }
        catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // Login is per application and token: another signer of this process already logged in.
        }
        catch (Pkcs11Exception e)
        {
            throw Pkcs11Errors.Wrap(e, $"Logging in to the token of the key {name} failed");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pin);
        }
    }

    private static List<IObjectAttribute> Template(Pkcs11InteropFactories factories, Pkcs11KeyUri uri, CKO objectClass)
    {
        var template = new List<IObjectAttribute> { factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, objectClass) };
        if (uri.Uri.Object is { } label)
        {
            template.Add(factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, label));
        }

        if (uri.Uri.Id is { Length: > 0 } id)
        {
            template.Add(factories.ObjectAttributeFactory.Create(CKA.CKA_ID, id));
        }

        return template;
    }

    private static IObjectHandle FindPrivateKey(ISession session, Pkcs11InteropFactories factories, Pkcs11KeyUri uri, string tokenLabel, string name)
    {
        var found = session.FindAllObjects(Template(factories, uri, CKO.CKO_PRIVATE_KEY));
        if (found.Count == 0)
        {
            throw new Pkcs11SignerException($"The token '{tokenLabel}' holds no private key that matches the key reference {name}; check object= and id= (create one with 'openverify keygen --pkcs11').");
        }

        if (found.Count > 1)
        {
            throw new Pkcs11SignerException($"{found.Count} private keys on the token '{tokenLabel}' match the key reference {name}; name one with object=<label> and id=<id>.");
        }

        return found[0];
    }

    private static IObjectHandle GenerateKeyPair(ISession session, Pkcs11InteropFactories factories, Pkcs11KeyUri uri, KeyAlgorithm algorithm, string tokenLabel, string name)
    {
        var f = factories.ObjectAttributeFactory;
        foreach (var objectClass in new[] { CKO.CKO_PRIVATE_KEY, CKO.CKO_PUBLIC_KEY })
        {
            // By label alone and by id alone: either clash would make the key ambiguous to open later.
            var byLabel = new List<IObjectAttribute> { f.Create(CKA.CKA_CLASS, objectClass), f.Create(CKA.CKA_LABEL, uri.Uri.Object) };
            var byId = uri.Uri.Id is { Length: > 0 } given ? new List<IObjectAttribute> { f.Create(CKA.CKA_CLASS, objectClass), f.Create(CKA.CKA_ID, given) } : null;
            if (session.FindAllObjects(byLabel).Count > 0 || (byId is not null && session.FindAllObjects(byId).Count > 0))
            {
                throw new Pkcs11SignerException($"The token '{tokenLabel}' already holds a key that matches the key reference {name}; keygen never replaces a key. Choose another object= (and id=).");
            }
        }

        var id = uri.Uri.Id is { Length: > 0 } chosen ? chosen : RandomNumberGenerator.GetBytes(16);
        var parameters = TokenKeyEncoding.EcParameters(algorithm);
        var publicTemplate = new List<IObjectAttribute>
        {
            f.Create(CKA.CKA_TOKEN, true),
            f.Create(CKA.CKA_PRIVATE, false),
            f.Create(CKA.CKA_VERIFY, true),
            f.Create(CKA.CKA_EC_PARAMS, parameters),
            f.Create(CKA.CKA_LABEL, uri.Uri.Object),
            f.Create(CKA.CKA_ID, id),
        };
        var privateTemplate = new List<IObjectAttribute>
        {
            f.Create(CKA.CKA_TOKEN, true),
            f.Create(CKA.CKA_PRIVATE, true),
            f.Create(CKA.CKA_SENSITIVE, true),
            f.Create(CKA.CKA_EXTRACTABLE, false),
            f.Create(CKA.CKA_SIGN, true),
            f.Create(CKA.CKA_LABEL, uri.Uri.Object),
            f.Create(CKA.CKA_ID, id),
        };
        using var mechanism = algorithm == KeyAlgorithm.Ed25519
            ? factories.MechanismFactory.Create(TokenKeyEncoding.CkmEcEdwardsKeyPairGen)
            : factories.MechanismFactory.Create(CKM.CKM_EC_KEY_PAIR_GEN);
        try
        {
            session.GenerateKeyPair(mechanism, publicTemplate, privateTemplate, out _, out var privateKey);
            return privateKey;
        }
        catch (Pkcs11Exception e)
        {
            throw Pkcs11Errors.Wrap(e, $"Creating a{(algorithm == KeyAlgorithm.Ed25519 ? "n Ed25519" : " P-256")} key pair on the token '{tokenLabel}' failed");
        }
    }

    private static PublicKey ReadPublicKey(ISession session, Pkcs11InteropFactories factories, IObjectHandle privateKey, string tokenLabel, string name)
    {
        var attributes = session.GetAttributeValue(privateKey, [CKA.CKA_KEY_TYPE, CKA.CKA_ID, CKA.CKA_LABEL, CKA.CKA_SIGN]);
        var keyType = attributes[0].GetValueAsUlong();
        var algorithm = keyType switch
        {
            (ulong)CKK.CKK_EC => KeyAlgorithm.EcdsaP256,
            TokenKeyEncoding.CkkEcEdwards => KeyAlgorithm.Ed25519,
            _ => throw new Pkcs11SignerException($"The key {name} on the token '{tokenLabel}' has key type 0x{keyType:x}; OpenVerify signs with Ed25519 (CKK_EC_EDWARDS) or ECDSA P-256 (CKK_EC) keys."),
        };
        if (!attributes[3].GetValueAsBool())
        {
            throw new Pkcs11SignerException($"The key {name} on the token '{tokenLabel}' may not sign (CKA_SIGN is false).");
        }

        // The public half: the public key object with the private key's CKA_ID (or, without one, its label).
        var id = attributes[1].GetValueAsByteArray();
        var f = factories.ObjectAttributeFactory;
        var template = new List<IObjectAttribute> { f.Create(CKA.CKA_CLASS, CKO.CKO_PUBLIC_KEY), f.Create(CKA.CKA_KEY_TYPE, keyType) };
        template.Add(id is { Length: > 0 } ? f.Create(CKA.CKA_ID, id) : f.Create(CKA.CKA_LABEL, attributes[2].GetValueAsString()));
        var found = session.FindAllObjects(template);
        if (found.Count != 1)
        {
            throw new Pkcs11SignerException(found.Count == 0
                ? $"The token '{tokenLabel}' has no public key object beside the key {name} (same CKA_ID); OpenVerify reads the public key from the token, so keep the public key object created with it."
                : $"The token '{tokenLabel}' has {found.Count} public key objects with the CKA_ID of the key {name}; give each key pair its own id.");
        }

        var point = session.GetAttributeValue(found[0], [CKA.CKA_EC_PARAMS, CKA.CKA_EC_POINT]);
        var spki = TokenKeyEncoding.SubjectPublicKeyInfo(algorithm, point[0].GetValueAsByteArray(), point[1].GetValueAsByteArray(), name);
        try
        {
            return PublicKey.FromSubjectPublicKeyInfo(spki);
        }
        catch (KeyFormatException e)
        {
            throw new Pkcs11SignerException($"The token '{tokenLabel}' returned a public key for the key {name} that is not valid: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="Pkcs11SignerException">The token failed or went away; the message says so.</exception>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var input = Algorithm == KeyAlgorithm.Ed25519 ? data.ToArray() : SHA256.HashData(data);
        ISession session;
        try
        {
            session = _idle.TryTake(out var idle) ? idle : _slot.OpenSession(SessionType.ReadOnly);
        }
        catch (Pkcs11Exception e)
        {
            throw Pkcs11Errors.Wrap(e, $"Signing with the key {Reference} failed");
        }

        byte[] signature;
        try
        {
            using var mechanism = Algorithm == KeyAlgorithm.Ed25519
                ? _module.Factories.MechanismFactory.Create(TokenKeyEncoding.CkmEddsa)
                : _module.Factories.MechanismFactory.Create(CKM.CKM_ECDSA);
            signature = session.Sign(mechanism, _privateKey, input);
        }
        catch (Pkcs11Exception e)
        {
            // A session that failed is not reused: the token may be gone or the session's state unknown.
            Close(session);
            throw Pkcs11Errors.Wrap(e, $"Signing with the key {Reference} on the token '{TokenLabel}' failed");
        }

        _idle.Add(session);
        if (Volatile.Read(ref _disposed) != 0)
        {
            Drain();
        }

        if (Algorithm == KeyAlgorithm.EcdsaP256)
        {
            return TokenKeyEncoding.EcdsaToDer(signature);
        }

        if (signature.Length != 64)
        {
            throw new Pkcs11SignerException($"The token '{TokenLabel}' returned an Ed25519 signature of {signature.Length} bytes for the key {Reference}; expected 64.");
        }

        return signature;
    }

    /// <summary>Describes the key by algorithm, key id and URI path (never the query part).</summary>
    public override string ToString() => $"{Algorithm} PKCS#11 key {KeyId} ({Reference})";

    /// <summary>Closes the signer's sessions and releases the module (the last release finalizes it).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Drain();
        _module.Release();
    }

    private void Drain()
    {
        while (_idle.TryTake(out var session))
        {
            Close(session);
        }
    }

    private static void Close(ISession session)
    {
        try
        {
            session.Dispose();
        }
        catch (Pkcs11Exception)
        {
            // Closing a session of a token that went away fails; there is nothing left to close.
        }
    }
}
