using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpenVerify.Corpus;

/// <summary>
/// OpenVerify's analyzers, source generator and code fixes, loaded as a host loads them: the analyzers and the
/// generator from the analyzer assembly through an <see cref="AnalyzerFileReference"/> (so a workspace compilation
/// carries the generated <c>[VerifiedInference]</c> bodies, as in the IDE), every exported
/// <see cref="CodeFixProvider"/> of OpenVerify.CodeFixes by reflection.
/// </summary>
public static class OpenVerifyComponents
{
    /// <summary>The rules this tool measures.</summary>
    public static readonly ImmutableHashSet<string> MeasuredRules = ImmutableHashSet.Create("OV0001", "OV0002", "OV0003", "OV0004");

    private static readonly Lazy<AnalyzerFileReference> LazyReference = new(() =>
    {
        var assembly = Load("OpenVerify.Analyzers");
        return new AnalyzerFileReference(assembly.Location, new LoadedAssemblyLoader());
    });

    /// <summary>The analyzer assembly as an analyzer reference (analyzers and generator).</summary>
    public static AnalyzerReference AnalyzerReference => LazyReference.Value;

    /// <summary>Every C# analyzer of OpenVerify.Analyzers.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = LazyReference.Value.GetAnalyzers(LanguageNames.CSharp);

    /// <summary>Every exported code fix provider of OpenVerify.CodeFixes, in name order.</summary>
    public static ImmutableArray<CodeFixProvider> CodeFixProviders { get; } =
        Load("OpenVerify.CodeFixes").GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>The title (also the equivalence key) of the fix that only silences the warning.</summary>
    public const string AllowTitle = "Allow this unverified AI call ([AllowUnverifiedAi])";

    /// <summary>Whether a code action moves the call to a verified path: anything but "Allow this unverified AI call".</summary>
    public static bool IsVerifiedPath(string? equivalenceKey, string title) =>
        !string.Equals(equivalenceKey ?? title, AllowTitle, StringComparison.Ordinal) && !string.Equals(title, AllowTitle, StringComparison.Ordinal);

    /// <summary>
    /// An analyzer assembly beside this tool: the build copies them but, as analyzers, they are not in the app's
    /// dependency list, so they are loaded from the file as a host loads analyzers.
    /// </summary>
    private static Assembly Load(string name) =>
        AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name)
        ?? Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, name + ".dll"));

    /// <summary>The analyzer assembly is already loaded in this process; hand out that copy.</summary>
    private sealed class LoadedAssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) =>
            AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => !a.IsDynamic && string.Equals(a.Location, fullPath, StringComparison.Ordinal))
            ?? Assembly.LoadFrom(fullPath);
    }
}
