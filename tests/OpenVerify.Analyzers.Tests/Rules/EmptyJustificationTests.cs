using OpenVerify.Analyzers.Rules;
using OpenVerify.Analyzers.Tests.Infrastructure;

namespace OpenVerify.Analyzers.Tests.Rules;

public class EmptyJustificationTests
{
    [Fact]
    public Task Empty_whitespace_and_null_justifications_are_reported_everywhere() => new AnalyzerTest<AllowUnverifiedAiJustificationAnalyzer>("""
        using System;
        using OpenVerify;

        [{|#0:AllowUnverifiedAi("")|}]
        class OnType
        {
            [{|#1:AllowUnverifiedAi("   ")|}]
            void OnMethod() { }

            [{|#2:AllowUnverifiedAi(null!)|}]
            int OnProperty => 1;

            [{|#3:AllowUnverifiedAi("\t")|}]
            private int _onField;

            [{|#4:AllowUnverifiedAi("")|}]
            event EventHandler? OnEvent;

            void Local()
            {
                [{|#5:AllowUnverifiedAi("")|}]
                void Inner() { }

                Inner();
                Action lambda = [{|#6:AllowUnverifiedAi(" ")|}] () => { };
                Func<int, int> simple = x => x;
                _ = _onField;
                OnEvent?.Invoke(this, EventArgs.Empty);
            }
        }
        """).Expect(
            Expect.EmptyJustification(0, "OnType"),
            Expect.EmptyJustification(1, "OnMethod"),
            Expect.EmptyJustification(2, "OnProperty"),
            Expect.EmptyJustification(3, "_onField"),
            Expect.EmptyJustification(4, "OnEvent"),
            Expect.EmptyJustification(5, "Inner"),
            Expect.EmptyJustification(6, "")).RunAsync();

    [Fact]
    public Task A_real_justification_is_not_reported() => new AnalyzerTest<AllowUnverifiedAiJustificationAnalyzer>("""
        using OpenVerify;

        [AllowUnverifiedAi("prototype behind a feature flag")]
        class Prototype
        {
            [AllowUnverifiedAi("warm-up call; its output is discarded")]
            void WarmUp() { }
        }
        """).RunAsync();

    [Fact]
    public Task A_partial_method_is_judged_once() => new AnalyzerTest<AllowUnverifiedAiJustificationAnalyzer>("""
        using OpenVerify;

        partial class Scorer
        {
            [{|#0:AllowUnverifiedAi("")|}]
            partial void Score();

            partial void Score() { }
        }
        """).Expect(Expect.EmptyJustification(0, "Score")).RunAsync();
}
