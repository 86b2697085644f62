// Spec of the CUDA driver API, continued: stream capture, graphs and user objects (cuda.h, CUDA 13.0). Graphs, their
// nodes and executable graphs are worker objects named by wire id; node arrays travel as arrays of ids. A node dies with
// its graph, so only graphs and executable graphs are released when a guest goes.
using Ava.Spec;

namespace Ava.Cuda;

/// <summary>The CUDA driver API, continued (see Cuda.cs).</summary>
public static unsafe partial class Cuda
{
    /// <summary><c>CUresult cuDeviceGetGraphMemAttribute(CUdevice device, CUgraphMem_attribute attr, void *value);</c> Every graph memory attribute is a cuuint64_t.</summary>
    public static partial int cuDeviceGetGraphMemAttribute(int device, int attr, [Out] ulong* value);

    /// <summary><c>CUresult cuDeviceGraphMemTrim(CUdevice device);</c></summary>
    public static partial int cuDeviceGraphMemTrim(int device);

    /// <summary><c>CUresult cuDeviceSetGraphMemAttribute(CUdevice device, CUgraphMem_attribute attr, void *value);</c> Every graph memory attribute is a cuuint64_t.</summary>
    public static partial int cuDeviceSetGraphMemAttribute(int device, int attr, [In] ulong* value);

    /// <summary><c>CUresult cuGraphAddChildGraphNode(CUgraphNode *phGraphNode, CUgraph hGraph, const CUgraphNode *dependencies, size_t numDependencies, CUgraph childGraph);</c></summary>
    public static partial int cuGraphAddChildGraphNode([Out] CUgraphNode* phGraphNode, CUgraph hGraph, [In, Buffer("numDependencies", NullWithCount = NullNodeList)] CUgraphNode* dependencies, nuint numDependencies, CUgraph childGraph);

    /// <summary><c>CUresult cuGraphAddDependencies(CUgraph hGraph, CUgraphNode* from, CUgraphNode* to, nuint numDependencies);</c></summary>
    public static partial int cuGraphAddDependencies(CUgraph hGraph, [In, Buffer("numDependencies", NullWithCount = NullNodeList)] CUgraphNode* from, [In, Buffer("numDependencies", NullWithCount = NullNodeList)] CUgraphNode* to, nuint numDependencies);

    /// <summary><c>CUresult cuGraphAddDependencies_v2(CUgraph hGraph, const CUgraphNode *from, const CUgraphNode *to, const CUgraphEdgeData *edgeData, size_t numDependencies);</c></summary>
    public static partial int cuGraphAddDependencies_v2(CUgraph hGraph, [In, Buffer("numDependencies", NullWithCount = NullNodeList)] CUgraphNode* from, [In, Buffer("numDependencies", NullWithCount = NullNodeList)] CUgraphNode* to, [In, Buffer("numDependencies", ElementSize = 8)] void* edgeData, nuint numDependencies);

    /// <summary><c>CUresult cuGraphAddEmptyNode(CUgraphNode *phGraphNode, CUgraph hGraph, const CUgraphNode *dependencies, size_t numDependencies);</c></summary>
    public static partial int cuGraphAddEmptyNode([Out] CUgraphNode* phGraphNode, CUgraph hGraph, [In, Buffer("numDependencies", NullWithCount = NullNodeList)] CUgraphNode* dependencies, nuint numDependencies);

    /// <summary><c>CUresult cuGraphAddEventRecordNode(CUgraphNode *phGraphNode, CUgraph hGraph, const CUgraphNode *dependencies, size_t numDependencies, CUevent event);</c></summary>
    public static partial int cuGraphAddEventRecordNode([Out] CUgraphNode* phGraphNode, CUgraph hGraph, [In, Buffer("numDependencies", NullWithCount = NullNodeList)] CUgraphNode* dependencies, nuint numDependencies, CUevent @event);

    /// <summary><c>CUresult cuGraphAddEventWaitNode(CUgraphNode *phGraphNode, CUgraph hGraph, const CUgraphNode *dependencies, size_t numDependencies, CUevent event);</c></summary>
    public static partial int cuGraphAddEventWaitNode([Out] CUgraphNode* phGraphNode, CUgraph hGraph, [In, Buffer("numDependencies", NullWithCount = NullNodeList)] CUgraphNode* dependencies, nuint numDependencies, CUevent @event);

    /// <summary><c>CUresult cuGraphAddMemFreeNode(CUgraphNode *phGraphNode, CUgraph hGraph, const CUgraphNode *dependencies, size_t numDependencies, CUdeviceptr dptr);</c></summary>
    public static partial int cuGraphAddMemFreeNode([Out] CUgraphNode* phGraphNode, CUgraph hGraph, [In, Buffer("numDependencies", NullWithCount = NullNodeList)] CUgraphNode* dependencies, nuint numDependencies, CUdeviceptr dptr);

    /// <summary><c>CUresult cuGraphAddMemcpyNode(CUgraphNode *phGraphNode, CUgraph hGraph, const CUgraphNode *dependencies, size_t numDependencies, const CUDA_MEMCPY3D *copyParams, CUcontext ctx);</c> Device memory only: host pointers in the record would be the worker's memory.</summary>
    [WorkerHook(Before = "CheckDeviceOnly(copyParams)")]
    public static partial int cuGraphAddMemcpyNode([Out] CUgraphNode* phGraphNode, CUgraph hGraph, [In, Buffer("numDependencies", NullWithCount = NullNodeList)] CUgraphNode* dependencies, nuint numDependencies, [In] CUDA_MEMCPY3D* copyParams, CUcontext ctx);

    /// <summary><c>CUresult cuGraphAddMemsetNode(CUgraphNode *phGraphNode, CUgraph hGraph, const CUgraphNode *dependencies, size_t numDependencies, const CUDA_MEMSET_NODE_PARAMS *memsetParams, CUcontext ctx);</c> CUDA_MEMSET_NODE_PARAMS holds a device address and sizes only.</summary>
    public static partial int cuGraphAddMemsetNode([Out] CUgraphNode* phGraphNode, CUgraph hGraph, [In, Buffer("numDependencies", NullWithCount = NullNodeList)] CUgraphNode* dependencies, nuint numDependencies, [In, Buffer("1", ElementSize = 40)] void* memsetParams, CUcontext ctx);

    /// <summary><c>CUresult cuGraphChildGraphNodeGetGraph(CUgraphNode hNode, CUgraph *phGraph);</c></summary>
    public static partial int cuGraphChildGraphNodeGetGraph(CUgraphNode hNode, [Out] CUgraph* phGraph);

    /// <summary><c>CUresult cuGraphClone(CUgraph *phGraphClone, CUgraph originalGraph);</c></summary>
    public static partial int cuGraphClone([Out, Allocates] CUgraph* phGraphClone, CUgraph originalGraph);

    /// <summary><c>CUresult cuGraphConditionalHandleCreate(CUgraphConditionalHandle *pHandle_out, CUgraph hGraph, CUcontext ctx, unsigned int defaultLaunchValue, unsigned int flags);</c> The handle is a value kernels receive: it passes as it is.</summary>
    public static partial int cuGraphConditionalHandleCreate([Out] ulong* pHandle_out, CUgraph hGraph, CUcontext ctx, uint defaultLaunchValue, uint flags);

    /// <summary><c>CUresult cuGraphCreate(CUgraph *phGraph, unsigned int flags);</c></summary>
    public static partial int cuGraphCreate([Out, Allocates] CUgraph* phGraph, uint flags);

    /// <summary><c>CUresult cuGraphDestroyNode(CUgraphNode hNode);</c></summary>
    public static partial int cuGraphDestroyNode(CUgraphNode hNode);

    /// <summary><c>CUresult cuGraphEventRecordNodeGetEvent(CUgraphNode hNode, CUevent *event_out);</c></summary>
    public static partial int cuGraphEventRecordNodeGetEvent(CUgraphNode hNode, [Out] CUevent* event_out);

    /// <summary><c>CUresult cuGraphEventRecordNodeSetEvent(CUgraphNode hNode, CUevent event);</c></summary>
    public static partial int cuGraphEventRecordNodeSetEvent(CUgraphNode hNode, CUevent @event);

    /// <summary><c>CUresult cuGraphEventWaitNodeGetEvent(CUgraphNode hNode, CUevent *event_out);</c></summary>
    public static partial int cuGraphEventWaitNodeGetEvent(CUgraphNode hNode, [Out] CUevent* event_out);

    /// <summary><c>CUresult cuGraphEventWaitNodeSetEvent(CUgraphNode hNode, CUevent event);</c></summary>
    public static partial int cuGraphEventWaitNodeSetEvent(CUgraphNode hNode, CUevent @event);

    /// <summary><c>CUresult cuGraphExecChildGraphNodeSetParams(CUgraphExec hGraphExec, CUgraphNode hNode, CUgraph childGraph);</c></summary>
    public static partial int cuGraphExecChildGraphNodeSetParams(CUgraphExec hGraphExec, CUgraphNode hNode, CUgraph childGraph);

    /// <summary><c>CUresult cuGraphExecEventRecordNodeSetEvent(CUgraphExec hGraphExec, CUgraphNode hNode, CUevent event);</c></summary>
    public static partial int cuGraphExecEventRecordNodeSetEvent(CUgraphExec hGraphExec, CUgraphNode hNode, CUevent @event);

    /// <summary><c>CUresult cuGraphExecEventWaitNodeSetEvent(CUgraphExec hGraphExec, CUgraphNode hNode, CUevent event);</c></summary>
    public static partial int cuGraphExecEventWaitNodeSetEvent(CUgraphExec hGraphExec, CUgraphNode hNode, CUevent @event);

    /// <summary><c>CUresult cuGraphExecGetFlags(CUgraphExec hGraphExec, cuuint64_t *flags);</c></summary>
    public static partial int cuGraphExecGetFlags(CUgraphExec hGraphExec, [Out] ulong* flags);

    /// <summary><c>CUresult cuGraphExecMemcpyNodeSetParams(CUgraphExec hGraphExec, CUgraphNode hNode, const CUDA_MEMCPY3D *copyParams, CUcontext ctx);</c> Device memory only.</summary>
    [WorkerHook(Before = "CheckDeviceOnly(copyParams)")]
    public static partial int cuGraphExecMemcpyNodeSetParams(CUgraphExec hGraphExec, CUgraphNode hNode, [In] CUDA_MEMCPY3D* copyParams, CUcontext ctx);

    /// <summary><c>CUresult cuGraphExecMemsetNodeSetParams(CUgraphExec hGraphExec, CUgraphNode hNode, const CUDA_MEMSET_NODE_PARAMS *memsetParams, CUcontext ctx);</c></summary>
    public static partial int cuGraphExecMemsetNodeSetParams(CUgraphExec hGraphExec, CUgraphNode hNode, [In, Buffer("1", ElementSize = 40)] void* memsetParams, CUcontext ctx);

    /// <summary><c>CUresult cuGraphExecUpdate(CUgraphExec hGraphExec, CUgraph hGraph, CUgraphNode* hErrorNode_out, int* updateResult_out);</c> The CUDA 11 form.</summary>
    public static partial int cuGraphExecUpdate(CUgraphExec hGraphExec, CUgraph hGraph, [Out] CUgraphNode* hErrorNode_out, [Out] int* updateResult_out);

    /// <summary><c>CUresult cuGraphExecUpdate_v2(CUgraphExec hGraphExec, CUgraph hGraph, CUgraphExecUpdateResultInfo *resultInfo);</c> The nodes in the result go back as wire ids.</summary>
    [WorkerHook(After = "After_cuGraphExecUpdate_v2")]
    public static partial int cuGraphExecUpdate_v2(CUgraphExec hGraphExec, CUgraph hGraph, [Out] CUgraphExecUpdateResultInfo* resultInfo);

    /// <summary><c>CUresult cuGraphGetEdges(CUgraph hGraph, CUgraphNode* from, CUgraphNode* to, nuint* numEdges);</c></summary>
    public static partial int cuGraphGetEdges(CUgraph hGraph, [Out, Buffer("*numEdges")] CUgraphNode* from, [Out, Buffer("*numEdges")] CUgraphNode* to, [InOut] nuint* numEdges);

    /// <summary><c>CUresult cuGraphGetEdges_v2(CUgraph hGraph, CUgraphNode *from, CUgraphNode *to, CUgraphEdgeData *edgeData, size_t *numEdges);</c></summary>
    public static partial int cuGraphGetEdges_v2(CUgraph hGraph, [Out, Buffer("*numEdges")] CUgraphNode* from, [Out, Buffer("*numEdges")] CUgraphNode* to, [Out, Buffer("*numEdges", ElementSize = 8)] void* edgeData, [InOut] nuint* numEdges);

    /// <summary><c>CUresult cuGraphGetRootNodes(CUgraph hGraph, CUgraphNode *rootNodes, size_t *numRootNodes);</c></summary>
    public static partial int cuGraphGetRootNodes(CUgraph hGraph, [Out, Buffer("*numRootNodes")] CUgraphNode* rootNodes, [InOut] nuint* numRootNodes);

    /// <summary><c>CUresult cuGraphInstantiateWithFlags(CUgraphExec *phGraphExec, CUgraph hGraph, unsigned long long flags);</c></summary>
    public static partial int cuGraphInstantiateWithFlags([Out, Allocates] CUgraphExec* phGraphExec, CUgraph hGraph, ulong flags);

    /// <summary><c>CUresult cuGraphInstantiateWithParams(CUgraphExec *phGraphExec, CUgraph hGraph, CUDA_GRAPH_INSTANTIATE_PARAMS *instantiateParams);</c> The upload stream and the error node inside the parameters are translated.</summary>
    [WorkerHook(Before = "Before_cuGraphInstantiateWithParams", After = "After_cuGraphInstantiateWithParams")]
    [Variant("cuGraphInstantiateWithParams_ptsz")]
    public static partial int cuGraphInstantiateWithParams([Out, Allocates] CUgraphExec* phGraphExec, CUgraph hGraph, [InOut] CUDA_GRAPH_INSTANTIATE_PARAMS* instantiateParams);

    /// <summary><c>CUresult cuGraphInstantiate_v2(CUgraphExec* phGraphExec, CUgraph hGraph, CUgraphNode* phErrorNode, sbyte* logBuffer, nuint bufferSize);</c> The CUDA 11 form.</summary>
    public static partial int cuGraphInstantiate_v2([Out, Allocates] CUgraphExec* phGraphExec, CUgraph hGraph, [Out] CUgraphNode* phErrorNode, [Out, Buffer("bufferSize")] sbyte* logBuffer, nuint bufferSize);

    /// <summary><c>CUresult cuGraphKernelNodeCopyAttributes(CUgraphNode dst, CUgraphNode src);</c></summary>
    public static partial int cuGraphKernelNodeCopyAttributes(CUgraphNode dst, CUgraphNode src);

    /// <summary><c>CUresult cuGraphKernelNodeGetAttribute(CUgraphNode hNode, CUkernelNodeAttrID attr, CUkernelNodeAttrValue *value_out);</c> CUkernelNodeAttrValue is a 64-byte union; an event in it goes back as a wire id.</summary>
    [WorkerHook(After = "After_cuGraphKernelNodeGetAttribute")]
    public static partial int cuGraphKernelNodeGetAttribute(CUgraphNode hNode, int attr, [Out, Buffer("1", ElementSize = 64)] void* value_out);

    /// <summary><c>CUresult cuGraphKernelNodeSetAttribute(CUgraphNode hNode, CUkernelNodeAttrID attr, const CUkernelNodeAttrValue *value);</c> CUkernelNodeAttrValue is a 64-byte union; an event in it is translated.</summary>
    [WorkerHook(Before = "Before_cuGraphKernelNodeSetAttribute")]
    public static partial int cuGraphKernelNodeSetAttribute(CUgraphNode hNode, int attr, [In, Buffer("1", ElementSize = 64)] void* value);

    /// <summary><c>CUresult cuGraphMemFreeNodeGetParams(CUgraphNode hNode, CUdeviceptr *dptr_out);</c></summary>
    public static partial int cuGraphMemFreeNodeGetParams(CUgraphNode hNode, [Out] CUdeviceptr* dptr_out);

    /// <summary><c>CUresult cuGraphMemcpyNodeGetParams(CUgraphNode hNode, CUDA_MEMCPY3D *nodeParams);</c></summary>
    public static partial int cuGraphMemcpyNodeGetParams(CUgraphNode hNode, [Out] CUDA_MEMCPY3D* nodeParams);

    /// <summary><c>CUresult cuGraphMemcpyNodeSetParams(CUgraphNode hNode, const CUDA_MEMCPY3D *nodeParams);</c> Device memory only.</summary>
    [WorkerHook(Before = "CheckDeviceOnly(nodeParams)")]
    public static partial int cuGraphMemcpyNodeSetParams(CUgraphNode hNode, [In] CUDA_MEMCPY3D* nodeParams);

    /// <summary><c>CUresult cuGraphMemsetNodeGetParams(CUgraphNode hNode, CUDA_MEMSET_NODE_PARAMS *nodeParams);</c></summary>
    public static partial int cuGraphMemsetNodeGetParams(CUgraphNode hNode, [Out, Buffer("1", ElementSize = 40)] void* nodeParams);

    /// <summary><c>CUresult cuGraphMemsetNodeSetParams(CUgraphNode hNode, const CUDA_MEMSET_NODE_PARAMS *nodeParams);</c></summary>
    public static partial int cuGraphMemsetNodeSetParams(CUgraphNode hNode, [In, Buffer("1", ElementSize = 40)] void* nodeParams);

    /// <summary><c>CUresult cuGraphNodeFindInClone(CUgraphNode *phNode, CUgraphNode hOriginalNode, CUgraph hClonedGraph);</c></summary>
    public static partial int cuGraphNodeFindInClone([Out] CUgraphNode* phNode, CUgraphNode hOriginalNode, CUgraph hClonedGraph);

    /// <summary><c>CUresult cuGraphNodeGetDependencies(CUgraphNode hNode, CUgraphNode* dependencies, nuint* numDependencies);</c></summary>
    public static partial int cuGraphNodeGetDependencies(CUgraphNode hNode, [Out, Buffer("*numDependencies")] CUgraphNode* dependencies, [InOut] nuint* numDependencies);

    /// <summary><c>CUresult cuGraphNodeGetDependencies_v2(CUgraphNode hNode, CUgraphNode *dependencies, CUgraphEdgeData *edgeData, size_t *numDependencies);</c></summary>
    public static partial int cuGraphNodeGetDependencies_v2(CUgraphNode hNode, [Out, Buffer("*numDependencies")] CUgraphNode* dependencies, [Out, Buffer("*numDependencies", ElementSize = 8)] void* edgeData, [InOut] nuint* numDependencies);

    /// <summary><c>CUresult cuGraphNodeGetDependentNodes(CUgraphNode hNode, CUgraphNode* dependentNodes, nuint* numDependentNodes);</c></summary>
    public static partial int cuGraphNodeGetDependentNodes(CUgraphNode hNode, [Out, Buffer("*numDependentNodes")] CUgraphNode* dependentNodes, [InOut] nuint* numDependentNodes);

    /// <summary><c>CUresult cuGraphNodeGetDependentNodes_v2(CUgraphNode hNode, CUgraphNode *dependentNodes, CUgraphEdgeData *edgeData, size_t *numDependentNodes);</c></summary>
    public static partial int cuGraphNodeGetDependentNodes_v2(CUgraphNode hNode, [Out, Buffer("*numDependentNodes")] CUgraphNode* dependentNodes, [Out, Buffer("*numDependentNodes", ElementSize = 8)] void* edgeData, [InOut] nuint* numDependentNodes);

    /// <summary><c>CUresult cuGraphNodeGetEnabled(CUgraphExec hGraphExec, CUgraphNode hNode, unsigned int *isEnabled);</c></summary>
    public static partial int cuGraphNodeGetEnabled(CUgraphExec hGraphExec, CUgraphNode hNode, [Out] uint* isEnabled);

    /// <summary><c>CUresult cuGraphNodeSetEnabled(CUgraphExec hGraphExec, CUgraphNode hNode, unsigned int isEnabled);</c></summary>
    public static partial int cuGraphNodeSetEnabled(CUgraphExec hGraphExec, CUgraphNode hNode, uint isEnabled);

    /// <summary><c>CUresult cuGraphReleaseUserObject(CUgraph graph, CUuserObject object, unsigned int count);</c></summary>
    public static partial int cuGraphReleaseUserObject(CUgraph graph, CUuserObject @object, uint count);

    /// <summary><c>CUresult cuGraphRemoveDependencies(CUgraph hGraph, CUgraphNode* from, CUgraphNode* to, nuint numDependencies);</c></summary>
    public static partial int cuGraphRemoveDependencies(CUgraph hGraph, [In, Buffer("numDependencies", NullWithCount = NullNodeList)] CUgraphNode* from, [In, Buffer("numDependencies", NullWithCount = NullNodeList)] CUgraphNode* to, nuint numDependencies);

    /// <summary><c>CUresult cuGraphRemoveDependencies_v2(CUgraph hGraph, const CUgraphNode *from, const CUgraphNode *to, const CUgraphEdgeData *edgeData, size_t numDependencies);</c></summary>
    public static partial int cuGraphRemoveDependencies_v2(CUgraph hGraph, [In, Buffer("numDependencies", NullWithCount = NullNodeList)] CUgraphNode* from, [In, Buffer("numDependencies", NullWithCount = NullNodeList)] CUgraphNode* to, [In, Buffer("numDependencies", ElementSize = 8)] void* edgeData, nuint numDependencies);

    /// <summary><c>CUresult cuGraphRetainUserObject(CUgraph graph, CUuserObject object, unsigned int count, unsigned int flags);</c></summary>
    public static partial int cuGraphRetainUserObject(CUgraph graph, CUuserObject @object, uint count, uint flags);

    /// <summary><c>CUresult cuGraphUpload(CUgraphExec hGraphExec, CUstream hStream);</c></summary>
    [Async(Success = 0)]
    [Variant("cuGraphUpload_ptsz")]
    public static partial int cuGraphUpload(CUgraphExec hGraphExec, CUstream hStream);

    /// <summary><c>CUresult cuStreamBeginCapture(CUstream hStream);</c> The first form (CUDA 10.0), global capture mode.</summary>
    [Variant("cuStreamBeginCapture_ptsz")]
    public static partial int cuStreamBeginCapture(CUstream hStream);

    /// <summary><c>CUresult cuStreamBeginCaptureToGraph(CUstream hStream, CUgraph hGraph, const CUgraphNode *dependencies, const CUgraphEdgeData *dependencyData, size_t numDependencies, CUstreamCaptureMode mode);</c></summary>
    [Variant("cuStreamBeginCaptureToGraph_ptsz")]
    public static partial int cuStreamBeginCaptureToGraph(CUstream hStream, CUgraph hGraph, [In, Buffer("numDependencies", NullWithCount = NullNodeList)] CUgraphNode* dependencies, [In, Buffer("numDependencies", ElementSize = 8)] void* dependencyData, nuint numDependencies, int mode);

    /// <summary><c>CUresult cuStreamUpdateCaptureDependencies(CUstream hStream, CUgraphNode* dependencies, nuint numDependencies, uint flags);</c></summary>
    [Variant("cuStreamUpdateCaptureDependencies_ptsz")]
    public static partial int cuStreamUpdateCaptureDependencies(CUstream hStream, [In, Buffer("numDependencies", NullWithCount = NullNodeList)] CUgraphNode* dependencies, nuint numDependencies, uint flags);

    /// <summary><c>CUresult cuStreamUpdateCaptureDependencies_v2(CUstream hStream, CUgraphNode *dependencies, const CUgraphEdgeData *dependencyData, size_t numDependencies, unsigned int flags);</c></summary>
    [Variant("cuStreamUpdateCaptureDependencies_v2_ptsz")]
    public static partial int cuStreamUpdateCaptureDependencies_v2(CUstream hStream, [In, Buffer("numDependencies", NullWithCount = NullNodeList)] CUgraphNode* dependencies, [In, Buffer("numDependencies", ElementSize = 8)] void* dependencyData, nuint numDependencies, uint flags);

    /// <summary><c>CUresult cuUserObjectCreate(CUuserObject *object_out, void *ptr, CUhostFn destroy, unsigned int initialRefcount, unsigned int flags);</c> The destructor runs in the guest, with the guest's ptr, when the driver drops the last reference.</summary>
    public static partial int cuUserObjectCreate([Out] CUuserObject* object_out, [UserData] void* ptr, [Callback("ptr", Persistent = true)] delegate* unmanaged<void*, void> destroy, uint initialRefcount, uint flags);

    /// <summary><c>CUresult cuUserObjectRelease(CUuserObject object, unsigned int count);</c></summary>
    public static partial int cuUserObjectRelease(CUuserObject @object, uint count);

    /// <summary><c>CUresult cuUserObjectRetain(CUuserObject object, unsigned int count);</c></summary>
    public static partial int cuUserObjectRetain(CUuserObject @object, uint count);

    /// <summary><c>CUresult cuStreamBeginCapture_v2(CUstream hStream, CUstreamCaptureMode mode);</c></summary>
    [Variant("cuStreamBeginCapture_v2_ptsz")]
    public static partial int cuStreamBeginCapture_v2(CUstream hStream, int mode);

    /// <summary><c>CUresult cuStreamEndCapture(CUstream hStream, CUgraph *phGraph);</c> The graph the capture made (also when the capture was invalidated, as the driver answers).</summary>
    [Variant("cuStreamEndCapture_ptsz")]
    public static partial int cuStreamEndCapture(CUstream hStream, [Out, Allocates] CUgraph* phGraph);

    /// <summary><c>CUresult cuGraphInstantiate(CUgraphExec* phGraphExec, CUgraph hGraph, CUgraphNode* phErrorNode, sbyte* logBuffer, nuint bufferSize);</c> The CUDA 10/11 form (cuda.h 12 maps the name to cuGraphInstantiateWithFlags).</summary>
    public static partial int cuGraphInstantiate([Out, Allocates] CUgraphExec* phGraphExec, CUgraph hGraph, [Out] CUgraphNode* phErrorNode, [Out, Buffer("bufferSize")] sbyte* logBuffer, nuint bufferSize);

    /// <summary><c>CUresult cuGraphLaunch(CUgraphExec hGraphExec, CUstream hStream);</c></summary>
    [Async(Success = 0)]
    [Variant("cuGraphLaunch_ptsz")]
    public static partial int cuGraphLaunch(CUgraphExec hGraphExec, CUstream hStream);

    /// <summary><c>CUresult cuGraphDestroy(CUgraph hGraph);</c></summary>
    public static partial int cuGraphDestroy([Deallocates] CUgraph hGraph);

    /// <summary><c>CUresult cuGraphExecDestroy(CUgraphExec hGraphExec);</c></summary>
    public static partial int cuGraphExecDestroy([Deallocates] CUgraphExec hGraphExec);

    /// <summary><c>CUresult cuGraphGetNodes(CUgraph hGraph, CUgraphNode *nodes, size_t *numNodes);</c> With nodes NULL, *numNodes is the count; otherwise at most *numNodes come back.</summary>
    public static partial int cuGraphGetNodes(CUgraph hGraph, [Out, Buffer("*numNodes")] CUgraphNode* nodes, [InOut] nuint* numNodes);

    /// <summary><c>CUresult cuGraphNodeGetType(CUgraphNode hNode, CUgraphNodeType *type_);</c></summary>
    public static partial int cuGraphNodeGetType(CUgraphNode hNode, [Out] int* type);

    // ---- Capture status: the dependencies of a capture are an array the driver owns; the guest keeps its own copy ------

    /// <summary><c>CUresult cuStreamGetCaptureInfo(CUstream hStream, CUstreamCaptureStatus *captureStatus_out, cuuint64_t *id_out);</c> (CUDA 10.1) Answered through avaStreamGetCaptureInfo.</summary>
    [GuestOnly]
    [Variant("cuStreamGetCaptureInfo_ptsz")]
    public static partial int cuStreamGetCaptureInfo(CUstream hStream, [Out] int* captureStatus_out, [Out] ulong* id_out);

    /// <summary><c>CUresult cuStreamGetCaptureInfo_v2(CUstream hStream, CUstreamCaptureStatus *captureStatus_out, cuuint64_t *id_out, CUgraph *graph_out, const CUgraphNode **dependencies_out, size_t *numDependencies_out);</c> Answered through avaStreamGetCaptureInfo; the dependencies are the guest's copy, valid until the thread asks again.</summary>
    [GuestOnly]
    [Variant("cuStreamGetCaptureInfo_v2_ptsz")]
    public static partial int cuStreamGetCaptureInfo_v2(CUstream hStream, [Out] int* captureStatus_out, [Out] ulong* id_out, [Out] CUgraph* graph_out, [Out] nint* dependencies_out, [Out] nuint* numDependencies_out);

    /// <summary><c>CUresult cuStreamGetCaptureInfo_v3(CUstream hStream, CUstreamCaptureStatus *captureStatus_out, cuuint64_t *id_out, CUgraph *graph_out, const CUgraphNode **dependencies_out, const CUgraphEdgeData **edgeData_out, size_t *numDependencies_out);</c> As _v2, with the edge data.</summary>
    [GuestOnly]
    [Variant("cuStreamGetCaptureInfo_v3_ptsz")]
    public static partial int cuStreamGetCaptureInfo_v3(CUstream hStream, [Out] int* captureStatus_out, [Out] ulong* id_out, [Out] CUgraph* graph_out, [Out] nint* dependencies_out, [Out] nint* edgeData_out, [Out] nuint* numDependencies_out);

    /// <summary>Wire form of cuStreamGetCaptureInfo (form 1), _v2 (form 2) and _v3 (form 3): at most <c>capacity</c> dependencies (with form 3 their edge data) come back, and <c>count</c> says how many the capture has. Not exported; the worker calls the real form.</summary>
    [Manual(Side.Guest)]
    [Variant("avaStreamGetCaptureInfo_ptsz")]
    public static partial int avaStreamGetCaptureInfo(CUstream hStream, int form, [Out] int* captureStatus, [Out] ulong* id, [Out] CUgraph* graph, [Out, Buffer("capacity")] CUgraphNode* dependencies, [Out, Buffer("capacity", ElementSize = 8)] void* edgeData, nuint capacity, [Out] nuint* count);
}
