using System.Runtime.CompilerServices;

namespace Ava.Transport.Wire;

/// <summary>
/// The one place where a length or offset read from the peer becomes a size this side uses. The peer may be hostile
/// (the worker's guest): every check is done in 64-bit arithmetic on the field as it arrived, so no sum, padding or
/// subtraction can wrap, and each method either returns a size that lies within the room the caller named or throws
/// <see cref="MalformedRecordException"/>. Whatever room a caller names, no size returned exceeds <see cref="int.MaxValue"/>. Rings, byte streams, LZ4 frames, control frames and the record reader all
/// come through here; a few integer compares each, no allocation, so the ring's read path stays what it was.
/// </summary>
public static class WireLength
{
    private const long AlignMask = RecordLayout.RecordAlignment - 1;

    /// <summary>
    /// A record's length field (header included) where records are padded to <see cref="RecordLayout.RecordAlignment"/>
    /// (rings, byte streams): at least a header, and with its padding no more than <paramref name="room"/> bytes.
    /// Returns the padded length.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Record(uint length, long room)
    {
        var padded = (length + AlignMask) & ~AlignMask;
        if (length < RecordLayout.HeaderSize || padded > Math.Min(room, int.MaxValue))
        {
            ThrowRecord(length, room);
        }

        return (int)padded;
    }

    /// <summary>
    /// A chunk record of a streamed payload: its length field (header included) must carry at least one payload byte,
    /// no more than the <paramref name="remaining"/> bytes the stream still owes, and fit <paramref name="room"/> bytes
    /// with its padding. Returns the payload bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Chunk(RecordFlags flags, uint length, long remaining, long room)
    {
        var payload = (long)length - RecordLayout.HeaderSize;
        if ((flags & RecordFlags.Chunk) == 0 || payload <= 0 || payload > remaining || ((length + AlignMask) & ~AlignMask) > Math.Min(room, int.MaxValue))
        {
            ThrowChunk(flags, length, remaining);
        }

        return (int)payload;
    }

    /// <summary>
    /// The length field of an unpadded frame (control frames, a record handed to <see cref="RecordReader"/>): at least
    /// a header and at most <paramref name="room"/> bytes. Returns it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Frame(uint length, long room)
    {
        if (length < RecordLayout.HeaderSize || length > Math.Min(room, int.MaxValue))
        {
            ThrowFrame(length, room);
        }

        return (int)length;
    }

    /// <summary>
    /// The two fields of an LZ4 frame header, as they arrived (u32 each): the raw length must be 1..<paramref name="maxRaw"/>,
    /// the wire length 1..raw (equal: raw bytes follow; less: an LZ4 block).
    /// </summary>
    public static void Lz4Frame(uint wire, uint raw, int maxRaw)
    {
        if (raw == 0 || raw > (uint)maxRaw || wire == 0 || wire > raw)
        {
            throw new MalformedRecordException($"malformed LZ4 frame: {wire} bytes on the wire for {raw}");
        }
    }

    /// <summary>
    /// A shared-memory ring frame's length (its End word less the consumer's position, see Ring.RingLayout): a whole
    /// number of alignment units, at least a frame header, and within the <paramref name="contiguous"/> bytes left
    /// before the end of the data area (a frame never wraps).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RingFrame(long length, int contiguous)
    {
        if (length < Ring.RingLayout.FrameHeaderSize || length > contiguous || (length & AlignMask) != 0)
        {
            ThrowRingFrame(length, contiguous);
        }

        return (int)length;
    }

    /// <summary>
    /// Whether <paramref name="length"/> bytes at <paramref name="offset"/> lie within <paramref name="available"/> bytes;
    /// negative values never do.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Fits(long offset, long length, long available) =>
        offset >= 0 && length >= 0 && offset <= available && length <= available - offset;

    private static void ThrowRecord(uint length, long room) =>
        throw new MalformedRecordException($"record of {length} bytes does not fit the {room} bytes it may take");

    private static void ThrowChunk(RecordFlags flags, uint length, long remaining) =>
        throw new MalformedRecordException($"expected a chunk of at most {remaining} bytes, got flags {flags} with a length of {length}");

    private static void ThrowRingFrame(long length, int contiguous) =>
        throw new MalformedRecordException($"ring frame of {length} bytes outside {Ring.RingLayout.FrameHeaderSize}..{contiguous} or unaligned");

    private static void ThrowFrame(uint length, long room) =>
        throw new MalformedRecordException($"frame of {length} bytes outside {RecordLayout.HeaderSize}..{room}");
}
