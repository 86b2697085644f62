// Spec of Intel QuickAssist's data-compression API as exported by libqat_s.so (declarations from cpa.h, dc/cpa_dc.h,
// icp_sal_user.h and icp_sal_poll.h of qatlib 20.08.0; unversioned symbols). Each declaration keeps the C name and
// parameter names; the /// comment gives the C signature. Design choices that shape the annotations:
// - Instances (CpaInstanceHandle) are the worker's wire ids. A session (CpaDcSessionHandle) is memory the application
//   allocates and the library keeps its state in: remoted, the application's memory stays the application's, and the
//   state lives in session memory of the worker's, named by a wire id the guest keeps for the application's address
//   (the wire functions avaDcInitSession, avaDcResetSession, avaDcRemoveSession).
// - A request's buffer lists (CpaBufferList of CpaFlatBuffer) point into the application's memory: the guest gathers
//   the source list into one buffer and the worker hands the library lists of its own over the bytes that arrived,
//   then the bytes produced travel back and the guest scatters them into the destination list (the wire function
//   avaDcRequest, one for the four compress and decompress entry points).
// - A session with a callback completes its requests in the worker before the reply (the worker polls the real
//   instance until the library's callback came), and the guest runs the application's callback from
//   icp_sal_DcPollInstance, as the library would, in order.
// - Structures passed by pointer travel as the bytes of their C layout (sizes from cpa.h and cpa_dc.h, x86-64).
// - Functions no program here calls and whose C form does not cross a process (cpaDcGenerateHeader/Footer write
//   into a flat buffer of the application's, cpaDcInstanceSetNotificationCb registers a callback the worker could not
//   run in time, cpaDcUpdateSession) are exported and answer CPA_STATUS_UNSUPPORTED.
using Ava.Spec;

namespace Ava.Qat;

/// <summary><c>typedef void *CpaInstanceHandle;</c> An acceleration instance.</summary>
[HandleType(CName = "CpaInstanceHandle")]
public struct CpaInstanceHandle
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary>A compression session's state in the worker (the wire form of <c>CpaDcSessionHandle</c>).</summary>
[HandleType(CName = "CpaDcSessionHandle")]
public struct CpaDcSessionHandle
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct _CpaFlatBuffer { Cpa32U dataLenInBytes; Cpa8U *pData; } CpaFlatBuffer;</c></summary>
public unsafe struct CpaFlatBuffer
{
    /// <summary>Bytes at <see cref="pData"/>.</summary>
    public uint dataLenInBytes;

    /// <summary>The data.</summary>
    public byte* pData;
}

/// <summary><c>typedef struct _CpaBufferList { Cpa32U numBuffers; CpaFlatBuffer *pBuffers; void *pUserData; void *pPrivateMetaData; } CpaBufferList;</c></summary>
public unsafe struct CpaBufferList
{
    /// <summary>Flat buffers in the list.</summary>
    public uint numBuffers;

    /// <summary>The flat buffers.</summary>
    public CpaFlatBuffer* pBuffers;

    /// <summary>The application's own pointer.</summary>
    public void* pUserData;

    /// <summary>Memory of cpaDcBufferListGetMetaSize bytes the library may use.</summary>
    public void* pPrivateMetaData;
}

/// <summary><c>typedef struct _CpaDcRqResults { CpaDcReqStatus status; Cpa32U produced; Cpa32U consumed; Cpa32U checksum; CpaBoolean endOfLastBlock; } CpaDcRqResults;</c></summary>
public struct CpaDcRqResults
{
    /// <summary>The request's status (CPA_DC_OK, CPA_DC_OVERFLOW, ...).</summary>
    public int status;

    /// <summary>Bytes written to the destination.</summary>
    public uint produced;

    /// <summary>Bytes read from the source.</summary>
    public uint consumed;

    /// <summary>The running checksum, in and out.</summary>
    public uint checksum;

    /// <summary>Whether the final deflate block was reached.</summary>
    public int endOfLastBlock;
}

/// <summary>QuickAssist compression, qatlib 20.08.0.</summary>
[Api("qat", 11, Version = "20.08.0", SoName = "libqat_s.so", Header = "cpa.h, dc/cpa_dc.h, icp_sal_user.h, icp_sal_poll.h (qatlib 20.08.0)",
    RealLibrary = new[] { "{bin}/../lib/reference/libqat_s.so" })]
[SuccessValue(0)] // CPA_STATUS_SUCCESS
[TransportError(-1)] // CPA_STATUS_FAIL
[OutOfResources(-3)] // CPA_STATUS_RESOURCE: a bound of the tenant (live objects, threads) refused the call
public static unsafe partial class Qat
{
    /// <summary>sizeof(CpaInstanceInfo2).</summary>
    internal const int InstanceInfo2Bytes = 452;

    /// <summary>sizeof(CpaDcInstanceCapabilities).</summary>
    internal const int CapabilitiesBytes = 124;

    /// <summary>sizeof(CpaDcSessionSetupData).</summary>
    internal const int SessionSetupBytes = 36;

    /// <summary>sizeof(CpaDcOpData).</summary>
    internal const int OpDataBytes = 44;

    /// <summary>sizeof(CpaDcStats).</summary>
    internal const int StatsBytes = 72;

    /// <summary>CPA_STATUS_MAX_STR_LENGTH_IN_BYTES.</summary>
    internal const int StatusTextBytes = 255;

    // ---- Starting and stopping (icp_sal_user.h, the ADF library) ----------------------------------------------

    /// <summary><c>CpaStatus icp_sal_userStart(const char *pProcessName);</c></summary>
    public static partial int icp_sal_userStart([String] sbyte* pProcessName);

    /// <summary><c>CpaStatus icp_sal_userStartMultiProcess(const char *pProcessName, CpaBoolean limitDevAccess);</c></summary>
    public static partial int icp_sal_userStartMultiProcess([String] sbyte* pProcessName, int limitDevAccess);

    /// <summary><c>CpaStatus icp_sal_userStop(void);</c></summary>
    public static partial int icp_sal_userStop();

    /// <summary><c>CpaStatus icp_sal_userDcGetAvailableNumDynInstances(Cpa32U *pNumDcInstances);</c></summary>
    public static partial int icp_sal_userDcGetAvailableNumDynInstances([Out] uint* pNumDcInstances);

    /// <summary><c>CpaStatus icp_adf_get_numDevices(Cpa32U *pNumDevices);</c> (the ADF library's, exported by libqat_s.so; QATzip declares it)</summary>
    public static partial int icp_adf_get_numDevices([Out] uint* pNumDevices);

    // ---- Instances --------------------------------------------------------------------------------------------

    /// <summary><c>CpaStatus cpaDcGetNumInstances(Cpa16U *pNumInstances);</c></summary>
    public static partial int cpaDcGetNumInstances([Out] ushort* pNumInstances);

    /// <summary><c>CpaStatus cpaDcGetInstances(Cpa16U numInstances, CpaInstanceHandle *dcInstances);</c></summary>
    public static partial int cpaDcGetInstances(ushort numInstances, [Out, Buffer("numInstances")] CpaInstanceHandle* dcInstances);

    /// <summary><c>CpaStatus cpaDcInstanceGetInfo2(const CpaInstanceHandle instanceHandle, CpaInstanceInfo2 *pInstanceInfo2);</c></summary>
    public static partial int cpaDcInstanceGetInfo2(CpaInstanceHandle instanceHandle, [Out, Buffer("1", ElementSize = InstanceInfo2Bytes)] void* pInstanceInfo2);

    /// <summary><c>CpaStatus cpaDcQueryCapabilities(CpaInstanceHandle dcInstance, CpaDcInstanceCapabilities *pInstanceCapabilities);</c></summary>
    public static partial int cpaDcQueryCapabilities(CpaInstanceHandle dcInstance, [Out, Buffer("1", ElementSize = CapabilitiesBytes)] void* pInstanceCapabilities);

    /// <summary><c>CpaStatus cpaDcGetNumIntermediateBuffers(CpaInstanceHandle instanceHandle, Cpa16U *pNumBuffers);</c></summary>
    public static partial int cpaDcGetNumIntermediateBuffers(CpaInstanceHandle instanceHandle, [Out] ushort* pNumBuffers);

    /// <summary><c>CpaStatus cpaDcBufferListGetMetaSize(const CpaInstanceHandle instanceHandle, Cpa32U numBuffers, Cpa32U *pSizeInBytes);</c></summary>
    public static partial int cpaDcBufferListGetMetaSize(CpaInstanceHandle instanceHandle, uint numBuffers, [Out] uint* pSizeInBytes);

    /// <summary><c>CpaStatus cpaDcSetAddressTranslation(const CpaInstanceHandle instanceHandle, CpaVirtualToPhysical virtual2Physical);</c>
    /// The application's function cannot translate the worker's memory: the worker passes its own.</summary>
    [WorkerHook(Before = "OwnTranslation")]
    public static partial int cpaDcSetAddressTranslation(CpaInstanceHandle instanceHandle, nint virtual2Physical);

    /// <summary><c>CpaStatus cpaDcStartInstance(CpaInstanceHandle instanceHandle, Cpa16U numBuffers, CpaBufferList **pIntermediateBuffers);</c>
    /// Intermediate buffers would be device scratch memory in the application's process: only an instance that needs
    /// none (cpaDcGetNumIntermediateBuffers answers 0) is started.</summary>
    [WorkerHook(Guard = "WithoutIntermediateBuffers")]
    public static partial int cpaDcStartInstance(CpaInstanceHandle instanceHandle, ushort numBuffers, nint pIntermediateBuffers);

    /// <summary><c>CpaStatus cpaDcStopInstance(CpaInstanceHandle instanceHandle);</c></summary>
    public static partial int cpaDcStopInstance(CpaInstanceHandle instanceHandle);

    /// <summary><c>CpaStatus cpaDcGetStats(CpaInstanceHandle dcInstance, CpaDcStats *pStatistics);</c></summary>
    public static partial int cpaDcGetStats(CpaInstanceHandle dcInstance, [Out, Buffer("1", ElementSize = StatsBytes)] void* pStatistics);

    /// <summary><c>CpaStatus cpaDcGetStatusText(const CpaInstanceHandle dcInstance, const CpaStatus errStatus, Cpa8S *pStatusText);</c></summary>
    public static partial int cpaDcGetStatusText(CpaInstanceHandle dcInstance, int errStatus, [Out, Buffer("1", ElementSize = StatusTextBytes)] sbyte* pStatusText);

    /// <summary><c>CpaStatus icp_sal_DcPollInstance(CpaInstanceHandle instanceHandle, Cpa32U response_quota);</c>
    /// The guest runs the callbacks of requests the worker completed, then asks the instance.</summary>
    [Manual(Side.Guest)]
    public static partial int icp_sal_DcPollInstance(CpaInstanceHandle instanceHandle, uint response_quota);

    /// <summary><c>CpaStatus cpaDcInstanceSetNotificationCb(const CpaInstanceHandle instanceHandle, const CpaDcInstanceNotificationCbFunc pInstanceNotificationCb, void *pCallbackTag);</c></summary>
    [NotRemoted(-6)] // CPA_STATUS_UNSUPPORTED
    public static partial int cpaDcInstanceSetNotificationCb(CpaInstanceHandle instanceHandle, nint pInstanceNotificationCb, nint pCallbackTag);

    // ---- Sessions ---------------------------------------------------------------------------------------------

    /// <summary><c>CpaStatus cpaDcGetSessionSize(CpaInstanceHandle dcInstance, CpaDcSessionSetupData *pSessionData, Cpa32U *pSessionSize, Cpa32U *pContextSize);</c></summary>
    public static partial int cpaDcGetSessionSize(CpaInstanceHandle dcInstance, [In, Buffer("1", ElementSize = SessionSetupBytes)] void* pSessionData, [Out] uint* pSessionSize, [Out] uint* pContextSize);

    /// <summary><c>CpaStatus cpaDcInitSession(CpaInstanceHandle dcInstance, CpaDcSessionHandle pSessionHandle, CpaDcSessionSetupData *pSessionData, CpaBufferList *pContextBuffer, CpaDcCallbackFn callbackFn);</c></summary>
    [GuestOnly]
    public static partial int cpaDcInitSession(CpaInstanceHandle dcInstance, nint pSessionHandle, [In, Buffer("1", ElementSize = SessionSetupBytes)] void* pSessionData, [In] CpaBufferList* pContextBuffer, nint callbackFn);

    /// <summary><c>CpaStatus cpaDcResetSession(const CpaInstanceHandle dcInstance, CpaDcSessionHandle pSessionHandle);</c></summary>
    [GuestOnly]
    public static partial int cpaDcResetSession(CpaInstanceHandle dcInstance, nint pSessionHandle);

    /// <summary><c>CpaStatus cpaDcRemoveSession(const CpaInstanceHandle dcInstance, CpaDcSessionHandle pSessionHandle);</c></summary>
    [GuestOnly]
    public static partial int cpaDcRemoveSession(CpaInstanceHandle dcInstance, nint pSessionHandle);

    /// <summary><c>CpaStatus cpaDcUpdateSession(const CpaInstanceHandle dcInstance, CpaDcSessionHandle pSessionHandle, CpaDcSessionUpdateData *pSessionUpdateData);</c></summary>
    [NotRemoted(-6)]
    public static partial int cpaDcUpdateSession(CpaInstanceHandle dcInstance, nint pSessionHandle, nint pSessionUpdateData);

    /// <summary>Wire form of cpaDcInitSession (not exported by the library; the worker allocates the session's memory
    /// of cpaDcGetSessionSize bytes and initializes it there): <paramref name="withCallback"/> 1 for a session whose
    /// requests complete by callback.</summary>
    [Manual(Side.Guest)]
    public static partial int avaDcInitSession(CpaInstanceHandle dcInstance, [Out, Allocates] CpaDcSessionHandle* session, [In, Buffer("1", ElementSize = SessionSetupBytes)] void* pSessionData, int withCallback);

    /// <summary>Wire form of cpaDcResetSession.</summary>
    [Manual(Side.Guest)]
    public static partial int avaDcResetSession(CpaDcSessionHandle session);

    /// <summary>Wire form of cpaDcRemoveSession: the session is removed from its instance and its memory freed.</summary>
    [Manual(Side.Guest)]
    public static partial int avaDcRemoveSession([Deallocates] CpaDcSessionHandle session);

    // ---- Requests ---------------------------------------------------------------------------------------------

    /// <summary><c>CpaStatus cpaDcCompressData(CpaInstanceHandle dcInstance, CpaDcSessionHandle pSessionHandle, CpaBufferList *pSrcBuff, CpaBufferList *pDestBuff, CpaDcRqResults *pResults, CpaDcFlush flushFlag, void *callbackTag);</c></summary>
    [GuestOnly]
    public static partial int cpaDcCompressData(CpaInstanceHandle dcInstance, nint pSessionHandle, [In] CpaBufferList* pSrcBuff, [In] CpaBufferList* pDestBuff, [InOut] CpaDcRqResults* pResults, int flushFlag, nint callbackTag);

    /// <summary><c>CpaStatus cpaDcCompressData2(CpaInstanceHandle dcInstance, CpaDcSessionHandle pSessionHandle, CpaBufferList *pSrcBuff, CpaBufferList *pDestBuff, CpaDcOpData *pOpData, CpaDcRqResults *pResults, void *callbackTag);</c></summary>
    [GuestOnly]
    public static partial int cpaDcCompressData2(CpaInstanceHandle dcInstance, nint pSessionHandle, [In] CpaBufferList* pSrcBuff, [In] CpaBufferList* pDestBuff, [In, Buffer("1", ElementSize = OpDataBytes)] void* pOpData, [InOut] CpaDcRqResults* pResults, nint callbackTag);

    /// <summary><c>CpaStatus cpaDcDecompressData(CpaInstanceHandle dcInstance, CpaDcSessionHandle pSessionHandle, CpaBufferList *pSrcBuff, CpaBufferList *pDestBuff, CpaDcRqResults *pResults, CpaDcFlush flushFlag, void *callbackTag);</c></summary>
    [GuestOnly]
    public static partial int cpaDcDecompressData(CpaInstanceHandle dcInstance, nint pSessionHandle, [In] CpaBufferList* pSrcBuff, [In] CpaBufferList* pDestBuff, [InOut] CpaDcRqResults* pResults, int flushFlag, nint callbackTag);

    /// <summary><c>CpaStatus cpaDcDecompressData2(CpaInstanceHandle dcInstance, CpaDcSessionHandle pSessionHandle, CpaBufferList *pSrcBuff, CpaBufferList *pDestBuff, CpaDcOpData *pOpData, CpaDcRqResults *pResults, void *callbackTag);</c></summary>
    [GuestOnly]
    public static partial int cpaDcDecompressData2(CpaInstanceHandle dcInstance, nint pSessionHandle, [In] CpaBufferList* pSrcBuff, [In] CpaBufferList* pDestBuff, [In, Buffer("1", ElementSize = OpDataBytes)] void* pOpData, [InOut] CpaDcRqResults* pResults, nint callbackTag);

    /// <summary><c>CpaStatus cpaDcGenerateHeader(CpaDcSessionHandle pSessionHandle, CpaFlatBuffer *pDestBuff, Cpa32U *count);</c></summary>
    [NotRemoted(-6)]
    public static partial int cpaDcGenerateHeader(nint pSessionHandle, nint pDestBuff, nint count);

    /// <summary><c>CpaStatus cpaDcGenerateFooter(CpaDcSessionHandle pSessionHandle, CpaFlatBuffer *pDestBuff, CpaDcRqResults *pResults);</c></summary>
    [NotRemoted(-6)]
    public static partial int cpaDcGenerateFooter(nint pSessionHandle, nint pDestBuff, nint pResults);

    /// <summary>Wire form of the four request entry points (not exported by the library): the source's bytes
    /// gathered, room for the destination's, and which entry point (<paramref name="operation"/>: 0
    /// cpaDcCompressData, 1 cpaDcCompressData2, 2 cpaDcDecompressData, 3 cpaDcDecompressData2; the *2 forms take
    /// <paramref name="pOpData"/>, the others <paramref name="flushFlag"/>). The results go back, and the bytes produced.</summary>
    [Manual(Side.Guest)]
    public static partial int avaDcRequest(CpaInstanceHandle dcInstance, CpaDcSessionHandle session, int operation,
        [In, Buffer("srcLength", ElementSize = 1)] byte* src, uint srcLength, [Out, Buffer("destLength", ElementSize = 1)] byte* dest, uint destLength,
        [In, Buffer("1", ElementSize = OpDataBytes)] void* pOpData, int flushFlag, [InOut] CpaDcRqResults* pResults);
}
