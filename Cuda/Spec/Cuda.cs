// Spec of the CUDA driver API as exported by libcuda.so.1 (declarations from cuda.h, CUDA 12.x and 13.0; unversioned
// symbols). Each declaration keeps the C name and parameter names; the /// comment gives the C signature. _v2, _ptds
// (per-thread default stream, synchronous calls) and _ptsz (per-thread default stream, stream calls) variants are
// distinct entry points, each declared once against its base ([Variant]). Design choices that shape the annotations:
// - CUdevice is an int ordinal and CUdeviceptr an address: both pass as they are. Contexts, modules, functions,
//   libraries, kernels, streams and events are the worker's wire ids; CU_STREAM_LEGACY/PER_THREAD pass untranslated.
// - Async calls (launches, async copies and memsets, event records, stream waits) return CUDA_SUCCESS at once; their
//   errors surface at the next synchronizing call (cuStreamSynchronize, cuCtxSynchronize, cuEventSynchronize, ...).
// - A device-to-host async copy is a deferred output: the worker waits for its stream and sends the bytes, which the
//   guest writes before the next synchronous call returns. A large synchronous one comes ahead of its reply the same way.
// - Large host<->device copies move chunk by chunk between the channel's ring, pinned for DMA, and device memory, while
//   the guest writes or reads the neighbouring chunks ([WorkerHook(Chunked)], Cuda/Worker/Cuda.Worker.Copies.Manual.cs).
// - Device memory allocations take their size from the tenant's quota (a pitched one its unpadded size, the pitch
//   being the driver's choice); one that does not fit fails with CUDA_ERROR_OUT_OF_MEMORY without reaching the
//   driver, and cuMemFree/cuMemFreeAsync give the size back.
// - Functions whose wire form differs from the C call (images without a size, kernel parameters, 2D/3D copies with
//   host memory, pinned host memory) are written by hand in Cuda/Guest and Cuda/Worker *.Manual.cs.
using Ava.Spec;

namespace Ava.Cuda;

/// <summary>The CUDA driver API, version 13.0.</summary>
[Api("cuda", 2, Version = "13.0", SoName = "libcuda.so.1", Header = "cuda.h (CUDA 12.x / 13.0)",
    RealLibrary = new[] { "libcuda.so.1" }, ForwardCompatibilityFolder = "compat", KernelModule = "nvidia")]
[SuccessValue(0)]
[TransportError(999)]
[OutOfResources(2)] // CUDA_ERROR_OUT_OF_MEMORY: a bound of the tenant (live objects, threads) refused the call
[NoDriver(100)] // CUDA_ERROR_NO_DEVICE, what the driver answers on a machine whose GPU driver is missing
[InfoQueries(Selector = "attribute", Value = "data")]
// The calling thread's current context, which the guest's answers of cuCtxGetCurrent, cuCtxGetDevice and
// cuKernelGetFunction depend on (the runtime asks them hundreds of times per training step), and the primary contexts'
// state (cuDevicePrimaryCtxGetState). Each changes only through the calls marked [ChangesGuestState].
[GuestState("context", PerThread = true)]
[GuestState("primary")]
// The kernels' and functions' attributes: fixed by the compiler, except those cuKernelSetAttribute and cuFuncSetAttribute
// (and the runtime's cudaFuncSetAttribute, in the worker) set, and the cache, shared memory and limit configurations
// that occupancy answers depend on. The guest keeps every answer until one of those calls.
[GuestState("attributes")]
[ApiGroup("cuda")] // with the runtime (CudaRt): one worker, one handle table, one context per guest process
public static unsafe partial class Cuda
{

    // ---- Initialization, version, errors ---------------------------------------------------------------------

    /// <summary><c>CUresult cuInit(unsigned int Flags);</c></summary>
    public static partial int cuInit(uint Flags);

    /// <summary><c>CUresult cuDriverGetVersion(int *driverVersion);</c></summary>
    [CachedInGuest]
    public static partial int cuDriverGetVersion([Out] int* driverVersion);

    // ---- Devices ---------------------------------------------------------------------------------------------

    /// <summary><c>CUresult cuDeviceGet(CUdevice *device, int ordinal);</c></summary>
    public static partial int cuDeviceGet([Out] int* device, int ordinal);

    /// <summary><c>CUresult cuDeviceGetCount(int *count);</c></summary>
    public static partial int cuDeviceGetCount([Out] int* count);

    /// <summary><c>CUresult cuDeviceGetName(char *name, int len, CUdevice dev);</c></summary>
    [CachedInGuest]
    public static partial int cuDeviceGetName([Out, Buffer("len")] sbyte* name, int len, int dev);

    /// <summary><c>CUresult cuDeviceGetUuid(CUuuid *uuid, CUdevice dev);</c></summary>
    [Variant("cuDeviceGetUuid_v2")]
    [CachedInGuest]
    public static partial int cuDeviceGetUuid([Out] CUuuid* uuid, int dev);

    /// <summary><c>CUresult cuDeviceTotalMem_v2(size_t *bytes, CUdevice dev);</c></summary>
    [CachedInGuest]
    public static partial int cuDeviceTotalMem_v2([Out] nuint* bytes, int dev);

    /// <summary><c>CUresult cuDeviceGetAttribute(int *pi, CUdevice_attribute attrib, CUdevice dev);</c> The attributes of capabilities not carried here answer 0.</summary>
    [WorkerHook(After = "After_cuDeviceGetAttribute")]
    [CachedInGuest]
    public static partial int cuDeviceGetAttribute([Out] int* pi, int attrib, int dev);

    /// <summary><c>CUresult cuDeviceComputeCapability(int *major, int *minor, CUdevice dev);</c></summary>
    [CachedInGuest]
    public static partial int cuDeviceComputeCapability([Out] int* major, [Out] int* minor, int dev);

    /// <summary><c>CUresult cuDeviceGetPCIBusId(char *pciBusId, int len, CUdevice dev);</c></summary>
    [CachedInGuest]
    public static partial int cuDeviceGetPCIBusId([Out, Buffer("len")] sbyte* pciBusId, int len, int dev);

    /// <summary><c>CUresult cuDeviceGetByPCIBusId(CUdevice *dev, const char *pciBusId);</c></summary>
    public static partial int cuDeviceGetByPCIBusId([Out] int* dev, [String] sbyte* pciBusId);

    /// <summary><c>CUresult cuDeviceCanAccessPeer(int *canAccessPeer, CUdevice dev, CUdevice peerDev);</c></summary>
    public static partial int cuDeviceCanAccessPeer([Out] int* canAccessPeer, int dev, int peerDev);

    /// <summary><c>CUresult cuDeviceGetP2PAttribute(int *value, CUdevice_P2PAttribute attrib, CUdevice srcDevice, CUdevice dstDevice);</c></summary>
    public static partial int cuDeviceGetP2PAttribute([Out] int* value, int attrib, int srcDevice, int dstDevice);

    // ---- Primary contexts ------------------------------------------------------------------------------------

    /// <summary><c>CUresult cuDevicePrimaryCtxRetain(CUcontext *pctx, CUdevice dev);</c></summary>
    [ChangesGuestState("primary")]
    public static partial int cuDevicePrimaryCtxRetain([Out] CUcontext* pctx, int dev);

    /// <summary><c>CUresult cuDevicePrimaryCtxRelease(CUdevice dev);</c></summary>
    [Variant("cuDevicePrimaryCtxRelease_v2")]
    [ChangesGuestState("context", AllThreads = true)]
    [ChangesGuestState("primary")]
    public static partial int cuDevicePrimaryCtxRelease(int dev);

    /// <summary><c>CUresult cuDevicePrimaryCtxReset(CUdevice dev);</c></summary>
    [Variant("cuDevicePrimaryCtxReset_v2")]
    [ChangesGuestState("context", AllThreads = true)]
    [ChangesGuestState("primary")]
    public static partial int cuDevicePrimaryCtxReset(int dev);

    /// <summary><c>CUresult cuDevicePrimaryCtxSetFlags(CUdevice dev, unsigned int flags);</c></summary>
    [Variant("cuDevicePrimaryCtxSetFlags_v2")]
    [ChangesGuestState("primary")]
    public static partial int cuDevicePrimaryCtxSetFlags(int dev, uint flags);

    /// <summary><c>CUresult cuDevicePrimaryCtxGetState(CUdevice dev, unsigned int *flags, int *active);</c></summary>
    [CachedInGuest(State = "primary")]
    public static partial int cuDevicePrimaryCtxGetState(int dev, [Out] uint* flags, [Out] int* active);

    // ---- Contexts (the current context is per thread: each guest thread has its own shadow thread in the worker) ---

    /// <summary><c>CUresult cuCtxCreate_v2(CUcontext *pctx, unsigned int flags, CUdevice dev);</c></summary>
    [ChangesGuestState("context")]
    public static partial int cuCtxCreate_v2([Out, Allocates] CUcontext* pctx, uint flags, int dev);

    /// <summary><c>CUresult cuCtxCreate_v4(CUcontext *pctx, CUctxCreateParams *ctxCreateParams, unsigned int flags, CUdevice dev);</c></summary>
    [WorkerHook(Before = "Before_cuCtxCreate_v4")]
    [ChangesGuestState("context")]
    public static partial int cuCtxCreate_v4([Out, Allocates] CUcontext* pctx, [In] CUctxCreateParams* ctxCreateParams, uint flags, int dev);

    /// <summary><c>CUresult cuCtxDestroy_v2(CUcontext ctx);</c></summary>
    [ChangesGuestState("context", AllThreads = true)]
    public static partial int cuCtxDestroy_v2([Deallocates] CUcontext ctx);

    /// <summary><c>CUresult cuCtxPushCurrent_v2(CUcontext ctx);</c></summary>
    [ChangesGuestState("context")]
    public static partial int cuCtxPushCurrent_v2(CUcontext ctx);

    /// <summary><c>CUresult cuCtxPopCurrent_v2(CUcontext *pctx);</c></summary>
    [ChangesGuestState("context")]
    public static partial int cuCtxPopCurrent_v2([Out] CUcontext* pctx);

    /// <summary><c>CUresult cuCtxPushCurrent(CUcontext ctx)</c> The unsuffixed export, which cuBLASLt looks up by name.</summary>
    [ChangesGuestState("context")]
    public static partial int cuCtxPushCurrent(CUcontext ctx);

    /// <summary><c>CUresult cuCtxPopCurrent(CUcontext *pctx)</c> The unsuffixed export, which cuBLASLt looks up by name.</summary>
    [ChangesGuestState("context")]
    public static partial int cuCtxPopCurrent([Out] CUcontext* pctx);

    /// <summary><c>CUresult cuCtxSetCurrent(CUcontext ctx);</c></summary>
    [ChangesGuestState("context")]
    public static partial int cuCtxSetCurrent(CUcontext ctx);

    /// <summary><c>CUresult cuCtxGetCurrent(CUcontext *pctx);</c></summary>
    [CachedInGuest(State = "context")]
    public static partial int cuCtxGetCurrent([Out] CUcontext* pctx);

    /// <summary><c>CUresult cuCtxGetDevice(CUdevice *device);</c></summary>
    [CachedInGuest(State = "context")]
    public static partial int cuCtxGetDevice([Out] int* device);

    /// <summary><c>CUresult cuCtxGetDevice_v2(CUdevice *device, CUcontext ctx)</c> (CUDA 13.0; NULL: the current context).</summary>
    [CachedInGuest(State = "context")]
    public static partial int cuCtxGetDevice_v2([Out] int* device, CUcontext ctx);

    /// <summary><c>CUresult cuCtxSynchronize(void);</c></summary>
    [Flush]
    public static partial int cuCtxSynchronize();

    /// <summary><c>CUresult cuCtxSynchronize_v2(CUcontext ctx)</c> (CUDA 13.0; NULL: the current context).</summary>
    [Flush]
    public static partial int cuCtxSynchronize_v2(CUcontext ctx);

    /// <summary><c>CUresult cuCtxGetApiVersion(CUcontext ctx, unsigned int *version);</c></summary>
    public static partial int cuCtxGetApiVersion(CUcontext ctx, [Out] uint* version);

    /// <summary><c>CUresult cuCtxGetFlags(unsigned int *flags);</c></summary>
    public static partial int cuCtxGetFlags([Out] uint* flags);

    /// <summary><c>CUresult cuCtxSetFlags(unsigned int flags);</c></summary>
    public static partial int cuCtxSetFlags(uint flags);

    /// <summary><c>CUresult cuCtxGetId(CUcontext ctx, unsigned long long *ctxId);</c></summary>
    public static partial int cuCtxGetId(CUcontext ctx, [Out] ulong* ctxId);

    /// <summary><c>CUresult cuCtxSetLimit(CUlimit limit, size_t value);</c></summary>
    [ChangesGuestState("attributes")]
    public static partial int cuCtxSetLimit(int limit, nuint value);

    /// <summary><c>CUresult cuCtxGetLimit(size_t *pvalue, CUlimit limit);</c></summary>
    public static partial int cuCtxGetLimit([Out] nuint* pvalue, int limit);

    /// <summary><c>CUresult cuCtxGetCacheConfig(CUfunc_cache *pconfig);</c></summary>
    public static partial int cuCtxGetCacheConfig([Out] int* pconfig);

    /// <summary><c>CUresult cuCtxSetCacheConfig(CUfunc_cache config);</c></summary>
    [ChangesGuestState("attributes")]
    public static partial int cuCtxSetCacheConfig(int config);

    /// <summary><c>CUresult cuCtxGetStreamPriorityRange(int *leastPriority, int *greatestPriority);</c></summary>
    public static partial int cuCtxGetStreamPriorityRange([Out] int* leastPriority, [Out] int* greatestPriority);

    /// <summary><c>CUresult cuCtxEnablePeerAccess(CUcontext peerContext, unsigned int Flags);</c></summary>
    public static partial int cuCtxEnablePeerAccess(CUcontext peerContext, uint Flags);

    /// <summary><c>CUresult cuCtxDisablePeerAccess(CUcontext peerContext);</c></summary>
    public static partial int cuCtxDisablePeerAccess(CUcontext peerContext);

    // ---- Private tables of cuGetExportTable (the CUDA runtime's own interface to the driver; see Cuda/README.md) ---

    /// <summary><c>CUresult cuGetExportTable(const void **ppExportTable, const CUuuid *pExportTableId)</c> Answered in the guest, which builds its own tables; the worker binds the real one to call the slots the guest forwards.</summary>
    [GuestOnly]
    public static partial int cuGetExportTable([Out] nint* ppExportTable, [In] CUuuid* pExportTableId);

    /// <summary>Wire form of slot 2 of the runtime interface table (CUDART_INTERFACE): a device's primary context, which the real slot creates without retaining or activating it. Not exported; the worker calls the real slot.</summary>
    [Manual(Side.Guest)]
    [ChangesGuestState("context", AllThreads = true)]
    [ChangesGuestState("primary")]
    public static partial int avaExportPrimaryContext([Out] CUcontext* pctx, int dev);

    /// <summary>Wire form of slot 4 of the table cuBLASLt asks for (UUID 21318C60...): (CUcontext ctx, int *value), answered by the real slot. Not exported.</summary>
    [Manual(Side.Guest)]
    [CachedInGuest]
    public static partial int avaExportContextValue(CUcontext ctx, [Out] int* value);

    // ---- Modules and libraries (images travel with their size, which the guest finds from the image's own header) ---

    /// <summary><c>CUresult cuModuleLoad(CUmodule *module, const char *fname);</c></summary>
    [GuestOnly]
    public static partial int cuModuleLoad([Out, Allocates] CUmodule* module, [String] sbyte* fname);

    /// <summary><c>CUresult cuModuleLoadData(CUmodule *module, const void *image);</c></summary>
    [GuestOnly]
    public static partial int cuModuleLoadData([Out, Allocates] CUmodule* module, [In, Buffer("0", ElementSize = 1)] void* image);

    /// <summary><c>CUresult cuModuleLoadDataEx(CUmodule *module, const void *image, unsigned int numOptions, CUjit_option *options, void **optionValues);</c></summary>
    [GuestOnly]
    public static partial int cuModuleLoadDataEx([Out, Allocates] CUmodule* module, [In, Buffer("0", ElementSize = 1)] void* image, uint numOptions, [In, Buffer("numOptions")] int* options, [In, Buffer("numOptions")] nint* optionValues);

    /// <summary><c>CUresult cuModuleLoadFatBinary(CUmodule *module, const void *fatCubin);</c></summary>
    [GuestOnly]
    public static partial int cuModuleLoadFatBinary([Out, Allocates] CUmodule* module, [In, Buffer("0", ElementSize = 1)] void* fatCubin);

    /// <summary><c>Wire form of the cuModuleLoad* family: the image and its size (not exported</c> the worker implements it with cuModuleLoadData).</summary>
    [Manual(Side.Guest)]
    public static partial int avaModuleLoadImage([Out, Allocates] CUmodule* module, [In, Buffer("size", ElementSize = 1)] void* image, nuint size);

    /// <summary><c>CUresult cuModuleUnload(CUmodule hmod);</c></summary>
    public static partial int cuModuleUnload([Deallocates] CUmodule hmod);

    /// <summary><c>CUresult cuModuleGetFunction(CUfunction *hfunc, CUmodule hmod, const char *name);</c></summary>
    public static partial int cuModuleGetFunction([Out] CUfunction* hfunc, CUmodule hmod, [String] sbyte* name);

    /// <summary><c>CUresult cuModuleGetFunctionCount(unsigned int *count, CUmodule mod);</c></summary>
    public static partial int cuModuleGetFunctionCount([Out] uint* count, CUmodule mod);

    /// <summary><c>CUresult cuModuleGetGlobal_v2(CUdeviceptr *dptr, size_t *bytes, CUmodule hmod, const char *name);</c></summary>
    public static partial int cuModuleGetGlobal_v2([Out, DeviceRange("*bytes")] CUdeviceptr* dptr, [Out] nuint* bytes, CUmodule hmod, [String] sbyte* name);

    /// <summary><c>CUresult cuModuleGetLoadingMode(CUmoduleLoadingMode *mode);</c></summary>
    public static partial int cuModuleGetLoadingMode([Out] int* mode);

    /// <summary><c>CUresult cuLibraryLoadData(CUlibrary *library, const void *code, CUjit_option *jitOptions, void **jitOptionsValues, unsigned int numJitOptions, CUlibraryOption *libraryOptions, void **libraryOptionValues, unsigned int numLibraryOptions);</c></summary>
    [GuestOnly]
    public static partial int cuLibraryLoadData([Out, Allocates] CUlibrary* library, [In, Buffer("0", ElementSize = 1)] void* code, [In, Buffer("numJitOptions")] int* jitOptions, [In, Buffer("numJitOptions")] nint* jitOptionsValues, uint numJitOptions, [In, Buffer("numLibraryOptions")] int* libraryOptions, [In, Buffer("numLibraryOptions")] nint* libraryOptionValues, uint numLibraryOptions);

    /// <summary><c>CUresult cuLibraryLoadFromFile(CUlibrary *library, const char *fileName, CUjit_option *jitOptions, void **jitOptionsValues, unsigned int numJitOptions, CUlibraryOption *libraryOptions, void **libraryOptionValues, unsigned int numLibraryOptions);</c></summary>
    [GuestOnly]
    public static partial int cuLibraryLoadFromFile([Out, Allocates] CUlibrary* library, [String] sbyte* fileName, [In, Buffer("numJitOptions")] int* jitOptions, [In, Buffer("numJitOptions")] nint* jitOptionsValues, uint numJitOptions, [In, Buffer("numLibraryOptions")] int* libraryOptions, [In, Buffer("numLibraryOptions")] nint* libraryOptionValues, uint numLibraryOptions);

    /// <summary><c>Wire form of cuLibraryLoadData/FromFile: the image and its size (not exported</c> the worker implements it with cuLibraryLoadData).</summary>
    [Manual(Side.Guest)]
    public static partial int avaLibraryLoadImage([Out, Allocates] CUlibrary* library, [In, Buffer("size", ElementSize = 1)] void* image, nuint size);

    /// <summary><c>CUresult cuLibraryUnload(CUlibrary library);</c></summary>
    public static partial int cuLibraryUnload([Deallocates] CUlibrary library);

    /// <summary><c>CUresult cuLibraryGetKernel(CUkernel *pKernel, CUlibrary library, const char *name);</c></summary>
    public static partial int cuLibraryGetKernel([Out] CUkernel* pKernel, CUlibrary library, [String] sbyte* name);

    /// <summary><c>CUresult cuLibraryGetKernelCount(unsigned int *count, CUlibrary lib);</c></summary>
    public static partial int cuLibraryGetKernelCount([Out] uint* count, CUlibrary lib);

    /// <summary><c>CUresult cuLibraryGetModule(CUmodule *pMod, CUlibrary library);</c></summary>
    public static partial int cuLibraryGetModule([Out] CUmodule* pMod, CUlibrary library);

    /// <summary><c>CUresult cuLibraryGetGlobal(CUdeviceptr *dptr, size_t *bytes, CUlibrary library, const char *name);</c></summary>
    public static partial int cuLibraryGetGlobal([Out, DeviceRange("*bytes")] CUdeviceptr* dptr, [Out] nuint* bytes, CUlibrary library, [String] sbyte* name);

    /// <summary><c>CUresult cuKernelGetFunction(CUfunction *pFunc, CUkernel kernel);</c></summary>
    [CachedInGuest(State = "context")]
    public static partial int cuKernelGetFunction([Out] CUfunction* pFunc, CUkernel kernel);

    /// <summary><c>CUresult cuKernelGetAttribute(int *pi, CUfunction_attribute attrib, CUkernel kernel, CUdevice dev);</c> What the compiler fixed is kept, and so is what cuKernelSetAttribute can set (CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES and on) until an attribute is set: PyTorch asks the settable ones before most launches.</summary>
    [CachedInGuest(Selector = "attrib", State = "attributes")]
    public static partial int cuKernelGetAttribute([Out] int* pi, int attrib, CUkernel kernel, int dev);

    /// <summary><c>CUresult cuKernelSetAttribute(CUfunction_attribute attrib, int val, CUkernel kernel, CUdevice dev);</c></summary>
    [ChangesGuestState("attributes")]
    public static partial int cuKernelSetAttribute(int attrib, int val, CUkernel kernel, int dev);

    /// <summary><c>CUresult cuKernelGetLibrary(CUlibrary *pLib, CUkernel kernel);</c></summary>
    public static partial int cuKernelGetLibrary([Out] CUlibrary* pLib, CUkernel kernel);

    // ---- Functions and occupancy -----------------------------------------------------------------------------

    /// <summary><c>CUresult cuFuncGetName(const char **name, CUfunction hfunc);</c> The name is the guest's copy, kept per function.</summary>
    public static partial int cuFuncGetName([Out, String] sbyte** name, CUfunction hfunc);

    /// <summary><c>CUresult cuKernelGetName(const char **name, CUkernel hfunc);</c> The name is the guest's copy, kept per kernel.</summary>
    public static partial int cuKernelGetName([Out, String] sbyte** name, CUkernel hfunc);

    /// <summary><c>CUresult cuFuncGetAttribute(int *pi, CUfunction_attribute attrib, CUfunction hfunc);</c> As cuKernelGetAttribute: the settable attributes are kept until an attribute is set.</summary>
    [CachedInGuest(Selector = "attrib", State = "attributes")]
    public static partial int cuFuncGetAttribute([Out] int* pi, int attrib, CUfunction hfunc);

    /// <summary><c>CUresult cuFuncSetAttribute(CUfunction hfunc, CUfunction_attribute attrib, int value);</c></summary>
    [ChangesGuestState("attributes")]
    public static partial int cuFuncSetAttribute(CUfunction hfunc, int attrib, int value);

    /// <summary><c>CUresult cuFuncSetCacheConfig(CUfunction hfunc, CUfunc_cache config);</c></summary>
    [ChangesGuestState("attributes")]
    public static partial int cuFuncSetCacheConfig(CUfunction hfunc, int config);

    /// <summary><c>CUresult cuFuncGetModule(CUmodule *hmod, CUfunction hfunc);</c></summary>
    public static partial int cuFuncGetModule([Out] CUmodule* hmod, CUfunction hfunc);

    /// <summary><c>CUresult cuFuncGetParamInfo(CUfunction func, size_t paramIndex, size_t *paramOffset, size_t *paramSize);</c></summary>
    public static partial int cuFuncGetParamInfo(CUfunction func, nuint paramIndex, [Out] nuint* paramOffset, [Out] nuint* paramSize);

    /// <summary><c>CUresult cuOccupancyMaxActiveBlocksPerMultiprocessor(int *numBlocks, CUfunction func, int blockSize, size_t dynamicSMemSize);</c></summary>
    [CachedInGuest(State = "attributes")]
    public static partial int cuOccupancyMaxActiveBlocksPerMultiprocessor([Out] int* numBlocks, CUfunction func, int blockSize, nuint dynamicSMemSize);

    /// <summary><c>CUresult cuOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(int *numBlocks, CUfunction func, int blockSize, size_t dynamicSMemSize, unsigned int flags);</c></summary>
    [CachedInGuest(State = "attributes")]
    public static partial int cuOccupancyMaxActiveBlocksPerMultiprocessorWithFlags([Out] int* numBlocks, CUfunction func, int blockSize, nuint dynamicSMemSize, uint flags);

    /// <summary><c>CUresult cuOccupancyMaxPotentialBlockSize(int *minGridSize, int *blockSize, CUfunction func, CUoccupancyB2DSize blockSizeToDynamicSMemSize, size_t dynamicSMemSize, int blockSizeLimit)</c> The size callback would run in the worker: only NULL is accepted.</summary>
    [WorkerHook(Before = "Before_cuOccupancyMaxPotentialBlockSize")]
    public static partial int cuOccupancyMaxPotentialBlockSize([Out] int* minGridSize, [Out] int* blockSize, CUfunction func, nint blockSizeToDynamicSMemSize, nuint dynamicSMemSize, int blockSizeLimit);

    /// <summary><c>CUresult cuOccupancyAvailableDynamicSMemPerBlock(size_t *dynamicSmemSize, CUfunction func, int numBlocks, int blockSize);</c></summary>
    [CachedInGuest(State = "attributes")]
    public static partial int cuOccupancyAvailableDynamicSMemPerBlock([Out] nuint* dynamicSmemSize, CUfunction func, int numBlocks, int blockSize);

    /// <summary><c>CUresult cuOccupancyMaxActiveClusters(int *numClusters, CUfunction func, const CUlaunchConfig *config)</c> The configuration's attributes travel in the wire form.</summary>
    [GuestOnly]
    public static partial int cuOccupancyMaxActiveClusters([Out] int* numClusters, CUfunction func, [In] CUlaunchConfig* config);

    /// <summary><c>CUresult cuOccupancyMaxPotentialClusterSize(int *clusterSize, CUfunction func, const CUlaunchConfig *config)</c> The configuration's attributes travel in the wire form.</summary>
    [GuestOnly]
    public static partial int cuOccupancyMaxPotentialClusterSize([Out] int* clusterSize, CUfunction func, [In] CUlaunchConfig* config);

    /// <summary>Wire form of cuOccupancyMaxActiveClusters: the configuration and, apart, its attributes (not exported).</summary>
    [Manual(Side.Guest)]
    [WorkerHook(Before = "Before_avaOccupancyCluster")]
    public static partial int avaOccupancyMaxActiveClusters([Out] int* numClusters, CUfunction func, [In] CUlaunchConfig* config, [In, Buffer("numAttrs")] CUlaunchAttribute* attrs, uint numAttrs);

    /// <summary>Wire form of cuOccupancyMaxPotentialClusterSize: the configuration and, apart, its attributes (not exported).</summary>
    [Manual(Side.Guest)]
    [WorkerHook(Before = "Before_avaOccupancyCluster")]
    public static partial int avaOccupancyMaxPotentialClusterSize([Out] int* clusterSize, CUfunction func, [In] CUlaunchConfig* config, [In, Buffer("numAttrs")] CUlaunchAttribute* attrs, uint numAttrs);

    // ---- Device memory ---------------------------------------------------------------------------------------

    /// <summary><c>CUresult cuMemAlloc_v2(CUdeviceptr *dptr, size_t bytesize);</c></summary>
    [AllocatesResource("device_memory", "bytesize", Denied = ErrorOutOfMemory)]
    public static partial int cuMemAlloc_v2([Out, DeviceRange("bytesize")] CUdeviceptr* dptr, nuint bytesize);

    /// <summary><c>CUresult cuMemAllocPitch_v2(CUdeviceptr *dptr, size_t *pPitch, size_t WidthInBytes, size_t Height, unsigned int ElementSizeBytes);</c></summary>
    [AllocatesResource("device_memory", "WidthInBytes * Height", Denied = ErrorOutOfMemory)]
    public static partial int cuMemAllocPitch_v2([Out, DeviceRange("*pPitch * Height")] CUdeviceptr* dptr, [Out] nuint* pPitch, nuint WidthInBytes, nuint Height, uint ElementSizeBytes);

    /// <summary><c>CUresult cuMemAllocAsync(CUdeviceptr *dptr, size_t bytesize, CUstream hStream);</c></summary>
    [AllocatesResource("device_memory", "bytesize", Denied = ErrorOutOfMemory)]
    [Variant("cuMemAllocAsync_ptsz")]
    public static partial int cuMemAllocAsync([Out, DeviceRange("bytesize")] CUdeviceptr* dptr, nuint bytesize, CUstream hStream);

    /// <summary><c>CUresult cuMemFree_v2(CUdeviceptr dptr);</c></summary>
    [DeallocatesResource("device_memory")]
    public static partial int cuMemFree_v2([FreesDeviceRange] CUdeviceptr dptr);

    /// <summary><c>CUresult cuMemFreeAsync(CUdeviceptr dptr, CUstream hStream);</c></summary>
    [Async(Success = 0)]
    [DeallocatesResource("device_memory", Of = "dptr")]
    [Variant("cuMemFreeAsync_ptsz")]
    public static partial int cuMemFreeAsync([FreesDeviceRange] CUdeviceptr dptr, CUstream hStream);

    /// <summary><c>CUresult cuMemGetInfo_v2(size_t *free, size_t *total);</c></summary>
    public static partial int cuMemGetInfo_v2([Out] nuint* free, [Out] nuint* total);

    /// <summary><c>CUresult cuMemGetAddressRange_v2(CUdeviceptr *pbase, size_t *psize, CUdeviceptr dptr);</c></summary>
    public static partial int cuMemGetAddressRange_v2([Out] CUdeviceptr* pbase, [Out] nuint* psize, CUdeviceptr dptr);

    /// <summary><c>CUresult cuPointerGetAttribute(void *data, CUpointer_attribute attribute, CUdeviceptr ptr)</c> The value's size follows the attribute.</summary>
    [InfoValue(1, Handle = typeof(CUcontext))] // CU_POINTER_ATTRIBUTE_CONTEXT
    [InfoValue(17, Handle = typeof(CUmemoryPool))] // CU_POINTER_ATTRIBUTE_MEMPOOL_HANDLE
    [InfoValue(5, Bytes = 16)] // CU_POINTER_ATTRIBUTE_P2P_TOKENS
    [InfoValue(2, 6, 8, 9, 10, 13, 15, 16, 21, Bytes = 4)] // memory type, SYNC_MEMOPS, IS_MANAGED, DEVICE_ORDINAL, ...
    [InfoValue(Bytes = 8)]
    public static partial int cuPointerGetAttribute([Out] void* data, int attribute, CUdeviceptr ptr);

    /// <summary><c>CUresult cuMemAllocManaged(CUdeviceptr *dptr, size_t bytesize, unsigned int flags)</c> Managed memory is mapped in the worker's address space only: refused by the guest.</summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMemAllocManaged([Out] CUdeviceptr* dptr, nuint bytesize, uint flags);

    // ---- Copies and memsets (async forms return at once; device-to-host results reach host memory before the next synchronizing call returns) ---

    /// <summary><c>CUresult cuMemcpyHtoD_v2(CUdeviceptr dstDevice, const void *srcHost, size_t ByteCount);</c></summary>
    [WorkerHook(Chunked = "Upload(call, dstDevice, ByteCount, default, onStream: false, perThread: false)")]
    [Variant("cuMemcpyHtoD_v2_ptds", Chunked = "Upload(call, dstDevice, ByteCount, default, onStream: false, perThread: true)")]
    public static partial int cuMemcpyHtoD_v2(CUdeviceptr dstDevice, [In, Buffer("ByteCount", ElementSize = 1)] void* srcHost, nuint ByteCount);

    /// <summary><c>CUresult cuMemcpyDtoH_v2(void *dstHost, CUdeviceptr srcDevice, size_t ByteCount);</c></summary>
    [WorkerHook(Chunked = "Download(call, srcDevice, ByteCount, default, onStream: false, perThread: false)")]
    [Variant("cuMemcpyDtoH_v2_ptds", Chunked = "Download(call, srcDevice, ByteCount, default, onStream: false, perThread: true)")]
    public static partial int cuMemcpyDtoH_v2([Out, Deferred, Buffer("ByteCount", ElementSize = 1)] void* dstHost, CUdeviceptr srcDevice, nuint ByteCount);

    /// <summary><c>CUresult cuMemcpyDtoD_v2(CUdeviceptr dstDevice, CUdeviceptr srcDevice, size_t ByteCount);</c></summary>
    /// <remarks>A device-to-device copy is asynchronous with respect to the host (the driver's API synchronization rules), as a memset is.</remarks>
    [Async(Success = 0)]
    [Variant("cuMemcpyDtoD_v2_ptds")]
    public static partial int cuMemcpyDtoD_v2(CUdeviceptr dstDevice, CUdeviceptr srcDevice, nuint ByteCount);

    /// <summary><c>CUresult cuMemcpy(CUdeviceptr dst, CUdeviceptr src, size_t ByteCount)</c> Unified addresses: the guest sends a host side as cuMemcpyHtoD/DtoH (DeviceRanges).</summary>
    [Manual(Side.Guest)]
    [Variant("cuMemcpy_ptds")]
    public static partial int cuMemcpy(CUdeviceptr dst, CUdeviceptr src, nuint ByteCount);

    /// <summary><c>CUresult cuMemcpyPeer(CUdeviceptr dstDevice, CUcontext dstContext, CUdeviceptr srcDevice, CUcontext srcContext, size_t ByteCount);</c></summary>
    /// <remarks>Asynchronous with respect to the host, serialized with the work of both contexts (the driver's documentation).</remarks>
    [Async(Success = 0)]
    [Variant("cuMemcpyPeer_ptds")]
    public static partial int cuMemcpyPeer(CUdeviceptr dstDevice, CUcontext dstContext, CUdeviceptr srcDevice, CUcontext srcContext, nuint ByteCount);

    /// <summary><c>CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr dstDevice, const void *srcHost, size_t ByteCount, CUstream hStream);</c></summary>
    [Async(Success = 0)]
    [WorkerHook(Chunked = "Upload(call, dstDevice, ByteCount, hStream, onStream: true, perThread: false)")]
    [Variant("cuMemcpyHtoDAsync_v2_ptsz", Chunked = "Upload(call, dstDevice, ByteCount, hStream, onStream: true, perThread: true)")]
    public static partial int cuMemcpyHtoDAsync_v2(CUdeviceptr dstDevice, [In, Buffer("ByteCount", ElementSize = 1)] void* srcHost, nuint ByteCount, CUstream hStream);

    /// <summary><c>CUresult cuMemcpyDtoHAsync_v2(void *dstHost, CUdeviceptr srcDevice, size_t ByteCount, CUstream hStream);</c></summary>
    [Async(Success = 0)]
    [WorkerHook(After = "After_cuMemcpyDtoHAsync_v2", Chunked = "Download(call, srcDevice, ByteCount, hStream, onStream: true, perThread: false)")]
    [Variant("cuMemcpyDtoHAsync_v2_ptsz", Chunked = "Download(call, srcDevice, ByteCount, hStream, onStream: true, perThread: true)")]
    public static partial int cuMemcpyDtoHAsync_v2([Out, Deferred, Buffer("ByteCount", ElementSize = 1)] void* dstHost, CUdeviceptr srcDevice, nuint ByteCount, CUstream hStream);

    /// <summary><c>CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr dstDevice, CUdeviceptr srcDevice, size_t ByteCount, CUstream hStream);</c></summary>
    [Async(Success = 0)]
    [Variant("cuMemcpyDtoDAsync_v2_ptsz")]
    public static partial int cuMemcpyDtoDAsync_v2(CUdeviceptr dstDevice, CUdeviceptr srcDevice, nuint ByteCount, CUstream hStream);

    /// <summary><c>CUresult cuMemcpyAsync(CUdeviceptr dst, CUdeviceptr src, size_t ByteCount, CUstream hStream)</c> Unified addresses, as cuMemcpy.</summary>
    [Async(Success = 0)]
    [Manual(Side.Guest)]
    [Variant("cuMemcpyAsync_ptsz")]
    public static partial int cuMemcpyAsync(CUdeviceptr dst, CUdeviceptr src, nuint ByteCount, CUstream hStream);

    /// <summary><c>CUresult cuMemcpyPeerAsync(CUdeviceptr dstDevice, CUcontext dstContext, CUdeviceptr srcDevice, CUcontext srcContext, size_t ByteCount, CUstream hStream);</c></summary>
    [Async(Success = 0)]
    [Variant("cuMemcpyPeerAsync_ptsz")]
    public static partial int cuMemcpyPeerAsync(CUdeviceptr dstDevice, CUcontext dstContext, CUdeviceptr srcDevice, CUcontext srcContext, nuint ByteCount, CUstream hStream);

    /// <summary><c>CUresult cuMemcpy2D_v2(const CUDA_MEMCPY2D *pCopy)</c> Host sides are copied row by row through cuMemcpyHtoD/DtoH by the guest.</summary>
    [WorkerHook(Before = "CheckDeviceOnly(pCopy->srcMemoryType, pCopy->dstMemoryType)")]
    [Manual(Side.Guest)]
    [Variant("cuMemcpy2D_v2_ptds")]
    public static partial int cuMemcpy2D_v2([In] CUDA_MEMCPY2D* pCopy);

    /// <summary><c>CUresult cuMemcpy2DUnaligned_v2(const CUDA_MEMCPY2D *pCopy);</c></summary>
    [WorkerHook(Before = "CheckDeviceOnly(pCopy->srcMemoryType, pCopy->dstMemoryType)")]
    [Manual(Side.Guest)]
    [Variant("cuMemcpy2DUnaligned_v2_ptds")]
    public static partial int cuMemcpy2DUnaligned_v2([In] CUDA_MEMCPY2D* pCopy);

    /// <summary><c>CUresult cuMemcpy2DAsync_v2(const CUDA_MEMCPY2D *pCopy, CUstream hStream);</c></summary>
    [WorkerHook(Before = "CheckDeviceOnly(pCopy->srcMemoryType, pCopy->dstMemoryType)")]
    [Manual(Side.Guest)]
    [Async(Success = 0)]
    [Variant("cuMemcpy2DAsync_v2_ptsz")]
    public static partial int cuMemcpy2DAsync_v2([In] CUDA_MEMCPY2D* pCopy, CUstream hStream);

    /// <summary><c>CUresult cuMemcpy3D_v2(const CUDA_MEMCPY3D *pCopy)</c> Host sides are copied row by row through cuMemcpyHtoD/DtoH by the guest.</summary>
    [WorkerHook(Before = "CheckDeviceOnly(pCopy->srcMemoryType, pCopy->dstMemoryType)")]
    [Manual(Side.Guest)]
    [Variant("cuMemcpy3D_v2_ptds")]
    public static partial int cuMemcpy3D_v2([In] CUDA_MEMCPY3D* pCopy);

    /// <summary><c>CUresult cuMemcpy3DAsync_v2(const CUDA_MEMCPY3D *pCopy, CUstream hStream);</c></summary>
    [WorkerHook(Before = "CheckDeviceOnly(pCopy->srcMemoryType, pCopy->dstMemoryType)")]
    [Manual(Side.Guest)]
    [Async(Success = 0)]
    [Variant("cuMemcpy3DAsync_v2_ptsz")]
    public static partial int cuMemcpy3DAsync_v2([In] CUDA_MEMCPY3D* pCopy, CUstream hStream);

    /// <summary><c>CUresult cuMemsetD8_v2(CUdeviceptr dstDevice, unsigned char uc, size_t N);</c></summary>
    [Async(Success = 0)]
    [Variant("cuMemsetD8_v2_ptds")]
    public static partial int cuMemsetD8_v2(CUdeviceptr dstDevice, byte uc, nuint N);

    /// <summary><c>CUresult cuMemsetD16_v2(CUdeviceptr dstDevice, unsigned short us, size_t N);</c></summary>
    [Async(Success = 0)]
    [Variant("cuMemsetD16_v2_ptds")]
    public static partial int cuMemsetD16_v2(CUdeviceptr dstDevice, ushort us, nuint N);

    /// <summary><c>CUresult cuMemsetD32_v2(CUdeviceptr dstDevice, unsigned int ui, size_t N);</c></summary>
    [Async(Success = 0)]
    [Variant("cuMemsetD32_v2_ptds")]
    public static partial int cuMemsetD32_v2(CUdeviceptr dstDevice, uint ui, nuint N);

    /// <summary><c>CUresult cuMemsetD2D8_v2(CUdeviceptr dstDevice, size_t dstPitch, unsigned char uc, size_t Width, size_t Height);</c></summary>
    [Async(Success = 0)]
    [Variant("cuMemsetD2D8_v2_ptds")]
    public static partial int cuMemsetD2D8_v2(CUdeviceptr dstDevice, nuint dstPitch, byte uc, nuint Width, nuint Height);

    /// <summary><c>CUresult cuMemsetD2D16_v2(CUdeviceptr dstDevice, size_t dstPitch, unsigned short us, size_t Width, size_t Height);</c></summary>
    [Async(Success = 0)]
    [Variant("cuMemsetD2D16_v2_ptds")]
    public static partial int cuMemsetD2D16_v2(CUdeviceptr dstDevice, nuint dstPitch, ushort us, nuint Width, nuint Height);

    /// <summary><c>CUresult cuMemsetD2D32_v2(CUdeviceptr dstDevice, size_t dstPitch, unsigned int ui, size_t Width, size_t Height);</c></summary>
    [Async(Success = 0)]
    [Variant("cuMemsetD2D32_v2_ptds")]
    public static partial int cuMemsetD2D32_v2(CUdeviceptr dstDevice, nuint dstPitch, uint ui, nuint Width, nuint Height);

    /// <summary><c>CUresult cuMemsetD8Async(CUdeviceptr dstDevice, unsigned char uc, size_t N, CUstream hStream);</c></summary>
    [Async(Success = 0)]
    [Variant("cuMemsetD8Async_ptsz")]
    public static partial int cuMemsetD8Async(CUdeviceptr dstDevice, byte uc, nuint N, CUstream hStream);

    /// <summary><c>CUresult cuMemsetD16Async(CUdeviceptr dstDevice, unsigned short us, size_t N, CUstream hStream);</c></summary>
    [Async(Success = 0)]
    [Variant("cuMemsetD16Async_ptsz")]
    public static partial int cuMemsetD16Async(CUdeviceptr dstDevice, ushort us, nuint N, CUstream hStream);

    /// <summary><c>CUresult cuMemsetD32Async(CUdeviceptr dstDevice, unsigned int ui, size_t N, CUstream hStream);</c></summary>
    [Async(Success = 0)]
    [Variant("cuMemsetD32Async_ptsz")]
    public static partial int cuMemsetD32Async(CUdeviceptr dstDevice, uint ui, nuint N, CUstream hStream);

    /// <summary><c>CUresult cuMemsetD2D8Async(CUdeviceptr dstDevice, size_t dstPitch, unsigned char uc, size_t Width, size_t Height, CUstream hStream);</c></summary>
    [Async(Success = 0)]
    [Variant("cuMemsetD2D8Async_ptsz")]
    public static partial int cuMemsetD2D8Async(CUdeviceptr dstDevice, nuint dstPitch, byte uc, nuint Width, nuint Height, CUstream hStream);

    /// <summary><c>CUresult cuMemsetD2D32Async(CUdeviceptr dstDevice, size_t dstPitch, unsigned int ui, size_t Width, size_t Height, CUstream hStream);</c></summary>
    [Async(Success = 0)]
    [Variant("cuMemsetD2D32Async_ptsz")]
    public static partial int cuMemsetD2D32Async(CUdeviceptr dstDevice, nuint dstPitch, uint ui, nuint Width, nuint Height, CUstream hStream);

    // ---- Pinned host memory: allocated in the application's own process (the worker's pinned pages cannot be shared); transfers from it go through the channel like any host memory ---

    /// <summary><c>CUresult cuMemAllocHost_v2(void **pp, size_t bytesize);</c></summary>
    [GuestOnly]
    public static partial int cuMemAllocHost_v2([Out] nint* pp, nuint bytesize);

    /// <summary><c>CUresult cuMemHostAlloc(void **pp, size_t bytesize, unsigned int Flags);</c></summary>
    [GuestOnly]
    public static partial int cuMemHostAlloc([Out] nint* pp, nuint bytesize, uint Flags);

    /// <summary><c>CUresult cuMemFreeHost(void *p);</c></summary>
    [GuestOnly]
    public static partial int cuMemFreeHost(nint p);

    /// <summary><c>CUresult cuMemHostRegister_v2(void *p, size_t bytesize, unsigned int Flags);</c></summary>
    [GuestOnly]
    public static partial int cuMemHostRegister_v2(nint p, nuint bytesize, uint Flags);

    /// <summary><c>CUresult cuMemHostUnregister(void *p);</c></summary>
    [GuestOnly]
    public static partial int cuMemHostUnregister(nint p);

    /// <summary><c>CUresult cuMemHostGetFlags(unsigned int *pFlags, void *p);</c></summary>
    [GuestOnly]
    public static partial int cuMemHostGetFlags([Out] uint* pFlags, nint p);

    /// <summary><c>CUresult cuMemHostGetDevicePointer_v2(CUdeviceptr *pdptr, void *p, unsigned int Flags)</c> Answered by the guest: host memory it shares with the worker (avaHostShare) has one address for host and device, as with unified addressing.</summary>
    [GuestOnly]
    public static partial int cuMemHostGetDevicePointer_v2([Out] CUdeviceptr* pdptr, nint p, uint Flags);

    /// <summary>Wire form, not exported: the worker maps the guest's memfd <paramref name="fd"/> (its descriptor in the guest process, the channel's peer) at <paramref name="address"/> and registers it with the driver, portable and mapped. CUDA_ERROR_NOT_SUPPORTED where it cannot (another host, the address taken in the worker): the guest then keeps the memory to itself.</summary>
    [Manual(Side.Guest)]
    [WorkerHook(Before = "Before_avaHostShare")]
    public static partial int avaHostShare([Out, Allocates] AvaSharedHost* share, int fd, nint address, nuint size, uint flags);

    /// <summary>Wire form, not exported: cuMemFreeHost of shared host memory (unregistered and unmapped in the worker).</summary>
    [Manual(Side.Guest)]
    public static partial int avaHostUnshare([Deallocates] AvaSharedHost share);

    // ---- Streams ---------------------------------------------------------------------------------------------

    /// <summary><c>CUresult cuStreamCreate(CUstream *phStream, unsigned int Flags);</c></summary>
    public static partial int cuStreamCreate([Out, Allocates] CUstream* phStream, uint Flags);

    /// <summary><c>CUresult cuStreamCreateWithPriority(CUstream *phStream, unsigned int flags, int priority);</c></summary>
    public static partial int cuStreamCreateWithPriority([Out, Allocates] CUstream* phStream, uint flags, int priority);

    /// <summary><c>CUresult cuStreamDestroy_v2(CUstream hStream);</c></summary>
    public static partial int cuStreamDestroy_v2([Deallocates] CUstream hStream);

    /// <summary><c>CUresult cuStreamSynchronize(CUstream hStream);</c></summary>
    [Flush]
    [Variant("cuStreamSynchronize_ptsz")]
    public static partial int cuStreamSynchronize(CUstream hStream);

    /// <summary><c>CUresult cuStreamQuery(CUstream hStream);</c></summary>
    [Flush]
    [Variant("cuStreamQuery_ptsz")]
    public static partial int cuStreamQuery(CUstream hStream);

    /// <summary><c>CUresult cuStreamWaitEvent(CUstream hStream, CUevent hEvent, unsigned int Flags);</c></summary>
    [Async(Success = 0)]
    [Variant("cuStreamWaitEvent_ptsz")]
    public static partial int cuStreamWaitEvent(CUstream hStream, CUevent hEvent, uint Flags);

    /// <summary><c>CUresult cuStreamGetPriority(CUstream hStream, int *priority);</c></summary>
    [Variant("cuStreamGetPriority_ptsz")]
    public static partial int cuStreamGetPriority(CUstream hStream, [Out] int* priority);

    /// <summary><c>CUresult cuStreamGetFlags(CUstream hStream, unsigned int *flags);</c></summary>
    [Variant("cuStreamGetFlags_ptsz")]
    public static partial int cuStreamGetFlags(CUstream hStream, [Out] uint* flags);

    /// <summary><c>CUresult cuStreamGetId(CUstream hStream, unsigned long long *streamId);</c></summary>
    [Variant("cuStreamGetId_ptsz")]
    public static partial int cuStreamGetId(CUstream hStream, [Out] ulong* streamId);

    /// <summary><c>CUresult cuStreamIsCapturing(CUstream hStream, CUstreamCaptureStatus *captureStatus)</c> The real driver's answer: captures run in the worker.</summary>
    [Variant("cuStreamIsCapturing_ptsz")]
    public static partial int cuStreamIsCapturing(CUstream hStream, [Out] int* captureStatus);

    /// <summary><c>CUresult cuThreadExchangeStreamCaptureMode(CUstreamCaptureMode *mode)</c> The calling thread's mode, kept by its shadow thread.</summary>
    public static partial int cuThreadExchangeStreamCaptureMode([InOut] int* mode);

    /// <summary><c>CUresult cuStreamWaitValue32(CUstream stream, CUdeviceptr addr, cuuint32_t value, unsigned int flags)</c> The unsuffixed export, which cuBLAS looks up by name.</summary>
    [Async(Success = 0)]
    [Variant("cuStreamWaitValue32_ptsz")]
    public static partial int cuStreamWaitValue32(CUstream stream, CUdeviceptr addr, uint value, uint flags);

    /// <summary><c>cuStreamWaitValue32_v2: as cuStreamWaitValue32</c> (what cuda.h names cuStreamWaitValue32 since 11.7).</summary>
    [Async(Success = 0)]
    [Variant("cuStreamWaitValue32_v2_ptsz")]
    public static partial int cuStreamWaitValue32_v2(CUstream stream, CUdeviceptr addr, uint value, uint flags);

    /// <summary><c>CUresult cuStreamWriteValue32(CUstream stream, CUdeviceptr addr, cuuint32_t value, unsigned int flags);</c></summary>
    [Async(Success = 0)]
    [Variant("cuStreamWriteValue32_v2")]
    [Variant("cuStreamWriteValue32_ptsz")]
    [Variant("cuStreamWriteValue32_v2_ptsz")]
    public static partial int cuStreamWriteValue32(CUstream stream, CUdeviceptr addr, uint value, uint flags);

    /// <summary><c>CUresult cuStreamBatchMemOp(CUstream stream, unsigned int count, CUstreamBatchMemOpParams *paramArray, unsigned int flags)</c> Each operation is a 48-byte union of device addresses and values.</summary>
    [Async(Success = 0)]
    [Variant("cuStreamBatchMemOp_v2")]
    [Variant("cuStreamBatchMemOp_ptsz")]
    [Variant("cuStreamBatchMemOp_v2_ptsz")]
    public static partial int cuStreamBatchMemOp(CUstream stream, uint count, [In, Buffer("count * 48", ElementSize = 1)] void* paramArray, uint flags);

    // ---- Tensor maps (Hopper's bulk tensor copies): a descriptor computed from plain values ----------------------

    /// <summary><c>CUresult cuTensorMapEncodeTiled(CUtensorMap *tensorMap, CUtensorMapDataType tensorDataType, cuuint32_t tensorRank, void *globalAddress, const cuuint64_t *globalDim, const cuuint64_t *globalStrides, const cuuint32_t *boxDim, const cuuint32_t *elementStrides, CUtensorMapInterleave interleave, CUtensorMapSwizzle swizzle, CUtensorMapL2promotion l2Promotion, CUtensorMapFloatOOBfill oobFill)</c> CUtensorMap is 128 bytes, 64-byte aligned (the worker's output buffers are); globalAddress is a device address.</summary>
    public static partial int cuTensorMapEncodeTiled([Out, Buffer("16")] ulong* tensorMap, int tensorDataType, uint tensorRank, CUdeviceptr globalAddress, [In, Buffer("tensorRank")] ulong* globalDim, [In, Buffer("tensorRank - 1")] ulong* globalStrides, [In, Buffer("tensorRank")] uint* boxDim, [In, Buffer("tensorRank")] uint* elementStrides, int interleave, int swizzle, int l2Promotion, int oobFill);

    /// <summary><c>CUresult cuStreamGetCtx(CUstream hStream, CUcontext *pctx);</c></summary>
    [Variant("cuStreamGetCtx_ptsz")]
    public static partial int cuStreamGetCtx(CUstream hStream, [Out] CUcontext* pctx);

    /// <summary><c>CUresult cuStreamAddCallback(CUstream hStream, CUstreamCallback callback, void *userData, unsigned int flags)</c> with typedef void (*CUstreamCallback)(CUstream hStream, CUresult status, void *userData);</summary>
    [Variant("cuStreamAddCallback_ptsz")]
    public static partial int cuStreamAddCallback(CUstream hStream, [Callback("userData")] delegate* unmanaged<CUstream, int, void*, void> callback, [UserData] void* userData, uint flags);

    /// <summary><c>CUresult cuLaunchHostFunc(CUstream hStream, CUhostFn fn, void *userData)</c> with typedef void (*CUhostFn)(void *userData);</summary>
    [Variant("cuLaunchHostFunc_ptsz")]
    public static partial int cuLaunchHostFunc(CUstream hStream, [Callback("userData")] delegate* unmanaged<void*, void> fn, [UserData] void* userData);

    // ---- Events ----------------------------------------------------------------------------------------------

    /// <summary><c>CUresult cuEventCreate(CUevent *phEvent, unsigned int Flags);</c></summary>
    public static partial int cuEventCreate([Out, Allocates] CUevent* phEvent, uint Flags);

    /// <summary><c>CUresult cuEventRecord(CUevent hEvent, CUstream hStream);</c></summary>
    [Async(Success = 0)]
    [Variant("cuEventRecord_ptsz")]
    public static partial int cuEventRecord(CUevent hEvent, CUstream hStream);

    /// <summary><c>CUresult cuEventRecordWithFlags(CUevent hEvent, CUstream hStream, unsigned int flags);</c></summary>
    [Async(Success = 0)]
    [Variant("cuEventRecordWithFlags_ptsz")]
    public static partial int cuEventRecordWithFlags(CUevent hEvent, CUstream hStream, uint flags);

    /// <summary><c>CUresult cuEventQuery(CUevent hEvent);</c></summary>
    [Flush]
    public static partial int cuEventQuery(CUevent hEvent);

    /// <summary><c>CUresult cuEventSynchronize(CUevent hEvent);</c></summary>
    [Flush]
    public static partial int cuEventSynchronize(CUevent hEvent);

    /// <summary><c>CUresult cuEventDestroy_v2(CUevent hEvent);</c></summary>
    public static partial int cuEventDestroy_v2([Deallocates] CUevent hEvent);

    /// <summary><c>CUresult cuEventElapsedTime(float *pMilliseconds, CUevent hStart, CUevent hEnd);</c></summary>
    [Variant("cuEventElapsedTime_v2")]
    public static partial int cuEventElapsedTime([Out] float* pMilliseconds, CUevent hStart, CUevent hEnd);

    /// <summary>
    /// Whether a launch's shape is valid on every CUDA device (blocks of at most 1024 threads and 1024 x 1024 x 64,
    /// grids of at most 2^31-1 x 65535 x 65535, at most 48 KiB of dynamic shared memory, which needs no opt-in), so
    /// that it may travel async: outside these the driver may refuse it at the call (CUDA_ERROR_INVALID_VALUE), and
    /// the launch waits for its real status. A cuLaunchKernelEx with attributes waits too: a cooperative grid or a
    /// cluster shape the device cannot hold is refused at the call. Either travels async once the driver accepted the
    /// same shape (LaunchAcceptedBefore, Cuda.Guest.Manual.cs).
    /// </summary>
    internal static bool LaunchFitsEveryDevice(uint gx, uint gy, uint gz, uint bx, uint by, uint bz, uint sharedBytes) =>
        gx is >= 1 and <= 0x7FFFFFFF && gy is >= 1 and <= 65535 && gz is >= 1 and <= 65535
        && bx is >= 1 and <= 1024 && by is >= 1 and <= 1024 && bz is >= 1 and <= 64 && bx * by * bz <= 1024
        && sharedBytes <= 48 * 1024;

    /// <summary>
    /// Whether the launch the calling thread is making has a shape the driver accepted before, with no function attribute
    /// set since: the guest's launch code (Cuda.Guest.Manual.cs) sets it around the call; it is false in the worker.
    /// </summary>
    [ThreadStatic]
    private static bool t_launchAccepted;

    internal static bool LaunchAcceptedBefore() => t_launchAccepted;

    internal static void LaunchAcceptedBefore(bool accepted) => t_launchAccepted = accepted;

    // ---- Kernel launch: the guest packs the parameters by the sizes the worker reports (cuFuncGetParamInfo, cached per function); the worker checks the blob against its own sizes. Launches return at once. ---

    /// <summary><c>CUresult cuLaunchKernel(CUfunction f, unsigned int gridDimX, unsigned int gridDimY, unsigned int gridDimZ, unsigned int blockDimX, unsigned int blockDimY, unsigned int blockDimZ, unsigned int sharedMemBytes, CUstream hStream, void **kernelParams, void **extra)</c> On the wire kernelParams is the packed blob and extra its length (bit 32: the blob is an extra buffer).</summary>
    [Manual(Side.Guest)]
    [Async(Success = 0, When = "LaunchFitsEveryDevice(gridDimX, gridDimY, gridDimZ, blockDimX, blockDimY, blockDimZ, sharedMemBytes) || LaunchAcceptedBefore()")]
    [WorkerHook(Before = "UnpackParameters(call, f, (byte*)kernelParams, extra, out kernelParams, out extra)")]
    [Variant("cuLaunchKernel_ptsz")]
    public static partial int cuLaunchKernel(CUfunction f, uint gridDimX, uint gridDimY, uint gridDimZ, uint blockDimX, uint blockDimY, uint blockDimZ, uint sharedMemBytes, CUstream hStream, [In, Buffer("extra & 0xFFFFFFFF", ElementSize = 1)] void* kernelParams, nint extra);

    /// <summary><c>CUresult cuLaunchKernelEx(const CUlaunchConfig *config, CUfunction f, void **kernelParams, void **extra)</c> On the wire kernelParams is the attributes then the packed parameters, extra their length as for cuLaunchKernel.</summary>
    [Manual(Side.Guest)]
    [Async(Success = 0, When = "config != null && ((config->numAttrs == 0 && LaunchFitsEveryDevice(config->gridDimX, config->gridDimY, config->gridDimZ, config->blockDimX, config->blockDimY, config->blockDimZ, config->sharedMemBytes)) || LaunchAcceptedBefore())")]
    [WorkerHook(Before = "Before_cuLaunchKernelEx")]
    [Variant("cuLaunchKernelEx_ptsz")]
    public static partial int cuLaunchKernelEx([In] CUlaunchConfig* config, CUfunction f, [In, Buffer("extra & 0xFFFFFFFF", ElementSize = 1)] void* kernelParams, nint extra);

}
