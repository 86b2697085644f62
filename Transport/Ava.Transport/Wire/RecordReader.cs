using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Ava.Transport.Wire;

/// <summary>A record that does not follow <see cref="RecordLayout"/>.</summary>
public sealed class MalformedRecordException(string message) : Exception(message);

/// <summary>How a buffer travels.</summary>
public enum BufferKind
{
    /// <summary>The C pointer was NULL.</summary>
    Null,

    /// <summary>The bytes are inside the record.</summary>
    Inline,

    /// <summary>The bytes follow as chunk records.</summary>
    Streamed,

    /// <summary>Only the room for an output; no bytes travel.</summary>
    Capacity,
}

/// <summary>
/// Reads payload slots of one record. Every read is checked against the record's length, so a truncated or
/// lying record ends in <see cref="MalformedRecordException"/>, never in a read past the end.
/// </summary>
public ref struct RecordReader
{
    private readonly ReadOnlySpan<byte> _record;
    private int _position;

    /// <summary>Reads the record <paramref name="record"/>, whose header was validated by the channel.</summary>
    public RecordReader(ReadOnlySpan<byte> record)
    {
        if (record.Length < RecordLayout.HeaderSize)
        {
            throw new MalformedRecordException($"record of {record.Length} bytes is shorter than its header");
        }

        _record = record[..WireLength.Frame(RecordLayout.ReadLength(record), record.Length)];
        _position = RecordLayout.HeaderSize;
    }

    /// <summary>Function id.</summary>
    public readonly ushort Function => RecordLayout.ReadFunction(_record);

    /// <summary>Flags.</summary>
    public readonly RecordFlags Flags => RecordLayout.ReadFlags(_record);

    /// <summary>Sequence number.</summary>
    public readonly uint Sequence => RecordLayout.ReadSequence(_record);

    /// <summary>Status field.</summary>
    public readonly int Status => RecordLayout.ReadStatus(_record);

    /// <summary>The whole record, header included, as the channel handed it over (valid until the record is released).</summary>
    public readonly ReadOnlySpan<byte> Record => _record;

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _record.Length - _position;

    /// <summary>Reads a signed scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadInt64()
    {
        if (_record.Length - _position < RecordLayout.SlotSize)
        {
            ThrowTruncated();
        }

        var value = BinaryPrimitives.ReadInt64LittleEndian(_record.Slice(_position, RecordLayout.SlotSize));
        _position += RecordLayout.SlotSize;
        return value;
    }

    /// <summary>Reads an unsigned scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadUInt64() => (ulong)ReadInt64();

    /// <summary>Reads a float.</summary>
    public float ReadSingle() => BitConverter.Int32BitsToSingle((int)ReadInt64());

    /// <summary>Reads a double.</summary>
    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    /// <summary>Reads a buffer descriptor and, for inline buffers, the bytes.</summary>
    public BufferKind ReadBuffer(out long length, out ReadOnlySpan<byte> inline)
    {
        var descriptor = ReadUInt64();
        inline = default;
        if (descriptor == RecordLayout.NullBuffer)
        {
            length = 0;
            return BufferKind.Null;
        }

        if ((descriptor & (RecordLayout.StreamedBit | RecordLayout.CapacityBit)) != 0)
        {
            var streamed = (descriptor & RecordLayout.StreamedBit) != 0;
            length = (long)(descriptor & ~(RecordLayout.StreamedBit | RecordLayout.CapacityBit));
            if ((ulong)length > RecordLayout.MaxBufferLength || (streamed && (descriptor & RecordLayout.CapacityBit) != 0))
            {
                throw new MalformedRecordException($"buffer descriptor {descriptor:x} has stray bits");
            }

            return streamed ? BufferKind.Streamed : BufferKind.Capacity;
        }

        if (descriptor > (ulong)Remaining)
        {
            throw new MalformedRecordException($"inline buffer of {descriptor} bytes overruns the record ({Remaining} left)");
        }

        length = (long)descriptor;
        inline = _record.Slice(_position, (int)length);
        _position += (int)RecordLayout.AlignSlot(length);
        _position = Math.Min(_position, _record.Length);
        return BufferKind.Inline;
    }

    /// <summary>Checks that every byte of the record was read: a record longer than its function's arguments is malformed.</summary>
    public readonly void EnsureConsumed()
    {
        if (_position != _record.Length && RecordLayout.AlignSlot(_position) != RecordLayout.AlignSlot(_record.Length))
        {
            throw new MalformedRecordException($"record has {_record.Length - _position} bytes past its last argument");
        }
    }

    private static void ThrowTruncated() => throw new MalformedRecordException("record truncated: a field runs past its end");
}
