using System.Buffers.Binary;
using Ava.Transport.Native;
using Ava.Transport.Ring;
using Ava.Transport.Wire;

namespace Ava.Transport.Tests.Ring;

/// <summary>
/// The worker's side of a shared-memory ring whose every word the guest may have written: a record is handed out only
/// when it lies inside the ring, within its frame and within the record limit.
/// </summary>
public sealed unsafe class SpscRingHostileTests : IDisposable
{
    private const int Capacity = 1 << 20;
    private readonly SharedSegment _segment = SharedSegment.Create("ring-hostile-test", RingLayout.SegmentSize(Capacity));

    public SpscRingHostileTests() => SpscRing.InitializeSegment(_segment.Base, Capacity);

    private byte* Data => _segment.Base + RingLayout.DataAreaOffset(0, Capacity);

    public void Dispose() => _segment.Dispose();

    private SpscRing Consumer() => new(_segment.Base, 0, Capacity, new GonePeer(), new WaitPolicy(0, 1));

    /// <summary>
    /// Writes a frame at ring offset 0 whose End word says it takes <paramref name="frame"/> bytes, of kind
    /// <paramref name="kind"/>, with <paramref name="record"/> after its header.
    /// </summary>
    private void Publish(ReadOnlySpan<byte> record, long frame, long kind = 0)
    {
        record.CopyTo(new Span<byte>(Data + RingLayout.FrameHeaderSize, record.Length));
        *(long*)(Data + RingLayout.FrameKindOffset) = kind;
        *(long*)(Data + RingLayout.FrameEndOffset) = frame;
    }

    /// <summary>A frame's length: its header and the record padded.</summary>
    private static long Frame(int record) => RingLayout.FrameHeaderSize + RecordLayout.AlignRecord(record);

    [Fact]
    public void TryRead_HeaderOfTwoGigabytesWithTheStreamedFlag_IsRefused()
    {
        // length 0x7FFFFFFF, function 3, flags HasStreamed, sequence 2, status 0: padded, the length once wrapped to int.MinValue.
        Publish(Convert.FromHexString("ffffff7f0300800002000000" + "00000000"), Frame(64));
        Assert.Throws<MalformedRecordException>(() => Consumer().TryRead(out _));
    }

    [Theory]
    [InlineData(0x7FFFFFF1u)]
    [InlineData(0x80000000u)]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(Capacity + 16u)]
    [InlineData((Capacity / 4) + 16u)]
    [InlineData(15u)]
    [InlineData(0u)]
    public void TryRead_LengthOutsideHeaderToRecordLimit_IsRefused(uint length)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(header, length);
        Publish(header, Capacity);
        Assert.Throws<MalformedRecordException>(() => Consumer().TryRead(out _));
    }

    [Fact]
    public void TryRead_RecordOfTheRecordLimit_IsHandedOutWhole()
    {
        var header = new byte[16];
        RecordLayout.WriteHeader(header, Capacity / 4, 1, RecordFlags.None, 1, 0);
        Publish(header, Frame(Capacity / 4));
        Assert.True(Consumer().TryRead(out var record));
        Assert.Equal(Capacity / 4, record.Length);
    }

    [Fact]
    public void TryRead_RecordLongerThanWhatWasPublished_IsRefused()
    {
        var header = new byte[16];
        RecordLayout.WriteHeader(header, 48, 1, RecordFlags.None, 1, 0);
        Publish(header, Frame(32));
        Assert.Throws<MalformedRecordException>(() => Consumer().TryRead(out _));
    }

    [Fact]
    public void TryRead_PadFrameThatDoesNotEndAtTheRingsEnd_IsRefused()
    {
        Publish([], 64, RingLayout.FramePad);
        Assert.Throws<MalformedRecordException>(() => Consumer().TryRead(out _));
    }

    [Fact]
    public void TryRead_FrameOfAnUnknownKind_IsRefused()
    {
        var header = new byte[16];
        RecordLayout.WriteHeader(header, 16, 1, RecordFlags.None, 1, 0);
        Publish(header, Frame(16), kind: 2);
        Assert.Throws<MalformedRecordException>(() => Consumer().TryRead(out _));
    }

    [Theory]
    [InlineData(-16L)]
    [InlineData(Capacity + 16L)]
    [InlineData(24L)]
    [InlineData(8L)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void TryRead_FrameEndBehindPastTheRingUnalignedOrShort_IsRefused(long end)
    {
        var header = new byte[16];
        RecordLayout.WriteHeader(header, 16, 1, RecordFlags.None, 1, 0);
        Publish(header, end);
        Assert.Throws<MalformedRecordException>(() => Consumer().TryRead(out _));
    }

    [Fact]
    public void TryRead_FrameWithNoRoomForARecordHeader_IsRefused()
    {
        Publish([], RingLayout.FrameHeaderSize);
        Assert.Throws<MalformedRecordException>(() => Consumer().TryRead(out _));
    }

    [Fact]
    public void ReadStream_ChunkClaimingMoreThanTheStreamOwes_IsRefused_AndNothingPastTheDestinationIsWritten()
    {
        var chunk = new byte[64];
        RecordLayout.WriteHeader(chunk, 64, 0, RecordFlags.Chunk, 0, 0);
        Publish(chunk, Frame(64));
        var destination = new byte[48 + 16];
        destination.AsSpan(32).Fill(0xEE);
        fixed (byte* d = destination)
        {
            var at = d;
            Assert.Throws<MalformedRecordException>(() => Consumer().ReadStream(at, 32));
        }

        Assert.All(destination[32..], b => Assert.Equal(0xEE, b));
    }

    [Fact]
    public void ReadStream_PeerGoneBeforeTheStreamEnds_ClosesTheChannel()
    {
        var chunk = new byte[32];
        RecordLayout.WriteHeader(chunk, 32, 0, RecordFlags.Chunk, 0, 0);
        Publish(chunk, Frame(32));
        var destination = new byte[64];
        fixed (byte* d = destination)
        {
            var at = d;
            Assert.Throws<ChannelClosedException>(() => Consumer().ReadStream(at, 64));
        }
    }

    [Fact]
    public void ValidateSegment_CapacityLargerThanTheMapping_IsRefused()
    {
        *(int*)(_segment.Base + RingLayout.CapacityOffset) = RingLayout.MaxCapacity;
        Assert.Throws<MalformedRecordException>(() => SpscRing.ValidateSegment(_segment.Base, _segment.Size));
        *(int*)(_segment.Base + RingLayout.CapacityOffset) = Capacity + 1;
        Assert.Throws<MalformedRecordException>(() => SpscRing.ValidateSegment(_segment.Base, _segment.Size));
    }

    /// <summary>A peer that is already gone, so a wait for more data ends at once.</summary>
    private sealed class GonePeer : IPeerMonitor
    {
        public bool PeerAlive() => false;
    }
}
