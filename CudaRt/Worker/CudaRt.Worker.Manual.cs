// Worker-side hand-written parts of the CUDA runtime backend: the wire-only functions the worker carries out itself
// against the real libcudart.so.13 (module registration under host addresses of its own, launches by those
// addresses, queries into blocks of its own size) and the hooks around generated dispatch (see [WorkerHook] in
// CudaRt/Spec/CudaRt.cs), which run on values already checked against the record.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Ava.Transport.Wire;
using Ava.Worker;

namespace Ava.CudaRt;

/// <summary>The worker's hand-written parts of the CUDA runtime backend.</summary>
public static unsafe partial class CudaRt
{
    private const int FatbinWrapperMagic = 0x466243B1;
    private const uint FatbinMagic = 0xBA55ED50;
    private const int MaxKernelParameters = 4096;

    /// <summary>A block larger than any version's cudaDeviceProp, cudaFuncAttributes or cudaPointerAttributes: the real runtime writes its own size into it.</summary>
    private const int QueryBlockBytes = 4096;

    /// <summary>The largest device variable the worker makes a host shadow for (the shadow is only an address key, but it is allocated).</summary>
    private const ulong MaxVariableBytes = 1UL << 30;

    /// <summary>Each registered module's memory (by the real runtime's handle): the fat binary copy, its wrapper, and the host addresses handed out for its kernels and variables.</summary>
    private static readonly ConcurrentDictionary<nint, RegisteredModule> s_registered = new();

    /// <summary>Parameter offsets and sizes of each registered kernel (by its worker-side host address), asked of the real runtime once.</summary>
    private static readonly ConcurrentDictionary<nint, (long[] Offsets, long Total)> s_layouts = new();

    static CudaRt()
    {
        // Wire-only functions have no export in the real library: the worker carries them out itself.
        __real[FunctionIds.avaGetDeviceProperties] = (nint)(delegate* unmanaged<void*, nuint, int, int>)&GetDeviceProperties;
        __real[FunctionIds.avaPointerGetAttributes] = (nint)(delegate* unmanaged<int*, int*, cudaDevPtr*, cudaDevPtr, int>)&PointerGetAttributes;
        __real[FunctionIds.avaMemcpyToDevice] = (nint)(delegate* unmanaged<cudaDevPtr, void*, nuint, cudaStream_t, int, int>)&MemcpyToDevice;
        __real[FunctionIds.avaMemcpyToHost] = (nint)(delegate* unmanaged<void*, cudaDevPtr, nuint, cudaStream_t, int, int>)&MemcpyToHost;
        __real[FunctionIds.avaMemcpyOnDevice] = (nint)(delegate* unmanaged<cudaDevPtr, cudaDevPtr, nuint, int, cudaStream_t, int, int>)&MemcpyOnDevice;
        __real[FunctionIds.avaRegisterFatBinary] = (nint)(delegate* unmanaged<cudaFatbin*, void*, nuint, int>)&RegisterFatBinary;
        __real[FunctionIds.avaRegisterFatBinaryEnd] = (nint)(delegate* unmanaged<cudaFatbin, int>)&RegisterFatBinaryEnd;
        __real[FunctionIds.avaUnregisterFatBinary] = (nint)(delegate* unmanaged<cudaFatbin, int>)&UnregisterFatBinary;
        __real[FunctionIds.avaRegisterFunction] = (nint)(delegate* unmanaged<cudaHostFunction*, cudaFatbin, sbyte*, int, int>)&RegisterFunction;
        __real[FunctionIds.avaRegisterVar] = (nint)(delegate* unmanaged<cudaHostVariable*, cudaFatbin, sbyte*, int, nuint, int, int, int>)&RegisterVar;
        __real[FunctionIds.avaLaunchKernel] = (nint)(delegate* unmanaged<cudaHostFunction, uint, uint, uint, uint, uint, uint, nuint, cudaStream_t, void*, nuint, int, int>)&LaunchKernel;
        __real[FunctionIds.avaLaunchKernelEx] = (nint)(delegate* unmanaged<cudaHostFunction, uint, uint, uint, uint, uint, uint, nuint, cudaStream_t, void*, uint, void*, nuint, int, int>)&LaunchKernelEx;
        __real[FunctionIds.avaFuncGetParamInfo] = (nint)(delegate* unmanaged<cudaHostFunction, nuint, nuint*, nuint*, int>)&FuncGetParamInfo;
        __real[FunctionIds.avaFuncGetAttributes] = (nint)(delegate* unmanaged<void*, nuint, cudaHostFunction, int>)&FuncGetAttributes;
        __real[FunctionIds.avaFuncSetAttribute] = (nint)(delegate* unmanaged<cudaHostFunction, int, int, int>)&FuncSetAttribute;
        __real[FunctionIds.avaFuncSetCacheConfig] = (nint)(delegate* unmanaged<cudaHostFunction, int, int>)&FuncSetCacheConfig;
        __real[FunctionIds.avaOccupancyMaxActiveBlocks] = (nint)(delegate* unmanaged<int*, cudaHostFunction, int, nuint, uint, int>)&OccupancyMaxActiveBlocks;
        __real[FunctionIds.avaOccupancyAvailableDynamicSMem] = (nint)(delegate* unmanaged<nuint*, cudaHostFunction, int, int, int>)&OccupancyAvailableDynamicSMem;
        __real[FunctionIds.avaGetSymbol] = (nint)(delegate* unmanaged<cudaDevPtr*, nuint*, cudaHostVariable, int>)&GetSymbol;
        __real[FunctionIds.avaGetKernel] = (nint)(delegate* unmanaged<cudaKernel_t*, cudaHostFunction, int>)&GetKernel;
        __real[FunctionIds.avaGetFuncBySymbol] = (nint)(delegate* unmanaged<cudaFunction_t*, cudaHostFunction, int>)&GetFuncBySymbol;
    }

    // ---- Queries into blocks of the worker's own size ------------------------------------------------------------

    [UnmanagedCallersOnly]
    private static int GetDeviceProperties(void* prop, nuint size, int device)
    {
        // The wire lets an output be NULL (the real function's NULL check answers it natively): answer it the same here.
        if (prop == null)
        {
            return ErrorInvalidValue;
        }

        var block = stackalloc byte[QueryBlockBytes];
        var status = cudaGetDeviceProperties((nint)block, device);
        Buffer.MemoryCopy(block, prop, size, Math.Min(size, QueryBlockBytes));
        return status;
    }

    [UnmanagedCallersOnly]
    private static int FuncGetAttributes(void* attr, nuint size, cudaHostFunction function)
    {
        if (attr == null)
        {
            return ErrorInvalidValue;
        }

        var block = stackalloc byte[QueryBlockBytes];
        var status = cudaFuncGetAttributes((nint)block, function.Value);
        Buffer.MemoryCopy(block, attr, size, Math.Min(size, QueryBlockBytes));
        return status;
    }

    [UnmanagedCallersOnly]
    private static int PointerGetAttributes(int* type, int* device, cudaDevPtr* devicePointer, cudaDevPtr ptr)
    {
        if (type == null || device == null || devicePointer == null)
        {
            return ErrorInvalidValue;
        }

        // struct cudaPointerAttributes { enum cudaMemoryType type; int device; void *devicePointer; void *hostPointer; }
        var block = stackalloc byte[QueryBlockBytes];
        var status = cudaPointerGetAttributes((nint)block, ptr.Value);
        *type = *(int*)block;
        *device = *(int*)(block + 4);
        devicePointer->Value = *(nint*)(block + 8);
        return status;
    }

    // ---- Copies -----------------------------------------------------------------------------------------------------

    // An async copy from the record's memory is safe: from pageable memory the real runtime has taken the bytes when the call returns.
    [UnmanagedCallersOnly]
    private static int MemcpyToDevice(cudaDevPtr dst, void* src, nuint count, cudaStream_t stream, int flags) =>
        (flags & AsyncFlag) != 0
            ? (flags & PerThreadFlag) != 0 ? cudaMemcpyAsync_ptsz(dst.Value, (nint)src, count, HostToDevice, stream) : cudaMemcpyAsync(dst.Value, (nint)src, count, HostToDevice, stream)
            : (flags & PerThreadFlag) != 0 ? cudaMemcpy_ptds(dst.Value, (nint)src, count, HostToDevice) : cudaMemcpy(dst.Value, (nint)src, count, HostToDevice);

    [UnmanagedCallersOnly]
    private static int MemcpyToHost(void* dst, cudaDevPtr src, nuint count, cudaStream_t stream, int flags) =>
        (flags & AsyncFlag) != 0
            ? (flags & PerThreadFlag) != 0 ? cudaMemcpyAsync_ptsz((nint)dst, src.Value, count, DeviceToHost, stream) : cudaMemcpyAsync((nint)dst, src.Value, count, DeviceToHost, stream)
            : (flags & PerThreadFlag) != 0 ? cudaMemcpy_ptds((nint)dst, src.Value, count, DeviceToHost) : cudaMemcpy((nint)dst, src.Value, count, DeviceToHost);

    [UnmanagedCallersOnly]
    private static int MemcpyOnDevice(cudaDevPtr dst, cudaDevPtr src, nuint count, int kind, cudaStream_t stream, int flags) =>
        kind != DeviceToDevice ? ErrorInvalidMemcpyDirection
        : (flags & AsyncFlag) != 0
            ? (flags & PerThreadFlag) != 0 ? cudaMemcpyAsync_ptsz(dst.Value, src.Value, count, kind, stream) : cudaMemcpyAsync(dst.Value, src.Value, count, kind, stream)
            : (flags & PerThreadFlag) != 0 ? cudaMemcpy_ptds(dst.Value, src.Value, count, kind) : cudaMemcpy(dst.Value, src.Value, count, kind);

    private static void After_avaMemcpyToHost(WorkerCall call, ref int __ret, ref void* dst, ref cudaDevPtr src, ref nuint count, ref cudaStream_t stream, ref int flags)
    {
        // The destination is this call's scratch memory: an async copy must be complete before the deferred output is
        // sent. The NULL stream is the legacy or the per-thread default stream, as the variant said.
        if (__ret == 0 && (flags & AsyncFlag) != 0)
        {
            __ret = (flags & PerThreadFlag) != 0 ? cudaStreamSynchronize_ptsz(stream) : cudaStreamSynchronize(stream);
        }
    }

    // ---- Module registration under the worker's own host addresses ----------------------------------------------

    [UnmanagedCallersOnly]
    private static int RegisterFatBinary(cudaFatbin* handle, void* image, nuint size)
    {
        // The real runtime takes no size: it reads as far as the fat binary's header says, so a guest claiming less
        // than its header would have it read past the record. The guest sends exactly the header's size (FatBinary.Find).
        // struct fatBinaryHeader { unsigned int magic; unsigned short version; unsigned short headerSize; unsigned long long fatSize; }
        var header = (byte*)image;
        if (size < 16 || *(uint*)header != FatbinMagic)
        {
            return ErrorInvalidKernelImage;
        }

        var headerSize = *(ushort*)(header + 6);
        if (headerSize < 16 || headerSize > size || *(ulong*)(header + 8) > (ulong)size - headerSize)
        {
            return ErrorInvalidKernelImage;
        }

        // The real runtime keeps pointers into the image and the wrapper for the module's life: both are copies here.
        var copy = NativeMemory.AlignedAlloc(size, 16);
        Buffer.MemoryCopy(image, copy, size, size);

        // struct __fatBinC_Wrapper_t { int magic; int version; const unsigned long long *data; void *filename_or_fatbins; }
        var wrapper = (byte*)NativeMemory.AllocZeroed(24);
        *(int*)wrapper = FatbinWrapperMagic;
        *(int*)(wrapper + 4) = 1;
        *(void**)(wrapper + 8) = copy;
        var real = __cudaRegisterFatBinary((nint)wrapper);
        if (real == 0)
        {
            NativeMemory.Free(wrapper);
            NativeMemory.AlignedFree(copy);
            return ErrorInvalidKernelImage;
        }

        s_registered[real] = new RegisteredModule((nint)copy, (nint)wrapper);
        handle->Value = real;
        return Success;
    }

    [UnmanagedCallersOnly]
    private static int RegisterFatBinaryEnd(cudaFatbin handle)
    {
        // The real runtime follows the handle unchecked: only a module this worker registered reaches it.
        if (!s_registered.ContainsKey(handle.Value))
        {
            return ErrorInvalidResourceHandle;
        }

        __cudaRegisterFatBinaryEnd(handle.Value);
        return Success;
    }

    [UnmanagedCallersOnly]
    private static int UnregisterFatBinary(cudaFatbin handle)
    {
        if (!s_registered.TryRemove(handle.Value, out var module))
        {
            return ErrorInvalidResourceHandle;
        }

        __cudaUnregisterFatBinary(handle.Value);
        foreach (var block in module.Blocks)
        {
            s_layouts.TryRemove(block, out _);
            NativeMemory.Free((void*)block);
        }

        NativeMemory.Free((void*)module.Wrapper);
        NativeMemory.AlignedFree((void*)module.Image);

        return Success;
    }

    [UnmanagedCallersOnly]
    private static int RegisterFunction(cudaHostFunction* function, cudaFatbin module, sbyte* deviceName, int threadLimit)
    {
        if (!s_registered.TryGetValue(module.Value, out var registered))
        {
            return ErrorInvalidResourceHandle;
        }

        // A byte of the worker's own stands for the application's stub; the name is kept for the module's life.
        var stub = (nint)NativeMemory.AllocZeroed(1);
        var name = Keep(registered, deviceName);
        registered.Blocks.Add(stub);
        __cudaRegisterFunction(module.Value, stub, name, name, threadLimit, 0, 0, 0, 0, 0);
        function->Value = stub;
        return Success;
    }

    [UnmanagedCallersOnly]
    private static int RegisterVar(cudaHostVariable* variable, cudaFatbin module, sbyte* deviceName, int ext, nuint size, int constant, int global)
    {
        if (!s_registered.TryGetValue(module.Value, out var registered))
        {
            return ErrorInvalidResourceHandle;
        }

        if (size > MaxVariableBytes)
        {
            return ErrorInvalidValue;
        }

        var shadow = (nint)NativeMemory.AllocZeroed(Math.Max(size, 1));
        var name = Keep(registered, deviceName);
        registered.Blocks.Add(shadow);
        __cudaRegisterVar(module.Value, shadow, name, name, ext, size, constant, global);
        variable->Value = shadow;
        return Success;
    }

    /// <summary>A copy of a name from the record that lives as long as its module.</summary>
    private static nint Keep(RegisteredModule module, sbyte* text)
    {
        var length = MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)text).Length;
        var copy = (byte*)NativeMemory.Alloc((nuint)length + 1);
        Buffer.MemoryCopy(text, copy, length + 1, length + 1);
        module.Blocks.Add((nint)copy);
        return (nint)copy;
    }

    [UnmanagedCallersOnly]
    private static int GetSymbol(cudaDevPtr* devPtr, nuint* size, cudaHostVariable variable)
    {
        var status = cudaGetSymbolAddress(&devPtr->Value, variable.Value);
        return status != Success ? status : cudaGetSymbolSize(size, variable.Value);
    }

    // ---- Kernels by the worker's host addresses ------------------------------------------------------------------

    private static void Before_avaLaunchKernel(WorkerCall call, ref cudaHostFunction function, ref uint gridX, ref uint gridY, ref uint gridZ, ref uint blockX, ref uint blockY, ref uint blockZ, ref nuint sharedMem, ref cudaStream_t stream, ref void* parameters, ref nuint bytes, ref int flags)
    {
        // The blob becomes the array of pointers to each parameter the real launch takes; its length must be exactly
        // the kernel's parameter size as the real runtime reports it: the guest's sizes are never trusted.
        var layout = Layout(function.Value);
        if (layout.Total != (long)bytes)
        {
            throw new CallRejectedException(TransportStatus.MalformedRecord, $"kernel parameters of {bytes} bytes where the kernel takes {layout.Total}");
        }

        if (layout.Offsets.Length == 0)
        {
            parameters = null;
            return;
        }

        var pointers = (void**)call.Allocate(layout.Offsets.Length * sizeof(nint));
        for (var i = 0; i < layout.Offsets.Length; i++)
        {
            pointers[i] = (byte*)parameters + layout.Offsets[i];
        }

        parameters = pointers;
    }

    private static (long[] Offsets, long Total) Layout(nint stub)
    {
        if (s_layouts.TryGetValue(stub, out var known))
        {
            return known;
        }

        var offsets = new List<long>();
        long total = 0;
        for (nuint i = 0; i < MaxKernelParameters; i++)
        {
            nuint offset;
            nuint size;
            if (cudaFuncGetParamInfo(stub, i, &offset, &size) != Success)
            {
                break;
            }

            offsets.Add((long)offset);
            total = Math.Max(total, checked((long)(offset + size)));
        }

        var layout = (offsets.ToArray(), total);
        s_layouts[stub] = layout;
        return layout;
    }

    [UnmanagedCallersOnly]
    private static int LaunchKernel(cudaHostFunction function, uint gridX, uint gridY, uint gridZ, uint blockX, uint blockY, uint blockZ, nuint sharedMem, cudaStream_t stream, void* parameters, nuint bytes, int flags)
    {
        // dim3 by value travels in two integer registers: x | y << 32, then z.
        var grid = gridX | ((ulong)gridY << 32);
        var block = blockX | ((ulong)blockY << 32);
        var perThread = (flags & PerThreadFlag) != 0;
        return (flags & CooperativeFlag) != 0
            ? perThread ? cudaLaunchCooperativeKernel_ptsz(function.Value, grid, gridZ, block, blockZ, (nint)parameters, sharedMem, stream) : cudaLaunchCooperativeKernel(function.Value, grid, gridZ, block, blockZ, (nint)parameters, sharedMem, stream)
            : perThread ? cudaLaunchKernel_ptsz(function.Value, grid, gridZ, block, blockZ, (nint)parameters, sharedMem, stream) : cudaLaunchKernel(function.Value, grid, gridZ, block, blockZ, (nint)parameters, sharedMem, stream);
    }

    /// <summary>cudaLaunchAttributeProgrammaticEvent and cudaLaunchAttributeLaunchCompletionEvent: their value starts with a cudaEvent_t.</summary>
    private const int LaunchAttributeProgrammaticEvent = 7, LaunchAttributeLaunchCompletionEvent = 12;

    private const int LaunchAttributeBytes = 72;

    private static void Before_avaLaunchKernelEx(WorkerCall call, ref cudaHostFunction function, ref uint gridX, ref uint gridY, ref uint gridZ, ref uint blockX, ref uint blockY, ref uint blockZ, ref nuint sharedMem, ref cudaStream_t stream, ref void* attrs, ref uint numAttrs, ref void* parameters, ref nuint bytes, ref int flags)
    {
        // Events inside attribute values are the guest's ids: each becomes the real event of the tenant's table, in this
        // call's own copy of the attributes (the record's bytes may lie in memory the guest can still write).
        var length = (long)numAttrs * LaunchAttributeBytes;
        var copy = (byte*)call.Allocate(Math.Max(length, 1));
        Buffer.MemoryCopy(attrs, copy, length, length);
        attrs = copy;
        for (var i = 0; i < numAttrs; i++)
        {
            var attribute = copy + (i * LaunchAttributeBytes);
            if (*(int*)attribute is LaunchAttributeProgrammaticEvent or LaunchAttributeLaunchCompletionEvent)
            {
                var @event = (nint*)(attribute + 8);
                *@event = call.HandleFromWire((ulong)*@event, HandleTypeIds.cudaEvent_t);
            }
        }

        var unpacked = parameters;
        Before_avaLaunchKernel(call, ref function, ref gridX, ref gridY, ref gridZ, ref blockX, ref blockY, ref blockZ, ref sharedMem, ref stream, ref unpacked, ref bytes, ref flags);
        parameters = unpacked;
    }

    [UnmanagedCallersOnly]
    private static int LaunchKernelEx(cudaHostFunction function, uint gridX, uint gridY, uint gridZ, uint blockX, uint blockY, uint blockZ, nuint sharedMem, cudaStream_t stream, void* attrs, uint numAttrs, void* parameters, nuint bytes, int flags)
    {
        var config = new LaunchConfig
        {
            Grid = new dim3 { x = gridX, y = gridY, z = gridZ },
            Block = new dim3 { x = blockX, y = blockY, z = blockZ },
            DynamicSmemBytes = sharedMem,
            Stream = stream.Value,
            Attrs = numAttrs == 0 ? 0 : (nint)attrs,
            NumAttrs = numAttrs,
        };
        return (flags & PerThreadFlag) != 0
            ? cudaLaunchKernelExC_ptsz((nint)(&config), function.Value, (nint)parameters)
            : cudaLaunchKernelExC((nint)(&config), function.Value, (nint)parameters);
    }

    [UnmanagedCallersOnly]
    private static int FuncGetParamInfo(cudaHostFunction function, nuint index, nuint* offset, nuint* size) => cudaFuncGetParamInfo(function.Value, index, offset, size);

    [UnmanagedCallersOnly]
    private static int GetKernel(cudaKernel_t* kernel, cudaHostFunction function)
    {
        if (kernel == null)
        {
            return ErrorInvalidValue;
        }

        nint real = 0;
        var status = cudaGetKernel(&real, function.Value);
        kernel->Value = real;
        return status;
    }

    [UnmanagedCallersOnly]
    private static int GetFuncBySymbol(cudaFunction_t* function, cudaHostFunction hostFunction)
    {
        if (function == null)
        {
            return ErrorInvalidValue;
        }

        nint real = 0;
        var status = cudaGetFuncBySymbol(&real, hostFunction.Value);
        function->Value = real;
        return status;
    }

    [UnmanagedCallersOnly]
    private static int FuncSetAttribute(cudaHostFunction function, int attr, int value) => cudaFuncSetAttribute(function.Value, attr, value);

    [UnmanagedCallersOnly]
    private static int FuncSetCacheConfig(cudaHostFunction function, int cacheConfig) => cudaFuncSetCacheConfig(function.Value, cacheConfig);

    [UnmanagedCallersOnly]
    private static int OccupancyMaxActiveBlocks(int* numBlocks, cudaHostFunction function, int blockSize, nuint dynamicSMemSize, uint flags) =>
        cudaOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(numBlocks, function.Value, blockSize, dynamicSMemSize, flags);

    [UnmanagedCallersOnly]
    private static int OccupancyAvailableDynamicSMem(nuint* dynamicSmemSize, cudaHostFunction function, int numBlocks, int blockSize) =>
        cudaOccupancyAvailableDynamicSMemPerBlock(dynamicSmemSize, function.Value, numBlocks, blockSize);

    /// <summary>What the worker allocated for one registered module, freed when it is unregistered.</summary>
    private sealed class RegisteredModule(nint image, nint wrapper)
    {
        public nint Image { get; } = image;

        public nint Wrapper { get; } = wrapper;

        /// <summary>Host addresses and name copies of the module's kernels and variables (registration runs on one thread per module).</summary>
        public ConcurrentBag<nint> Blocks { get; } = [];
    }
}
