// Spec of the CUDA runtime API as exported by libcudart.so.13 (declarations from cuda_runtime_api.h, crt/host_runtime.h
// and driver_types.h, CUDA 13.0; every symbol under the version node libcudart.so.13). Each declaration keeps the C
// name and parameter names; the /// comment gives the C signature. Design choices that shape the annotations:
// - Module registration (__cudaRegisterFatBinary and friends) runs in the guest: it sends the fat binary once, and each
//   kernel and variable by name; the worker registers its own copy with the real runtime under worker-side host
//   addresses, which come back as handles (cudaFatbin, cudaHostFunction, cudaHostVariable). A launch by host stub
//   address becomes a launch by that handle (CudaRt/Guest/CudaRt.Guest.Manual.cs).
// - Kernel parameters are packed by the sizes the real runtime reports (cudaFuncGetParamInfo, once per kernel).
// - cudaMemcpy and friends take their direction from the kind argument, so the guest picks the wire form (an input
//   buffer, an output buffer, or neither); cudaMemcpyDefault asks the worker where each pointer lives.
// - The last error is kept per thread in the guest ([StatusHook]): cudaGetLastError and cudaPeekAtLastError, error
//   names and strings, device count and properties (after the first query) are answered without a round trip.
// - dim3 arguments passed by value are declared as the two integer registers the x86-64 C ABI passes them in
//   (x | y << 32, then z); a cudaChannelFormatDesc returned by value as the hidden result pointer the ABI uses.
// - Features the drop-in does not remote (graphs, capture, arrays and textures, managed and mapped memory, IPC, external
//   memory, graphics interop, memory pools, libraries, logs) are exported and answer cudaErrorNotSupported, as a
//   runtime without that capability does (CudaRt.NotRemoted.cs).
using Ava.Spec;

namespace Ava.CudaRt;

/// <summary>The CUDA runtime API, version 13.0.</summary>
[Api("cudart", 3, Version = "13.0", SoName = "libcudart.so.13", Header = "cuda_runtime_api.h (CUDA 13.0)",
    RealLibrary = new[] { "libcudart.so.13" })]
[SuccessValue(0)]
[TransportError(999)] // cudaErrorUnknown
[OutOfResources(2)] // cudaErrorMemoryAllocation: a bound of the tenant (live objects, threads) refused the call
[NoDriver(35)] // cudaErrorInsufficientDriver, what the runtime answers on a machine without a CUDA driver
[StatusHook("KeepLastError")]
[ApiGroup("cuda")] // served by the driver's worker, through libcuda.so.1's connection when ours is loaded
// The driver's states (Cuda.cs) that runtime calls change in the worker, where the real runtime calls the real driver:
// the calling thread's current context, the primary contexts' state and the functions' attributes. The driver's guest
// keeps answers per their values (cuCtxGetCurrent, cuCtxGetDevice, cuKernelGetFunction, cuDevicePrimaryCtxGetState,
// cuFuncGetAttribute), which a runtime call declared below to change them makes it ask again. Besides those
// (cudaSetDevice, cudaDeviceReset, cudaFuncSetAttribute, ...), the runtime
// makes its device's primary context current at a thread's first call that needs a context, when none is current
// ([LazyGuestState]): until a call that needs one ([UsesGuestState]) has returned success on the thread, and again
// after anything changed the thread's context, every runtime call may have changed it.
[GuestState("context", PerThread = true, Api = "cuda")]
[GuestState("primary", Api = "cuda")]
[GuestState("attributes", Api = "cuda")]
[LazyGuestState("context", Also = new[] { "primary" })]
public static unsafe partial class CudaRt
{
    // ---- Errors (answered in the guest: the last error is the calling thread's, the strings must live here) -----

    /// <summary><c>cudaError_t cudaGetLastError(void);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaGetLastError();

    /// <summary><c>cudaError_t cudaPeekAtLastError(void);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaPeekAtLastError();

    /// <summary><c>const char* cudaGetErrorName(cudaError_t error);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial nint cudaGetErrorName(int error);

    /// <summary><c>const char* cudaGetErrorString(cudaError_t error);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial nint cudaGetErrorString(int error);

    // ---- Versions and devices --------------------------------------------------------------------------------

    /// <summary><c>cudaError_t cudaDriverGetVersion(int *driverVersion);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaDriverGetVersion([Out] int* driverVersion);

    /// <summary><c>cudaError_t cudaRuntimeGetVersion(int *runtimeVersion);</c> The real runtime's version.</summary>
    [SymbolVersion(Node)]
    public static partial int cudaRuntimeGetVersion([Out] int* runtimeVersion);

    /// <summary><c>cudaError_t cudaGetDeviceCount(int *count);</c> Asked once, then answered in the guest.</summary>
    [Manual(Side.Guest)]
    [SymbolVersion(Node)]
    public static partial int cudaGetDeviceCount([Out] int* count);

    /// <summary><c>cudaError_t cudaGetDeviceProperties(struct cudaDeviceProp *prop, int device);</c> Asked once per device through avaGetDeviceProperties, then answered in the guest.</summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaGetDeviceProperties(nint prop, int device);

    /// <summary>Wire form of cudaGetDeviceProperties: the property block of <paramref name="size"/> bytes (sizeof(struct cudaDeviceProp) of CUDA 13.0). Not exported; the worker calls the real function into a block of its own and sends its first bytes.</summary>
    [Manual(Side.Guest)]
    public static partial int avaGetDeviceProperties([Out, Buffer("size", ElementSize = 1)] void* prop, nuint size, int device);

    /// <summary><c>cudaError_t cudaDeviceGetAttribute(int *value, enum cudaDeviceAttr attr, int device);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaDeviceGetAttribute([Out] int* value, int attr, int device);

    /// <summary><c>cudaError_t cudaChooseDevice(int *device, const struct cudaDeviceProp *prop);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaChooseDevice([Out] int* device, [In, Buffer("1008", ElementSize = 1)] void* prop);

    /// <summary><c>cudaError_t cudaSetDevice(int device);</c></summary>
    [SymbolVersion(Node)]
    [ChangesGuestState("context")]
    [ChangesGuestState("primary")]
    [UsesGuestState("context")]
    public static partial int cudaSetDevice(int device);

    /// <summary><c>cudaError_t cudaGetDevice(int *device);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaGetDevice([Out] int* device);

    /// <summary><c>cudaError_t cudaSetValidDevices(int *device_arr, int len);</c> A NULL list with a len other than 0 is cudaErrorInvalidValue (cuda_runtime_api.h).</summary>
    [SymbolVersion(Node)]
    public static partial int cudaSetValidDevices([In, Buffer("len", NullWithCount = ErrorInvalidValue)] int* device_arr, int len);

    /// <summary><c>cudaError_t cudaSetDeviceFlags(unsigned int flags);</c></summary>
    [SymbolVersion(Node)]
    [ChangesGuestState("context")]
    [ChangesGuestState("primary")]
    public static partial int cudaSetDeviceFlags(uint flags);

    /// <summary><c>cudaError_t cudaGetDeviceFlags(unsigned int *flags);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaGetDeviceFlags([Out] uint* flags);

    /// <summary><c>cudaError_t cudaInitDevice(int device, unsigned int deviceFlags, unsigned int flags);</c></summary>
    [SymbolVersion(Node)]
    [ChangesGuestState("context")]
    [ChangesGuestState("primary")]
    public static partial int cudaInitDevice(int device, uint deviceFlags, uint flags);

    /// <summary><c>cudaError_t cudaDeviceReset(void);</c></summary>
    [Flush]
    [SymbolVersion(Node)]
    [ChangesGuestState("context", AllThreads = true)]
    [ChangesGuestState("primary")]
    public static partial int cudaDeviceReset();

    /// <summary><c>cudaError_t cudaDeviceSynchronize(void);</c></summary>
    [Flush]
    [SymbolVersion(Node)]
    [UsesGuestState("context")]
    public static partial int cudaDeviceSynchronize();

    /// <summary><c>cudaError_t cudaDeviceSetLimit(enum cudaLimit limit, size_t value);</c></summary>
    [SymbolVersion(Node)]
    [ChangesGuestState("attributes")]
    public static partial int cudaDeviceSetLimit(int limit, nuint value);

    /// <summary><c>cudaError_t cudaDeviceGetLimit(size_t *pValue, enum cudaLimit limit);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaDeviceGetLimit([Out] nuint* pValue, int limit);

    /// <summary><c>cudaError_t cudaDeviceGetCacheConfig(enum cudaFuncCache *pCacheConfig);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaDeviceGetCacheConfig([Out] int* pCacheConfig);

    /// <summary><c>cudaError_t cudaDeviceSetCacheConfig(enum cudaFuncCache cacheConfig);</c></summary>
    [SymbolVersion(Node)]
    [ChangesGuestState("attributes")]
    public static partial int cudaDeviceSetCacheConfig(int cacheConfig);

    /// <summary><c>cudaError_t cudaDeviceGetSharedMemConfig(enum cudaSharedMemConfig *pConfig);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaDeviceGetSharedMemConfig([Out] int* pConfig);

    /// <summary><c>cudaError_t cudaDeviceSetSharedMemConfig(enum cudaSharedMemConfig config);</c></summary>
    [SymbolVersion(Node)]
    [ChangesGuestState("attributes")]
    public static partial int cudaDeviceSetSharedMemConfig(int config);

    /// <summary><c>cudaError_t cudaDeviceGetStreamPriorityRange(int *leastPriority, int *greatestPriority);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaDeviceGetStreamPriorityRange([Out] int* leastPriority, [Out] int* greatestPriority);

    /// <summary><c>cudaError_t cudaDeviceGetByPCIBusId(int *device, const char *pciBusId);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaDeviceGetByPCIBusId([Out] int* device, [String] sbyte* pciBusId);

    /// <summary><c>cudaError_t cudaDeviceGetPCIBusId(char *pciBusId, int len, int device);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaDeviceGetPCIBusId([Out, Buffer("len")] sbyte* pciBusId, int len, int device);

    /// <summary><c>cudaError_t cudaDeviceCanAccessPeer(int *canAccessPeer, int device, int peerDevice);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaDeviceCanAccessPeer([Out] int* canAccessPeer, int device, int peerDevice);

    /// <summary><c>cudaError_t cudaDeviceEnablePeerAccess(int peerDevice, unsigned int flags);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaDeviceEnablePeerAccess(int peerDevice, uint flags);

    /// <summary><c>cudaError_t cudaDeviceDisablePeerAccess(int peerDevice);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaDeviceDisablePeerAccess(int peerDevice);

    /// <summary><c>cudaError_t cudaDeviceGetP2PAttribute(int *value, enum cudaDeviceP2PAttr attr, int srcDevice, int dstDevice);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaDeviceGetP2PAttribute([Out] int* value, int attr, int srcDevice, int dstDevice);

    /// <summary><c>cudaError_t cudaDeviceFlushGPUDirectRDMAWrites(enum cudaFlushGPUDirectRDMAWritesTarget target, enum cudaFlushGPUDirectRDMAWritesScope scope);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaDeviceFlushGPUDirectRDMAWrites(int target, int scope);

    /// <summary><c>cudaError_t cudaDeviceGetTexture1DLinearMaxWidth(size_t *maxWidthInElements, const struct cudaChannelFormatDesc *fmtDesc, int device);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaDeviceGetTexture1DLinearMaxWidth([Out] nuint* maxWidthInElements, [In] cudaChannelFormatDesc* fmtDesc, int device);

    /// <summary><c>cudaError_t cudaCtxResetPersistingL2Cache(void);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaCtxResetPersistingL2Cache();

    /// <summary><c>cudaError_t cudaProfilerStart(void);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaProfilerStart();

    /// <summary><c>cudaError_t cudaProfilerStop(void);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaProfilerStop();

    // ---- Device memory ---------------------------------------------------------------------------------------

    /// <summary><c>cudaError_t cudaMalloc(void **devPtr, size_t size);</c></summary>
    [AllocatesResource("device_memory", "size", Denied = ErrorMemoryAllocation)]
    [SymbolVersion(Node)]
    [UsesGuestState("context")]
    public static partial int cudaMalloc([Out] cudaDevPtr* devPtr, nuint size);

    /// <summary><c>cudaError_t cudaMallocPitch(void **devPtr, size_t *pitch, size_t width, size_t height);</c> The quota counts the unpadded size.</summary>
    [AllocatesResource("device_memory", "width * height", Denied = ErrorMemoryAllocation)]
    [SymbolVersion(Node)]
    [UsesGuestState("context")]
    public static partial int cudaMallocPitch([Out] cudaDevPtr* devPtr, [Out] nuint* pitch, nuint width, nuint height);

    /// <summary><c>cudaError_t cudaMallocAsync(void **devPtr, size_t size, cudaStream_t hStream);</c></summary>
    [AllocatesResource("device_memory", "size", Denied = ErrorMemoryAllocation)]
    [SymbolVersion(Node)]
    [Variant("cudaMallocAsync_ptsz")]
    public static partial int cudaMallocAsync([Out] cudaDevPtr* devPtr, nuint size, cudaStream_t hStream);

    /// <summary><c>cudaError_t cudaFree(void *devPtr);</c></summary>
    [DeallocatesResource("device_memory")]
    [SymbolVersion(Node)]
    [UsesGuestState("context")]
    public static partial int cudaFree(cudaDevPtr devPtr);

    /// <summary><c>cudaError_t cudaFreeAsync(void *devPtr, cudaStream_t hStream);</c></summary>
    [Async(Success = 0)]
    [DeallocatesResource("device_memory", Of = "devPtr")]
    [SymbolVersion(Node)]
    [Variant("cudaFreeAsync_ptsz")]
    public static partial int cudaFreeAsync(cudaDevPtr devPtr, cudaStream_t hStream);

    /// <summary><c>cudaError_t cudaMemGetInfo(size_t *free, size_t *total);</c></summary>
    [SymbolVersion(Node)]
    [UsesGuestState("context")]
    public static partial int cudaMemGetInfo([Out] nuint* free, [Out] nuint* total);

    /// <summary><c>cudaError_t cudaMemset(void *devPtr, int value, size_t count);</c></summary>
    [SymbolVersion(Node)]
    [Variant("cudaMemset_ptds")]
    [UsesGuestState("context")]
    public static partial int cudaMemset(cudaDevPtr devPtr, int value, nuint count);

    /// <summary><c>cudaError_t cudaMemsetAsync(void *devPtr, int value, size_t count, cudaStream_t stream);</c></summary>
    [Async(Success = 0)]
    [SymbolVersion(Node)]
    [Variant("cudaMemsetAsync_ptsz")]
    public static partial int cudaMemsetAsync(cudaDevPtr devPtr, int value, nuint count, cudaStream_t stream);

    /// <summary><c>cudaError_t cudaMemset2D(void *devPtr, size_t pitch, int value, size_t width, size_t height);</c></summary>
    [SymbolVersion(Node)]
    [Variant("cudaMemset2D_ptds")]
    [UsesGuestState("context")]
    public static partial int cudaMemset2D(cudaDevPtr devPtr, nuint pitch, int value, nuint width, nuint height);

    /// <summary><c>cudaError_t cudaMemset2DAsync(void *devPtr, size_t pitch, int value, size_t width, size_t height, cudaStream_t stream);</c></summary>
    [Async(Success = 0)]
    [SymbolVersion(Node)]
    [Variant("cudaMemset2DAsync_ptsz")]
    public static partial int cudaMemset2DAsync(cudaDevPtr devPtr, nuint pitch, int value, nuint width, nuint height, cudaStream_t stream);

    // ---- Copies: the guest picks the wire form by the kind argument ------------------------------------------

    /// <summary><c>cudaError_t cudaMemcpy(void *dst, const void *src, size_t count, enum cudaMemcpyKind kind);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpy_ptds")]
    public static partial int cudaMemcpy(nint dst, nint src, nuint count, int kind);

    /// <summary><c>cudaError_t cudaMemcpyAsync(void *dst, const void *src, size_t count, enum cudaMemcpyKind kind, cudaStream_t stream);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpyAsync_ptsz")]
    public static partial int cudaMemcpyAsync(nint dst, nint src, nuint count, int kind, cudaStream_t stream);

    /// <summary><c>cudaError_t cudaMemcpy2D(void *dst, size_t dpitch, const void *src, size_t spitch, size_t width, size_t height, enum cudaMemcpyKind kind);</c> Host sides become row copies.</summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpy2D_ptds")]
    public static partial int cudaMemcpy2D(nint dst, nuint dpitch, nint src, nuint spitch, nuint width, nuint height, int kind);

    /// <summary><c>cudaError_t cudaMemcpy2DAsync(void *dst, size_t dpitch, const void *src, size_t spitch, size_t width, size_t height, enum cudaMemcpyKind kind, cudaStream_t stream);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpy2DAsync_ptsz")]
    public static partial int cudaMemcpy2DAsync(nint dst, nuint dpitch, nint src, nuint spitch, nuint width, nuint height, int kind, cudaStream_t stream);

    /// <summary><c>cudaError_t cudaMemcpyPeer(void *dst, int dstDevice, const void *src, int srcDevice, size_t count);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaMemcpyPeer(cudaDevPtr dst, int dstDevice, cudaDevPtr src, int srcDevice, nuint count);

    /// <summary><c>cudaError_t cudaMemcpyPeerAsync(void *dst, int dstDevice, const void *src, int srcDevice, size_t count, cudaStream_t stream);</c></summary>
    [Async(Success = 0)]
    [SymbolVersion(Node)]
    public static partial int cudaMemcpyPeerAsync(cudaDevPtr dst, int dstDevice, cudaDevPtr src, int srcDevice, nuint count, cudaStream_t stream);

    /// <summary>Wire form of a copy from host memory to the device (cudaMemcpy(Async) with cudaMemcpyHostToDevice): <paramref name="flags"/> bit 0 per-thread default stream, bit 1 async on <paramref name="stream"/>. Not exported.</summary>
    [Manual(Side.Guest)]
    [Async(Success = 0, When = "(flags & 2) != 0")]
    [UsesGuestState("context")]
    public static partial int avaMemcpyToDevice(cudaDevPtr dst, [In, Buffer("count", ElementSize = 1)] void* src, nuint count, cudaStream_t stream, int flags);

    /// <summary>Wire form of a copy from the device to host memory; an async one is a deferred output, in host memory before the stream is known to be done. Not exported.</summary>
    [Manual(Side.Guest)]
    [Async(Success = 0, When = "(flags & 2) != 0")]
    [WorkerHook(After = "After_avaMemcpyToHost")]
    [UsesGuestState("context")]
    public static partial int avaMemcpyToHost([Out, Deferred, Buffer("count", ElementSize = 1)] void* dst, cudaDevPtr src, nuint count, cudaStream_t stream, int flags);

    /// <summary>Wire form of a copy between two device addresses (kind cudaMemcpyDeviceToDevice or cudaMemcpyDefault). Not exported.</summary>
    [Manual(Side.Guest)]
    [Async(Success = 0, When = "(flags & 2) != 0")]
    [UsesGuestState("context")]
    public static partial int avaMemcpyOnDevice(cudaDevPtr dst, cudaDevPtr src, nuint count, int kind, cudaStream_t stream, int flags);

    /// <summary><c>cudaError_t cudaPointerGetAttributes(struct cudaPointerAttributes *attributes, const void *ptr);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaPointerGetAttributes(nint attributes, nint ptr);

    /// <summary>Wire form of cudaPointerGetAttributes: memory type, device and device pointer of an address (the host pointer would be the worker's). Not exported.</summary>
    [Manual(Side.Guest)]
    public static partial int avaPointerGetAttributes([Out] int* type, [Out] int* device, [Out] cudaDevPtr* devicePointer, cudaDevPtr ptr);

    // ---- Host memory: allocated and registered in the application's process (the worker's pinned pages cannot be shared) ---

    /// <summary><c>cudaError_t cudaMallocHost(void **ptr, size_t size);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaMallocHost([Out] nint* ptr, nuint size);

    /// <summary><c>cudaError_t cudaHostAlloc(void **pHost, size_t size, unsigned int flags);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaHostAlloc([Out] nint* pHost, nuint size, uint flags);

    /// <summary><c>cudaError_t cudaFreeHost(void *ptr);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaFreeHost(nint ptr);

    /// <summary><c>cudaError_t cudaHostRegister(void *ptr, size_t size, unsigned int flags);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaHostRegister(nint ptr, nuint size, uint flags);

    /// <summary><c>cudaError_t cudaHostUnregister(void *ptr);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaHostUnregister(nint ptr);

    /// <summary><c>cudaError_t cudaHostGetFlags(unsigned int *pFlags, void *pHost);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaHostGetFlags([Out] uint* pFlags, nint pHost);

    // ---- Streams ---------------------------------------------------------------------------------------------

    /// <summary><c>cudaError_t cudaStreamCreate(cudaStream_t *pStream);</c></summary>
    [SymbolVersion(Node)]
    [UsesGuestState("context")]
    public static partial int cudaStreamCreate([Out, Allocates] cudaStream_t* pStream);

    /// <summary><c>cudaError_t cudaStreamCreateWithFlags(cudaStream_t *pStream, unsigned int flags);</c></summary>
    [SymbolVersion(Node)]
    [UsesGuestState("context")]
    public static partial int cudaStreamCreateWithFlags([Out, Allocates] cudaStream_t* pStream, uint flags);

    /// <summary><c>cudaError_t cudaStreamCreateWithPriority(cudaStream_t *pStream, unsigned int flags, int priority);</c></summary>
    [SymbolVersion(Node)]
    [UsesGuestState("context")]
    public static partial int cudaStreamCreateWithPriority([Out, Allocates] cudaStream_t* pStream, uint flags, int priority);

    /// <summary><c>cudaError_t cudaStreamDestroy(cudaStream_t stream);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaStreamDestroy([Deallocates] cudaStream_t stream);

    /// <summary><c>cudaError_t cudaStreamSynchronize(cudaStream_t stream);</c></summary>
    [Flush]
    [SymbolVersion(Node)]
    [Variant("cudaStreamSynchronize_ptsz")]
    [UsesGuestState("context")]
    public static partial int cudaStreamSynchronize(cudaStream_t stream);

    /// <summary><c>cudaError_t cudaStreamQuery(cudaStream_t stream);</c></summary>
    [Flush]
    [SymbolVersion(Node)]
    [Variant("cudaStreamQuery_ptsz")]
    public static partial int cudaStreamQuery(cudaStream_t stream);

    /// <summary><c>cudaError_t cudaStreamWaitEvent(cudaStream_t stream, cudaEvent_t event, unsigned int flags);</c></summary>
    [Async(Success = 0)]
    [SymbolVersion(Node)]
    [Variant("cudaStreamWaitEvent_ptsz")]
    public static partial int cudaStreamWaitEvent(cudaStream_t stream, cudaEvent_t @event, uint flags);

    /// <summary><c>cudaError_t cudaStreamGetFlags(cudaStream_t hStream, unsigned int *flags);</c></summary>
    [SymbolVersion(Node)]
    [Variant("cudaStreamGetFlags_ptsz")]
    public static partial int cudaStreamGetFlags(cudaStream_t hStream, [Out] uint* flags);

    /// <summary><c>cudaError_t cudaStreamGetPriority(cudaStream_t hStream, int *priority);</c></summary>
    [SymbolVersion(Node)]
    [Variant("cudaStreamGetPriority_ptsz")]
    public static partial int cudaStreamGetPriority(cudaStream_t hStream, [Out] int* priority);

    /// <summary><c>cudaError_t cudaStreamGetId(cudaStream_t hStream, unsigned long long *streamId);</c></summary>
    [SymbolVersion(Node)]
    [Variant("cudaStreamGetId_ptsz")]
    public static partial int cudaStreamGetId(cudaStream_t hStream, [Out] ulong* streamId);

    /// <summary><c>cudaError_t cudaStreamGetDevice(cudaStream_t hStream, int *device);</c></summary>
    [SymbolVersion(Node)]
    [Variant("cudaStreamGetDevice_ptsz")]
    public static partial int cudaStreamGetDevice(cudaStream_t hStream, [Out] int* device);

    /// <summary><c>cudaError_t cudaStreamIsCapturing(cudaStream_t stream, enum cudaStreamCaptureStatus *pCaptureStatus);</c> Capture is not remoted: the real answer is always "not capturing".</summary>
    [SymbolVersion(Node)]
    [Variant("cudaStreamIsCapturing_ptsz")]
    public static partial int cudaStreamIsCapturing(cudaStream_t stream, [Out] int* pCaptureStatus);

    /// <summary><c>cudaError_t cudaStreamAddCallback(cudaStream_t stream, cudaStreamCallback_t callback, void *userData, unsigned int flags)</c> with typedef void (*cudaStreamCallback_t)(cudaStream_t stream, cudaError_t status, void *userData);</summary>
    [SymbolVersion(Node)]
    [Variant("cudaStreamAddCallback_ptsz")]
    public static partial int cudaStreamAddCallback(cudaStream_t stream, [Callback("userData")] delegate* unmanaged<cudaStream_t, int, void*, void> callback, [UserData] void* userData, uint flags);

    /// <summary><c>cudaError_t cudaLaunchHostFunc(cudaStream_t stream, cudaHostFn_t fn, void *userData)</c> with typedef void (*cudaHostFn_t)(void *userData);</summary>
    [SymbolVersion(Node)]
    [Variant("cudaLaunchHostFunc_ptsz")]
    public static partial int cudaLaunchHostFunc(cudaStream_t stream, [Callback("userData")] delegate* unmanaged<void*, void> fn, [UserData] void* userData);

    // ---- Events ----------------------------------------------------------------------------------------------

    /// <summary><c>cudaError_t cudaEventCreate(cudaEvent_t *event);</c></summary>
    [SymbolVersion(Node)]
    [UsesGuestState("context")]
    public static partial int cudaEventCreate([Out, Allocates] cudaEvent_t* @event);

    /// <summary><c>cudaError_t cudaEventCreateWithFlags(cudaEvent_t *event, unsigned int flags);</c></summary>
    [SymbolVersion(Node)]
    [UsesGuestState("context")]
    public static partial int cudaEventCreateWithFlags([Out, Allocates] cudaEvent_t* @event, uint flags);

    /// <summary><c>cudaError_t cudaEventRecord(cudaEvent_t event, cudaStream_t stream);</c></summary>
    [Async(Success = 0)]
    [SymbolVersion(Node)]
    [Variant("cudaEventRecord_ptsz")]
    public static partial int cudaEventRecord(cudaEvent_t @event, cudaStream_t stream);

    /// <summary><c>cudaError_t cudaEventRecordWithFlags(cudaEvent_t event, cudaStream_t stream, unsigned int flags);</c></summary>
    [Async(Success = 0)]
    [SymbolVersion(Node)]
    [Variant("cudaEventRecordWithFlags_ptsz")]
    public static partial int cudaEventRecordWithFlags(cudaEvent_t @event, cudaStream_t stream, uint flags);

    /// <summary><c>cudaError_t cudaEventQuery(cudaEvent_t event);</c></summary>
    [Flush]
    [SymbolVersion(Node)]
    public static partial int cudaEventQuery(cudaEvent_t @event);

    /// <summary><c>cudaError_t cudaEventSynchronize(cudaEvent_t event);</c></summary>
    [Flush]
    [SymbolVersion(Node)]
    [UsesGuestState("context")]
    public static partial int cudaEventSynchronize(cudaEvent_t @event);

    /// <summary><c>cudaError_t cudaEventDestroy(cudaEvent_t event);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaEventDestroy([Deallocates] cudaEvent_t @event);

    /// <summary><c>cudaError_t cudaEventElapsedTime(float *ms, cudaEvent_t start, cudaEvent_t end);</c></summary>
    [SymbolVersion(Node)]
    public static partial int cudaEventElapsedTime([Out] float* ms, cudaEvent_t start, cudaEvent_t end);

    // ---- Module registration (what nvcc's host code calls from its constructors and atexit handlers) ---------

    /// <summary><c>void** __cudaRegisterFatBinary(void *fatCubin);</c> The guest sends the fat binary the wrapper points at (avaRegisterFatBinary) and hands back a handle of its own.</summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial nint __cudaRegisterFatBinary(nint fatCubin);

    /// <summary><c>void __cudaRegisterFatBinaryEnd(void **fatCubinHandle);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial void __cudaRegisterFatBinaryEnd(nint fatCubinHandle);

    /// <summary><c>void __cudaUnregisterFatBinary(void **fatCubinHandle);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial void __cudaUnregisterFatBinary(nint fatCubinHandle);

    /// <summary><c>void __cudaRegisterFunction(void **fatCubinHandle, const char *hostFun, char *deviceFun, const char *deviceName, int thread_limit, uint3 *tid, uint3 *bid, dim3 *bDim, dim3 *gDim, int *wSize);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial void __cudaRegisterFunction(nint fatCubinHandle, nint hostFun, nint deviceFun, nint deviceName, int thread_limit, nint tid, nint bid, nint bDim, nint gDim, nint wSize);

    /// <summary><c>void __cudaRegisterVar(void **fatCubinHandle, char *hostVar, char *deviceAddress, const char *deviceName, int ext, size_t size, int constant, int global);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial void __cudaRegisterVar(nint fatCubinHandle, nint hostVar, nint deviceAddress, nint deviceName, int ext, nuint size, int constant, int global);

    /// <summary><c>void __cudaRegisterManagedVar(void **fatCubinHandle, void **hostVarPtrAddress, char *deviceAddress, const char *deviceName, int ext, size_t size, int constant, int global);</c> Managed memory is not remoted: the variable stays unregistered, and its kernels' module fails to load as on a device without managed memory.</summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial void __cudaRegisterManagedVar(nint fatCubinHandle, nint hostVarPtrAddress, nint deviceAddress, nint deviceName, int ext, nuint size, int constant, int global);

    /// <summary><c>void __cudaRegisterHostVar(void **fatCubinHandle, const char *deviceName, char *hostVar, size_t size);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial void __cudaRegisterHostVar(nint fatCubinHandle, nint deviceName, nint hostVar, nuint size);

    /// <summary><c>char __cudaInitModule(void **fatCubinHandle);</c> Nonzero for a registered module.</summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial byte __cudaInitModule(nint fatCubinHandle);

    /// <summary>Wire form of __cudaRegisterFatBinary: the fat binary and its size (from its own header). Not exported; the worker registers a copy that lives until avaUnregisterFatBinary (never of a NULL image with a size: [Buffer(NullWithCount)]).</summary>
    [Manual(Side.Guest)]
    public static partial int avaRegisterFatBinary([Out, Allocates] cudaFatbin* handle, [In, Buffer("size", ElementSize = 1, NullWithCount = ErrorInvalidValue)] void* image, nuint size);

    /// <summary>Wire form of __cudaRegisterFatBinaryEnd. Not exported.</summary>
    [Manual(Side.Guest)]
    [Async(Success = 0)]
    public static partial int avaRegisterFatBinaryEnd(cudaFatbin handle);

    /// <summary>Wire form of __cudaUnregisterFatBinary: the worker unregisters the module, then frees its copy and the host addresses it handed out. Not exported.</summary>
    [Manual(Side.Guest)]
    [Async(Success = 0)]
    public static partial int avaUnregisterFatBinary([Deallocates] cudaFatbin handle);

    /// <summary>Wire form of __cudaRegisterFunction: the kernel's device name; the worker registers it under a host address of its own. Not exported.</summary>
    [Manual(Side.Guest)]
    public static partial int avaRegisterFunction([Out, Allocates] cudaHostFunction* function, cudaFatbin module, [String] sbyte* deviceName, int threadLimit);

    /// <summary>Wire form of __cudaRegisterVar: the variable's name and size; the worker registers it under a host shadow of its own. Not exported.</summary>
    [Manual(Side.Guest)]
    public static partial int avaRegisterVar([Out, Allocates] cudaHostVariable* variable, cudaFatbin module, [String] sbyte* deviceName, int ext, nuint size, int constant, int global);

    // ---- Kernel launch by host stub address (<<<>>>, cudaLaunchKernel) ---------------------------------------

    /// <summary><c>unsigned __cudaPushCallConfiguration(dim3 gridDim, dim3 blockDim, size_t sharedMem, struct CUstream_st *stream);</c> Kept per thread in the guest.</summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial uint __cudaPushCallConfiguration(ulong gridXY, uint gridZ, ulong blockXY, uint blockZ, nuint sharedMem, nint stream);

    /// <summary><c>cudaError_t __cudaPopCallConfiguration(dim3 *gridDim, dim3 *blockDim, size_t *sharedMem, void *stream);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int __cudaPopCallConfiguration([Out] dim3* gridDim, [Out] dim3* blockDim, [Out] nuint* sharedMem, [Out] nint* stream);

    /// <summary><c>cudaError_t __cudaGetKernel(cudaKernel_t *kernel, const void *hostFun);</c> What nvcc 13's stubs call once before __cudaLaunchKernel: the kernel is the registered host function's handle.</summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int __cudaGetKernel([Out] nint* kernel, nint hostFun);

    /// <summary><c>cudaError_t __cudaLaunchKernel(cudaKernel_t kernel, dim3 gridDim, dim3 blockDim, void **args, size_t sharedMem, cudaStream_t stream);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    [Variant("__cudaLaunchKernel_ptsz")]
    public static partial int __cudaLaunchKernel(nint kernel, ulong gridXY, uint gridZ, ulong blockXY, uint blockZ, nint args, nuint sharedMem, cudaStream_t stream);

    /// <summary><c>cudaError_t cudaLaunchKernel(const void *func, dim3 gridDim, dim3 blockDim, void **args, size_t sharedMem, cudaStream_t stream);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    [Variant("cudaLaunchKernel_ptsz")]
    public static partial int cudaLaunchKernel(nint func, ulong gridXY, uint gridZ, ulong blockXY, uint blockZ, nint args, nuint sharedMem, cudaStream_t stream);

    /// <summary><c>cudaError_t cudaLaunchCooperativeKernel(const void *func, dim3 gridDim, dim3 blockDim, void **args, size_t sharedMem, cudaStream_t stream);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    [Variant("cudaLaunchCooperativeKernel_ptsz")]
    public static partial int cudaLaunchCooperativeKernel(nint func, ulong gridXY, uint gridZ, ulong blockXY, uint blockZ, nint args, nuint sharedMem, cudaStream_t stream);

    /// <summary><c>cudaError_t cudaLaunchKernelExC(const cudaLaunchConfig_t *config, const void *func, void **args);</c> The configuration's attributes travel beside it (avaLaunchKernelEx).</summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    [Variant("cudaLaunchKernelExC_ptsz")]
    public static partial int cudaLaunchKernelExC(nint config, nint func, nint args);

    /// <summary>Wire form of cudaLaunchKernelExC: the configuration's scalars, its <paramref name="numAttrs"/> launch attributes of 72 bytes each (events in them as handles), and the packed parameters; <paramref name="flags"/> as for avaLaunchKernel. Not exported. The worker's hook copies both, so neither may be NULL with a count.</summary>
    [Manual(Side.Guest)]
    [Async(Success = 0, When = "(flags & 4) == 0")]
    [WorkerHook(Before = "Before_avaLaunchKernelEx")]
    [UsesGuestState("context")]
    public static partial int avaLaunchKernelEx(cudaHostFunction function, uint gridX, uint gridY, uint gridZ, uint blockX, uint blockY, uint blockZ, nuint sharedMem, cudaStream_t stream, [In, Buffer("numAttrs * 72", ElementSize = 1, NullWithCount = ErrorInvalidValue)] void* attrs, uint numAttrs, [In, Buffer("bytes", ElementSize = 1, NullWithCount = ErrorInvalidValue)] void* parameters, nuint bytes, int flags);

    /// <summary><c>cudaError_t cudaGetKernel(cudaKernel_t *kernelPtr, const void *entryFuncAddr);</c> The real runtime's kernel (avaGetKernel), asked once per kernel: a CUkernel of the driver's, which launches and function queries of the runtime take too.</summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaGetKernel([Out] nint* kernelPtr, nint entryFuncAddr);

    /// <summary>Wire form of cudaGetKernel for a registered kernel: the real runtime's cudaKernel_t, an object of the group's CUkernel type. Not exported.</summary>
    [Manual(Side.Guest)]
    public static partial int avaGetKernel([Out] cudaKernel_t* kernel, cudaHostFunction function);

    /// <summary><c>cudaError_t cudaGetFuncBySymbol(cudaFunction_t *functionPtr, const void *symbolPtr);</c> The kernel's function in the current context (avaGetFuncBySymbol), asked each time: the context can change.</summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaGetFuncBySymbol([Out] nint* functionPtr, nint symbolPtr);

    /// <summary>Wire form of cudaGetFuncBySymbol for a registered kernel: the real runtime's cudaFunction_t, an object of the group's CUfunction type. Not exported.</summary>
    [Manual(Side.Guest)]
    [UsesGuestState("context")]
    public static partial int avaGetFuncBySymbol([Out] cudaFunction_t* function, cudaHostFunction hostFunction);

    /// <summary>Wire form of a launch: the parameters packed at the offsets the real runtime reports, <paramref name="flags"/> bit 0 per-thread default stream, bit 1 cooperative, bit 2 wait for the real status. Not exported; a launch whose configuration the guest can show valid returns at once (its errors surface at the next synchronizing call, as a kernel's own do), any other waits, so cudaGetLastError after it sees what the real runtime said.</summary>
    [Manual(Side.Guest)]
    [Async(Success = 0, When = "(flags & 4) == 0")]
    [WorkerHook(Before = "Before_avaLaunchKernel")]
    [UsesGuestState("context")]
    public static partial int avaLaunchKernel(cudaHostFunction function, uint gridX, uint gridY, uint gridZ, uint blockX, uint blockY, uint blockZ, nuint sharedMem, cudaStream_t stream, [In, Buffer("bytes", ElementSize = 1, NullWithCount = ErrorInvalidValue)] void* parameters, nuint bytes, int flags);

    /// <summary>Wire form of cudaFuncGetParamInfo for a registered kernel: where parameter <paramref name="index"/> lies. Not exported.</summary>
    [Manual(Side.Guest)]
    public static partial int avaFuncGetParamInfo(cudaHostFunction function, nuint index, [Out] nuint* offset, [Out] nuint* size);

    // ---- Kernels by host stub address: the guest maps the address to its registered handle -------------------

    /// <summary><c>cudaError_t cudaFuncGetAttributes(struct cudaFuncAttributes *attr, const void *func);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaFuncGetAttributes(nint attr, nint func);

    /// <summary>Wire form of cudaFuncGetAttributes: the attribute block of <paramref name="size"/> bytes (sizeof(struct cudaFuncAttributes)). Not exported; the worker calls the real function into a block of its own.</summary>
    [Manual(Side.Guest)]
    public static partial int avaFuncGetAttributes([Out, Buffer("size", ElementSize = 1)] void* attr, nuint size, cudaHostFunction function);

    /// <summary><c>cudaError_t cudaFuncSetAttribute(const void *func, enum cudaFuncAttribute attr, int value);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaFuncSetAttribute(nint func, int attr, int value);

    /// <summary>Wire form of cudaFuncSetAttribute. Not exported.</summary>
    [Manual(Side.Guest)]
    [ChangesGuestState("attributes")]
    public static partial int avaFuncSetAttribute(cudaHostFunction function, int attr, int value);

    /// <summary><c>cudaError_t cudaFuncSetCacheConfig(const void *func, enum cudaFuncCache cacheConfig);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaFuncSetCacheConfig(nint func, int cacheConfig);

    /// <summary>Wire form of cudaFuncSetCacheConfig. Not exported.</summary>
    [Manual(Side.Guest)]
    [ChangesGuestState("attributes")]
    public static partial int avaFuncSetCacheConfig(cudaHostFunction function, int cacheConfig);

    /// <summary><c>cudaError_t cudaFuncSetSharedMemConfig(const void *func, enum cudaSharedMemConfig config);</c> Deprecated; the real runtime accepts and ignores it.</summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaFuncSetSharedMemConfig(nint func, int config);

    /// <summary><c>cudaError_t cudaGetDriverEntryPoint(const char *symbol, void **funcPtr, unsigned long long flags, cudaDriverEntryPointQueryResult *driverStatus);</c>
    /// Our driver library's entry point (its cuGetProcAddress, for this runtime's CUDA version) while the runtime's
    /// calls travel on that library's connection (the API group); otherwise cudaErrorNotSupported, as the driver the
    /// application would reach is not the one serving its objects.</summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    [Variant("cudaGetDriverEntryPoint_ptsz")]
    public static partial int cudaGetDriverEntryPoint([String] sbyte* symbol, [Out] nint* funcPtr, ulong flags, [Out] int* driverStatus);

    /// <summary><c>cudaError_t cudaGetDriverEntryPointByVersion(const char *symbol, void **funcPtr, unsigned int cudaVersion, unsigned long long flags, cudaDriverEntryPointQueryResult *driverStatus);</c>
    /// As <see cref="cudaGetDriverEntryPoint"/>, for the version asked.</summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    [Variant("cudaGetDriverEntryPointByVersion_ptsz")]
    public static partial int cudaGetDriverEntryPointByVersion([String] sbyte* symbol, [Out] nint* funcPtr, uint cudaVersion, ulong flags, [Out] int* driverStatus);

    /// <summary><c>cudaError_t cudaFuncGetName(const char **name, const void *func);</c> The registered device name, kept in the guest.</summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaFuncGetName([Out] nint* name, nint func);

    /// <summary><c>cudaError_t cudaFuncGetParamInfo(const void *func, size_t paramIndex, size_t *paramOffset, size_t *paramSize);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaFuncGetParamInfo(nint func, nuint paramIndex, [Out] nuint* paramOffset, [Out] nuint* paramSize);

    /// <summary><c>cudaError_t cudaOccupancyMaxActiveBlocksPerMultiprocessor(int *numBlocks, const void *func, int blockSize, size_t dynamicSMemSize);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaOccupancyMaxActiveBlocksPerMultiprocessor([Out] int* numBlocks, nint func, int blockSize, nuint dynamicSMemSize);

    /// <summary><c>cudaError_t cudaOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(int *numBlocks, const void *func, int blockSize, size_t dynamicSMemSize, unsigned int flags);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaOccupancyMaxActiveBlocksPerMultiprocessorWithFlags([Out] int* numBlocks, nint func, int blockSize, nuint dynamicSMemSize, uint flags);

    /// <summary>Wire form of both occupancy queries. Not exported.</summary>
    [Manual(Side.Guest)]
    public static partial int avaOccupancyMaxActiveBlocks([Out] int* numBlocks, cudaHostFunction function, int blockSize, nuint dynamicSMemSize, uint flags);

    /// <summary><c>cudaError_t cudaOccupancyAvailableDynamicSMemPerBlock(size_t *dynamicSmemSize, const void *func, int numBlocks, int blockSize);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaOccupancyAvailableDynamicSMemPerBlock([Out] nuint* dynamicSmemSize, nint func, int numBlocks, int blockSize);

    /// <summary>Wire form of cudaOccupancyAvailableDynamicSMemPerBlock. Not exported.</summary>
    [Manual(Side.Guest)]
    public static partial int avaOccupancyAvailableDynamicSMem([Out] nuint* dynamicSmemSize, cudaHostFunction function, int numBlocks, int blockSize);

    // ---- Device variables by host shadow address -------------------------------------------------------------

    /// <summary><c>cudaError_t cudaMemcpyToSymbol(const void *symbol, const void *src, size_t count, size_t offset, enum cudaMemcpyKind kind);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpyToSymbol_ptds")]
    public static partial int cudaMemcpyToSymbol(nint symbol, nint src, nuint count, nuint offset, int kind);

    /// <summary><c>cudaError_t cudaMemcpyToSymbolAsync(const void *symbol, const void *src, size_t count, size_t offset, enum cudaMemcpyKind kind, cudaStream_t stream);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpyToSymbolAsync_ptsz")]
    public static partial int cudaMemcpyToSymbolAsync(nint symbol, nint src, nuint count, nuint offset, int kind, cudaStream_t stream);

    /// <summary><c>cudaError_t cudaMemcpyFromSymbol(void *dst, const void *symbol, size_t count, size_t offset, enum cudaMemcpyKind kind);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpyFromSymbol_ptds")]
    public static partial int cudaMemcpyFromSymbol(nint dst, nint symbol, nuint count, nuint offset, int kind);

    /// <summary><c>cudaError_t cudaMemcpyFromSymbolAsync(void *dst, const void *symbol, size_t count, size_t offset, enum cudaMemcpyKind kind, cudaStream_t stream);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpyFromSymbolAsync_ptsz")]
    public static partial int cudaMemcpyFromSymbolAsync(nint dst, nint symbol, nuint count, nuint offset, int kind, cudaStream_t stream);

    /// <summary><c>cudaError_t cudaGetSymbolAddress(void **devPtr, const void *symbol);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaGetSymbolAddress([Out] nint* devPtr, nint symbol);

    /// <summary><c>cudaError_t cudaGetSymbolSize(size_t *size, const void *symbol);</c></summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial int cudaGetSymbolSize([Out] nuint* size, nint symbol);

    /// <summary>Wire form of cudaGetSymbolAddress and cudaGetSymbolSize for a registered variable. Not exported.</summary>
    [Manual(Side.Guest)]
    public static partial int avaGetSymbol([Out] cudaDevPtr* devPtr, [Out] nuint* size, cudaHostVariable variable);

    // ---- Pure functions ----------------------------------------------------------------------------------------

    /// <summary><c>struct cudaChannelFormatDesc cudaCreateChannelDesc(int x, int y, int z, int w, enum cudaChannelFormatKind f);</c> The 20-byte result is returned through the hidden pointer the C ABI passes first.</summary>
    [GuestOnly]
    [SymbolVersion(Node)]
    public static partial nint cudaCreateChannelDesc(nint result, int x, int y, int z, int w, int f);
}
