using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static OpenVerify.Analyzers.Generation.SymbolNames;

namespace OpenVerify.Analyzers.AiApis;

/// <summary>
/// What the <c>SessionOptions</c> an <c>InferenceSession</c> is created with amount to, as OpenVerify's allow-listed
/// <c>SessionConfiguration</c>: the settings that carry over (graph optimization level, intra/inter-op threads,
/// execution mode, the CPU execution provider), the ones that may go because they change only logging or memory use,
/// and the first one that can do neither (a GPU execution provider, custom operators, config entries, options from a
/// parameter), which holds the "Run through a VerifiedModel" fix back and is named in OV0001's message.
/// docs/rules/OV0001.md has the table of every setting and why.
/// </summary>
internal sealed class SessionOptionsMapping
{
    public const string SessionType = "Microsoft.ML.OnnxRuntime.InferenceSession";
    public const string OptionsType = "Microsoft.ML.OnnxRuntime.SessionOptions";

    private SessionOptionsMapping(IReadOnlyList<KeyValuePair<string, string>> settings, IReadOnlyList<SyntaxNode> obsolete, string? heldBack)
    {
        Settings = settings;
        Obsolete = obsolete;
        HeldBack = heldBack;
    }

    /// <summary>The <c>SessionConfiguration</c> properties to set and the C# text of each value, in a fixed order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; }

    /// <summary>The options' declaration and the statements that configure it, when nothing else uses them.</summary>
    public IReadOnlyList<SyntaxNode> Obsolete { get; }

    /// <summary>Why the options cannot be carried over, naming the setting; null when they can.</summary>
    public string? HeldBack { get; }

    /// <summary>The session is created without options, or with options that set nothing the configuration keeps.</summary>
    public bool IsDefault => HeldBack is null && Settings.Count == 0;

    private static SessionOptionsMapping Hold(string reason) => new(Array.Empty<KeyValuePair<string, string>>(), Array.Empty<SyntaxNode>(), reason);

    /// <summary>
    /// The first reason a <c>new InferenceSession(…, options)</c> that assigns the session <paramref name="receiver"/>
    /// names (a field, property or local, found in this syntax tree) holds the fix back, or null.
    /// </summary>
    public static string? FindHeldBack(SemanticModel model, ExpressionSyntax receiver, CancellationToken cancellationToken)
    {
        if (receiver is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified)
        {
            receiver = qualified.Name;
        }

        if (receiver is not IdentifierNameSyntax
            || model.GetSymbolInfo(receiver, cancellationToken).Symbol is not { } session
            || session is not (ILocalSymbol or IFieldSymbol or IPropertySymbol))
        {
            return null;
        }

        foreach (var scope in Scopes(session, model.SyntaxTree, cancellationToken))
        {
            foreach (var creation in scope.DescendantNodes().OfType<BaseObjectCreationExpressionSyntax>())
            {
                if (creation.ArgumentList is { Arguments.Count: 2 } arguments
                    && Assigns(model, creation, session, cancellationToken)
                    && model.GetSymbolInfo(creation, cancellationToken).Symbol is IMethodSymbol { Parameters.Length: 2 } constructor
                    && MetadataName(constructor.ContainingType) == SessionType
                    && MetadataName(constructor.Parameters[1].Type) == OptionsType
                    && Analyze(model, arguments.Arguments[1].Expression, cancellationToken).HeldBack is { } reason)
                {
                    return reason;
                }
            }
        }

        return null;
    }

    private static IEnumerable<SyntaxNode> Scopes(ISymbol session, SyntaxTree tree, CancellationToken cancellationToken)
    {
        foreach (var reference in session.DeclaringSyntaxReferences.Where(r => r.SyntaxTree == tree))
        {
            var declaration = reference.GetSyntax(cancellationToken);
            SyntaxNode? scope = session is ILocalSymbol
                ? declaration.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? (SyntaxNode?)declaration.FirstAncestorOrSelf<CompilationUnitSyntax>()
                : declaration.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (scope is not null)
            {
                yield return scope;
            }
        }
    }

    /// <summary>Whether the creation is the session's initializer or is assigned to it.</summary>
    private static bool Assigns(SemanticModel model, SyntaxNode creation, ISymbol session, CancellationToken cancellationToken)
    {
        var node = creation.Parent;
        while (node is ParenthesizedExpressionSyntax)
        {
            node = node.Parent;
        }

        // `session = await Task.Run(() => new InferenceSession(path, options))`: made on a worker thread, stored here.
        if (node is LambdaExpressionSyntax { Parent: ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax run } } lambda && lambda.Body == creation
            && model.GetSymbolInfo(run, cancellationToken).Symbol is IMethodSymbol { Name: "Run", ContainingType: { Name: "Task", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } } } })
        {
            node = run.Parent is AwaitExpressionSyntax awaited ? awaited.Parent : null;
        }

        return node switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(declarator, cancellationToken), session),
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(property, cancellationToken), session),
            AssignmentExpressionSyntax assignment => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol, session),
            _ => false,
        };
    }

    /// <summary>What the options passed as <paramref name="options"/> to a session's constructor amount to.</summary>
    public static SessionOptionsMapping Analyze(SemanticModel model, ExpressionSyntax options, CancellationToken cancellationToken)
    {
        while (options is ParenthesizedExpressionSyntax parenthesized)
        {
            options = parenthesized.Expression;
        }

        var creation = options.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>(c => c != options) ?? (SyntaxNode)options;
        if (options is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } call
            && model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { Parameters.Length: 0, DeclaringSyntaxReferences.Length: 1 } helper
            && MetadataName(helper.ContainingType) != OptionsType
            && helper.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration
            && declaration.SyntaxTree == model.SyntaxTree)
        {
            return Helper(new State(model, allowVariables: false, cancellationToken), declaration, call);
        }

        var state = new State(model, allowVariables: true, cancellationToken);
        if (options is BaseObjectCreationExpressionSyntax or InvocationExpressionSyntax)
        {
            state.Fresh(options);
            return state.Result(Array.Empty<SyntaxNode>());
        }

        if (options is BinaryExpressionSyntax coalesce && coalesce.IsKind(SyntaxKind.CoalesceExpression))
        {
            // `given ?? new SessionOptions()`: what the left side is decides (a parameter, most often).
            return Analyze(model, coalesce.Left, cancellationToken) is { HeldBack: { } reason } ? Hold(reason) : Hold($"SessionOptions from '{options}'");
        }

        if (options.IsKind(SyntaxKind.NullLiteralExpression) || options.IsKind(SyntaxKind.DefaultLiteralExpression) || options is DefaultExpressionSyntax)
        {
            return Hold("null SessionOptions");
        }

        var name = options is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } ? member : options as SimpleNameSyntax;
        var symbol = name is null ? null : model.GetSymbolInfo(name, cancellationToken).Symbol;
        switch (symbol)
        {
            case IParameterSymbol parameter:
                return Hold($"SessionOptions passed in as the parameter '{parameter.Name}' (create the VerifiedModel where the options are made, with VerifiedModelOptions.Session)");
            case ILocalSymbol or IFieldSymbol { DeclaredAccessibility: Accessibility.Private }:
                return Variable(state, symbol, creation);
            default:
                return Hold($"SessionOptions from '{options}' (set the same values in VerifiedModelOptions.Session where the session is created)");
        }
    }

    /// <summary>A local or private field initialized with fresh options and configured by statements before the session is made.</summary>
    private static SessionOptionsMapping Variable(State state, ISymbol symbol, SyntaxNode sessionCreation)
    {
        var model = state.Model;
        var cancellationToken = state.CancellationToken;
        if (symbol.DeclaringSyntaxReferences.Length != 1
            || symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer, Parent: VariableDeclarationSyntax { Variables.Count: 1 } declaration } declarator
            || declarator.SyntaxTree != model.SyntaxTree)
        {
            return Hold($"SessionOptions '{symbol.Name}'{Source(symbol, cancellationToken)} (set the same values in VerifiedModelOptions.Session where the session is created)");
        }

        // The field's uses are searched in its type's declaration only: another part of a partial type (often in
        // another file) may add a provider or a config entry, or still use the field once its declaration is gone.
        if (symbol is IFieldSymbol { ContainingType: { DeclaringSyntaxReferences.Length: > 1 } partialType })
        {
            return Hold($"SessionOptions '{symbol.Name}' of the partial type '{partialType.Name}', whose other parts may configure it (set the same values in VerifiedModelOptions.Session where the session is created)");
        }

        if (!state.Fresh(initializer))
        {
            return state.Result(Array.Empty<SyntaxNode>());
        }

        SyntaxNode? scope = symbol is IFieldSymbol ? declarator.FirstAncestorOrSelf<TypeDeclarationSyntax>() : declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? (SyntaxNode?)declarator.FirstAncestorOrSelf<CompilationUnitSyntax>();
        if (scope is null)
        {
            return Hold($"SessionOptions '{symbol.Name}'");
        }

        var obsolete = new List<SyntaxNode> { declaration.Parent is LocalDeclarationStatementSyntax statement ? statement : declaration.Parent! };
        var usedOnlyHere = true;
        var configured = initializer is BaseObjectCreationExpressionSyntax { Initializer.Expressions.Count: > 0 };
        var references = scope.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(n => n.Identifier.ValueText == symbol.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, symbol))
            .OrderBy(n => n.SpanStart);
        foreach (var reference in references)
        {
            SyntaxNode use = reference.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified && qualified.Name == reference ? qualified : reference;
            if (use.Parent is ArgumentSyntax { Parent.Parent: var call } && call == sessionCreation)
            {
                continue;
            }

            if (use.Parent is ArgumentSyntax { Parent.Parent: BaseObjectCreationExpressionSyntax other }
                && model.GetTypeInfo(other, cancellationToken).Type is { } otherType && MetadataName(otherType) == SessionType)
            {
                // Another session made with the same options: they stay for it.
                usedOnlyHere = false;
                continue;
            }

            if (use.Parent is MemberAccessExpressionSyntax access && access.Expression == use
                && access.Parent is InvocationExpressionSyntax { Parent: ExpressionStatementSyntax } disposal && access.Name.Identifier.ValueText == "Dispose")
            {
                obsolete.Add(disposal.Parent!);
                continue;
            }

            if (use.Parent is ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Dispose" } }, Parent: ExpressionStatementSyntax conditionalDisposal } conditional
                && conditional.Expression == use)
            {
                obsolete.Add(conditionalDisposal);
                continue;
            }

            if (use.Parent is UsingStatementSyntax)
            {
                usedOnlyHere = false;
                continue;
            }

            // A statement that configures the options: it counts when it comes before the session is made, in a block
            // that holds both; after it, it cannot change the session; anywhere else (a branch, another member) the fix
            // cannot tell, so it holds back.
            var configuring = use.Parent switch
            {
                MemberAccessExpressionSyntax { Parent: AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax s } assignment } m when m.Expression == use && assignment.Left == m => s,
                MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax { Parent: ExpressionStatementSyntax s } } m when m.Expression == use => s,
                _ => null,
            };
            if (configuring is null)
            {
                return Hold($"SessionOptions '{symbol.Name}' also used for something else ('{use.Parent}')");
            }

            var order = Order(configuring, sessionCreation, declarator);
            if (order > 0)
            {
                usedOnlyHere = false;
                continue;
            }

            if (order == 0)
            {
                return Hold($"'{Describe(configuring)}' where the fix cannot tell whether it applies to the session (in a branch, a loop or another member)");
            }

            if (!state.Apply(configuring))
            {
                return state.Result(Array.Empty<SyntaxNode>());
            }

            obsolete.Add(configuring);
            configured = true;
        }

        // Options as they are made (`using var options = new SessionOptions();`) stay as they are; configured ones go
        // with their statements once their settings are in the configuration and nothing else uses them.
        return state.Result(usedOnlyHere && configured ? obsolete : Array.Empty<SyntaxNode>());
    }

    /// <summary>
    /// Where a field without an initializer gets its options, for the message: " from 'X'" when its type stores it once
    /// (<c>_options = X;</c>), else " made elsewhere".
    /// </summary>
    private static string Source(ISymbol symbol, CancellationToken cancellationToken)
    {
        var stores = symbol is IFieldSymbol field
            ? field.ContainingType.DeclaringSyntaxReferences.SelectMany(r => r.GetSyntax(cancellationToken).DescendantNodes().OfType<AssignmentExpressionSyntax>())
                .Where(a => a.IsKind(SyntaxKind.SimpleAssignmentExpression)
                    && (a.Left is IdentifierNameSyntax { Identifier.ValueText: var name } && name == symbol.Name
                        || a.Left is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name.Identifier.ValueText: var member } && member == symbol.Name))
                .Take(2).ToList()
            : new List<AssignmentExpressionSyntax>();
        return stores.Count == 1 ? $" from '{stores[0].Right}'" : " made elsewhere";
    }

    /// <summary>
    /// Options made by a method of this code base without parameters: <c>=&gt; new SessionOptions { … }</c>, or
    /// <c>var o = new SessionOptions { … };</c>, statements that configure <c>o</c>, <c>return o;</c>. Its values move to
    /// another member, so thread counts carry over only as constants; the method stays.
    /// </summary>
    private static SessionOptionsMapping Helper(State state, MethodDeclarationSyntax method, InvocationExpressionSyntax call)
    {
        var model = state.Model;
        var cancellationToken = state.CancellationToken;
        if (method.ExpressionBody is { Expression: var returned })
        {
            state.Fresh(returned);
            return state.Result(Array.Empty<SyntaxNode>());
        }

        var statements = method.Body?.Statements ?? default;
        if (statements.Count < 2
            || statements[0] is not LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables }
            || variables[0] is not { Initializer.Value: { } initializer } declarator
            || statements[statements.Count - 1] is not ReturnStatementSyntax { Expression: IdentifierNameSyntax result }
            || result.Identifier.ValueText != declarator.Identifier.ValueText)
        {
            return Hold($"SessionOptions from '{call}' (set the same values in VerifiedModelOptions.Session where the session is created)");
        }

        if (!state.Fresh(initializer))
        {
            return state.Result(Array.Empty<SyntaxNode>());
        }

        var local = model.GetDeclaredSymbol(declarator, cancellationToken);
        for (var i = 1; i < statements.Count - 1; i++)
        {
            var receiver = statements[i] switch
            {
                ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Expression: var target } } } => target,
                ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var target } } } => target,
                _ => null,
            };
            if (receiver is null || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(receiver, cancellationToken).Symbol, local))
            {
                return Hold($"'{Describe(statements[i])}' in '{call}', where the fix cannot tell whether it applies to the session");
            }

            if (!state.Apply(statements[i]))
            {
                break;
            }
        }

        return state.Result(Array.Empty<SyntaxNode>());
    }

    /// <summary>
    /// -1 when <paramref name="statement"/> runs before the creation in a block holding both, 1 after (and before no
    /// later creation with the same options), 0 when neither is certain.
    /// </summary>
    private static int Order(SyntaxNode statement, SyntaxNode creation, SyntaxNode optionsDeclaration)
    {
        if (statement.Parent is not BlockSyntax block)
        {
            return 0;
        }

        var outer = creation.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent == block);
        // A lambda or local function between the block and the creation runs it later, perhaps more than once; one
        // around the block (options and session made together in `Task.Run(() => { … })`) runs them in order.
        if (outer is null || creation.AncestorsAndSelf().TakeWhile(n => n != block).Any(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
        {
            return 0;
        }

        if (outer.SpanStart > statement.SpanStart)
        {
            return -1;
        }

        // After the creation, but the creation may run again with the same options: in a loop, a lambda or a local
        // function that the options' declaration is outside of, the statement configures the next session.
        return creation.Ancestors().TakeWhile(n => !n.Contains(optionsDeclaration))
            .Any(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
            ? 0 : 1;
    }

    private static string Describe(SyntaxNode statement) => statement is ExpressionStatementSyntax { Expression: var expression } ? expression.ToString() : statement.ToString();

    /// <summary>The settings in the order they are applied; the last value of a property wins, as it does in ONNX Runtime.</summary>
    private sealed class State
    {
        private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal);
        private readonly bool _allowVariables;
        private string? _heldBack;

        public State(SemanticModel model, bool allowVariables, CancellationToken cancellationToken)
        {
            Model = model;
            CancellationToken = cancellationToken;
            _allowVariables = allowVariables;
        }

        public SemanticModel Model { get; }

        public CancellationToken CancellationToken { get; }

        public SessionOptionsMapping Result(IReadOnlyList<SyntaxNode> obsolete)
        {
            if (_heldBack is not null)
            {
                return Hold(_heldBack);
            }

            var settings = Order.Where(_settings.ContainsKey).Select(k => new KeyValuePair<string, string>(k, _settings[k])).ToList();
            return new SessionOptionsMapping(settings, obsolete, null);
        }

        private static readonly string[] Order = { "GraphOptimization", "IntraOpThreads", "InterOpThreads", "ParallelExecution" };

        /// <summary><c>new SessionOptions()</c> with an initializer of settings, or a factory such as <c>MakeSessionOptionWithCudaProvider</c>.</summary>
        public bool Fresh(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: > 0 }:
                    return HoldBack($"'{expression}'");
                case BaseObjectCreationExpressionSyntax creation when Model.GetTypeInfo(creation, CancellationToken).Type is { } type && MetadataName(type) == OptionsType:
                    foreach (var element in creation.Initializer?.Expressions ?? default)
                    {
                        if (element is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax property } assignment
                            || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                            || !Set(property.Identifier.ValueText, assignment.Right))
                        {
                            return HoldBack(_heldBack ?? $"'{element}'");
                        }
                    }

                    return true;
                case InvocationExpressionSyntax invocation when Model.GetSymbolInfo(invocation, CancellationToken).Symbol is IMethodSymbol { IsStatic: true } factory
                    && MetadataName(factory.ContainingType) == OptionsType:
                    return HoldBack(factory.Name switch
                    {
                        "MakeSessionOptionWithCudaProvider" => "the CUDA execution provider (SessionOptions.MakeSessionOptionWithCudaProvider): a VerifiedModel runs on the CPU only",
                        "MakeSessionOptionWithRocmProvider" => "the ROCm execution provider (SessionOptions.MakeSessionOptionWithRocmProvider): a VerifiedModel runs on the CPU only",
                        "MakeSessionOptionWithTensorrtProvider" => "the TensorRT execution provider (SessionOptions.MakeSessionOptionWithTensorrtProvider): a VerifiedModel runs on the CPU only",
                        _ => $"SessionOptions.{factory.Name}",
                    });
                default:
                    return HoldBack($"SessionOptions from '{expression}' (set the same values in VerifiedModelOptions.Session where the session is created)");
            }
        }

        /// <summary>A statement <c>options.Property = value;</c> or <c>options.Method(...);</c>.</summary>
        public bool Apply(SyntaxNode statement)
        {
            switch (((ExpressionStatementSyntax)statement).Expression)
            {
                case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax property } assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression):
                    return Set(property.Name.Identifier.ValueText, assignment.Right) || HoldBack(_heldBack ?? $"'{assignment}'");
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax method } invocation:
                    return Call(method.Name.Identifier.ValueText, invocation);
                default:
                    return HoldBack($"'{statement}'");
            }
        }

        private bool Call(string method, InvocationExpressionSyntax invocation)
        {
            if (method == "AppendExecutionProvider_CPU")
            {
                // The CPU provider is the one a VerifiedModel runs on; its argument only turns the memory arena on or off.
                return invocation.ArgumentList.Arguments.All(a => IsPlain(a.Expression)) || HoldBack($"'{invocation}'");
            }

            if (method.StartsWith("AppendExecutionProvider", StringComparison.Ordinal))
            {
                var provider = method.Length > "AppendExecutionProvider_".Length ? method.Substring("AppendExecutionProvider_".Length) : invocation.ArgumentList.Arguments.FirstOrDefault()?.ToString() ?? "another";
                return HoldBack($"the {provider} execution provider ({method}): a VerifiedModel runs on the CPU only; keep the call unverified with [AllowUnverifiedAi(\"why\")] or run the model on the CPU");
            }

            return HoldBack(method switch
            {
                "RegisterOrtExtensions" or "RegisterCustomOpLibrary" or "RegisterCustomOpLibraryV2" => $"custom operators ({method}): their code is outside the model's digest, so a VerifiedModel refuses them",
                "AddSessionConfigEntry" => $"a session config entry ({invocation}): a VerifiedModel takes no free-form config entries",
                "AddInitializer" or "AddExternalInitializers" => $"injected initializers ({method}): weights outside the model's digest",
                "AddFreeDimensionOverride" or "AddFreeDimensionOverrideByName" => $"a free dimension override ({method}), which a VerifiedModel does not take",
                _ => $"'{invocation}', which a VerifiedModel does not take",
            });
        }

        /// <summary>One property of the options; false (with the reason) where it cannot be carried over or dropped.</summary>
        private bool Set(string property, ExpressionSyntax value)
        {
            var constant = Model.GetConstantValue(value, CancellationToken);
            switch (property)
            {
                case "GraphOptimizationLevel":
                    return constant.Value is int level && level switch { 0 => "Disabled", 1 => "Basic", 2 => "Extended", 99 => "All", _ => null } is { } mapped
                        ? Put("GraphOptimization", "GraphOptimization." + mapped)
                        : HoldBack($"GraphOptimizationLevel = {value} (only a constant level carries over)");
                case "IntraOpNumThreads":
                case "InterOpNumThreads":
                    var key = property == "IntraOpNumThreads" ? "IntraOpThreads" : "InterOpThreads";
                    if (constant.Value is int threads)
                    {
                        return threads >= 0 ? Put(key, threads.ToString(CultureInfo.InvariantCulture)) : HoldBack($"{property} = {value} (negative)");
                    }

                    return _allowVariables && IsPlain(value) ? Put(key, value.WithoutTrivia().ToString()) : HoldBack($"{property} = {value} (only a constant or a variable carries over)");
                case "ExecutionMode":
                    return constant.Value is int mode && mode is 0 or 1
                        ? (mode == 1 ? Put("ParallelExecution", "true") : Remove("ParallelExecution"))
                        : HoldBack($"ExecutionMode = {value} (only a constant mode carries over)");
                case "LogSeverityLevel":
                case "LogVerbosityLevel":
                case "LogId":
                case "EnableMemoryPattern":
                case "EnableCpuMemArena":
                case "ProfileOutputPathPrefix":
                    // Logging and memory reuse change neither the results nor where the model runs.
                    return IsPlain(value) || HoldBack($"{property} = {value}");
                case "EnableProfiling":
                    return constant.Value is false || HoldBack($"EnableProfiling = {value}: a VerifiedModel writes no profile; remove it to profile an unverified session instead");
                case "OptimizedModelFilePath":
                    return HoldBack($"OptimizedModelFilePath = {value}: a VerifiedModel does not write the optimized model");
                default:
                    return HoldBack($"{property} = {value}, which a VerifiedModel does not take");
            }
        }

        private bool Put(string key, string value)
        {
            _settings[key] = value;
            return true;
        }

        private bool Remove(string key)
        {
            _settings.Remove(key);
            return true;
        }

        private bool HoldBack(string reason)
        {
            _heldBack ??= reason;
            return false;
        }

        /// <summary>A literal, a name or a member of one, or a cast of one: evaluating it has no side effect, so it may move or go.</summary>
        private bool IsPlain(ExpressionSyntax expression) => expression switch
        {
            LiteralExpressionSyntax or IdentifierNameSyntax or ThisExpressionSyntax or PredefinedTypeSyntax => expression is not IdentifierNameSyntax || IsStable(expression),
            MemberAccessExpressionSyntax member => IsPlain(member.Expression) && Model.GetSymbolInfo(member, CancellationToken).Symbol is IFieldSymbol or IPropertySymbol or INamedTypeSymbol or INamespaceSymbol,
            CastExpressionSyntax cast => IsPlain(cast.Expression),
            PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryMinusExpression) => IsPlain(unary.Operand),
            ParenthesizedExpressionSyntax parenthesized => IsPlain(parenthesized.Expression),
            _ => false,
        };

        /// <summary>A name whose value cannot change between the options and the session: not a local written after its declaration.</summary>
        private bool IsStable(ExpressionSyntax name)
        {
            var symbol = Model.GetSymbolInfo(name, CancellationToken).Symbol;
            if (symbol is not ILocalSymbol local)
            {
                return symbol is IFieldSymbol or IPropertySymbol or IParameterSymbol or INamedTypeSymbol or INamespaceSymbol;
            }

            var scope = local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(CancellationToken).FirstAncestorOrSelf<MemberDeclarationSyntax>();
            return scope is not null && !scope.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Where(n => n.Identifier.ValueText == local.Name && SymbolEqualityComparer.Default.Equals(Model.GetSymbolInfo(n, CancellationToken).Symbol, local))
                .Any(n => n.Parent is AssignmentExpressionSyntax a && a.Left == n || n.Parent is PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax || n.Parent is ArgumentSyntax arg && !arg.RefKindKeyword.IsKind(SyntaxKind.None));
        }
    }
}
