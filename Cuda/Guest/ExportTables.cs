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
        if (id.SequenceEqual(ApiGroup.TableId))
        {
            // Our runtime drop-in (libcudart.so.13) asks: its calls then travel on this library's connection.
            *ppExportTable = ApiGroup.OwnerTable(Connection);
            GuestLog.Write("cuGetExportTable served the API group's table");
            return Success;
        }

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

    // ---- TOOLS_TLS -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Slot 2: (CUcontext *pctx, ...) writes the calling thread's current context and succeeds, as the driver does
    /// for cuBLASLt, which calls it when it creates a handle and before it asks the context's value (below).
    /// </summary>
    [UnmanagedCallersOnly]
    private static int ToolsCurrentContext(CUcontext* pctx)
    {
        var status = pctx == null ? ErrorInvalidValue : Call_cuCtxGetCurrent(pctx);
        LogSlot("TOOLS_TLS[2]", "", status);
        return status;
    }

    // ---- 21318C60...: the table cuBLASLt asks for when it creates a handle -----------------------------------------

    /// <summary>Slot 4: (CUcontext ctx, int *value) for the current context; the worker calls the real slot.</summary>
    [UnmanagedCallersOnly]
    private static int CublasLtContextValue(CUcontext ctx, int* value)
    {
        var status = value == null ? ErrorInvalidValue : Call_avaExportContextValue(ctx, value);
        LogSlot("21318C60[4]", $"ctx={ctx.Value:x}", status);
        return status;
    }

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaExportContextValue(CUcontext ctx, int* value) => ErrorNotSupported;

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

    // ---- 6E163FBE: cuFFT's table (98 slots; libcufft calls slot 7 only, once per plan) --------------------------

    /// <summary>
    /// Slot 7: (context, module, callback, user, module, table). cuFFT loads each of its kernels as a module of its own
    /// (cuModuleLoadData) and then asks this slot for the module's functions: the driver calls
    /// callback(user, function, name, 0, 0, module) for each, and cuFFT's callback keeps the function (*user =
    /// function), which it then launches. Answered here over the public calls: the module's functions
    /// (cuModuleGetFunctionCount, cuModuleEnumerateFunctions) and their names (cuFuncGetName), so every function is
    /// the worker's, as a cuModuleGetFunction would give it. The table argument (a C++ object of libcufft's) is not
    /// read by the driver.
    /// </summary>
    [UnmanagedCallersOnly]
    private static nint CufftModuleFunctions(CUcontext ctx, CUmodule module, delegate* unmanaged<void*, CUfunction, sbyte*, nint, nint, CUmodule, nint> callback, void* user, CUmodule owner, nint table)
    {
        uint count = 0;
        var status = callback == null ? ErrorInvalidValue : Call_cuModuleGetFunctionCount(&count, module);
        var functions = status == Success && count > 0 ? new CUfunction[count] : [];
        if (functions.Length > 0)
        {
            fixed (CUfunction* at = functions)
            {
                status = Call_cuModuleEnumerateFunctions(at, count, module);
            }
        }

        var called = 0;
        for (var i = 0; status == Success && i < functions.Length; i++)
        {
            sbyte* name = null;
            status = Call_cuFuncGetName(&name, functions[i]);
            if (status == Success)
            {
                callback(user, functions[i], name, 0, 0, owner);
                called++;
            }
        }

        LogSlot("6E163FBE[7]", $"functions={called}", status);

        // 1 when it went through the module, as the driver answers for cuFFT's one-kernel modules.
        return status == Success ? 1 : 0;
    }

    [UnmanagedCallersOnly]
    private static int RefusedCufftSlot()
    {
        if (GuestLog.Enabled)
        {
            GuestLog.Write("export 6E163FBE (cuFFT) slot other than 7 refused: CUDA_ERROR_NOT_SUPPORTED");
        }

        return ErrorNotSupported;
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
    // One function per refused slot, so that AVA_LOG can say which slot a library called: a function pointer carries
    // nothing else, and NativeAOT gives an address only to an [UnmanagedCallersOnly] method of its own. Build hands
    // them out in order; there are as many as the tables below refuse, with some to spare.

    private static int RefuseSlot(int stub)
    {
        var slot = ExportTables.RefusedSlot(stub);
        if (GuestLog.Enabled)
        {
            GuestLog.Write($"export {slot} refused: CUDA_ERROR_NOT_SUPPORTED");
        }

        return ErrorNotSupported;
    }

    [UnmanagedCallersOnly] private static int Refused000() => RefuseSlot(0); [UnmanagedCallersOnly] private static int Refused001() => RefuseSlot(1); [UnmanagedCallersOnly] private static int Refused002() => RefuseSlot(2); [UnmanagedCallersOnly] private static int Refused003() => RefuseSlot(3);
    [UnmanagedCallersOnly] private static int Refused004() => RefuseSlot(4); [UnmanagedCallersOnly] private static int Refused005() => RefuseSlot(5); [UnmanagedCallersOnly] private static int Refused006() => RefuseSlot(6); [UnmanagedCallersOnly] private static int Refused007() => RefuseSlot(7);
    [UnmanagedCallersOnly] private static int Refused008() => RefuseSlot(8); [UnmanagedCallersOnly] private static int Refused009() => RefuseSlot(9); [UnmanagedCallersOnly] private static int Refused010() => RefuseSlot(10); [UnmanagedCallersOnly] private static int Refused011() => RefuseSlot(11);
    [UnmanagedCallersOnly] private static int Refused012() => RefuseSlot(12); [UnmanagedCallersOnly] private static int Refused013() => RefuseSlot(13); [UnmanagedCallersOnly] private static int Refused014() => RefuseSlot(14); [UnmanagedCallersOnly] private static int Refused015() => RefuseSlot(15);
    [UnmanagedCallersOnly] private static int Refused016() => RefuseSlot(16); [UnmanagedCallersOnly] private static int Refused017() => RefuseSlot(17); [UnmanagedCallersOnly] private static int Refused018() => RefuseSlot(18); [UnmanagedCallersOnly] private static int Refused019() => RefuseSlot(19);
    [UnmanagedCallersOnly] private static int Refused020() => RefuseSlot(20); [UnmanagedCallersOnly] private static int Refused021() => RefuseSlot(21); [UnmanagedCallersOnly] private static int Refused022() => RefuseSlot(22); [UnmanagedCallersOnly] private static int Refused023() => RefuseSlot(23);
    [UnmanagedCallersOnly] private static int Refused024() => RefuseSlot(24); [UnmanagedCallersOnly] private static int Refused025() => RefuseSlot(25); [UnmanagedCallersOnly] private static int Refused026() => RefuseSlot(26); [UnmanagedCallersOnly] private static int Refused027() => RefuseSlot(27);
    [UnmanagedCallersOnly] private static int Refused028() => RefuseSlot(28); [UnmanagedCallersOnly] private static int Refused029() => RefuseSlot(29); [UnmanagedCallersOnly] private static int Refused030() => RefuseSlot(30); [UnmanagedCallersOnly] private static int Refused031() => RefuseSlot(31);
    [UnmanagedCallersOnly] private static int Refused032() => RefuseSlot(32); [UnmanagedCallersOnly] private static int Refused033() => RefuseSlot(33); [UnmanagedCallersOnly] private static int Refused034() => RefuseSlot(34); [UnmanagedCallersOnly] private static int Refused035() => RefuseSlot(35);
    [UnmanagedCallersOnly] private static int Refused036() => RefuseSlot(36); [UnmanagedCallersOnly] private static int Refused037() => RefuseSlot(37); [UnmanagedCallersOnly] private static int Refused038() => RefuseSlot(38); [UnmanagedCallersOnly] private static int Refused039() => RefuseSlot(39);
    [UnmanagedCallersOnly] private static int Refused040() => RefuseSlot(40); [UnmanagedCallersOnly] private static int Refused041() => RefuseSlot(41); [UnmanagedCallersOnly] private static int Refused042() => RefuseSlot(42); [UnmanagedCallersOnly] private static int Refused043() => RefuseSlot(43);
    [UnmanagedCallersOnly] private static int Refused044() => RefuseSlot(44); [UnmanagedCallersOnly] private static int Refused045() => RefuseSlot(45); [UnmanagedCallersOnly] private static int Refused046() => RefuseSlot(46); [UnmanagedCallersOnly] private static int Refused047() => RefuseSlot(47);
    [UnmanagedCallersOnly] private static int Refused048() => RefuseSlot(48); [UnmanagedCallersOnly] private static int Refused049() => RefuseSlot(49); [UnmanagedCallersOnly] private static int Refused050() => RefuseSlot(50); [UnmanagedCallersOnly] private static int Refused051() => RefuseSlot(51);
    [UnmanagedCallersOnly] private static int Refused052() => RefuseSlot(52); [UnmanagedCallersOnly] private static int Refused053() => RefuseSlot(53); [UnmanagedCallersOnly] private static int Refused054() => RefuseSlot(54); [UnmanagedCallersOnly] private static int Refused055() => RefuseSlot(55);
    [UnmanagedCallersOnly] private static int Refused056() => RefuseSlot(56); [UnmanagedCallersOnly] private static int Refused057() => RefuseSlot(57); [UnmanagedCallersOnly] private static int Refused058() => RefuseSlot(58); [UnmanagedCallersOnly] private static int Refused059() => RefuseSlot(59);
    [UnmanagedCallersOnly] private static int Refused060() => RefuseSlot(60); [UnmanagedCallersOnly] private static int Refused061() => RefuseSlot(61); [UnmanagedCallersOnly] private static int Refused062() => RefuseSlot(62); [UnmanagedCallersOnly] private static int Refused063() => RefuseSlot(63);
    [UnmanagedCallersOnly] private static int Refused064() => RefuseSlot(64); [UnmanagedCallersOnly] private static int Refused065() => RefuseSlot(65); [UnmanagedCallersOnly] private static int Refused066() => RefuseSlot(66); [UnmanagedCallersOnly] private static int Refused067() => RefuseSlot(67);
    [UnmanagedCallersOnly] private static int Refused068() => RefuseSlot(68); [UnmanagedCallersOnly] private static int Refused069() => RefuseSlot(69); [UnmanagedCallersOnly] private static int Refused070() => RefuseSlot(70); [UnmanagedCallersOnly] private static int Refused071() => RefuseSlot(71);
    [UnmanagedCallersOnly] private static int Refused072() => RefuseSlot(72); [UnmanagedCallersOnly] private static int Refused073() => RefuseSlot(73); [UnmanagedCallersOnly] private static int Refused074() => RefuseSlot(74); [UnmanagedCallersOnly] private static int Refused075() => RefuseSlot(75);
    [UnmanagedCallersOnly] private static int Refused076() => RefuseSlot(76); [UnmanagedCallersOnly] private static int Refused077() => RefuseSlot(77); [UnmanagedCallersOnly] private static int Refused078() => RefuseSlot(78); [UnmanagedCallersOnly] private static int Refused079() => RefuseSlot(79);
    [UnmanagedCallersOnly] private static int Refused080() => RefuseSlot(80); [UnmanagedCallersOnly] private static int Refused081() => RefuseSlot(81); [UnmanagedCallersOnly] private static int Refused082() => RefuseSlot(82); [UnmanagedCallersOnly] private static int Refused083() => RefuseSlot(83);
    [UnmanagedCallersOnly] private static int Refused084() => RefuseSlot(84); [UnmanagedCallersOnly] private static int Refused085() => RefuseSlot(85); [UnmanagedCallersOnly] private static int Refused086() => RefuseSlot(86); [UnmanagedCallersOnly] private static int Refused087() => RefuseSlot(87);
    [UnmanagedCallersOnly] private static int Refused088() => RefuseSlot(88); [UnmanagedCallersOnly] private static int Refused089() => RefuseSlot(89); [UnmanagedCallersOnly] private static int Refused090() => RefuseSlot(90); [UnmanagedCallersOnly] private static int Refused091() => RefuseSlot(91);
    [UnmanagedCallersOnly] private static int Refused092() => RefuseSlot(92); [UnmanagedCallersOnly] private static int Refused093() => RefuseSlot(93); [UnmanagedCallersOnly] private static int Refused094() => RefuseSlot(94); [UnmanagedCallersOnly] private static int Refused095() => RefuseSlot(95);
    [UnmanagedCallersOnly] private static int Refused096() => RefuseSlot(96); [UnmanagedCallersOnly] private static int Refused097() => RefuseSlot(97); [UnmanagedCallersOnly] private static int Refused098() => RefuseSlot(98); [UnmanagedCallersOnly] private static int Refused099() => RefuseSlot(99);
    [UnmanagedCallersOnly] private static int Refused100() => RefuseSlot(100); [UnmanagedCallersOnly] private static int Refused101() => RefuseSlot(101); [UnmanagedCallersOnly] private static int Refused102() => RefuseSlot(102); [UnmanagedCallersOnly] private static int Refused103() => RefuseSlot(103);
    [UnmanagedCallersOnly] private static int Refused104() => RefuseSlot(104); [UnmanagedCallersOnly] private static int Refused105() => RefuseSlot(105); [UnmanagedCallersOnly] private static int Refused106() => RefuseSlot(106); [UnmanagedCallersOnly] private static int Refused107() => RefuseSlot(107);
    [UnmanagedCallersOnly] private static int Refused108() => RefuseSlot(108); [UnmanagedCallersOnly] private static int Refused109() => RefuseSlot(109); [UnmanagedCallersOnly] private static int Refused110() => RefuseSlot(110); [UnmanagedCallersOnly] private static int Refused111() => RefuseSlot(111);
    [UnmanagedCallersOnly] private static int Refused112() => RefuseSlot(112); [UnmanagedCallersOnly] private static int Refused113() => RefuseSlot(113); [UnmanagedCallersOnly] private static int Refused114() => RefuseSlot(114); [UnmanagedCallersOnly] private static int Refused115() => RefuseSlot(115);
    [UnmanagedCallersOnly] private static int Refused116() => RefuseSlot(116); [UnmanagedCallersOnly] private static int Refused117() => RefuseSlot(117); [UnmanagedCallersOnly] private static int Refused118() => RefuseSlot(118); [UnmanagedCallersOnly] private static int Refused119() => RefuseSlot(119);
    [UnmanagedCallersOnly] private static int Refused120() => RefuseSlot(120); [UnmanagedCallersOnly] private static int Refused121() => RefuseSlot(121); [UnmanagedCallersOnly] private static int Refused122() => RefuseSlot(122); [UnmanagedCallersOnly] private static int Refused123() => RefuseSlot(123);
    [UnmanagedCallersOnly] private static int Refused124() => RefuseSlot(124); [UnmanagedCallersOnly] private static int Refused125() => RefuseSlot(125); [UnmanagedCallersOnly] private static int Refused126() => RefuseSlot(126); [UnmanagedCallersOnly] private static int Refused127() => RefuseSlot(127);
    [UnmanagedCallersOnly] private static int Refused128() => RefuseSlot(128); [UnmanagedCallersOnly] private static int Refused129() => RefuseSlot(129); [UnmanagedCallersOnly] private static int Refused130() => RefuseSlot(130); [UnmanagedCallersOnly] private static int Refused131() => RefuseSlot(131);
    [UnmanagedCallersOnly] private static int Refused132() => RefuseSlot(132); [UnmanagedCallersOnly] private static int Refused133() => RefuseSlot(133); [UnmanagedCallersOnly] private static int Refused134() => RefuseSlot(134); [UnmanagedCallersOnly] private static int Refused135() => RefuseSlot(135);
    [UnmanagedCallersOnly] private static int Refused136() => RefuseSlot(136); [UnmanagedCallersOnly] private static int Refused137() => RefuseSlot(137); [UnmanagedCallersOnly] private static int Refused138() => RefuseSlot(138); [UnmanagedCallersOnly] private static int Refused139() => RefuseSlot(139);
    [UnmanagedCallersOnly] private static int Refused140() => RefuseSlot(140); [UnmanagedCallersOnly] private static int Refused141() => RefuseSlot(141); [UnmanagedCallersOnly] private static int Refused142() => RefuseSlot(142); [UnmanagedCallersOnly] private static int Refused143() => RefuseSlot(143);
    [UnmanagedCallersOnly] private static int Refused144() => RefuseSlot(144); [UnmanagedCallersOnly] private static int Refused145() => RefuseSlot(145); [UnmanagedCallersOnly] private static int Refused146() => RefuseSlot(146); [UnmanagedCallersOnly] private static int Refused147() => RefuseSlot(147);
    [UnmanagedCallersOnly] private static int Refused148() => RefuseSlot(148); [UnmanagedCallersOnly] private static int Refused149() => RefuseSlot(149); [UnmanagedCallersOnly] private static int Refused150() => RefuseSlot(150); [UnmanagedCallersOnly] private static int Refused151() => RefuseSlot(151);
    [UnmanagedCallersOnly] private static int Refused152() => RefuseSlot(152); [UnmanagedCallersOnly] private static int Refused153() => RefuseSlot(153); [UnmanagedCallersOnly] private static int Refused154() => RefuseSlot(154); [UnmanagedCallersOnly] private static int Refused155() => RefuseSlot(155);
    [UnmanagedCallersOnly] private static int Refused156() => RefuseSlot(156); [UnmanagedCallersOnly] private static int Refused157() => RefuseSlot(157); [UnmanagedCallersOnly] private static int Refused158() => RefuseSlot(158); [UnmanagedCallersOnly] private static int Refused159() => RefuseSlot(159);

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
            (nint)(delegate* unmanaged<int>)&Refused000, (nint)(delegate* unmanaged<int>)&Refused001, (nint)(delegate* unmanaged<int>)&Refused002, (nint)(delegate* unmanaged<int>)&Refused003,
            (nint)(delegate* unmanaged<int>)&Refused004, (nint)(delegate* unmanaged<int>)&Refused005, (nint)(delegate* unmanaged<int>)&Refused006, (nint)(delegate* unmanaged<int>)&Refused007,
            (nint)(delegate* unmanaged<int>)&Refused008, (nint)(delegate* unmanaged<int>)&Refused009, (nint)(delegate* unmanaged<int>)&Refused010, (nint)(delegate* unmanaged<int>)&Refused011,
            (nint)(delegate* unmanaged<int>)&Refused012, (nint)(delegate* unmanaged<int>)&Refused013, (nint)(delegate* unmanaged<int>)&Refused014, (nint)(delegate* unmanaged<int>)&Refused015,
            (nint)(delegate* unmanaged<int>)&Refused016, (nint)(delegate* unmanaged<int>)&Refused017, (nint)(delegate* unmanaged<int>)&Refused018, (nint)(delegate* unmanaged<int>)&Refused019,
            (nint)(delegate* unmanaged<int>)&Refused020, (nint)(delegate* unmanaged<int>)&Refused021, (nint)(delegate* unmanaged<int>)&Refused022, (nint)(delegate* unmanaged<int>)&Refused023,
            (nint)(delegate* unmanaged<int>)&Refused024, (nint)(delegate* unmanaged<int>)&Refused025, (nint)(delegate* unmanaged<int>)&Refused026, (nint)(delegate* unmanaged<int>)&Refused027,
            (nint)(delegate* unmanaged<int>)&Refused028, (nint)(delegate* unmanaged<int>)&Refused029, (nint)(delegate* unmanaged<int>)&Refused030, (nint)(delegate* unmanaged<int>)&Refused031,
            (nint)(delegate* unmanaged<int>)&Refused032, (nint)(delegate* unmanaged<int>)&Refused033, (nint)(delegate* unmanaged<int>)&Refused034, (nint)(delegate* unmanaged<int>)&Refused035,
            (nint)(delegate* unmanaged<int>)&Refused036, (nint)(delegate* unmanaged<int>)&Refused037, (nint)(delegate* unmanaged<int>)&Refused038, (nint)(delegate* unmanaged<int>)&Refused039,
            (nint)(delegate* unmanaged<int>)&Refused040, (nint)(delegate* unmanaged<int>)&Refused041, (nint)(delegate* unmanaged<int>)&Refused042, (nint)(delegate* unmanaged<int>)&Refused043,
            (nint)(delegate* unmanaged<int>)&Refused044, (nint)(delegate* unmanaged<int>)&Refused045, (nint)(delegate* unmanaged<int>)&Refused046, (nint)(delegate* unmanaged<int>)&Refused047,
            (nint)(delegate* unmanaged<int>)&Refused048, (nint)(delegate* unmanaged<int>)&Refused049, (nint)(delegate* unmanaged<int>)&Refused050, (nint)(delegate* unmanaged<int>)&Refused051,
            (nint)(delegate* unmanaged<int>)&Refused052, (nint)(delegate* unmanaged<int>)&Refused053, (nint)(delegate* unmanaged<int>)&Refused054, (nint)(delegate* unmanaged<int>)&Refused055,
            (nint)(delegate* unmanaged<int>)&Refused056, (nint)(delegate* unmanaged<int>)&Refused057, (nint)(delegate* unmanaged<int>)&Refused058, (nint)(delegate* unmanaged<int>)&Refused059,
            (nint)(delegate* unmanaged<int>)&Refused060, (nint)(delegate* unmanaged<int>)&Refused061, (nint)(delegate* unmanaged<int>)&Refused062, (nint)(delegate* unmanaged<int>)&Refused063,
            (nint)(delegate* unmanaged<int>)&Refused064, (nint)(delegate* unmanaged<int>)&Refused065, (nint)(delegate* unmanaged<int>)&Refused066, (nint)(delegate* unmanaged<int>)&Refused067,
            (nint)(delegate* unmanaged<int>)&Refused068, (nint)(delegate* unmanaged<int>)&Refused069, (nint)(delegate* unmanaged<int>)&Refused070, (nint)(delegate* unmanaged<int>)&Refused071,
            (nint)(delegate* unmanaged<int>)&Refused072, (nint)(delegate* unmanaged<int>)&Refused073, (nint)(delegate* unmanaged<int>)&Refused074, (nint)(delegate* unmanaged<int>)&Refused075,
            (nint)(delegate* unmanaged<int>)&Refused076, (nint)(delegate* unmanaged<int>)&Refused077, (nint)(delegate* unmanaged<int>)&Refused078, (nint)(delegate* unmanaged<int>)&Refused079,
            (nint)(delegate* unmanaged<int>)&Refused080, (nint)(delegate* unmanaged<int>)&Refused081, (nint)(delegate* unmanaged<int>)&Refused082, (nint)(delegate* unmanaged<int>)&Refused083,
            (nint)(delegate* unmanaged<int>)&Refused084, (nint)(delegate* unmanaged<int>)&Refused085, (nint)(delegate* unmanaged<int>)&Refused086, (nint)(delegate* unmanaged<int>)&Refused087,
            (nint)(delegate* unmanaged<int>)&Refused088, (nint)(delegate* unmanaged<int>)&Refused089, (nint)(delegate* unmanaged<int>)&Refused090, (nint)(delegate* unmanaged<int>)&Refused091,
            (nint)(delegate* unmanaged<int>)&Refused092, (nint)(delegate* unmanaged<int>)&Refused093, (nint)(delegate* unmanaged<int>)&Refused094, (nint)(delegate* unmanaged<int>)&Refused095,
            (nint)(delegate* unmanaged<int>)&Refused096, (nint)(delegate* unmanaged<int>)&Refused097, (nint)(delegate* unmanaged<int>)&Refused098, (nint)(delegate* unmanaged<int>)&Refused099,
            (nint)(delegate* unmanaged<int>)&Refused100, (nint)(delegate* unmanaged<int>)&Refused101, (nint)(delegate* unmanaged<int>)&Refused102, (nint)(delegate* unmanaged<int>)&Refused103,
            (nint)(delegate* unmanaged<int>)&Refused104, (nint)(delegate* unmanaged<int>)&Refused105, (nint)(delegate* unmanaged<int>)&Refused106, (nint)(delegate* unmanaged<int>)&Refused107,
            (nint)(delegate* unmanaged<int>)&Refused108, (nint)(delegate* unmanaged<int>)&Refused109, (nint)(delegate* unmanaged<int>)&Refused110, (nint)(delegate* unmanaged<int>)&Refused111,
            (nint)(delegate* unmanaged<int>)&Refused112, (nint)(delegate* unmanaged<int>)&Refused113, (nint)(delegate* unmanaged<int>)&Refused114, (nint)(delegate* unmanaged<int>)&Refused115,
            (nint)(delegate* unmanaged<int>)&Refused116, (nint)(delegate* unmanaged<int>)&Refused117, (nint)(delegate* unmanaged<int>)&Refused118, (nint)(delegate* unmanaged<int>)&Refused119,
            (nint)(delegate* unmanaged<int>)&Refused120, (nint)(delegate* unmanaged<int>)&Refused121, (nint)(delegate* unmanaged<int>)&Refused122, (nint)(delegate* unmanaged<int>)&Refused123,
            (nint)(delegate* unmanaged<int>)&Refused124, (nint)(delegate* unmanaged<int>)&Refused125, (nint)(delegate* unmanaged<int>)&Refused126, (nint)(delegate* unmanaged<int>)&Refused127,
            (nint)(delegate* unmanaged<int>)&Refused128, (nint)(delegate* unmanaged<int>)&Refused129, (nint)(delegate* unmanaged<int>)&Refused130, (nint)(delegate* unmanaged<int>)&Refused131,
            (nint)(delegate* unmanaged<int>)&Refused132, (nint)(delegate* unmanaged<int>)&Refused133, (nint)(delegate* unmanaged<int>)&Refused134, (nint)(delegate* unmanaged<int>)&Refused135,
            (nint)(delegate* unmanaged<int>)&Refused136, (nint)(delegate* unmanaged<int>)&Refused137, (nint)(delegate* unmanaged<int>)&Refused138, (nint)(delegate* unmanaged<int>)&Refused139,
            (nint)(delegate* unmanaged<int>)&Refused140, (nint)(delegate* unmanaged<int>)&Refused141, (nint)(delegate* unmanaged<int>)&Refused142, (nint)(delegate* unmanaged<int>)&Refused143,
            (nint)(delegate* unmanaged<int>)&Refused144, (nint)(delegate* unmanaged<int>)&Refused145, (nint)(delegate* unmanaged<int>)&Refused146, (nint)(delegate* unmanaged<int>)&Refused147,
            (nint)(delegate* unmanaged<int>)&Refused148, (nint)(delegate* unmanaged<int>)&Refused149, (nint)(delegate* unmanaged<int>)&Refused150, (nint)(delegate* unmanaged<int>)&Refused151,
            (nint)(delegate* unmanaged<int>)&Refused152, (nint)(delegate* unmanaged<int>)&Refused153, (nint)(delegate* unmanaged<int>)&Refused154, (nint)(delegate* unmanaged<int>)&Refused155,
            (nint)(delegate* unmanaged<int>)&Refused156, (nint)(delegate* unmanaged<int>)&Refused157, (nint)(delegate* unmanaged<int>)&Refused158, (nint)(delegate* unmanaged<int>)&Refused159,
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

        public static readonly nint ToolsTls = Build("TOOLS_TLS", sizeWord: true, Refuse, (nint)(delegate* unmanaged<CUcontext*, int>)&ToolsCurrentContext);

        /// <summary>92 slots after the size word; cuBLASLt calls only slot 4.</summary>
        public static readonly nint CublasLtContext = Build("21318C60", sizeWord: true, Slots(92, (4, (nint)(delegate* unmanaged<CUcontext, int*, int>)&CublasLtContextValue)));

        /// <summary>
        /// 16 slots after the size word, all refused. cuBLASLt asks for it for half-precision products on Hopper and
        /// calls slot 4 (two out-pointers to driver memory) and slot 13 (which fills them); what they hold is not
        /// known, so nothing is forwarded. Refusing the table itself is worse: cuBLASLt uses it unchecked.
        /// </summary>
        public static readonly nint CublasLtKernels = Build("1734DC26", sizeWord: true, Slots(16));

        public static readonly nint ContextLocalStorage = Build("CONTEXT_LOCAL_STORAGE", sizeWord: false,
            (nint)(delegate* unmanaged<CUcontext, nint, nint, nint, int>)&ContextStoragePut,
            (nint)(delegate* unmanaged<CUcontext, nint, int>)&ContextStorageDelete,
            (nint)(delegate* unmanaged<nint*, CUcontext, nint, int>)&ContextStorageGet,
            Absent);

        public static readonly nint ContextChecks = Build("CONTEXT_CHECKS", sizeWord: true,
            Refuse, (nint)(delegate* unmanaged<CUcontext, uint*, int>)&ContextChecksSlot2, (nint)(delegate* unmanaged<int>)&ContextChecksSlot3, Refuse, Refuse, Refuse, Refuse, Refuse, Refuse, Refuse, Refuse, Refuse, Refuse, Refuse);

        public static readonly nint IntegrityCheck = Build("INTEGRITY_CHECK", sizeWord: true, IntegrityCheckFunction, Refuse);

        /// <summary>98 slots after the size word, as the driver's; slot 7 is served, the others share one refusal.</summary>
        public static readonly nint Cufft = Build("6E163FBE", sizeWord: true,
            [.. Enumerable.Range(1, 98).Select(slot => slot == 7 ? (nint)(delegate* unmanaged<CUcontext, CUmodule, delegate* unmanaged<void*, CUfunction, sbyte*, nint, nint, CUmodule, nint>, void*, CUmodule, nint, nint>)&CufftModuleFunctions : (nint)(delegate* unmanaged<int>)&RefusedCufftSlot)]);

        /// <summary>UUID (bytes in memory order, as hex) to name and table; a table of 0 is refused.</summary>
        private static readonly Dictionary<string, (string Name, nint Table)> s_byId = new(StringComparer.Ordinal)
        {
            ["6BD5FB6C5BF4E74A8987D93912FD9DF9"] = ("CUDART_INTERFACE", CudartInterface),
            ["A094798C2E742E7493F20800200C0A66"] = ("TOOLS_RUNTIME_CALLBACK_HOOKS", ToolsRuntimeCallbackHooks),
            ["42D85A8123F6CB478298F6E78A3AECDC"] = ("TOOLS_TLS", ToolsTls),
            ["21318C60971432488CA641FF7324C8F2"] = ("21318C60 (cuBLASLt)", CublasLtContext),
            ["1734DC26800D47458726C0F1E7DD8BCA"] = ("1734DC26 (cuBLASLt, slots refused)", CublasLtKernels),
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
            // Asked for by libcufft at each plan's creation.
            ["6E163FBEB958444D835CE182AFF1991E"] = ("6E163FBE (cuFFT)", Cufft),
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

        /// <summary><paramref name="count"/> refused slots except those given (slot numbers count the size word).</summary>
        private static nint[] Slots(int count, params (int Slot, nint Function)[] served)
        {
            var slots = Enumerable.Repeat(Refuse, count).ToArray();
            foreach (var (slot, function) in served)
            {
                slots[slot - 1] = function;
            }

            return slots;
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
