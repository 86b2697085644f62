// Guest-side hand-written parts for the calls whose C form keeps memory the driver owns (capture dependencies, linked
// images, log buffers that fill later), writes values of several sizes through one array of pointers, or passes a
// 64-byte handle by value. Each goes through a wire form of the spec (Cuda.Graphs.cs, Cuda.Linking.cs, Cuda.Memory.cs).
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Ava.Cuda;

/// <summary>The guest's hand-written parts of the CUDA drop-in: capture status, linking, pointer attributes, IPC.</summary>
public static unsafe partial class Cuda
{
    private const int PointerAttributeSlot = 16;

    // ---- Capture status: the dependency array the driver returns is this thread's copy, valid until it asks again ---

    [ThreadStatic]
    private static CUgraphNode* t_captureNodes;

    [ThreadStatic]
    private static ulong* t_captureEdges;

    [ThreadStatic]
    private static nuint t_captureCapacity;

    [UnmanagedCallersOnly(EntryPoint = "cuStreamGetCaptureInfo")]
    public static partial int cuStreamGetCaptureInfo(CUstream hStream, int* captureStatus_out, ulong* id_out) =>
        CaptureInfo(false, 1, hStream, captureStatus_out, id_out, null, null, null, null);

    [UnmanagedCallersOnly(EntryPoint = "cuStreamGetCaptureInfo_ptsz")]
    public static partial int cuStreamGetCaptureInfo_ptsz(CUstream hStream, int* captureStatus_out, ulong* id_out) =>
        CaptureInfo(true, 1, hStream, captureStatus_out, id_out, null, null, null, null);

    [UnmanagedCallersOnly(EntryPoint = "cuStreamGetCaptureInfo_v2")]
    public static partial int cuStreamGetCaptureInfo_v2(CUstream hStream, int* captureStatus_out, ulong* id_out, CUgraph* graph_out, nint* dependencies_out, nuint* numDependencies_out) =>
        CaptureInfo(false, 2, hStream, captureStatus_out, id_out, graph_out, dependencies_out, null, numDependencies_out);

    [UnmanagedCallersOnly(EntryPoint = "cuStreamGetCaptureInfo_v2_ptsz")]
    public static partial int cuStreamGetCaptureInfo_v2_ptsz(CUstream hStream, int* captureStatus_out, ulong* id_out, CUgraph* graph_out, nint* dependencies_out, nuint* numDependencies_out) =>
        CaptureInfo(true, 2, hStream, captureStatus_out, id_out, graph_out, dependencies_out, null, numDependencies_out);

    [UnmanagedCallersOnly(EntryPoint = "cuStreamGetCaptureInfo_v3")]
    public static partial int cuStreamGetCaptureInfo_v3(CUstream hStream, int* captureStatus_out, ulong* id_out, CUgraph* graph_out, nint* dependencies_out, nint* edgeData_out, nuint* numDependencies_out) =>
        CaptureInfo(false, 3, hStream, captureStatus_out, id_out, graph_out, dependencies_out, edgeData_out, numDependencies_out);

    [UnmanagedCallersOnly(EntryPoint = "cuStreamGetCaptureInfo_v3_ptsz")]
    public static partial int cuStreamGetCaptureInfo_v3_ptsz(CUstream hStream, int* captureStatus_out, ulong* id_out, CUgraph* graph_out, nint* dependencies_out, nint* edgeData_out, nuint* numDependencies_out) =>
        CaptureInfo(true, 3, hStream, captureStatus_out, id_out, graph_out, dependencies_out, edgeData_out, numDependencies_out);

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaStreamGetCaptureInfo(CUstream hStream, int form, int* captureStatus, ulong* id, CUgraph* graph, CUgraphNode* dependencies, void* edgeData, nuint capacity, nuint* count) => ErrorNotSupported;

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaStreamGetCaptureInfo_ptsz(CUstream hStream, int form, int* captureStatus, ulong* id, CUgraph* graph, CUgraphNode* dependencies, void* edgeData, nuint capacity, nuint* count) => ErrorNotSupported;

    private static int CaptureInfo(bool perThread, int form, CUstream stream, int* status, ulong* id, CUgraph* graph, nint* dependencies, nint* edges, nuint* count)
    {
        while (true)
        {
            if (t_captureCapacity == 0)
            {
                Grow(16);
            }

            nuint n = 0;
            var capacity = form == 1 ? 0 : t_captureCapacity;
            var ret = perThread
                ? Call_avaStreamGetCaptureInfo_ptsz(stream, form, status, id, graph, t_captureNodes, form == 3 ? t_captureEdges : null, capacity, &n)
                : Call_avaStreamGetCaptureInfo(stream, form, status, id, graph, t_captureNodes, form == 3 ? t_captureEdges : null, capacity, &n);
            if (ret != Success || form == 1)
            {
                return ret;
            }

            if (n > capacity)
            {
                // The capture has more dependencies than this thread's copy holds: ask again with room for them all.
                Grow(n);
                continue;
            }

            if (dependencies != null)
            {
                *dependencies = n == 0 ? 0 : (nint)t_captureNodes;
            }

            if (edges != null)
            {
                *edges = n == 0 ? 0 : (nint)t_captureEdges;
            }

            if (count != null)
            {
                *count = n;
            }

            return ret;
        }
    }

    private static void Grow(nuint capacity)
    {
        NativeMemory.Free(t_captureNodes);
        NativeMemory.Free(t_captureEdges);
        t_captureNodes = (CUgraphNode*)NativeMemory.AllocZeroed(capacity, (nuint)sizeof(CUgraphNode));
        t_captureEdges = (ulong*)NativeMemory.AllocZeroed(capacity, sizeof(ulong));
        t_captureCapacity = capacity;
    }

    // ---- JIT linking: logs go to the application's buffers, the linked image to memory owned here ----------------

    /// <summary>What the guest keeps of a link state: where the application wants its logs and option values, and the image.</summary>
    private sealed class GuestLink
    {
        public required int[] Options { get; init; }

        public required nint* Values { get; init; }

        public sbyte* Info { get; init; }

        public nuint InfoSize { get; init; }

        public sbyte* Error { get; init; }

        public nuint ErrorSize { get; init; }

        public void* Image { get; set; }
    }

    private static readonly ConcurrentDictionary<nint, GuestLink> s_links = new();

    [UnmanagedCallersOnly(EntryPoint = "cuLinkCreate_v2")]
    public static partial int cuLinkCreate_v2(uint numOptions, int* options, nint* optionValues, CUlinkState* stateOut) => LinkCreate(numOptions, options, optionValues, stateOut);

    [UnmanagedCallersOnly(EntryPoint = "cuLinkCreate")]
    public static partial int cuLinkCreate(uint numOptions, int* options, nint* optionValues, CUlinkState* stateOut) => LinkCreate(numOptions, options, optionValues, stateOut);

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaLinkCreate(uint numOptions, int* options, nint* optionValues, CUlinkState* stateOut) => ErrorNotSupported;

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaLinkLogs(CUlinkState state, sbyte* info, nuint infoSize, sbyte* error, nuint errorSize, nint* optionValues, uint numOptions) => ErrorNotSupported;

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaLinkComplete(CUlinkState state, nuint* size) => ErrorNotSupported;

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaLinkImage(CUlinkState state, void* image, nuint size) => ErrorNotSupported;

    private static int LinkCreate(uint numOptions, int* options, nint* optionValues, CUlinkState* stateOut)
    {
        if (numOptions > 0 && (options == null || optionValues == null))
        {
            return ErrorInvalidValue;
        }

        var ret = Call_avaLinkCreate(numOptions, options, optionValues, stateOut);
        if (ret != Success || stateOut == null)
        {
            return ret;
        }

        sbyte* info = null, error = null;
        nuint infoSize = 0, errorSize = 0;
        var kept = new int[numOptions];
        for (var i = 0; i < numOptions; i++)
        {
            kept[i] = options[i];
            switch (options[i])
            {
                case JitInfoLogBuffer: info = (sbyte*)optionValues[i]; break;
                case JitInfoLogBufferSize: infoSize = (uint)optionValues[i]; break;
                case JitErrorLogBuffer: error = (sbyte*)optionValues[i]; break;
                case JitErrorLogBufferSize: errorSize = (uint)optionValues[i]; break;
            }
        }

        s_links[stateOut->Value] = new GuestLink
        {
            Options = kept,
            Values = optionValues,
            Info = info,
            InfoSize = info == null ? 0 : infoSize,
            Error = error,
            ErrorSize = error == null ? 0 : errorSize,
        };
        return ret;
    }

    /// <summary>Copies what the driver wrote to the link's logs and output option values into the application's memory.</summary>
    private static void FetchLinkLogs(CUlinkState state)
    {
        if (!s_links.TryGetValue(state.Value, out var link) || link.Options.Length == 0
            || Array.TrueForAll(link.Options, o => o is not (JitWallTime or JitInfoLogBufferSize or JitErrorLogBufferSize) && o is not (JitInfoLogBuffer or JitErrorLogBuffer)))
        {
            return;
        }

        var values = new nint[link.Options.Length];
        fixed (nint* v = values)
        {
            if (Call_avaLinkLogs(state, link.Info, link.InfoSize, link.Error, link.ErrorSize, v, (uint)values.Length) != Success)
            {
                return;
            }
        }

        for (var i = 0; i < values.Length; i++)
        {
            // Only the values the driver writes back (log sizes filled, wall time) change; the buffers stay the application's.
            if (link.Options[i] is JitWallTime or JitInfoLogBufferSize or JitErrorLogBufferSize)
            {
                link.Values[i] = values[i];
            }
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "cuLinkAddFile_v2")]
    public static partial int cuLinkAddFile_v2(CUlinkState state, int type, sbyte* path, uint numOptions, int* options, nint* optionValues) => LinkAddFile(state, type, path, numOptions, options, optionValues);

    [UnmanagedCallersOnly(EntryPoint = "cuLinkAddFile")]
    public static partial int cuLinkAddFile(CUlinkState state, int type, sbyte* path, uint numOptions, int* options, nint* optionValues) => LinkAddFile(state, type, path, numOptions, options, optionValues);

    private static int LinkAddFile(CUlinkState state, int type, sbyte* path, uint numOptions, int* options, nint* optionValues)
    {
        if (path == null)
        {
            return ErrorInvalidValue;
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Marshal.PtrToStringUTF8((nint)path) ?? "");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ErrorFileNotFound;
        }

        fixed (byte* data = bytes)
        {
            // The generated call runs After_cuLinkAddData, which brings the logs back.
            return Call_cuLinkAddData_v2(state, type, data, (nuint)bytes.Length, path, numOptions, options, optionValues);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "cuLinkComplete")]
    public static partial int cuLinkComplete(CUlinkState state, nint* cubinOut, nuint* sizeOut)
    {
        if (cubinOut == null || sizeOut == null)
        {
            return ErrorInvalidValue;
        }

        nuint size = 0;
        var ret = Call_avaLinkComplete(state, &size);
        FetchLinkLogs(state);
        if (ret != Success)
        {
            return ret;
        }

        var image = NativeMemory.Alloc(size == 0 ? 1 : size);
        ret = Call_avaLinkImage(state, image, size);
        if (ret != Success)
        {
            NativeMemory.Free(image);
            return ret;
        }

        // The image belongs to the link state, as the driver's does: freed by cuLinkDestroy (or the next cuLinkComplete).
        if (s_links.TryGetValue(state.Value, out var link))
        {
            NativeMemory.Free(link.Image);
            link.Image = image;
        }
        else
        {
            s_links[state.Value] = new GuestLink { Options = [], Values = null, Image = image };
        }

        *cubinOut = (nint)image;
        *sizeOut = size;
        return Success;
    }

    private static void After_cuLinkDestroy(int ret, CUlinkState state)
    {
        if (ret == Success && s_links.TryRemove(state.Value, out var link))
        {
            NativeMemory.Free(link.Image);
        }
    }

    // ---- Pointer attributes: each value in its attribute's size ----------------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "cuPointerGetAttributes")]
    public static partial int cuPointerGetAttributes(uint numAttributes, int* attributes, nint* data, CUdeviceptr ptr)
    {
        if (attributes == null || data == null || numAttributes == 0)
        {
            return ErrorInvalidValue;
        }

        var values = (byte*)NativeMemory.AllocZeroed(numAttributes, PointerAttributeSlot);
        try
        {
            var ret = Call_avaPointerGetAttributes(numAttributes, attributes, values, ptr);
            if (ret == Success)
            {
                for (var i = 0; i < numAttributes; i++)
                {
                    if (data[i] != 0)
                    {
                        Buffer.MemoryCopy(values + (i * PointerAttributeSlot), (void*)data[i], PointerAttributeSlot, PointerAttributeSize(attributes[i]));
                    }
                }
            }

            return ret;
        }
        finally
        {
            NativeMemory.Free(values);
        }
    }

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaPointerGetAttributes(uint numAttributes, int* attributes, byte* values, CUdeviceptr ptr) => ErrorNotSupported;

    // ---- IPC: the 64-byte handles pass by value (the spec has no by-value structs: these exports are written here) ---

    [UnmanagedCallersOnly(EntryPoint = "cuIpcOpenMemHandle_v2")]
    private static int Export_cuIpcOpenMemHandle_v2(CUdeviceptr* pdptr, CUipcHandle handle, uint Flags) => Call_avaIpcOpenMemHandle(pdptr, handle.reserved, Flags);

    [UnmanagedCallersOnly(EntryPoint = "cuIpcOpenMemHandle")]
    private static int Export_cuIpcOpenMemHandle(CUdeviceptr* pdptr, CUipcHandle handle, uint Flags) => Call_avaIpcOpenMemHandle(pdptr, handle.reserved, Flags);

    [UnmanagedCallersOnly(EntryPoint = "cuIpcOpenEventHandle")]
    private static int Export_cuIpcOpenEventHandle(CUevent* phEvent, CUipcHandle handle) => Call_avaIpcOpenEventHandle(phEvent, handle.reserved);

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaIpcOpenMemHandle(CUdeviceptr* pdptr, byte* handle, uint Flags) => ErrorNotSupported;

    /// <summary>Wire form only: not exported.</summary>
    public static partial int avaIpcOpenEventHandle(CUevent* phEvent, byte* handle) => ErrorNotSupported;

    // ---- The first forms of pinned host memory: as their _v2 forms ---------------------------------------------

    [UnmanagedCallersOnly(EntryPoint = "cuMemHostRegister")]
    public static partial int cuMemHostRegister(nint p, nuint bytesize, uint Flags) => RegisterHost(p, bytesize, Flags);

    [UnmanagedCallersOnly(EntryPoint = "cuMemAllocHost")]
    public static partial int cuMemAllocHost(nint* pp, uint bytesize) => HostAlloc(pp, bytesize, 0);
}
