using System.Buffers.Binary;

namespace Ava.Transport.Wire;

/// <summary>
/// The one description of a record on every channel (ring or stream). Everything else reads and writes
/// records through <see cref="RecordWriter"/> and <see cref="RecordReader"/>, which use these offsets.
/// </summary>
/// <remarks>
/// <code>
///  0          4          6          8          12         16
///  +----------+----------+----------+----------+----------+------------------------------+
///  | length   | function | flags    | sequence | status   | payload: 8-byte slots ...    |
///  | u32      | u16      | u16      | u32      | i32      |                              |
///  +----------+----------+----------+----------+----------+------------------------------+
///  length   : bytes of header + payload, before padding to RecordAlignment
///  function : function id within the API (0 for control, chunk and pad records)
///  sequence : per-channel call counter; a reply or deferred output carries its call's sequence
///  status   : reply: a <see cref="TransportStatus"/>; request: count of streamed payloads that follow
///
///  payload slots (little-endian, each 8 bytes, so every field is aligned):
///    scalar  : the value zero- or sign-extended to 64 bits (float/double as their bits)
///    buffer  : u64 descriptor, then for inline data the bytes padded to 8
///              descriptor = NullBuffer (all ones)      the C pointer was NULL
///                         | StreamedBit | length        bytes follow as Chunk records, in argument order
///                         | CapacityBit | length        an output's room only (request side)
///                         | length                      bytes inline
/// </code>
/// All integers are little-endian; x86-64 and arm64 Linux are both little-endian, and the readers check it.
/// </remarks>
public static class RecordLayout
{
    /// <summary>Header size in bytes.</summary>
    public const int HeaderSize = 16;

    /// <summary>Size of one payload slot.</summary>
    public const int SlotSize = 8;

    /// <summary>Records start at multiples of this in a ring, so a padding record always fits the tail.</summary>
    public const int RecordAlignment = 16;

    /// <summary>Offset of the u32 total length.</summary>
    public const int LengthOffset = 0;

    /// <summary>Offset of the u16 function id.</summary>
    public const int FunctionOffset = 4;

    /// <summary>Offset of the u16 <see cref="RecordFlags"/>.</summary>
    public const int FlagsOffset = 6;

    /// <summary>Offset of the u32 sequence number.</summary>
    public const int SequenceOffset = 8;

    /// <summary>Offset of the i32 status.</summary>
    public const int StatusOffset = 12;

    /// <summary>Buffer descriptor of a NULL pointer.</summary>
    public const ulong NullBuffer = ulong.MaxValue;

    /// <summary>Buffer descriptor bit: the bytes follow as chunk records.</summary>
    public const ulong StreamedBit = 1UL << 62;

    /// <summary>Buffer descriptor bit: an output's capacity only, no bytes (the callee's memory starts zeroed).</summary>
    public const ulong CapacityBit = 1UL << 61;

    /// <summary>Largest buffer length a descriptor can carry.</summary>
    public const ulong MaxBufferLength = CapacityBit - 1;

    /// <summary>Outputs up to this size travel with the caller's current bytes, so bytes the callee leaves alone stay as they were.</summary>
    public const int PreservedOutputLimit = 64;

    /// <summary>Bytes a buffer of <paramref name="length"/> occupies inline, descriptor included.</summary>
    public static long InlineBufferSize(long length) => SlotSize + AlignSlot(length);

    /// <summary>Rounds up to a whole number of slots.</summary>
    public static long AlignSlot(long value) => (value + (SlotSize - 1)) & ~(long)(SlotSize - 1);

    /// <summary>Rounds up to the record alignment.</summary>
    public static int AlignRecord(int value) => (value + (RecordAlignment - 1)) & ~(RecordAlignment - 1);

    /// <summary>Writes a header.</summary>
    public static void WriteHeader(Span<byte> record, int length, ushort function, RecordFlags flags, uint sequence, int status)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(record[FunctionOffset..], function);
        BinaryPrimitives.WriteUInt16LittleEndian(record[FlagsOffset..], (ushort)flags);
        BinaryPrimitives.WriteUInt32LittleEndian(record[SequenceOffset..], sequence);
        BinaryPrimitives.WriteInt32LittleEndian(record[StatusOffset..], status);
    }

    /// <summary>Reads the length field as it arrived; a peer's value becomes a size only through <see cref="WireLength"/>.</summary>
    public static uint ReadLength(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadUInt32LittleEndian(record);

    /// <summary>Reads the function id.</summary>
    public static ushort ReadFunction(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadUInt16LittleEndian(record[FunctionOffset..]);

    /// <summary>Reads the flags.</summary>
    public static RecordFlags ReadFlags(ReadOnlySpan<byte> record) => (RecordFlags)BinaryPrimitives.ReadUInt16LittleEndian(record[FlagsOffset..]);

    /// <summary>Reads the sequence number.</summary>
    public static uint ReadSequence(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadUInt32LittleEndian(record[SequenceOffset..]);

    /// <summary>Where <see cref="RecordFlags.GroupMember"/> starts.</summary>
    public const int MemberShift = 13;

    /// <summary>Most APIs one connection serves (the one that said hello and those it joined).</summary>
    public const int MaxMembers = 8;

    /// <summary>The group member a request's flags name (0: the API that said hello).</summary>
    public static int MemberOf(RecordFlags flags) => (int)(flags & RecordFlags.GroupMember) >> MemberShift;

    /// <summary>Flags naming group member <paramref name="member"/> in place of the member <paramref name="flags"/> named.</summary>
    public static RecordFlags WithMember(RecordFlags flags, int member) =>
        (flags & ~RecordFlags.GroupMember) | (RecordFlags)(member << MemberShift);

    /// <summary>Reads the status.</summary>
    public static int ReadStatus(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt32LittleEndian(record[StatusOffset..]);
}

/// <summary>What a record is.</summary>
[Flags]
public enum RecordFlags : ushort
{
    /// <summary>A synchronous call: the caller waits for its reply.</summary>
    None = 0,

    /// <summary>An asynchronous call: no reply unless it has deferred outputs.</summary>
    Async = 1 << 0,

    /// <summary>The producer wants the consumer awake now (flush-like calls).</summary>
    Flush = 1 << 1,

    /// <summary>A reply to a synchronous call.</summary>
    Reply = 1 << 2,

    /// <summary>Outputs of an earlier async call, to be written into the caller's memory.</summary>
    DeferredOutput = 1 << 3,

    /// <summary>A callback the worker asks the guest to run.</summary>
    Callback = 1 << 4,

    /// <summary>A piece of a streamed buffer.</summary>
    Chunk = 1 << 5,

    /// <summary>Filler up to the end of a ring's data area.</summary>
    Pad = 1 << 6,

    /// <summary>Streamed buffers follow this record as chunk records.</summary>
    HasStreamed = 1 << 7,

    /// <summary>The call's [Deferred] outputs come in a deferred-output record (possibly after the reply), not in its reply.</summary>
    DeferOutputs = 1 << 8,

    /// <summary>
    /// Not a call: an ordering fence. Slots: this channel's index, a count, then (channel index, sequence) pairs; the
    /// worker runs this channel's later records only after each named channel has carried out its record with that
    /// sequence. A count of 0 just names the channel (its first record).
    /// </summary>
    Fence = 1 << 9,

    /// <summary>
    /// Not a call: the guest thread that owned this channel has exited. It comes after every record the thread sent, so
    /// the worker carries those out first, answers with a reply (which also ends any deferred outputs still owed to the
    /// channel), then ends the channel's shadow thread and lets go of the channel. No slots.
    /// </summary>
    Close = 1 << 10,

    /// <summary>
    /// Not a call: replay. One slot, a handle id the guest's application holds; the next new object of that id's type
    /// that this tenant's table learns (the replayed call that follows re-creates it) gets that id. Async, no reply.
    /// </summary>
    Bind = 1 << 11,

    /// <summary>
    /// Three bits (13-15): which API of the connection's group a request calls, 0 being the API that said hello and
    /// 1-7 those it joined since (<see cref="Control.ControlOp.Join"/>); see <see cref="RecordLayout.MemberOf"/>.
    /// </summary>
    GroupMember = 7 << RecordLayout.MemberShift,
}

/// <summary>Reply status: why a call could not be carried out (0 means it was).</summary>
public enum TransportStatus
{
    /// <summary>The call ran; its return value is in the reply.</summary>
    Ok = 0,

    /// <summary>The record was truncated, overran its length or had inconsistent sizes.</summary>
    MalformedRecord = 1,

    /// <summary>No such function id in this API.</summary>
    UnknownFunction = 2,

    /// <summary>A handle id is not in this tenant's table or has the wrong type.</summary>
    InvalidHandle = 3,

    /// <summary>A size exceeded the worker's limits or overflowed.</summary>
    TooLarge = 4,

    /// <summary>The real library does not export the function.</summary>
    Unsupported = 5,

    /// <summary>The worker is gone or unreachable.</summary>
    WorkerUnavailable = 6,

    /// <summary>A tenant policy refused the call (quota, rate).</summary>
    PolicyDenied = 7,

    /// <summary>
    /// A bound of the tenant's principal refused the call (its live objects): the guest answers with the API's own
    /// out-of-resources error.
    /// </summary>
    OutOfResources = 8,

    /// <summary>
    /// The worker refused a new channel (the principal has as many open as it may): the channel's only reply, with
    /// sequence 0, after which the worker has closed it. The guest drops the channel, answers the call with the API's
    /// out-of-resources error, and opens a new channel at the thread's next call.
    /// </summary>
    ChannelRefused = 9,
}
