// Copyright (c) Microsoft. All rights reserved.

namespace CopilotChat.Shared;

/// <summary>
/// Configuration constants for kernel memory.
/// </summary>
public static class MemoryConfiguration
{
    public const string KernelMemorySection = "KernelMemory";
    public const string ServicesSection = "Services";
    public const string OrchestrationTypeDistributed = "Distributed";
    public const string NoneType = "None";
}
