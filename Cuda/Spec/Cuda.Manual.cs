// What the hand-written guest and worker parts of the CUDA backend share (both compile the spec folder).
namespace Ava.Cuda;

/// <summary>Constants used by both sides' hand-written parts: cuda.h values and cuGetExportTable's table ids.</summary>
public static partial class Cuda
{
    private const int CudaErrorInvalidImage = 200;

    /// <summary>CUDA_ERROR_INVALID_VALUE: graph nodes given as NULL with a non-zero count ([Buffer(NullWithCount)]).</summary>
    private const int NullNodeList = 1;

    // CUjit_option values whose option value is a pointer into the application or written back by the driver.
    private const int JitWallTime = 2;
    private const int JitInfoLogBuffer = 3;
    private const int JitInfoLogBufferSize = 4;
    private const int JitErrorLogBuffer = 5;
    private const int JitErrorLogBufferSize = 6;

    /// <summary>CUDA_ERROR_NOT_SUPPORTED: what functions and export-table slots that are not remoted answer.</summary>
    private const int ErrorNotSupported = 801;

    /// <summary>CUDA_ERROR_OUT_OF_MEMORY: also what an allocation the tenant's device memory quota refuses returns.</summary>
    private const int ErrorOutOfMemory = 2;

    /// <summary>Bit 32 of the length argument of a launch's wire form: the blob is a CU_LAUNCH_PARAM_BUFFER_POINTER buffer.</summary>
    private const long ExtraBufferFlag = 1L << 32;

    /// <summary>UUID of the runtime interface table of cuGetExportTable (CUDART_INTERFACE), bytes in memory order.</summary>
    private static ReadOnlySpan<byte> CudartInterfaceId => [0x6B, 0xD5, 0xFB, 0x6C, 0x5B, 0xF4, 0xE7, 0x4A, 0x89, 0x87, 0xD9, 0x39, 0x12, 0xFD, 0x9D, 0xF9];

    /// <summary>Slot of the runtime interface table that answers a device's primary context.</summary>
    private const int CudartPrimaryContextSlot = 2;

    /// <summary>UUID of the 92-slot table cuBLASLt asks for when it creates a handle (no public name), bytes in memory order.</summary>
    private static ReadOnlySpan<byte> CublasLtContextTableId => [0x21, 0x31, 0x8C, 0x60, 0x97, 0x14, 0x32, 0x48, 0x8C, 0xA6, 0x41, 0xFF, 0x73, 0x24, 0xC8, 0xF2];

    /// <summary>Slot of that table cuBLASLt calls with (CUcontext ctx, int *value); the driver answers 1 for an H100's context.</summary>
    private const int CublasLtContextValueSlot = 4;

    /// <summary>Bytes of a memory pool attribute's value: the reuse policies (CUmemPool_attribute 1-3) are ints, the release threshold and the reserved and used counters cuuint64_t.</summary>
    internal static long PoolAttributeSize(int attr) => attr is >= 1 and <= 3 ? 4 : 8;

    /// <summary>Bytes of a pointer attribute's value (CUpointer_attribute), as cuPointerGetAttribute's [InfoValue] table has them.</summary>
    internal static int PointerAttributeSize(int attribute) => attribute switch
    {
        5 => 16, // CU_POINTER_ATTRIBUTE_P2P_TOKENS
        2 or 6 or 8 or 9 or 10 or 13 or 15 or 16 or 21 => 4,
        _ => 8,
    };
}
