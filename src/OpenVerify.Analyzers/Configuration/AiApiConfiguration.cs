using System;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.Analyzers.Configuration;

/// <summary>
/// The AI APIs a project adds or excludes, as documentation-comment ids (<c>M:Namespace.Type.Method(System.String)</c>,
/// <c>T:Namespace.Type</c>), read from the global analyzer options and from an AdditionalFile named
/// <c>OpenVerifyAiApis.txt</c>.
/// </summary>
internal sealed class AiApiConfiguration
{
    public const string AdditionalApisKey = "openverify.additional_ai_apis";
    public const string ExcludedApisKey = "openverify.excluded_ai_apis";
    public const string ApiListFileName = "OpenVerifyAiApis.txt";

    // Whitespace only: an .editorconfig value ends at '#' or ';', and ',' occurs inside parameter lists.
    private static readonly char[] Separators = { ' ', '\t', '\r', '\n' };

    private AiApiConfiguration(ImmutableArray<ConfiguredAiApi> additional, ImmutableArray<string> excluded)
    {
        Additional = additional;
        Excluded = excluded;
    }

    /// <summary>APIs to report, each with its rule (OV0004 unless the entry names another with <c>=OVnnnn</c>).</summary>
    public ImmutableArray<ConfiguredAiApi> Additional { get; }

    /// <summary>APIs never to report, even when the catalog knows them.</summary>
    public ImmutableArray<string> Excluded { get; }

    public static AiApiConfiguration Read(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var additional = ImmutableArray.CreateBuilder<ConfiguredAiApi>();
        var excluded = ImmutableArray.CreateBuilder<string>();
        var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;

        if (global.TryGetValue(AdditionalApisKey, out var additionalValue))
        {
            foreach (var entry in Split(additionalValue))
            {
                additional.Add(ConfiguredAiApi.Parse(entry));
            }
        }

        if (global.TryGetValue(ExcludedApisKey, out var excludedValue))
        {
            excluded.AddRange(Split(excludedValue));
        }

        foreach (var file in options.AdditionalFiles)
        {
            if (!string.Equals(Path.GetFileName(file.Path), ApiListFileName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var text = file.GetText(cancellationToken);
            if (text is null)
            {
                continue;
            }

            foreach (var textLine in text.Lines)
            {
                var line = textLine.ToString().Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                if (line[0] == '-')
                {
                    excluded.Add(line.Substring(1).Trim());
                }
                else
                {
                    additional.Add(ConfiguredAiApi.Parse(line));
                }
            }
        }

        return new AiApiConfiguration(additional.ToImmutable(), excluded.ToImmutable());
    }

    private static string[] Split(string value) => value.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>One added API: a documentation-comment id and the rule its calls are reported under.</summary>
internal readonly struct ConfiguredAiApi
{
    private ConfiguredAiApi(string documentationId, AiCallRule rule)
    {
        DocumentationId = documentationId;
        Rule = rule;
    }

    public string DocumentationId { get; }

    public AiCallRule Rule { get; }

    /// <summary>
    /// Parses <c>ID</c> or <c>ID=OVnnnn</c>. An unknown rule id falls back to OV0004, so a typo still reports the call.
    /// </summary>
    public static ConfiguredAiApi Parse(string entry)
    {
        var equals = entry.LastIndexOf('=');
        if (equals < 0)
        {
            return new ConfiguredAiApi(entry.Trim(), DiagnosticDescriptors.OtherModelCall);
        }

        var rule = DiagnosticDescriptors.FindAiCallRule(entry.Substring(equals + 1).Trim()) ?? DiagnosticDescriptors.OtherModelCall;
        return new ConfiguredAiApi(entry.Substring(0, equals).Trim(), rule);
    }
}
