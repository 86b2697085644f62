// Module images reach cuModuleLoadData without a size: the size comes from the image's own header, as the real
// driver reads it (cubin = ELF, fatbin = fatBinaryHeader, the wrapper nvcc emits, or NUL-terminated PTX text).
using System.Buffers.Binary;

namespace Ava.Cuda;

/// <summary>Sizes of the image formats cuModuleLoadData and cuLibraryLoadData accept.</summary>
internal static unsafe class CudaImage
{
    private const uint FatbinMagic = 0xBA55ED50;
    private const uint FatbinWrapperMagic = 0x466243B1;
    private const uint ElfMagic = 0x464C457F;
    private const uint SectionNoBits = 8;

    /// <summary>Whether a file's bytes are a binary image (ELF or fatbin) rather than PTX text.</summary>
    public static bool IsBinary(byte[] bytes) =>
        bytes.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(bytes) is ElfMagic or FatbinMagic;

    /// <summary>Where the image proper starts (the fatbin a wrapper points at, or the image itself).</summary>
    public static byte* Start(byte* image) =>
        image != null && *(uint*)image == FatbinWrapperMagic ? *(byte**)(image + 8) : image;

    /// <summary>The image's size in bytes; 0 for NULL.</summary>
    public static nuint Size(byte* image)
    {
        image = Start(image);
        if (image == null)
        {
            return 0;
        }

        switch (*(uint*)image)
        {
            case FatbinMagic:
                // struct fatBinaryHeader { unsigned int magic; unsigned short version; unsigned short headerSize; unsigned long long fatSize; }
                return (nuint)(*(ushort*)(image + 6) + *(ulong*)(image + 8));
            case ElfMagic:
                return ElfSize(image);
            default:
                return (nuint)System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(image).Length + 1;
        }
    }

    /// <summary>An ELF64 file ends at the furthest of its header tables and its sections' contents.</summary>
    private static nuint ElfSize(byte* elf)
    {
        var phoff = *(ulong*)(elf + 0x20);
        var shoff = *(ulong*)(elf + 0x28);
        var phentsize = *(ushort*)(elf + 0x36);
        var phnum = *(ushort*)(elf + 0x38);
        var shentsize = *(ushort*)(elf + 0x3A);
        var shnum = *(ushort*)(elf + 0x3C);
        var end = Math.Max(64UL, Math.Max(phoff + ((ulong)phnum * phentsize), shoff + ((ulong)shnum * shentsize)));
        for (var i = 0; i < shnum; i++)
        {
            var section = elf + shoff + ((ulong)i * shentsize);
            if (*(uint*)(section + 4) != SectionNoBits)
            {
                end = Math.Max(end, *(ulong*)(section + 0x18) + *(ulong*)(section + 0x20));
            }
        }

        return (nuint)end;
    }
}
