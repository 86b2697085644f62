namespace Ava.OpenCL.Tests;

/// <summary>The C test programs whose remoted transcript is compared with the native one.</summary>
internal static class ProgramList
{
    /// <summary>
    /// Programs whose transcript matches with the async fast path on. Several print the status of deliberately
    /// invalid async calls (clSetKernelArg, non-blocking enqueues): the guest sends a call async only when it can
    /// prove it valid, so those come back synchronously with the library's own error code.
    /// </summary>
    public static readonly string[] Matching = ["context_queue", "events", "threads", "extensions", "buffers", "images", "negative_pitch", "program_kernel", "ndrange", "errors", "quota", "command_buffer", "thread_churn", "kernel_args", "rand48"];

    /// <summary>Programs also checked with AVA_SYNC_CALLS=1 (every call a round trip), the debugging mode.</summary>
    public static readonly string[] MatchingWhenSynchronous = ["buffers", "negative_pitch", "errors", "command_buffer", "kernel_args"];
}
