using System.Buffers.Binary;

namespace Ava.Transport.Wire;

/// <summary>
/// The two arrays a record carries inside one inline buffer, encoded and decoded only here, so the guest and the
/// worker cannot come to disagree about them.
/// </summary>
/// <remarks>
/// <code>
///  id array (handle arrays), one slot per id; each side translates ids with its own table:
///  +-------+-------+-----+
///  | id 0  | id 1  | ... |                 u64 each
///  +-------+-------+-----+
///
///  string array blob (clCreateProgramWithSource): per string a header slot, then its bytes and NUL padded to 8:
///  +-----------+--------------------+-----------+-----
///  | length+1  | bytes, NUL, pad    | NullBuffer| ...          NullBuffer: the array's entry was NULL
///  +-----------+--------------------+-----------+-----
/// </code>
/// </remarks>
public static class WireArrays
{
    /// <summary>Bytes of an id array of <paramref name="count"/> ids.</summary>
    public static long IdBytes(long count) => checked(count * RecordLayout.SlotSize);

    /// <summary>Ids in an id array of <paramref name="bytes"/> bytes.</summary>
    public static long IdCount(long bytes) => bytes / RecordLayout.SlotSize;

    /// <summary>Id <paramref name="index"/> of an id array.</summary>
    public static ulong ReadId(ReadOnlySpan<byte> ids, long index) =>
        BinaryPrimitives.ReadUInt64LittleEndian(ids[checked((int)(index * RecordLayout.SlotSize))..]);

    /// <summary>Sets id <paramref name="index"/> of an id array.</summary>
    public static void WriteId(Span<byte> ids, long index, ulong id) =>
        BinaryPrimitives.WriteUInt64LittleEndian(ids[checked((int)(index * RecordLayout.SlotSize))..], id);

    /// <summary>Bytes a string of <paramref name="length"/> bytes (without its NUL) takes in a blob; a NULL entry's is one slot.</summary>
    public static long StringEntryBytes(long length, bool isNull) =>
        isNull ? RecordLayout.SlotSize : checked(RecordLayout.SlotSize + RecordLayout.AlignSlot(length + 1));

    /// <summary>Writes a string entry's header slot: the string's size with its NUL, or NullBuffer for a NULL entry.</summary>
    public static void WriteStringHeader(Span<byte> slot, long length, bool isNull)
    {
        if (isNull)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(slot, RecordLayout.NullBuffer);
        }
        else
        {
            BinaryPrimitives.WriteInt64LittleEndian(slot, checked(length + 1));
        }
    }

    /// <summary>Reads a string entry's header slot: the size with its NUL, or -1 for a NULL entry.</summary>
    public static long ReadStringHeader(ReadOnlySpan<byte> slot)
    {
        var size = BinaryPrimitives.ReadUInt64LittleEndian(slot);
        return size == RecordLayout.NullBuffer ? -1 : (long)size;
    }
}
