namespace OpenVerify.Architecture.Tests;

/// <summary>A broken rule: which rule, which project, and what it sees that it must not.</summary>
public sealed record Violation(string Rule, string Project, string Detail)
{
    public override string ToString() => $"{Project}: {Rule}: {Detail}";
}

/// <summary>Checks a <see cref="ProjectGraph"/> against <see cref="Layering"/>.</summary>
public static class LayeringChecker
{
    public static IReadOnlyList<Violation> Check(ProjectGraph graph)
    {
        var violations = new List<Violation>();
        foreach (var project in graph.Projects.Values)
        {
            if (!Layering.Projects.ContainsKey(project.Name))
            {
                violations.Add(new Violation(Layering.KnownProjectsRule, project.Name,
                    $"add it to {nameof(Layering)}.{nameof(Layering.Projects)} with its layer (an integration package is {nameof(Layer.Integration)})"));
            }

            CheckSources(graph, project, violations);
        }

        foreach (var rule in Layering.Rules)
        {
            foreach (var project in graph.Projects.Values.Where(p => Layering.Projects.TryGetValue(p.Name, out var layer) && rule.From.Contains(layer)))
            {
                var seen = Seen(graph, project);
                foreach (var (other, how) in seen)
                {
                    if (other != project.Name && Layering.Projects.TryGetValue(other, out var layer) && rule.Forbidden.Contains(layer)
                        && !Layering.BuiltOn.Contains((project.Name, other)))
                    {
                        violations.Add(new Violation(rule.Description, project.Name, $"it sees {other} ({how})"));
                    }
                }

                foreach (var required in rule.Required ?? [])
                {
                    if (!seen.Keys.Any(other => Layering.Projects.TryGetValue(other, out var layer) && layer == required))
                    {
                        violations.Add(new Violation(rule.Description, project.Name, $"it does not reference the {required} layer"));
                    }
                }
            }
        }

        return violations;
    }

    /// <summary>The projects <paramref name="project"/> sees, each with how: a project reference (direct or through
    /// another project) or a compiled source file of that project's folder.</summary>
    public static Dictionary<string, string> Seen(ProjectGraph graph, ProjectNode project)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reference in graph.ReachableReferences(project.Name))
        {
            seen.TryAdd(reference, project.References.Contains(reference) ? "ProjectReference" : "ProjectReference, through another project");
        }

        foreach (var item in project.Compiles)
        {
            if (graph.OwnerOf(item.Path) is { } owner && owner != project.Name)
            {
                seen.TryAdd(owner, $"Compile Include of {graph.Relative(item.Path)} in {item.DeclaredIn}");
            }
        }

        return seen;
    }

    private static void CheckSources(ProjectGraph graph, ProjectNode project, List<Violation> violations)
    {
        foreach (var item in project.Compiles)
        {
            var fromSharedProps = string.Equals(item.DeclaredIn, Layering.SharedProps, StringComparison.Ordinal);
            var intoShared = ProjectGraph.IsUnder(item.Path, graph.SharedDirectory);
            if (!fromSharedProps || !intoShared)
            {
                var fix = intoShared
                    ? $"compile src/Shared through {Layering.SharedProps} (set OpenVerifyShared), not by a link"
                    : "move the file to src/Shared and include it through " + Layering.SharedProps;
                violations.Add(new Violation(Layering.SourcesRule, project.Name, $"{item.DeclaredIn} compiles {graph.Relative(item.Path)}: {fix}"));
            }
        }
    }
}
