using Microsoft.CodeAnalysis;
using DiagnosticResult = Microsoft.CodeAnalysis.Testing.DiagnosticResult;
using OpenVerify.Analyzers.Rules;
using OpenVerify.Analyzers.Tests.Infrastructure;

namespace OpenVerify.Analyzers.Tests.Rules;

/// <summary>OV1010: [SuppressMessage] of an OpenVerify rule, which the compiler honours even for NotConfigurable errors.</summary>
public class SuppressMessageTests
{
    private const string Source = """
        using System.Diagnostics.CodeAnalysis;
        using Quiet = System.Diagnostics.CodeAnalysis.SuppressMessageAttribute;

        [assembly: {|#0:SuppressMessage("OpenVerify", "OV0001:ONNX Runtime inference outside verified code")|}]
        [module: {|#1:System.Diagnostics.CodeAnalysis.SuppressMessage("Anything", "ov1009", Scope = "member", Target = "~M:C.M")|}]

        [{|#2:SuppressMessage("OpenVerify", "OV0003")|}]
        class C
        {
            [{|#3:Quiet("OpenVerify", checkId: "OV0002")|}]
            void M() { }

            [{|#4:UnconditionalSuppressMessage("OpenVerify", "OV0004")|}]
            int P => 1;

            [SuppressMessage("Style", "IDE0051")]
            [SuppressMessage("OpenVerify", "OVERALL")]
            [SuppressMessage("OpenVerify", "CA1000")]
            void Other() { }
        }
        """;

    [Fact]
    public Task Under_strict_each_suppression_of_an_OpenVerify_id_is_a_not_configurable_error() =>
        new AnalyzerTest<SuppressMessageAnalyzer>(Source).WithGate("strict").Expect(
            Result(0, "OV0001", DiagnosticSeverity.Error),
            Result(1, "OV1009", DiagnosticSeverity.Error),
            Result(2, "OV0003", DiagnosticSeverity.Error),
            Result(3, "OV0002", DiagnosticSeverity.Error),
            Result(4, "OV0004", DiagnosticSeverity.Error)).RunAsync();

    [Fact]
    public Task Under_warn_they_are_Info_and_off_reports_nothing() =>
        new AnalyzerTest<SuppressMessageAnalyzer>(Source).Expect(
            Result(0, "OV0001", DiagnosticSeverity.Info),
            Result(1, "OV1009", DiagnosticSeverity.Info),
            Result(2, "OV0003", DiagnosticSeverity.Info),
            Result(3, "OV0002", DiagnosticSeverity.Info),
            Result(4, "OV0004", DiagnosticSeverity.Info)).RunAsync();

    [Fact]
    public Task Off_reports_nothing() => new AnalyzerTest<SuppressMessageAnalyzer>(Source).WithGate("off").RunAsync();

    [Fact]
    public Task The_proof_is_reported_once_under_strict_only() =>
        new AnalyzerTest<GateProofAnalyzer>("class C { }").WithGate("strict").Expect(
            new DiagnosticResult("OV2011", DiagnosticSeverity.Info).WithNoLocation().WithArguments("TestProject", "strict")).RunAsync();

    [Fact]
    public Task No_proof_under_warn() => new AnalyzerTest<GateProofAnalyzer>("class C { }").WithGate("warn").RunAsync();

    private static DiagnosticResult Result(int location, string id, DiagnosticSeverity severity) =>
        new DiagnosticResult("OV1010", severity).WithLocation(location).WithArguments(id);
}
