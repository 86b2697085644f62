// Worker-side hand-written parts of the CUDA driver backend: the wire-only functions the worker implements itself,
// refusals of calls whose C form cannot cross a process boundary, and hooks around generated dispatch (see
// [WorkerHook] in Cuda/Spec/Cuda.cs) that run on values already checked against the record.
using System.Collections.Concurrent;
using Ava.Transport.Wire;
using Ava.Worker;

namespace Ava.Cuda;

/// <summary>The worker's hand-written parts of the CUDA backend.</summary>
public static unsafe partial class Cuda
{
    private const int MemoryTypeDevice = 2;
    private const int LaunchAttributeProgrammaticEvent = 7;
    private const int LaunchAttributeLaunchCompletionEvent = 12;
    private const int MaxKernelParameters = 4096;

    /// <summary>Parameter offsets and sizes of each real function, asked of the real library once.</summary>
    private static readonly ConcurrentDictionary<nint, ParamLayout> s_layouts = new();

    static Cuda()
    {
        // Wire-only functions have no export in the real library: the worker carries them out itself.
        __real[FunctionIds.avaModuleLoadImage] = (nint)(delegate* unmanaged<CUmodule*, void*, nuint, int>)&ModuleLoadImage;
        __real[FunctionIds.avaLibraryLoadImage] = (nint)(delegate* unmanaged<CUlibrary*, void*, nuint, int>)&LibraryLoadImage;
        __real[FunctionIds.avaExportPrimaryContext] = (nint)(delegate* unmanaged<CUcontext*, int, int>)&ExportPrimaryContext;
        __real[FunctionIds.avaExportContextValue] = (nint)(delegate* unmanaged<CUcontext, int*, int>)&ExportContextValue;
        __real[FunctionIds.avaOccupancyMaxActiveClusters] = (nint)(delegate* unmanaged<int*, CUfunction, CUlaunchConfig*, CUlaunchAttribute*, uint, int>)&OccupancyMaxActiveClusters;
        __real[FunctionIds.avaOccupancyMaxPotentialClusterSize] = (nint)(delegate* unmanaged<int*, CUfunction, CUlaunchConfig*, CUlaunchAttribute*, uint, int>)&OccupancyMaxPotentialClusterSize;
        __real[FunctionIds.avaHostShare] = (nint)(delegate* unmanaged<AvaSharedHost*, int, nint, nuint, uint, int>)&HostShare;
        __real[FunctionIds.avaHostUnshare] = (nint)(delegate* unmanaged<AvaSharedHost, int>)&HostUnshare;
        RegisterWireForms();
    }

    // ---- Host memory shared with the guest (avaHostShare) ------------------------------------------------------

    private const uint HostRegisterDeviceMap = 0x02;

    /// <summary>The guest's shared host allocations mapped here, by address (the same in both processes).</summary>
    private static readonly ConcurrentDictionary<nint, Ava.Transport.Native.SharedSegment> s_sharedHost = new();

    /// <summary>What Before_avaHostShare mapped for the call this thread is about to make (null: nothing could be).</summary>
    [ThreadStatic]
    private static Ava.Transport.Native.SharedSegment? t_mapping;

    /// <summary>The call this thread is about to make came over no shared-memory channel: no address can help.</summary>
    [ThreadStatic]
    private static bool t_notShareable;

    /// <summary>CUDA_ERROR_NOT_PERMITTED: the guest's pages cannot be reached from here at all (another host, a socket).</summary>
    private const int ErrorNotPermittedWorker = 800;

    /// <summary>
    /// Maps the guest's memfd at the guest's address: only from the process at the other end of a shared-memory
    /// channel, as the kernel names it (the guest's descriptor number reaches nothing else), sealed against shrinking
    /// so the guest cannot turn a device access into SIGBUS here.
    /// </summary>
    private static void Before_avaHostShare(WorkerCall call, ref AvaSharedHost* share, ref int fd, ref nint address, ref nuint size, ref uint flags)
    {
        var pid = call.SharedMemory ? call.Tenant.PeerPid : 0;
        t_notShareable = pid <= 0;
        t_mapping = size == 0 || (ulong)size > long.MaxValue ? null : Ava.Transport.Native.SharedSegment.MapPeerAt(pid, fd, (long)size, address);
    }

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static int HostShare(AvaSharedHost* share, int fd, nint address, nuint size, uint flags)
    {
        var mapping = t_mapping;
        t_mapping = null;
        if (mapping is null || share == null)
        {
            mapping?.Dispose();

            // Not supported: the address is taken here, and the guest may try another; not permitted: none will do.
            return t_notShareable ? ErrorNotPermittedWorker : ErrorNotSupported;
        }

        var status = cuMemHostRegister_v2(address, size, HostRegisterPortable | HostRegisterDeviceMap);
        if (status != 0 || !s_sharedHost.TryAdd(address, mapping))
        {
            mapping.Dispose();
            return status != 0 ? status : ErrorInvalidValueWorker;
        }

        share->Value = address;
        return 0;
    }

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static int HostUnshare(AvaSharedHost share)
    {
        if (!s_sharedHost.TryRemove(share.Value, out var mapping))
        {
            return ErrorInvalidValueWorker;
        }

        var status = cuMemHostUnregister(share.Value);
        mapping.Dispose();
        return status;
    }

    // The cluster occupancy wire forms arrive with the attributes already linked into the configuration (Before hook).
    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static int OccupancyMaxActiveClusters(int* numClusters, CUfunction func, CUlaunchConfig* config, CUlaunchAttribute* attrs, uint numAttrs) =>
        cuOccupancyMaxActiveClusters(numClusters, func, config);

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static int OccupancyMaxPotentialClusterSize(int* clusterSize, CUfunction func, CUlaunchConfig* config, CUlaunchAttribute* attrs, uint numAttrs) =>
        cuOccupancyMaxPotentialClusterSize(clusterSize, func, config);

    /// <summary>Slot 4 of the real table cuBLASLt asks for: (CUcontext ctx, int *value).</summary>
    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static int ExportContextValue(CUcontext ctx, int* value)
    {
        var slot = RealExportSlot(CublasLtContextTableId, CublasLtContextValueSlot);
        return slot == 0 ? ErrorNotSupported : ((delegate* unmanaged<CUcontext, int*, int>)slot)(ctx, value);
    }

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static int ModuleLoadImage(CUmodule* module, void* image, nuint size) =>
        !ImageHoldsItself((byte*)image, size) ? CudaErrorInvalidImage : cuModuleLoadData(module, image);

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static int LibraryLoadImage(CUlibrary* library, void* image, nuint size) =>
        !ImageHoldsItself((byte*)image, size) ? CudaErrorInvalidImage : cuLibraryLoadData(library, image, null, null, 0, null, null, 0);

    private const uint FatbinMagic = 0xBA55ED50;
    private const uint FatbinWrapperMagic = 0x466243B1;
    private const uint ElfMagic = 0x464C457F;

    /// <summary>
    /// Whether an image received as <paramref name="size"/> bytes ends within them by its own headers. The real driver
    /// takes no size: it reads as far as a fat binary's or ELF file's header says, or to PTX's NUL, and a wrapper's
    /// data pointer would be followed into this process; a guest that claims less than its header would have the
    /// driver read past the record. The guest sends exactly the image's own size (CudaImage.Size).
    /// </summary>
    private static bool ImageHoldsItself(byte* image, nuint size)
    {
        if (image == null || size == 0)
        {
            return false;
        }

        switch (size < 4 ? 0 : *(uint*)image)
        {
            case FatbinWrapperMagic:
                return false;
            case FatbinMagic:
                // struct fatBinaryHeader { unsigned int magic; unsigned short version; unsigned short headerSize; unsigned long long fatSize; }
                return size >= 16 && *(ushort*)(image + 6) >= 16 && *(ushort*)(image + 6) <= size && *(ulong*)(image + 8) <= (ulong)size - *(ushort*)(image + 6);
            case ElfMagic:
                return size >= 64 && ElfHoldsItself(image, size);
            default:
                // PTX text: the driver reads to the first NUL, which must lie within the record.
                return new ReadOnlySpan<byte>(image, checked((int)Math.Min(size, int.MaxValue))).IndexOf((byte)0) >= 0;
        }
    }

    /// <summary>An ELF64 file's header tables and every section's contents lie within its first <paramref name="size"/> bytes.</summary>
    private static bool ElfHoldsItself(byte* elf, nuint size)
    {
        ulong limit = size;
        var phoff = *(ulong*)(elf + 0x20);
        var shoff = *(ulong*)(elf + 0x28);
        ulong phentsize = *(ushort*)(elf + 0x36), phnum = *(ushort*)(elf + 0x38);
        ulong shentsize = *(ushort*)(elf + 0x3A), shnum = *(ushort*)(elf + 0x3C);
        if (phoff > limit || phnum * phentsize > limit - phoff || shoff > limit || shnum * shentsize > limit - shoff || (shnum > 0 && shentsize < 0x28))
        {
            return false;
        }

        for (ulong i = 0; i < shnum; i++)
        {
            var section = elf + shoff + (i * shentsize);
            ulong offset = *(ulong*)(section + 0x18), length = *(ulong*)(section + 0x20);
            if (*(uint*)(section + 4) != 8 /* SHT_NOBITS: no contents */ && (offset > limit || length > limit - offset))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The real runtime interface table's primary-context slot: (CUcontext *pctx, CUdevice dev).</summary>
    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static int ExportPrimaryContext(CUcontext* pctx, int dev)
    {
        var slot = RealExportSlot(CudartInterfaceId, CudartPrimaryContextSlot);
        return slot == 0 ? ErrorNotSupported : ((delegate* unmanaged<CUcontext*, int, int>)slot)(pctx, dev);
    }

    /// <summary>Slot <paramref name="index"/> of the real driver's table <paramref name="id"/>, or 0 when the driver has no such table or the table, by its leading size word, is shorter.</summary>
    private static nint RealExportSlot(ReadOnlySpan<byte> id, int index)
    {
        if (__real[FunctionIds.cuGetExportTable] == 0)
        {
            return 0;
        }

        CUuuid uuid;
        id.CopyTo(new Span<byte>(uuid.bytes, 16));
        nint table;
        if (cuGetExportTable(&table, &uuid) != 0 || table == 0 || *(nuint*)table < (nuint)((index + 1) * sizeof(nint)))
        {
            return 0;
        }

        return ((nint*)table)[index];
    }

    private static void Before_cuCtxCreate_v4(WorkerCall call, ref CUcontext* pctx, ref CUctxCreateParams* ctxCreateParams, ref uint flags, ref int dev)
    {
        // Affinity and CIG parameters are pointers into the application's memory.
        if (ctxCreateParams != null && (ctxCreateParams->execAffinityParams != 0 || ctxCreateParams->cigParams != 0))
        {
            throw new CallRejectedException(TransportStatus.Unsupported, "cuCtxCreate_v4 with execution affinity or CIG parameters");
        }
    }

    private static void Before_cuOccupancyMaxPotentialBlockSize(WorkerCall call, ref int* minGridSize, ref int* blockSize, ref CUfunction func, ref nint blockSizeToDynamicSMemSize, ref nuint dynamicSMemSize, ref int blockSizeLimit)
    {
        // The callback would have to run synchronously inside the real call, in the application's process.
        if (blockSizeToDynamicSMemSize != 0)
        {
            throw new CallRejectedException(TransportStatus.Unsupported, "cuOccupancyMaxPotentialBlockSize with a size callback");
        }
    }

    private static void After_cuMemcpyDtoHAsync_v2(WorkerCall call, ref int __ret, ref void* dstHost, ref CUdeviceptr srcDevice, ref nuint ByteCount, ref CUstream hStream)
    {
        // The destination is this call's scratch memory: the copy must be complete before the deferred output is sent.
        // The NULL stream is the legacy or the per-thread default stream depending on the variant: the context covers both.
        if (__ret == 0)
        {
            __ret = hStream.Value == 0 ? cuCtxSynchronize() : cuStreamSynchronize(hStream);
        }
    }

    /// <summary>A 2D/3D copy record may only name device memory: host pointers in it would be the worker's own memory.</summary>
    private static void CheckDeviceOnly(int source, int destination)
    {
        if (source != MemoryTypeDevice || destination != MemoryTypeDevice)
        {
            throw new CallRejectedException(TransportStatus.Unsupported, "a 2D/3D copy record names memory other than device memory");
        }
    }

    private static void Before_cuLaunchKernelEx(WorkerCall call, ref CUlaunchConfig* config, ref CUfunction f, ref void* kernelParams, ref nint extra)
    {
        // The blob starts with the attributes; the parameters follow.
        var blob = (byte*)kernelParams;
        var bytes = (long)(extra & 0xFFFFFFFF);
        var count = config->numAttrs;
        var attributeBytes = checked((long)count * sizeof(CUlaunchAttribute));
        if (attributeBytes > bytes)
        {
            throw new MalformedRecordException($"{count} launch attributes do not fit a blob of {bytes} bytes");
        }

        var attributes = (CUlaunchAttribute*)call.Allocate(Math.Max(attributeBytes, 1));
        Buffer.MemoryCopy(blob, attributes, attributeBytes, attributeBytes);
        config = LinkLaunchConfig(call, config, attributes, count);
        var rest = (nint)((extra & ~0xFFFFFFFFL) | (bytes - attributeBytes));
        UnpackParameters(call, f, blob == null ? null : blob + attributeBytes, rest, out kernelParams, out extra);
    }

    private static void Before_avaOccupancyCluster(WorkerCall call, ref int* value, ref CUfunction func, ref CUlaunchConfig* config, ref CUlaunchAttribute* attrs, ref uint numAttrs)
    {
        if (config == null || config->numAttrs != numAttrs)
        {
            throw new MalformedRecordException("a launch configuration whose attribute count is not the attributes sent");
        }

        config = LinkLaunchConfig(call, config, attrs, numAttrs);
    }

    /// <summary>
    /// A copy of a launch configuration from the record whose stream and event attributes are real objects and whose
    /// attributes are the <paramref name="count"/> at <paramref name="attributes"/> (this call's copy of the ones the
    /// guest sent; the count is the one they were checked against, not read again from the record).
    /// </summary>
    private static CUlaunchConfig* LinkLaunchConfig(WorkerCall call, CUlaunchConfig* config, CUlaunchAttribute* attributes, uint count)
    {
        var copy = (CUlaunchConfig*)call.Allocate(sizeof(CUlaunchConfig));
        *copy = *config;
        copy->numAttrs = count;
        var stream = (ulong)copy->hStream;
        copy->hStream = stream is 0 or 1 or 2 ? (nint)stream : call.HandleFromWire(stream, HandleTypeIds.CUstream);
        for (var i = 0; i < count; i++)
        {
            if (attributes[i].id is LaunchAttributeProgrammaticEvent or LaunchAttributeLaunchCompletionEvent)
            {
                var @event = (nint*)attributes[i].value;
                *@event = call.HandleFromWire((ulong)*@event, HandleTypeIds.CUevent);
            }
        }

        copy->attrs = copy->numAttrs == 0 ? 0 : (nint)attributes;
        return copy;
    }

    /// <summary>
    /// Turns the packed blob back into what the real launch takes: an array of pointers to each parameter at the
    /// offsets the real library reports, or (bit 32 of <paramref name="wire"/>) an extra buffer. The blob's length must
    /// be exactly the function's parameter size: the guest's sizes are never trusted.
    /// </summary>
    private static void UnpackParameters(WorkerCall call, CUfunction f, byte* blob, nint wire, out void* kernelParams, out nint extra)
    {
        var bytes = (long)(wire & 0xFFFFFFFF);
        if (((wire >> 32) & 1) != 0)
        {
            // CU_LAUNCH_PARAM_BUFFER_POINTER, blob, CU_LAUNCH_PARAM_BUFFER_SIZE, &size, CU_LAUNCH_PARAM_END
            var size = (nuint*)call.Allocate(sizeof(nuint));
            *size = (nuint)bytes;
            var array = (nint*)call.Allocate(5 * sizeof(nint));
            array[0] = 1;
            array[1] = (nint)(blob == null ? call.Allocate(1) : blob);
            array[2] = 2;
            array[3] = (nint)size;
            array[4] = 0;
            kernelParams = null;
            extra = (nint)array;
            return;
        }

        var layout = Layout(f);
        if (layout.Total != bytes)
        {
            throw new CallRejectedException(TransportStatus.MalformedRecord, $"kernel parameters of {bytes} bytes where the function takes {layout.Total}");
        }

        extra = 0;
        if (layout.Offsets.Length == 0)
        {
            kernelParams = null;
            return;
        }

        var pointers = (void**)call.Allocate(layout.Offsets.Length * sizeof(nint));
        for (var i = 0; i < layout.Offsets.Length; i++)
        {
            pointers[i] = blob + layout.Offsets[i];
        }

        kernelParams = pointers;
    }

    private static ParamLayout Layout(CUfunction f)
    {
        if (s_layouts.TryGetValue(f.Value, out var known))
        {
            return known;
        }

        var offsets = new List<long>();
        long total = 0;
        for (nuint i = 0; i < MaxKernelParameters; i++)
        {
            nuint offset;
            nuint size;
            if (cuFuncGetParamInfo(f, i, &offset, &size) != 0)
            {
                break;
            }

            offsets.Add((long)offset);
            total = Math.Max(total, checked((long)(offset + size)));
        }

        var layout = new ParamLayout([.. offsets], total);
        s_layouts[f.Value] = layout;
        return layout;
    }

    /// <summary>Where each parameter of a function starts, and the bytes they span together.</summary>
    private sealed record ParamLayout(long[] Offsets, long Total);
}
