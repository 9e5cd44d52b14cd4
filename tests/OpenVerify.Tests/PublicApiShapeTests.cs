using System.Reflection;
using OpenVerify.Testing;

namespace OpenVerify.Tests;

/// <summary>The runtime's public API speaks the runtime's vocabulary (issue 11, "A small, deliberate public API"): the
/// shared kernel's types stay internal, and what a user sees is typed with <see cref="Sha256Digest"/>,
/// <see cref="ElementType"/> and <see cref="ModelTensorInfo"/>.</summary>
public class PublicApiShapeTests
{
    private static readonly Assembly Runtime = typeof(VerifiedModel).Assembly;

    // The kernel's format exceptions are public because they reach users (a malformed model, trust policy or lockfile)
    // and, in the runtime, derive from OpenVerifyException (docs/architecture.md, "Exceptions"); every other kernel
    // type is internal.
    private static readonly string[] PublicKernelExceptions = ["OpenVerify.Onnx.OnnxFormatException", "OpenVerify.ModelSigning.GateFileFormatException"];

    [Fact]
    public void NoKernelTypeIsPublic_ExceptTheFormatExceptions()
    {
        Runtime.GetExportedTypes()
            .Where(t => t.Namespace is "OpenVerify.Onnx" or "OpenVerify.ModelSigning")
            .Select(t => t.FullName)
            .Where(name => !PublicKernelExceptions.Contains(name))
            .ShouldBeEmpty();
    }

    [Fact]
    public void EveryPublicException_DerivesFromOpenVerifyException()
    {
        var exceptions = Runtime.GetExportedTypes().Where(t => typeof(Exception).IsAssignableFrom(t)).ToList();

        exceptions.Select(t => t.FullName).ShouldContain(PublicKernelExceptions[0]);
        exceptions.Select(t => t.FullName).ShouldContain(PublicKernelExceptions[1]);
        exceptions.Where(t => t != typeof(OpenVerifyException) && !t.IsSubclassOf(typeof(OpenVerifyException)))
            .Select(t => $"{t.FullName} : {t.BaseType?.FullName}")
            .ShouldBeEmpty();
    }

    [Fact]
    public void AMalformedTrustPolicy_IsCaughtAsOpenVerifyException()
    {
        var path = Path.Combine(Path.GetTempPath(), $"openverify-{Guid.NewGuid():N}.trust.json");
        File.WriteAllText(path, "{ \"version\": 1,\n  \"keys\": [ }");
        try
        {
            var e = Should.Throw<OpenVerifyException>(() => ModelSignature.LoadTrustPolicy(path));
            e.ShouldBeOfType<global::OpenVerify.ModelSigning.GateFileFormatException>().Line.ShouldBe(2);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void NoPublicMemberExposesAKernelType()
    {
        var leaks = new List<string>();
        foreach (var type in Runtime.GetExportedTypes())
        {
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                IEnumerable<Type> types = member switch
                {
                    PropertyInfo p => [p.PropertyType],
                    FieldInfo f => [f.FieldType],
                    MethodBase m => m.GetParameters().Select(p => p.ParameterType).Concat(m is MethodInfo mi ? [mi.ReturnType] : Type.EmptyTypes),
                    _ => [],
                };
                leaks.AddRange(types.Where(IsInternalKernelType).Select(t => $"{type.FullName}.{member.Name}: {t.FullName}"));
            }
        }

        leaks.ShouldBeEmpty();
    }

    [Fact]
    public void NpyFormat_IsNotRuntimeApi() =>
        Runtime.GetExportedTypes().Select(t => t.Name).ShouldNotContain(name => name.StartsWith("Npy", StringComparison.Ordinal));

    [Fact]
    public void VerifiedModel_DescribesTheModelFile_AsTheSharedReaderReadsIt()
    {
        var bytes = TestModels.AddMul();
        var info = global::OpenVerify.Onnx.OnnxModelReader.Read(new MemoryStream(bytes));
        using var model = VerifiedModel.FromBytes(bytes);

        model.ProducerName.ShouldBe(info.ProducerName);
        model.ProducerName.ShouldNotBeEmpty();
        model.ProducerVersion.ShouldBe(info.ProducerVersion);
        model.IrVersion.ShouldBe(OnnxModelBuilder.DefaultIrVersion);
        model.OpsetImports.ShouldBe([new KeyValuePair<string, long>(string.Empty, OnnxModelBuilder.DefaultOpset)]);
        model.Inputs.Select(i => (i.Name, i.ElementType)).ShouldBe([("a", ElementType.Float), ("b", ElementType.Float)]);
        (model.OpsetImports is ICollection<KeyValuePair<string, long>> { IsReadOnly: false }).ShouldBeFalse();
    }

    [Fact]
    public void ModelSignatureOutcome_HasTheKernelsCases_ByNameAndValue()
    {
        var runtime = Enum.GetValues<ModelSignatureOutcome>().Select(v => $"{v}={(int)v}").ToArray();
        var kernel = Enum.GetValues<global::OpenVerify.ModelSigning.ModelSignatureOutcome>().Select(v => $"{v}={(int)v}").ToArray();
        runtime.ShouldBe(kernel);
    }

    [Fact]
    public void RequiredCheckNames_AreRequiredColonTheCheck() =>
        VerificationChecks.Required(VerificationChecks.Replay).ShouldBe("required:replay");

    private static bool IsInternalKernelType(Type type)
    {
        if (type.HasElementType)
        {
            return IsInternalKernelType(type.GetElementType()!);
        }

        if (type.IsGenericType && type.GetGenericArguments().Any(IsInternalKernelType))
        {
            return true;
        }

        return type.Assembly == Runtime && !type.IsGenericParameter && !type.IsVisible;
    }
}
