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

    private const int RuntimeVersion = 13000;
    private const int ErrorSymbolNotFound = 500;

    // Our driver library's cuGetProcAddress_v2, found once the runtime has joined its connection.
    private static nint s_driverProcAddress;

    [UnmanagedCallersOnly(EntryPoint = "cudaGetDriverEntryPoint")]
    public static partial int cudaGetDriverEntryPoint(sbyte* symbol, nint* funcPtr, ulong flags, int* driverStatus) =>
        KeepLastError(DriverEntryPoint(symbol, funcPtr, RuntimeVersion, flags, driverStatus));

    [UnmanagedCallersOnly(EntryPoint = "cudaGetDriverEntryPoint_ptsz")]
    public static partial int cudaGetDriverEntryPoint_ptsz(sbyte* symbol, nint* funcPtr, ulong flags, int* driverStatus) =>
        KeepLastError(DriverEntryPoint(symbol, funcPtr, RuntimeVersion, flags, driverStatus));

    [UnmanagedCallersOnly(EntryPoint = "cudaGetDriverEntryPointByVersion")]
    public static partial int cudaGetDriverEntryPointByVersion(sbyte* symbol, nint* funcPtr, uint cudaVersion, ulong flags, int* driverStatus) =>
        KeepLastError(DriverEntryPoint(symbol, funcPtr, (int)cudaVersion, flags, driverStatus));

    [UnmanagedCallersOnly(EntryPoint = "cudaGetDriverEntryPointByVersion_ptsz")]
    public static partial int cudaGetDriverEntryPointByVersion_ptsz(sbyte* symbol, nint* funcPtr, uint cudaVersion, ulong flags, int* driverStatus) =>
        KeepLastError(DriverEntryPoint(symbol, funcPtr, (int)cudaVersion, flags, driverStatus));

    /// <summary>
    /// The driver entry point <paramref name="symbol"/> from our driver library, which serves this process's objects
    /// while the runtime is in its group; the driver's statuses as the runtime names them (the same numbers for the
    /// ones cuGetProcAddress returns: 0, 1 invalid value, 500 not found; the query results are the same enum).
    /// </summary>
    private static int DriverEntryPoint(sbyte* symbol, nint* funcPtr, int version, ulong flags, int* driverStatus)
    {
        if (symbol == null || funcPtr == null)
        {
            return ErrorInvalidValue;
        }

        // The first call joins the group (or finds there is none): make it, as a runtime call would.
        if (Connection.Channel() is null || !Connection.InGroup)
        {
            Log($"cudaGetDriverEntryPoint({Marshal.PtrToStringUTF8((nint)symbol)}): not in our driver's group");
            *funcPtr = 0;
            return ErrorNotSupported;
        }

        if (s_driverProcAddress == 0 && !NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "cuGetProcAddress_v2", out s_driverProcAddress))
        {
            *funcPtr = 0;
            return ErrorNotSupported;
        }

        var status = ((delegate* unmanaged<sbyte*, nint*, int, ulong, int*, int>)s_driverProcAddress)(symbol, funcPtr, version, flags, driverStatus);
        return status == 0 ? 0 : status == ErrorInvalidValue ? ErrorInvalidValue : ErrorSymbolNotFound;
    }

    private static void Log(string line)
    {
        if (GuestLog.Enabled)
        {
            GuestLog.Write(line);
        }
    }
}
