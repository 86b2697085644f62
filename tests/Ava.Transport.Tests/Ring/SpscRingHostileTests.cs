using System.Buffers.Binary;
using Ava.Transport.Native;
using Ava.Transport.Ring;
using Ava.Transport.Wire;

namespace Ava.Transport.Tests.Ring;

/// <summary>
/// The worker's side of a shared-memory ring whose every word the guest may have written: a record is handed out only
/// when it lies inside the ring, within the bytes published and within the record limit.
/// </summary>
public sealed unsafe class SpscRingHostileTests : IDisposable
{
    private const int Capacity = 1 << 20;
    private readonly SharedSegment _segment = SharedSegment.Create("ring-hostile-test", RingLayout.SegmentSize(Capacity));

    public SpscRingHostileTests() => SpscRing.InitializeSegment(_segment.Base, Capacity);

    private byte* Data => _segment.Base + RingLayout.DataAreaOffset(0, Capacity);

    private ref long ProducerPosition => ref *(long*)(_segment.Base + RingLayout.ControlOffset(0) + RingLayout.ProducerPosition);

    public void Dispose() => _segment.Dispose();

    private SpscRing Consumer() => new(_segment.Base, 0, Capacity, new GonePeer(), new WaitPolicy(0, 1));

    /// <summary>Writes <paramref name="header"/> at ring offset 0 and publishes <paramref name="published"/> bytes.</summary>
    private void Publish(ReadOnlySpan<byte> header, long published)
    {
        header.CopyTo(new Span<byte>(Data, header.Length));
        ProducerPosition = published;
    }

    [Fact]
    public void TryRead_HeaderOfTwoGigabytesWithTheStreamedFlag_IsRefused()
    {
        // length 0x7FFFFFFF, function 3, flags HasStreamed, sequence 2, status 0: padded, the length once wrapped to int.MinValue.
        Publish(Convert.FromHexString("ffffff7f0300800002000000" + "00000000"), 64);
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
        Publish(header, Capacity / 4);
        Assert.True(Consumer().TryRead(out var record));
        Assert.Equal(Capacity / 4, record.Length);
    }

    [Fact]
    public void TryRead_RecordLongerThanWhatWasPublished_IsRefused()
    {
        var header = new byte[16];
        RecordLayout.WriteHeader(header, 48, 1, RecordFlags.None, 1, 0);
        Publish(header, 32);
        Assert.Throws<MalformedRecordException>(() => Consumer().TryRead(out _));
    }

    [Fact]
    public void TryRead_PadRecordThatDoesNotEndAtTheRingsEnd_IsRefused()
    {
        var header = new byte[16];
        RecordLayout.WriteHeader(header, 64, 0, RecordFlags.Pad, 0, 0);
        Publish(header, Capacity);
        Assert.Throws<MalformedRecordException>(() => Consumer().TryRead(out _));
    }

    [Theory]
    [InlineData(-16L)]
    [InlineData(Capacity + 16L)]
    [InlineData(24L)]
    [InlineData(long.MinValue)]
    public void TryRead_ProducerPositionBehindOrPastTheRingOrUnaligned_IsRefused(long position)
    {
        Publish(new byte[16], position);
        Assert.Throws<MalformedRecordException>(() => Consumer().TryRead(out _));
    }

    [Fact]
    public void ReadStream_ChunkClaimingMoreThanTheStreamOwes_IsRefused_AndNothingPastTheDestinationIsWritten()
    {
        var chunk = new byte[64];
        RecordLayout.WriteHeader(chunk, 64, 0, RecordFlags.Chunk, 0, 0);
        Publish(chunk, 64);
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
        Publish(chunk, 32);
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
