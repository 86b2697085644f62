// The fat binary nvcc's host code registers reaches __cudaRegisterFatBinary without a size: the size comes from the
// image's own header, as the real runtime reads it. Only the two forms nvcc emits are accepted here (the driver
// drop-in reads more image kinds for cuModuleLoadData; API folders do not share code, so this is the runtime's own).
namespace Ava.CudaRt;

/// <summary>The fat binary a <c>__fatBinC_Wrapper_t</c> points at, and its size.</summary>
internal static unsafe class FatBinary
{
    private const uint FatbinMagic = 0xBA55ED50;
    private const uint WrapperMagic = 0x466243B1;

    /// <summary>
    /// The fat binary of a wrapper (<c>struct { int magic; int version; const unsigned long long *data; void *filename_or_fatbins; }</c>)
    /// or a bare fat binary, with its size (<c>struct fatBinaryHeader { unsigned int magic; unsigned short version;
    /// unsigned short headerSize; unsigned long long fatSize; }</c>: header and payload); size 0 for anything else.
    /// </summary>
    public static (nint Image, nuint Size) Find(byte* fatCubin)
    {
        var image = fatCubin != null && *(uint*)fatCubin == WrapperMagic ? *(byte**)(fatCubin + 8) : fatCubin;
        return image == null || *(uint*)image != FatbinMagic ? (0, 0) : ((nint)image, (nuint)(*(ushort*)(image + 6) + *(ulong*)(image + 8)));
    }
}
