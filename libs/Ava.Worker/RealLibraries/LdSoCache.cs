using System.Buffers.Binary;
using System.Text;

namespace Ava.Worker.RealLibraries;

/// <summary>
/// The dynamic loader's cache, <c>/etc/ld.so.cache</c>, as <c>ldconfig</c> writes it (glibc's "glibc-ld.so.cache1.1"
/// format, alone or after the old "ld.so-1.7.0" table): for a library name, the paths the loader would try, in the
/// cache's order, for this process's architecture.
/// </summary>
/// <remarks>
/// Layout (glibc elf/dl-cache.h): a 20-byte magic, <c>uint32 nlibs</c>, <c>uint32 len_strings</c>, <c>uint8 flags</c>,
/// 3 bytes of padding, <c>uint32 extension_offset</c>, 3 unused <c>uint32</c>; then nlibs entries of
/// <c>int32 flags, uint32 key, uint32 value, uint32 osversion, uint64 hwcap</c>; key and value are offsets of
/// NUL-terminated strings, counted from the start of the new-format header.
/// </remarks>
public static class LdSoCache
{
    /// <summary>Where glibc keeps the cache.</summary>
    public const string DefaultPath = "/etc/ld.so.cache";

    private const string OldMagic = "ld.so-1.7.0";
    private const string NewMagic = "glibc-ld.so.cache1.1";
    private const int HeaderSize = 48;
    private const int EntrySize = 24;

    // Entry flags: the low byte is the library type (3: libc6 ELF), the next byte the architecture variant.
    private const int TypeMask = 0x00ff;
    private const int TypeElfLibc6 = 0x0003;
    private const int ArchMask = 0xff00;

    /// <summary>Paths the cache lists for <paramref name="name"/> (e.g. <c>libcuda.so.1</c>); empty when there is no readable cache.</summary>
    public static IReadOnlyList<string> Lookup(string name, string path = DefaultPath)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        return Lookup(bytes, name);
    }

    /// <summary>Paths that the cache image <paramref name="cache"/> lists for <paramref name="name"/>.</summary>
    public static IReadOnlyList<string> Lookup(ReadOnlySpan<byte> cache, string name)
    {
        var start = FindNewFormat(cache);
        if (start < 0 || cache.Length - start < HeaderSize)
        {
            return [];
        }

        var table = cache[start..];
        var count = BinaryPrimitives.ReadUInt32LittleEndian(table[20..]);
        if (count > (uint)((table.Length - HeaderSize) / EntrySize))
        {
            return [];
        }

        var arch = ArchitectureFlag();
        var result = new List<string>();
        for (var i = 0; i < (int)count; i++)
        {
            var entry = table.Slice(HeaderSize + (i * EntrySize), EntrySize);
            var flags = BinaryPrimitives.ReadInt32LittleEndian(entry);
            if ((flags & TypeMask) != TypeElfLibc6 || (flags & ArchMask) != arch)
            {
                continue;
            }

            if (String(table, BinaryPrimitives.ReadUInt32LittleEndian(entry[4..])) == name
                && String(table, BinaryPrimitives.ReadUInt32LittleEndian(entry[8..])) is { Length: > 0 } value)
            {
                result.Add(value);
            }
        }

        return result;
    }

    /// <summary>Offset of the new-format table: at 0, or after the old table (12-byte entries) when both are present.</summary>
    private static int FindNewFormat(ReadOnlySpan<byte> cache)
    {
        if (cache.StartsWith(Encoding.ASCII.GetBytes(NewMagic)))
        {
            return 0;
        }

        if (!cache.StartsWith(Encoding.ASCII.GetBytes(OldMagic)) || cache.Length < 16)
        {
            return -1;
        }

        // The old header is the 11-byte magic, padded to 12, and uint32 nlibs; the new table follows its entries, 8-aligned.
        var oldCount = BinaryPrimitives.ReadUInt32LittleEndian(cache[12..]);
        var offset = 16L + (oldCount * 12L);
        offset = (offset + 7) & ~7L;
        return offset < cache.Length && cache[(int)offset..].StartsWith(Encoding.ASCII.GetBytes(NewMagic)) ? (int)offset : -1;
    }

    private static string? String(ReadOnlySpan<byte> table, uint offset)
    {
        if (offset >= (uint)table.Length)
        {
            return null;
        }

        var rest = table[(int)offset..];
        var end = rest.IndexOf((byte)0);
        return end < 0 ? null : Encoding.UTF8.GetString(rest[..end]);
    }

    /// <summary>The architecture byte ldconfig gives libraries of this process's kind (glibc's FLAG_X8664_LIB64, FLAG_AARCH64_LIB64).</summary>
    private static int ArchitectureFlag() => System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => 0x0300,
        System.Runtime.InteropServices.Architecture.Arm64 => 0x0a00,
        _ => -1,
    };
}
