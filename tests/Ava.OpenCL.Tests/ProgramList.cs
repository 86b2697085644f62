namespace Ava.OpenCL.Tests;

/// <summary>The C test programs whose remoted transcript is compared with the native one.</summary>
internal static class ProgramList
{
    /// <summary>Programs whose transcript matches in the default mode (async fast path on).</summary>
    public static readonly string[] Matching = ["context_queue", "events", "threads", "extensions", "quota"];

    /// <summary>
    /// Programs that print the error code of deliberately invalid async calls (clSetKernelArg, non-blocking
    /// enqueues). With the fast path those errors surface at the next clFinish instead, so these run with
    /// AVA_SYNC_CALLS=1, where every call returns its own status as natively.
    /// </summary>
    public static readonly string[] MatchingWhenSynchronous = ["buffers", "images", "program_kernel", "ndrange", "errors"];
}
