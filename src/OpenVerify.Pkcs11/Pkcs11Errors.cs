using Net.Pkcs11Interop.Common;

namespace OpenVerify.Pkcs11;

/// <summary>Turns a token's return values into messages that say what to do.</summary>
internal static class Pkcs11Errors
{
    public static Pkcs11SignerException Wrap(Pkcs11Exception e, string what)
    {
        var advice = e.RV switch
        {
            CKR.CKR_PIN_INCORRECT => "the token refused the PIN (wrong PIN; check the pin-source). Repeated wrong PINs can lock the token",
            CKR.CKR_PIN_LOCKED => "the token's user PIN is locked after too many wrong PINs; unlock it with the security officer PIN",
            CKR.CKR_PIN_EXPIRED => "the token's user PIN has expired; set a new one",
            CKR.CKR_PIN_LEN_RANGE or CKR.CKR_PIN_INVALID => "the PIN from the pin-source has a length or characters the token does not accept",
            CKR.CKR_USER_NOT_LOGGED_IN or CKR.CKR_USER_PIN_NOT_INITIALIZED => "the token needs a login; add pin-source=file:<path> or pin-source=env:<VARIABLE> to the key reference",
            CKR.CKR_TOKEN_NOT_PRESENT or CKR.CKR_DEVICE_REMOVED or CKR.CKR_SESSION_HANDLE_INVALID or CKR.CKR_SESSION_CLOSED or CKR.CKR_SLOT_ID_INVALID =>
                "the token is no longer present (removed, deleted or reinitialized); reconnect it and open the key again",
            CKR.CKR_TOKEN_WRITE_PROTECTED => "the token is write-protected",
            CKR.CKR_MECHANISM_INVALID => "the token does not offer this signature mechanism",
            CKR.CKR_KEY_FUNCTION_NOT_PERMITTED => "the key may not be used for signing (CKA_SIGN is false)",
            CKR.CKR_DEVICE_ERROR or CKR.CKR_DEVICE_MEMORY or CKR.CKR_GENERAL_ERROR => "the token reported an internal error",
            CKR.CKR_CRYPTOKI_ALREADY_INITIALIZED => "the module was already initialized by other code in this process",
            _ => "the token returned an error",
        };

        // Pkcs11Interop's message is "Method C_x returned CKR_y": it names no secret; keep it as the inner exception.
        return new Pkcs11SignerException($"{what}: {advice} ({e.RV}).", e) { ReturnValue = e.RV.ToString() };
    }
}
