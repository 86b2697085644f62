// Spec of the CUDA driver API, continued: what this drop-in exports without carrying it to the worker (cuda.h, CUDA
// 13.0). Each answers CUDA_ERROR_NOT_SUPPORTED. Two kinds are here, and only the first is a true answer:
// 1. Capabilities the remoted device does not have, answered as the real driver answers on a device or system without
//    them, with the device attributes that advertise them answering 0 (Cuda.Worker.Manual.cs, After_cuDeviceGetAttribute):
//    - graphics interop (OpenGL, EGL, VDPAU, graphics resources): there is no display connection in the worker;
//    - external memory and semaphores, shareable (file descriptor) handles of allocations and pools, unified function
//      pointers: they name objects of the application's process that the worker cannot reach;
//    - multicast objects: never forwarded (a program using NVLink multicast can put shared GPUs out of service);
//    - green contexts and device resources, checkpointing, coredump settings, error-log callbacks, asynchronous
//      notifications: per-process driver state that belongs to the worker, not to one guest;
//    - the debugger's hooks (cudbg*), which the debugger finds in the real library it loads itself.
// 2. Functions a real driver has that are not remoted yet, so a program that needs them fails where it would run
//    natively: graph nodes whose parameters hold host pointers or host functions (kernel, host, batch memory
//    operation, memory allocation, external semaphore and generic nodes), batched copies, the first (32-bit) forms of
//    the 2D/3D copies, peer 3D copies, sparse array mapping, cooperative multi-device launches. Each is work to do,
//    not a capability answer.
using Ava.Spec;

namespace Ava.Cuda;

/// <summary>The CUDA driver API, continued (see Cuda.cs).</summary>
public static unsafe partial class Cuda
{
    /// <summary><c>CUresult cuCheckpointProcessCheckpoint(int pid, void *args);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuCheckpointProcessCheckpoint(int pid, nint args);

    /// <summary><c>CUresult cuCheckpointProcessGetRestoreThreadId(int pid, int *tid);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuCheckpointProcessGetRestoreThreadId(int pid, nint tid);

    /// <summary><c>CUresult cuCheckpointProcessGetState(int pid, int *state);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuCheckpointProcessGetState(int pid, nint state);

    /// <summary><c>CUresult cuCheckpointProcessLock(int pid, void *args);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuCheckpointProcessLock(int pid, nint args);

    /// <summary><c>CUresult cuCheckpointProcessRestore(int pid, void *args);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuCheckpointProcessRestore(int pid, nint args);

    /// <summary><c>CUresult cuCheckpointProcessUnlock(int pid, void *args);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuCheckpointProcessUnlock(int pid, nint args);

    /// <summary><c>CUresult cuCoredumpGetAttribute(CUcoredumpSettings attrib, void *value, size_t *size);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuCoredumpGetAttribute(int attrib, nint value, nint size);

    /// <summary><c>CUresult cuCoredumpGetAttributeGlobal(CUcoredumpSettings attrib, void *value, size_t *size);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuCoredumpGetAttributeGlobal(int attrib, nint value, nint size);

    /// <summary><c>CUresult cuCoredumpSetAttribute(CUcoredumpSettings attrib, void *value, size_t *size);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuCoredumpSetAttribute(int attrib, nint value, nint size);

    /// <summary><c>CUresult cuCoredumpSetAttributeGlobal(CUcoredumpSettings attrib, void *value, size_t *size);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuCoredumpSetAttributeGlobal(int attrib, nint value, nint size);

    /// <summary><c>CUresult cuCtxFromGreenCtx(CUcontext *pContext, CUgreenCtx hCtx);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuCtxFromGreenCtx(nint pContext, nint hCtx);

    /// <summary><c>CUresult cuCtxGetDevResource(CUcontext hCtx, CUdevResource *resource, CUdevResourceType type_);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuCtxGetDevResource(CUcontext hCtx, nint resource, int type);

    /// <summary><c>CUresult cuDestroyExternalMemory(CUexternalMemory extMem);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuDestroyExternalMemory(nint extMem);

    /// <summary><c>CUresult cuDestroyExternalSemaphore(CUexternalSemaphore extSem);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuDestroyExternalSemaphore(nint extSem);

    /// <summary><c>CUresult cuDevResourceGenerateDesc(CUdevResourceDesc *phDesc, CUdevResource *resources, unsigned int nbResources);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuDevResourceGenerateDesc(nint phDesc, nint resources, uint nbResources);

    /// <summary><c>CUresult cuDevSmResourceSplitByCount(CUdevResource *result, unsigned int *nbGroups, const CUdevResource *input, CUdevResource *remaining, unsigned int useFlags, unsigned int minCount);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuDevSmResourceSplitByCount(nint result, nint nbGroups, nint input, nint remaining, uint useFlags, uint minCount);

    /// <summary><c>CUresult cuDeviceGetDevResource(CUdevice device, CUdevResource *resource, CUdevResourceType type_);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuDeviceGetDevResource(int device, nint resource, int type);

    /// <summary><c>CUresult cuDeviceGetNvSciSyncAttributes(void *nvSciSyncAttrList, CUdevice dev, int flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuDeviceGetNvSciSyncAttributes(nint nvSciSyncAttrList, int dev, int flags);

    /// <summary><c>CUresult cuDeviceRegisterAsyncNotification(CUdevice device, CUasyncCallback callbackFunc, void *userData, CUasyncCallbackHandle *callback);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuDeviceRegisterAsyncNotification(int device, nint callbackFunc, nint userData, nint callback);

    /// <summary><c>CUresult cuDeviceUnregisterAsyncNotification(CUdevice device, CUasyncCallbackHandle callback);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuDeviceUnregisterAsyncNotification(int device, nint callback);

    /// <summary><c>CUresult cuEGLApiInit(void);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuEGLApiInit();

    /// <summary><c>CUresult cuEGLStreamConsumerAcquireFrame(void *conn, CUgraphicsResource *pCudaResource, CUstream *pStream, unsigned int timeout);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuEGLStreamConsumerAcquireFrame(nint conn, nint pCudaResource, nint pStream, uint timeout);

    /// <summary><c>CUresult cuEGLStreamConsumerConnect(void *conn, void *stream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuEGLStreamConsumerConnect(nint conn, nint stream);

    /// <summary><c>CUresult cuEGLStreamConsumerConnectWithFlags(void *conn, void *stream, unsigned int flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuEGLStreamConsumerConnectWithFlags(nint conn, nint stream, uint flags);

    /// <summary><c>CUresult cuEGLStreamConsumerDisconnect(void *conn);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuEGLStreamConsumerDisconnect(nint conn);

    /// <summary><c>CUresult cuEGLStreamConsumerReleaseFrame(void *conn, CUgraphicsResource pCudaResource, CUstream *pStream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuEGLStreamConsumerReleaseFrame(nint conn, nint pCudaResource, nint pStream);

    /// <summary><c>CUresult cuEGLStreamProducerConnect(void *conn, void *stream, int width, int height);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuEGLStreamProducerConnect(nint conn, nint stream, int width, int height);

    /// <summary><c>CUresult cuEGLStreamProducerDisconnect(void *conn);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuEGLStreamProducerDisconnect(nint conn);

    /// <summary><c>CUresult cuEGLStreamProducerPresentFrame(void *conn, void *eglframe, CUstream *pStream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuEGLStreamProducerPresentFrame(nint conn, nint eglframe, nint pStream);

    /// <summary><c>CUresult cuEGLStreamProducerReturnFrame(void *conn, void *eglframe, CUstream *pStream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuEGLStreamProducerReturnFrame(nint conn, nint eglframe, nint pStream);

    /// <summary><c>CUresult cuExternalMemoryGetMappedBuffer(CUdeviceptr *devPtr, CUexternalMemory extMem, const CUDA_EXTERNAL_MEMORY_BUFFER_DESC *bufferDesc);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuExternalMemoryGetMappedBuffer(nint devPtr, nint extMem, nint bufferDesc);

    /// <summary><c>CUresult cuExternalMemoryGetMappedMipmappedArray(CUmipmappedArray *mipmap, CUexternalMemory extMem, const CUDA_EXTERNAL_MEMORY_MIPMAPPED_ARRAY_DESC *mipmapDesc);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuExternalMemoryGetMappedMipmappedArray(nint mipmap, nint extMem, nint mipmapDesc);

    /// <summary><c>CUresult cuGLCtxCreate(CUcontext *pCtx, unsigned int Flags, CUdevice device);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGLCtxCreate(nint pCtx, uint Flags, int device);

    /// <summary><c>CUresult cuGLCtxCreate_v2(CUcontext *pCtx, unsigned int Flags, CUdevice device);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGLCtxCreate_v2(nint pCtx, uint Flags, int device);

    /// <summary><c>CUresult cuGLGetDevices(unsigned int *pCudaDeviceCount, CUdevice *pCudaDevices, unsigned int cudaDeviceCount, int deviceList);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGLGetDevices(nint pCudaDeviceCount, nint pCudaDevices, uint cudaDeviceCount, int deviceList);

    /// <summary><c>CUresult cuGLGetDevices_v2(unsigned int *pCudaDeviceCount, CUdevice *pCudaDevices, unsigned int cudaDeviceCount, int deviceList);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGLGetDevices_v2(nint pCudaDeviceCount, nint pCudaDevices, uint cudaDeviceCount, int deviceList);

    /// <summary><c>CUresult cuGLInit(void);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGLInit();

    /// <summary><c>CUresult cuGLMapBufferObject(unsigned int *dptr, unsigned int *size, unsigned int buffer);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGLMapBufferObject(nint dptr, nint size, uint buffer);

    /// <summary><c>CUresult cuGLMapBufferObjectAsync(unsigned int *dptr, unsigned int *size, unsigned int buffer, CUstream hStream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGLMapBufferObjectAsync(nint dptr, nint size, uint buffer, CUstream hStream);

    /// <summary><c>CUresult cuGLMapBufferObjectAsync_v2(CUdeviceptr *dptr, size_t *size, unsigned int buffer, CUstream hStream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    [Variant("cuGLMapBufferObjectAsync_v2_ptsz")]
    public static partial int cuGLMapBufferObjectAsync_v2(nint dptr, nint size, uint buffer, CUstream hStream);

    /// <summary><c>CUresult cuGLMapBufferObject_v2(CUdeviceptr *dptr, size_t *size, unsigned int buffer);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    [Variant("cuGLMapBufferObject_v2_ptds")]
    public static partial int cuGLMapBufferObject_v2(nint dptr, nint size, uint buffer);

    /// <summary><c>CUresult cuGLRegisterBufferObject(unsigned int buffer);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGLRegisterBufferObject(uint buffer);

    /// <summary><c>CUresult cuGLSetBufferObjectMapFlags(unsigned int buffer, unsigned int Flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGLSetBufferObjectMapFlags(uint buffer, uint Flags);

    /// <summary><c>CUresult cuGLUnmapBufferObject(unsigned int buffer);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGLUnmapBufferObject(uint buffer);

    /// <summary><c>CUresult cuGLUnmapBufferObjectAsync(unsigned int buffer, CUstream hStream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGLUnmapBufferObjectAsync(uint buffer, CUstream hStream);

    /// <summary><c>CUresult cuGLUnregisterBufferObject(unsigned int buffer);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGLUnregisterBufferObject(uint buffer);

    /// <summary><c>CUresult cuGraphAddBatchMemOpNode(CUgraphNode *phGraphNode, CUgraph hGraph, const CUgraphNode *dependencies, size_t numDependencies, const CUDA_BATCH_MEM_OP_NODE_PARAMS *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphAddBatchMemOpNode(nint phGraphNode, CUgraph hGraph, nint dependencies, nuint numDependencies, nint nodeParams);

    /// <summary><c>CUresult cuGraphAddExternalSemaphoresSignalNode(CUgraphNode *phGraphNode, CUgraph hGraph, const CUgraphNode *dependencies, size_t numDependencies, const CUDA_EXT_SEM_SIGNAL_NODE_PARAMS *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphAddExternalSemaphoresSignalNode(nint phGraphNode, CUgraph hGraph, nint dependencies, nuint numDependencies, nint nodeParams);

    /// <summary><c>CUresult cuGraphAddExternalSemaphoresWaitNode(CUgraphNode *phGraphNode, CUgraph hGraph, const CUgraphNode *dependencies, size_t numDependencies, const CUDA_EXT_SEM_WAIT_NODE_PARAMS *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphAddExternalSemaphoresWaitNode(nint phGraphNode, CUgraph hGraph, nint dependencies, nuint numDependencies, nint nodeParams);

    /// <summary><c>CUresult cuGraphAddHostNode(CUgraphNode *phGraphNode, CUgraph hGraph, const CUgraphNode *dependencies, size_t numDependencies, const CUDA_HOST_NODE_PARAMS *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphAddHostNode(nint phGraphNode, CUgraph hGraph, nint dependencies, nuint numDependencies, nint nodeParams);

    /// <summary><c>CUresult cuGraphAddKernelNode(CUgraphNode *phGraphNode, CUgraph hGraph, const CUgraphNode *dependencies, size_t numDependencies, const CUDA_KERNEL_NODE_PARAMS_v1 *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphAddKernelNode(nint phGraphNode, CUgraph hGraph, nint dependencies, nuint numDependencies, nint nodeParams);

    /// <summary><c>CUresult cuGraphAddKernelNode_v2(CUgraphNode *phGraphNode, CUgraph hGraph, const CUgraphNode *dependencies, size_t numDependencies, const CUDA_KERNEL_NODE_PARAMS *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphAddKernelNode_v2(nint phGraphNode, CUgraph hGraph, nint dependencies, nuint numDependencies, nint nodeParams);

    /// <summary><c>CUresult cuGraphAddMemAllocNode(CUgraphNode *phGraphNode, CUgraph hGraph, const CUgraphNode *dependencies, size_t numDependencies, CUDA_MEM_ALLOC_NODE_PARAMS *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphAddMemAllocNode(nint phGraphNode, CUgraph hGraph, nint dependencies, nuint numDependencies, nint nodeParams);

    /// <summary><c>CUresult cuGraphAddNode(CUgraphNode *phGraphNode, CUgraph hGraph, const CUgraphNode *dependencies, size_t numDependencies, CUgraphNodeParams *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphAddNode(nint phGraphNode, CUgraph hGraph, nint dependencies, nuint numDependencies, nint nodeParams);

    /// <summary><c>CUresult cuGraphAddNode_v2(CUgraphNode *phGraphNode, CUgraph hGraph, const CUgraphNode *dependencies, const CUgraphEdgeData *dependencyData, size_t numDependencies, CUgraphNodeParams *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphAddNode_v2(nint phGraphNode, CUgraph hGraph, nint dependencies, nint dependencyData, nuint numDependencies, nint nodeParams);

    /// <summary><c>CUresult cuGraphBatchMemOpNodeGetParams(CUgraphNode hNode, CUDA_BATCH_MEM_OP_NODE_PARAMS *nodeParams_out);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphBatchMemOpNodeGetParams(CUgraphNode hNode, nint nodeParams_out);

    /// <summary><c>CUresult cuGraphBatchMemOpNodeSetParams(CUgraphNode hNode, const CUDA_BATCH_MEM_OP_NODE_PARAMS *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphBatchMemOpNodeSetParams(CUgraphNode hNode, nint nodeParams);

    /// <summary><c>CUresult cuGraphDebugDotPrint(CUgraph hGraph, const char *path, unsigned int flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphDebugDotPrint(CUgraph hGraph, nint path, uint flags);

    /// <summary><c>CUresult cuGraphExecBatchMemOpNodeSetParams(CUgraphExec hGraphExec, CUgraphNode hNode, const CUDA_BATCH_MEM_OP_NODE_PARAMS *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphExecBatchMemOpNodeSetParams(CUgraphExec hGraphExec, CUgraphNode hNode, nint nodeParams);

    /// <summary><c>CUresult cuGraphExecExternalSemaphoresSignalNodeSetParams(CUgraphExec hGraphExec, CUgraphNode hNode, const CUDA_EXT_SEM_SIGNAL_NODE_PARAMS *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphExecExternalSemaphoresSignalNodeSetParams(CUgraphExec hGraphExec, CUgraphNode hNode, nint nodeParams);

    /// <summary><c>CUresult cuGraphExecExternalSemaphoresWaitNodeSetParams(CUgraphExec hGraphExec, CUgraphNode hNode, const CUDA_EXT_SEM_WAIT_NODE_PARAMS *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphExecExternalSemaphoresWaitNodeSetParams(CUgraphExec hGraphExec, CUgraphNode hNode, nint nodeParams);

    /// <summary><c>CUresult cuGraphExecHostNodeSetParams(CUgraphExec hGraphExec, CUgraphNode hNode, const CUDA_HOST_NODE_PARAMS *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphExecHostNodeSetParams(CUgraphExec hGraphExec, CUgraphNode hNode, nint nodeParams);

    /// <summary><c>CUresult cuGraphExecKernelNodeSetParams_v2(CUgraphExec hGraphExec, CUgraphNode hNode, const CUDA_KERNEL_NODE_PARAMS *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphExecKernelNodeSetParams_v2(CUgraphExec hGraphExec, CUgraphNode hNode, nint nodeParams);

    /// <summary><c>CUresult cuGraphExecNodeSetParams(CUgraphExec hGraphExec, CUgraphNode hNode, CUgraphNodeParams *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphExecNodeSetParams(CUgraphExec hGraphExec, CUgraphNode hNode, nint nodeParams);

    /// <summary><c>CUresult cuGraphExternalSemaphoresSignalNodeGetParams(CUgraphNode hNode, CUDA_EXT_SEM_SIGNAL_NODE_PARAMS *params_out);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphExternalSemaphoresSignalNodeGetParams(CUgraphNode hNode, nint params_out);

    /// <summary><c>CUresult cuGraphExternalSemaphoresSignalNodeSetParams(CUgraphNode hNode, const CUDA_EXT_SEM_SIGNAL_NODE_PARAMS *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphExternalSemaphoresSignalNodeSetParams(CUgraphNode hNode, nint nodeParams);

    /// <summary><c>CUresult cuGraphExternalSemaphoresWaitNodeGetParams(CUgraphNode hNode, CUDA_EXT_SEM_WAIT_NODE_PARAMS *params_out);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphExternalSemaphoresWaitNodeGetParams(CUgraphNode hNode, nint params_out);

    /// <summary><c>CUresult cuGraphExternalSemaphoresWaitNodeSetParams(CUgraphNode hNode, const CUDA_EXT_SEM_WAIT_NODE_PARAMS *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphExternalSemaphoresWaitNodeSetParams(CUgraphNode hNode, nint nodeParams);

    /// <summary><c>CUresult cuGraphHostNodeGetParams(CUgraphNode hNode, CUDA_HOST_NODE_PARAMS *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphHostNodeGetParams(CUgraphNode hNode, nint nodeParams);

    /// <summary><c>CUresult cuGraphHostNodeSetParams(CUgraphNode hNode, const CUDA_HOST_NODE_PARAMS *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphHostNodeSetParams(CUgraphNode hNode, nint nodeParams);

    /// <summary><c>CUresult cuGraphKernelNodeGetParams_v2(CUgraphNode hNode, CUDA_KERNEL_NODE_PARAMS *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphKernelNodeGetParams_v2(CUgraphNode hNode, nint nodeParams);

    /// <summary><c>CUresult cuGraphKernelNodeSetParams(CUgraphNode hNode, const CUDA_KERNEL_NODE_PARAMS_v1 *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphKernelNodeSetParams(CUgraphNode hNode, nint nodeParams);

    /// <summary><c>CUresult cuGraphKernelNodeSetParams_v2(CUgraphNode hNode, const CUDA_KERNEL_NODE_PARAMS *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphKernelNodeSetParams_v2(CUgraphNode hNode, nint nodeParams);

    /// <summary><c>CUresult cuGraphMemAllocNodeGetParams(CUgraphNode hNode, CUDA_MEM_ALLOC_NODE_PARAMS *params_out);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphMemAllocNodeGetParams(CUgraphNode hNode, nint params_out);

    /// <summary><c>CUresult cuGraphNodeSetParams(CUgraphNode hNode, CUgraphNodeParams *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphNodeSetParams(CUgraphNode hNode, nint nodeParams);

    /// <summary><c>CUresult cuGraphicsEGLRegisterImage(CUgraphicsResource *pCudaResource, void *image, unsigned int flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphicsEGLRegisterImage(nint pCudaResource, nint image, uint flags);

    /// <summary><c>CUresult cuGraphicsGLRegisterBuffer(CUgraphicsResource *pCudaResource, unsigned int buffer, unsigned int Flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphicsGLRegisterBuffer(nint pCudaResource, uint buffer, uint Flags);

    /// <summary><c>CUresult cuGraphicsGLRegisterImage(CUgraphicsResource *pCudaResource, unsigned int image, unsigned int target, unsigned int Flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphicsGLRegisterImage(nint pCudaResource, uint image, uint target, uint Flags);

    /// <summary><c>CUresult cuGraphicsMapResources(unsigned int count, CUgraphicsResource *resources, CUstream hStream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    [Variant("cuGraphicsMapResources_ptsz")]
    public static partial int cuGraphicsMapResources(uint count, nint resources, CUstream hStream);

    /// <summary><c>CUresult cuGraphicsResourceGetMappedEglFrame(void *eglFrame, CUgraphicsResource resource, unsigned int index, unsigned int mipLevel);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphicsResourceGetMappedEglFrame(nint eglFrame, nint resource, uint index, uint mipLevel);

    /// <summary><c>CUresult cuGraphicsResourceGetMappedMipmappedArray(CUmipmappedArray *pMipmappedArray, CUgraphicsResource resource);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphicsResourceGetMappedMipmappedArray(nint pMipmappedArray, nint resource);

    /// <summary><c>CUresult cuGraphicsResourceGetMappedPointer(unsigned int *pDevPtr, unsigned int *pSize, CUgraphicsResource resource);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphicsResourceGetMappedPointer(nint pDevPtr, nint pSize, nint resource);

    /// <summary><c>CUresult cuGraphicsResourceGetMappedPointer_v2(CUdeviceptr *pDevPtr, size_t *pSize, CUgraphicsResource resource);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphicsResourceGetMappedPointer_v2(nint pDevPtr, nint pSize, nint resource);

    /// <summary><c>CUresult cuGraphicsResourceSetMapFlags(CUgraphicsResource resource, unsigned int flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphicsResourceSetMapFlags(nint resource, uint flags);

    /// <summary><c>CUresult cuGraphicsResourceSetMapFlags_v2(CUgraphicsResource resource, unsigned int flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphicsResourceSetMapFlags_v2(nint resource, uint flags);

    /// <summary><c>CUresult cuGraphicsSubResourceGetMappedArray(CUarray *pArray, CUgraphicsResource resource, unsigned int arrayIndex, unsigned int mipLevel);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphicsSubResourceGetMappedArray(nint pArray, nint resource, uint arrayIndex, uint mipLevel);

    /// <summary><c>CUresult cuGraphicsUnmapResources(unsigned int count, CUgraphicsResource *resources, CUstream hStream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    [Variant("cuGraphicsUnmapResources_ptsz")]
    public static partial int cuGraphicsUnmapResources(uint count, nint resources, CUstream hStream);

    /// <summary><c>CUresult cuGraphicsUnregisterResource(CUgraphicsResource resource);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphicsUnregisterResource(nint resource);

    /// <summary><c>CUresult cuGraphicsVDPAURegisterOutputSurface(CUgraphicsResource *pCudaResource, unsigned int vdpSurface, unsigned int flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphicsVDPAURegisterOutputSurface(nint pCudaResource, uint vdpSurface, uint flags);

    /// <summary><c>CUresult cuGraphicsVDPAURegisterVideoSurface(CUgraphicsResource *pCudaResource, unsigned int vdpSurface, unsigned int flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphicsVDPAURegisterVideoSurface(nint pCudaResource, uint vdpSurface, uint flags);

    /// <summary><c>CUresult cuGreenCtxCreate(CUgreenCtx *phCtx, CUdevResourceDesc desc, CUdevice dev, unsigned int flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGreenCtxCreate(nint phCtx, nint desc, int dev, uint flags);

    /// <summary><c>CUresult cuGreenCtxDestroy(CUgreenCtx hCtx);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGreenCtxDestroy(nint hCtx);

    /// <summary><c>CUresult cuGreenCtxGetDevResource(CUgreenCtx hCtx, CUdevResource *resource, CUdevResourceType type_);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGreenCtxGetDevResource(nint hCtx, nint resource, int type);

    /// <summary><c>CUresult cuGreenCtxGetId(CUgreenCtx greenCtx, unsigned long long *greenCtxId);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGreenCtxGetId(nint greenCtx, nint greenCtxId);

    /// <summary><c>CUresult cuGreenCtxRecordEvent(CUgreenCtx hCtx, CUevent hEvent);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGreenCtxRecordEvent(nint hCtx, CUevent hEvent);

    /// <summary><c>CUresult cuGreenCtxStreamCreate(CUstream *phStream, CUgreenCtx greenCtx, unsigned int flags, int priority);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGreenCtxStreamCreate(nint phStream, nint greenCtx, uint flags, int priority);

    /// <summary><c>CUresult cuGreenCtxWaitEvent(CUgreenCtx hCtx, CUevent hEvent);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGreenCtxWaitEvent(nint hCtx, CUevent hEvent);

    /// <summary><c>CUresult cuImportExternalMemory(CUexternalMemory *extMem_out, const CUDA_EXTERNAL_MEMORY_HANDLE_DESC *memHandleDesc);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuImportExternalMemory(nint extMem_out, nint memHandleDesc);

    /// <summary><c>CUresult cuImportExternalSemaphore(CUexternalSemaphore *extSem_out, const CUDA_EXTERNAL_SEMAPHORE_HANDLE_DESC *semHandleDesc);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuImportExternalSemaphore(nint extSem_out, nint semHandleDesc);

    /// <summary><c>CUresult cuLaunchCooperativeKernelMultiDevice(CUDA_LAUNCH_PARAMS *launchParamsList, unsigned int numDevices, unsigned int flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuLaunchCooperativeKernelMultiDevice(nint launchParamsList, uint numDevices, uint flags);

    /// <summary><c>CUresult cuLibraryGetUnifiedFunction(void **fptr, CUlibrary library, const char *symbol);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuLibraryGetUnifiedFunction(nint fptr, CUlibrary library, nint symbol);

    /// <summary><c>CUresult cuLogsCurrent(CUlogIterator *iterator_out, unsigned int flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuLogsCurrent(nint iterator_out, uint flags);

    /// <summary><c>CUresult cuLogsDumpToFile(CUlogIterator *iterator, const char *pathToFile, unsigned int flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuLogsDumpToFile(nint iterator, nint pathToFile, uint flags);

    /// <summary><c>CUresult cuLogsDumpToMemory(CUlogIterator *iterator, char *buffer, size_t *size, unsigned int flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuLogsDumpToMemory(nint iterator, nint buffer, nint size, uint flags);

    /// <summary><c>CUresult cuLogsRegisterCallback(CUlogsCallback callbackFunc, void *userData, CUlogsCallbackHandle *callback_out);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuLogsRegisterCallback(nint callbackFunc, nint userData, nint callback_out);

    /// <summary><c>CUresult cuLogsUnregisterCallback(CUlogsCallbackHandle callback);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuLogsUnregisterCallback(nint callback);

    /// <summary><c>CUresult cuMemExportToShareableHandle(void *shareableHandle, CUmemGenericAllocationHandle handle, CUmemAllocationHandleType handleType, unsigned long long flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMemExportToShareableHandle(nint shareableHandle, ulong handle, int handleType, ulong flags);

    /// <summary><c>CUresult cuMemGetAttribute(void);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMemGetAttribute();

    /// <summary><c>CUresult cuMemGetAttribute_v2(void);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMemGetAttribute_v2();

    /// <summary><c>CUresult cuMemGetHandleForAddressRange(void *handle, CUdeviceptr dptr, size_t size, CUmemRangeHandleType handleType, unsigned long long flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMemGetHandleForAddressRange(nint handle, CUdeviceptr dptr, nuint size, int handleType, ulong flags);

    /// <summary><c>CUresult cuMemHostGetDevicePointer(unsigned int *pdptr, void *p, unsigned int Flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMemHostGetDevicePointer(nint pdptr, nint p, uint Flags);

    /// <summary><c>CUresult cuMemImportFromShareableHandle(CUmemGenericAllocationHandle *handle, void *osHandle, CUmemAllocationHandleType shHandleType);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMemImportFromShareableHandle(nint handle, nint osHandle, int shHandleType);

    /// <summary><c>CUresult cuMemMapArrayAsync(CUarrayMapInfo *mapInfoList, unsigned int count, CUstream hStream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    [Variant("cuMemMapArrayAsync_ptsz")]
    public static partial int cuMemMapArrayAsync(nint mapInfoList, uint count, CUstream hStream);

    /// <summary><c>CUresult cuMemPoolExportToShareableHandle(void *handle_out, CUmemoryPool pool, CUmemAllocationHandleType handleType, unsigned long long flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMemPoolExportToShareableHandle(nint handle_out, CUmemoryPool pool, int handleType, ulong flags);

    /// <summary><c>CUresult cuMemPoolImportFromShareableHandle(CUmemoryPool *pool_out, void *handle, CUmemAllocationHandleType handleType, unsigned long long flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMemPoolImportFromShareableHandle(nint pool_out, nint handle, int handleType, ulong flags);

    /// <summary><c>CUresult cuMemRangeGetAttributes(void **data, size_t *dataSizes, CUmem_range_attribute *attributes, size_t numAttributes, CUdeviceptr devPtr, size_t count);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMemRangeGetAttributes(nint data, nint dataSizes, nint attributes, nuint numAttributes, CUdeviceptr devPtr, nuint count);

    /// <summary><c>CUresult cuMemcpy2D(const CUDA_MEMCPY2D_v1 *pCopy);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMemcpy2D(nint pCopy);

    /// <summary><c>CUresult cuMemcpy2DAsync(const CUDA_MEMCPY2D_v1 *pCopy, CUstream hStream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMemcpy2DAsync(nint pCopy, CUstream hStream);

    /// <summary><c>CUresult cuMemcpy2DUnaligned(const CUDA_MEMCPY2D_v1 *pCopy);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMemcpy2DUnaligned(nint pCopy);

    /// <summary><c>CUresult cuMemcpy3D(const CUDA_MEMCPY3D_v1 *pCopy);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMemcpy3D(nint pCopy);

    /// <summary><c>CUresult cuMemcpy3DAsync(const CUDA_MEMCPY3D_v1 *pCopy, CUstream hStream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMemcpy3DAsync(nint pCopy, CUstream hStream);

    /// <summary><c>CUresult cuMemcpy3DBatchAsync(size_t numOps, CUDA_MEMCPY3D_BATCH_OP *opList, size_t *failIdx, unsigned long long flags, CUstream hStream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    [Variant("cuMemcpy3DBatchAsync_ptsz")]
    public static partial int cuMemcpy3DBatchAsync(nuint numOps, nint opList, nint failIdx, ulong flags, CUstream hStream);

    /// <summary><c>CUresult cuMemcpy3DBatchAsync_v2(size_t numOps, CUDA_MEMCPY3D_BATCH_OP *opList, unsigned long long flags, CUstream hStream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    [Variant("cuMemcpy3DBatchAsync_v2_ptsz")]
    public static partial int cuMemcpy3DBatchAsync_v2(nuint numOps, nint opList, ulong flags, CUstream hStream);

    /// <summary><c>CUresult cuMemcpy3DPeer(const CUDA_MEMCPY3D_PEER *pCopy);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    [Variant("cuMemcpy3DPeer_ptds")]
    public static partial int cuMemcpy3DPeer(nint pCopy);

    /// <summary><c>CUresult cuMemcpy3DPeerAsync(const CUDA_MEMCPY3D_PEER *pCopy, CUstream hStream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    [Variant("cuMemcpy3DPeerAsync_ptsz")]
    public static partial int cuMemcpy3DPeerAsync(nint pCopy, CUstream hStream);

    /// <summary><c>CUresult cuMemcpyBatchAsync(CUdeviceptr *dsts, CUdeviceptr *srcs, size_t *sizes, size_t count, CUmemcpyAttributes *attrs, size_t *attrsIdxs, size_t numAttrs, size_t *failIdx, CUstream hStream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    [Variant("cuMemcpyBatchAsync_ptsz")]
    public static partial int cuMemcpyBatchAsync(nint dsts, nint srcs, nint sizes, nuint count, nint attrs, nint attrsIdxs, nuint numAttrs, nint failIdx, CUstream hStream);

    /// <summary><c>CUresult cuMemcpyBatchAsync_v2(CUdeviceptr *dsts, CUdeviceptr *srcs, size_t *sizes, size_t count, CUmemcpyAttributes *attrs, size_t *attrsIdxs, size_t numAttrs, CUstream hStream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    [Variant("cuMemcpyBatchAsync_v2_ptsz")]
    public static partial int cuMemcpyBatchAsync_v2(nint dsts, nint srcs, nint sizes, nuint count, nint attrs, nint attrsIdxs, nuint numAttrs, CUstream hStream);

    /// <summary><c>CUresult cuMulticastAddDevice(CUmemGenericAllocationHandle mcHandle, CUdevice dev);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMulticastAddDevice(ulong mcHandle, int dev);

    /// <summary><c>CUresult cuMulticastBindAddr(CUmemGenericAllocationHandle mcHandle, size_t mcOffset, CUdeviceptr memptr, size_t size, unsigned long long flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMulticastBindAddr(ulong mcHandle, nuint mcOffset, CUdeviceptr memptr, nuint size, ulong flags);

    /// <summary><c>CUresult cuMulticastBindMem(CUmemGenericAllocationHandle mcHandle, size_t mcOffset, CUmemGenericAllocationHandle memHandle, size_t memOffset, size_t size, unsigned long long flags);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMulticastBindMem(ulong mcHandle, nuint mcOffset, ulong memHandle, nuint memOffset, nuint size, ulong flags);

    /// <summary><c>CUresult cuMulticastCreate(CUmemGenericAllocationHandle *mcHandle, const CUmulticastObjectProp *prop);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMulticastCreate(nint mcHandle, nint prop);

    /// <summary><c>CUresult cuMulticastGetGranularity(size_t *granularity, const CUmulticastObjectProp *prop, CUmulticastGranularity_flags option);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMulticastGetGranularity(nint granularity, nint prop, int option);

    /// <summary><c>CUresult cuMulticastUnbind(CUmemGenericAllocationHandle mcHandle, CUdevice dev, size_t mcOffset, size_t size);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuMulticastUnbind(ulong mcHandle, int dev, nuint mcOffset, nuint size);

    /// <summary><c>CUresult cuSignalExternalSemaphoresAsync(const CUexternalSemaphore *extSemArray, const CUDA_EXTERNAL_SEMAPHORE_SIGNAL_PARAMS *paramsArray, unsigned int numExtSems, CUstream stream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    [Variant("cuSignalExternalSemaphoresAsync_ptsz")]
    public static partial int cuSignalExternalSemaphoresAsync(nint extSemArray, nint paramsArray, uint numExtSems, CUstream stream);

    /// <summary><c>CUresult cuVDPAUCtxCreate(CUcontext *pCtx, unsigned int flags, CUdevice device, unsigned int vdpDevice, void *vdpGetProcAddress);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuVDPAUCtxCreate(nint pCtx, uint flags, int device, uint vdpDevice, nint vdpGetProcAddress);

    /// <summary><c>CUresult cuVDPAUCtxCreate_v2(CUcontext *pCtx, unsigned int flags, CUdevice device, unsigned int vdpDevice, void *vdpGetProcAddress);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuVDPAUCtxCreate_v2(nint pCtx, uint flags, int device, uint vdpDevice, nint vdpGetProcAddress);

    /// <summary><c>CUresult cuVDPAUGetDevice(CUdevice *pDevice, unsigned int vdpDevice, void *vdpGetProcAddress);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuVDPAUGetDevice(nint pDevice, uint vdpDevice, nint vdpGetProcAddress);

    /// <summary><c>CUresult cuWaitExternalSemaphoresAsync(const CUexternalSemaphore *extSemArray, const CUDA_EXTERNAL_SEMAPHORE_WAIT_PARAMS *paramsArray, unsigned int numExtSems, CUstream stream);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    [Variant("cuWaitExternalSemaphoresAsync_ptsz")]
    public static partial int cuWaitExternalSemaphoresAsync(nint extSemArray, nint paramsArray, uint numExtSems, CUstream stream);

    /// <summary><c>cudbgApiAttach</c> A debugger hook of the real library (cuda-gdb loads the real driver itself).</summary>
    [NotRemoted]
    public static partial void cudbgApiAttach();

    /// <summary><c>cudbgApiDetach</c> A debugger hook of the real library (cuda-gdb loads the real driver itself).</summary>
    [NotRemoted]
    public static partial void cudbgApiDetach();

    /// <summary><c>cudbgApiInit</c> A debugger hook of the real library (cuda-gdb loads the real driver itself).</summary>
    [NotRemoted]
    public static partial void cudbgApiInit();

    /// <summary><c>cudbgGetAPI</c> A debugger hook of the real library (cuda-gdb loads the real driver itself).</summary>
    [NotRemoted]
    public static partial void cudbgGetAPI();

    /// <summary><c>cudbgGetAPIVersion</c> A debugger hook of the real library (cuda-gdb loads the real driver itself).</summary>
    [NotRemoted]
    public static partial void cudbgGetAPIVersion();

    /// <summary><c>cudbgMain</c> A debugger hook of the real library (cuda-gdb loads the real driver itself).</summary>
    [NotRemoted]
    public static partial void cudbgMain();

    /// <summary><c>cudbgReportDriverApiError</c> A debugger hook of the real library (cuda-gdb loads the real driver itself).</summary>
    [NotRemoted]
    public static partial void cudbgReportDriverApiError();

    /// <summary><c>cudbgReportDriverInternalError</c> A debugger hook of the real library (cuda-gdb loads the real driver itself).</summary>
    [NotRemoted]
    public static partial void cudbgReportDriverInternalError();

    /// <summary><c>CUresult cuGraphKernelNodeGetParams(CUgraphNode hNode, CUDA_KERNEL_NODE_PARAMS_v1 *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphKernelNodeGetParams(CUgraphNode hNode, nint nodeParams);

    /// <summary><c>CUresult cuGraphExecKernelNodeSetParams(CUgraphExec hGraphExec, CUgraphNode hNode, const CUDA_KERNEL_NODE_PARAMS_v1 *nodeParams);</c></summary>
    [NotRemoted(ErrorNotSupported)]
    public static partial int cuGraphExecKernelNodeSetParams(CUgraphExec hGraphExec, CUgraphNode hNode, nint nodeParams);
}
