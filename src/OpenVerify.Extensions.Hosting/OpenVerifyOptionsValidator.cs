using Microsoft.Extensions.Options;

namespace OpenVerify.Extensions.Hosting;

/// <summary>Validates <see cref="OpenVerifyOptions"/> by opening what they name: a key that cannot be opened fails the
/// host at start-up (<c>ValidateOnStart</c>), before the first request, with a message that names the setting.</summary>
internal sealed class OpenVerifyOptionsValidator(OpenVerifyKeys keys) : IValidateOptions<OpenVerifyOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenVerifyOptions options)
    {
        if (name != Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = keys.Open(options).Failures;
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
