// Spec of the CUDA driver API, continued: JIT linking (cuda.h, CUDA 13.0). A link state lives in the worker; the log
// buffers an application names in cuLinkCreate's options are the guest's, so the worker links into buffers of its own
// of the same sizes and the guest copies them, with the option values the driver writes back (log sizes, wall time),
// after each input and after cuLinkComplete. The linked image is copied into memory the guest owns until cuLinkDestroy.
using Ava.Spec;

namespace Ava.Cuda;

/// <summary>The CUDA driver API, continued (see Cuda.cs).</summary>
public static unsafe partial class Cuda
{
    /// <summary><c>CUresult cuLinkCreate_v2(unsigned int numOptions, CUjit_option *options, void **optionValues, CUlinkState *stateOut);</c> (the first form has the same arguments) Answered through avaLinkCreate.</summary>
    [GuestOnly]
    [Variant("cuLinkCreate")]
    public static partial int cuLinkCreate_v2(uint numOptions, [In, Buffer("numOptions")] int* options, [In, Buffer("numOptions")] nint* optionValues, [Out] CUlinkState* stateOut);

    /// <summary>Wire form of cuLinkCreate: the options and their values, log buffers replaced by the worker's own of the sizes asked for. Not exported.</summary>
    [Manual(Side.Guest)]
    public static partial int avaLinkCreate(uint numOptions, [In, Buffer("numOptions")] int* options, [In, Buffer("numOptions")] nint* optionValues, [Out, Allocates] CUlinkState* stateOut);

    /// <summary>Wire form: what the driver has written so far into a link's log buffers (each NUL-terminated), and its option values (log sizes filled, wall time). Not exported.</summary>
    [Manual(Side.Guest)]
    public static partial int avaLinkLogs(CUlinkState state, [Out, Buffer("infoSize")] sbyte* info, nuint infoSize, [Out, Buffer("errorSize")] sbyte* error, nuint errorSize, [Out, Buffer("numOptions")] nint* optionValues, uint numOptions);

    /// <summary><c>CUresult cuLinkAddData_v2(CUlinkState state, CUjitInputType type, void *data, size_t size, const char *name, unsigned int numOptions, CUjit_option *options, void **optionValues);</c> (the first form has the same arguments) Per-input options are plain values; the logs come back after the call.</summary>
    [WorkerHook(Before = "Before_cuLinkAddData")]
    [GuestHook(After = "FetchLinkLogs(state)")]
    [Variant("cuLinkAddData")]
    public static partial int cuLinkAddData_v2(CUlinkState state, int type, [In, Buffer("size", ElementSize = 1)] void* data, nuint size, [String] sbyte* name, uint numOptions, [In, Buffer("numOptions")] int* options, [In, Buffer("numOptions")] nint* optionValues);

    /// <summary><c>CUresult cuLinkAddFile_v2(CUlinkState state, CUjitInputType type, const char *path, unsigned int numOptions, CUjit_option *options, void **optionValues);</c> (the first form has the same arguments) The file is the application's: the guest reads it and adds its bytes (cuLinkAddData_v2, named by the path).</summary>
    [GuestOnly]
    [Variant("cuLinkAddFile")]
    public static partial int cuLinkAddFile_v2(CUlinkState state, int type, [String] sbyte* path, uint numOptions, [In, Buffer("numOptions")] int* options, [In, Buffer("numOptions")] nint* optionValues);

    /// <summary><c>CUresult cuLinkComplete(CUlinkState state, void **cubinOut, size_t *sizeOut);</c> Answered through avaLinkComplete and avaLinkImage: the image is copied to the guest.</summary>
    [GuestOnly]
    public static partial int cuLinkComplete(CUlinkState state, [Out] nint* cubinOut, [Out] nuint* sizeOut);

    /// <summary>Wire form of cuLinkComplete: the linked image's size; the worker keeps the image, owned by the link state. Not exported.</summary>
    [Manual(Side.Guest)]
    public static partial int avaLinkComplete(CUlinkState state, [Out] nuint* size);

    /// <summary>Wire form: the linked image's bytes (exactly its size). Not exported.</summary>
    [Manual(Side.Guest)]
    public static partial int avaLinkImage(CUlinkState state, [Out, Buffer("size", ElementSize = 1)] void* image, nuint size);

    /// <summary><c>CUresult cuLinkDestroy(CUlinkState state);</c> The worker's log buffers and the guest's copy of the image go with it.</summary>
    [WorkerHook(After = "After_cuLinkDestroy")]
    [GuestHook(After = "After_cuLinkDestroy")]
    public static partial int cuLinkDestroy([Deallocates] CUlinkState state);
}
