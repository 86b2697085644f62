// Spec of the CUDA driver API, continued: memory beyond plain allocations (cuda.h, CUDA 13.0): the first (32-bit)
// forms of the memory calls, arrays and array copies, memory pools and stream-ordered allocation, virtual memory
// management (reserved ranges are the worker's, so the addresses the guest does arithmetic on are the device's),
// managed-memory hints (answered by the real driver, which refuses them for memory that is not managed), IPC handles,
// texture and surface objects and references, tensor maps.
using Ava.Spec;

namespace Ava.Cuda;

/// <summary>The CUDA driver API, continued (see Cuda.cs).</summary>
public static unsafe partial class Cuda
{
    /// <summary><c>CUresult cuArray3DCreate(CUarray* pHandle, void* pAllocateArray);</c> The first form: CUDA_ARRAY3D_DESCRIPTOR_v1 has 32-bit sizes.</summary>
    public static partial int cuArray3DCreate([Out, Allocates] CUarray* pHandle, [In, Buffer("1", ElementSize = 24)] void* pAllocateArray);

    /// <summary><c>CUresult cuArray3DCreate_v2(CUarray *pHandle, const CUDA_ARRAY3D_DESCRIPTOR *pAllocateArray);</c> CUDA_ARRAY3D_DESCRIPTOR: width, height, depth, format, channels, flags.</summary>
    public static partial int cuArray3DCreate_v2([Out, Allocates] CUarray* pHandle, [In, Buffer("1", ElementSize = 40)] void* pAllocateArray);

    /// <summary><c>CUresult cuArray3DGetDescriptor(void* pArrayDescriptor, CUarray hArray);</c> The first form.</summary>
    public static partial int cuArray3DGetDescriptor([Out, Buffer("1", ElementSize = 24)] void* pArrayDescriptor, CUarray hArray);

    /// <summary><c>CUresult cuArray3DGetDescriptor_v2(CUDA_ARRAY3D_DESCRIPTOR *pArrayDescriptor, CUarray hArray);</c></summary>
    public static partial int cuArray3DGetDescriptor_v2([Out, Buffer("1", ElementSize = 40)] void* pArrayDescriptor, CUarray hArray);

    /// <summary><c>CUresult cuArrayCreate(CUarray* pHandle, void* pAllocateArray);</c> The first form: CUDA_ARRAY_DESCRIPTOR_v1 has 32-bit sizes.</summary>
    public static partial int cuArrayCreate([Out, Allocates] CUarray* pHandle, [In, Buffer("1", ElementSize = 16)] void* pAllocateArray);

    /// <summary><c>CUresult cuArrayCreate_v2(CUarray *pHandle, const CUDA_ARRAY_DESCRIPTOR *pAllocateArray);</c> CUDA_ARRAY_DESCRIPTOR: width, height, format, channels.</summary>
    public static partial int cuArrayCreate_v2([Out, Allocates] CUarray* pHandle, [In, Buffer("1", ElementSize = 24)] void* pAllocateArray);

    /// <summary><c>CUresult cuArrayDestroy(CUarray hArray);</c></summary>
    public static partial int cuArrayDestroy([Deallocates] CUarray hArray);

    /// <summary><c>CUresult cuArrayGetDescriptor(void* pArrayDescriptor, CUarray hArray);</c> The first form.</summary>
    public static partial int cuArrayGetDescriptor([Out, Buffer("1", ElementSize = 16)] void* pArrayDescriptor, CUarray hArray);

    /// <summary><c>CUresult cuArrayGetDescriptor_v2(CUDA_ARRAY_DESCRIPTOR *pArrayDescriptor, CUarray hArray);</c></summary>
    public static partial int cuArrayGetDescriptor_v2([Out, Buffer("1", ElementSize = 24)] void* pArrayDescriptor, CUarray hArray);

    /// <summary><c>CUresult cuArrayGetMemoryRequirements(CUDA_ARRAY_MEMORY_REQUIREMENTS *memoryRequirements, CUarray array, CUdevice device);</c></summary>
    public static partial int cuArrayGetMemoryRequirements([Out, Buffer("1", ElementSize = 32)] void* memoryRequirements, CUarray array, int device);

    /// <summary><c>CUresult cuArrayGetPlane(CUarray *pPlaneArray, CUarray hArray, unsigned int planeIdx);</c></summary>
    public static partial int cuArrayGetPlane([Out] CUarray* pPlaneArray, CUarray hArray, uint planeIdx);

    /// <summary><c>CUresult cuArrayGetSparseProperties(CUDA_ARRAY_SPARSE_PROPERTIES *sparseProperties, CUarray array);</c></summary>
    public static partial int cuArrayGetSparseProperties([Out, Buffer("1", ElementSize = 48)] void* sparseProperties, CUarray array);

    /// <summary><c>CUresult cuDeviceGetDefaultMemPool(CUmemoryPool *pool_out, CUdevice dev);</c></summary>
    public static partial int cuDeviceGetDefaultMemPool([Out] CUmemoryPool* pool_out, int dev);

    /// <summary><c>CUresult cuDeviceGetMemPool(CUmemoryPool *pool, CUdevice dev);</c></summary>
    public static partial int cuDeviceGetMemPool([Out] CUmemoryPool* pool, int dev);

    /// <summary><c>CUresult cuDeviceSetMemPool(CUdevice dev, CUmemoryPool pool);</c></summary>
    public static partial int cuDeviceSetMemPool(int dev, CUmemoryPool pool);

    /// <summary><c>CUresult cuDeviceTotalMem(uint* bytes, int dev);</c> The first form: a 32-bit size.</summary>
    public static partial int cuDeviceTotalMem([Out] uint* bytes, int dev);

    /// <summary><c>CUresult cuIpcCloseMemHandle(CUdeviceptr dptr);</c></summary>
    public static partial int cuIpcCloseMemHandle(CUdeviceptr dptr);

    /// <summary><c>CUresult cuIpcGetEventHandle(CUipcEventHandle *pHandle, CUevent event);</c> CUipcEventHandle is 64 opaque bytes.</summary>
    public static partial int cuIpcGetEventHandle([Out, Buffer("64")] byte* pHandle, CUevent @event);

    /// <summary><c>CUresult cuIpcGetMemHandle(CUipcMemHandle *pHandle, CUdeviceptr dptr);</c> CUipcMemHandle is 64 opaque bytes, valid in any process of the machine.</summary>
    public static partial int cuIpcGetMemHandle([Out, Buffer("64")] byte* pHandle, CUdeviceptr dptr);

    /// <summary><c>CUresult cuMemAddressFree(CUdeviceptr ptr, size_t size);</c></summary>
    public static partial int cuMemAddressFree([FreesDeviceRange] CUdeviceptr ptr, nuint size);

    /// <summary><c>CUresult cuMemAddressReserve(CUdeviceptr *ptr, size_t size, size_t alignment, CUdeviceptr addr, unsigned long long flags);</c> The reserved range is the worker's, and its addresses are the ones the guest does arithmetic on.</summary>
    public static partial int cuMemAddressReserve([Out, DeviceRange("size")] CUdeviceptr* ptr, nuint size, nuint alignment, CUdeviceptr addr, ulong flags);

    /// <summary><c>CUresult cuMemAdvise(CUdeviceptr devPtr, nuint count, int advice, int device);</c> The first form: a device ordinal.</summary>
    public static partial int cuMemAdvise(CUdeviceptr devPtr, nuint count, int advice, int device);

    /// <summary><c>CUresult cuMemAdvise_v2(CUdeviceptr devPtr, size_t count, CUmem_advise advice, CUmemLocation location);</c> CUmemLocation (8 bytes) passes by value in one register.</summary>
    public static partial int cuMemAdvise_v2(CUdeviceptr devPtr, nuint count, int advice, ulong location);

    /// <summary><c>CUresult cuMemAlloc(uint* dptr, uint bytesize);</c> The first form: a 32-bit CUdeviceptr_v1, which no address of a 64-bit device fits; it would also escape the tenant's device memory quota, which counts allocations by their CUdeviceptr.</summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMemAlloc([Out] uint* dptr, uint bytesize);

    /// <summary><c>CUresult cuMemAllocFromPoolAsync(CUdeviceptr *dptr, size_t bytesize, CUmemoryPool pool, CUstream hStream);</c></summary>
    [AllocatesResource("device_memory", "bytesize", Denied = ErrorOutOfMemory)]
    [Variant("cuMemAllocFromPoolAsync_ptsz")]
    public static partial int cuMemAllocFromPoolAsync([Out, DeviceRange("bytesize")] CUdeviceptr* dptr, nuint bytesize, CUmemoryPool pool, CUstream hStream);

    /// <summary><c>CUresult cuMemAllocHost(void **pp, unsigned int bytesize);</c> The first form: a 32-bit size; allocated in the guest like cuMemAllocHost_v2.</summary>
    [GuestOnly]
    public static partial int cuMemAllocHost([Out] nint* pp, uint bytesize);

    /// <summary><c>CUresult cuMemAllocPitch(uint* dptr, uint* pPitch, uint WidthInBytes, uint Height, uint ElementSizeBytes);</c> The first form: 32-bit addresses and sizes, which no address of a 64-bit device fits; not remoted, like cuMemAlloc.</summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMemAllocPitch([Out] uint* dptr, [Out] uint* pPitch, uint WidthInBytes, uint Height, uint ElementSizeBytes);

    /// <summary><c>CUresult cuMemBatchDecompressAsync(CUmemDecompressParams *paramsArray, size_t count, unsigned int flags, size_t *errorIndex, CUstream stream);</c> Each CUmemDecompressParams (64 bytes) names device memory only.</summary>
    [Variant("cuMemBatchDecompressAsync_ptsz")]
    public static partial int cuMemBatchDecompressAsync([In, Buffer("count", ElementSize = 64)] void* paramsArray, nuint count, uint flags, [Out] nuint* errorIndex, CUstream stream);

    /// <summary><c>CUresult cuMemCreate(CUmemGenericAllocationHandle *handle, size_t size, const CUmemAllocationProp *prop, unsigned long long flags);</c></summary>
    [AllocatesResource("device_memory", "size", Denied = ErrorOutOfMemory)]
    public static partial int cuMemCreate([Out, Allocates] CUmemGenericAllocationHandle* handle, nuint size, [In] CUmemAllocationProp* prop, ulong flags);

    /// <summary><c>CUresult cuMemDiscardAndPrefetchBatchAsync(CUdeviceptr *dptrs, size_t *sizes, size_t count, CUmemLocation *prefetchLocs, size_t *prefetchLocIdxs, size_t numPrefetchLocs, unsigned long long flags, CUstream hStream);</c></summary>
    [Variant("cuMemDiscardAndPrefetchBatchAsync_ptsz")]
    public static partial int cuMemDiscardAndPrefetchBatchAsync([In, Buffer("count")] CUdeviceptr* dptrs, [In, Buffer("count")] nuint* sizes, nuint count, [In, Buffer("numPrefetchLocs")] ulong* prefetchLocs, [In, Buffer("numPrefetchLocs")] nuint* prefetchLocIdxs, nuint numPrefetchLocs, ulong flags, CUstream hStream);

    /// <summary><c>CUresult cuMemDiscardBatchAsync(CUdeviceptr *dptrs, size_t *sizes, size_t count, unsigned long long flags, CUstream hStream);</c></summary>
    [Variant("cuMemDiscardBatchAsync_ptsz")]
    public static partial int cuMemDiscardBatchAsync([In, Buffer("count")] CUdeviceptr* dptrs, [In, Buffer("count")] nuint* sizes, nuint count, ulong flags, CUstream hStream);

    /// <summary><c>CUresult cuMemFree(uint dptr);</c> The first form: a 32-bit CUdeviceptr_v1.</summary>
    public static partial int cuMemFree(uint dptr);

    /// <summary><c>CUresult cuMemGetAccess(unsigned long long *flags, const CUmemLocation *location, CUdeviceptr ptr);</c></summary>
    public static partial int cuMemGetAccess([Out] ulong* flags, [In] ulong* location, CUdeviceptr ptr);

    /// <summary><c>CUresult cuMemGetAddressRange(uint* pbase, uint* psize, uint dptr);</c> The first form: 32-bit addresses.</summary>
    public static partial int cuMemGetAddressRange([Out] uint* pbase, [Out] uint* psize, uint dptr);

    /// <summary><c>CUresult cuMemGetAllocationGranularity(size_t *granularity, const CUmemAllocationProp *prop, CUmemAllocationGranularity_flags option);</c></summary>
    public static partial int cuMemGetAllocationGranularity([Out] nuint* granularity, [In] CUmemAllocationProp* prop, int option);

    /// <summary><c>CUresult cuMemGetAllocationPropertiesFromHandle(CUmemAllocationProp *prop, CUmemGenericAllocationHandle handle);</c></summary>
    public static partial int cuMemGetAllocationPropertiesFromHandle([Out] CUmemAllocationProp* prop, CUmemGenericAllocationHandle handle);

    /// <summary><c>CUresult cuMemGetDefaultMemPool(CUmemoryPool *pool_out, CUmemLocation *location, CUmemAllocationType type_);</c> CUmemLocation is 8 bytes.</summary>
    public static partial int cuMemGetDefaultMemPool([Out] CUmemoryPool* pool_out, [In] ulong* location, int type);

    /// <summary><c>CUresult cuMemGetInfo(uint* free, uint* total);</c> The first form: 32-bit sizes.</summary>
    public static partial int cuMemGetInfo([Out] uint* free, [Out] uint* total);

    /// <summary><c>CUresult cuMemGetMemPool(CUmemoryPool *pool, CUmemLocation *location, CUmemAllocationType type_);</c></summary>
    public static partial int cuMemGetMemPool([Out] CUmemoryPool* pool, [In] ulong* location, int type);

    /// <summary><c>CUresult cuMemHostRegister(nint p, nuint bytesize, uint Flags);</c> The first form, with cuMemHostRegister_v2's arguments: answered in the guest like it.</summary>
    [GuestOnly]
    public static partial int cuMemHostRegister(nint p, nuint bytesize, uint Flags);

    /// <summary><c>CUresult cuMemMap(CUdeviceptr ptr, size_t size, size_t offset, CUmemGenericAllocationHandle handle, unsigned long long flags);</c></summary>
    public static partial int cuMemMap(CUdeviceptr ptr, nuint size, nuint offset, CUmemGenericAllocationHandle handle, ulong flags);

    /// <summary><c>CUresult cuMemPoolCreate(CUmemoryPool *pool, const CUmemPoolProps *poolProps);</c></summary>
    public static partial int cuMemPoolCreate([Out, Allocates] CUmemoryPool* pool, [In] CUmemPoolProps* poolProps);

    /// <summary><c>CUresult cuMemPoolDestroy(CUmemoryPool pool);</c></summary>
    public static partial int cuMemPoolDestroy([Deallocates] CUmemoryPool pool);

    /// <summary><c>CUresult cuMemPoolExportPointer(CUmemPoolPtrExportData *shareData_out, CUdeviceptr ptr);</c> CUmemPoolPtrExportData is 64 opaque bytes.</summary>
    public static partial int cuMemPoolExportPointer([Out, Buffer("64")] byte* shareData_out, CUdeviceptr ptr);

    /// <summary><c>CUresult cuMemPoolGetAccess(CUmemAccess_flags *flags, CUmemoryPool memPool, CUmemLocation *location);</c> CUmemLocation is a type and an id (8 bytes).</summary>
    public static partial int cuMemPoolGetAccess([Out] int* flags, CUmemoryPool memPool, [In] ulong* location);

    /// <summary><c>CUresult cuMemPoolGetAttribute(CUmemoryPool pool, CUmemPool_attribute attr, void *value);</c> The reuse attributes (1-3) are ints, the thresholds and counters cuuint64_t.</summary>
    public static partial int cuMemPoolGetAttribute(CUmemoryPool pool, int attr, [Out, Buffer("PoolAttributeSize(attr)", ElementSize = 1)] void* value);

    /// <summary><c>CUresult cuMemPoolImportPointer(CUdeviceptr *ptr_out, CUmemoryPool pool, CUmemPoolPtrExportData *shareData);</c></summary>
    public static partial int cuMemPoolImportPointer([Out] CUdeviceptr* ptr_out, CUmemoryPool pool, [In, Buffer("64")] byte* shareData);

    /// <summary><c>CUresult cuMemPoolSetAccess(CUmemoryPool pool, const CUmemAccessDesc *map, size_t count);</c> CUmemAccessDesc is a location and flags (12 bytes).</summary>
    public static partial int cuMemPoolSetAccess(CUmemoryPool pool, [In, Buffer("count", ElementSize = 12)] void* map, nuint count);

    /// <summary><c>CUresult cuMemPoolSetAttribute(CUmemoryPool pool, CUmemPool_attribute attr, void *value);</c> The reuse attributes (1-3) are ints, the thresholds and counters cuuint64_t.</summary>
    public static partial int cuMemPoolSetAttribute(CUmemoryPool pool, int attr, [In, Buffer("PoolAttributeSize(attr)", ElementSize = 1)] void* value);

    /// <summary><c>CUresult cuMemPoolTrimTo(CUmemoryPool pool, size_t minBytesToKeep);</c></summary>
    public static partial int cuMemPoolTrimTo(CUmemoryPool pool, nuint minBytesToKeep);

    /// <summary><c>CUresult cuMemPrefetchAsync_v2(CUdeviceptr devPtr, size_t count, CUmemLocation location, unsigned int flags, CUstream hStream);</c> CUmemLocation (8 bytes) passes by value in one register.</summary>
    [Variant("cuMemPrefetchAsync_v2_ptsz")]
    public static partial int cuMemPrefetchAsync_v2(CUdeviceptr devPtr, nuint count, ulong location, uint flags, CUstream hStream);

    /// <summary><c>CUresult cuMemPrefetchBatchAsync(CUdeviceptr *dptrs, size_t *sizes, size_t count, CUmemLocation *prefetchLocs, size_t *prefetchLocIdxs, size_t numPrefetchLocs, unsigned long long flags, CUstream hStream);</c></summary>
    [Variant("cuMemPrefetchBatchAsync_ptsz")]
    public static partial int cuMemPrefetchBatchAsync([In, Buffer("count")] CUdeviceptr* dptrs, [In, Buffer("count")] nuint* sizes, nuint count, [In, Buffer("numPrefetchLocs")] ulong* prefetchLocs, [In, Buffer("numPrefetchLocs")] nuint* prefetchLocIdxs, nuint numPrefetchLocs, ulong flags, CUstream hStream);

    /// <summary><c>CUresult cuMemRangeGetAttribute(void *data, size_t dataSize, CUmem_range_attribute attribute, CUdeviceptr devPtr, size_t count);</c></summary>
    public static partial int cuMemRangeGetAttribute([Out, Buffer("dataSize", ElementSize = 1)] void* data, nuint dataSize, int attribute, CUdeviceptr devPtr, nuint count);

    /// <summary><c>CUresult cuMemRelease(CUmemGenericAllocationHandle handle);</c></summary>
    [DeallocatesResource("device_memory", Of = "handle")]
    public static partial int cuMemRelease([Deallocates] CUmemGenericAllocationHandle handle);

    /// <summary><c>CUresult cuMemRetainAllocationHandle(CUmemGenericAllocationHandle *handle, void *addr);</c> addr (a void * in cuda.h) is a device address.</summary>
    public static partial int cuMemRetainAllocationHandle([Out, Allocates] CUmemGenericAllocationHandle* handle, CUdeviceptr addr);

    /// <summary><c>CUresult cuMemSetAccess(CUdeviceptr ptr, size_t size, const CUmemAccessDesc *desc, size_t count);</c> CUmemAccessDesc is a location and flags (12 bytes).</summary>
    public static partial int cuMemSetAccess(CUdeviceptr ptr, nuint size, [In, Buffer("count", ElementSize = 12)] void* desc, nuint count);

    /// <summary><c>CUresult cuMemSetMemPool(CUmemLocation *location, CUmemAllocationType type_, CUmemoryPool pool);</c></summary>
    public static partial int cuMemSetMemPool([In] ulong* location, int type, CUmemoryPool pool);

    /// <summary><c>CUresult cuMemUnmap(CUdeviceptr ptr, size_t size);</c></summary>
    public static partial int cuMemUnmap(CUdeviceptr ptr, nuint size);

    /// <summary><c>CUresult cuMemcpyAtoA(CUarray dstArray, uint dstOffset, CUarray srcArray, uint srcOffset, uint ByteCount);</c> The first form: 32-bit sizes.</summary>
    public static partial int cuMemcpyAtoA(CUarray dstArray, uint dstOffset, CUarray srcArray, uint srcOffset, uint ByteCount);

    /// <summary><c>CUresult cuMemcpyAtoA_v2(CUarray dstArray, size_t dstOffset, CUarray srcArray, size_t srcOffset, size_t ByteCount);</c></summary>
    [Variant("cuMemcpyAtoA_v2_ptds")]
    public static partial int cuMemcpyAtoA_v2(CUarray dstArray, nuint dstOffset, CUarray srcArray, nuint srcOffset, nuint ByteCount);

    /// <summary><c>CUresult cuMemcpyAtoD(uint dstDevice, CUarray srcArray, uint srcOffset, uint ByteCount);</c> The first form: 32-bit addresses.</summary>
    public static partial int cuMemcpyAtoD(uint dstDevice, CUarray srcArray, uint srcOffset, uint ByteCount);

    /// <summary><c>CUresult cuMemcpyAtoD_v2(CUdeviceptr dstDevice, CUarray srcArray, size_t srcOffset, size_t ByteCount);</c></summary>
    [Variant("cuMemcpyAtoD_v2_ptds")]
    public static partial int cuMemcpyAtoD_v2(CUdeviceptr dstDevice, CUarray srcArray, nuint srcOffset, nuint ByteCount);

    /// <summary><c>CUresult cuMemcpyAtoH(void* dstHost, CUarray srcArray, uint srcOffset, uint ByteCount);</c> The first form: 32-bit sizes.</summary>
    public static partial int cuMemcpyAtoH([Out, Buffer("ByteCount", ElementSize = 1)] void* dstHost, CUarray srcArray, uint srcOffset, uint ByteCount);

    /// <summary><c>CUresult cuMemcpyAtoHAsync(void* dstHost, CUarray srcArray, uint srcOffset, uint ByteCount, CUstream hStream);</c> The first form: 32-bit sizes; a deferred output.</summary>
    [Async(Success = 0)]
    [WorkerHook(After = "WaitForOutput(ref ret, hStream)")]
    public static partial int cuMemcpyAtoHAsync([Out, Deferred, Buffer("ByteCount", ElementSize = 1)] void* dstHost, CUarray srcArray, uint srcOffset, uint ByteCount, CUstream hStream);

    /// <summary><c>CUresult cuMemcpyAtoHAsync_v2(void *dstHost, CUarray srcArray, size_t srcOffset, size_t ByteCount, CUstream hStream);</c> A deferred output like cuMemcpyDtoHAsync_v2.</summary>
    [Async(Success = 0)]
    [WorkerHook(After = "WaitForOutput(ref ret, hStream)")]
    [Variant("cuMemcpyAtoHAsync_v2_ptsz")]
    public static partial int cuMemcpyAtoHAsync_v2([Out, Deferred, Buffer("ByteCount", ElementSize = 1)] void* dstHost, CUarray srcArray, nuint srcOffset, nuint ByteCount, CUstream hStream);

    /// <summary><c>CUresult cuMemcpyAtoH_v2(void *dstHost, CUarray srcArray, size_t srcOffset, size_t ByteCount);</c></summary>
    [Variant("cuMemcpyAtoH_v2_ptds")]
    public static partial int cuMemcpyAtoH_v2([Out, Buffer("ByteCount", ElementSize = 1)] void* dstHost, CUarray srcArray, nuint srcOffset, nuint ByteCount);

    /// <summary><c>CUresult cuMemcpyDtoA(CUarray dstArray, uint dstOffset, uint srcDevice, uint ByteCount);</c> The first form: 32-bit addresses.</summary>
    public static partial int cuMemcpyDtoA(CUarray dstArray, uint dstOffset, uint srcDevice, uint ByteCount);

    /// <summary><c>CUresult cuMemcpyDtoA_v2(CUarray dstArray, size_t dstOffset, CUdeviceptr srcDevice, size_t ByteCount);</c></summary>
    [Variant("cuMemcpyDtoA_v2_ptds")]
    public static partial int cuMemcpyDtoA_v2(CUarray dstArray, nuint dstOffset, CUdeviceptr srcDevice, nuint ByteCount);

    /// <summary><c>CUresult cuMemcpyDtoD(uint dstDevice, uint srcDevice, uint ByteCount);</c> The first form: 32-bit addresses.</summary>
    public static partial int cuMemcpyDtoD(uint dstDevice, uint srcDevice, uint ByteCount);

    /// <summary><c>CUresult cuMemcpyDtoDAsync(uint dstDevice, uint srcDevice, uint ByteCount, CUstream hStream);</c> The first form: 32-bit addresses.</summary>
    [Async(Success = 0)]
    public static partial int cuMemcpyDtoDAsync(uint dstDevice, uint srcDevice, uint ByteCount, CUstream hStream);

    /// <summary><c>CUresult cuMemcpyDtoH(void* dstHost, uint srcDevice, uint ByteCount);</c> The first form: 32-bit addresses.</summary>
    public static partial int cuMemcpyDtoH([Out, Buffer("ByteCount", ElementSize = 1)] void* dstHost, uint srcDevice, uint ByteCount);

    /// <summary><c>CUresult cuMemcpyDtoHAsync(void* dstHost, uint srcDevice, uint ByteCount, CUstream hStream);</c> The first form: 32-bit addresses; a deferred output like cuMemcpyDtoHAsync_v2.</summary>
    [Async(Success = 0)]
    [WorkerHook(After = "WaitForOutput(ref ret, hStream)")]
    public static partial int cuMemcpyDtoHAsync([Out, Deferred, Buffer("ByteCount", ElementSize = 1)] void* dstHost, uint srcDevice, uint ByteCount, CUstream hStream);

    /// <summary><c>CUresult cuMemcpyHtoA(CUarray dstArray, uint dstOffset, void* srcHost, uint ByteCount);</c> The first form: 32-bit sizes.</summary>
    public static partial int cuMemcpyHtoA(CUarray dstArray, uint dstOffset, [In, Buffer("ByteCount", ElementSize = 1)] void* srcHost, uint ByteCount);

    /// <summary><c>CUresult cuMemcpyHtoAAsync(CUarray dstArray, uint dstOffset, void* srcHost, uint ByteCount, CUstream hStream);</c> The first form: 32-bit sizes.</summary>
    [Async(Success = 0)]
    public static partial int cuMemcpyHtoAAsync(CUarray dstArray, uint dstOffset, [In, Buffer("ByteCount", ElementSize = 1)] void* srcHost, uint ByteCount, CUstream hStream);

    /// <summary><c>CUresult cuMemcpyHtoAAsync_v2(CUarray dstArray, size_t dstOffset, const void *srcHost, size_t ByteCount, CUstream hStream);</c></summary>
    [Async(Success = 0)]
    [Variant("cuMemcpyHtoAAsync_v2_ptsz")]
    public static partial int cuMemcpyHtoAAsync_v2(CUarray dstArray, nuint dstOffset, [In, Buffer("ByteCount", ElementSize = 1)] void* srcHost, nuint ByteCount, CUstream hStream);

    /// <summary><c>CUresult cuMemcpyHtoA_v2(CUarray dstArray, size_t dstOffset, const void *srcHost, size_t ByteCount);</c></summary>
    [Variant("cuMemcpyHtoA_v2_ptds")]
    public static partial int cuMemcpyHtoA_v2(CUarray dstArray, nuint dstOffset, [In, Buffer("ByteCount", ElementSize = 1)] void* srcHost, nuint ByteCount);

    /// <summary><c>CUresult cuMemcpyHtoD(uint dstDevice, void* srcHost, uint ByteCount);</c> The first form: 32-bit addresses.</summary>
    public static partial int cuMemcpyHtoD(uint dstDevice, [In, Buffer("ByteCount", ElementSize = 1)] void* srcHost, uint ByteCount);

    /// <summary><c>CUresult cuMemcpyHtoDAsync(uint dstDevice, void* srcHost, uint ByteCount, CUstream hStream);</c> The first form: 32-bit addresses.</summary>
    [Async(Success = 0)]
    public static partial int cuMemcpyHtoDAsync(uint dstDevice, [In, Buffer("ByteCount", ElementSize = 1)] void* srcHost, uint ByteCount, CUstream hStream);

    /// <summary><c>CUresult cuMemsetD16(uint dstDevice, ushort us, uint N);</c> The first form: 32-bit addresses.</summary>
    [Async(Success = 0)]
    public static partial int cuMemsetD16(uint dstDevice, ushort us, uint N);

    /// <summary><c>CUresult cuMemsetD2D16(uint dstDevice, uint dstPitch, ushort us, uint Width, uint Height);</c> The first form: 32-bit addresses.</summary>
    [Async(Success = 0)]
    public static partial int cuMemsetD2D16(uint dstDevice, uint dstPitch, ushort us, uint Width, uint Height);

    /// <summary><c>CUresult cuMemsetD2D16Async(CUdeviceptr dstDevice, size_t dstPitch, unsigned short us, size_t Width, size_t Height, CUstream hStream);</c></summary>
    [Async(Success = 0)]
    [Variant("cuMemsetD2D16Async_ptsz")]
    public static partial int cuMemsetD2D16Async(CUdeviceptr dstDevice, nuint dstPitch, ushort us, nuint Width, nuint Height, CUstream hStream);

    /// <summary><c>CUresult cuMemsetD2D32(uint dstDevice, uint dstPitch, uint ui, uint Width, uint Height);</c> The first form: 32-bit addresses.</summary>
    [Async(Success = 0)]
    public static partial int cuMemsetD2D32(uint dstDevice, uint dstPitch, uint ui, uint Width, uint Height);

    /// <summary><c>CUresult cuMemsetD2D8(uint dstDevice, uint dstPitch, byte uc, uint Width, uint Height);</c> The first form: 32-bit addresses.</summary>
    [Async(Success = 0)]
    public static partial int cuMemsetD2D8(uint dstDevice, uint dstPitch, byte uc, uint Width, uint Height);

    /// <summary><c>CUresult cuMemsetD32(uint dstDevice, uint ui, uint N);</c> The first form: 32-bit addresses.</summary>
    [Async(Success = 0)]
    public static partial int cuMemsetD32(uint dstDevice, uint ui, uint N);

    /// <summary><c>CUresult cuMemsetD8(uint dstDevice, byte uc, uint N);</c> The first form: 32-bit addresses.</summary>
    [Async(Success = 0)]
    public static partial int cuMemsetD8(uint dstDevice, byte uc, uint N);

    /// <summary><c>CUresult cuMipmappedArrayCreate(CUmipmappedArray *pHandle, const CUDA_ARRAY3D_DESCRIPTOR *pMipmappedArrayDesc, unsigned int numMipmapLevels);</c></summary>
    public static partial int cuMipmappedArrayCreate([Out, Allocates] CUmipmappedArray* pHandle, [In, Buffer("1", ElementSize = 40)] void* pMipmappedArrayDesc, uint numMipmapLevels);

    /// <summary><c>CUresult cuMipmappedArrayDestroy(CUmipmappedArray hMipmappedArray);</c></summary>
    public static partial int cuMipmappedArrayDestroy([Deallocates] CUmipmappedArray hMipmappedArray);

    /// <summary><c>CUresult cuMipmappedArrayGetLevel(CUarray *pLevelArray, CUmipmappedArray hMipmappedArray, unsigned int level);</c></summary>
    public static partial int cuMipmappedArrayGetLevel([Out] CUarray* pLevelArray, CUmipmappedArray hMipmappedArray, uint level);

    /// <summary><c>CUresult cuMipmappedArrayGetMemoryRequirements(CUDA_ARRAY_MEMORY_REQUIREMENTS *memoryRequirements, CUmipmappedArray mipmap, CUdevice device);</c></summary>
    public static partial int cuMipmappedArrayGetMemoryRequirements([Out, Buffer("1", ElementSize = 32)] void* memoryRequirements, CUmipmappedArray mipmap, int device);

    /// <summary><c>CUresult cuMipmappedArrayGetSparseProperties(CUDA_ARRAY_SPARSE_PROPERTIES *sparseProperties, CUmipmappedArray mipmap);</c></summary>
    public static partial int cuMipmappedArrayGetSparseProperties([Out, Buffer("1", ElementSize = 48)] void* sparseProperties, CUmipmappedArray mipmap);

    /// <summary><c>CUresult cuModuleGetGlobal(uint* dptr, uint* bytes, CUmodule hmod, sbyte* name);</c> The first form: 32-bit addresses.</summary>
    public static partial int cuModuleGetGlobal([Out] uint* dptr, [Out] uint* bytes, CUmodule hmod, [String] sbyte* name);

    /// <summary><c>CUresult cuPointerSetAttribute(const void *value, CUpointer_attribute attribute, CUdeviceptr ptr);</c> Only CU_POINTER_ATTRIBUTE_SYNC_MEMOPS can be set: an unsigned int.</summary>
    public static partial int cuPointerSetAttribute([In, Buffer("4", ElementSize = 1)] void* value, int attribute, CUdeviceptr ptr);

    /// <summary><c>CUresult cuSurfObjectCreate(CUsurfObject *pSurfObject, const CUDA_RESOURCE_DESC *pResDesc);</c> CUsurfObject is a value kernels receive, like CUtexObject.</summary>
    [WorkerHook(Before = "ResourceFromWire(call, pResDesc)")]
    public static partial int cuSurfObjectCreate([Out] CUtexObject* pSurfObject, [In, Buffer("1", ElementSize = 144)] void* pResDesc);

    /// <summary><c>CUresult cuSurfObjectDestroy(CUsurfObject surfObject);</c></summary>
    public static partial int cuSurfObjectDestroy(CUtexObject surfObject);

    /// <summary><c>CUresult cuSurfObjectGetResourceDesc(CUDA_RESOURCE_DESC *pResDesc, CUsurfObject surfObject);</c></summary>
    [WorkerHook(After = "ResourceToWire(call, ret, pResDesc)")]
    public static partial int cuSurfObjectGetResourceDesc([Out, Buffer("1", ElementSize = 144)] void* pResDesc, CUtexObject surfObject);

    /// <summary><c>CUresult cuSurfRefGetArray(CUarray *phArray, CUsurfref hSurfRef);</c></summary>
    public static partial int cuSurfRefGetArray([Out] CUarray* phArray, CUsurfref hSurfRef);

    /// <summary><c>CUresult cuSurfRefSetArray(CUsurfref hSurfRef, CUarray hArray, unsigned int Flags);</c></summary>
    public static partial int cuSurfRefSetArray(CUsurfref hSurfRef, CUarray hArray, uint Flags);

    /// <summary><c>CUresult cuTensorMapEncodeIm2col(CUtensorMap *tensorMap, CUtensorMapDataType tensorDataType, cuuint32_t tensorRank, void *globalAddress, const cuuint64_t *globalDim, const cuuint64_t *globalStrides, const int *pixelBoxLowerCorner, const int *pixelBoxUpperCorner, cuuint32_t channelsPerPixel, cuuint32_t pixelsPerColumn, const cuuint32_t *elementStrides, CUtensorMapInterleave interleave, CUtensorMapSwizzle swizzle, CUtensorMapL2promotion l2Promotion, CUtensorMapFloatOOBfill oobFill);</c></summary>
    public static partial int cuTensorMapEncodeIm2col([Out, Buffer("16")] ulong* tensorMap, int tensorDataType, uint tensorRank, CUdeviceptr globalAddress, [In, Buffer("tensorRank")] ulong* globalDim, [In, Buffer("tensorRank - 1")] ulong* globalStrides, [In, Buffer("tensorRank - 2")] int* pixelBoxLowerCorner, [In, Buffer("tensorRank - 2")] int* pixelBoxUpperCorner, uint channelsPerPixel, uint pixelsPerColumn, [In, Buffer("tensorRank")] uint* elementStrides, int interleave, int swizzle, int l2Promotion, int oobFill);

    /// <summary><c>CUresult cuTensorMapEncodeIm2colWide(CUtensorMap *tensorMap, CUtensorMapDataType tensorDataType, cuuint32_t tensorRank, void *globalAddress, const cuuint64_t *globalDim, const cuuint64_t *globalStrides, int pixelBoxLowerCornerWidth, int pixelBoxUpperCornerWidth, cuuint32_t channelsPerPixel, cuuint32_t pixelsPerColumn, const cuuint32_t *elementStrides, CUtensorMapInterleave interleave, CUtensorMapIm2ColWideMode mode, CUtensorMapSwizzle swizzle, CUtensorMapL2promotion l2Promotion, CUtensorMapFloatOOBfill oobFill);</c></summary>
    public static partial int cuTensorMapEncodeIm2colWide([Out, Buffer("16")] ulong* tensorMap, int tensorDataType, uint tensorRank, CUdeviceptr globalAddress, [In, Buffer("tensorRank")] ulong* globalDim, [In, Buffer("tensorRank - 1")] ulong* globalStrides, int pixelBoxLowerCornerWidth, int pixelBoxUpperCornerWidth, uint channelsPerPixel, uint pixelsPerColumn, [In, Buffer("tensorRank")] uint* elementStrides, int interleave, int mode, int swizzle, int l2Promotion, int oobFill);

    /// <summary><c>CUresult cuTensorMapReplaceAddress(CUtensorMap *tensorMap, void *globalAddress);</c></summary>
    public static partial int cuTensorMapReplaceAddress([InOut, Buffer("16")] ulong* tensorMap, CUdeviceptr globalAddress);

    /// <summary><c>CUresult cuTexObjectCreate(CUtexObject *pTexObject, const CUDA_RESOURCE_DESC *pResDesc, const CUDA_TEXTURE_DESC *pTexDesc, const CUDA_RESOURCE_VIEW_DESC *pResViewDesc);</c> CUDA_RESOURCE_DESC names an array or mipmapped array by wire id, translated; the texture and view descriptions are plain values.</summary>
    [WorkerHook(Before = "ResourceFromWire(call, pResDesc)")]
    public static partial int cuTexObjectCreate([Out] CUtexObject* pTexObject, [In, Buffer("1", ElementSize = 144)] void* pResDesc, [In, Buffer("1", ElementSize = 104)] void* pTexDesc, [In, Buffer("1", ElementSize = 112)] void* pResViewDesc);

    /// <summary><c>CUresult cuTexObjectDestroy(CUtexObject texObject);</c></summary>
    public static partial int cuTexObjectDestroy(CUtexObject texObject);

    /// <summary><c>CUresult cuTexObjectGetResourceDesc(CUDA_RESOURCE_DESC *pResDesc, CUtexObject texObject);</c></summary>
    [WorkerHook(After = "ResourceToWire(call, ret, pResDesc)")]
    public static partial int cuTexObjectGetResourceDesc([Out, Buffer("1", ElementSize = 144)] void* pResDesc, CUtexObject texObject);

    /// <summary><c>CUresult cuTexObjectGetResourceViewDesc(CUDA_RESOURCE_VIEW_DESC *pResViewDesc, CUtexObject texObject);</c></summary>
    public static partial int cuTexObjectGetResourceViewDesc([Out, Buffer("1", ElementSize = 112)] void* pResViewDesc, CUtexObject texObject);

    /// <summary><c>CUresult cuTexObjectGetTextureDesc(CUDA_TEXTURE_DESC *pTexDesc, CUtexObject texObject);</c></summary>
    public static partial int cuTexObjectGetTextureDesc([Out, Buffer("1", ElementSize = 104)] void* pTexDesc, CUtexObject texObject);

    /// <summary><c>CUresult cuTexRefCreate(CUtexref *pTexRef);</c></summary>
    public static partial int cuTexRefCreate([Out, Allocates] CUtexref* pTexRef);

    /// <summary><c>CUresult cuTexRefDestroy(CUtexref hTexRef);</c></summary>
    public static partial int cuTexRefDestroy([Deallocates] CUtexref hTexRef);

    /// <summary><c>CUresult cuTexRefGetAddress(uint* pdptr, CUtexref hTexRef);</c> The first form: a 32-bit address.</summary>
    public static partial int cuTexRefGetAddress([Out] uint* pdptr, CUtexref hTexRef);

    /// <summary><c>CUresult cuTexRefGetAddressMode(CUaddress_mode *pam, CUtexref hTexRef, int dim);</c></summary>
    public static partial int cuTexRefGetAddressMode([Out] int* pam, CUtexref hTexRef, int dim);

    /// <summary><c>CUresult cuTexRefGetAddress_v2(CUdeviceptr *pdptr, CUtexref hTexRef);</c></summary>
    public static partial int cuTexRefGetAddress_v2([Out] CUdeviceptr* pdptr, CUtexref hTexRef);

    /// <summary><c>CUresult cuTexRefGetArray(CUarray *phArray, CUtexref hTexRef);</c></summary>
    public static partial int cuTexRefGetArray([Out] CUarray* phArray, CUtexref hTexRef);

    /// <summary><c>CUresult cuTexRefGetBorderColor(float *pBorderColor, CUtexref hTexRef);</c></summary>
    public static partial int cuTexRefGetBorderColor([Out, Buffer("4")] float* pBorderColor, CUtexref hTexRef);

    /// <summary><c>CUresult cuTexRefGetFilterMode(CUfilter_mode *pfm, CUtexref hTexRef);</c></summary>
    public static partial int cuTexRefGetFilterMode([Out] int* pfm, CUtexref hTexRef);

    /// <summary><c>CUresult cuTexRefGetFlags(unsigned int *pFlags, CUtexref hTexRef);</c></summary>
    public static partial int cuTexRefGetFlags([Out] uint* pFlags, CUtexref hTexRef);

    /// <summary><c>CUresult cuTexRefGetFormat(CUarray_format *pFormat, int *pNumChannels, CUtexref hTexRef);</c></summary>
    public static partial int cuTexRefGetFormat([Out] int* pFormat, [Out] int* pNumChannels, CUtexref hTexRef);

    /// <summary><c>CUresult cuTexRefGetMaxAnisotropy(int *pmaxAniso, CUtexref hTexRef);</c></summary>
    public static partial int cuTexRefGetMaxAnisotropy([Out] int* pmaxAniso, CUtexref hTexRef);

    /// <summary><c>CUresult cuTexRefGetMipmapFilterMode(CUfilter_mode *pfm, CUtexref hTexRef);</c></summary>
    public static partial int cuTexRefGetMipmapFilterMode([Out] int* pfm, CUtexref hTexRef);

    /// <summary><c>CUresult cuTexRefGetMipmapLevelBias(float *pbias, CUtexref hTexRef);</c></summary>
    public static partial int cuTexRefGetMipmapLevelBias([Out] float* pbias, CUtexref hTexRef);

    /// <summary><c>CUresult cuTexRefGetMipmapLevelClamp(float *pminMipmapLevelClamp, float *pmaxMipmapLevelClamp, CUtexref hTexRef);</c></summary>
    public static partial int cuTexRefGetMipmapLevelClamp([Out] float* pminMipmapLevelClamp, [Out] float* pmaxMipmapLevelClamp, CUtexref hTexRef);

    /// <summary><c>CUresult cuTexRefGetMipmappedArray(CUmipmappedArray *phMipmappedArray, CUtexref hTexRef);</c></summary>
    public static partial int cuTexRefGetMipmappedArray([Out] CUmipmappedArray* phMipmappedArray, CUtexref hTexRef);

    /// <summary><c>CUresult cuTexRefSetAddress(uint* ByteOffset, CUtexref hTexRef, uint dptr, uint bytes);</c> The first form: 32-bit addresses.</summary>
    public static partial int cuTexRefSetAddress([Out] uint* ByteOffset, CUtexref hTexRef, uint dptr, uint bytes);

    /// <summary><c>CUresult cuTexRefSetAddress2D(CUtexref hTexRef, void* desc, uint dptr, uint Pitch);</c> The first form: 32-bit addresses, CUDA_ARRAY_DESCRIPTOR_v1.</summary>
    public static partial int cuTexRefSetAddress2D(CUtexref hTexRef, [In, Buffer("1", ElementSize = 16)] void* desc, uint dptr, uint Pitch);

    /// <summary><c>CUresult cuTexRefSetAddress2D_v2(CUtexref hTexRef, void* desc, CUdeviceptr dptr, nuint Pitch);</c></summary>
    public static partial int cuTexRefSetAddress2D_v2(CUtexref hTexRef, [In, Buffer("1", ElementSize = 24)] void* desc, CUdeviceptr dptr, nuint Pitch);

    /// <summary><c>CUresult cuTexRefSetAddress2D_v3(CUtexref hTexRef, const CUDA_ARRAY_DESCRIPTOR *desc, CUdeviceptr dptr, size_t Pitch);</c></summary>
    public static partial int cuTexRefSetAddress2D_v3(CUtexref hTexRef, [In, Buffer("1", ElementSize = 24)] void* desc, CUdeviceptr dptr, nuint Pitch);

    /// <summary><c>CUresult cuTexRefSetAddressMode(CUtexref hTexRef, int dim, CUaddress_mode am);</c></summary>
    public static partial int cuTexRefSetAddressMode(CUtexref hTexRef, int dim, int am);

    /// <summary><c>CUresult cuTexRefSetAddress_v2(size_t *ByteOffset, CUtexref hTexRef, CUdeviceptr dptr, size_t bytes);</c></summary>
    public static partial int cuTexRefSetAddress_v2([Out] nuint* ByteOffset, CUtexref hTexRef, CUdeviceptr dptr, nuint bytes);

    /// <summary><c>CUresult cuTexRefSetArray(CUtexref hTexRef, CUarray hArray, unsigned int Flags);</c></summary>
    public static partial int cuTexRefSetArray(CUtexref hTexRef, CUarray hArray, uint Flags);

    /// <summary><c>CUresult cuTexRefSetBorderColor(CUtexref hTexRef, float *pBorderColor);</c></summary>
    public static partial int cuTexRefSetBorderColor(CUtexref hTexRef, [In, Buffer("4")] float* pBorderColor);

    /// <summary><c>CUresult cuTexRefSetFilterMode(CUtexref hTexRef, CUfilter_mode fm);</c></summary>
    public static partial int cuTexRefSetFilterMode(CUtexref hTexRef, int fm);

    /// <summary><c>CUresult cuTexRefSetFlags(CUtexref hTexRef, unsigned int Flags);</c></summary>
    public static partial int cuTexRefSetFlags(CUtexref hTexRef, uint Flags);

    /// <summary><c>CUresult cuTexRefSetFormat(CUtexref hTexRef, CUarray_format fmt, int NumPackedComponents);</c></summary>
    public static partial int cuTexRefSetFormat(CUtexref hTexRef, int fmt, int NumPackedComponents);

    /// <summary><c>CUresult cuTexRefSetMaxAnisotropy(CUtexref hTexRef, unsigned int maxAniso);</c></summary>
    public static partial int cuTexRefSetMaxAnisotropy(CUtexref hTexRef, uint maxAniso);

    /// <summary><c>CUresult cuTexRefSetMipmapFilterMode(CUtexref hTexRef, CUfilter_mode fm);</c></summary>
    public static partial int cuTexRefSetMipmapFilterMode(CUtexref hTexRef, int fm);

    /// <summary><c>CUresult cuTexRefSetMipmapLevelBias(CUtexref hTexRef, float bias);</c></summary>
    public static partial int cuTexRefSetMipmapLevelBias(CUtexref hTexRef, float bias);

    /// <summary><c>CUresult cuTexRefSetMipmapLevelClamp(CUtexref hTexRef, float minMipmapLevelClamp, float maxMipmapLevelClamp);</c></summary>
    public static partial int cuTexRefSetMipmapLevelClamp(CUtexref hTexRef, float minMipmapLevelClamp, float maxMipmapLevelClamp);

    /// <summary><c>CUresult cuTexRefSetMipmappedArray(CUtexref hTexRef, CUmipmappedArray hMipmappedArray, unsigned int Flags);</c></summary>
    public static partial int cuTexRefSetMipmappedArray(CUtexref hTexRef, CUmipmappedArray hMipmappedArray, uint Flags);

    /// <summary><c>CUresult cuMemPrefetchAsync(CUdeviceptr devPtr, nuint count, int dstDevice, CUstream hStream);</c> The first form: a device ordinal. Answered by the real driver, which refuses memory that is not managed.</summary>
    [Variant("cuMemPrefetchAsync_ptsz")]
    public static partial int cuMemPrefetchAsync(CUdeviceptr devPtr, nuint count, int dstDevice, CUstream hStream);

    // ---- Hand-written forms: values whose size follows their attribute, handles passed by value -------------------

    /// <summary><c>CUresult cuPointerGetAttributes(unsigned int numAttributes, CUpointer_attribute *attributes, void **data, CUdeviceptr ptr);</c> Answered through avaPointerGetAttributes; each value is written in its attribute's size.</summary>
    [GuestOnly]
    public static partial int cuPointerGetAttributes(uint numAttributes, [In, Buffer("numAttributes")] int* attributes, [In, Buffer("numAttributes")] nint* data, CUdeviceptr ptr);

    /// <summary>Wire form of cuPointerGetAttributes: each value in a 16-byte slot (the largest attribute, P2P tokens); contexts and pools go back as wire ids. Not exported.</summary>
    [Manual(Side.Guest)]
    [WorkerHook(After = "After_avaPointerGetAttributes")]
    public static partial int avaPointerGetAttributes(uint numAttributes, [In, Buffer("numAttributes")] int* attributes, [Out, Buffer("numAttributes * 16", ElementSize = 1)] byte* values, CUdeviceptr ptr);

    /// <summary>Wire form of cuIpcOpenMemHandle_v2 (and the first form), whose CUipcMemHandle (64 bytes) passes by value: the bytes travel, the worker passes them on. Not exported.</summary>
    [Manual(Side.Guest)]
    public static partial int avaIpcOpenMemHandle([Out] CUdeviceptr* pdptr, [In, Buffer("64")] byte* handle, uint Flags);

    /// <summary>Wire form of cuIpcOpenEventHandle, whose CUipcEventHandle (64 bytes) passes by value. Not exported.</summary>
    [Manual(Side.Guest)]
    public static partial int avaIpcOpenEventHandle([Out, Allocates] CUevent* phEvent, [In, Buffer("64")] byte* handle);

    /// <summary><c>CUresult cuGetProcAddress_v2(const char *symbol, void **pfn, int cudaVersion, cuuint64_t flags, CUdriverProcAddressQueryResult *symbolStatus);</c> Answered by the guest from its own exports; the worker binds the real one to reach entry points whose arguments the spec cannot declare (handles passed by value).</summary>
    [GuestOnly]
    public static partial int cuGetProcAddress_v2([String] sbyte* symbol, [Out] nint* pfn, int cudaVersion, ulong flags, [Out] int* symbolStatus);
}
