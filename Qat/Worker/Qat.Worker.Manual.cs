// Worker-side hand-written parts of the QuickAssist backend: the wire functions (Qat/Spec/Qat.cs), which the worker
// carries out with the real library over memory of its own, and the hooks that keep application addresses away
// from the library.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Ava.Worker;

namespace Ava.Qat;

/// <summary>The worker's hand-written parts of the QuickAssist backend.</summary>
public static unsafe partial class Qat
{
    private const int StatusSuccess = 0;
    private const int StatusFail = -1;
    private const int StatusRetry = -2;
    private const int StatusInvalidParam = -4;
    private const int StatusUnsupported = -6;

    /// <summary>A session's memory in the worker, its instance and whether its requests complete by callback.</summary>
    private sealed record WorkerSession(nint Instance, bool Callback);

    private static readonly ConcurrentDictionary<nint, WorkerSession> s_workerSessions = new();

    /// <summary>A request of a callback session: set by the library's callback, which may run on any polling thread.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Completion
    {
        public int Done;
        public int Status;
    }

    static Qat()
    {
        // Wire-only functions have no export in the real library: the worker carries them out itself.
        __real[FunctionIds.avaDcInitSession] = (nint)(delegate* unmanaged<CpaInstanceHandle, CpaDcSessionHandle*, void*, int, int>)&InitSession;
        __real[FunctionIds.avaDcResetSession] = (nint)(delegate* unmanaged<CpaDcSessionHandle, int>)&ResetSession;
        __real[FunctionIds.avaDcRemoveSession] = (nint)(delegate* unmanaged<CpaDcSessionHandle, int>)&RemoveSession;
        __real[FunctionIds.avaDcRequest] = (nint)(delegate* unmanaged<CpaInstanceHandle, CpaDcSessionHandle, int, byte*, uint, byte*, uint, void*, int, CpaDcRqResults*, int>)&Request;
    }

    /// <summary>The session's memory, of the size the library asks for, initialized by the library in the worker.</summary>
    [UnmanagedCallersOnly]
    private static int InitSession(CpaInstanceHandle instance, CpaDcSessionHandle* session, void* setup, int withCallback)
    {
        if (session == null || setup == null)
        {
            return StatusInvalidParam;
        }

        uint sessionBytes, contextBytes;
        var status = cpaDcGetSessionSize(instance, setup, &sessionBytes, &contextBytes);
        if (status != StatusSuccess)
        {
            return status;
        }

        // A stateful session keeps history in a context buffer list of the application's: not carried.
        if (contextBytes != 0)
        {
            return StatusUnsupported;
        }

        var memory = NativeMemory.AllocZeroed(Math.Max(sessionBytes, 1u));
        var callback = withCallback != 0 ? (nint)(delegate* unmanaged<nint, int, void>)&Completed : 0;
        status = cpaDcInitSession(instance, (nint)memory, setup, null, callback);
        if (status != StatusSuccess)
        {
            NativeMemory.Free(memory);
            return status;
        }

        s_workerSessions[(nint)memory] = new WorkerSession(instance.Value, withCallback != 0);
        session->Value = (nint)memory;
        return StatusSuccess;
    }

    [UnmanagedCallersOnly]
    private static int ResetSession(CpaDcSessionHandle session) =>
        s_workerSessions.TryGetValue(session.Value, out var s) ? cpaDcResetSession(new CpaInstanceHandle { Value = s.Instance }, session.Value) : StatusInvalidParam;

    [UnmanagedCallersOnly]
    private static int RemoveSession(CpaDcSessionHandle session)
    {
        if (!s_workerSessions.TryRemove(session.Value, out var s))
        {
            return StatusInvalidParam;
        }

        var status = cpaDcRemoveSession(new CpaInstanceHandle { Value = s.Instance }, session.Value);
        NativeMemory.Free((void*)session.Value);
        return status;
    }

    /// <summary>
    /// One request over the bytes that arrived: one-buffer lists of the worker's (with the metadata the library asks
    /// for), the real entry point the application called, and for a callback session a poll of the instance until
    /// the library's callback came, so that the bytes produced are there when the reply goes.
    /// </summary>
    [UnmanagedCallersOnly]
    private static int Request(CpaInstanceHandle instance, CpaDcSessionHandle session, int operation, byte* src, uint srcLength, byte* dest, uint destLength, void* opData, int flushFlag, CpaDcRqResults* results)
    {
        if (!s_workerSessions.TryGetValue(session.Value, out var s) || s.Instance != instance.Value || results == null
            || operation is < 0 or > 3 || ((operation is 1 or 3) != (opData != null)))
        {
            return StatusInvalidParam;
        }

        uint metaBytes;
        var status = cpaDcBufferListGetMetaSize(instance, 1, &metaBytes);
        if (status != StatusSuccess)
        {
            return status;
        }

        var sourceMeta = metaBytes == 0 ? null : NativeMemory.AllocZeroed(metaBytes);
        var destinationMeta = metaBytes == 0 ? null : NativeMemory.AllocZeroed(metaBytes);
        try
        {
            var sourceFlat = new CpaFlatBuffer { dataLenInBytes = srcLength, pData = src };
            var destinationFlat = new CpaFlatBuffer { dataLenInBytes = destLength, pData = dest };
            var sourceList = new CpaBufferList { numBuffers = 1, pBuffers = &sourceFlat, pPrivateMetaData = sourceMeta };
            var destinationList = new CpaBufferList { numBuffers = 1, pBuffers = &destinationFlat, pPrivateMetaData = destinationMeta };
            var completion = new Completion();
            var tag = s.Callback ? (nint)(&completion) : 0;
            status = operation switch
            {
                0 => cpaDcCompressData(instance, session.Value, &sourceList, &destinationList, results, flushFlag, tag),
                1 => cpaDcCompressData2(instance, session.Value, &sourceList, &destinationList, opData, results, tag),
                2 => cpaDcDecompressData(instance, session.Value, &sourceList, &destinationList, results, flushFlag, tag),
                _ => cpaDcDecompressData2(instance, session.Value, &sourceList, &destinationList, opData, results, tag),
            };
            while (status == StatusSuccess && s.Callback && Volatile.Read(ref completion.Done) == 0)
            {
                var polled = icp_sal_DcPollInstance(instance, 0);
                if (polled != StatusSuccess && polled != StatusRetry)
                {
                    return polled;
                }

                if (polled == StatusRetry)
                {
                    Thread.Yield();
                }
            }

            return status == StatusSuccess && s.Callback ? completion.Status : status;
        }
        finally
        {
            NativeMemory.Free(sourceMeta);
            NativeMemory.Free(destinationMeta);
        }
    }

    [UnmanagedCallersOnly]
    private static void Completed(nint tag, int status)
    {
        var completion = (Completion*)tag;
        completion->Status = status;
        Volatile.Write(ref completion->Done, 1);
    }

    /// <summary>
    /// The worker's own translation for the library: its buffers are the worker's virtual memory, and the address the
    /// application passed is a function of the application's process.
    /// </summary>
    private static void OwnTranslation(WorkerCall call, ref CpaInstanceHandle instanceHandle, ref nint virtual2Physical) =>
        virtual2Physical = (nint)(delegate* unmanaged<void*, ulong>)&VirtualAddress;

    [UnmanagedCallersOnly]
    private static ulong VirtualAddress(void* address) => (ulong)address;

    /// <summary>Intermediate buffers would be lists in the application's memory: only an instance that needs none starts.</summary>
    private static bool WithoutIntermediateBuffers(WorkerCall call, out int ret, ref CpaInstanceHandle instanceHandle, ref ushort numBuffers, ref nint pIntermediateBuffers)
    {
        ret = numBuffers == 0 ? StatusSuccess : StatusUnsupported;
        pIntermediateBuffers = 0;
        return numBuffers == 0;
    }
}
