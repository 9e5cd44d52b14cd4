namespace OpenVerify.Pkcs11.Tests;

/// <summary>The URI rules, checked before any module is loaded (no token needed).</summary>
public sealed class Pkcs11UriTests
{
    private const string Module = "/usr/lib/softhsm/libsofthsm2.so";

    [Theory]
    [InlineData("pkcs11:token=t;object=k?module-path=" + Module + "&pin-value=123456", "pin-value")]
    [InlineData("pkcs11:token=t;object=k?pin-value=123456&module-path=" + Module, "pin-value")]
    [InlineData("pkcs11:token=t;object=k?pin-value=123456", "pin-value")]
    public void A_uri_carrying_the_pin_is_refused_without_echoing_it(string uri, string expected)
    {
        var error = Should.Throw<Pkcs11SignerException>(() => Pkcs11Signer.Open(uri));
        error.Message.ShouldContain(expected);
        error.Message.ShouldNotContain("123456");
        error.Message.ShouldNotContain(Module);
        error.InnerException.ShouldBeNull();
    }

    [Fact]
    public void A_uri_without_a_module_says_how_to_name_one() =>
        Should.Throw<Pkcs11SignerException>(() => Pkcs11Signer.Open("pkcs11:token=t;object=k")).Message.ShouldContain("module-path=");

    [Fact]
    public void A_missing_module_is_reported_without_its_path()
    {
        var error = Should.Throw<Pkcs11SignerException>(() => Pkcs11Signer.Open("pkcs11:token=t;object=k?module-path=/nonexistent/secret-dir/lib.so"));
        error.Message.ShouldContain("does not exist");
        error.Message.ShouldNotContain("secret-dir");
    }

    [Fact]
    public void A_malformed_query_is_reported_without_echoing_it()
    {
        var error = Should.Throw<Pkcs11SignerException>(() => Pkcs11Signer.Open("pkcs11:token=t;object=k?module-path=/x&pin-source=file:/a%zzsecret"));
        error.Message.ShouldContain("query part");
        error.Message.ShouldNotContain("secret");
        error.InnerException.ShouldBeNull();
    }

    [Theory]
    [InlineData("pkcs11:token=t;object=k?module-path=" + Module + "&pin-source=https://example.com/pin", "pin-source")]
    [InlineData("pkcs11:token=t;object=k;type=cert?module-path=" + Module, "type=private")]
    [InlineData("pkcs11:token=t;frobnicate=1;object=k?module-path=" + Module, "frobnicate")]
    [InlineData("file:/keys/k.key", "starts with 'pkcs11:'")]
    public void Uris_outside_the_rules_are_refused(string uri, string expected) =>
        Should.Throw<Pkcs11SignerException>(() => Pkcs11Signer.Open(uri)).Message.ShouldContain(expected);

    [Fact]
    public void Keygen_needs_an_object_label() =>
        Should.Throw<Pkcs11SignerException>(() => Pkcs11Signer.Generate("pkcs11:token=t?module-path=" + Module))
            .Message.ShouldContain("object=<label>");
}
