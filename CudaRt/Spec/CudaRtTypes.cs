// Types of the CUDA runtime API (cuda_runtime_api.h and driver_types.h, CUDA 13.0) that the spec's declarations use.
// Streams and events are pointers to the driver's own objects (a cudaStream_t is a CUstream); device pointers are
// addresses applications do arithmetic on, so they pass untranslated. The registration handles have no C type of
// their own: they name what the worker registered with the real runtime for a guest's module, kernel or variable.
using Ava.Spec;

namespace Ava.CudaRt;

/// <summary><c>typedef struct CUstream_st *cudaStream_t;</c> cudaStreamLegacy ((cudaStream_t)0x1) and
/// cudaStreamPerThread ((cudaStream_t)0x2) are the default streams, not objects.</summary>
[HandleType(CName = "cudaStream_t", Untranslated = new long[] { 1, 2 })]
[SharedHandle("CUstream")]
public struct cudaStream_t
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUevent_st *cudaEvent_t;</c></summary>
[HandleType(CName = "cudaEvent_t")]
[SharedHandle("CUevent")]
public struct cudaEvent_t
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUkern_st *cudaKernel_t;</c> A registered kernel as the real runtime hands it out
/// (cudaGetKernel): the driver's CUkernel, which driver calls take (cuKernelGetFunction, cuKernelGetAttribute).</summary>
[HandleType(CName = "cudaKernel_t")]
[SharedHandle("CUkernel")]
public struct cudaKernel_t
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct CUfunc_st *cudaFunction_t;</c> A registered kernel's function in the current context
/// (cudaGetFuncBySymbol): the driver's CUfunction.</summary>
[HandleType(CName = "cudaFunction_t")]
[SharedHandle("CUfunction")]
public struct cudaFunction_t
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary>A device address (<c>void *devPtr</c> of cudaMalloc), passed as it is.</summary>
[HandleType(CName = "void *", PassThrough = true)]
public struct cudaDevPtr
{
    /// <summary>The address.</summary>
    public nint Value;
}

/// <summary>A module registered with the real runtime (<c>void **fatCubinHandle</c> of __cudaRegisterFatBinary): the worker's copy of the guest's fat binary.</summary>
[HandleType(CName = "void **")]
public struct cudaFatbin
{
    /// <summary>The real runtime's handle.</summary>
    public nint Value;
}

/// <summary>A kernel registered with the real runtime: the worker-side host stub address it stands under (<c>const char *hostFun</c> of __cudaRegisterFunction).</summary>
[HandleType(CName = "const void *")]
public struct cudaHostFunction
{
    /// <summary>The worker-side stub address.</summary>
    public nint Value;
}

/// <summary>A device variable registered with the real runtime: the worker-side host shadow it stands under (<c>char *hostVar</c> of __cudaRegisterVar).</summary>
[HandleType(CName = "const void *")]
public struct cudaHostVariable
{
    /// <summary>The worker-side shadow address.</summary>
    public nint Value;
}

/// <summary><c>struct dim3 { unsigned int x, y, z; };</c></summary>
public struct dim3
{
    /// <summary>x.</summary>
    public uint x;

    /// <summary>y.</summary>
    public uint y;

    /// <summary>z.</summary>
    public uint z;
}

/// <summary><c>struct cudaChannelFormatDesc { int x, y, z, w; enum cudaChannelFormatKind f; };</c></summary>
public struct cudaChannelFormatDesc
{
    /// <summary>Bits of x.</summary>
    public int x;

    /// <summary>Bits of y.</summary>
    public int y;

    /// <summary>Bits of z.</summary>
    public int z;

    /// <summary>Bits of w.</summary>
    public int w;

    /// <summary>cudaChannelFormatKind.</summary>
    public int f;
}

/// <summary><c>typedef struct cudaLaunchConfig_st { dim3 gridDim; dim3 blockDim; size_t dynamicSmemBytes; cudaStream_t stream; cudaLaunchAttribute *attrs; unsigned int numAttrs; } cudaLaunchConfig_t;</c></summary>
public struct LaunchConfig
{
    /// <summary>gridDim.</summary>
    public dim3 Grid;

    /// <summary>blockDim.</summary>
    public dim3 Block;

    /// <summary>dynamicSmemBytes.</summary>
    public nuint DynamicSmemBytes;

    /// <summary>stream, as the application holds it.</summary>
    public nint Stream;

    /// <summary>attrs: numAttrs cudaLaunchAttribute of 72 bytes (id, padding, a 64-byte value).</summary>
    public nint Attrs;

    /// <summary>numAttrs.</summary>
    public uint NumAttrs;
}
