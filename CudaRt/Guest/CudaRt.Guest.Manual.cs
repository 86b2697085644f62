// Guest-side hand-written exports of the CUDA runtime API: module registration and launches by host stub address
// (what nvcc's host code calls), the per-thread last error, error strings, cached device queries, copies whose
// direction comes from their kind argument, host memory (allocated in the application's process) and the calls that
// name a kernel or a variable by its host address.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Ava.Guest;

namespace Ava.CudaRt;

/// <summary>The guest's hand-written parts of the CUDA runtime drop-in.</summary>
public static unsafe partial class CudaRt
{
    private const int ErrorMissingConfiguration = 52;
    private const int ErrorHostMemoryNotRegistered = 713;
    private const int MemoryTypeUnregistered = 0;
    private const int MemoryTypeHost = 1;
    private const int MemoryTypeDevice = 2;
    private const int MemoryTypeManaged = 3;
    private const int MaxKernelParameters = 4096;
    private const int MaxPendingConfigurations = 16;

    /// <summary>The calling thread's last error, as the real runtime keeps it: set by every call that fails, reset by cudaGetLastError.</summary>
    [ThreadStatic]
    private static int t_lastError;

    /// <summary>Launch configurations pushed by &lt;&lt;&lt;&gt;&gt;&gt; call sites and not yet popped by the kernel's stub, per thread.</summary>
    [ThreadStatic]
    private static Configuration[]? t_configurations;

    [ThreadStatic]
    private static int t_configurationDepth;

    /// <summary>Registered modules by the handle this library handed out (the address of a word that holds the worker's id).</summary>
    private static readonly ConcurrentDictionary<nint, cudaFatbin> s_modules = new();

    /// <summary>Registered kernels by the application's host stub address.</summary>
    private static readonly ConcurrentDictionary<nint, Kernel> s_kernels = new();

    /// <summary>Registered device variables by the application's host shadow address.</summary>
    private static readonly ConcurrentDictionary<nint, Variable> s_variables = new();

    /// <summary>Device properties by device, asked of the worker once each.</summary>
    private static readonly ConcurrentDictionary<int, byte[]> s_properties = new();

    /// <summary>Pinned host allocations made here (address, flags): the worker's pinned pages cannot be shared.</summary>
    private static readonly ConcurrentDictionary<nint, uint> s_hostAllocations = new();

    /// <summary>Host ranges registered with cudaHostRegister (a no-op: copies travel through the channel anyway).</summary>
    private static readonly ConcurrentDictionary<nint, uint> s_registered = new();

    private static int s_deviceCount = -1;

    private static int KeepLastError(int status)
    {
        if (status != Success)
        {
            t_lastError = status;
        }

        return status;
    }

    // ---- Errors --------------------------------------------------------------------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "cudaGetLastError")]
    public static partial int cudaGetLastError()
    {
        var error = t_lastError;
        t_lastError = Success;
        return error;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaPeekAtLastError")]
    public static partial int cudaPeekAtLastError() => t_lastError;

    [UnmanagedCallersOnly(EntryPoint = "cudaGetErrorName")]
    public static partial nint cudaGetErrorName(int error) => (nint)CudaRtErrors.Find(error, name: true);

    [UnmanagedCallersOnly(EntryPoint = "cudaGetErrorString")]
    public static partial nint cudaGetErrorString(int error) => (nint)CudaRtErrors.Find(error, name: false);

    // ---- Device queries answered here after the first ------------------------------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "cudaGetDeviceCount")]
    public static partial int cudaGetDeviceCount(int* count)
    {
        if (count == null)
        {
            return KeepLastError(ErrorInvalidValue);
        }

        var known = Volatile.Read(ref s_deviceCount);
        if (known >= 0)
        {
            *count = known;
            return Success;
        }

        int n;
        var status = Call_cudaGetDeviceCount(&n);
        if (status == Success)
        {
            Volatile.Write(ref s_deviceCount, n);
            *count = n;
        }

        return KeepLastError(status);
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGetDeviceProperties")]
    public static partial int cudaGetDeviceProperties(nint prop, int device)
    {
        if (prop == 0)
        {
            return KeepLastError(ErrorInvalidValue);
        }

        if (!s_properties.TryGetValue(device, out var block))
        {
            block = new byte[DevicePropBytes];
            int status;
            fixed (byte* p = block)
            {
                status = Call_avaGetDeviceProperties(p, DevicePropBytes, device);
            }

            if (status != Success)
            {
                return KeepLastError(status);
            }

            s_properties[device] = block;
        }

        block.AsSpan().CopyTo(new Span<byte>((void*)prop, DevicePropBytes));
        return Success;
    }

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaGetDeviceProperties(void* prop, nuint size, int device) => ErrorNotSupported;

    // ---- Module registration ------------------------------------------------------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "__cudaRegisterFatBinary")]
    public static partial nint __cudaRegisterFatBinary(nint fatCubin)
    {
        // The handle the application keeps is ours; a module the worker could not register keeps a zero id, so its
        // kernels stay unregistered and their launches fail as the real runtime's do for a module it cannot load.
        var handle = (nint)NativeMemory.AllocZeroed((nuint)sizeof(nint));
        cudaFatbin module = default;
        var (image, size) = FatBinary.Find((byte*)fatCubin);
        if (size != 0 && Call_avaRegisterFatBinary(&module, (void*)image, size) != Success)
        {
            module = default;
        }

        *(nint*)handle = module.Value;
        s_modules[handle] = module;
        return handle;
    }

    [UnmanagedCallersOnly(EntryPoint = "__cudaRegisterFatBinaryEnd")]
    public static partial void __cudaRegisterFatBinaryEnd(nint fatCubinHandle)
    {
        if (s_modules.TryGetValue(fatCubinHandle, out var module) && module.Value != 0)
        {
            Call_avaRegisterFatBinaryEnd(module);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "__cudaUnregisterFatBinary")]
    public static partial void __cudaUnregisterFatBinary(nint fatCubinHandle)
    {
        if (!s_modules.TryRemove(fatCubinHandle, out var module))
        {
            return;
        }

        foreach (var kernel in s_kernels.Where(k => k.Value.Module == fatCubinHandle).ToList())
        {
            s_kernels.TryRemove(kernel.Key, out _);
        }

        foreach (var variable in s_variables.Where(v => v.Value.Module == fatCubinHandle).ToList())
        {
            s_variables.TryRemove(variable.Key, out _);
        }

        if (module.Value != 0)
        {
            Call_avaUnregisterFatBinary(module);
        }

        NativeMemory.Free((void*)fatCubinHandle);
    }

    [UnmanagedCallersOnly(EntryPoint = "__cudaRegisterFunction")]
    public static partial void __cudaRegisterFunction(nint fatCubinHandle, nint hostFun, nint deviceFun, nint deviceName, int thread_limit, nint tid, nint bid, nint bDim, nint gDim, nint wSize)
    {
        if (deviceName == 0 || !s_modules.TryGetValue(fatCubinHandle, out var module) || module.Value == 0)
        {
            return;
        }

        cudaHostFunction function;
        if (Call_avaRegisterFunction(&function, module, (sbyte*)deviceName, thread_limit) == Success)
        {
            s_kernels[hostFun] = new Kernel(fatCubinHandle, function, deviceName);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "__cudaRegisterVar")]
    public static partial void __cudaRegisterVar(nint fatCubinHandle, nint hostVar, nint deviceAddress, nint deviceName, int ext, nuint size, int constant, int global)
    {
        if (deviceName == 0 || !s_modules.TryGetValue(fatCubinHandle, out var module) || module.Value == 0)
        {
            return;
        }

        cudaHostVariable variable;
        if (Call_avaRegisterVar(&variable, module, (sbyte*)deviceName, ext, size, constant, global) == Success)
        {
            s_variables[hostVar] = new Variable(fatCubinHandle, variable);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "__cudaRegisterManagedVar")]
    public static partial void __cudaRegisterManagedVar(nint fatCubinHandle, nint hostVarPtrAddress, nint deviceAddress, nint deviceName, int ext, nuint size, int constant, int global) =>
        GuestLog.NotRemoted("__cudaRegisterManagedVar", ErrorNotSupported);

    [UnmanagedCallersOnly(EntryPoint = "__cudaRegisterHostVar")]
    public static partial void __cudaRegisterHostVar(nint fatCubinHandle, nint deviceName, nint hostVar, nuint size) =>
        GuestLog.NotRemoted("__cudaRegisterHostVar", ErrorNotSupported);

    [UnmanagedCallersOnly(EntryPoint = "__cudaInitModule")]
    public static partial byte __cudaInitModule(nint fatCubinHandle) =>
        s_modules.TryGetValue(fatCubinHandle, out var module) && module.Value != 0 ? (byte)1 : (byte)0;

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaRegisterFatBinary(cudaFatbin* handle, void* image, nuint size) => ErrorNotSupported;

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaRegisterFatBinaryEnd(cudaFatbin handle) => ErrorNotSupported;

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaUnregisterFatBinary(cudaFatbin handle) => ErrorNotSupported;

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaRegisterFunction(cudaHostFunction* function, cudaFatbin module, sbyte* deviceName, int threadLimit) => ErrorNotSupported;

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaRegisterVar(cudaHostVariable* variable, cudaFatbin module, sbyte* deviceName, int ext, nuint size, int constant, int global) => ErrorNotSupported;

    // ---- Launch configuration and launches ----------------------------------------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "__cudaPushCallConfiguration")]
    public static partial uint __cudaPushCallConfiguration(ulong gridXY, uint gridZ, ulong blockXY, uint blockZ, nuint sharedMem, nint stream)
    {
        var stack = t_configurations ??= new Configuration[MaxPendingConfigurations];
        if (t_configurationDepth == stack.Length)
        {
            return (uint)KeepLastError(ErrorInvalidValue);
        }

        stack[t_configurationDepth++] = new Configuration(gridXY, gridZ, blockXY, blockZ, sharedMem, stream);
        return Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "__cudaPopCallConfiguration")]
    public static partial int __cudaPopCallConfiguration(dim3* gridDim, dim3* blockDim, nuint* sharedMem, nint* stream)
    {
        if (t_configurations is null || t_configurationDepth == 0)
        {
            return KeepLastError(ErrorMissingConfiguration);
        }

        var c = t_configurations[--t_configurationDepth];
        if (gridDim != null)
        {
            *gridDim = new dim3 { x = (uint)c.GridXY, y = (uint)(c.GridXY >> 32), z = c.GridZ };
        }

        if (blockDim != null)
        {
            *blockDim = new dim3 { x = (uint)c.BlockXY, y = (uint)(c.BlockXY >> 32), z = c.BlockZ };
        }

        if (sharedMem != null)
        {
            *sharedMem = c.SharedMem;
        }

        if (stream != null)
        {
            *stream = c.Stream;
        }

        return Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "__cudaGetKernel")]
    public static partial int __cudaGetKernel(nint* kernel, nint hostFun) => GetKernel(kernel, hostFun);

    /// <summary>
    /// The real runtime's kernel of a registered stub (a CUkernel the driver's calls take), asked once per kernel; the
    /// handle then names the kernel wherever the runtime takes a kernel (cudaLaunchKernel, cudaFuncGetAttributes, ...),
    /// as the real runtime's does. A kernel handle passed again answers itself.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaGetKernel")]
    public static partial int cudaGetKernel(nint* kernelPtr, nint entryFuncAddr)
    {
        if (kernelPtr == null)
        {
            return KeepLastError(ErrorInvalidValue);
        }

        if (!s_kernels.TryGetValue(entryFuncAddr, out var kernel))
        {
            return KeepLastError(ErrorInvalidDeviceFunction);
        }

        if (kernel.Handle == 0)
        {
            cudaKernel_t handle;
            var status = Call_avaGetKernel(&handle, kernel.Function);
            if (status != Success)
            {
                return KeepLastError(status);
            }

            kernel.Handle = handle.Value;
            s_kernels.TryAdd(handle.Value, kernel);
        }

        *kernelPtr = kernel.Handle;
        return Success;
    }

    /// <summary>The registered kernel's function in the current context (a CUfunction the driver's calls take), asked of the worker each time.</summary>
    [UnmanagedCallersOnly(EntryPoint = "cudaGetFuncBySymbol")]
    public static partial int cudaGetFuncBySymbol(nint* functionPtr, nint symbolPtr)
    {
        if (functionPtr == null)
        {
            return KeepLastError(ErrorInvalidValue);
        }

        if (!s_kernels.TryGetValue(symbolPtr, out var kernel))
        {
            return KeepLastError(ErrorInvalidDeviceFunction);
        }

        cudaFunction_t function;
        var status = Call_avaGetFuncBySymbol(&function, kernel.Function);
        if (status == Success)
        {
            *functionPtr = function.Value;
        }

        return KeepLastError(status);
    }

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaGetKernel(cudaKernel_t* kernel, cudaHostFunction function) => ErrorNotSupported;

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaGetFuncBySymbol(cudaFunction_t* function, cudaHostFunction hostFunction) => ErrorNotSupported;

    /// <summary>A kernel handle is the registered host stub address itself: every call that takes one looks it up again.</summary>
    private static int GetKernel(nint* kernel, nint hostFun)
    {
        if (kernel == null)
        {
            return KeepLastError(ErrorInvalidValue);
        }

        if (!s_kernels.ContainsKey(hostFun))
        {
            return KeepLastError(ErrorInvalidDeviceFunction);
        }

        *kernel = hostFun;
        return Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "__cudaLaunchKernel")]
    public static partial int __cudaLaunchKernel(nint kernel, ulong gridXY, uint gridZ, ulong blockXY, uint blockZ, nint args, nuint sharedMem, cudaStream_t stream) =>
        Launch(kernel, gridXY, gridZ, blockXY, blockZ, (void**)args, sharedMem, stream, 0);

    [UnmanagedCallersOnly(EntryPoint = "__cudaLaunchKernel_ptsz")]
    public static partial int __cudaLaunchKernel_ptsz(nint kernel, ulong gridXY, uint gridZ, ulong blockXY, uint blockZ, nint args, nuint sharedMem, cudaStream_t stream) =>
        Launch(kernel, gridXY, gridZ, blockXY, blockZ, (void**)args, sharedMem, stream, PerThreadFlag);

    [UnmanagedCallersOnly(EntryPoint = "cudaLaunchKernel")]
    public static partial int cudaLaunchKernel(nint func, ulong gridXY, uint gridZ, ulong blockXY, uint blockZ, nint args, nuint sharedMem, cudaStream_t stream) =>
        Launch(func, gridXY, gridZ, blockXY, blockZ, (void**)args, sharedMem, stream, 0);

    [UnmanagedCallersOnly(EntryPoint = "cudaLaunchKernel_ptsz")]
    public static partial int cudaLaunchKernel_ptsz(nint func, ulong gridXY, uint gridZ, ulong blockXY, uint blockZ, nint args, nuint sharedMem, cudaStream_t stream) =>
        Launch(func, gridXY, gridZ, blockXY, blockZ, (void**)args, sharedMem, stream, PerThreadFlag);

    [UnmanagedCallersOnly(EntryPoint = "cudaLaunchCooperativeKernel")]
    public static partial int cudaLaunchCooperativeKernel(nint func, ulong gridXY, uint gridZ, ulong blockXY, uint blockZ, nint args, nuint sharedMem, cudaStream_t stream) =>
        Launch(func, gridXY, gridZ, blockXY, blockZ, (void**)args, sharedMem, stream, CooperativeFlag);

    [UnmanagedCallersOnly(EntryPoint = "cudaLaunchCooperativeKernel_ptsz")]
    public static partial int cudaLaunchCooperativeKernel_ptsz(nint func, ulong gridXY, uint gridZ, ulong blockXY, uint blockZ, nint args, nuint sharedMem, cudaStream_t stream) =>
        Launch(func, gridXY, gridZ, blockXY, blockZ, (void**)args, sharedMem, stream, CooperativeFlag | PerThreadFlag);

    [UnmanagedCallersOnly(EntryPoint = "cudaLaunchKernelExC")]
    public static partial int cudaLaunchKernelExC(nint config, nint func, nint args) => LaunchEx((LaunchConfig*)config, func, (void**)args, 0);

    [UnmanagedCallersOnly(EntryPoint = "cudaLaunchKernelExC_ptsz")]
    public static partial int cudaLaunchKernelExC_ptsz(nint config, nint func, nint args) => LaunchEx((LaunchConfig*)config, func, (void**)args, PerThreadFlag);

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaLaunchKernelEx(cudaHostFunction function, uint gridX, uint gridY, uint gridZ, uint blockX, uint blockY, uint blockZ, nuint sharedMem, cudaStream_t stream, void* attrs, uint numAttrs, void* parameters, nuint bytes, int flags) => ErrorNotSupported;

    /// <summary>
    /// cudaLaunchKernelExC: the configuration's attributes travel beside its scalars. A launch with attributes (clusters,
    /// cooperative, programmatic dependencies, events) waits for the real status: the guest cannot show them valid.
    /// </summary>
    private static int LaunchEx(LaunchConfig* config, nint hostFun, void** args, int flags)
    {
        if (config == null || (config->NumAttrs > 0 && config->Attrs == 0))
        {
            return KeepLastError(ErrorInvalidValue);
        }

        if (!s_kernels.TryGetValue(hostFun, out var kernel))
        {
            return KeepLastError(ErrorInvalidDeviceFunction);
        }

        var status = Parameters(kernel, out var layout);
        if (status != Success)
        {
            return KeepLastError(status);
        }

        if (layout.Offsets.Length > 0 && args == null)
        {
            return KeepLastError(ErrorInvalidValue);
        }

        var c = *config;
        var wait = c.NumAttrs > 0 || !Valid(c.Grid.x, c.Grid.y, c.Grid.z, c.Block.x, c.Block.y, c.Block.z, c.DynamicSmemBytes) ? WaitFlag : 0;
        var heap = layout.Total > 4096 ? (byte*)NativeMemory.AllocZeroed((nuint)layout.Total) : null;
        var stack = stackalloc byte[heap == null ? (int)Math.Max(layout.Total, 1) : 1];
        var blob = heap != null ? heap : stack;
        try
        {
            new Span<byte>(blob, (int)layout.Total).Clear();
            for (var i = 0; i < layout.Offsets.Length; i++)
            {
                Buffer.MemoryCopy(args[i], blob + layout.Offsets[i], layout.Sizes[i], layout.Sizes[i]);
            }

            return KeepLastError(Call_avaLaunchKernelEx(kernel.Function, c.Grid.x, c.Grid.y, c.Grid.z, c.Block.x, c.Block.y, c.Block.z, c.DynamicSmemBytes,
                new cudaStream_t { Value = c.Stream }, (void*)c.Attrs, c.NumAttrs, blob, (nuint)layout.Total, flags | wait));
        }
        finally
        {
            if (heap != null)
            {
                NativeMemory.Free(heap);
            }
        }
    }

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaLaunchKernel(cudaHostFunction function, uint gridX, uint gridY, uint gridZ, uint blockX, uint blockY, uint blockZ, nuint sharedMem, cudaStream_t stream, void* parameters, nuint bytes, int flags) => ErrorNotSupported;

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaFuncGetParamInfo(cudaHostFunction function, nuint index, nuint* offset, nuint* size) => ErrorNotSupported;

    /// <summary>
    /// Packs the parameters at the offsets and sizes the real runtime reports for the kernel (asked once per kernel)
    /// and sends the launch; it returns at once, its errors surface at the next synchronizing call.
    /// </summary>
    private static int Launch(nint hostFun, ulong gridXY, uint gridZ, ulong blockXY, uint blockZ, void** args, nuint sharedMem, cudaStream_t stream, int flags)
    {
        if (!s_kernels.TryGetValue(hostFun, out var kernel))
        {
            return KeepLastError(ErrorInvalidDeviceFunction);
        }

        var status = Parameters(kernel, out var layout);
        if (status != Success)
        {
            return KeepLastError(status);
        }

        if (layout.Offsets.Length > 0 && args == null)
        {
            return KeepLastError(ErrorInvalidValue);
        }

        // Small parameter blocks (nearly all) are packed on the stack: a launch allocates nothing.
        var heap = layout.Total > 4096 ? (byte*)NativeMemory.AllocZeroed((nuint)layout.Total) : null;
        var stack = stackalloc byte[heap == null ? (int)Math.Max(layout.Total, 1) : 1];
        var blob = heap != null ? heap : stack;
        try
        {
            new Span<byte>(blob, (int)layout.Total).Clear();
            for (var i = 0; i < layout.Offsets.Length; i++)
            {
                Buffer.MemoryCopy(args[i], blob + layout.Offsets[i], layout.Sizes[i], layout.Sizes[i]);
            }

            uint gx = (uint)gridXY, gy = (uint)(gridXY >> 32), bx = (uint)blockXY, by = (uint)(blockXY >> 32);
            var wait = Valid(gx, gy, gridZ, bx, by, blockZ, sharedMem) ? 0 : WaitFlag;
            return KeepLastError(Call_avaLaunchKernel(kernel.Function, gx, gy, gridZ, bx, by, blockZ, sharedMem, stream, blob, (nuint)layout.Total, flags | wait));
        }
        finally
        {
            if (heap != null)
            {
                NativeMemory.Free(heap);
            }
        }
    }

    /// <summary>
    /// Whether a launch configuration is within what every device CUDA 13 runs on accepts (1024 threads a block, block
    /// dimensions 1024 x 1024 x 64, grid 2^31-1 x 65535 x 65535, 48 KiB of dynamic shared memory without opt-in): only
    /// such a launch may return before the real runtime has answered, since its own checks would pass too.
    /// </summary>
    private static bool Valid(uint gx, uint gy, uint gz, uint bx, uint by, uint bz, nuint sharedMem) =>
        gx is >= 1 and <= int.MaxValue && gy is >= 1 and <= 65535 && gz is >= 1 and <= 65535
        && bx is >= 1 and <= 1024 && by is >= 1 and <= 1024 && bz is >= 1 and <= 64 && (ulong)bx * by * bz <= 1024
        && sharedMem <= 48 * 1024;

    private static int Parameters(Kernel kernel, out ParamLayout layout)
    {
        if (kernel.Layout is { } known)
        {
            layout = known;
            return Success;
        }

        var offsets = new List<long>();
        var sizes = new List<long>();
        long total = 0;
        for (nuint i = 0; i < MaxKernelParameters; i++)
        {
            nuint offset;
            nuint size;
            var status = Call_avaFuncGetParamInfo(kernel.Function, i, &offset, &size);
            if (status != Success)
            {
                // Past the last parameter the real runtime answers cudaErrorInvalidValue; any other failure on the
                // first one (a kernel whose module did not load) fails the launch.
                if (i == 0 && status != ErrorInvalidValue)
                {
                    layout = default!;
                    return status;
                }

                break;
            }

            offsets.Add((long)offset);
            sizes.Add((long)size);
            total = Math.Max(total, (long)(offset + size));
        }

        layout = new ParamLayout([.. offsets], [.. sizes], total);
        kernel.Layout = layout;
        return Success;
    }

    // ---- Kernels by host stub address ----------------------------------------------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "cudaFuncGetAttributes")]
    public static partial int cudaFuncGetAttributes(nint attr, nint func) =>
        attr == 0 ? KeepLastError(ErrorInvalidValue)
        : !s_kernels.TryGetValue(func, out var kernel) ? KeepLastError(ErrorInvalidDeviceFunction)
        : KeepLastError(Call_avaFuncGetAttributes((void*)attr, FuncAttributesBytes, kernel.Function));

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaFuncGetAttributes(void* attr, nuint size, cudaHostFunction function) => ErrorNotSupported;

    [UnmanagedCallersOnly(EntryPoint = "cudaFuncSetAttribute")]
    public static partial int cudaFuncSetAttribute(nint func, int attr, int value) =>
        !s_kernels.TryGetValue(func, out var kernel) ? KeepLastError(ErrorInvalidDeviceFunction) : KeepLastError(Call_avaFuncSetAttribute(kernel.Function, attr, value));

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaFuncSetAttribute(cudaHostFunction function, int attr, int value) => ErrorNotSupported;

    [UnmanagedCallersOnly(EntryPoint = "cudaFuncSetCacheConfig")]
    public static partial int cudaFuncSetCacheConfig(nint func, int cacheConfig) =>
        !s_kernels.TryGetValue(func, out var kernel) ? KeepLastError(ErrorInvalidDeviceFunction) : KeepLastError(Call_avaFuncSetCacheConfig(kernel.Function, cacheConfig));

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaFuncSetCacheConfig(cudaHostFunction function, int cacheConfig) => ErrorNotSupported;

    [UnmanagedCallersOnly(EntryPoint = "cudaFuncSetSharedMemConfig")]
    public static partial int cudaFuncSetSharedMemConfig(nint func, int config) =>
        // Deprecated since CUDA 12: the real runtime checks the function and ignores the configuration.
        s_kernels.ContainsKey(func) ? Success : KeepLastError(ErrorInvalidDeviceFunction);

    [UnmanagedCallersOnly(EntryPoint = "cudaFuncGetName")]
    public static partial int cudaFuncGetName(nint* name, nint func)
    {
        if (name == null)
        {
            return KeepLastError(ErrorInvalidValue);
        }

        if (!s_kernels.TryGetValue(func, out var kernel))
        {
            return KeepLastError(ErrorInvalidDeviceFunction);
        }

        // The name registered by the application's own code, which lives as long as its module.
        *name = kernel.Name;
        return Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaFuncGetParamInfo")]
    public static partial int cudaFuncGetParamInfo(nint func, nuint paramIndex, nuint* paramOffset, nuint* paramSize)
    {
        if (!s_kernels.TryGetValue(func, out var kernel))
        {
            return KeepLastError(ErrorInvalidDeviceFunction);
        }

        var status = Parameters(kernel, out var layout);
        if (status != Success)
        {
            return KeepLastError(status);
        }

        if (paramIndex >= (nuint)layout.Offsets.Length || paramOffset == null || paramSize == null)
        {
            return KeepLastError(ErrorInvalidValue);
        }

        *paramOffset = (nuint)layout.Offsets[(int)paramIndex];
        *paramSize = (nuint)layout.Sizes[(int)paramIndex];
        return Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaOccupancyMaxActiveBlocksPerMultiprocessor")]
    public static partial int cudaOccupancyMaxActiveBlocksPerMultiprocessor(int* numBlocks, nint func, int blockSize, nuint dynamicSMemSize) =>
        !s_kernels.TryGetValue(func, out var kernel) ? KeepLastError(ErrorInvalidDeviceFunction)
        : KeepLastError(Call_avaOccupancyMaxActiveBlocks(numBlocks, kernel.Function, blockSize, dynamicSMemSize, 0));

    [UnmanagedCallersOnly(EntryPoint = "cudaOccupancyMaxActiveBlocksPerMultiprocessorWithFlags")]
    public static partial int cudaOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(int* numBlocks, nint func, int blockSize, nuint dynamicSMemSize, uint flags) =>
        !s_kernels.TryGetValue(func, out var kernel) ? KeepLastError(ErrorInvalidDeviceFunction)
        : KeepLastError(Call_avaOccupancyMaxActiveBlocks(numBlocks, kernel.Function, blockSize, dynamicSMemSize, flags));

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaOccupancyMaxActiveBlocks(int* numBlocks, cudaHostFunction function, int blockSize, nuint dynamicSMemSize, uint flags) => ErrorNotSupported;

    [UnmanagedCallersOnly(EntryPoint = "cudaOccupancyAvailableDynamicSMemPerBlock")]
    public static partial int cudaOccupancyAvailableDynamicSMemPerBlock(nuint* dynamicSmemSize, nint func, int numBlocks, int blockSize) =>
        !s_kernels.TryGetValue(func, out var kernel) ? KeepLastError(ErrorInvalidDeviceFunction)
        : KeepLastError(Call_avaOccupancyAvailableDynamicSMem(dynamicSmemSize, kernel.Function, numBlocks, blockSize));

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaOccupancyAvailableDynamicSMem(nuint* dynamicSmemSize, cudaHostFunction function, int numBlocks, int blockSize) => ErrorNotSupported;

    // ---- Copies: the kind says which side is host memory -------------------------------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpy")]
    public static partial int cudaMemcpy(nint dst, nint src, nuint count, int kind) => KeepLastError(Copy(dst, src, count, kind, default, 0));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpy_ptds")]
    public static partial int cudaMemcpy_ptds(nint dst, nint src, nuint count, int kind) => KeepLastError(Copy(dst, src, count, kind, default, PerThreadFlag));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyAsync")]
    public static partial int cudaMemcpyAsync(nint dst, nint src, nuint count, int kind, cudaStream_t stream) => KeepLastError(Copy(dst, src, count, kind, stream, AsyncFlag));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyAsync_ptsz")]
    public static partial int cudaMemcpyAsync_ptsz(nint dst, nint src, nuint count, int kind, cudaStream_t stream) => KeepLastError(Copy(dst, src, count, kind, stream, AsyncFlag | PerThreadFlag));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpy2D")]
    public static partial int cudaMemcpy2D(nint dst, nuint dpitch, nint src, nuint spitch, nuint width, nuint height, int kind) =>
        KeepLastError(Copy2D(dst, dpitch, src, spitch, width, height, kind, default, 0));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpy2D_ptds")]
    public static partial int cudaMemcpy2D_ptds(nint dst, nuint dpitch, nint src, nuint spitch, nuint width, nuint height, int kind) =>
        KeepLastError(Copy2D(dst, dpitch, src, spitch, width, height, kind, default, PerThreadFlag));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpy2DAsync")]
    public static partial int cudaMemcpy2DAsync(nint dst, nuint dpitch, nint src, nuint spitch, nuint width, nuint height, int kind, cudaStream_t stream) =>
        KeepLastError(Copy2D(dst, dpitch, src, spitch, width, height, kind, stream, AsyncFlag));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpy2DAsync_ptsz")]
    public static partial int cudaMemcpy2DAsync_ptsz(nint dst, nuint dpitch, nint src, nuint spitch, nuint width, nuint height, int kind, cudaStream_t stream) =>
        KeepLastError(Copy2D(dst, dpitch, src, spitch, width, height, kind, stream, AsyncFlag | PerThreadFlag));

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaMemcpyToDevice(cudaDevPtr dst, void* src, nuint count, cudaStream_t stream, int flags) => ErrorNotSupported;

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaMemcpyToHost(void* dst, cudaDevPtr src, nuint count, cudaStream_t stream, int flags) => ErrorNotSupported;

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaMemcpyOnDevice(cudaDevPtr dst, cudaDevPtr src, nuint count, int kind, cudaStream_t stream, int flags) => ErrorNotSupported;

    private static int Copy(nint dst, nint src, nuint count, int kind, cudaStream_t stream, int flags)
    {
        if (count == 0)
        {
            return Success;
        }

        if (kind == Default)
        {
            var status = Resolve(dst, src, out kind);
            if (status != Success)
            {
                return status;
            }
        }

        switch (kind)
        {
            case HostToHost:
                Buffer.MemoryCopy((void*)src, (void*)dst, count, count);
                return Success;
            case HostToDevice:
                return Call_avaMemcpyToDevice(new cudaDevPtr { Value = dst }, (void*)src, count, stream, flags);
            case DeviceToHost:
                return Call_avaMemcpyToHost((void*)dst, new cudaDevPtr { Value = src }, count, stream, flags);
            case DeviceToDevice:
                return Call_avaMemcpyOnDevice(new cudaDevPtr { Value = dst }, new cudaDevPtr { Value = src }, count, DeviceToDevice, stream, flags);
            default:
                return ErrorInvalidMemcpyDirection;
        }
    }

    /// <summary>cudaMemcpyDefault: which side is device memory, as the worker's runtime knows it (host memory is the application's).</summary>
    private static int Resolve(nint dst, nint src, out int kind)
    {
        kind = HostToHost;
        var status = IsDevice(dst, out var dstDevice);
        if (status == Success)
        {
            status = IsDevice(src, out var srcDevice);
            kind = (srcDevice, dstDevice) switch
            {
                (false, false) => HostToHost,
                (false, true) => HostToDevice,
                (true, false) => DeviceToHost,
                _ => DeviceToDevice,
            };
        }

        return status;
    }

    private static int IsDevice(nint ptr, out bool device)
    {
        device = false;
        if (s_hostAllocations.ContainsKey(ptr) || s_registered.ContainsKey(ptr))
        {
            return Success;
        }

        int type;
        int ordinal;
        cudaDevPtr devicePointer;
        var status = Call_avaPointerGetAttributes(&type, &ordinal, &devicePointer, new cudaDevPtr { Value = ptr });
        device = status == Success && type is MemoryTypeDevice or MemoryTypeManaged;
        return status;
    }

    /// <summary>A 2D copy as one copy per row (one copy when both sides are contiguous).</summary>
    private static int Copy2D(nint dst, nuint dpitch, nint src, nuint spitch, nuint width, nuint height, int kind, cudaStream_t stream, int flags)
    {
        if (width > dpitch || width > spitch)
        {
            return ErrorInvalidPitchValue;
        }

        if (dpitch == width && spitch == width)
        {
            return Copy(dst, src, width * height, kind, stream, flags);
        }

        for (nuint row = 0; row < height; row++)
        {
            var status = Copy(dst + (nint)(row * dpitch), src + (nint)(row * spitch), width, kind, stream, flags);
            if (status != Success)
            {
                return status;
            }
        }

        return Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaPointerGetAttributes")]
    public static partial int cudaPointerGetAttributes(nint attributes, nint ptr)
    {
        if (attributes == 0)
        {
            return KeepLastError(ErrorInvalidValue);
        }

        // struct cudaPointerAttributes { enum cudaMemoryType type; int device; void *devicePointer; void *hostPointer; }
        var a = (byte*)attributes;
        if (s_hostAllocations.ContainsKey(ptr) || s_registered.ContainsKey(ptr))
        {
            int current;
            var known = Call_cudaGetDevice(&current);
            *(int*)a = MemoryTypeHost;
            *(int*)(a + 4) = known == Success ? current : 0;
            *(nint*)(a + 8) = 0;
            *(nint*)(a + 16) = ptr;
            return Success;
        }

        int type;
        int device;
        cudaDevPtr devicePointer;
        var status = Call_avaPointerGetAttributes(&type, &device, &devicePointer, new cudaDevPtr { Value = ptr });
        if (status != Success)
        {
            return KeepLastError(status);
        }

        *(int*)a = type;
        *(int*)(a + 4) = device;
        *(nint*)(a + 8) = devicePointer.Value;
        *(nint*)(a + 16) = type == MemoryTypeUnregistered ? 0 : type == MemoryTypeManaged ? ptr : 0;
        return Success;
    }

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaPointerGetAttributes(int* type, int* device, cudaDevPtr* devicePointer, cudaDevPtr ptr) => ErrorNotSupported;

    // ---- Device variables by host shadow address ------------------------------------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyToSymbol")]
    public static partial int cudaMemcpyToSymbol(nint symbol, nint src, nuint count, nuint offset, int kind) => KeepLastError(ToSymbol(symbol, src, count, offset, kind, default, 0));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyToSymbol_ptds")]
    public static partial int cudaMemcpyToSymbol_ptds(nint symbol, nint src, nuint count, nuint offset, int kind) => KeepLastError(ToSymbol(symbol, src, count, offset, kind, default, PerThreadFlag));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyToSymbolAsync")]
    public static partial int cudaMemcpyToSymbolAsync(nint symbol, nint src, nuint count, nuint offset, int kind, cudaStream_t stream) => KeepLastError(ToSymbol(symbol, src, count, offset, kind, stream, AsyncFlag));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyToSymbolAsync_ptsz")]
    public static partial int cudaMemcpyToSymbolAsync_ptsz(nint symbol, nint src, nuint count, nuint offset, int kind, cudaStream_t stream) => KeepLastError(ToSymbol(symbol, src, count, offset, kind, stream, AsyncFlag | PerThreadFlag));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyFromSymbol")]
    public static partial int cudaMemcpyFromSymbol(nint dst, nint symbol, nuint count, nuint offset, int kind) => KeepLastError(FromSymbol(dst, symbol, count, offset, kind, default, 0));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyFromSymbol_ptds")]
    public static partial int cudaMemcpyFromSymbol_ptds(nint dst, nint symbol, nuint count, nuint offset, int kind) => KeepLastError(FromSymbol(dst, symbol, count, offset, kind, default, PerThreadFlag));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyFromSymbolAsync")]
    public static partial int cudaMemcpyFromSymbolAsync(nint dst, nint symbol, nuint count, nuint offset, int kind, cudaStream_t stream) => KeepLastError(FromSymbol(dst, symbol, count, offset, kind, stream, AsyncFlag));

    [UnmanagedCallersOnly(EntryPoint = "cudaMemcpyFromSymbolAsync_ptsz")]
    public static partial int cudaMemcpyFromSymbolAsync_ptsz(nint dst, nint symbol, nuint count, nuint offset, int kind, cudaStream_t stream) => KeepLastError(FromSymbol(dst, symbol, count, offset, kind, stream, AsyncFlag | PerThreadFlag));

    [UnmanagedCallersOnly(EntryPoint = "cudaGetSymbolAddress")]
    public static partial int cudaGetSymbolAddress(nint* devPtr, nint symbol)
    {
        var status = Symbol(symbol, out var address, out _);
        if (status == Success && devPtr != null)
        {
            *devPtr = address;
        }

        return KeepLastError(devPtr == null ? ErrorInvalidValue : status);
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaGetSymbolSize")]
    public static partial int cudaGetSymbolSize(nuint* size, nint symbol)
    {
        var status = Symbol(symbol, out _, out var bytes);
        if (status == Success && size != null)
        {
            *size = bytes;
        }

        return KeepLastError(size == null ? ErrorInvalidValue : status);
    }

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaGetSymbol(cudaDevPtr* devPtr, nuint* size, cudaHostVariable variable) => ErrorNotSupported;

    private static int ToSymbol(nint symbol, nint src, nuint count, nuint offset, int kind, cudaStream_t stream, int flags)
    {
        if (kind is not (HostToDevice or DeviceToDevice or Default))
        {
            return ErrorInvalidMemcpyDirection;
        }

        var status = SymbolRange(symbol, count, offset, out var address);
        return status != Success ? status : Copy(address, src, count, kind, stream, flags);
    }

    private static int FromSymbol(nint dst, nint symbol, nuint count, nuint offset, int kind, cudaStream_t stream, int flags)
    {
        if (kind is not (DeviceToHost or DeviceToDevice or Default))
        {
            return ErrorInvalidMemcpyDirection;
        }

        var status = SymbolRange(symbol, count, offset, out var address);
        return status != Success ? status : Copy(dst, address, count, kind, stream, flags);
    }

    private static int SymbolRange(nint symbol, nuint count, nuint offset, out nint address)
    {
        var status = Symbol(symbol, out address, out var size);
        if (status == Success && (offset > size || count > size - offset))
        {
            status = ErrorInvalidValue;
        }

        address += (nint)offset;
        return status;
    }

    /// <summary>A registered variable's device address and size, asked of the worker once.</summary>
    private static int Symbol(nint symbol, out nint address, out nuint size)
    {
        address = 0;
        size = 0;
        if (!s_variables.TryGetValue(symbol, out var variable))
        {
            return ErrorInvalidSymbol;
        }

        if (variable.Size == 0)
        {
            cudaDevPtr devPtr;
            nuint bytes;
            var status = Call_avaGetSymbol(&devPtr, &bytes, variable.Handle);
            if (status != Success)
            {
                return status;
            }

            variable.Address = devPtr.Value;
            variable.Size = bytes;
        }

        address = variable.Address;
        size = variable.Size;
        return Success;
    }

    // ---- Host memory the worker cannot share --------------------------------------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "cudaMallocHost")]
    public static partial int cudaMallocHost(nint* ptr, nuint size) => KeepLastError(HostAlloc(ptr, size, 0));

    [UnmanagedCallersOnly(EntryPoint = "cudaHostAlloc")]
    public static partial int cudaHostAlloc(nint* pHost, nuint size, uint flags) => KeepLastError(HostAlloc(pHost, size, flags));

    private static int HostAlloc(nint* pp, nuint size, uint flags)
    {
        if (pp == null)
        {
            return ErrorInvalidValue;
        }

        var memory = (nint)NativeMemory.AlignedAlloc(Math.Max(size, 1), 4096);
        if (memory == 0)
        {
            return ErrorMemoryAllocation;
        }

        s_hostAllocations[memory] = flags;
        *pp = memory;
        return Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaFreeHost")]
    public static partial int cudaFreeHost(nint ptr)
    {
        if (ptr == 0)
        {
            return Success;
        }

        if (!s_hostAllocations.TryRemove(ptr, out _))
        {
            return KeepLastError(ErrorInvalidValue);
        }

        NativeMemory.AlignedFree((void*)ptr);
        return Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaHostRegister")]
    public static partial int cudaHostRegister(nint ptr, nuint size, uint flags)
    {
        if (ptr == 0 || size == 0)
        {
            return KeepLastError(ErrorInvalidValue);
        }

        s_registered[ptr] = flags;
        return Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cudaHostUnregister")]
    public static partial int cudaHostUnregister(nint ptr) => s_registered.TryRemove(ptr, out _) ? Success : KeepLastError(ErrorHostMemoryNotRegistered);

    [UnmanagedCallersOnly(EntryPoint = "cudaHostGetFlags")]
    public static partial int cudaHostGetFlags(uint* pFlags, nint pHost)
    {
        if (pFlags == null || !s_hostAllocations.TryGetValue(pHost, out var flags))
        {
            return KeepLastError(ErrorInvalidValue);
        }

        *pFlags = flags;
        return Success;
    }

    // ---- Pure functions ------------------------------------------------------------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "cudaCreateChannelDesc")]
    public static partial nint cudaCreateChannelDesc(nint result, int x, int y, int z, int w, int f)
    {
        *(cudaChannelFormatDesc*)result = new cudaChannelFormatDesc { x = x, y = y, z = z, w = w, f = f };
        return result;
    }

    /// <summary>One pending &lt;&lt;&lt;&gt;&gt;&gt; configuration, dim3 values as the C ABI passed them.</summary>
    private readonly record struct Configuration(ulong GridXY, uint GridZ, ulong BlockXY, uint BlockZ, nuint SharedMem, nint Stream);

    /// <summary>A registered kernel: its module handle, the worker's handle and the application's name string.</summary>
    private sealed class Kernel(nint module, cudaHostFunction function, nint name)
    {
        public nint Module { get; } = module;

        public cudaHostFunction Function { get; } = function;

        public nint Name { get; } = name;

        public ParamLayout? Layout { get; set; }

        /// <summary>The real runtime's kernel handle (cudaGetKernel), once asked; 0 before.</summary>
        public nint Handle { get; set; }
    }

    /// <summary>A registered variable: its module handle, the worker's handle, and its device address and size once known.</summary>
    private sealed class Variable(nint module, cudaHostVariable handle)
    {
        public nint Module { get; } = module;

        public cudaHostVariable Handle { get; } = handle;

        public nint Address { get; set; }

        public nuint Size { get; set; }
    }

    /// <summary>Where each parameter of a kernel lies, and the bytes they span together.</summary>
    private sealed record ParamLayout(long[] Offsets, long[] Sizes, long Total);
}
