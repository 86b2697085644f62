// The runtime drop-in in the CUDA API group (CudaRt/README.md, "One worker for the runtime and the driver"): when our
// driver drop-in (libcuda.so.1) is loaded in the process too, the runtime's calls travel on its connection, to its
// worker, so pointers, streams and events are one set of objects for both APIs and a thread's current context is
// the same for both, as natively.
using System.Runtime.InteropServices;
using Ava.Guest;

namespace Ava.CudaRt;

/// <summary>The runtime's membership of the CUDA API group.</summary>
public static unsafe partial class CudaRt
{
    static partial void CustomizeConnection(ref ApiConnection? connection) =>
        connection = new ApiConnection(Descriptor, &DispatchCallback) { FindGroupOwner = FindDriverDropIn };

    /// <summary>
    /// The group table of our driver drop-in, asked for through cuGetExportTable as the real runtime asks the driver
    /// for its private tables; 0 when no cuGetExportTable is in the process's global scope or it is the real
    /// driver's (which knows no such table).
    /// </summary>
    private static nint FindDriverDropIn()
    {
        if (!NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "cuGetExportTable", out var export))
        {
            return 0;
        }

        nint table = 0;
        fixed (byte* id = ApiGroup.TableId)
        {
            var status = ((delegate* unmanaged<nint*, byte*, int>)export)(&table, id);
            return status == 0 ? table : 0;
        }
    }
}
