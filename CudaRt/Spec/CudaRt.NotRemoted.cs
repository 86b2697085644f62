// The exports of libcudart.so.13 for features the drop-in does not remote. Each answers cudaErrorNotSupported at once
// and names itself in AVA_LOG, as a runtime without that capability answers; the arguments are never read, so the
// declarations leave them out (a C caller's arguments are ignored by such a callee under the x86-64 C ABI). They are
// exported because programs and libraries link against, or look up by name, every symbol of the real library.
using Ava.Spec;

namespace Ava.CudaRt;

/// <summary>The functions of the CUDA runtime API that are exported but not remoted.</summary>
public static partial class CudaRt
{
    // ---- Driver entry points and private tables ----------------------------------------------------------------------

    /// <summary><c>__cudaGetProcAddress</c>: driver entry points and private tables are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int __cudaGetProcAddress();

    /// <summary><c>cudaGetExportTable</c>: driver entry points and private tables are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGetExportTable();

    // ---- Unified function tables -------------------------------------------------------------------------------------

    /// <summary><c>__cudaRegisterUnifiedTable</c>: unified function tables are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int __cudaRegisterUnifiedTable();

    // ---- Arrays ------------------------------------------------------------------------------------------------------

    /// <summary><c>cudaArrayGetInfo</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaArrayGetInfo();

    /// <summary><c>cudaArrayGetMemoryRequirements</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaArrayGetMemoryRequirements();

    /// <summary><c>cudaArrayGetPlane</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaArrayGetPlane();

    /// <summary><c>cudaArrayGetSparseProperties</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaArrayGetSparseProperties();

    /// <summary><c>cudaFreeArray</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaFreeArray();

    /// <summary><c>cudaFreeMipmappedArray</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaFreeMipmappedArray();

    /// <summary><c>cudaGetChannelDesc</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGetChannelDesc();

    /// <summary><c>cudaGetMipmappedArrayLevel</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGetMipmappedArrayLevel();

    /// <summary><c>cudaMalloc3DArray</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMalloc3DArray();

    /// <summary><c>cudaMallocArray</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMallocArray();

    /// <summary><c>cudaMallocMipmappedArray</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMallocMipmappedArray();

    /// <summary><c>cudaMemcpy2DArrayToArray</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpy2DArrayToArray_ptds")]
    public static partial int cudaMemcpy2DArrayToArray();

    /// <summary><c>cudaMemcpy2DFromArray</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpy2DFromArray_ptds")]
    public static partial int cudaMemcpy2DFromArray();

    /// <summary><c>cudaMemcpy2DFromArrayAsync</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpy2DFromArrayAsync_ptsz")]
    public static partial int cudaMemcpy2DFromArrayAsync();

    /// <summary><c>cudaMemcpy2DToArray</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpy2DToArray_ptds")]
    public static partial int cudaMemcpy2DToArray();

    /// <summary><c>cudaMemcpy2DToArrayAsync</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpy2DToArrayAsync_ptsz")]
    public static partial int cudaMemcpy2DToArrayAsync();

    /// <summary><c>cudaMemcpyArrayToArray</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpyArrayToArray_ptds")]
    public static partial int cudaMemcpyArrayToArray();

    /// <summary><c>cudaMemcpyFromArray</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpyFromArray_ptds")]
    public static partial int cudaMemcpyFromArray();

    /// <summary><c>cudaMemcpyFromArrayAsync</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpyFromArrayAsync_ptsz")]
    public static partial int cudaMemcpyFromArrayAsync();

    /// <summary><c>cudaMemcpyToArray</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpyToArray_ptds")]
    public static partial int cudaMemcpyToArray();

    /// <summary><c>cudaMemcpyToArrayAsync</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpyToArrayAsync_ptsz")]
    public static partial int cudaMemcpyToArrayAsync();

    /// <summary><c>cudaMipmappedArrayGetMemoryRequirements</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMipmappedArrayGetMemoryRequirements();

    /// <summary><c>cudaMipmappedArrayGetSparseProperties</c>: arrays are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMipmappedArrayGetSparseProperties();

    // ---- Textures and surfaces ---------------------------------------------------------------------------------------

    /// <summary><c>cudaCreateSurfaceObject</c>: textures and surfaces are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaCreateSurfaceObject();

    /// <summary><c>cudaCreateTextureObject</c>: textures and surfaces are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaCreateTextureObject();

    /// <summary><c>cudaDestroySurfaceObject</c>: textures and surfaces are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaDestroySurfaceObject();

    /// <summary><c>cudaDestroyTextureObject</c>: textures and surfaces are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaDestroyTextureObject();

    /// <summary><c>cudaGetSurfaceObjectResourceDesc</c>: textures and surfaces are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGetSurfaceObjectResourceDesc();

    /// <summary><c>cudaGetTextureObjectResourceDesc</c>: textures and surfaces are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGetTextureObjectResourceDesc();

    /// <summary><c>cudaGetTextureObjectResourceViewDesc</c>: textures and surfaces are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGetTextureObjectResourceViewDesc();

    /// <summary><c>cudaGetTextureObjectTextureDesc</c>: textures and surfaces are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGetTextureObjectTextureDesc();

    // ---- External memory and semaphores ------------------------------------------------------------------------------

    /// <summary><c>cudaDestroyExternalMemory</c>: external memory and semaphores are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaDestroyExternalMemory();

    /// <summary><c>cudaDestroyExternalSemaphore</c>: external memory and semaphores are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaDestroyExternalSemaphore();

    /// <summary><c>cudaExternalMemoryGetMappedBuffer</c>: external memory and semaphores are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaExternalMemoryGetMappedBuffer();

    /// <summary><c>cudaExternalMemoryGetMappedMipmappedArray</c>: external memory and semaphores are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaExternalMemoryGetMappedMipmappedArray();

    /// <summary><c>cudaImportExternalMemory</c>: external memory and semaphores are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaImportExternalMemory();

    /// <summary><c>cudaImportExternalSemaphore</c>: external memory and semaphores are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaImportExternalSemaphore();

    /// <summary><c>cudaSignalExternalSemaphoresAsync</c>: external memory and semaphores are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaSignalExternalSemaphoresAsync_ptsz")]
    public static partial int cudaSignalExternalSemaphoresAsync();

    /// <summary><c>cudaWaitExternalSemaphoresAsync</c>: external memory and semaphores are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaWaitExternalSemaphoresAsync_ptsz")]
    public static partial int cudaWaitExternalSemaphoresAsync();

    // ---- Memory pools ------------------------------------------------------------------------------------------------

    /// <summary><c>cudaDeviceGetDefaultMemPool</c>: memory pools are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaDeviceGetDefaultMemPool();

    /// <summary><c>cudaDeviceGetMemPool</c>: memory pools are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaDeviceGetMemPool();

    /// <summary><c>cudaDeviceSetMemPool</c>: memory pools are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaDeviceSetMemPool();

    /// <summary><c>cudaMallocFromPoolAsync</c>: memory pools are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMallocFromPoolAsync_ptsz")]
    public static partial int cudaMallocFromPoolAsync();

    /// <summary><c>cudaMemGetDefaultMemPool</c>: memory pools are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMemGetDefaultMemPool();

    /// <summary><c>cudaMemGetMemPool</c>: memory pools are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMemGetMemPool();

    /// <summary><c>cudaMemPoolCreate</c>: memory pools are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMemPoolCreate();

    /// <summary><c>cudaMemPoolDestroy</c>: memory pools are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMemPoolDestroy();

    /// <summary><c>cudaMemPoolExportPointer</c>: memory pools are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMemPoolExportPointer();

    /// <summary><c>cudaMemPoolExportToShareableHandle</c>: memory pools are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMemPoolExportToShareableHandle();

    /// <summary><c>cudaMemPoolGetAccess</c>: memory pools are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMemPoolGetAccess();

    /// <summary><c>cudaMemPoolGetAttribute</c>: memory pools are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMemPoolGetAttribute();

    /// <summary><c>cudaMemPoolImportFromShareableHandle</c>: memory pools are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMemPoolImportFromShareableHandle();

    /// <summary><c>cudaMemPoolImportPointer</c>: memory pools are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMemPoolImportPointer();

    /// <summary><c>cudaMemPoolSetAccess</c>: memory pools are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMemPoolSetAccess();

    /// <summary><c>cudaMemPoolSetAttribute</c>: memory pools are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMemPoolSetAttribute();

    /// <summary><c>cudaMemPoolTrimTo</c>: memory pools are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMemPoolTrimTo();

    /// <summary><c>cudaMemSetMemPool</c>: memory pools are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMemSetMemPool();

    // ---- Graphs and user objects -------------------------------------------------------------------------------------

    /// <summary><c>cudaDeviceGetGraphMemAttribute</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaDeviceGetGraphMemAttribute();

    /// <summary><c>cudaDeviceGraphMemTrim</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaDeviceGraphMemTrim();

    /// <summary><c>cudaDeviceSetGraphMemAttribute</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaDeviceSetGraphMemAttribute();

    /// <summary><c>cudaGraphAddChildGraphNode</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphAddChildGraphNode();

    /// <summary><c>cudaGraphAddDependencies</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphAddDependencies();

    /// <summary><c>cudaGraphAddEmptyNode</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphAddEmptyNode();

    /// <summary><c>cudaGraphAddEventRecordNode</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphAddEventRecordNode();

    /// <summary><c>cudaGraphAddEventWaitNode</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphAddEventWaitNode();

    /// <summary><c>cudaGraphAddExternalSemaphoresSignalNode</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphAddExternalSemaphoresSignalNode();

    /// <summary><c>cudaGraphAddExternalSemaphoresWaitNode</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphAddExternalSemaphoresWaitNode();

    /// <summary><c>cudaGraphAddHostNode</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphAddHostNode();

    /// <summary><c>cudaGraphAddKernelNode</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphAddKernelNode();

    /// <summary><c>cudaGraphAddMemAllocNode</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphAddMemAllocNode();

    /// <summary><c>cudaGraphAddMemFreeNode</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphAddMemFreeNode();

    /// <summary><c>cudaGraphAddMemcpyNode</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphAddMemcpyNode();

    /// <summary><c>cudaGraphAddMemcpyNode1D</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphAddMemcpyNode1D();

    /// <summary><c>cudaGraphAddMemcpyNodeFromSymbol</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphAddMemcpyNodeFromSymbol();

    /// <summary><c>cudaGraphAddMemcpyNodeToSymbol</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphAddMemcpyNodeToSymbol();

    /// <summary><c>cudaGraphAddMemsetNode</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphAddMemsetNode();

    /// <summary><c>cudaGraphAddNode</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphAddNode();

    /// <summary><c>cudaGraphChildGraphNodeGetGraph</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphChildGraphNodeGetGraph();

    /// <summary><c>cudaGraphClone</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphClone();

    /// <summary><c>cudaGraphConditionalHandleCreate</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphConditionalHandleCreate();

    /// <summary><c>cudaGraphCreate</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphCreate();

    /// <summary><c>cudaGraphDebugDotPrint</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphDebugDotPrint();

    /// <summary><c>cudaGraphDestroy</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphDestroy();

    /// <summary><c>cudaGraphDestroyNode</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphDestroyNode();

    /// <summary><c>cudaGraphEventRecordNodeGetEvent</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphEventRecordNodeGetEvent();

    /// <summary><c>cudaGraphEventRecordNodeSetEvent</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphEventRecordNodeSetEvent();

    /// <summary><c>cudaGraphEventWaitNodeGetEvent</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphEventWaitNodeGetEvent();

    /// <summary><c>cudaGraphEventWaitNodeSetEvent</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphEventWaitNodeSetEvent();

    /// <summary><c>cudaGraphExecChildGraphNodeSetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExecChildGraphNodeSetParams();

    /// <summary><c>cudaGraphExecDestroy</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExecDestroy();

    /// <summary><c>cudaGraphExecEventRecordNodeSetEvent</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExecEventRecordNodeSetEvent();

    /// <summary><c>cudaGraphExecEventWaitNodeSetEvent</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExecEventWaitNodeSetEvent();

    /// <summary><c>cudaGraphExecExternalSemaphoresSignalNodeSetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExecExternalSemaphoresSignalNodeSetParams();

    /// <summary><c>cudaGraphExecExternalSemaphoresWaitNodeSetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExecExternalSemaphoresWaitNodeSetParams();

    /// <summary><c>cudaGraphExecGetFlags</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExecGetFlags();

    /// <summary><c>cudaGraphExecHostNodeSetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExecHostNodeSetParams();

    /// <summary><c>cudaGraphExecKernelNodeSetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExecKernelNodeSetParams();

    /// <summary><c>cudaGraphExecMemcpyNodeSetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExecMemcpyNodeSetParams();

    /// <summary><c>cudaGraphExecMemcpyNodeSetParams1D</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExecMemcpyNodeSetParams1D();

    /// <summary><c>cudaGraphExecMemcpyNodeSetParamsFromSymbol</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExecMemcpyNodeSetParamsFromSymbol();

    /// <summary><c>cudaGraphExecMemcpyNodeSetParamsToSymbol</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExecMemcpyNodeSetParamsToSymbol();

    /// <summary><c>cudaGraphExecMemsetNodeSetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExecMemsetNodeSetParams();

    /// <summary><c>cudaGraphExecNodeSetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExecNodeSetParams();

    /// <summary><c>cudaGraphExecUpdate</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExecUpdate();

    /// <summary><c>cudaGraphExternalSemaphoresSignalNodeGetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExternalSemaphoresSignalNodeGetParams();

    /// <summary><c>cudaGraphExternalSemaphoresSignalNodeSetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExternalSemaphoresSignalNodeSetParams();

    /// <summary><c>cudaGraphExternalSemaphoresWaitNodeGetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExternalSemaphoresWaitNodeGetParams();

    /// <summary><c>cudaGraphExternalSemaphoresWaitNodeSetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphExternalSemaphoresWaitNodeSetParams();

    /// <summary><c>cudaGraphGetEdges</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphGetEdges();

    /// <summary><c>cudaGraphGetNodes</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphGetNodes();

    /// <summary><c>cudaGraphGetRootNodes</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphGetRootNodes();

    /// <summary><c>cudaGraphHostNodeGetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphHostNodeGetParams();

    /// <summary><c>cudaGraphHostNodeSetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphHostNodeSetParams();

    /// <summary><c>cudaGraphInstantiate</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphInstantiate();

    /// <summary><c>cudaGraphInstantiateWithFlags</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphInstantiateWithFlags();

    /// <summary><c>cudaGraphInstantiateWithParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaGraphInstantiateWithParams_ptsz")]
    public static partial int cudaGraphInstantiateWithParams();

    /// <summary><c>cudaGraphKernelNodeCopyAttributes</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphKernelNodeCopyAttributes();

    /// <summary><c>cudaGraphKernelNodeGetAttribute</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphKernelNodeGetAttribute();

    /// <summary><c>cudaGraphKernelNodeGetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphKernelNodeGetParams();

    /// <summary><c>cudaGraphKernelNodeSetAttribute</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphKernelNodeSetAttribute();

    /// <summary><c>cudaGraphKernelNodeSetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphKernelNodeSetParams();

    /// <summary><c>cudaGraphLaunch</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaGraphLaunch_ptsz")]
    public static partial int cudaGraphLaunch();

    /// <summary><c>cudaGraphMemAllocNodeGetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphMemAllocNodeGetParams();

    /// <summary><c>cudaGraphMemFreeNodeGetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphMemFreeNodeGetParams();

    /// <summary><c>cudaGraphMemcpyNodeGetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphMemcpyNodeGetParams();

    /// <summary><c>cudaGraphMemcpyNodeSetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphMemcpyNodeSetParams();

    /// <summary><c>cudaGraphMemcpyNodeSetParams1D</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphMemcpyNodeSetParams1D();

    /// <summary><c>cudaGraphMemcpyNodeSetParamsFromSymbol</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphMemcpyNodeSetParamsFromSymbol();

    /// <summary><c>cudaGraphMemcpyNodeSetParamsToSymbol</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphMemcpyNodeSetParamsToSymbol();

    /// <summary><c>cudaGraphMemsetNodeGetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphMemsetNodeGetParams();

    /// <summary><c>cudaGraphMemsetNodeSetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphMemsetNodeSetParams();

    /// <summary><c>cudaGraphNodeFindInClone</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphNodeFindInClone();

    /// <summary><c>cudaGraphNodeGetDependencies</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphNodeGetDependencies();

    /// <summary><c>cudaGraphNodeGetDependentNodes</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphNodeGetDependentNodes();

    /// <summary><c>cudaGraphNodeGetEnabled</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphNodeGetEnabled();

    /// <summary><c>cudaGraphNodeGetType</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphNodeGetType();

    /// <summary><c>cudaGraphNodeSetEnabled</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphNodeSetEnabled();

    /// <summary><c>cudaGraphNodeSetParams</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphNodeSetParams();

    /// <summary><c>cudaGraphReleaseUserObject</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphReleaseUserObject();

    /// <summary><c>cudaGraphRemoveDependencies</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphRemoveDependencies();

    /// <summary><c>cudaGraphRetainUserObject</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphRetainUserObject();

    /// <summary><c>cudaGraphUpload</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaGraphUpload_ptsz")]
    public static partial int cudaGraphUpload();

    /// <summary><c>cudaUserObjectCreate</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaUserObjectCreate();

    /// <summary><c>cudaUserObjectRelease</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaUserObjectRelease();

    /// <summary><c>cudaUserObjectRetain</c>: graphs and user objects are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaUserObjectRetain();

    // ---- Device notifications, NvSciSync and atomic capabilities -----------------------------------------------------

    /// <summary><c>cudaDeviceGetHostAtomicCapabilities</c>: device notifications, NvSciSync and atomic capabilities are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaDeviceGetHostAtomicCapabilities();

    /// <summary><c>cudaDeviceGetNvSciSyncAttributes</c>: device notifications, NvSciSync and atomic capabilities are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaDeviceGetNvSciSyncAttributes();

    /// <summary><c>cudaDeviceGetP2PAtomicCapabilities</c>: device notifications, NvSciSync and atomic capabilities are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaDeviceGetP2PAtomicCapabilities();

    /// <summary><c>cudaDeviceRegisterAsyncNotification</c>: device notifications, NvSciSync and atomic capabilities are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaDeviceRegisterAsyncNotification();

    /// <summary><c>cudaDeviceUnregisterAsyncNotification</c>: device notifications, NvSciSync and atomic capabilities are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaDeviceUnregisterAsyncNotification();

    // ---- Graphics interop --------------------------------------------------------------------------------------------

    /// <summary><c>cudaEGLStreamConsumerAcquireFrame</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaEGLStreamConsumerAcquireFrame();

    /// <summary><c>cudaEGLStreamConsumerConnect</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaEGLStreamConsumerConnect();

    /// <summary><c>cudaEGLStreamConsumerConnectWithFlags</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaEGLStreamConsumerConnectWithFlags();

    /// <summary><c>cudaEGLStreamConsumerDisconnect</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaEGLStreamConsumerDisconnect();

    /// <summary><c>cudaEGLStreamConsumerReleaseFrame</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaEGLStreamConsumerReleaseFrame();

    /// <summary><c>cudaEGLStreamProducerConnect</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaEGLStreamProducerConnect();

    /// <summary><c>cudaEGLStreamProducerDisconnect</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaEGLStreamProducerDisconnect();

    /// <summary><c>cudaEGLStreamProducerPresentFrame</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaEGLStreamProducerPresentFrame();

    /// <summary><c>cudaEGLStreamProducerReturnFrame</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaEGLStreamProducerReturnFrame();

    /// <summary><c>cudaEventCreateFromEGLSync</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaEventCreateFromEGLSync();

    /// <summary><c>cudaGLGetDevices</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGLGetDevices();

    /// <summary><c>cudaGLMapBufferObject</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGLMapBufferObject();

    /// <summary><c>cudaGLMapBufferObjectAsync</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGLMapBufferObjectAsync();

    /// <summary><c>cudaGLRegisterBufferObject</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGLRegisterBufferObject();

    /// <summary><c>cudaGLSetBufferObjectMapFlags</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGLSetBufferObjectMapFlags();

    /// <summary><c>cudaGLSetGLDevice</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGLSetGLDevice();

    /// <summary><c>cudaGLUnmapBufferObject</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGLUnmapBufferObject();

    /// <summary><c>cudaGLUnmapBufferObjectAsync</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGLUnmapBufferObjectAsync();

    /// <summary><c>cudaGLUnregisterBufferObject</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGLUnregisterBufferObject();

    /// <summary><c>cudaGraphicsEGLRegisterImage</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphicsEGLRegisterImage();

    /// <summary><c>cudaGraphicsGLRegisterBuffer</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphicsGLRegisterBuffer();

    /// <summary><c>cudaGraphicsGLRegisterImage</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphicsGLRegisterImage();

    /// <summary><c>cudaGraphicsMapResources</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphicsMapResources();

    /// <summary><c>cudaGraphicsResourceGetMappedEglFrame</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphicsResourceGetMappedEglFrame();

    /// <summary><c>cudaGraphicsResourceGetMappedMipmappedArray</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphicsResourceGetMappedMipmappedArray();

    /// <summary><c>cudaGraphicsResourceGetMappedPointer</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphicsResourceGetMappedPointer();

    /// <summary><c>cudaGraphicsResourceSetMapFlags</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphicsResourceSetMapFlags();

    /// <summary><c>cudaGraphicsSubResourceGetMappedArray</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphicsSubResourceGetMappedArray();

    /// <summary><c>cudaGraphicsUnmapResources</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphicsUnmapResources();

    /// <summary><c>cudaGraphicsUnregisterResource</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphicsUnregisterResource();

    /// <summary><c>cudaGraphicsVDPAURegisterOutputSurface</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphicsVDPAURegisterOutputSurface();

    /// <summary><c>cudaGraphicsVDPAURegisterVideoSurface</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaGraphicsVDPAURegisterVideoSurface();

    /// <summary><c>cudaVDPAUGetDevice</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaVDPAUGetDevice();

    /// <summary><c>cudaVDPAUSetVDPAUDevice</c>: graphics interop are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaVDPAUSetVDPAUDevice();

    // ---- Mapped host memory ------------------------------------------------------------------------------------------

    /// <summary><c>cudaHostGetDevicePointer</c>: mapped host memory are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaHostGetDevicePointer();

    // ---- Interprocess handles ----------------------------------------------------------------------------------------

    /// <summary><c>cudaIpcCloseMemHandle</c>: interprocess handles are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaIpcCloseMemHandle();

    /// <summary><c>cudaIpcGetEventHandle</c>: interprocess handles are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaIpcGetEventHandle();

    /// <summary><c>cudaIpcGetMemHandle</c>: interprocess handles are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaIpcGetMemHandle();

    /// <summary><c>cudaIpcOpenEventHandle</c>: interprocess handles are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaIpcOpenEventHandle();

    /// <summary><c>cudaIpcOpenMemHandle</c>: interprocess handles are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaIpcOpenMemHandle();

    // ---- Stream and kernel attributes, clusters ----------------------------------------------------------------------

    /// <summary><c>cudaKernelSetAttributeForDevice</c>: stream and kernel attributes, clusters are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaKernelSetAttributeForDevice();

    /// <summary><c>cudaOccupancyMaxActiveClusters</c>: stream and kernel attributes, clusters are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaOccupancyMaxActiveClusters();

    /// <summary><c>cudaOccupancyMaxPotentialClusterSize</c>: stream and kernel attributes, clusters are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaOccupancyMaxPotentialClusterSize();

    /// <summary><c>cudaStreamCopyAttributes</c>: stream and kernel attributes, clusters are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaStreamCopyAttributes_ptsz")]
    public static partial int cudaStreamCopyAttributes();

    /// <summary><c>cudaStreamGetAttribute</c>: stream and kernel attributes, clusters are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaStreamGetAttribute_ptsz")]
    public static partial int cudaStreamGetAttribute();

    /// <summary><c>cudaStreamSetAttribute</c>: stream and kernel attributes, clusters are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaStreamSetAttribute_ptsz")]
    public static partial int cudaStreamSetAttribute();

    // ---- Libraries ---------------------------------------------------------------------------------------------------

    /// <summary><c>cudaLibraryEnumerateKernels</c>: libraries are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaLibraryEnumerateKernels();

    /// <summary><c>cudaLibraryGetGlobal</c>: libraries are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaLibraryGetGlobal();

    /// <summary><c>cudaLibraryGetKernel</c>: libraries are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaLibraryGetKernel();

    /// <summary><c>cudaLibraryGetKernelCount</c>: libraries are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaLibraryGetKernelCount();

    /// <summary><c>cudaLibraryGetManaged</c>: libraries are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaLibraryGetManaged();

    /// <summary><c>cudaLibraryGetUnifiedFunction</c>: libraries are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaLibraryGetUnifiedFunction();

    /// <summary><c>cudaLibraryLoadData</c>: libraries are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaLibraryLoadData();

    /// <summary><c>cudaLibraryLoadFromFile</c>: libraries are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaLibraryLoadFromFile();

    /// <summary><c>cudaLibraryUnload</c>: libraries are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaLibraryUnload();

    // ---- Logs --------------------------------------------------------------------------------------------------------

    /// <summary><c>cudaLogsCurrent</c>: logs are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaLogsCurrent();

    /// <summary><c>cudaLogsDumpToFile</c>: logs are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaLogsDumpToFile();

    /// <summary><c>cudaLogsDumpToMemory</c>: logs are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaLogsDumpToMemory();

    /// <summary><c>cudaLogsRegisterCallback</c>: logs are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaLogsRegisterCallback();

    /// <summary><c>cudaLogsUnregisterCallback</c>: logs are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaLogsUnregisterCallback();

    // ---- 3D and batched copies ---------------------------------------------------------------------------------------

    /// <summary><c>cudaMalloc3D</c>: 3D and batched copies are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMalloc3D();

    /// <summary><c>cudaMemcpy3D</c>: 3D and batched copies are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpy3D_ptds")]
    public static partial int cudaMemcpy3D();

    /// <summary><c>cudaMemcpy3DAsync</c>: 3D and batched copies are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpy3DAsync_ptsz")]
    public static partial int cudaMemcpy3DAsync();

    /// <summary><c>cudaMemcpy3DBatchAsync</c>: 3D and batched copies are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpy3DBatchAsync_ptsz")]
    public static partial int cudaMemcpy3DBatchAsync();

    /// <summary><c>cudaMemcpy3DPeer</c>: 3D and batched copies are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpy3DPeer_ptds")]
    public static partial int cudaMemcpy3DPeer();

    /// <summary><c>cudaMemcpy3DPeerAsync</c>: 3D and batched copies are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpy3DPeerAsync_ptsz")]
    public static partial int cudaMemcpy3DPeerAsync();

    /// <summary><c>cudaMemcpyBatchAsync</c>: 3D and batched copies are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemcpyBatchAsync_ptsz")]
    public static partial int cudaMemcpyBatchAsync();

    /// <summary><c>cudaMemset3D</c>: 3D and batched copies are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemset3D_ptds")]
    public static partial int cudaMemset3D();

    /// <summary><c>cudaMemset3DAsync</c>: 3D and batched copies are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemset3DAsync_ptsz")]
    public static partial int cudaMemset3DAsync();

    // ---- Managed memory ----------------------------------------------------------------------------------------------

    /// <summary><c>cudaMallocManaged</c>: managed memory are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMallocManaged();

    /// <summary><c>cudaMemAdvise</c>: managed memory are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMemAdvise();

    /// <summary><c>cudaMemDiscardAndPrefetchBatchAsync</c>: managed memory are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemDiscardAndPrefetchBatchAsync_ptsz")]
    public static partial int cudaMemDiscardAndPrefetchBatchAsync();

    /// <summary><c>cudaMemDiscardBatchAsync</c>: managed memory are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemDiscardBatchAsync_ptsz")]
    public static partial int cudaMemDiscardBatchAsync();

    /// <summary><c>cudaMemPrefetchAsync</c>: managed memory are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemPrefetchAsync_ptsz")]
    public static partial int cudaMemPrefetchAsync();

    /// <summary><c>cudaMemPrefetchBatchAsync</c>: managed memory are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaMemPrefetchBatchAsync_ptsz")]
    public static partial int cudaMemPrefetchBatchAsync();

    /// <summary><c>cudaMemRangeGetAttribute</c>: managed memory are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMemRangeGetAttribute();

    /// <summary><c>cudaMemRangeGetAttributes</c>: managed memory are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaMemRangeGetAttributes();

    /// <summary><c>cudaStreamAttachMemAsync</c>: managed memory are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaStreamAttachMemAsync_ptsz")]
    public static partial int cudaStreamAttachMemAsync();

    // ---- Stream capture ----------------------------------------------------------------------------------------------

    /// <summary><c>cudaStreamBeginCapture</c>: stream capture are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaStreamBeginCapture_ptsz")]
    public static partial int cudaStreamBeginCapture();

    /// <summary><c>cudaStreamBeginCaptureToGraph</c>: stream capture are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaStreamBeginCaptureToGraph_ptsz")]
    public static partial int cudaStreamBeginCaptureToGraph();

    /// <summary><c>cudaStreamEndCapture</c>: stream capture are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaStreamEndCapture_ptsz")]
    public static partial int cudaStreamEndCapture();

    /// <summary><c>cudaStreamGetCaptureInfo</c>: stream capture are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaStreamGetCaptureInfo_ptsz")]
    public static partial int cudaStreamGetCaptureInfo();

    /// <summary><c>cudaStreamUpdateCaptureDependencies</c>: stream capture are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    [Variant("cudaStreamUpdateCaptureDependencies_ptsz")]
    public static partial int cudaStreamUpdateCaptureDependencies();

    /// <summary><c>cudaThreadExchangeStreamCaptureMode</c>: stream capture are not remoted.</summary>
    [NotRemoted(ErrorNotSupported)]
    [SymbolVersion(Node)]
    public static partial int cudaThreadExchangeStreamCaptureMode();
}
