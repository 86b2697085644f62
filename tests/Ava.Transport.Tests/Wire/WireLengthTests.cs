using Ava.Transport.Wire;

namespace Ava.Transport.Tests.Wire;

/// <summary>The one check of peer-given lengths: at the edges of 32 bits, of a header, and of the room.</summary>
public sealed class WireLengthTests
{
    [Theory]
    [InlineData(16u, 16L, 16)]
    [InlineData(17u, 32L, 32)]
    [InlineData(0x7FFFFFF0u, 0x7FFFFFF0L, 0x7FFFFFF0)]
    public void Record_LengthWhosePaddingFits_ReturnsThePaddedLength(uint length, long room, int padded) =>
        Assert.Equal(padded, WireLength.Record(length, room));

    [Theory]
    [InlineData(0u, 1L << 20)]
    [InlineData(15u, 1L << 20)]
    [InlineData(17u, 31L)]
    [InlineData(0x7FFFFFF1u, 1L << 20)]
    [InlineData(0x7FFFFFF1u, int.MaxValue)]
    [InlineData(0xFFFFFFF1u, 1L << 20)]
    [InlineData(0xFFFFFFFFu, long.MaxValue - 16)]
    public void Record_LengthBelowAHeaderOrPaddedPastTheRoom_Throws(uint length, long room) =>
        Assert.Throws<MalformedRecordException>(() => WireLength.Record(length, room));

    [Theory]
    [InlineData(0x80000000u)]
    [InlineData(0xFFFFFFFFu)]
    public void Frame_LengthPastInt32_ThrowsWhateverTheRoom(uint length) =>
        Assert.Throws<MalformedRecordException>(() => WireLength.Frame(length, long.MaxValue));

    [Theory]
    [InlineData(RecordFlags.Chunk, 16u, 100L)]
    [InlineData(RecordFlags.Chunk, 117u, 100L)]
    [InlineData(RecordFlags.Chunk, 0xFFFFFFFFu, long.MaxValue)]
    [InlineData(RecordFlags.None, 32u, 100L)]
    [InlineData(RecordFlags.Chunk, 32u, -1L)]
    public void Chunk_WithoutPayloadFlagOrPastWhatIsOwed_Throws(RecordFlags flags, uint length, long remaining) =>
        Assert.Throws<MalformedRecordException>(() => WireLength.Chunk(flags, length, remaining, 1 << 20));

    [Fact]
    public void Chunk_WithinWhatIsOwed_ReturnsItsPayload() =>
        Assert.Equal(100, WireLength.Chunk(RecordFlags.Chunk, 116, 100, 1 << 20));

    [Theory]
    [InlineData(0u, 8u)]
    [InlineData(8u, 0u)]
    [InlineData(9u, 8u)]
    [InlineData(8u, (4u << 20) + 1)]
    [InlineData(0x80000000u, 0x80000000u)]
    [InlineData(0xFFFFFFFFu, 16u)]
    public void Lz4Frame_EmptyOversizedOrExpanding_Throws(uint wire, uint raw) =>
        Assert.Throws<MalformedRecordException>(() => WireLength.Lz4Frame(wire, raw, 4 << 20));

    [Theory]
    [InlineData(0L, 0L, 0L, true)]
    [InlineData(8L, 8L, 16L, true)]
    [InlineData(9L, 8L, 16L, false)]
    [InlineData(-1L, 1L, 16L, false)]
    [InlineData(1L, -1L, 16L, false)]
    [InlineData(long.MaxValue, long.MaxValue, 16L, false)]
    [InlineData(8L, long.MaxValue, 16L, false)]
    public void Fits_OffsetAndLength_AreCheckedWithoutWrapping(long offset, long length, long available, bool fits) =>
        Assert.Equal(fits, WireLength.Fits(offset, length, available));

    [Fact]
    public void RecordReader_LengthFieldLongerThanTheSpan_Throws()
    {
        var bytes = new byte[32];
        RecordLayout.WriteHeader(bytes, -1, 1, RecordFlags.None, 1, 0);
        Assert.Throws<MalformedRecordException>(() => new RecordReader(bytes));
    }

    [Fact]
    public void RecordReader_InlineBufferPastTheRecordOrStrayDescriptorBits_Throws()
    {
        var bytes = new byte[32];
        var w = new RecordWriter(bytes);
        w.WriteInt64(long.MaxValue);
        RecordLayout.WriteHeader(bytes, w.Length, 1, RecordFlags.None, 1, 0);
        Assert.Throws<MalformedRecordException>(() => new RecordReader(bytes).ReadBuffer(out _, out _));

        w = new RecordWriter(bytes);
        w.WriteUInt64(RecordLayout.StreamedBit | RecordLayout.CapacityBit | 8);
        Assert.Throws<MalformedRecordException>(() => new RecordReader(bytes).ReadBuffer(out _, out _));

        w = new RecordWriter(bytes);
        w.WriteUInt64((1UL << 63) | RecordLayout.StreamedBit | 8);
        Assert.Throws<MalformedRecordException>(() => new RecordReader(bytes).ReadBuffer(out _, out _));
    }
}
