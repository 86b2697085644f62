// Types of the CUDA driver API (cuda.h, CUDA 12.x/13.0) that the spec's declarations use. Handles are pointers to
// incomplete types; CUdeviceptr is an address applications do arithmetic on, so it passes untranslated.
using Ava.Spec;

namespace Ava.Cuda;

/// <summary><c>typedef struct CUctx_st *CUcontext;</c></summary>
[HandleType(CName = "CUcontext")]
public struct CUcontext
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUmod_st *CUmodule;</c></summary>
[HandleType(CName = "CUmodule")]
public struct CUmodule
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUfunc_st *CUfunction;</c> cuda.h lets a CUkernel, cast to CUfunction, stand in for one
/// (the kernel's function in the current context): the CUDA runtime passes its kernels so to cuFuncGetAttribute,
/// cuFuncSetAttribute and the occupancy calls.</summary>
[HandleType(CName = "CUfunction", Accepts = new[] { typeof(CUkernel) })]
public struct CUfunction
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUlib_st *CUlibrary;</c></summary>
[HandleType(CName = "CUlibrary")]
public struct CUlibrary
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUkern_st *CUkernel;</c></summary>
[HandleType(CName = "CUkernel")]
public struct CUkernel
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUstream_st *CUstream;</c> CU_STREAM_LEGACY ((CUstream)0x1) and CU_STREAM_PER_THREAD
/// ((CUstream)0x2) are the default streams, not objects.</summary>
[HandleType(CName = "CUstream", Untranslated = new long[] { 1, 2 })]
public struct CUstream
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUevent_st *CUevent;</c></summary>
[HandleType(CName = "CUevent")]
public struct CUevent
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef unsigned long long CUdeviceptr;</c> (CUdeviceptr_v2) A device address, passed as it is.</summary>
[HandleType(CName = "CUdeviceptr", PassThrough = true)]
public struct CUdeviceptr
{
    /// <summary>The address.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUuuid_st { char bytes[16]; } CUuuid;</c></summary>
public unsafe struct CUuuid
{
    /// <summary>The UUID bytes.</summary>
    public fixed byte bytes[16];
}

/// <summary><c>typedef struct CUctxCreateParams_st { CUexecAffinityParam *execAffinityParams; int numExecAffinityParams;
/// CUctxCigParam *cigParams; } CUctxCreateParams;</c> (CUDA 12.5+)</summary>
public struct CUctxCreateParams
{
    /// <summary>Pointer to affinity parameters in the application's memory.</summary>
    public nint execAffinityParams;

    /// <summary>Number of affinity parameters.</summary>
    public int numExecAffinityParams;

    /// <summary>Pointer to CIG parameters in the application's memory.</summary>
    public nint cigParams;
}

/// <summary><c>typedef struct CUDA_MEMCPY2D_st {...} CUDA_MEMCPY2D;</c> (CUDA_MEMCPY2D_v2)</summary>
public struct CUDA_MEMCPY2D
{
    /// <summary>Source X in bytes.</summary>
    public nuint srcXInBytes;
    /// <summary>Source Y.</summary>
    public nuint srcY;
    /// <summary>CUmemorytype of the source.</summary>
    public int srcMemoryType;
    /// <summary>Source host pointer.</summary>
    public nint srcHost;
    /// <summary>Source device pointer.</summary>
    public ulong srcDevice;
    /// <summary>Source CUarray.</summary>
    public nint srcArray;
    /// <summary>Source pitch.</summary>
    public nuint srcPitch;
    /// <summary>Destination X in bytes.</summary>
    public nuint dstXInBytes;
    /// <summary>Destination Y.</summary>
    public nuint dstY;
    /// <summary>CUmemorytype of the destination.</summary>
    public int dstMemoryType;
    /// <summary>Destination host pointer.</summary>
    public nint dstHost;
    /// <summary>Destination device pointer.</summary>
    public ulong dstDevice;
    /// <summary>Destination CUarray.</summary>
    public nint dstArray;
    /// <summary>Destination pitch.</summary>
    public nuint dstPitch;
    /// <summary>Width of the copy in bytes.</summary>
    public nuint WidthInBytes;
    /// <summary>Rows.</summary>
    public nuint Height;
}

/// <summary><c>typedef struct CUDA_MEMCPY3D_st {...} CUDA_MEMCPY3D;</c> (CUDA_MEMCPY3D_v2)</summary>
public struct CUDA_MEMCPY3D
{
    /// <summary>Source X in bytes.</summary>
    public nuint srcXInBytes;
    /// <summary>Source Y.</summary>
    public nuint srcY;
    /// <summary>Source Z.</summary>
    public nuint srcZ;
    /// <summary>Source LOD.</summary>
    public nuint srcLOD;
    /// <summary>CUmemorytype of the source.</summary>
    public int srcMemoryType;
    /// <summary>Source host pointer.</summary>
    public nint srcHost;
    /// <summary>Source device pointer.</summary>
    public ulong srcDevice;
    /// <summary>Source CUarray.</summary>
    public nint srcArray;
    /// <summary>Reserved.</summary>
    public nint reserved0;
    /// <summary>Source pitch.</summary>
    public nuint srcPitch;
    /// <summary>Source height.</summary>
    public nuint srcHeight;
    /// <summary>Destination X in bytes.</summary>
    public nuint dstXInBytes;
    /// <summary>Destination Y.</summary>
    public nuint dstY;
    /// <summary>Destination Z.</summary>
    public nuint dstZ;
    /// <summary>Destination LOD.</summary>
    public nuint dstLOD;
    /// <summary>CUmemorytype of the destination.</summary>
    public int dstMemoryType;
    /// <summary>Destination host pointer.</summary>
    public nint dstHost;
    /// <summary>Destination device pointer.</summary>
    public ulong dstDevice;
    /// <summary>Destination CUarray.</summary>
    public nint dstArray;
    /// <summary>Reserved.</summary>
    public nint reserved1;
    /// <summary>Destination pitch.</summary>
    public nuint dstPitch;
    /// <summary>Destination height.</summary>
    public nuint dstHeight;
    /// <summary>Width of the copy in bytes.</summary>
    public nuint WidthInBytes;
    /// <summary>Rows.</summary>
    public nuint Height;
    /// <summary>Slices.</summary>
    public nuint Depth;
}

/// <summary><c>typedef struct CUlaunchAttribute_st { CUlaunchAttributeID id; char pad[4]; CUlaunchAttributeValue value; }</c>
/// (the value is a 64-byte union).</summary>
public unsafe struct CUlaunchAttribute
{
    /// <summary>CUlaunchAttributeID.</summary>
    public int id;
    /// <summary>Padding.</summary>
    public int pad;
    /// <summary>The value union.</summary>
    public fixed byte value[64];
}

/// <summary><c>typedef struct CUlaunchConfig_st { unsigned int gridDimX, gridDimY, gridDimZ, blockDimX, blockDimY,
/// blockDimZ, sharedMemBytes; CUstream hStream; CUlaunchAttribute *attrs; unsigned int numAttrs; } CUlaunchConfig;</c></summary>
public struct CUlaunchConfig
{
    /// <summary>Grid X.</summary>
    public uint gridDimX;
    /// <summary>Grid Y.</summary>
    public uint gridDimY;
    /// <summary>Grid Z.</summary>
    public uint gridDimZ;
    /// <summary>Block X.</summary>
    public uint blockDimX;
    /// <summary>Block Y.</summary>
    public uint blockDimY;
    /// <summary>Block Z.</summary>
    public uint blockDimZ;
    /// <summary>Dynamic shared memory.</summary>
    public uint sharedMemBytes;
    /// <summary>The stream (a wire id on the guest side).</summary>
    public nint hStream;
    /// <summary>Attributes (in the application's memory).</summary>
    public nint attrs;
    /// <summary>Number of attributes.</summary>
    public uint numAttrs;
}

/// <summary><c>typedef struct CUgraph_st *CUgraph;</c></summary>
[HandleType(CName = "CUgraph")]
public struct CUgraph
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUgraphNode_st *CUgraphNode;</c> Nodes die with their graph: none is released on its own
/// when a guest goes, only the graphs that hold them.</summary>
[HandleType(CName = "CUgraphNode")]
public struct CUgraphNode
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUgraphExec_st *CUgraphExec;</c></summary>
[HandleType(CName = "CUgraphExec")]
public struct CUgraphExec
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUlinkState_st *CUlinkState;</c></summary>
[HandleType(CName = "CUlinkState")]
public struct CUlinkState
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary>
/// Not in cuda.h: page-locked host memory the guest allocated (cuMemAllocHost, cuMemHostAlloc) in a sealed memfd that
/// the worker maps at the same address and registers with the driver, so that kernels and copies reach the
/// application's own pages, as natively. The worker's value is that address.
/// </summary>
[HandleType(CName = "ava_shared_host")]
public struct AvaSharedHost
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUmemPoolHandle_st *CUmemoryPool;</c></summary>
[HandleType(CName = "CUmemoryPool")]
public struct CUmemoryPool
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef unsigned long long CUmemGenericAllocationHandle;</c> A value the driver hands out for physical
/// memory (cuMemCreate): translated like an object, so a guest names only its own.</summary>
[HandleType(CName = "CUmemGenericAllocationHandle")]
public struct CUmemGenericAllocationHandle
{
    /// <summary>The handle value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUarray_st *CUarray;</c></summary>
[HandleType(CName = "CUarray")]
public struct CUarray
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUmipmappedArray_st *CUmipmappedArray;</c></summary>
[HandleType(CName = "CUmipmappedArray")]
public struct CUmipmappedArray
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUtexref_st *CUtexref;</c></summary>
[HandleType(CName = "CUtexref")]
public struct CUtexref
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUsurfref_st *CUsurfref;</c></summary>
[HandleType(CName = "CUsurfref")]
public struct CUsurfref
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUuserObject_st *CUuserObject;</c></summary>
[HandleType(CName = "CUuserObject")]
public struct CUuserObject
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef unsigned long long CUtexObject;</c> (also CUsurfObject and CUgraphConditionalHandle) A value
/// kernels receive as a parameter: it passes as it is.</summary>
[HandleType(CName = "CUtexObject", PassThrough = true)]
public struct CUtexObject
{
    /// <summary>The value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUmemPoolProps_st {...} CUmemPoolProps;</c> (88 bytes, CUDA 12.x/13.0)</summary>
public unsafe struct CUmemPoolProps
{
    /// <summary>CUmemAllocationType.</summary>
    public int allocType;
    /// <summary>CUmemAllocationHandleType.</summary>
    public int handleTypes;
    /// <summary>CUmemLocation.type.</summary>
    public int locationType;
    /// <summary>CUmemLocation.id.</summary>
    public int locationId;
    /// <summary>Windows only; ignored on Linux.</summary>
    public nint win32SecurityAttributes;
    /// <summary>Maximum pool size (0: the system's).</summary>
    public nuint maxSize;
    /// <summary>CUmemPool usage flags.</summary>
    public ushort usage;
    /// <summary>Reserved.</summary>
    public fixed byte reserved[54];
}

/// <summary><c>typedef struct CUmemAllocationProp_st {...} CUmemAllocationProp;</c> (32 bytes)</summary>
public struct CUmemAllocationProp
{
    /// <summary>CUmemAllocationType.</summary>
    public int type;
    /// <summary>CUmemAllocationHandleType.</summary>
    public int requestedHandleTypes;
    /// <summary>CUmemLocation.type.</summary>
    public int locationType;
    /// <summary>CUmemLocation.id.</summary>
    public int locationId;
    /// <summary>Windows only; ignored on Linux.</summary>
    public nint win32HandleMetaData;
    /// <summary>compressionType, gpuDirectRDMACapable, usage, reserved[4].</summary>
    public ulong allocFlags;
}

/// <summary><c>typedef struct CUDA_GRAPH_INSTANTIATE_PARAMS_st { cuuint64_t flags; CUstream hUploadStream; CUgraphNode
/// hErrNode_out; CUgraphInstantiateResult result_out; }</c></summary>
public struct CUDA_GRAPH_INSTANTIATE_PARAMS
{
    /// <summary>Instantiation flags.</summary>
    public ulong flags;
    /// <summary>Upload stream (a wire id on the guest side).</summary>
    public nint hUploadStream;
    /// <summary>The node the instantiation failed at (a wire id on the guest side).</summary>
    public nint hErrNode_out;
    /// <summary>CUgraphInstantiateResult.</summary>
    public int result_out;
}

/// <summary><c>typedef struct CUgraphExecUpdateResultInfo_st { CUgraphExecUpdateResult result; CUgraphNode errorNode;
/// CUgraphNode errorFromNode; }</c></summary>
public struct CUgraphExecUpdateResultInfo
{
    /// <summary>CUgraphExecUpdateResult.</summary>
    public int result;
    /// <summary>The node the update failed at (a wire id on the guest side).</summary>
    public nint errorNode;
    /// <summary>The node it came from (a wire id on the guest side).</summary>
    public nint errorFromNode;
}

/// <summary><c>typedef struct CUipcMemHandle_st { char reserved[64]; } CUipcMemHandle;</c> (CUipcEventHandle has the same
/// layout) Passed by value to cuIpcOpenMemHandle and cuIpcOpenEventHandle.</summary>
public unsafe struct CUipcHandle
{
    /// <summary>The handle's bytes, valid in any process of the machine.</summary>
    public fixed byte reserved[64];
}
