// What the hand-written guest and worker parts of the CUDA backend share (both compile the spec folder).
namespace Ava.Cuda;

/// <summary>Constants of cuda.h used by both sides' hand-written parts.</summary>
public static partial class Cuda
{
    private const int CudaErrorInvalidImage = 200;

    /// <summary>CUDA_ERROR_OUT_OF_MEMORY: also what an allocation the tenant's device memory quota refuses returns.</summary>
    private const int ErrorOutOfMemory = 2;

    /// <summary>Bit 32 of the length argument of a launch's wire form: the blob is a CU_LAUNCH_PARAM_BUFFER_POINTER buffer.</summary>
    private const long ExtraBufferFlag = 1L << 32;
}
