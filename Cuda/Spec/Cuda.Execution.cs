// Spec of the CUDA driver API, continued: contexts, devices, functions, kernels, libraries and streams beyond Cuda.cs,
// and the first forms of execution control (cuFuncSetBlockShape, cuParamSet*, cuLaunch*) that the driver still carries
// out (cuda.h, CUDA 13.0).
using Ava.Spec;

namespace Ava.Cuda;

/// <summary>The CUDA driver API, continued (see Cuda.cs).</summary>
public static unsafe partial class Cuda
{
    /// <summary><c>CUresult cuCtxAttach(CUcontext *pctx, unsigned int flags);</c></summary>
    [ChangesGuestState("context")]
    public static partial int cuCtxAttach([Out] CUcontext* pctx, uint flags);

    /// <summary><c>CUresult cuCtxCreate(CUcontext* pctx, uint flags, int dev);</c> The first form, before cuCtxCreate_v2.</summary>
    [ChangesGuestState("context")]
    public static partial int cuCtxCreate([Out, Allocates] CUcontext* pctx, uint flags, int dev);

    /// <summary><c>CUresult cuCtxCreate_v3(CUcontext *pctx, CUexecAffinityParam *paramsArray, int numParams, unsigned int flags, CUdevice dev);</c> CUexecAffinityParam is 8 bytes of plain values.</summary>
    [ChangesGuestState("context")]
    public static partial int cuCtxCreate_v3([Out, Allocates] CUcontext* pctx, [In, Buffer("numParams", ElementSize = 8)] void* paramsArray, int numParams, uint flags, int dev);

    /// <summary><c>CUresult cuCtxDestroy(CUcontext ctx);</c> The first form, before cuCtxDestroy_v2.</summary>
    [ChangesGuestState("context", AllThreads = true)]
    public static partial int cuCtxDestroy([Deallocates] CUcontext ctx);

    /// <summary><c>CUresult cuCtxDetach(CUcontext ctx);</c></summary>
    [ChangesGuestState("context", AllThreads = true)]
    public static partial int cuCtxDetach(CUcontext ctx);

    /// <summary><c>CUresult cuCtxGetExecAffinity(CUexecAffinityParam *pExecAffinity, CUexecAffinityType type_);</c> CUexecAffinityParam is 8 bytes (a type and an SM count).</summary>
    public static partial int cuCtxGetExecAffinity([Out, Buffer("1", ElementSize = 8)] void* pExecAffinity, int type);

    /// <summary><c>CUresult cuCtxGetSharedMemConfig(CUsharedconfig *pConfig);</c></summary>
    public static partial int cuCtxGetSharedMemConfig([Out] int* pConfig);

    /// <summary><c>CUresult cuCtxRecordEvent(CUcontext hCtx, CUevent hEvent);</c></summary>
    public static partial int cuCtxRecordEvent(CUcontext hCtx, CUevent hEvent);

    /// <summary><c>CUresult cuCtxResetPersistingL2Cache(void);</c></summary>
    public static partial int cuCtxResetPersistingL2Cache();

    /// <summary><c>CUresult cuCtxSetSharedMemConfig(CUsharedconfig config);</c></summary>
    [ChangesGuestState("attributes")]
    public static partial int cuCtxSetSharedMemConfig(int config);

    /// <summary><c>CUresult cuCtxWaitEvent(CUcontext hCtx, CUevent hEvent);</c></summary>
    public static partial int cuCtxWaitEvent(CUcontext hCtx, CUevent hEvent);

    /// <summary><c>CUresult cuDeviceGetExecAffinitySupport(int *pi, CUexecAffinityType type_, CUdevice dev);</c></summary>
    public static partial int cuDeviceGetExecAffinitySupport([Out] int* pi, int type, int dev);

    /// <summary><c>CUresult cuDeviceGetHostAtomicCapabilities(unsigned int *capabilities, const CUatomicOperation *operations, unsigned int count, CUdevice dev);</c></summary>
    public static partial int cuDeviceGetHostAtomicCapabilities([Out, Buffer("count")] uint* capabilities, [In, Buffer("count")] int* operations, uint count, int dev);

    /// <summary><c>CUresult cuDeviceGetLuid(char *luid, unsigned int *deviceNodeMask, CUdevice dev);</c></summary>
    public static partial int cuDeviceGetLuid([Out, Buffer("8")] sbyte* luid, [Out] uint* deviceNodeMask, int dev);

    /// <summary><c>CUresult cuDeviceGetP2PAtomicCapabilities(unsigned int *capabilities, const CUatomicOperation *operations, unsigned int count, CUdevice srcDevice, CUdevice dstDevice);</c></summary>
    public static partial int cuDeviceGetP2PAtomicCapabilities([Out, Buffer("count")] uint* capabilities, [In, Buffer("count")] int* operations, uint count, int srcDevice, int dstDevice);

    /// <summary><c>CUresult cuDeviceGetProperties(CUdevprop *prop, CUdevice dev);</c> CUdevprop is 14 ints.</summary>
    public static partial int cuDeviceGetProperties([Out, Buffer("1", ElementSize = 56)] void* prop, int dev);

    /// <summary><c>CUresult cuDeviceGetTexture1DLinearMaxWidth(size_t *maxWidthInElements, CUarray_format format, unsigned int numChannels, CUdevice dev);</c></summary>
    public static partial int cuDeviceGetTexture1DLinearMaxWidth([Out] nuint* maxWidthInElements, int format, uint numChannels, int dev);

    /// <summary><c>CUresult cuEventDestroy(CUevent hEvent);</c> The first form, before cuEventDestroy_v2.</summary>
    public static partial int cuEventDestroy([Deallocates] CUevent hEvent);

    /// <summary><c>CUresult cuFlushGPUDirectRDMAWrites(CUflushGPUDirectRDMAWritesTarget target, CUflushGPUDirectRDMAWritesScope scope);</c></summary>
    public static partial int cuFlushGPUDirectRDMAWrites(int target, int scope);

    /// <summary><c>CUresult cuFuncIsLoaded(CUfunctionLoadingState *state, CUfunction function);</c></summary>
    public static partial int cuFuncIsLoaded([Out] int* state, CUfunction function);

    /// <summary><c>CUresult cuFuncLoad(CUfunction function);</c></summary>
    public static partial int cuFuncLoad(CUfunction function);

    /// <summary><c>CUresult cuFuncSetBlockShape(CUfunction hfunc, int x, int y, int z);</c></summary>
    public static partial int cuFuncSetBlockShape(CUfunction hfunc, int x, int y, int z);

    /// <summary><c>CUresult cuFuncSetSharedMemConfig(CUfunction hfunc, CUsharedconfig config);</c></summary>
    [ChangesGuestState("attributes")]
    public static partial int cuFuncSetSharedMemConfig(CUfunction hfunc, int config);

    /// <summary><c>CUresult cuFuncSetSharedSize(CUfunction hfunc, unsigned int bytes);</c></summary>
    public static partial int cuFuncSetSharedSize(CUfunction hfunc, uint bytes);

    /// <summary><c>CUresult cuKernelGetParamInfo(CUkernel kernel, size_t paramIndex, size_t *paramOffset, size_t *paramSize);</c></summary>
    public static partial int cuKernelGetParamInfo(CUkernel kernel, nuint paramIndex, [Out] nuint* paramOffset, [Out] nuint* paramSize);

    /// <summary><c>CUresult cuKernelSetCacheConfig(CUkernel kernel, CUfunc_cache config, CUdevice dev);</c></summary>
    public static partial int cuKernelSetCacheConfig(CUkernel kernel, int config, int dev);

    /// <summary><c>CUresult cuLaunch(CUfunction f);</c></summary>
    [Async(Success = 0)]
    public static partial int cuLaunch(CUfunction f);

    /// <summary><c>CUresult cuLaunchGrid(CUfunction f, int grid_width, int grid_height);</c></summary>
    [Async(Success = 0)]
    public static partial int cuLaunchGrid(CUfunction f, int grid_width, int grid_height);

    /// <summary><c>CUresult cuLaunchGridAsync(CUfunction f, int grid_width, int grid_height, CUstream hStream);</c></summary>
    [Async(Success = 0)]
    public static partial int cuLaunchGridAsync(CUfunction f, int grid_width, int grid_height, CUstream hStream);

    /// <summary><c>CUresult cuLibraryEnumerateKernels(CUkernel *kernels, unsigned int numKernels, CUlibrary lib);</c></summary>
    public static partial int cuLibraryEnumerateKernels([Out, Buffer("numKernels")] CUkernel* kernels, uint numKernels, CUlibrary lib);

    /// <summary><c>CUresult cuLibraryGetManaged(CUdeviceptr *dptr, size_t *bytes, CUlibrary library, const char *name);</c></summary>
    public static partial int cuLibraryGetManaged([Out, DeviceRange("*bytes")] CUdeviceptr* dptr, [Out] nuint* bytes, CUlibrary library, [String] sbyte* name);

    /// <summary><c>CUresult cuModuleEnumerateFunctions(CUfunction *functions, unsigned int numFunctions, CUmodule mod_);</c></summary>
    public static partial int cuModuleEnumerateFunctions([Out, Buffer("numFunctions")] CUfunction* functions, uint numFunctions, CUmodule mod);

    /// <summary><c>CUresult cuModuleGetSurfRef(CUsurfref *pSurfRef, CUmodule hmod, const char *name);</c></summary>
    public static partial int cuModuleGetSurfRef([Out] CUsurfref* pSurfRef, CUmodule hmod, [String] sbyte* name);

    /// <summary><c>CUresult cuModuleGetTexRef(CUtexref *pTexRef, CUmodule hmod, const char *name);</c></summary>
    public static partial int cuModuleGetTexRef([Out] CUtexref* pTexRef, CUmodule hmod, [String] sbyte* name);

    /// <summary><c>CUresult cuOccupancyMaxPotentialBlockSizeWithFlags(int *minGridSize, int *blockSize, CUfunction func, CUoccupancyB2DSize blockSizeToDynamicSMemSize, size_t dynamicSMemSize, int blockSizeLimit, unsigned int flags);</c> The size callback would run in the worker: only NULL is accepted.</summary>
    [WorkerHook(Before = "Before_cuOccupancyMaxPotentialBlockSizeWithFlags")]
    public static partial int cuOccupancyMaxPotentialBlockSizeWithFlags([Out] int* minGridSize, [Out] int* blockSize, CUfunction func, nint blockSizeToDynamicSMemSize, nuint dynamicSMemSize, int blockSizeLimit, uint flags);

    /// <summary><c>CUresult cuParamSetSize(CUfunction hfunc, unsigned int numbytes);</c></summary>
    public static partial int cuParamSetSize(CUfunction hfunc, uint numbytes);

    /// <summary><c>CUresult cuParamSetTexRef(CUfunction hfunc, int texunit, CUtexref hTexRef);</c></summary>
    public static partial int cuParamSetTexRef(CUfunction hfunc, int texunit, CUtexref hTexRef);

    /// <summary><c>CUresult cuParamSetf(CUfunction hfunc, int offset, float value);</c></summary>
    public static partial int cuParamSetf(CUfunction hfunc, int offset, float value);

    /// <summary><c>CUresult cuParamSeti(CUfunction hfunc, int offset, unsigned int value);</c></summary>
    public static partial int cuParamSeti(CUfunction hfunc, int offset, uint value);

    /// <summary><c>CUresult cuParamSetv(CUfunction hfunc, int offset, void *ptr, unsigned int numbytes);</c></summary>
    public static partial int cuParamSetv(CUfunction hfunc, int offset, [In, Buffer("numbytes", ElementSize = 1)] void* ptr, uint numbytes);

    /// <summary><c>CUresult cuProfilerInitialize(const char *configFile, const char *outputFile, CUoutput_mode outputMode);</c></summary>
    public static partial int cuProfilerInitialize([String] sbyte* configFile, [String] sbyte* outputFile, int outputMode);

    /// <summary><c>CUresult cuProfilerStart(void);</c></summary>
    public static partial int cuProfilerStart();

    /// <summary><c>CUresult cuProfilerStop(void);</c></summary>
    public static partial int cuProfilerStop();

    /// <summary><c>CUresult cuStreamAttachMemAsync(CUstream hStream, CUdeviceptr dptr, size_t length, unsigned int flags);</c></summary>
    [Variant("cuStreamAttachMemAsync_ptsz")]
    public static partial int cuStreamAttachMemAsync(CUstream hStream, CUdeviceptr dptr, nuint length, uint flags);

    /// <summary><c>CUresult cuStreamCopyAttributes(CUstream dst, CUstream src);</c></summary>
    [Variant("cuStreamCopyAttributes_ptsz")]
    public static partial int cuStreamCopyAttributes(CUstream dst, CUstream src);

    /// <summary><c>CUresult cuStreamDestroy(CUstream hStream);</c> The first form, before cuStreamDestroy_v2.</summary>
    public static partial int cuStreamDestroy([Deallocates] CUstream hStream);

    /// <summary><c>CUresult cuStreamGetAttribute(CUstream hStream, CUstreamAttrID attr, CUstreamAttrValue *value_out);</c> CUstreamAttrValue is a 64-byte union of plain values (no stream attribute holds an object).</summary>
    [Variant("cuStreamGetAttribute_ptsz")]
    public static partial int cuStreamGetAttribute(CUstream hStream, int attr, [Out, Buffer("1", ElementSize = 64)] void* value_out);

    /// <summary><c>CUresult cuStreamGetCtx_v2(CUstream hStream, CUcontext *pCtx, CUgreenCtx *pGreenCtx);</c> Green contexts are not remoted, so none can exist here: a stream's green context is NULL.</summary>
    [Variant("cuStreamGetCtx_v2_ptsz")]
    public static partial int cuStreamGetCtx_v2(CUstream hStream, [Out] CUcontext* pCtx, [Out] nint* pGreenCtx);

    /// <summary><c>CUresult cuStreamGetDevice(CUstream hStream, CUdevice *device);</c></summary>
    [Variant("cuStreamGetDevice_ptsz")]
    public static partial int cuStreamGetDevice(CUstream hStream, [Out] int* device);

    /// <summary><c>CUresult cuStreamGetGreenCtx(CUstream hStream, CUgreenCtx *phCtx);</c> Green contexts are not remoted: the driver answers for a stream that has none.</summary>
    public static partial int cuStreamGetGreenCtx(CUstream hStream, [Out] nint* phCtx);

    /// <summary><c>CUresult cuStreamSetAttribute(CUstream hStream, CUstreamAttrID attr, const CUstreamAttrValue *value);</c> CUstreamAttrValue is a 64-byte union of plain values.</summary>
    [Variant("cuStreamSetAttribute_ptsz")]
    public static partial int cuStreamSetAttribute(CUstream hStream, int attr, [In, Buffer("1", ElementSize = 64)] void* value);

    /// <summary><c>CUresult cuStreamWaitValue64(CUstream stream, CUdeviceptr addr, ulong value, uint flags);</c></summary>
    [Async(Success = 0)]
    [Variant("cuStreamWaitValue64_ptsz")]
    public static partial int cuStreamWaitValue64(CUstream stream, CUdeviceptr addr, ulong value, uint flags);

    /// <summary><c>CUresult cuStreamWaitValue64_v2(CUstream stream, CUdeviceptr addr, cuuint64_t value, unsigned int flags);</c></summary>
    [Async(Success = 0)]
    [Variant("cuStreamWaitValue64_v2_ptsz")]
    public static partial int cuStreamWaitValue64_v2(CUstream stream, CUdeviceptr addr, ulong value, uint flags);

    /// <summary><c>CUresult cuStreamWriteValue64(CUstream stream, CUdeviceptr addr, ulong value, uint flags);</c></summary>
    [Async(Success = 0)]
    [Variant("cuStreamWriteValue64_ptsz")]
    public static partial int cuStreamWriteValue64(CUstream stream, CUdeviceptr addr, ulong value, uint flags);

    /// <summary><c>CUresult cuStreamWriteValue64_v2(CUstream stream, CUdeviceptr addr, cuuint64_t value, unsigned int flags);</c></summary>
    [Async(Success = 0)]
    [Variant("cuStreamWriteValue64_v2_ptsz")]
    public static partial int cuStreamWriteValue64_v2(CUstream stream, CUdeviceptr addr, ulong value, uint flags);
}
