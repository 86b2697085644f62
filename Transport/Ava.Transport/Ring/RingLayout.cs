namespace Ava.Transport.Ring;

/// <summary>
/// Every offset of a shared-memory channel segment. The guest creates the segment (memfd), maps it, and passes
/// the fd to the worker, which maps it too. Two single-producer/single-consumer rings live in it: requests
/// (guest produces, worker consumes) and replies (worker produces, guest consumes).
/// </summary>
/// <remarks>
/// <code>
/// segment:
///   0                    SegmentHeader: magic u32, version u32, ring capacity u32, reserved
///   ControlOffset(0)     request ring control block   (ControlSize bytes)
///   ControlOffset(1)     reply ring control block
///   DataOffset           request ring data (capacity bytes, a power of two)
///   DataOffset+capacity  reply ring data
///
/// ring control block: each word on its own 128-byte line pair, so the producer's and the consumer's
/// stores never share a cache line (x86 prefetches lines in pairs).
///   +0    ProducerPosition u64   bytes ever published (written by the producer only)
///   +128  ConsumerPosition u64   bytes ever released  (written by the consumer only)
///   +256  ConsumerWaiting  i32   1 while the consumer sleeps (set by the consumer)
///   +260  DataSignal       i32   futex word: bumped by the producer to wake the consumer
///   +384  ProducerWaiting  i32   1 while the producer sleeps for space (set by the producer)
///   +388  SpaceSignal      i32   futex word: bumped by the consumer to wake the producer
///
/// ring data: frames at 16-byte aligned positions. A frame never wraps: when it does not fit before the end, a pad
/// frame fills the rest and the frame starts at offset 0.
///   +0    End   u64   the position after this frame: the commit word, stored last with release semantics
///   +8    Kind  u64   0: a record follows (see Wire.RecordLayout); FramePad: filler to the end of the data area
///   +16   the record, padded to RecordAlignment
/// The consumer polls the End word of the frame at its position, so a record costs it the one cache line the record
/// starts in, not that line and the position word's. A frame's End word reads 0 until the frame is committed: the
/// producer zeroes the End word after a frame before it commits the frame (the ring starts zeroed), so bytes left from
/// an earlier lap never look like a frame. ProducerPosition is still stored after each commit, for the producer's own
/// accounting and for sleeping: a consumer that sleeps looks at the End word once more after it said so (Dekker).
/// The consumer releases space through ConsumerPosition with release semantics.
/// </code>
/// Positions are positions in an infinite stream; offset = position &amp; (capacity - 1). The worker treats
/// every word written by the guest as hostile and validates it (see SpscRing).
/// </remarks>
public static class RingLayout
{
    /// <summary>"AVAR" little-endian.</summary>
    public const uint Magic = 0x52415641;

    /// <summary>Layout version; bump on any change here.</summary>
    public const uint Version = 2;

    /// <summary>Offset of the magic.</summary>
    public const int MagicOffset = 0;

    /// <summary>Offset of the version.</summary>
    public const int VersionOffset = 4;

    /// <summary>Offset of the per-ring capacity.</summary>
    public const int CapacityOffset = 8;

    /// <summary>Size of the segment header.</summary>
    public const int HeaderSize = 128;

    /// <summary>Size of one ring control block.</summary>
    public const int ControlSize = 512;

    /// <summary>Producer position within a control block.</summary>
    public const int ProducerPosition = 0;

    /// <summary>Consumer position within a control block.</summary>
    public const int ConsumerPosition = 128;

    /// <summary>Consumer-sleeping flag within a control block.</summary>
    public const int ConsumerWaiting = 256;

    /// <summary>Futex word the consumer sleeps on.</summary>
    public const int DataSignal = 260;

    /// <summary>Producer-sleeping flag within a control block.</summary>
    public const int ProducerWaiting = 384;

    /// <summary>Futex word the producer sleeps on.</summary>
    public const int SpaceSignal = 388;

    /// <summary>Size of a frame's header (End, Kind) before its record.</summary>
    public const int FrameHeaderSize = 16;

    /// <summary>Offset of a frame's End word (u64, the commit word).</summary>
    public const int FrameEndOffset = 0;

    /// <summary>Offset of a frame's Kind word (u64).</summary>
    public const int FrameKindOffset = 8;

    /// <summary>Frame kind: filler to the end of the data area, no record.</summary>
    public const long FramePad = 1;

    /// <summary>Start of the ring data areas; page aligned so each ring starts on its own page.</summary>
    public const int DataOffset = 4096;

    /// <summary>Smallest ring capacity.</summary>
    public const int MinCapacity = 64 * 1024;

    /// <summary>Largest ring capacity.</summary>
    public const int MaxCapacity = 64 * 1024 * 1024;

    /// <summary>Control block of ring <paramref name="ring"/> (0 = requests, 1 = replies).</summary>
    public static int ControlOffset(int ring) => HeaderSize + (ring * ControlSize);

    /// <summary>Data area of ring <paramref name="ring"/>.</summary>
    public static long DataAreaOffset(int ring, int capacity) => DataOffset + ((long)ring * capacity);

    /// <summary>Total segment size for rings of <paramref name="capacity"/> bytes.</summary>
    public static long SegmentSize(int capacity) => DataOffset + (2L * capacity);

    /// <summary>Whether <paramref name="capacity"/> is a valid ring capacity.</summary>
    public static bool IsValidCapacity(int capacity) =>
        capacity >= MinCapacity && capacity <= MaxCapacity && (capacity & (capacity - 1)) == 0;
}
