using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace OpenVerify.Diagnostics
{
    /// <summary>A rule's default severity: the configurable form's (a strict gate makes every rule an error).</summary>
    internal enum DiagnosticRuleSeverity
    {
        /// <summary>An informational message.</summary>
        Info,

        /// <summary>A warning.</summary>
        Warning,

        /// <summary>An error.</summary>
        Error,
    }

    /// <summary>What reports a rule.</summary>
    [Flags]
    internal enum DiagnosticReporter
    {
        /// <summary>The analyzers or the generator (tracked in AnalyzerReleases.*.md).</summary>
        Analyzer = 1,

        /// <summary>An MSBuild task of OpenVerify.Build.</summary>
        MsBuildTask = 2,

        /// <summary>The package's .targets files (an <c>&lt;Error Code="…"&gt;</c>).</summary>
        MsBuildTargets = 4,
    }

    /// <summary>Registers the id of the const it marks, with the rule's title, default severity and reporter.</summary>
    [AttributeUsage(AttributeTargets.Field, AllowMultiple = false)]
    internal sealed class DiagnosticRuleAttribute : Attribute
    {
        /// <summary>Registers a rule.</summary>
        public DiagnosticRuleAttribute(string title, DiagnosticRuleSeverity severity, DiagnosticReporter reportedBy)
        {
            Title = title;
            Severity = severity;
            ReportedBy = reportedBy;
        }

        /// <summary>The rule's title, as its docs page and descriptor give it.</summary>
        public string Title { get; }

        /// <summary>The default severity.</summary>
        public DiagnosticRuleSeverity Severity { get; }

        /// <summary>What reports it.</summary>
        public DiagnosticReporter ReportedBy { get; }
    }

    /// <summary>One registered rule: id, title, category, default severity, reporter and help link.</summary>
    internal sealed class DiagnosticRule
    {
        /// <summary>The category every OpenVerify rule has (Roslyn's <c>DiagnosticDescriptor.Category</c>).</summary>
        public const string OpenVerifyCategory = "OpenVerify";

        /// <summary>Where the rule pages live; a rule's help link is this, its id and <c>.md</c>.</summary>
        public const string HelpLinkBase = "https://github.com/openverify/openverify/blob/main/docs/rules/";

        private static readonly Lazy<IReadOnlyList<DiagnosticRule>> Registered = new Lazy<IReadOnlyList<DiagnosticRule>>(Read);

        private DiagnosticRule(string id, string name, DiagnosticRuleAttribute rule)
        {
            Id = id;
            Name = name;
            Title = rule.Title;
            DefaultSeverity = rule.Severity;
            ReportedBy = rule.ReportedBy;
        }

        /// <summary>Every rule of <see cref="DiagnosticIds"/>, in id order.</summary>
        public static IReadOnlyList<DiagnosticRule> All => Registered.Value;

        /// <summary>The id (<c>OVnnnn</c>).</summary>
        public string Id { get; }

        /// <summary>The name of its const in <see cref="DiagnosticIds"/>.</summary>
        public string Name { get; }

        /// <summary>The title.</summary>
        public string Title { get; }

        /// <summary>The category.</summary>
        public string Category { get; } = OpenVerifyCategory;

        /// <summary>The default severity.</summary>
        public DiagnosticRuleSeverity DefaultSeverity { get; }

        /// <summary>What reports it.</summary>
        public DiagnosticReporter ReportedBy { get; }

        /// <summary>The help link: its page under docs/rules.</summary>
        public string HelpLink => DiagnosticIds.HelpLink(Id);

        /// <summary>The rule with <paramref name="id"/>, or null.</summary>
        public static DiagnosticRule? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal));

        private static List<DiagnosticRule> Read() =>
            typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (Field: f, Rule: f.GetCustomAttribute<DiagnosticRuleAttribute>()))
                .Where(x => x.Rule != null)
                .Select(x => new DiagnosticRule((string)x.Field.GetRawConstantValue()!, x.Field.Name, x.Rule!))
                .OrderBy(r => r.Id, StringComparer.Ordinal)
                .ToList();
    }
}
