// Guest-side hand-written parts of the QuickAssist drop-in: the C forms whose arguments point into the application's
// memory in ways the wire cannot carry as they are (Qat/Spec/Qat.cs says why), rewritten into the wire functions.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Ava.Qat;

/// <summary>The guest's hand-written parts of the QuickAssist drop-in.</summary>
public static unsafe partial class Qat
{
    private const int StatusSuccess = 0;
    private const int StatusInvalidParam = -4;
    private const int StatusUnsupported = -6;

    /// <summary>A session the application initialized in its memory: the worker's session, and its callback (0: none).</summary>
    private sealed record Session(CpaDcSessionHandle Wire, nint Callback);

    /// <summary>Sessions by the address of the application's session memory.</summary>
    private static readonly ConcurrentDictionary<nint, Session> s_sessions = new();

    /// <summary>
    /// Per instance, the requests of callback sessions the worker completed, in submission order: the application's
    /// callbacks run from its icp_sal_DcPollInstance, on its thread, as the library runs them.
    /// </summary>
    private static readonly ConcurrentDictionary<nint, ConcurrentQueue<(nint Callback, nint Tag)>> s_completed = new();

    /// <summary>The calling thread's gather and scatter buffers, kept between requests (no allocation per call).</summary>
    [ThreadStatic] private static byte* t_source;
    [ThreadStatic] private static uint t_sourceCapacity;
    [ThreadStatic] private static byte* t_destination;
    [ThreadStatic] private static uint t_destinationCapacity;

    [UnmanagedCallersOnly(EntryPoint = "cpaDcInitSession")]
    public static partial int cpaDcInitSession(CpaInstanceHandle dcInstance, nint pSessionHandle, void* pSessionData, CpaBufferList* pContextBuffer, nint callbackFn)
    {
        if (pSessionHandle == 0 || pSessionData == null)
        {
            return StatusInvalidParam;
        }

        CpaDcSessionHandle wire;
        var status = Call_avaDcInitSession(dcInstance, &wire, pSessionData, callbackFn != 0 ? 1 : 0);
        if (status != StatusSuccess)
        {
            return status;
        }

        // The same memory initialized again without being removed: the session it held is gone with it.
        if (s_sessions.TryRemove(pSessionHandle, out var replaced))
        {
            Call_avaDcRemoveSession(replaced.Wire);
        }

        s_sessions[pSessionHandle] = new Session(wire, callbackFn);
        return StatusSuccess;
    }

    [UnmanagedCallersOnly(EntryPoint = "cpaDcResetSession")]
    public static partial int cpaDcResetSession(CpaInstanceHandle dcInstance, nint pSessionHandle) =>
        s_sessions.TryGetValue(pSessionHandle, out var session) ? Call_avaDcResetSession(session.Wire) : StatusInvalidParam;

    [UnmanagedCallersOnly(EntryPoint = "cpaDcRemoveSession")]
    public static partial int cpaDcRemoveSession(CpaInstanceHandle dcInstance, nint pSessionHandle) =>
        s_sessions.TryRemove(pSessionHandle, out var session) ? Call_avaDcRemoveSession(session.Wire) : StatusInvalidParam;

    [UnmanagedCallersOnly(EntryPoint = "cpaDcCompressData")]
    public static partial int cpaDcCompressData(CpaInstanceHandle dcInstance, nint pSessionHandle, CpaBufferList* pSrcBuff, CpaBufferList* pDestBuff, CpaDcRqResults* pResults, int flushFlag, nint callbackTag) =>
        Request(dcInstance, pSessionHandle, 0, pSrcBuff, pDestBuff, null, flushFlag, pResults, callbackTag);

    [UnmanagedCallersOnly(EntryPoint = "cpaDcCompressData2")]
    public static partial int cpaDcCompressData2(CpaInstanceHandle dcInstance, nint pSessionHandle, CpaBufferList* pSrcBuff, CpaBufferList* pDestBuff, void* pOpData, CpaDcRqResults* pResults, nint callbackTag) =>
        pOpData == null ? StatusInvalidParam : Request(dcInstance, pSessionHandle, 1, pSrcBuff, pDestBuff, pOpData, 0, pResults, callbackTag);

    [UnmanagedCallersOnly(EntryPoint = "cpaDcDecompressData")]
    public static partial int cpaDcDecompressData(CpaInstanceHandle dcInstance, nint pSessionHandle, CpaBufferList* pSrcBuff, CpaBufferList* pDestBuff, CpaDcRqResults* pResults, int flushFlag, nint callbackTag) =>
        Request(dcInstance, pSessionHandle, 2, pSrcBuff, pDestBuff, null, flushFlag, pResults, callbackTag);

    [UnmanagedCallersOnly(EntryPoint = "cpaDcDecompressData2")]
    public static partial int cpaDcDecompressData2(CpaInstanceHandle dcInstance, nint pSessionHandle, CpaBufferList* pSrcBuff, CpaBufferList* pDestBuff, void* pOpData, CpaDcRqResults* pResults, nint callbackTag) =>
        pOpData == null ? StatusInvalidParam : Request(dcInstance, pSessionHandle, 3, pSrcBuff, pDestBuff, pOpData, 0, pResults, callbackTag);

    [UnmanagedCallersOnly(EntryPoint = "icp_sal_DcPollInstance")]
    public static partial int icp_sal_DcPollInstance(CpaInstanceHandle instanceHandle, uint response_quota)
    {
        var status = Call_icp_sal_DcPollInstance(instanceHandle, response_quota);
        var ran = 0u;
        if (s_completed.TryGetValue(instanceHandle.Value, out var queue))
        {
            while ((response_quota == 0 || ran < response_quota) && queue.TryDequeue(out var done))
            {
                ((delegate* unmanaged<nint, int, void>)done.Callback)(done.Tag, StatusSuccess);
                ran++;
            }
        }

        return ran > 0 ? StatusSuccess : status;
    }

    /// <summary>One request: the source list gathered, the destination's bytes scattered back as the library produced them.</summary>
    private static int Request(CpaInstanceHandle instance, nint sessionMemory, int operation, CpaBufferList* source, CpaBufferList* destination, void* opData, int flushFlag, CpaDcRqResults* results, nint tag)
    {
        if (!s_sessions.TryGetValue(sessionMemory, out var session) || results == null
            || !ListBytes(source, out var sourceBytes) || !ListBytes(destination, out var destinationBytes))
        {
            return StatusInvalidParam;
        }

        var gathered = Room(ref t_source, ref t_sourceCapacity, sourceBytes);
        var produced = Room(ref t_destination, ref t_destinationCapacity, destinationBytes);
        Gather(source, gathered);
        var status = Call_avaDcRequest(instance, session.Wire, operation, gathered, sourceBytes, produced, destinationBytes, opData, flushFlag, results);
        if (status == StatusSuccess)
        {
            Scatter(destination, produced, Math.Min(results->produced, destinationBytes));
            if (session.Callback != 0)
            {
                s_completed.GetOrAdd(instance.Value, _ => new()).Enqueue((session.Callback, tag));
            }
        }

        return status;
    }

    /// <summary>The bytes a list holds; false for a list the library would refuse (no buffers array, a buffer without data, more than 4 GiB).</summary>
    private static bool ListBytes(CpaBufferList* list, out uint bytes)
    {
        bytes = 0;
        if (list == null || (list->numBuffers != 0 && list->pBuffers == null))
        {
            return false;
        }

        ulong total = 0;
        for (var i = 0u; i < list->numBuffers; i++)
        {
            var flat = list->pBuffers[i];
            if (flat.dataLenInBytes != 0 && flat.pData == null)
            {
                return false;
            }

            total += flat.dataLenInBytes;
        }

        bytes = (uint)Math.Min(total, uint.MaxValue);
        return total <= uint.MaxValue;
    }

    private static byte* Room(ref byte* buffer, ref uint capacity, uint bytes)
    {
        if (bytes > capacity || buffer == null)
        {
            NativeMemory.Free(buffer);
            capacity = Math.Max(bytes, 4096u);
            buffer = (byte*)NativeMemory.Alloc(capacity);
        }

        return buffer;
    }

    private static void Gather(CpaBufferList* list, byte* into)
    {
        for (var i = 0u; i < list->numBuffers; i++)
        {
            var flat = list->pBuffers[i];
            Buffer.MemoryCopy(flat.pData, into, flat.dataLenInBytes, flat.dataLenInBytes);
            into += flat.dataLenInBytes;
        }
    }

    private static void Scatter(CpaBufferList* list, byte* from, uint bytes)
    {
        for (var i = 0u; i < list->numBuffers && bytes > 0; i++)
        {
            var flat = list->pBuffers[i];
            var n = Math.Min(flat.dataLenInBytes, bytes);
            Buffer.MemoryCopy(from, flat.pData, n, n);
            from += n;
            bytes -= n;
        }
    }

    // The wire functions are not the library's: the drop-in exports no such entry point, and a call here is refused.
    public static partial int avaDcInitSession(CpaInstanceHandle dcInstance, CpaDcSessionHandle* session, void* pSessionData, int withCallback) => StatusUnsupported;

    public static partial int avaDcResetSession(CpaDcSessionHandle session) => StatusUnsupported;

    public static partial int avaDcRemoveSession(CpaDcSessionHandle session) => StatusUnsupported;

    public static partial int avaDcRequest(CpaInstanceHandle dcInstance, CpaDcSessionHandle session, int operation, byte* src, uint srcLength, byte* dest, uint destLength, void* pOpData, int flushFlag, CpaDcRqResults* pResults) => StatusUnsupported;
}
