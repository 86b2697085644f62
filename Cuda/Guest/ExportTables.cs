// cuGetExportTable: the private tables the CUDA runtime (libcudart, and the static runtime nvcc links by default) asks
// the driver for, by UUID. Their layouts and the slots a runtime calls are as tests/Cuda/probe records them for CUDA
// 13.0 and 13.2 runtimes on driver 580 (Cuda/README.md has the table). Slots whose state belongs to the application's
// process are served here; a slot that needs the real driver and takes plain values travels to the worker, which
// calls the real table's slot; every other slot answers CUDA_ERROR_NOT_SUPPORTED and names its table and slot in
// AVA_LOG. Tables the runtime does without are refused whole, as before.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Ava.Guest;

namespace Ava.Cuda;

/// <summary>The guest's answer to cuGetExportTable.</summary>
public static unsafe partial class Cuda
{
    private const int ErrorInvalidContext = 201;
    private const int ErrorInvalidHandle = 400;

    /// <summary>
    /// Our table for <paramref name="pExportTableId"/>, or CUDA_ERROR_NOT_SUPPORTED and *ppExportTable = NULL for a
    /// table we do not build; AVA_LOG names each UUID asked for and the answer.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "cuGetExportTable")]
    public static partial int cuGetExportTable(nint* ppExportTable, CUuuid* pExportTableId)
    {
        if (ppExportTable == null || pExportTableId == null)
        {
            return ErrorInvalidValue;
        }

        var id = new ReadOnlySpan<byte>(pExportTableId, 16);
        var table = ExportTables.Find(id, out var name);
        *ppExportTable = table;
        if (GuestLog.Enabled)
        {
            GuestLog.Write($"cuGetExportTable {(table == 0 ? "refused" : "served")} {name} {Convert.ToHexString(id)}");
        }

        return table == 0 ? ErrorNotSupported : Success;
    }

    /// <summary>Slot calls: one AVA_LOG line each (only while logging).</summary>
    private static void LogSlot(string slot, string detail, int status)
    {
        if (GuestLog.Enabled)
        {
            GuestLog.Write($"export {slot}({detail}) = {status}");
        }
    }

    // ---- CUDART_INTERFACE --------------------------------------------------------------------------------------

    /// <summary>Slot 2: the device's primary context, created by the real slot without being retained or made active.</summary>
    [UnmanagedCallersOnly]
    private static int CudartPrimaryContext(CUcontext* pctx, int dev)
    {
        var status = pctx == null ? ErrorInvalidValue : Call_avaExportPrimaryContext(pctx, dev);
        LogSlot("CUDART_INTERFACE[2]", $"dev={dev}", status);
        return status;
    }

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaExportPrimaryContext(CUcontext* pctx, int dev) => ErrorNotSupported;

    // ---- TOOLS_RUNTIME_CALLBACK_HOOKS: where the runtime looks for tools' callback switches (all off: no tools here) ---

    /// <summary>Slot 2: (void **buffer, size_t *count) of the runtime's callback switches; 0x400 as the driver answers.</summary>
    [UnmanagedCallersOnly]
    private static nint ToolsCallbackSwitches(nint* buffer, nuint* count)
    {
        if (buffer != null)
        {
            *buffer = ExportTables.CallbackSwitches;
        }

        if (count != null)
        {
            *count = ExportTables.CallbackSwitchCount;
        }

        LogSlot("TOOLS_RUNTIME_CALLBACK_HOOKS[2]", "", Success);
        return ExportTables.CallbackSwitches;
    }

    /// <summary>Slot 6: (void **buffer, size_t *size), a 14-byte block, as the driver answers.</summary>
    [UnmanagedCallersOnly]
    private static nint ToolsCallbackDomains(nint* buffer, nuint* size)
    {
        if (buffer != null)
        {
            *buffer = ExportTables.CallbackDomains;
        }

        if (size != null)
        {
            *size = ExportTables.CallbackDomainBytes;
        }

        LogSlot("TOOLS_RUNTIME_CALLBACK_HOOKS[6]", "", Success);
        return ExportTables.CallbackDomains;
    }

    // ---- CONTEXT_LOCAL_STORAGE: the runtime's per-context state, kept here by (context, key) ---------------------

    /// <summary>Values the runtime attached to a context: (context wire id, key) to (value, destructor).</summary>
    private static readonly ConcurrentDictionary<(nint Context, nint Key), (nint Value, nint Destructor)> s_contextStorage = new();

    /// <summary>Slot 0: (CUcontext ctx, void *key, void *value, destructor); a NULL context is the current one.</summary>
    [UnmanagedCallersOnly]
    private static int ContextStoragePut(CUcontext ctx, nint key, nint value, nint destructor)
    {
        var status = ContextOrCurrent(ctx, out var context);
        if (status == Success)
        {
            s_contextStorage[(context, key)] = (value, destructor);
        }

        LogSlot("CONTEXT_LOCAL_STORAGE[0]", $"ctx={ctx.Value:x}, key={key:x}", status);
        return status;
    }

    /// <summary>Slot 1: (CUcontext ctx, void *key) drops the value.</summary>
    [UnmanagedCallersOnly]
    private static int ContextStorageDelete(CUcontext ctx, nint key)
    {
        var status = ContextOrCurrent(ctx, out var context);
        if (status == Success)
        {
            s_contextStorage.TryRemove((context, key), out _);
        }

        LogSlot("CONTEXT_LOCAL_STORAGE[1]", $"ctx={ctx.Value:x}, key={key:x}", status);
        return status;
    }

    /// <summary>
    /// Slot 2: (void **value, CUcontext ctx, void *key). As the driver answers: CUDA_ERROR_INVALID_HANDLE when nothing
    /// is stored under the key, CUDA_ERROR_INVALID_CONTEXT when ctx is NULL and no context is current.
    /// </summary>
    [UnmanagedCallersOnly]
    private static int ContextStorageGet(nint* value, CUcontext ctx, nint key)
    {
        nint context = 0;
        var status = value == null ? ErrorInvalidValue : ContextOrCurrent(ctx, out context);
        if (status == Success)
        {
            if (s_contextStorage.TryGetValue((context, key), out var entry))
            {
                *value = entry.Value;
            }
            else
            {
                status = ErrorInvalidHandle;
            }
        }

        LogSlot("CONTEXT_LOCAL_STORAGE[2]", $"ctx={ctx.Value:x}, key={key:x}", status);
        return status;
    }

    private static int ContextOrCurrent(CUcontext ctx, out nint context)
    {
        context = ctx.Value;
        if (context != 0)
        {
            return Success;
        }

        CUcontext current;
        var status = Call_cuCtxGetCurrent(&current);
        context = current.Value;
        return status != Success ? status : context == 0 ? ErrorInvalidContext : Success;
    }

    // ---- CONTEXT_CHECKS ----------------------------------------------------------------------------------------

    /// <summary>
    /// Slot 2: (CUcontext ctx, unsigned int *flag, ...) clears *flag and succeeds, as the driver does for every context
    /// it made; the runtime calls it when it takes a context into use.
    /// </summary>
    [UnmanagedCallersOnly]
    private static int ContextChecksSlot2(CUcontext ctx, uint* flag)
    {
        if (flag != null)
        {
            *flag = 0;
        }

        LogSlot("CONTEXT_CHECKS[2]", $"ctx={ctx.Value:x}", Success);
        return Success;
    }

    /// <summary>Slot 3: takes nothing the runtime relies on and answers 0, as the driver does.</summary>
    [UnmanagedCallersOnly]
    private static int ContextChecksSlot3()
    {
        LogSlot("CONTEXT_CHECKS[3]", "", Success);
        return Success;
    }

    // ---- INTEGRITY_CHECK ---------------------------------------------------------------------------------------

    /// <summary>What the hash covers of the devices, gathered once: the same for every request.</summary>
    private static byte[]? s_integrityDevices;
    private static uint s_driverVersion;

    /// <summary>Slot 1: (unsigned int version, unsigned long long unixSeconds, unsigned char answer[16]).</summary>
    [UnmanagedCallersOnly]
    private static int IntegrityAnswer(uint version, ulong unixSeconds, byte* answer)
    {
        byte[] devices = [];
        var status = answer == null ? ErrorInvalidValue : IntegrityDevices(out devices);
        if (status == Success)
        {
            var inputs = new RuntimeIntegrity.Inputs(s_driverVersion, version, (uint)Libc.getpid(), (uint)Libc.pthread_self(),
                (ulong)ExportTables.CudartInterface, (ulong)ExportTables.IntegrityCheck, (ulong)ExportTables.IntegrityCheckFunction, unixSeconds);
            RuntimeIntegrity.Answer(inputs, devices, new Span<byte>(answer, 16));
        }

        LogSlot("INTEGRITY_CHECK[1]", $"version={version}, seconds={unixSeconds}", status);
        return status;
    }

    private static int IntegrityDevices(out byte[] devices)
    {
        if (s_integrityDevices is { } known)
        {
            devices = known;
            return Success;
        }

        devices = [];
        int driver = 0, count = 0;
        var status = Call_cuDriverGetVersion(&driver);
        status = status != Success ? status : Call_cuDeviceGetCount(&count);
        if (status != Success)
        {
            return status;
        }

        var bytes = new byte[count * RuntimeIntegrity.DeviceSize];
        for (var dev = 0; dev < count; dev++)
        {
            CUuuid uuid;
            int domain = 0, bus = 0, device = 0;
            status = Call_cuDeviceGetUuid_v2(&uuid, dev);
            status = status != Success ? status : Call_cuDeviceGetAttribute(&domain, DeviceAttributePciDomain, dev);
            status = status != Success ? status : Call_cuDeviceGetAttribute(&bus, DeviceAttributePciBus, dev);
            status = status != Success ? status : Call_cuDeviceGetAttribute(&device, DeviceAttributePciDevice, dev);
            if (status != Success)
            {
                return status;
            }

            RuntimeIntegrity.WriteDevice(bytes.AsSpan(dev * RuntimeIntegrity.DeviceSize), new ReadOnlySpan<byte>(uuid.bytes, 16), domain, bus, device);
        }

        s_driverVersion = (uint)driver;
        s_integrityDevices = devices = bytes;
        return Success;
    }

    private const int DeviceAttributePciBus = 33;
    private const int DeviceAttributePciDevice = 34;
    private const int DeviceAttributePciDomain = 50;

    // ---- Refused slots: each names its table and slot ------------------------------------------------------------

    private static int RefuseSlot(int stub)
    {
        var slot = ExportTables.RefusedSlot(stub);
        if (GuestLog.Enabled)
        {
            GuestLog.Write($"export {slot} refused: CUDA_ERROR_NOT_SUPPORTED");
        }

        return ErrorNotSupported;
    }

    [UnmanagedCallersOnly] private static int Refused00() => RefuseSlot(0);
    [UnmanagedCallersOnly] private static int Refused01() => RefuseSlot(1);
    [UnmanagedCallersOnly] private static int Refused02() => RefuseSlot(2);
    [UnmanagedCallersOnly] private static int Refused03() => RefuseSlot(3);
    [UnmanagedCallersOnly] private static int Refused04() => RefuseSlot(4);
    [UnmanagedCallersOnly] private static int Refused05() => RefuseSlot(5);
    [UnmanagedCallersOnly] private static int Refused06() => RefuseSlot(6);
    [UnmanagedCallersOnly] private static int Refused07() => RefuseSlot(7);
    [UnmanagedCallersOnly] private static int Refused08() => RefuseSlot(8);
    [UnmanagedCallersOnly] private static int Refused09() => RefuseSlot(9);
    [UnmanagedCallersOnly] private static int Refused10() => RefuseSlot(10);
    [UnmanagedCallersOnly] private static int Refused11() => RefuseSlot(11);
    [UnmanagedCallersOnly] private static int Refused12() => RefuseSlot(12);
    [UnmanagedCallersOnly] private static int Refused13() => RefuseSlot(13);
    [UnmanagedCallersOnly] private static int Refused14() => RefuseSlot(14);
    [UnmanagedCallersOnly] private static int Refused15() => RefuseSlot(15);
    [UnmanagedCallersOnly] private static int Refused16() => RefuseSlot(16);
    [UnmanagedCallersOnly] private static int Refused17() => RefuseSlot(17);
    [UnmanagedCallersOnly] private static int Refused18() => RefuseSlot(18);
    [UnmanagedCallersOnly] private static int Refused19() => RefuseSlot(19);
    [UnmanagedCallersOnly] private static int Refused20() => RefuseSlot(20);
    [UnmanagedCallersOnly] private static int Refused21() => RefuseSlot(21);
    [UnmanagedCallersOnly] private static int Refused22() => RefuseSlot(22);
    [UnmanagedCallersOnly] private static int Refused23() => RefuseSlot(23);
    [UnmanagedCallersOnly] private static int Refused24() => RefuseSlot(24);
    [UnmanagedCallersOnly] private static int Refused25() => RefuseSlot(25);
    [UnmanagedCallersOnly] private static int Refused26() => RefuseSlot(26);
    [UnmanagedCallersOnly] private static int Refused27() => RefuseSlot(27);
    [UnmanagedCallersOnly] private static int Refused28() => RefuseSlot(28);
    [UnmanagedCallersOnly] private static int Refused29() => RefuseSlot(29);
    [UnmanagedCallersOnly] private static int Refused30() => RefuseSlot(30);
    [UnmanagedCallersOnly] private static int Refused31() => RefuseSlot(31);

    /// <summary>The tables, built once in native memory that lives as long as the process (the runtime keeps the pointers).</summary>
    private static class ExportTables
    {
        /// <summary>Entries of the tools callback-switch buffer (the driver reports 0x400).</summary>
        public const nuint CallbackSwitchCount = 0x400;

        /// <summary>Bytes of the tools callback-domain block (the driver reports 14).</summary>
        public const nuint CallbackDomainBytes = 14;

        private const nint Absent = 0;
        private const nint Refuse = -1;

        private static readonly nint[] s_refusalStubs =
        [
            (nint)(delegate* unmanaged<int>)&Refused00, (nint)(delegate* unmanaged<int>)&Refused01, (nint)(delegate* unmanaged<int>)&Refused02, (nint)(delegate* unmanaged<int>)&Refused03,
            (nint)(delegate* unmanaged<int>)&Refused04, (nint)(delegate* unmanaged<int>)&Refused05, (nint)(delegate* unmanaged<int>)&Refused06, (nint)(delegate* unmanaged<int>)&Refused07,
            (nint)(delegate* unmanaged<int>)&Refused08, (nint)(delegate* unmanaged<int>)&Refused09, (nint)(delegate* unmanaged<int>)&Refused10, (nint)(delegate* unmanaged<int>)&Refused11,
            (nint)(delegate* unmanaged<int>)&Refused12, (nint)(delegate* unmanaged<int>)&Refused13, (nint)(delegate* unmanaged<int>)&Refused14, (nint)(delegate* unmanaged<int>)&Refused15,
            (nint)(delegate* unmanaged<int>)&Refused16, (nint)(delegate* unmanaged<int>)&Refused17, (nint)(delegate* unmanaged<int>)&Refused18, (nint)(delegate* unmanaged<int>)&Refused19,
            (nint)(delegate* unmanaged<int>)&Refused20, (nint)(delegate* unmanaged<int>)&Refused21, (nint)(delegate* unmanaged<int>)&Refused22, (nint)(delegate* unmanaged<int>)&Refused23,
            (nint)(delegate* unmanaged<int>)&Refused24, (nint)(delegate* unmanaged<int>)&Refused25, (nint)(delegate* unmanaged<int>)&Refused26, (nint)(delegate* unmanaged<int>)&Refused27,
            (nint)(delegate* unmanaged<int>)&Refused28, (nint)(delegate* unmanaged<int>)&Refused29, (nint)(delegate* unmanaged<int>)&Refused30, (nint)(delegate* unmanaged<int>)&Refused31,
        ];

        private static readonly List<string> s_refusedSlots = [];

        /// <summary>Buffers the tools slots hand out, zeroed: no callback is switched on.</summary>
        public static readonly nint CallbackSwitches = (nint)NativeMemory.AllocZeroed(CallbackSwitchCount * 8);
        public static readonly nint CallbackDomains = (nint)NativeMemory.AllocZeroed(16);

        public static readonly nint IntegrityCheckFunction = (nint)(delegate* unmanaged<uint, ulong, byte*, int>)&IntegrityAnswer;

        // Layouts as the real tables have them: a leading size word in bytes (except context-local storage), NULL
        // where the driver's own table has NULL. Refuse marks a slot the runtime gets a refusal stub for.
        public static readonly nint CudartInterface = Build("CUDART_INTERFACE", sizeWord: true,
            Refuse, (nint)(delegate* unmanaged<CUcontext*, int, int>)&CudartPrimaryContext, Refuse, Refuse, Refuse, Refuse, Refuse, Refuse, Refuse, Absent, Refuse, Refuse);

        public static readonly nint ToolsRuntimeCallbackHooks = Build("TOOLS_RUNTIME_CALLBACK_HOOKS", sizeWord: true,
            Refuse, (nint)(delegate* unmanaged<nint*, nuint*, nint>)&ToolsCallbackSwitches, Refuse, Refuse, Refuse, (nint)(delegate* unmanaged<nint*, nuint*, nint>)&ToolsCallbackDomains);

        public static readonly nint ToolsTls = Build("TOOLS_TLS", sizeWord: true, Refuse, Refuse);

        public static readonly nint ContextLocalStorage = Build("CONTEXT_LOCAL_STORAGE", sizeWord: false,
            (nint)(delegate* unmanaged<CUcontext, nint, nint, nint, int>)&ContextStoragePut,
            (nint)(delegate* unmanaged<CUcontext, nint, int>)&ContextStorageDelete,
            (nint)(delegate* unmanaged<nint*, CUcontext, nint, int>)&ContextStorageGet,
            Absent);

        public static readonly nint ContextChecks = Build("CONTEXT_CHECKS", sizeWord: true,
            Refuse, (nint)(delegate* unmanaged<CUcontext, uint*, int>)&ContextChecksSlot2, (nint)(delegate* unmanaged<int>)&ContextChecksSlot3, Refuse, Refuse, Refuse, Refuse, Refuse, Refuse, Refuse, Refuse, Refuse, Refuse, Refuse);

        public static readonly nint IntegrityCheck = Build("INTEGRITY_CHECK", sizeWord: true, IntegrityCheckFunction, Refuse);

        /// <summary>UUID (bytes in memory order, as hex) to name and table; a table of 0 is refused.</summary>
        private static readonly Dictionary<string, (string Name, nint Table)> s_byId = new(StringComparer.Ordinal)
        {
            ["6BD5FB6C5BF4E74A8987D93912FD9DF9"] = ("CUDART_INTERFACE", CudartInterface),
            ["A094798C2E742E7493F20800200C0A66"] = ("TOOLS_RUNTIME_CALLBACK_HOOKS", ToolsRuntimeCallbackHooks),
            ["42D85A8123F6CB478298F6E78A3AECDC"] = ("TOOLS_TLS", ToolsTls),
            ["C693336E1121DF11A8C368F355D89593"] = ("CONTEXT_LOCAL_STORAGE", ContextLocalStorage),
            ["263E88607CD2614392F6BBD5006DFA7E"] = ("CONTEXT_CHECKS", ContextChecks),
            ["D4082055BDE6704B8D34BA123C66E1F2"] = ("INTEGRITY_CHECK", IntegrityCheck),
            // Asked for first, before cuInit; the runtime goes on without it.
            ["F8CFF95121468B4EB9E2FB469E7C0DD9"] = ("F8CFF951 (runtime start-up, unused)", 0),
            ["0CA50B8C1004929A89A7D0DF10E77286"] = ("CTX_CREATE_BYPASS", 0),
            ["195BCBF4D67D024AACC51D29CEA631AE"] = ("HEAP_ACCESS", 0),
            ["B10541E1F7C7C74A9F64F223BE99F1E2"] = ("DEVICE_EXTENDED_RT", 0),
            // Asked for by a PyTorch process (34 slots) and by CuPy's kernel compilation (6 slots); see Cuda/README.md.
            ["69A28E9F24498B47B030C5DA330EA4E9"] = ("69A28E9F (34 slots)", 0),
            ["DA9151D33AE6CC41A5C04F26D533E328"] = ("DA9151D3 (6 slots)", 0),
        };

        public static nint Find(ReadOnlySpan<byte> id, out string name)
        {
            if (s_byId.TryGetValue(Convert.ToHexString(id), out var entry))
            {
                name = entry.Name;
                return entry.Table;
            }

            name = "unknown table";
            return 0;
        }

        public static string RefusedSlot(int stub)
        {
            lock (s_refusedSlots)
            {
                return stub < s_refusedSlots.Count ? s_refusedSlots[stub] : $"refusal stub {stub}";
            }
        }

        private static nint Build(string name, bool sizeWord, params nint[] slots)
        {
            var first = sizeWord ? 1 : 0;
            var words = (nint*)NativeMemory.AllocZeroed((nuint)((slots.Length + first) * sizeof(nint)));
            if (sizeWord)
            {
                words[0] = (slots.Length + 1) * sizeof(nint);
            }

            for (var i = 0; i < slots.Length; i++)
            {
                var value = slots[i];
                if (value == Refuse)
                {
                    lock (s_refusedSlots)
                    {
                        value = s_refusalStubs[s_refusedSlots.Count];
                        s_refusedSlots.Add($"{name}[{i + first}]");
                    }
                }

                words[i + first] = value;
            }

            return (nint)words;
        }
    }
}

/// <summary>The process and thread identities the integrity answer covers, as the C library reports them.</summary>
internal static partial class Libc
{
    [LibraryImport("libc")]
    internal static partial int getpid();

    /// <summary>The calling thread's pthread_t; the integrity record takes its low 32 bits.</summary>
    [LibraryImport("libc")]
    internal static partial nuint pthread_self();
}
