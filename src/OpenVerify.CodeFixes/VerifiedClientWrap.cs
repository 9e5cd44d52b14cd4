using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using OpenVerify.Analyzers.Diagnostics;
using static OpenVerify.CodeFixes.CompileCheck;

namespace OpenVerify.CodeFixes;

/// <summary>
/// Makes a chat client, embedding generator or media client (speech-to-text, text-to-speech, image generation:
/// <see cref="VerifiedClientKind"/>) verified where it enters the code, whoever built it, with
/// OpenVerify.Extensions.AI's idempotent <c>AsVerified()</c> (a client that already attests is kept, so an injected
/// client registered verified is never attested twice). For the cases the other chat fixes leave: a client injected
/// whose registration is not in the solution (made by a library, such as Aspire's <c>AddChatClient</c>), a handler's or
/// method's parameter, a field of a base class, a local built in place that is passed on.
/// <list type="bullet">
/// <item>A local, or a private field, of type <c>IChatClient</c> / <c>IEmbeddingGenerator&lt;,&gt;</c> exactly: its type
/// becomes the verified one (<c>?</c> kept, <c>var</c> stays) and every value it is given gets <c>.AsVerified()</c>
/// (<c>?.AsVerified()</c> where the value may be null; a builder's <c>Build(...)</c> becomes
/// <c>UseOpenVerify().BuildVerified(...)</c>, so the attesting step is innermost). Every read then sees the verified
/// client; a read that needs the old type does not compile and the fix is not offered.</item>
/// <item>A primary constructor's parameter used in the type's members: a private field of the same name,
/// <c>private readonly VerifiedChatClient chat = chat.AsVerified();</c>, which the members then read.</item>
/// <item>Anything else that is a value of the interface (a method's or a lambda's parameter, a property, a field of
/// another type): the receiver of the call becomes <c>receiver.AsVerified()</c>.</item>
/// </list>
/// Offered only where neither "Use a VerifiedChatClient" nor "Inject a VerifiedChatClient" is (a registration found in
/// the solution is moved instead), and only where the result compiles.
/// </summary>
internal static partial class VerifiedClientWrap
{
    private const string Extension = "AsVerified";

    /// <summary>One rewrite: the edits it makes and the documents that must still compile.</summary>
    internal sealed class Plan
    {
        public Plan(string key, Wrapping wrapping, IReadOnlyList<Edit> edits, IReadOnlyList<DocumentId> checkedDocuments, CallMark? mark, bool qualified = false)
        {
            Key = key;
            Wrapping = wrapping;
            Edits = edits;
            CheckedDocuments = checkedDocuments;
            Mark = mark;
            Qualified = qualified;
        }

        /// <summary>The variable, parameter or call the plan rewrites, so Fix All rewrites it once.</summary>
        public string Key { get; }

        public bool IsChat => Wrapping.IsChat;

        /// <summary>What a received value becomes, and the fix's title.</summary>
        public Wrapping Wrapping { get; }

        /// <summary>The call to mark with <c>[AllowUnverifiedAi]</c>, where the analyzer cannot see the verified client behind its receiver.</summary>
        public CallMark? Mark { get; }

        /// <summary>Whether the extension classes the wrapping calls are imported with <c>using static</c> (a plain using would make a name ambiguous).</summary>
        public bool Qualified { get; }

        public Plan WithQualifiedUsings() => new(Key, Wrapping, Edits, CheckedDocuments, Mark, qualified: true);

        /// <summary>The same edits, the call left unmarked (one plan per variable again, so Fix All rewrites it once).</summary>
        public Plan WithoutMark(string markKey) =>
            new(Key.EndsWith(markKey, StringComparison.Ordinal) ? Key.Substring(0, Key.Length - markKey.Length) : Key, Wrapping, Edits, CheckedDocuments, null, Qualified);

        public IReadOnlyList<Edit> Edits { get; }

        public IReadOnlyList<DocumentId> CheckedDocuments { get; }
    }

    /// <summary>A node (named by its span) and what it becomes.</summary>
    internal sealed class Edit
    {
        public Edit(DocumentId document, TextSpan span, Func<SyntaxNode, SyntaxNode> rewrite)
        {
            Document = document;
            Span = span;
            Rewrite = rewrite;
        }

        public DocumentId Document { get; }

        public TextSpan Span { get; }

        public Func<SyntaxNode, SyntaxNode> Rewrite { get; }
    }

    /// <summary>The plan for the diagnostic's call, or null where this fix does not apply or another fix does.</summary>
    public static async Task<Plan?> TryPlanAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return null;
        }

        if (plan.Wrapping.IsKernelService)
        {
            // A Semantic Kernel service whose registration a kernel fix rebuilds is verified there.
            return await KernelFixOfferedAsync(document, diagnostic, plan.IsChat, cancellationToken).ConfigureAwait(false) ? null : plan;
        }

        // The other fixes, where offered, are preferred: a client built in place gets its verified type where it is
        // built, and an injected one whose registration is found is registered verified.
        var solution = document.Project.Solution;
        if (await VerifiedClientRewrite.TryPlanAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is { } rewrite
            && await VerifiedClientRewrite.CompilesAsync(solution, new[] { rewrite }, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        if (await VerifiedClientInjection.TryPlanAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is { } injection
            && await VerifiedClientInjection.CompilesAsync(solution, new[] { injection }, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return plan;
    }

    private static async Task<Plan?> PlanAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var isChat = diagnostic.Id == DiagnosticIds.ChatOrTextGeneration;
        if (!isChat && diagnostic.Id != DiagnosticIds.OtherModelCall)
        {
            return null;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var compilation = model.Compilation;
        var verifiedType = VerifiedClientRewrite.PackageType(compilation, isChat ? VerifiedClientRewrite.VerifiedChat : VerifiedClientRewrite.VerifiedEmbedding);
        if (verifiedType is null || verifiedType.GetMembers().IsEmpty
            || compilation.GetTypeByMetadataName(isChat ? VerifiedClientRewrite.ChatInterface : VerifiedClientRewrite.EmbeddingInterface) is not { } @interface
            || compilation.GetTypeByMetadataName("OpenVerify.Extensions.AI.OpenVerifyClientExtensions") is null)
        {
            // Without the package (or a version without AsVerified) the rewrite would not compile; the message says what to add.
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var receiver = VerifiedClientRewrite.ReceiverValue(model.GetOperation(node, cancellationToken));
        if (KernelServiceWrapping(compilation, isChat, receiver?.Type) is { } kernelService)
        {
            return await KernelServicePlanAsync(document, diagnostic, model, receiver!, kernelService, cancellationToken).ConfigureAwait(false);
        }

        // A speech-to-text, text-to-speech or image generation client (OV0004 too) has its own verified type and AsVerified().
        var kind = isChat ? VerifiedClientKind.Chat : receiver?.Type is { } received ? VerifiedClientKind.MediaOf(compilation, received) ?? VerifiedClientKind.Embedding : VerifiedClientKind.Embedding;
        if (!kind.IsChat && !kind.IsGeneric)
        {
            verifiedType = VerifiedClientRewrite.PackageType(compilation, kind.Verified);
            if (verifiedType is null || compilation.GetTypeByMetadataName(kind.Interface) is not { } media
                || !compilation.GetTypeByMetadataName("OpenVerify.Extensions.AI.OpenVerifyClientExtensions")!.GetMembers(Extension).OfType<IMethodSymbol>()
                    .Any(m => m.Parameters.Length > 0 && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, media)))
            {
                // A version of the package without this AsVerified(): the rewrite would not compile.
                return null;
            }

            @interface = media;
        }

        if (receiver?.Type is not { } receiverType || Implemented(receiverType, @interface) is not { } implemented)
        {
            return null;
        }

        if (receiver is IInstanceReferenceOperation self)
        {
            // A call the client's implementation makes on itself: the leaf's own call wrapped, or a middleware verified at its inner client.
            return await SelfCallPlanAsync(document, model, node, self, kind, cancellationToken).ConfigureAwait(false);
        }

        var typeName = !kind.IsGeneric
            ? verifiedType.Name
            : "VerifiedEmbeddingGenerator<" + string.Join(", ", implemented.TypeArguments.Select(t => t.ToMinimalDisplayString(model, node.SpanStart))) + ">";
        var exact = SymbolEqualityComparer.Default.Equals(receiverType.OriginalDefinition, @interface);
        return await ReceivedPlanAsync(document, receiver, ClientWrapping(kind), exact ? typeName : null, exact, exact ? null : implemented.ToMinimalDisplayString(model, receiver.Syntax.SpanStart), null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The plan for a value received: its variable (a local, a private field, a primary constructor's parameter) made
    /// verified where it is given its values, else the call's receiver wrapped; the first whose result compiles.
    /// <paramref name="typeName"/> is the verified type a variable is re-typed to, or null to keep its type.
    /// </summary>
    private static async Task<Plan?> ReceivedPlanAsync(Document document, IOperation receiver, Wrapping wrapping, string? typeName, bool variable, string? castTo,
        CallMark? mark, CancellationToken cancellationToken)
    {
        var solution = document.Project.Solution;
        Plan? plan = null;
        if (variable)
        {
            plan = receiver switch
            {
                ILocalReferenceOperation local => await VariablePlanAsync(solution, local.Local, local.Local.Type, wrapping, typeName, mark, cancellationToken).ConfigureAwait(false),
                IFieldReferenceOperation { Field: { DeclaredAccessibility: Accessibility.Private, IsConst: false, IsImplicitlyDeclared: false } field, Instance: null or IInstanceReferenceOperation } =>
                    await VariablePlanAsync(solution, field, field.Type, wrapping, typeName, mark, cancellationToken).ConfigureAwait(false),
                IParameterReferenceOperation { Parameter: var parameter } when InMember(receiver.Syntax) =>
                    await PrimaryParameterPlanAsync(solution, parameter, wrapping, typeName, mark, cancellationToken).ConfigureAwait(false),
                _ => null,
            };
            plan = plan is null ? null : await CompilingAsync(solution, plan, cancellationToken).ConfigureAwait(false);
        }

        if (plan is null && receiver.Parent is not IConditionalAccessOperation)
        {
            // A class of the user's that implements the client interface: `client.AsVerified()` as a person writes it
            // where that binds to the interface's extension, the cast only where the class's other interfaces make it
            // ambiguous (a class with a member of that name, or an extension of that name in scope for it, keeps the
            // cast, which binds past it).
            if (castTo is not null && receiver.Type is { } classType && !HasMemberNamed(classType, Extension) && !OtherExtensionApplies(receiver, classType))
            {
                plan = await CompilingAsync(solution, CallSitePlan(document, receiver, null, wrapping, mark), cancellationToken).ConfigureAwait(false);
            }

            plan ??= await CompilingAsync(solution, CallSitePlan(document, receiver, castTo, wrapping, mark), cancellationToken).ConfigureAwait(false);
        }

        return plan;
    }

    /// <summary>The plan as it compiles: with plain usings, else (where a kernel service's wrapping has usings that make a name ambiguous) with static ones, else null.</summary>
    private static async Task<Plan?> CompilingAsync(Solution solution, Plan plan, CancellationToken cancellationToken)
    {
        if (await CompilesAsync(solution, new[] { plan }, cancellationToken).ConfigureAwait(false))
        {
            return plan;
        }

        if (plan.Wrapping.Usings.Count == 0)
        {
            return null;
        }

        var qualified = plan.WithQualifiedUsings();
        return await CompilesAsync(solution, new[] { qualified }, cancellationToken).ConfigureAwait(false) ? qualified : null;
    }

    /// <summary>A local or private field: re-typed, each value it is given wrapped.</summary>
    private static async Task<Plan?> VariablePlanAsync(Solution solution, ISymbol variable, ITypeSymbol type, Wrapping wrapping, string? typeName, CallMark? mark, CancellationToken cancellationToken)
    {
        if (variable.DeclaringSyntaxReferences.Length != 1
            || await variable.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not VariableDeclaratorSyntax declarator
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
            || declaration.Parent is not (LocalDeclarationStatementSyntax { IsConst: false } or UsingStatementSyntax or FieldDeclarationSyntax)
            || solution.GetDocument(declarator.SyntaxTree) is not { } declarationDocument)
        {
            return null;
        }

        var nullable = type.NullableAnnotation == NullableAnnotation.Annotated;
        var edits = new List<Edit>();
        if (typeName is null)
        {
            // The variable keeps its type (a Semantic Kernel service over a verified client is still the service).
        }
        else if (!declaration.Type.IsVar)
        {
            var annotated = nullable ? typeName + "?" : typeName;
            edits.Add(new Edit(declarationDocument.Id, declaration.Type.Span, current => SyntaxFactory.ParseTypeName(annotated).WithTriviaFrom(current)));
        }
        else if (variable is not ILocalSymbol)
        {
            return null;
        }

        var declarationModel = await declarationDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (declarationModel is null)
        {
            return null;
        }

        // The values it is given, wrapped once the scan has seen whether the code checks the variable for null.
        var values = new List<(DocumentId Document, SemanticModel Model, ExpressionSyntax Value)>();
        var nullChecked = false;
        if (declarator.Initializer is { } initializer && !IsNoValue(initializer.Value))
        {
            values.Add((declarationDocument.Id, declarationModel, initializer.Value));
        }

        // Where the variable can be written: a local's document, or every part of a private field's type.
        var scopes = variable is IFieldSymbol field
            ? field.ContainingType.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).ToList()
            : new List<SyntaxNode> { declarator.SyntaxTree.GetRoot(cancellationToken) };
        var checkedDocuments = new List<DocumentId> { declarationDocument.Id };
        foreach (var scope in scopes)
        {
            var scopeDocument = solution.GetDocument(scope.SyntaxTree);
            var scopeModel = scopeDocument is null ? null : await scopeDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (scopeDocument is null || scopeModel is null)
            {
                return null;
            }

            checkedDocuments.Add(scopeDocument.Id);
            foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != variable.Name
                    || !SymbolEqualityComparer.Default.Equals(scopeModel.GetSymbolInfo(identifier, cancellationToken).Symbol, variable))
                {
                    continue;
                }

                var reference = identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == identifier ? (ExpressionSyntax)access : identifier;
                nullChecked |= IsNullChecked(reference);
                if (reference.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment && assignment.Left == reference
                    && !IsNoValue(assignment.Right))
                {
                    values.Add((scopeDocument.Id, scopeModel, assignment.Right));
                }
            }
        }

        // A variable never given a value here has nothing to wrap; one whose every value is wrapped already (by an
        // earlier fix) needs only its call marked.
        var unwrapped = values.Where(v => !IsWrapped(v.Model, v.Value, wrapping, cancellationToken)).ToList();
        if (values.Count == 0 || (unwrapped.Count == 0 && mark is null))
        {
            return null;
        }

        edits.AddRange(unwrapped.Select(v => WrapValue(v.Document, v.Model, v.Value, wrapping, nullable, nullChecked, cancellationToken)));
        return new Plan(declarator.SyntaxTree.FilePath + ":" + declarator.SpanStart + MarkKey(mark), wrapping, edits, checkedDocuments.Distinct().ToList(), mark);
    }

    /// <summary>A primary constructor's parameter read in the members: a field of the same name over it, verified.</summary>
    private static async Task<Plan?> PrimaryParameterPlanAsync(Solution solution, IParameterSymbol parameter, Wrapping wrapping, string? typeName, CallMark? mark, CancellationToken cancellationToken)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor, ContainingType: var type }
            || parameter.DeclaringSyntaxReferences.Length != 1
            || await parameter.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not ParameterSyntax syntax
            || syntax.Parent?.Parent is not (ClassDeclarationSyntax or StructDeclarationSyntax) || syntax.Parent.Parent is not TypeDeclarationSyntax declaration
            || type.GetMembers(parameter.Name).Any()
            || solution.GetDocument(declaration.SyntaxTree) is not { } declarationDocument)
        {
            return null;
        }

        var nullable = parameter.NullableAnnotation == NullableAnnotation.Annotated;
        var mayBeNull = nullable || parameter is { HasExplicitDefaultValue: true, ExplicitDefaultValue: null }
            || (parameter.NullableAnnotation == NullableAnnotation.None && await IsNullCheckedAsync(solution, parameter, type, cancellationToken).ConfigureAwait(false));
        // The field has the verified type, or (a Semantic Kernel service, wrapped) the parameter's own.
        var fieldType = typeName is null ? syntax.Type?.WithoutTrivia().ToString() : typeName + (nullable ? "?" : string.Empty);
        if (fieldType is null)
        {
            return null;
        }

        var field = SyntaxFactory.ParseMemberDeclaration(
            $"private readonly {fieldType} {syntax.Identifier.ValueText} = {wrapping.Wrap(SyntaxFactory.IdentifierName(syntax.Identifier.ValueText), mayBeNull)};")!;
        var edits = new List<Edit>
        {
            new(declarationDocument.Id, declaration.Span, current =>
            {
                var typeDeclaration = (TypeDeclarationSyntax)current;
                var first = typeDeclaration.Members.FirstOrDefault();
                var indentation = first?.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia))
                    ?? SyntaxFactory.Whitespace("    ");
                var added = field.WithLeadingTrivia(indentation).WithTrailingTrivia(SyntaxFactory.EndOfLine(EndOfLine(current)));
                if (first is not null)
                {
                    added = added.WithTrailingTrivia(SyntaxFactory.EndOfLine(EndOfLine(current)), SyntaxFactory.EndOfLine(EndOfLine(current)));
                }

                return typeDeclaration.WithMembers(typeDeclaration.Members.Insert(0, added));
            }),
        };
        var documents = type.DeclaringSyntaxReferences.Select(r => solution.GetDocument(r.SyntaxTree)?.Id).OfType<DocumentId>().Append(declarationDocument.Id).Distinct().ToList();
        return new Plan(declaration.SyntaxTree.FilePath + ":" + syntax.SpanStart + MarkKey(mark), wrapping, edits, documents, mark);
    }

    /// <summary>Whether <paramref name="type"/> or a base class declares a member named <paramref name="name"/>.</summary>
    private static bool HasMemberNamed(ITypeSymbol type, string name)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (!t.GetMembers(name).IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether an extension method named AsVerified other than OpenVerify's is in scope for <paramref name="type"/> at
    /// the receiver: <c>receiver.AsVerified()</c> would bind to it (a better match than the interface's), compile, and
    /// leave the call unverified.
    /// </summary>
    private static bool OtherExtensionApplies(IOperation receiver, ITypeSymbol type) =>
        receiver.SemanticModel is not { } model
        || model.LookupSymbols(receiver.Syntax.SpanStart, type, Extension, includeReducedExtensionMethods: true)
            .Any(s => s is IMethodSymbol { ReducedFrom: not null } method && method.ContainingNamespace?.ToDisplayString() != VerifiedClientRewrite.Namespace);

    /// <summary>The call's receiver becomes <c>receiver.AsVerified()</c>, cast to the interface when its type only implements it.</summary>
    private static Plan CallSitePlan(Document document, IOperation receiver, string? castTo, Wrapping wrapping, CallMark? mark)
    {
        var span = receiver.Syntax.Span;
        var edit = new Edit(document.Id, span, current =>
        {
            var value = ((ExpressionSyntax)current).WithoutTrivia();
            var target = castTo is null
                ? Primary(value)
                : SyntaxFactory.ParenthesizedExpression(SyntaxFactory.CastExpression(SyntaxFactory.ParseTypeName(castTo), Primary(value)));
            return wrapping.Wrap(target, false).WithTriviaFrom(current);
        });
        return new Plan(receiver.Syntax.SyntaxTree.FilePath + ":" + span.Start + ":call", wrapping, new[] { edit }, new[] { document.Id }, mark);
    }

    /// <summary>A value given to the variable: <c>v.AsVerified()</c>, <c>v?.AsVerified()</c> where it may be null, or a builder's verified build.</summary>
    private static Edit WrapValue(DocumentId document, SemanticModel model, ExpressionSyntax value, Wrapping wrapping, bool variableNullable, bool variableNullChecked, CancellationToken cancellationToken)
    {
        var isChat = wrapping.IsChat;
        var bare = value;
        while (bare is ParenthesizedExpressionSyntax parenthesized)
        {
            bare = parenthesized.Expression;
        }

        if (!wrapping.IsKernelService && bare is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Build" } } invocation
            && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol build
            && build.ContainingType.OriginalDefinition.ToDisplayString() == (wrapping.Kind ?? (isChat ? VerifiedClientKind.Chat : VerifiedClientKind.Embedding)).Builder)
        {
            return new Edit(document, bare.Span, current => VerifiedClientRewrite.Verified((ExpressionSyntax)current, isBuilderBuild: true));
        }

        if (wrapping.IsKernelService && bare is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax adapterAccess } adapterCall
            && model.GetSymbolInfo(adapterCall, cancellationToken).Symbol is IMethodSymbol { ReducedFrom: { } adapter }
            && IsKernelAdapterOverClient(adapter, isChat))
        {
            // Semantic Kernel's adapter over a client (client.AsChatCompletionService()): the client is verified before
            // it is adapted, rather than the service being adapted back to a client and again to a service.
            return new Edit(document, adapterAccess.Expression.Span,
                current => SyntaxFactory.ParseExpression(Primary(((ExpressionSyntax)current).WithoutTrivia()) + (isChat ? "." + KernelClientChain : ".AsVerified()")).WithTriviaFrom(current));
        }

        var typeInfo = model.GetTypeInfo(value, cancellationToken);
        var mayBeNull = typeInfo.Nullability.FlowState == NullableFlowState.MaybeNull
            // Without nullable analysis (annotations off) any value may be null: where the code checks the variable for
            // null, null is a value it expects, and AsVerified() would throw on it where the code went on.
            || (typeInfo.Nullability.FlowState == NullableFlowState.None && (variableNullable || variableNullChecked))
            || model.GetOperation(value, cancellationToken) is IParameterReferenceOperation { Parameter: { HasExplicitDefaultValue: true, ExplicitDefaultValue: null } };
        return new Edit(document, value.Span, current => wrapping.Wrap(Primary(((ExpressionSyntax)current).WithoutTrivia()), mayBeNull).WithTriviaFrom(current));
    }

    /// <summary>True when the rewritten documents have no more errors than before.</summary>
    public static async Task<bool> CompilesAsync(Solution solution, IReadOnlyList<Plan> plans, CancellationToken cancellationToken) =>
        await NoNewErrorsAsync(solution, await ApplyAsync(solution, plans, cancellationToken).ConfigureAwait(false), plans.SelectMany(p => p.CheckedDocuments), cancellationToken).ConfigureAwait(false);

    public static async Task<Solution> ApplyAsync(Solution solution, IReadOnlyList<Plan> plans, CancellationToken cancellationToken)
    {
        var result = solution;

        // The calls to mark are found again by annotation once the edits have moved them.
        var marks = plans.Select(p => p.Mark).OfType<CallMark>().GroupBy(m => (m.Document, m.Span)).Select(g => g.First()).ToList();
        var markAnnotations = marks.ToDictionary(m => m, _ => new SyntaxAnnotation(MarkAnnotation));
        var documents = plans.SelectMany(p => p.Edits).Select(e => e.Document).Concat(marks.Select(m => m.Document)).Distinct().ToList();
        foreach (var documentId in documents)
        {
            var document = solution.GetDocument(documentId);
            var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = document is null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                continue;
            }

            var calls = marks.Where(m => m.Document == documentId).ToDictionary(m => root.FindNode(m.Span, getInnermostNodeForTie: true), m => markAnnotations[m]);
            root = root.ReplaceNodes(calls.Keys, (original, current) => current.WithAdditionalAnnotations(calls[original]));

            // One edit per node: Fix All may reach the same value from two plans.
            var edits = new Dictionary<SyntaxNode, Edit>();
            foreach (var edit in plans.SelectMany(p => p.Edits).Where(e => e.Document == documentId))
            {
                // An argument's value shares its span with the argument: found as the innermost node of the span.
                bool Editable(SyntaxNode n) => n.Span == edit.Span && n is ExpressionSyntax or TypeSyntax or TypeDeclarationSyntax;
                var node = root.FindNode(edit.Span, getInnermostNodeForTie: false).AncestorsAndSelf().FirstOrDefault(Editable)
                    ?? root.FindNode(edit.Span, getInnermostNodeForTie: true).AncestorsAndSelf().First(Editable);
                edits[node] = edit;
            }

            if (edits.Count == 0)
            {
                result = result.WithDocumentSyntaxRoot(documentId, root);
                continue;
            }

            var newRoot = root.ReplaceNodes(edits.Keys, (original, current) => edits[original].Rewrite(current));
            if (plans.Any(p => !p.Qualified && p.Edits.Any(e => e.Document == documentId))
                && model.LookupNamespacesAndTypes(edits.Keys.Min(n => n.SpanStart), name: "VerifiedChatClient")
                    .All(s => s.ContainingNamespace?.ToDisplayString() != VerifiedClientRewrite.Namespace)
                && newRoot is CompilationUnitSyntax unit)
            {
                newRoot = VerifiedClientRewrite.AddUsing(unit, VerifiedClientRewrite.Namespace);
            }

            result = result.WithDocumentSyntaxRoot(documentId, newRoot);
        }

        foreach (var group in marks.GroupBy(m => (m.Document, m.Reason)))
        {
            var document = result.GetDocument(group.Key.Document)!;
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var spans = group.Select(m => root!.GetAnnotatedNodes(markAnnotations[m]).First().Span).ToList();
            result = (await AllowUnverifiedAiCodeFixProvider.AllowAsync(document, spans, group.Key.Reason, cancellationToken).ConfigureAwait(false)).Project.Solution;
        }

        // The usings of a kernel service's chain last, after the mark's: static usings go after the others.
        foreach (var documentId in documents)
        {
            var names = plans.Where(p => p.Edits.Any(e => e.Document == documentId))
                .SelectMany(p => p.Qualified ? p.Wrapping.QualifiedUsings : p.Wrapping.Usings).Distinct().ToList();
            if (names.Count > 0 && await result.GetDocument(documentId)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is CompilationUnitSyntax unit)
            {
                result = result.WithDocumentSyntaxRoot(documentId, names.Aggregate(unit, KernelRegistrationNames.AddUsing));
            }
        }

        return result;
    }

    /// <summary>The interface as the type is or implements it, once, or null.</summary>
    private static INamedTypeSymbol? Implemented(ITypeSymbol type, INamedTypeSymbol @interface)
    {
        if (type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, @interface))
        {
            return named;
        }

        if (type.ContainingNamespace?.ToDisplayString() == VerifiedClientRewrite.Namespace)
        {
            return null;
        }

        var implemented = type.AllInterfaces.Where(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, @interface)).ToList();
        return implemented.Count == 1 ? implemented[0] : null;
    }

    /// <summary>True when the reference sits in a member's body, where a field of the parameter's name is what it reads (not in an initializer or a base call).</summary>
    private static bool InMember(SyntaxNode reference) =>
        reference.Ancestors().Any(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax })
        && !reference.Ancestors().Any(a => a is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } } or EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax } or PrimaryConstructorBaseTypeSyntax);

    /// <summary>True when a reference of the primary constructor's parameter, in any part of its type, checks it for null.</summary>
    private static async Task<bool> IsNullCheckedAsync(Solution solution, IParameterSymbol parameter, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var part in type.DeclaringSyntaxReferences)
        {
            var syntax = await part.GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
            var model = solution.GetDocument(syntax.SyntaxTree) is { } document ? await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) : null;
            if (model is not null && syntax.DescendantNodes().OfType<IdentifierNameSyntax>().Any(identifier =>
                    identifier.Identifier.ValueText == parameter.Name && IsNullChecked(identifier)
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, parameter)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>x == null</c>, <c>x != null</c>, <c>x is null</c>, <c>x is not null</c>, <c>x?.…</c>, <c>x ?? …</c>, <c>x ??= …</c>.</summary>
    internal static bool IsNullChecked(ExpressionSyntax reference)
    {
        var node = reference;
        while (node.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            node = parenthesized;
        }

        return node.Parent switch
        {
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } comparison =>
                IsNoValue(comparison.Left == node ? comparison.Right : comparison.Left),
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce => coalesce.Left == node,
            AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceAssignmentExpression } assignment => assignment.Left == node,
            ConditionalAccessExpressionSyntax access => access.Expression == node,
            IsPatternExpressionSyntax { Pattern: var pattern } => pattern is ConstantPatternSyntax { Expression: var constant } && IsNoValue(constant)
                || pattern is UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: var negated } } && IsNoValue(negated),
            _ => false,
        };
    }

    /// <summary><c>null</c>, <c>default</c> (with or without <c>!</c>).</summary>
    internal static bool IsNoValue(ExpressionSyntax value) =>
        (value is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed ? suppressed.Operand : value)
            is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression or (int)SyntaxKind.DefaultLiteralExpression };

    internal static ExpressionSyntax Primary(ExpressionSyntax value) =>
        value is InvocationExpressionSyntax or ObjectCreationExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax
            or ParenthesizedExpressionSyntax or ElementAccessExpressionSyntax or ThisExpressionSyntax
            or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression }
            ? value
            : SyntaxFactory.ParenthesizedExpression(value);

    internal static InvocationExpressionSyntax Call(ExpressionSyntax receiver, string name) =>
        SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName(name)));

    private static string EndOfLine(SyntaxNode node) =>
        node.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString() is { Length: > 0 } eol ? eol : "\n";
}
