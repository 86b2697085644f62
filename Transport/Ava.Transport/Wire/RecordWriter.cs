using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ava.Transport.Wire;

/// <summary>
/// Writes payload slots of one record directly into its destination (ring memory or a scratch buffer), with
/// no allocation. The caller sized the destination with <see cref="RecordLayout"/>; overruns throw.
/// </summary>
public ref struct RecordWriter
{
    private readonly Span<byte> _record;
    private int _position;

    /// <summary>Starts after the header of <paramref name="record"/>.</summary>
    public RecordWriter(Span<byte> record)
    {
        _record = record;
        _position = RecordLayout.HeaderSize;
    }

    /// <summary>Bytes written so far, header included.</summary>
    public readonly int Length => _position;

    /// <summary>The whole destination.</summary>
    public readonly Span<byte> Record => _record;

    /// <summary>Writes a signed scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_record.Slice(_position, RecordLayout.SlotSize), value);
        _position += RecordLayout.SlotSize;
    }

    /// <summary>Writes an unsigned scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUInt64(ulong value) => WriteInt64((long)value);

    /// <summary>Writes a float as its bits.</summary>
    public void WriteSingle(float value) => WriteInt64(BitConverter.SingleToInt32Bits(value));

    /// <summary>Writes a double as its bits.</summary>
    public void WriteDouble(double value) => WriteInt64(BitConverter.DoubleToInt64Bits(value));

    /// <summary>Writes the descriptor of a NULL buffer.</summary>
    public void WriteNullBuffer() => WriteUInt64(RecordLayout.NullBuffer);

    /// <summary>Writes the descriptor of a buffer whose bytes follow as chunk records.</summary>
    public void WriteStreamedBuffer(long length) => WriteUInt64(RecordLayout.StreamedBit | (ulong)length);

    /// <summary>Writes the room of an output without its bytes.</summary>
    public void WriteCapacity(long length) => WriteUInt64(RecordLayout.CapacityBit | (ulong)length);

    /// <summary>Writes a buffer inline: descriptor, bytes, padding.</summary>
    public void WriteInlineBuffer(ReadOnlySpan<byte> bytes)
    {
        WriteUInt64((ulong)bytes.Length);
        bytes.CopyTo(_record.Slice(_position, bytes.Length));
        var padded = (int)RecordLayout.AlignSlot(bytes.Length);
        _record.Slice(_position + bytes.Length, padded - bytes.Length).Clear();
        _position += padded;
    }

    /// <summary>Reserves an inline buffer of <paramref name="length"/> bytes and returns it for the caller to fill.</summary>
    public Span<byte> ReserveInlineBuffer(int length)
    {
        WriteUInt64((ulong)length);
        var span = _record.Slice(_position, length);
        var padded = (int)RecordLayout.AlignSlot(length);
        _record.Slice(_position + length, padded - length).Clear();
        _position += padded;
        return span;
    }

    /// <summary>Reserves an inline id array of <paramref name="count"/> ids (<see cref="WireArrays"/>) for the caller to fill.</summary>
    public Span<byte> ReserveIds(long count) => ReserveInlineBuffer(checked((int)WireArrays.IdBytes(count)));

    /// <summary>Writes a buffer inline from native memory.</summary>
    public unsafe void WriteInlineBuffer(void* bytes, long length) =>
        WriteInlineBuffer(new ReadOnlySpan<byte>(bytes, checked((int)length)));

    /// <summary>Completes the header; returns the record length.</summary>
    public readonly int Finish(ushort function, RecordFlags flags, uint sequence, int status)
    {
        RecordLayout.WriteHeader(_record, _position, function, flags, sequence, status);
        return _position;
    }

    /// <summary>Reference to the first byte, for callers that hand the record to a ring.</summary>
    public readonly ref byte Start => ref MemoryMarshal.GetReference(_record);
}
