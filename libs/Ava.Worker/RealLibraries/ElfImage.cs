using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Ava.Worker.RealLibraries;

/// <summary>
/// What the resolver needs to know of a shared object before choosing it: whether the loader could load it into this
/// process (64-bit ELF of this machine, as the loader skips other files on its search path), and whether it is a
/// NativeAOT image, which no vendor library is and every drop-in of ours is (a copy under another name too).
/// </summary>
public static class ElfImage
{
    /// <summary>The section NativeAOT puts compiled managed code in.</summary>
    private const string ManagedCodeSection = "__managedcode";

    /// <summary>Reads the file's ELF header and section names; null when it is not a readable ELF file.</summary>
    public static (bool Loadable, bool NativeAot)? Inspect(string path)
    {
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            Span<byte> header = stackalloc byte[64];
            if (RandomAccess.Read(file, header, 0) < header.Length || !header.StartsWith("\u007fELF"u8))
            {
                return null;
            }

            // e_ident[EI_CLASS] 2 = 64-bit, [EI_DATA] 1 = little-endian; e_machine at 18.
            var loadable = header[4] == 2 && header[5] == 1 && BinaryPrimitives.ReadUInt16LittleEndian(header[18..]) == MachineOfThisProcess();
            return (loadable, loadable && HasSection(file, header, ManagedCodeSection));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool HasSection(Microsoft.Win32.SafeHandles.SafeFileHandle file, ReadOnlySpan<byte> header, string name)
    {
        // Elf64_Ehdr: e_shoff at 40, e_shentsize at 58, e_shnum at 60, e_shstrndx at 62; Elf64_Shdr: sh_name at 0,
        // sh_offset at 24, sh_size at 32.
        var sectionTable = (long)BinaryPrimitives.ReadUInt64LittleEndian(header[40..]);
        int entrySize = BinaryPrimitives.ReadUInt16LittleEndian(header[58..]);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(header[60..]);
        int namesIndex = BinaryPrimitives.ReadUInt16LittleEndian(header[62..]);
        var length = RandomAccess.GetLength(file);
        if (entrySize < 64 || count == 0 || namesIndex >= count || sectionTable <= 0 || sectionTable > length - ((long)entrySize * count))
        {
            return false;
        }

        var table = new byte[entrySize * count];
        RandomAccess.Read(file, table, sectionTable);
        var namesEntry = table.AsSpan(namesIndex * entrySize);
        var namesOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(namesEntry[24..]);
        var namesSize = (long)BinaryPrimitives.ReadUInt64LittleEndian(namesEntry[32..]);
        if (namesOffset <= 0 || namesSize <= 0 || namesSize > 1 << 20 || namesOffset > length - namesSize)
        {
            return false;
        }

        var names = new byte[namesSize];
        RandomAccess.Read(file, names, namesOffset);
        var wanted = Encoding.ASCII.GetBytes(name + "\0");
        for (var i = 0; i < count; i++)
        {
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(table.AsSpan(i * entrySize));
            if (offset < names.Length && names.AsSpan((int)offset).StartsWith(wanted))
            {
                return true;
            }
        }

        return false;
    }

    private static ushort MachineOfThisProcess() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 62, // EM_X86_64
        Architecture.Arm64 => 183, // EM_AARCH64
        _ => 0,
    };
}
