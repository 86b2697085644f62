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
