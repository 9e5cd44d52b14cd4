using OpenVerify.Onnx;

namespace OpenVerify.Tests.Shared;

/// <summary>The one element-type table (src/Shared/Onnx/OnnxElementTypes.cs) and the runtime's public enum agree.</summary>
public class OnnxElementTypesTests
{
    [Fact]
    public void EveryEnumMember_IsNamedByTheTable()
    {
        foreach (var type in Enum.GetValues<ElementType>())
        {
            // The enum mirrors the ONNX names (Float8E4M3FN is float8e4m3fn): a code added to one and not the other fails.
            OnnxElementTypes.Name((int)type).ShouldBe(type.ToString().ToLowerInvariant());
            ElementTypes.ToOnnxName(type).ShouldBe(OnnxElementTypes.Name((int)type));
        }

        ((int)Enum.GetValues<ElementType>().Max()).ShouldBe(OnnxElementTypes.MaxCode);
    }

    [Fact]
    public void NamesRoundTrip_AndUnknownNamesDoNot()
    {
        for (var code = 1; code <= OnnxElementTypes.MaxCode; code++)
        {
            OnnxElementTypes.TryParse(OnnxElementTypes.Name(code), out var parsed).ShouldBeTrue();
            parsed.ShouldBe(code);
        }

        OnnxElementTypes.TryParse("undefined", out _).ShouldBeFalse();
        OnnxElementTypes.TryParse("Float", out _).ShouldBeFalse();
        OnnxElementTypes.TryParse(null, out _).ShouldBeFalse();
        OnnxElementTypes.Name(0).ShouldBe("undefined");
        OnnxElementTypes.Name(OnnxElementTypes.MaxCode + 1).ShouldBe("undefined");
        OnnxElementTypes.Name(-1).ShouldBe("undefined");
    }

    [Fact]
    public void TheCarriers_AreTheRuntimesSupportedTypes()
    {
        // Every type the runtime can digest has a .NET carrier in the table, and only those.
        foreach (var type in Enum.GetValues<ElementType>())
        {
            (OnnxElementTypes.CSharpTypeOf(ElementTypes.ToOnnxName(type)) is not null).ShouldBe(ElementTypes.IsSupported(type), type.ToString());
        }

        OnnxElementTypes.OfClrType("System.Single").ShouldBe("float");
        OnnxElementTypes.OfClrType("Microsoft.ML.OnnxRuntime.BFloat16").ShouldBe("bfloat16");
        OnnxElementTypes.OfClrType("System.Decimal").ShouldBeNull();
    }
}
