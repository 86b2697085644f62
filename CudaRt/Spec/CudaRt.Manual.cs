// What the hand-written guest and worker parts of the CUDA runtime backend share (both compile the spec folder).
namespace Ava.CudaRt;

/// <summary>Constants used by the spec and both sides' hand-written parts: cuda_runtime_api.h and driver_types.h values.</summary>
public static partial class CudaRt
{
    /// <summary>The one symbol version node of libcudart.so.13: every export is name@@libcudart.so.13.</summary>
    private const string Node = "libcudart.so.13";

    /// <summary>cudaErrorInvalidValue.</summary>
    private const int ErrorInvalidValue = 1;

    /// <summary>cudaErrorMemoryAllocation: also what an allocation the tenant's device memory quota refuses returns.</summary>
    private const int ErrorMemoryAllocation = 2;

    /// <summary>cudaErrorInvalidDeviceFunction: a host address that names no registered kernel.</summary>
    private const int ErrorInvalidDeviceFunction = 98;

    /// <summary>cudaErrorInvalidSymbol: a host address that names no registered variable.</summary>
    private const int ErrorInvalidSymbol = 13;

    /// <summary>cudaErrorInvalidPitchValue.</summary>
    private const int ErrorInvalidPitchValue = 12;

    /// <summary>cudaErrorInvalidMemcpyDirection.</summary>
    private const int ErrorInvalidMemcpyDirection = 21;

    /// <summary>cudaErrorInvalidKernelImage.</summary>
    private const int ErrorInvalidKernelImage = 200;

    /// <summary>cudaErrorInvalidResourceHandle.</summary>
    private const int ErrorInvalidResourceHandle = 400;

    /// <summary>cudaSuccess.</summary>
    private const int Success = 0;

    /// <summary>cudaErrorNotSupported: what the functions of features that are not remoted answer.</summary>
    private const int ErrorNotSupported = 801;

    /// <summary>sizeof(struct cudaDeviceProp) in CUDA 13.0 (as in 12.x: removed fields gave their room to reserved words).</summary>
    private const int DevicePropBytes = 1008;

    /// <summary>Bytes of struct cudaFuncAttributes before its reserved words (CUDA 13.0): what the guest writes.</summary>
    private const int FuncAttributesBytes = 76;

    /// <summary>cudaMemcpyKind values.</summary>
    private const int HostToHost = 0, HostToDevice = 1, DeviceToHost = 2, DeviceToDevice = 3, Default = 4;

    /// <summary>Bits of the flags argument of the wire forms: the per-thread default stream, async on the stream, a cooperative launch, a launch that waits for its status.</summary>
    private const int PerThreadFlag = 1, AsyncFlag = 2, CooperativeFlag = 2, WaitFlag = 4;
}
