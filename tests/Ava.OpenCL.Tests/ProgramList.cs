namespace Ava.OpenCL.Tests;

/// <summary>The C test programs whose remoted transcript is compared with the native one.</summary>
internal static class ProgramList
{
    public static readonly string[] Matching =
    [
        "ndrange", "buffers", "platform_device", "program_kernel", "context_queue", "events", "images", "threads", "extensions", "errors",
    ];
}
