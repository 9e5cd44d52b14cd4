using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace OpenVerify;

/// <summary>Facts about the runtime recorded in every receipt. Computed once per process.</summary>
internal static class RuntimeFacts
{
    private static readonly Lazy<RuntimeDescriptor> Cpu = new(() => new RuntimeDescriptor
    {
        OnnxRuntime = OrtEnv.Instance().GetVersionString(),
        ExecutionProvider = "CPUExecutionProvider",
        Os = RuntimeInformation.OSDescription,
        Architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
        Framework = RuntimeInformation.FrameworkDescription,
        OpenVerify = typeof(RuntimeFacts).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown",
    });

    /// <summary>A random id for this process, so (instance, sequence) names one inference.</summary>
    public static readonly string Instance = Guid.NewGuid().ToString("D");

    public static RuntimeDescriptor Descriptor => Cpu.Value;
}
