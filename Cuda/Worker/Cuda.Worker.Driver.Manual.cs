// Worker-side hand-written parts for graphs, capture status, linking, pointer attributes, IPC, texture and surface
// objects and device attributes: the wire-only functions of Cuda/Spec (avaStreamGetCaptureInfo, avaLink*,
// avaPointerGetAttributes, avaIpcOpen*) and hooks that translate handles held inside structures.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Ava.Transport.Wire;
using Ava.Worker;

namespace Ava.Cuda;

/// <summary>The worker's hand-written parts of the CUDA backend, continued.</summary>
public static unsafe partial class Cuda
{
    private const int ResourceTypeArray = 0;
    private const int ResourceTypeMipmappedArray = 1;
    private const int PointerAttributeContext = 1;
    private const int PointerAttributeMempoolHandle = 17;
    private const int PointerAttributeValueSlot = 16;
    private const int LinkOptionGlobalSymbolNames = 17;
    private const int LinkOptionGlobalSymbolAddresses = 18;

    /// <summary>The most a link log buffer may take in the worker (the guest names the size).</summary>
    private const uint MaxLinkLog = 16 << 20;

    /// <summary>
    /// Device attributes of capabilities this drop-in does not carry (their functions answer
    /// CUDA_ERROR_NOT_SUPPORTED, Cuda.Absent.cs): reported absent, as a device without them reports.
    /// </summary>
    private static ReadOnlySpan<int> AbsentAttributes =>
    [
        19, // CAN_MAP_HOST_MEMORY: mapped host memory would be the worker's
        83, // MANAGED_MEMORY
        88, // PAGEABLE_MEMORY_ACCESS
        89, // CONCURRENT_MANAGED_ACCESS
        91, // CAN_USE_HOST_POINTER_FOR_REGISTERED_MEM
        96, // COOPERATIVE_MULTI_DEVICE_LAUNCH
        100, // PAGEABLE_MEMORY_ACCESS_USES_HOST_PAGE_TABLES
        101, // DIRECT_MANAGED_MEM_ACCESS_FROM_HOST
        103, // HANDLE_TYPE_POSIX_FILE_DESCRIPTOR_SUPPORTED: shareable handles are not exported
        112, // SPARSE_CUDA_ARRAY_SUPPORTED: cuMemMapArrayAsync
        114, // TIMELINE_SEMAPHORE_INTEROP_SUPPORTED: external semaphores
        119, // MEMPOOL_SUPPORTED_HANDLE_TYPES
        124, // DMA_BUF_SUPPORTED
        128, // HANDLE_TYPE_FABRIC_SUPPORTED
        129, // UNIFIED_FUNCTION_POINTERS
        132, // MULTICAST_SUPPORTED: multicast objects are never forwarded
        141, // HOST_NUMA_VIRTUAL_MEMORY_MANAGEMENT_SUPPORTED: host memory would be the worker's
        142, // HOST_NUMA_MEMORY_POOLS_SUPPORTED
        143, // HOST_NUMA_MULTINODE_IPC_SUPPORTED
        144, // HOST_MEMORY_POOLS_SUPPORTED
        145, // HOST_VIRTUAL_MEMORY_MANAGEMENT_SUPPORTED
        146, // HOST_ALLOC_DMA_BUF_SUPPORTED
    ];

    /// <summary>Link states' worker-side buffers, by the real CUlinkState.</summary>
    private static readonly ConcurrentDictionary<nint, WorkerLink> s_workerLinks = new();

    /// <summary>Real entry points reached through cuGetProcAddress_v2 (their arguments pass structures by value).</summary>
    private static nint s_ipcOpenMemHandle;
    private static nint s_ipcOpenEventHandle;

    /// <summary>What the worker keeps for a link state: the option arrays the driver writes back into, the log buffers, the image.</summary>
    private sealed class WorkerLink : IDisposable
    {
        public int* Options;
        public nint* Values;
        public uint Count;
        public byte* Info;
        public nuint InfoSize;
        public byte* Error;
        public nuint ErrorSize;
        public void* Image;
        public nuint ImageSize;

        public void Dispose()
        {
            NativeMemory.Free(Options);
            NativeMemory.Free(Values);
            NativeMemory.Free(Info);
            NativeMemory.Free(Error);
        }
    }

    private static void RegisterWireForms()
    {
        __real[FunctionIds.avaStreamGetCaptureInfo] = (nint)(delegate* unmanaged<CUstream, int, int*, ulong*, CUgraph*, CUgraphNode*, void*, nuint, nuint*, int>)&StreamGetCaptureInfo;
        __real[FunctionIds.avaStreamGetCaptureInfo_ptsz] = (nint)(delegate* unmanaged<CUstream, int, int*, ulong*, CUgraph*, CUgraphNode*, void*, nuint, nuint*, int>)&StreamGetCaptureInfoPerThread;
        __real[FunctionIds.avaLinkCreate] = (nint)(delegate* unmanaged<uint, int*, nint*, CUlinkState*, int>)&LinkCreate;
        __real[FunctionIds.avaLinkLogs] = (nint)(delegate* unmanaged<CUlinkState, sbyte*, nuint, sbyte*, nuint, nint*, uint, int>)&LinkLogs;
        __real[FunctionIds.avaLinkComplete] = (nint)(delegate* unmanaged<CUlinkState, nuint*, int>)&LinkComplete;
        __real[FunctionIds.avaLinkImage] = (nint)(delegate* unmanaged<CUlinkState, void*, nuint, int>)&LinkImage;
        __real[FunctionIds.avaPointerGetAttributes] = (nint)(delegate* unmanaged<uint, int*, byte*, CUdeviceptr, int>)&PointerGetAttributes;
        __real[FunctionIds.avaIpcOpenMemHandle] = (nint)(delegate* unmanaged<CUdeviceptr*, byte*, uint, int>)&IpcOpenMemHandle;
        __real[FunctionIds.avaIpcOpenEventHandle] = (nint)(delegate* unmanaged<CUevent*, byte*, int>)&IpcOpenEventHandle;
    }

    // ---- Device attributes ----------------------------------------------------------------------------------

    private static void After_cuDeviceGetAttribute(WorkerCall call, ref int __ret, ref int* pi, ref int attrib, ref int dev)
    {
        if (__ret == 0 && pi != null && AbsentAttributes.Contains(attrib))
        {
            *pi = 0;
        }
    }

    // ---- Capture status -------------------------------------------------------------------------------------

    [UnmanagedCallersOnly]
    private static int StreamGetCaptureInfo(CUstream stream, int form, int* status, ulong* id, CUgraph* graph, CUgraphNode* dependencies, void* edgeData, nuint capacity, nuint* count) =>
        CaptureInfo(false, stream, form, status, id, graph, dependencies, edgeData, capacity, count);

    [UnmanagedCallersOnly]
    private static int StreamGetCaptureInfoPerThread(CUstream stream, int form, int* status, ulong* id, CUgraph* graph, CUgraphNode* dependencies, void* edgeData, nuint capacity, nuint* count) =>
        CaptureInfo(true, stream, form, status, id, graph, dependencies, edgeData, capacity, count);

    /// <summary>Calls the form the application called (each answers as the driver does, e.g. _v2's lossy-query refusal) and copies out what fits.</summary>
    private static int CaptureInfo(bool perThread, CUstream stream, int form, int* status, ulong* id, CUgraph* graph, CUgraphNode* dependencies, void* edgeData, nuint capacity, nuint* count)
    {
        CUgraphNode* nodes = null;
        nint edges = 0;
        nuint n = 0;
        int ret;
        switch (form)
        {
            case 1:
                ret = ((delegate* unmanaged<CUstream, int*, ulong*, int>)__real[perThread ? FunctionIds.cuStreamGetCaptureInfo_ptsz : FunctionIds.cuStreamGetCaptureInfo])(stream, status, id);
                break;
            case 2:
                ret = ((delegate* unmanaged<CUstream, int*, ulong*, CUgraph*, CUgraphNode**, nuint*, int>)__real[perThread ? FunctionIds.cuStreamGetCaptureInfo_v2_ptsz : FunctionIds.cuStreamGetCaptureInfo_v2])(stream, status, id, graph, &nodes, &n);
                break;
            case 3:
                ret = ((delegate* unmanaged<CUstream, int*, ulong*, CUgraph*, CUgraphNode**, nint*, nuint*, int>)__real[perThread ? FunctionIds.cuStreamGetCaptureInfo_v3_ptsz : FunctionIds.cuStreamGetCaptureInfo_v3])(stream, status, id, graph, &nodes, &edges, &n);
                break;
            default:
                return ErrorInvalidValueWorker;
        }

        if (ret == 0 && count != null)
        {
            *count = n;
            var copied = Math.Min(n, capacity);
            for (nuint i = 0; i < copied; i++)
            {
                if (dependencies != null)
                {
                    dependencies[i] = nodes[i];
                }

                if (edgeData != null)
                {
                    // NULL edge data means every edge is the default one (all zero).
                    ((ulong*)edgeData)[i] = edges == 0 ? 0 : ((ulong*)edges)[i];
                }
            }
        }

        return ret;
    }

    private const int ErrorInvalidValueWorker = 1;

    // ---- Graphs ---------------------------------------------------------------------------------------------

    private static void CheckDeviceOnly(CUDA_MEMCPY3D* copy)
    {
        if (copy != null)
        {
            CheckDeviceOnly(copy->srcMemoryType, copy->dstMemoryType);
        }
    }

    private static void Before_cuGraphInstantiateWithParams(WorkerCall call, ref CUgraphExec* phGraphExec, ref CUgraph hGraph, ref CUDA_GRAPH_INSTANTIATE_PARAMS* instantiateParams)
    {
        if (instantiateParams != null)
        {
            var stream = (ulong)instantiateParams->hUploadStream;
            instantiateParams->hUploadStream = stream is 0 or 1 or 2 ? (nint)stream : call.HandleFromWire(stream, HandleTypeIds.CUstream);
            instantiateParams->hErrNode_out = 0;
        }
    }

    private static void After_cuGraphInstantiateWithParams(WorkerCall call, ref int __ret, ref CUgraphExec* phGraphExec, ref CUgraph hGraph, ref CUDA_GRAPH_INSTANTIATE_PARAMS* instantiateParams)
    {
        // The stream goes back as the guest sent it: the reply carries the whole structure.
        if (instantiateParams != null)
        {
            instantiateParams->hErrNode_out = (nint)call.HandleToWire(instantiateParams->hErrNode_out, HandleTypeIds.CUgraphNode, false);
            var stream = instantiateParams->hUploadStream;
            instantiateParams->hUploadStream = stream is 0 or 1 or 2 ? stream : (nint)call.HandleToWire(stream, HandleTypeIds.CUstream, false);
        }
    }

    private static void After_cuGraphExecUpdate_v2(WorkerCall call, ref int __ret, ref CUgraphExec hGraphExec, ref CUgraph hGraph, ref CUgraphExecUpdateResultInfo* resultInfo)
    {
        if (resultInfo != null)
        {
            resultInfo->errorNode = (nint)call.HandleToWire(resultInfo->errorNode, HandleTypeIds.CUgraphNode, false);
            resultInfo->errorFromNode = (nint)call.HandleToWire(resultInfo->errorFromNode, HandleTypeIds.CUgraphNode, false);
        }
    }

    private static void Before_cuGraphKernelNodeSetAttribute(WorkerCall call, ref CUgraphNode hNode, ref int attr, ref void* value)
    {
        if (value != null && attr is LaunchAttributeProgrammaticEvent or LaunchAttributeLaunchCompletionEvent)
        {
            *(nint*)value = call.HandleFromWire((ulong)*(nint*)value, HandleTypeIds.CUevent);
        }
    }

    private static void After_cuGraphKernelNodeGetAttribute(WorkerCall call, ref int __ret, ref CUgraphNode hNode, ref int attr, ref void* value_out)
    {
        if (__ret == 0 && value_out != null && attr is LaunchAttributeProgrammaticEvent or LaunchAttributeLaunchCompletionEvent)
        {
            *(nint*)value_out = (nint)call.HandleToWire(*(nint*)value_out, HandleTypeIds.CUevent, false);
        }
    }

    // ---- Texture and surface objects: CUDA_RESOURCE_DESC names an array by wire id ---------------------------

    private static void ResourceFromWire(WorkerCall call, void* desc)
    {
        if (desc == null)
        {
            return;
        }

        // resType at offset 0; the union starts at offset 8 with the array or mipmapped array handle.
        var handle = (nint*)((byte*)desc + 8);
        switch (*(int*)desc)
        {
            case ResourceTypeArray: *handle = call.HandleFromWire((ulong)*handle, HandleTypeIds.CUarray); break;
            case ResourceTypeMipmappedArray: *handle = call.HandleFromWire((ulong)*handle, HandleTypeIds.CUmipmappedArray); break;
        }
    }

    private static void ResourceToWire(WorkerCall call, int ret, void* desc)
    {
        if (ret != 0 || desc == null)
        {
            return;
        }

        var handle = (nint*)((byte*)desc + 8);
        switch (*(int*)desc)
        {
            case ResourceTypeArray: *handle = (nint)call.HandleToWire(*handle, HandleTypeIds.CUarray, false); break;
            case ResourceTypeMipmappedArray: *handle = (nint)call.HandleToWire(*handle, HandleTypeIds.CUmipmappedArray, false); break;
        }
    }

    // ---- Copies that are deferred outputs: the worker waits for the stream before the bytes go back ----------

    private static void WaitForOutput(ref int ret, CUstream stream)
    {
        if (ret == 0)
        {
            ret = stream.Value == 0 ? cuCtxSynchronize() : cuStreamSynchronize(stream);
        }
    }

    private static void Before_cuOccupancyMaxPotentialBlockSizeWithFlags(WorkerCall call, ref int* minGridSize, ref int* blockSize, ref CUfunction func, ref nint blockSizeToDynamicSMemSize, ref nuint dynamicSMemSize, ref int blockSizeLimit, ref uint flags)
    {
        if (blockSizeToDynamicSMemSize != 0)
        {
            throw new CallRejectedException(TransportStatus.Unsupported, "cuOccupancyMaxPotentialBlockSizeWithFlags with a size callback");
        }
    }

    // ---- JIT linking ----------------------------------------------------------------------------------------

    [UnmanagedCallersOnly]
    private static int LinkCreate(uint numOptions, int* options, nint* optionValues, CUlinkState* stateOut)
    {
        if (stateOut == null)
        {
            return ErrorInvalidValueWorker;
        }

        var link = new WorkerLink
        {
            Count = numOptions,
            Options = (int*)NativeMemory.AllocZeroed(Math.Max(numOptions, 1), sizeof(int)),
            Values = (nint*)NativeMemory.AllocZeroed(Math.Max(numOptions, 1), (nuint)sizeof(nint)),
        };
        for (var i = 0; i < numOptions; i++)
        {
            link.Options[i] = options[i];
            link.Values[i] = optionValues[i];
        }

        // Log buffers: the guest's pointers are replaced by the worker's own buffers of the sizes asked for.
        for (var i = 0; i < numOptions; i++)
        {
            switch (options[i])
            {
                case JitInfoLogBuffer:
                    link.InfoSize = LogSize(options, optionValues, numOptions, JitInfoLogBufferSize);
                    link.Info = (byte*)NativeMemory.AllocZeroed(link.InfoSize + 1);
                    link.Values[i] = (nint)link.Info;
                    break;
                case JitErrorLogBuffer:
                    link.ErrorSize = LogSize(options, optionValues, numOptions, JitErrorLogBufferSize);
                    link.Error = (byte*)NativeMemory.AllocZeroed(link.ErrorSize + 1);
                    link.Values[i] = (nint)link.Error;
                    break;
                case LinkOptionGlobalSymbolNames or LinkOptionGlobalSymbolAddresses:
                    // Arrays of the application's strings and host addresses: nothing the worker can follow.
                    link.Dispose();
                    return ErrorNotSupported;
            }
        }

        var ret = cuLinkCreate_v2(numOptions, link.Options, link.Values, stateOut);
        if (ret != 0)
        {
            link.Dispose();
            return ret;
        }

        s_workerLinks[stateOut->Value] = link;
        return ret;
    }

    private static nuint LogSize(int* options, nint* values, uint count, int sizeOption)
    {
        for (var i = 0; i < count; i++)
        {
            if (options[i] == sizeOption)
            {
                return Math.Min((uint)values[i], MaxLinkLog);
            }
        }

        return 0;
    }

    [UnmanagedCallersOnly]
    private static int LinkLogs(CUlinkState state, sbyte* info, nuint infoSize, sbyte* error, nuint errorSize, nint* optionValues, uint numOptions)
    {
        if (!s_workerLinks.TryGetValue(state.Value, out var link) || numOptions != link.Count)
        {
            return ErrorInvalidValueWorker;
        }

        CopyLog(link.Info, link.InfoSize, (byte*)info, infoSize);
        CopyLog(link.Error, link.ErrorSize, (byte*)error, errorSize);
        for (var i = 0; i < numOptions; i++)
        {
            // The buffers' own values go back as the guest will see them unchanged; the rest are what the driver wrote.
            optionValues[i] = link.Options[i] is JitInfoLogBuffer or JitErrorLogBuffer ? 0 : link.Values[i];
        }

        return 0;
    }

    private static void CopyLog(byte* log, nuint logSize, byte* to, nuint size)
    {
        if (to == null || size == 0)
        {
            return;
        }

        var n = Math.Min(logSize, size);
        if (log != null && n > 0)
        {
            Buffer.MemoryCopy(log, to, size, n);
        }

        // The driver NUL-terminates what it writes; a log that filled the guest's buffer ends at its last byte.
        to[Math.Min(n, size - 1)] = 0;
    }

    [UnmanagedCallersOnly]
    private static int LinkComplete(CUlinkState state, nuint* size)
    {
        nint image;
        nuint bytes;
        var ret = cuLinkComplete(state, &image, &bytes);
        if (ret == 0 && s_workerLinks.TryGetValue(state.Value, out var link))
        {
            link.Image = (void*)image;
            link.ImageSize = bytes;
        }

        if (size != null)
        {
            *size = ret == 0 ? bytes : 0;
        }

        return ret;
    }

    [UnmanagedCallersOnly]
    private static int LinkImage(CUlinkState state, void* image, nuint size)
    {
        if (!s_workerLinks.TryGetValue(state.Value, out var link) || link.Image == null || size != link.ImageSize)
        {
            return ErrorInvalidValueWorker;
        }

        Buffer.MemoryCopy(link.Image, image, size, size);
        return 0;
    }

    private static void Before_cuLinkAddData(WorkerCall call, ref CUlinkState state, ref int type, ref void* data, ref nuint size, ref sbyte* name, ref uint numOptions, ref int* options, ref nint* optionValues)
    {
        for (var i = 0; i < numOptions; i++)
        {
            if (options[i] is JitInfoLogBuffer or JitErrorLogBuffer or LinkOptionGlobalSymbolNames or LinkOptionGlobalSymbolAddresses)
            {
                throw new CallRejectedException(TransportStatus.Unsupported, $"cuLinkAddData with option {options[i]}, whose value is a pointer into the application");
            }
        }
    }

    private static void After_cuLinkDestroy(WorkerCall call, ref int __ret, ref CUlinkState state)
    {
        if (__ret == 0 && s_workerLinks.TryRemove(state.Value, out var link))
        {
            link.Dispose();
        }
    }

    // ---- Pointer attributes ---------------------------------------------------------------------------------

    [UnmanagedCallersOnly]
    private static int PointerGetAttributes(uint numAttributes, int* attributes, byte* values, CUdeviceptr ptr)
    {
        var data = (nint*)NativeMemory.AllocZeroed(Math.Max(numAttributes, 1), (nuint)sizeof(nint));
        try
        {
            for (var i = 0; i < numAttributes; i++)
            {
                data[i] = (nint)(values + (i * PointerAttributeValueSlot));
            }

            return cuPointerGetAttributes(numAttributes, attributes, data, ptr);
        }
        finally
        {
            NativeMemory.Free(data);
        }
    }

    private static void After_avaPointerGetAttributes(WorkerCall call, ref int __ret, ref uint numAttributes, ref int* attributes, ref byte* values, ref CUdeviceptr ptr)
    {
        if (__ret != 0)
        {
            return;
        }

        for (var i = 0; i < numAttributes; i++)
        {
            var value = (nint*)(values + (i * PointerAttributeValueSlot));
            switch (attributes[i])
            {
                case PointerAttributeContext: *value = (nint)call.HandleToWire(*value, HandleTypeIds.CUcontext, false); break;
                case PointerAttributeMempoolHandle: *value = (nint)call.HandleToWire(*value, HandleTypeIds.CUmemoryPool, false); break;
            }
        }
    }

    // ---- IPC: the real entry points take the 64-byte handle by value -------------------------------------------

    [UnmanagedCallersOnly]
    private static int IpcOpenMemHandle(CUdeviceptr* pdptr, byte* handle, uint flags)
    {
        var open = ProcAddress(ref s_ipcOpenMemHandle, "cuIpcOpenMemHandle");
        return open == 0 ? ErrorNotSupported : ((delegate* unmanaged<CUdeviceptr*, CUipcHandle, uint, int>)open)(pdptr, *(CUipcHandle*)handle, flags);
    }

    [UnmanagedCallersOnly]
    private static int IpcOpenEventHandle(CUevent* phEvent, byte* handle)
    {
        var open = ProcAddress(ref s_ipcOpenEventHandle, "cuIpcOpenEventHandle");
        return open == 0 ? ErrorNotSupported : ((delegate* unmanaged<CUevent*, CUipcHandle, int>)open)(phEvent, *(CUipcHandle*)handle);
    }

    /// <summary>The real driver's entry point for a CUDA 13.0 caller of <paramref name="name"/>, looked up once.</summary>
    private static nint ProcAddress(ref nint cache, string name)
    {
        if (cache != 0 || __real[FunctionIds.cuGetProcAddress_v2] == 0)
        {
            return cache;
        }

        var symbol = Marshal.StringToHGlobalAnsi(name);
        try
        {
            nint pfn;
            int status;
            if (cuGetProcAddress_v2((sbyte*)symbol, &pfn, 13000, 0, &status) == 0 && status == 0)
            {
                cache = pfn;
            }

            return cache;
        }
        finally
        {
            Marshal.FreeHGlobal(symbol);
        }
    }
}
