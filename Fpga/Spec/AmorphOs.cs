// Spec of AmorphOS's client library as exported by libava_aos_wrapper.so (declarations from ava_aos_wrapper.h of
// ava-benchmarks/amorphos/f1_host, the C interface AvA's AmorphOS spec was written against; unversioned symbols).
// Each declaration keeps the C name and parameter names; the /// comment gives the C signature. A client handle is
// the worker's wire id; every call is synchronous (a control-register write's status is the library's own). The
// library allocates no device memory through this interface (the FPGA's memory is the application's on the device),
// so there is no quota beyond the tenant's live objects.
using Ava.Spec;

namespace Ava.Fpga;

/// <summary><c>struct aos_client_wrapper *</c>: an AmorphOS client, one application on the FPGA.</summary>
[HandleType(CName = "struct aos_client_wrapper *")]
public struct aos_client_wrapper
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary>The AmorphOS client library (F1 host interface).</summary>
[Api("amorphos", 14, Version = "f1_host", SoName = "libava_aos_wrapper.so", Header = "ava_aos_wrapper.h (ava-benchmarks/amorphos/f1_host)",
    RealLibrary = new[] { "{bin}/../lib/reference/libava_aos_wrapper.so" })]
[SuccessValue(0)] // aos_errcode::SUCCESS
[TransportError(6)] // aos_errcode::UNKNOWN_FAILURE: the worker could not be reached
[OutOfResources(6)] // a bound of the tenant (live objects, threads) refused the call
public static unsafe partial class AmorphOs
{
    /// <summary><c>struct aos_client_wrapper *ava_client_new(uint64_t app_id);</c></summary>
    [Allocates]
    public static partial aos_client_wrapper ava_client_new(ulong app_id);

    /// <summary><c>void ava_client_free(struct aos_client_wrapper *client_handle);</c></summary>
    public static partial void ava_client_free([Deallocates] aos_client_wrapper client_handle);

    /// <summary><c>int ava_cntrlreg_write(struct aos_client_wrapper *client_handle, uint64_t addr, uint64_t value);</c></summary>
    public static partial int ava_cntrlreg_write(aos_client_wrapper client_handle, ulong addr, ulong value);

    /// <summary><c>int ava_cntrlreg_read(struct aos_client_wrapper *client_handle, uint64_t addr, uint64_t *value);</c></summary>
    public static partial int ava_cntrlreg_read(aos_client_wrapper client_handle, ulong addr, [Out] ulong* value);
}
