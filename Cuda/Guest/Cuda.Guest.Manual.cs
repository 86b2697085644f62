// Guest-side hand-written exports of the CUDA driver API: calls whose C form does not say how much memory they
// read (module images, kernel parameters), calls served in the application's own process (error strings, pinned
// host memory, cuGetProcAddress) and 2D/3D copies with host memory, split into row copies. cuGetExportTable's
// private tables are in ExportTables.cs.
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ava.Guest;

namespace Ava.Cuda;

/// <summary>The guest's hand-written parts of the CUDA drop-in.</summary>
public static unsafe partial class Cuda
{
    private const int Success = 0;
    private const int ErrorInvalidValue = 1;
    private const int ErrorFileNotFound = 301;
    private const int ErrorNotFound = 500;
    private const int ErrorHostMemoryNotRegistered = 713;
    private const int ErrorUnknown = 999;
    private const int MemoryTypeHost = 1;
    private const int MemoryTypeDevice = 2;
    private const int MemoryTypeUnified = 4;
    private const ulong ProcAddressPerThreadDefaultStream = 2;
    private const int LaunchAttributeCooperative = 2;

    /// <summary>Pinned host allocations made here (address, flags): the worker's pinned pages cannot be shared.</summary>
    private static readonly ConcurrentDictionary<nint, uint> s_hostAllocations = new();

    /// <summary>Host ranges registered with cuMemHostRegister (a no-op: transfers copy through the channel anyway).</summary>
    private static readonly ConcurrentDictionary<nint, uint> s_registered = new();

    /// <summary>Offsets and sizes of each function's parameters, asked of the worker once per function.</summary>
    private static readonly ConcurrentDictionary<nint, (long[] Offsets, long[] Sizes, long Total)> s_parameters = new();

    // ---- Errors (answered here: the strings must live in this process) ------------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "cuGetErrorName")]
    private static int Export_cuGetErrorName(int error, byte** pStr) => ErrorText(error, pStr, name: true);

    [UnmanagedCallersOnly(EntryPoint = "cuGetErrorString")]
    private static int Export_cuGetErrorString(int error, byte** pStr) => ErrorText(error, pStr, name: false);

    private static int ErrorText(int error, byte** pStr, bool name)
    {
        if (pStr == null)
        {
            return ErrorInvalidValue;
        }

        var text = CudaErrors.Find(error, name);
        *pStr = text;
        return text == null ? ErrorInvalidValue : Success;
    }

    // ---- Entry points ------------------------------------------------------------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "cuGetProcAddress")]
    private static int Export_cuGetProcAddress(byte* symbol, void** pfn, int cudaVersion, ulong flags) => ProcAddress(symbol, pfn, cudaVersion, flags, null);

    [UnmanagedCallersOnly(EntryPoint = "cuGetProcAddress_v2")]
    public static partial int cuGetProcAddress_v2(sbyte* symbol, nint* pfn, int cudaVersion, ulong flags, int* symbolStatus) => ProcAddress((byte*)symbol, (void**)pfn, cudaVersion, flags, symbolStatus);

    /// <summary>
    /// Our own entry point for a base name as cuda.h of <paramref name="cudaVersion"/> maps it (cuMemAlloc is
    /// cuMemAlloc_v2, cuCtxCreate is _v4 from 13.0 and _v2 before), with the per-thread default stream variant when
    /// <paramref name="flags"/> asks; unknown names give *pfn = NULL, as the real driver answers.
    /// </summary>
    private static int ProcAddress(byte* symbol, void** pfn, int cudaVersion, ulong flags, int* symbolStatus)
    {
        if (symbolStatus != null)
        {
            *symbolStatus = 1;
        }

        if (symbol == null || pfn == null)
        {
            return ErrorInvalidValue;
        }

        *pfn = null;
        var name = Marshal.PtrToStringUTF8((nint)symbol) ?? "";
        var perThread = (flags & ProcAddressPerThreadDefaultStream) != 0;
        foreach (var candidate in ProcCandidates(name, cudaVersion))
        {
            var address = perThread ? Export(candidate + "_ptsz") : 0;
            address = address != 0 || !perThread ? address : Export(candidate + "_ptds");
            *pfn = (void*)(address != 0 ? address : Export(candidate));

            if (*pfn != null)
            {
                if (symbolStatus != null)
                {
                    *symbolStatus = 0;
                }

                return Success;
            }
        }

        if (GuestLog.Enabled && s_procMisses.TryAdd(name, 0))
        {
            GuestLog.Write($"cuGetProcAddress {name} (version {cudaVersion}, flags {flags}): not here");
        }

        // cuGetProcAddress_v2 reports an unknown name through symbolStatus and succeeds, as the driver does;
        // the form without symbolStatus reports CUDA_ERROR_NOT_FOUND.
        return symbolStatus != null ? Success : ErrorNotFound;
    }

    /// <summary>Names cuGetProcAddress found no entry point for, logged once each (every CUDA runtime asks for all it knows).</summary>
    private static readonly ConcurrentDictionary<string, byte> s_procMisses = new(StringComparer.Ordinal);

    private static IEnumerable<string> ProcCandidates(string name, int version)
    {
        if (name.StartsWith("ava", StringComparison.Ordinal))
        {
            yield break;
        }

        switch (name)
        {
            case "cuCtxCreate":
                yield return version >= 13000 ? "cuCtxCreate_v4" : "cuCtxCreate_v2";
                yield break;
            case "cuGetProcAddress":
                yield return version >= 12000 ? "cuGetProcAddress_v2" : "cuGetProcAddress";
                yield break;
            case "cuEventElapsedTime":
                yield return version >= 12080 ? "cuEventElapsedTime_v2" : "cuEventElapsedTime";
                yield break;
            case "cuDeviceGetUuid":
                yield return version >= 11040 ? "cuDeviceGetUuid_v2" : "cuDeviceGetUuid";
                yield break;
            case "cuDevicePrimaryCtxRelease" or "cuDevicePrimaryCtxReset" or "cuDevicePrimaryCtxSetFlags":
                yield return version >= 11000 ? name + "_v2" : name;
                yield break;
            case "cuCtxGetDevice" or "cuCtxSynchronize":
                // The _v2 forms take the context as a second argument: a caller of the old form never passes one.
                yield return version >= 13000 ? name + "_v2" : name;
                yield break;
            case "cuStreamWaitValue32" or "cuStreamWriteValue32" or "cuStreamBatchMemOp":
                yield return version >= 11070 ? name + "_v2" : name;
                yield break;
            case "cuStreamGetCaptureInfo":
                yield return version >= 12030 ? name + "_v3" : version >= 11030 ? name + "_v2" : name;
                yield break;
        }

        // Every other versioned name of cuda.h 12/13 has one current form, its highest suffix.
        yield return name + "_v2";
        yield return name;
    }

    private static nint Export(string name) => Ava.Guest.Interop.SelfLocator.OwnExport(name);

    // ---- Cluster occupancy: the configuration's attributes travel beside it ----------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "cuOccupancyMaxActiveClusters")]
    public static partial int cuOccupancyMaxActiveClusters(int* numClusters, CUfunction func, CUlaunchConfig* config) =>
        config == null || (config->numAttrs > 0 && config->attrs == 0) ? ErrorInvalidValue
        : Call_avaOccupancyMaxActiveClusters(numClusters, func, config, (CUlaunchAttribute*)config->attrs, config->numAttrs);

    [UnmanagedCallersOnly(EntryPoint = "cuOccupancyMaxPotentialClusterSize")]
    public static partial int cuOccupancyMaxPotentialClusterSize(int* clusterSize, CUfunction func, CUlaunchConfig* config) =>
        config == null || (config->numAttrs > 0 && config->attrs == 0) ? ErrorInvalidValue
        : Call_avaOccupancyMaxPotentialClusterSize(clusterSize, func, config, (CUlaunchAttribute*)config->attrs, config->numAttrs);

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaOccupancyMaxActiveClusters(int* numClusters, CUfunction func, CUlaunchConfig* config, CUlaunchAttribute* attrs, uint numAttrs) => ErrorNotSupported;

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaOccupancyMaxPotentialClusterSize(int* clusterSize, CUfunction func, CUlaunchConfig* config, CUlaunchAttribute* attrs, uint numAttrs) => ErrorNotSupported;

    // ---- Modules and libraries: the image's size comes from its own header ------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "cuModuleLoadData")]
    public static partial int cuModuleLoadData(CUmodule* module, void* image) => LoadModule(module, image);

    [UnmanagedCallersOnly(EntryPoint = "cuModuleLoadDataEx")]
    public static partial int cuModuleLoadDataEx(CUmodule* module, void* image, uint numOptions, int* options, nint* optionValues) => LoadModule(module, image);

    [UnmanagedCallersOnly(EntryPoint = "cuModuleLoadFatBinary")]
    public static partial int cuModuleLoadFatBinary(CUmodule* module, void* fatCubin) => LoadModule(module, fatCubin);

    [UnmanagedCallersOnly(EntryPoint = "cuModuleLoad")]
    public static partial int cuModuleLoad(CUmodule* module, sbyte* fname)
    {
        var bytes = ReadFile(fname);
        if (bytes is null)
        {
            return ErrorFileNotFound;
        }

        fixed (byte* image = bytes)
        {
            return Call_avaModuleLoadImage(module, image, (nuint)bytes.Length);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "cuLibraryLoadData")]
    public static partial int cuLibraryLoadData(CUlibrary* library, void* code, int* jitOptions, nint* jitOptionsValues, uint numJitOptions, int* libraryOptions, nint* libraryOptionValues, uint numLibraryOptions)
    {
        // The CUDA runtime passes the wrapper nvcc emits (__fatBinC_Wrapper_t); the fatbin it points at is what travels.
        var size = CudaImage.Size((byte*)code);
        return size == 0 ? CudaErrorInvalidImage : Call_avaLibraryLoadImage(library, CudaImage.Start((byte*)code), size);
    }

    [UnmanagedCallersOnly(EntryPoint = "cuLibraryLoadFromFile")]
    public static partial int cuLibraryLoadFromFile(CUlibrary* library, sbyte* fileName, int* jitOptions, nint* jitOptionsValues, uint numJitOptions, int* libraryOptions, nint* libraryOptionValues, uint numLibraryOptions)
    {
        var bytes = ReadFile(fileName);
        if (bytes is null)
        {
            return ErrorFileNotFound;
        }

        fixed (byte* image = bytes)
        {
            return Call_avaLibraryLoadImage(library, image, (nuint)bytes.Length);
        }
    }

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaModuleLoadImage(CUmodule* module, void* image, nuint size) => ErrorNotSupported;

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaLibraryLoadImage(CUlibrary* library, void* image, nuint size) => ErrorNotSupported;

    private static int LoadModule(CUmodule* module, void* image)
    {
        var size = CudaImage.Size((byte*)image);
        return size == 0 ? CudaErrorInvalidImage : Call_avaModuleLoadImage(module, CudaImage.Start((byte*)image), size);
    }

    private static byte[]? ReadFile(sbyte* path)
    {
        if (path == null)
        {
            return null;
        }

        try
        {
            var bytes = File.ReadAllBytes(new string(path));
            if (bytes.Length > 0 && !CudaImage.IsBinary(bytes))
            {
                // PTX text: the real library takes it NUL-terminated.
                Array.Resize(ref bytes, bytes.Length + 1);
            }

            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // ---- Page-locked host memory: shared with the worker where it runs on this host ------------------------------

    [UnmanagedCallersOnly(EntryPoint = "cuMemAllocHost_v2")]
    public static partial int cuMemAllocHost_v2(nint* pp, nuint bytesize) => HostAlloc(pp, bytesize, 0);

    [UnmanagedCallersOnly(EntryPoint = "cuMemHostAlloc")]
    public static partial int cuMemHostAlloc(nint* pp, nuint bytesize, uint Flags) => HostAlloc(pp, bytesize, Flags);

    /// <summary>Host allocations the worker maps at the same address and registered with the driver, by address.</summary>
    private static readonly ConcurrentDictionary<nint, (Ava.Transport.Native.SharedSegment Memory, AvaSharedHost Share)> s_sharedHost = new();

    /// <summary>
    /// Page-locked host memory as the application expects it: kernels may read and write it through the address
    /// cuMemHostGetDevicePointer gives (the same one, under unified addressing). It is a sealed memfd that the worker
    /// maps at the same address and registers; where the worker cannot (another host, the address taken there) the
    /// memory stays the guest's own, copies still work, and only device access to it is refused.
    /// </summary>
    private static int HostAlloc(nint* pp, nuint bytesize, uint flags)
    {
        if (pp == null || bytesize == 0)
        {
            return ErrorInvalidValue;
        }

        var page = (nuint)Environment.SystemPageSize;
        var rounded = (bytesize + page - 1) & ~(page - 1);

        // The worker maps the segment at the guest's address, which may be taken there (its own heap, libraries,
        // another allocation): then a few more tries at random addresses of the upper address space, where the two
        // processes' layouts rarely overlap, before settling for memory only the guest can reach.
        for (var attempt = 0; attempt < 4; attempt++)
        {
            Ava.Transport.Native.SharedSegment? memory;
            try
            {
                var hint = attempt == 0 ? 0 : (nint)((0x100000000000UL + (ulong)Random.Shared.NextInt64(0x300000000000L)) & ~(ulong)(page - 1));
                memory = Ava.Transport.Native.SharedSegment.Create("ava-host", (long)rounded, hint);
            }
            catch (Ava.Transport.Native.NativeException)
            {
                // No memfd here (a sandbox): private memory below.
                break;
            }

            AvaSharedHost share;
            var status = Call_avaHostShare(&share, memory.Fd, (nint)memory.Base, rounded, flags);
            if (status == Success)
            {
                s_sharedHost[(nint)memory.Base] = (memory, share);
                s_hostAllocations[(nint)memory.Base] = flags;
                *pp = (nint)memory.Base;
                return Success;
            }

            memory.Dispose();
            if (status != ErrorNotSupported)
            {
                // Not a matter of the address (another host, no shared-memory channel, the driver's refusal).
                break;
            }
        }

        var own = (nint)NativeMemory.AlignedAlloc(bytesize, 4096);
        if (own == 0)
        {
            return ErrorOutOfMemory;
        }

        s_hostAllocations[own] = flags;
        *pp = own;
        return Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuMemFreeHost")]
    public static partial int cuMemFreeHost(nint p)
    {
        if (!s_hostAllocations.TryRemove(p, out _))
        {
            return ErrorInvalidValue;
        }

        if (s_sharedHost.TryRemove(p, out var shared))
        {
            // The worker lets go of its mapping first: the device must not reach pages the guest no longer holds.
            var status = Call_avaHostUnshare(shared.Share);
            shared.Memory.Dispose();
            return status;
        }

        NativeMemory.AlignedFree((void*)p);
        return Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuMemHostGetDevicePointer_v2")]
    public static partial int cuMemHostGetDevicePointer_v2(CUdeviceptr* pdptr, nint p, uint Flags)
    {
        if (pdptr == null || Flags != 0)
        {
            return ErrorInvalidValue;
        }

        foreach (var (start, shared) in s_sharedHost)
        {
            if (p >= start && (nuint)(p - start) < (nuint)shared.Memory.Size)
            {
                pdptr->Value = p;
                return Success;
            }
        }

        // Memory the worker does not map (registered application memory, a host that is not the worker's).
        return s_hostAllocations.ContainsKey(p) || s_registered.ContainsKey(p) ? ErrorNotSupported : ErrorInvalidValue;
    }

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaHostShare(AvaSharedHost* share, int fd, nint address, nuint size, uint flags) => ErrorNotSupported;

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaHostUnshare(AvaSharedHost share) => ErrorNotSupported;

    [UnmanagedCallersOnly(EntryPoint = "cuMemHostRegister_v2")]
    public static partial int cuMemHostRegister_v2(nint p, nuint bytesize, uint Flags) => RegisterHost(p, bytesize, Flags);

    private static int RegisterHost(nint p, nuint bytesize, uint Flags)
    {
        if (p == 0 || bytesize == 0)
        {
            return ErrorInvalidValue;
        }

        s_registered[p] = Flags;
        return Success;
    }

    [UnmanagedCallersOnly(EntryPoint = "cuMemHostUnregister")]
    public static partial int cuMemHostUnregister(nint p) => s_registered.TryRemove(p, out _) ? Success : ErrorHostMemoryNotRegistered;

    [UnmanagedCallersOnly(EntryPoint = "cuMemHostGetFlags")]
    public static partial int cuMemHostGetFlags(uint* pFlags, nint p)
    {
        if (pFlags == null || !s_hostAllocations.TryGetValue(p, out var flags))
        {
            return ErrorInvalidValue;
        }

        *pFlags = flags;
        return Success;
    }

    // ---- Unified copies: each address is host or device memory, as DeviceRanges tells -------------------------

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpy")]
    public static partial int cuMemcpy(CUdeviceptr dst, CUdeviceptr src, nuint ByteCount) => CopyUnified(dst, src, ByteCount, default, Variant.Plain);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpy_ptds")]
    public static partial int cuMemcpy_ptds(CUdeviceptr dst, CUdeviceptr src, nuint ByteCount) => CopyUnified(dst, src, ByteCount, default, Variant.PerThread);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyAsync")]
    public static partial int cuMemcpyAsync(CUdeviceptr dst, CUdeviceptr src, nuint ByteCount, CUstream hStream) => CopyUnified(dst, src, ByteCount, hStream, Variant.Async);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpyAsync_ptsz")]
    public static partial int cuMemcpyAsync_ptsz(CUdeviceptr dst, CUdeviceptr src, nuint ByteCount, CUstream hStream) => CopyUnified(dst, src, ByteCount, hStream, Variant.AsyncPerThread);

    private static int CopyUnified(CUdeviceptr dst, CUdeviceptr src, nuint bytes, CUstream stream, Variant variant)
    {
        nint srcHost = 0;
        nint dstHost = 0;
        var srcType = Unified(MemoryTypeUnified, (ulong)src.Value, ref srcHost);
        var dstType = Unified(MemoryTypeUnified, (ulong)dst.Value, ref dstHost);
        if (srcType == MemoryTypeDevice && dstType == MemoryTypeDevice)
        {
            return variant switch
            {
                Variant.Plain => Call_cuMemcpy(dst, src, bytes),
                Variant.PerThread => Call_cuMemcpy_ptds(dst, src, bytes),
                Variant.Async => Call_cuMemcpyAsync(dst, src, bytes, stream),
                _ => Call_cuMemcpyAsync_ptsz(dst, src, bytes, stream),
            };
        }

        if (srcType == MemoryTypeHost && dstType == MemoryTypeHost && variant is Variant.Async or Variant.AsyncPerThread)
        {
            // Stream order: work queued before this copy (a device-to-host copy into its source) completes first.
            var status = variant == Variant.Async ? Call_cuStreamSynchronize(stream) : Call_cuStreamSynchronize_ptsz(stream);
            if (status != Success)
            {
                return status;
            }
        }

        return CopyRows(srcType, dstType, srcHost, (ulong)src.Value, bytes, dstHost, (ulong)dst.Value, bytes, bytes, 1, stream, variant);
    }

    /// <summary>
    /// The memory type a copy side really has: a CU_MEMORYTYPE_UNIFIED address is the application's host memory
    /// (then <paramref name="host"/> becomes that address) or device memory in the worker.
    /// </summary>
    private static int Unified(int memoryType, ulong address, ref nint host)
    {
        if (memoryType != MemoryTypeUnified)
        {
            return memoryType;
        }

        if (!Ava.Guest.DeviceRanges.IsHost(address))
        {
            return MemoryTypeDevice;
        }

        host = (nint)address;
        return MemoryTypeHost;
    }

    // ---- 2D and 3D copies: host sides become row copies -------------------------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpy2D_v2")]
    public static partial int cuMemcpy2D_v2(CUDA_MEMCPY2D* pCopy) => Copy2D(pCopy, default, Variant.Plain, &Call_cuMemcpy2D_v2);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpy2D_v2_ptds")]
    public static partial int cuMemcpy2D_v2_ptds(CUDA_MEMCPY2D* pCopy) => Copy2D(pCopy, default, Variant.PerThread, &Call_cuMemcpy2D_v2_ptds);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpy2DUnaligned_v2")]
    public static partial int cuMemcpy2DUnaligned_v2(CUDA_MEMCPY2D* pCopy) => Copy2D(pCopy, default, Variant.Plain, &Call_cuMemcpy2DUnaligned_v2);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpy2DUnaligned_v2_ptds")]
    public static partial int cuMemcpy2DUnaligned_v2_ptds(CUDA_MEMCPY2D* pCopy) => Copy2D(pCopy, default, Variant.PerThread, &Call_cuMemcpy2DUnaligned_v2_ptds);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpy2DAsync_v2")]
    public static partial int cuMemcpy2DAsync_v2(CUDA_MEMCPY2D* pCopy, CUstream hStream) => Copy2D(pCopy, hStream, Variant.Async, null);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpy2DAsync_v2_ptsz")]
    public static partial int cuMemcpy2DAsync_v2_ptsz(CUDA_MEMCPY2D* pCopy, CUstream hStream) => Copy2D(pCopy, hStream, Variant.AsyncPerThread, null);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpy3D_v2")]
    public static partial int cuMemcpy3D_v2(CUDA_MEMCPY3D* pCopy) => Copy3D(pCopy, default, Variant.Plain);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpy3D_v2_ptds")]
    public static partial int cuMemcpy3D_v2_ptds(CUDA_MEMCPY3D* pCopy) => Copy3D(pCopy, default, Variant.PerThread);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpy3DAsync_v2")]
    public static partial int cuMemcpy3DAsync_v2(CUDA_MEMCPY3D* pCopy, CUstream hStream) => Copy3D(pCopy, hStream, Variant.Async);

    [UnmanagedCallersOnly(EntryPoint = "cuMemcpy3DAsync_v2_ptsz")]
    public static partial int cuMemcpy3DAsync_v2_ptsz(CUDA_MEMCPY3D* pCopy, CUstream hStream) => Copy3D(pCopy, hStream, Variant.AsyncPerThread);

    private enum Variant
    {
        Plain,
        PerThread,
        Async,
        AsyncPerThread,
    }

    private static int Copy2D(CUDA_MEMCPY2D* pCopy, CUstream stream, Variant variant, delegate*<CUDA_MEMCPY2D*, int> deviceOnly)
    {
        if (pCopy == null)
        {
            return ErrorInvalidValue;
        }

        var c = *pCopy;
        var srcType = Unified(c.srcMemoryType, c.srcDevice, ref c.srcHost);
        var dstType = Unified(c.dstMemoryType, c.dstDevice, ref c.dstHost);
        if (srcType == MemoryTypeDevice && dstType == MemoryTypeDevice)
        {
            c.srcMemoryType = c.dstMemoryType = MemoryTypeDevice;
            return variant switch
            {
                Variant.Async => Call_cuMemcpy2DAsync_v2(&c, stream),
                Variant.AsyncPerThread => Call_cuMemcpy2DAsync_v2_ptsz(&c, stream),
                _ => deviceOnly(&c),
            };
        }

        return CopyRows(srcType, dstType, (nint)c.srcHost + (nint)c.srcXInBytes + ((nint)c.srcY * (nint)c.srcPitch), c.srcDevice + c.srcXInBytes + (c.srcY * c.srcPitch), c.srcPitch,
            (nint)c.dstHost + (nint)c.dstXInBytes + ((nint)c.dstY * (nint)c.dstPitch), c.dstDevice + c.dstXInBytes + (c.dstY * c.dstPitch), c.dstPitch, c.WidthInBytes, c.Height, stream, variant);
    }

    private static int Copy3D(CUDA_MEMCPY3D* pCopy, CUstream stream, Variant variant)
    {
        if (pCopy == null)
        {
            return ErrorInvalidValue;
        }

        var c = *pCopy;
        var srcType = Unified(c.srcMemoryType, c.srcDevice, ref c.srcHost);
        var dstType = Unified(c.dstMemoryType, c.dstDevice, ref c.dstHost);
        if (srcType == MemoryTypeDevice && dstType == MemoryTypeDevice)
        {
            c.srcMemoryType = c.dstMemoryType = MemoryTypeDevice;
            return variant switch
            {
                Variant.Plain => Call_cuMemcpy3D_v2(&c),
                Variant.PerThread => Call_cuMemcpy3D_v2_ptds(&c),
                Variant.Async => Call_cuMemcpy3DAsync_v2(&c, stream),
                _ => Call_cuMemcpy3DAsync_v2_ptsz(&c, stream),
            };
        }

        for (nuint z = 0; z < c.Depth; z++)
        {
            var srcSlice = ((c.srcZ + z) * c.srcHeight) + c.srcY;
            var dstSlice = ((c.dstZ + z) * c.dstHeight) + c.dstY;
            var status = CopyRows(srcType, dstType, (nint)c.srcHost + (nint)c.srcXInBytes + ((nint)srcSlice * (nint)c.srcPitch), c.srcDevice + c.srcXInBytes + (srcSlice * c.srcPitch), c.srcPitch,
                (nint)c.dstHost + (nint)c.dstXInBytes + ((nint)dstSlice * (nint)c.dstPitch), c.dstDevice + c.dstXInBytes + (dstSlice * c.dstPitch), c.dstPitch, c.WidthInBytes, c.Height, stream, variant);
            if (status != Success)
            {
                return status;
            }
        }

        return Success;
    }

    /// <summary>Copies <paramref name="rows"/> rows where at least one side is host memory (arrays are not supported).</summary>
    private static int CopyRows(int srcType, int dstType, nint srcHost, ulong srcDevice, nuint srcPitch, nint dstHost, ulong dstDevice, nuint dstPitch, nuint width, nuint rows, CUstream stream, Variant variant)
    {
        if (srcType is not (MemoryTypeHost or MemoryTypeDevice) || dstType is not (MemoryTypeHost or MemoryTypeDevice))
        {
            return ErrorNotSupported;
        }

        // Contiguous rows travel as one copy.
        var contiguous = srcPitch == width && dstPitch == width;
        var count = contiguous ? 1 : rows;
        var bytes = contiguous ? width * rows : width;
        for (nuint y = 0; y < count; y++)
        {
            var s = srcHost + (nint)(y * srcPitch);
            var d = dstHost + (nint)(y * dstPitch);
            var sd = new CUdeviceptr { Value = (nint)(srcDevice + (y * srcPitch)) };
            var dd = new CUdeviceptr { Value = (nint)(dstDevice + (y * dstPitch)) };
            int status;
            if (srcType == MemoryTypeHost && dstType == MemoryTypeHost)
            {
                Buffer.MemoryCopy((void*)s, (void*)d, bytes, bytes);
                status = Success;
            }
            else if (srcType == MemoryTypeHost)
            {
                status = variant switch
                {
                    Variant.Plain => Call_cuMemcpyHtoD_v2(dd, (void*)s, bytes),
                    Variant.PerThread => Call_cuMemcpyHtoD_v2_ptds(dd, (void*)s, bytes),
                    Variant.Async => Call_cuMemcpyHtoDAsync_v2(dd, (void*)s, bytes, stream),
                    _ => Call_cuMemcpyHtoDAsync_v2_ptsz(dd, (void*)s, bytes, stream),
                };
            }
            else
            {
                status = variant switch
                {
                    Variant.Plain => Call_cuMemcpyDtoH_v2((void*)d, sd, bytes),
                    Variant.PerThread => Call_cuMemcpyDtoH_v2_ptds((void*)d, sd, bytes),
                    Variant.Async => Call_cuMemcpyDtoHAsync_v2((void*)d, sd, bytes, stream),
                    _ => Call_cuMemcpyDtoHAsync_v2_ptsz((void*)d, sd, bytes, stream),
                };
            }

            if (status != Success)
            {
                return status;
            }
        }

        return Success;
    }

    // ---- Kernel launches --------------------------------------------------------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "cuLaunchKernel")]
    public static partial int cuLaunchKernel(CUfunction f, uint gridDimX, uint gridDimY, uint gridDimZ, uint blockDimX, uint blockDimY, uint blockDimZ, uint sharedMemBytes, CUstream hStream, void* kernelParams, nint extra) =>
        Launch(f, gridDimX, gridDimY, gridDimZ, blockDimX, blockDimY, blockDimZ, sharedMemBytes, hStream, (void**)kernelParams, (void**)extra, perThread: false);

    [UnmanagedCallersOnly(EntryPoint = "cuLaunchKernel_ptsz")]
    public static partial int cuLaunchKernel_ptsz(CUfunction f, uint gridDimX, uint gridDimY, uint gridDimZ, uint blockDimX, uint blockDimY, uint blockDimZ, uint sharedMemBytes, CUstream hStream, void* kernelParams, nint extra) =>
        Launch(f, gridDimX, gridDimY, gridDimZ, blockDimX, blockDimY, blockDimZ, sharedMemBytes, hStream, (void**)kernelParams, (void**)extra, perThread: true);

    [UnmanagedCallersOnly(EntryPoint = "cuLaunchKernelEx")]
    public static partial int cuLaunchKernelEx(CUlaunchConfig* config, CUfunction f, void* kernelParams, nint extra) => LaunchEx(config, f, (void**)kernelParams, (void**)extra, perThread: false);

    [UnmanagedCallersOnly(EntryPoint = "cuLaunchKernelEx_ptsz")]
    public static partial int cuLaunchKernelEx_ptsz(CUlaunchConfig* config, CUfunction f, void* kernelParams, nint extra) => LaunchEx(config, f, (void**)kernelParams, (void**)extra, perThread: true);

    [UnmanagedCallersOnly(EntryPoint = "cuLaunchCooperativeKernel")]
    private static int Export_cuLaunchCooperativeKernel(CUfunction f, uint gridDimX, uint gridDimY, uint gridDimZ, uint blockDimX, uint blockDimY, uint blockDimZ, uint sharedMemBytes, CUstream hStream, void** kernelParams) =>
        LaunchCooperative(f, gridDimX, gridDimY, gridDimZ, blockDimX, blockDimY, blockDimZ, sharedMemBytes, hStream, kernelParams, perThread: false);

    [UnmanagedCallersOnly(EntryPoint = "cuLaunchCooperativeKernel_ptsz")]
    private static int Export_cuLaunchCooperativeKernel_ptsz(CUfunction f, uint gridDimX, uint gridDimY, uint gridDimZ, uint blockDimX, uint blockDimY, uint blockDimZ, uint sharedMemBytes, CUstream hStream, void** kernelParams) =>
        LaunchCooperative(f, gridDimX, gridDimY, gridDimZ, blockDimX, blockDimY, blockDimZ, sharedMemBytes, hStream, kernelParams, perThread: true);

    /// <summary>cuLaunchCooperativeKernel is cuLaunchKernelEx with CU_LAUNCH_ATTRIBUTE_COOPERATIVE set, as cuda.h documents.</summary>
    private static int LaunchCooperative(CUfunction f, uint gx, uint gy, uint gz, uint bx, uint by, uint bz, uint shared, CUstream stream, void** kernelParams, bool perThread)
    {
        CUlaunchAttribute cooperative = default;
        cooperative.id = LaunchAttributeCooperative;
        *(int*)cooperative.value = 1;
        var config = new CUlaunchConfig
        {
            gridDimX = gx, gridDimY = gy, gridDimZ = gz, blockDimX = bx, blockDimY = by, blockDimZ = bz,
            sharedMemBytes = shared, hStream = stream.Value, attrs = (nint)(&cooperative), numAttrs = 1,
        };
        return LaunchEx(&config, f, kernelParams, null, perThread);
    }

    private static int Launch(CUfunction f, uint gx, uint gy, uint gz, uint bx, uint by, uint bz, uint shared, CUstream stream, void** kernelParams, void** extra, bool perThread)
    {
        var status = Pack(ref f, kernelParams, extra, 0, null, out var blob, out var wire);
        if (status != Success)
        {
            return status;
        }

        var shape = new LaunchShape(f.Value, stream.Value, gx, gy, gz, bx, by, bz, shared, 0);
        var attributes = AcceptedBefore(shape, out var known);
        try
        {
            status = perThread
                ? Call_cuLaunchKernel_ptsz(f, gx, gy, gz, bx, by, bz, shared, stream, blob, wire)
                : Call_cuLaunchKernel(f, gx, gy, gz, bx, by, bz, shared, stream, blob, wire);
        }
        finally
        {
            LaunchAcceptedBefore(false);
            NativeMemory.Free(blob);
        }

        if (!known)
        {
            Accepted(shape, attributes, status);
        }

        return status;
    }

    private static int LaunchEx(CUlaunchConfig* config, CUfunction f, void** kernelParams, void** extra, bool perThread)
    {
        if (config == null || (config->numAttrs > 0 && config->attrs == 0))
        {
            return ErrorInvalidValue;
        }

        var copy = *config;
        copy.attrs = 0;
        var attributeBytes = copy.numAttrs * (long)sizeof(CUlaunchAttribute);
        var status = Pack(ref f, kernelParams, extra, attributeBytes, (void*)config->attrs, out var blob, out var wire);
        if (status != Success)
        {
            return status;
        }

        var shape = new LaunchShape(f.Value, copy.hStream, copy.gridDimX, copy.gridDimY, copy.gridDimZ, copy.blockDimX, copy.blockDimY, copy.blockDimZ,
            copy.sharedMemBytes, AttributesDigest(copy.numAttrs, new ReadOnlySpan<byte>((void*)config->attrs, (int)attributeBytes)));
        var attributes = AcceptedBefore(shape, out var known);
        try
        {
            status = perThread ? Call_cuLaunchKernelEx_ptsz(&copy, f, blob, wire) : Call_cuLaunchKernelEx(&copy, f, blob, wire);
        }
        finally
        {
            LaunchAcceptedBefore(false);
            NativeMemory.Free(blob);
        }

        if (!known)
        {
            Accepted(shape, attributes, status);
        }

        return status;
    }

    // ---- Launch shapes the driver accepted ----------------------------------------------------------------------

    /// <summary>
    /// What the driver may refuse at a launch's call is fixed by its shape: the function, its stream, grid and block,
    /// dynamic shared memory and launch attributes, against the function's attributes (registers, the shared memory it
    /// opted in to) and the device (a cluster or cooperative grid it cannot hold). A shape the driver accepted once is
    /// accepted again while no function attribute has been set since (the "attributes" guest state), so such a launch
    /// travels async like one that fits every device ([Async] of cuLaunchKernel and cuLaunchKernelEx): PyTorch's cuBLAS
    /// and attention kernels launch with attributes or more than 48 KiB of shared memory on every step. Bounded: a
    /// program that launches ever new shapes only waits for their status, as before.
    /// </summary>
    private readonly record struct LaunchShape(nint Function, nint Stream, uint Gx, uint Gy, uint Gz, uint Bx, uint By, uint Bz, uint Shared, ulong Attributes);

    private const int AcceptedLaunchesLimit = 4096;

    private static readonly ConcurrentDictionary<LaunchShape, ulong> s_acceptedLaunches = new();

    // Found at the first launch: the partial class's static fields initialize in an order across files that puts
    // the generated Descriptor after this one.
    private static int s_attributesState = -1;

    private static int IndexOfState(string name)
    {
        for (var slot = 0; slot < Descriptor.GuestStates.Count; slot++)
        {
            if (Descriptor.GuestStates[slot] == name)
            {
                return slot;
            }
        }

        throw new InvalidOperationException($"the spec declares no guest state {name}");
    }

    /// <summary>Notes for the [Async] condition whether the shape was accepted before; the attributes' state it is checked under.</summary>
    private static ulong AcceptedBefore(in LaunchShape shape, out bool known)
    {
        if (s_attributesState < 0)
        {
            s_attributesState = IndexOfState("attributes");
        }

        var attributes = GuestStates.Current(s_attributesState, perThread: false);
        known = s_acceptedLaunches.TryGetValue(shape, out var under) && under == attributes;
        LaunchAcceptedBefore(known);
        return attributes;
    }

    private static void Accepted(in LaunchShape shape, ulong attributes, int status)
    {
        if (status != Success)
        {
            return;
        }

        if (s_acceptedLaunches.Count >= AcceptedLaunchesLimit)
        {
            s_acceptedLaunches.Clear();
        }

        s_acceptedLaunches[shape] = attributes;
    }

    /// <summary>FNV-1a over the launch attributes as the caller passed them, with their count.</summary>
    private static ulong AttributesDigest(uint count, ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL ^ count;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>
    /// Packs a launch's parameters into one blob (after <paramref name="prefixBytes"/> of <paramref name="prefix"/>):
    /// each parameter at the offset and with the size the worker reports for the function, or the caller's
    /// CU_LAUNCH_PARAM_BUFFER_POINTER buffer as it is. A CUkernel (usable where a CUfunction is) becomes the
    /// current context's function first.
    /// </summary>
    private static int Pack(ref CUfunction f, void** kernelParams, void** extra, long prefixBytes, void* prefix, out void* blob, out nint wire)
    {
        blob = null;
        wire = 0;
        if (((ulong)f.Value >> 56) == HandleTypeIds.CUkernel)
        {
            CUfunction function;
            var status = Call_cuKernelGetFunction(&function, new CUkernel { Value = f.Value });
            if (status != Success)
            {
                return status;
            }

            f = function;
        }

        void* source = null;
        long bytes;
        long[]? offsets = null;
        long[]? sizes = null;
        if (kernelParams == null && extra != null)
        {
            nuint* size = null;
            for (var i = 0; extra[i] != null && i < 64; i += 2)
            {
                if ((nint)extra[i] == 1)
                {
                    source = extra[i + 1];
                }
                else if ((nint)extra[i] == 2)
                {
                    size = (nuint*)extra[i + 1];
                }
            }

            if (source == null || size == null)
            {
                return ErrorInvalidValue;
            }

            bytes = (long)*size;
            wire = unchecked((nint)ExtraBufferFlag);
        }
        else
        {
            var status = Parameters(f, out var layout);
            if (status != Success)
            {
                return status;
            }

            if (layout.Offsets.Length > 0 && kernelParams == null)
            {
                return ErrorInvalidValue;
            }

            (offsets, sizes, bytes) = layout;
        }

        var total = prefixBytes + bytes;
        if (total > uint.MaxValue)
        {
            return ErrorInvalidValue;
        }

        wire |= (nint)total;
        if (total == 0)
        {
            return Success;
        }

        var packed = (byte*)NativeMemory.AllocZeroed((nuint)total);
        Buffer.MemoryCopy(prefix, packed, prefixBytes, prefixBytes);
        if (offsets is null)
        {
            Buffer.MemoryCopy(source, packed + prefixBytes, bytes, bytes);
        }
        else
        {
            for (var i = 0; i < offsets.Length; i++)
            {
                Buffer.MemoryCopy(kernelParams[i], packed + prefixBytes + offsets[i], sizes![i], sizes[i]);
            }
        }

        blob = packed;
        return Success;
    }

    private static int Parameters(CUfunction f, out (long[] Offsets, long[] Sizes, long Total) layout)
    {
        if (s_parameters.TryGetValue(f.Value, out layout))
        {
            return Success;
        }

        var offsets = new List<long>();
        var sizes = new List<long>();
        long total = 0;
        for (nuint i = 0; i < 4096; i++)
        {
            nuint offset;
            nuint size;
            var status = Call_cuFuncGetParamInfo(f, i, &offset, &size);
            if (status != Success)
            {
                // Past the last parameter the real library answers CUDA_ERROR_INVALID_VALUE; a failure on the first
                // one that is not that (no such function, an old driver) fails the launch.
                if (i == 0 && status != ErrorInvalidValue)
                {
                    layout = default;
                    return status;
                }

                break;
            }

            offsets.Add((long)offset);
            sizes.Add((long)size);
            total = Math.Max(total, (long)(offset + size));
        }

        layout = ([.. offsets], [.. sizes], total);
        s_parameters[f.Value] = layout;
        return Success;
    }
}
