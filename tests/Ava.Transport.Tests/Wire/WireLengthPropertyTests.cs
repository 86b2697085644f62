using Ava.Transport.Wire;
using CsCheck;

namespace Ava.Transport.Tests.Wire;

/// <summary>
/// <see cref="WireLength"/> and <see cref="Planner"/> against models in 128-bit arithmetic, over every peer-given
/// value (biased to the edges of a header, of 31 and 32 bits and of the room): each check accepts exactly the values
/// the model accepts, returns the model's size, and refuses the rest with <see cref="MalformedRecordException"/>.
/// </summary>
public sealed class WireLengthPropertyTests
{
    private const long Iterations = 20_000;

    private static readonly Gen<uint> PeerLength = Gen.Frequency<uint>(
        (2, Gen.UInt),
        (2, Gen.UInt[0, 4096]),
        (1, Gen.OneOf(0u, 1u, 15u, 16u, 17u, 31u, 32u, 0x7FFFFFEFu, 0x7FFFFFF0u, 0x7FFFFFF1u, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFF0u, 0xFFFFFFF1u, uint.MaxValue)));

    private static readonly Gen<long> Room = Gen.Frequency<long>(
        (2, Gen.Long),
        (2, Gen.Long[0, 8192]),
        (1, Gen.OneOf(0L, 15L, 16L, 32L, int.MaxValue - 15L, int.MaxValue, (long)int.MaxValue + 1, uint.MaxValue, long.MaxValue, -1L, long.MinValue)));

    private static readonly Gen<long> Signed = Gen.Frequency<long>(
        (2, Gen.Long),
        (2, Gen.Long[-16, 8192]),
        (1, Gen.OneOf(0L, 1L, -1L, int.MaxValue, long.MaxValue, long.MaxValue - 1, long.MinValue)));

    [Fact]
    public void Record_AcceptsExactlyALengthOfAHeaderOrMoreWhosePaddingFitsTheRoom()
    {
        Gen.Select(PeerLength, Room).Sample((length, room) =>
        {
            var padded = ((Int128)length + 15) / 16 * 16;
            var fits = length >= RecordLayout.HeaderSize && padded <= Math.Min(room, int.MaxValue);
            Check(fits, (long)padded, () => WireLength.Record(length, room));
        }, iter: Iterations);
    }

    [Fact]
    public void Frame_AcceptsExactlyALengthOfAHeaderOrMoreWithinTheRoom()
    {
        Gen.Select(PeerLength, Room).Sample((length, room) =>
        {
            var fits = length >= RecordLayout.HeaderSize && length <= Math.Min(room, int.MaxValue);
            Check(fits, length, () => WireLength.Frame(length, room));
        }, iter: Iterations);
    }

    [Fact]
    public void Chunk_AcceptsExactlyAFlaggedChunkOfOneToRemainingBytesThatFitsTheRoom()
    {
        var flags = Gen.OneOf(RecordFlags.Chunk, RecordFlags.None, RecordFlags.Chunk | RecordFlags.Async, RecordFlags.Pad, (RecordFlags)ushort.MaxValue);
        Gen.Select(flags, PeerLength, Signed, Room).Sample((flag, length, remaining, room) =>
        {
            var payload = (Int128)length - RecordLayout.HeaderSize;
            var padded = ((Int128)length + 15) / 16 * 16;
            var fits = (flag & RecordFlags.Chunk) != 0 && payload >= 1 && payload <= remaining && padded <= Math.Min(room, int.MaxValue);
            Check(fits, (long)payload, () => WireLength.Chunk(flag, length, remaining, room));
        }, iter: Iterations);
    }

    [Fact]
    public void Lz4Frame_AcceptsExactlyARawLengthWithinTheLimitAndNoMoreWireBytesThanRaw()
    {
        Gen.Select(PeerLength, PeerLength, Gen.Int[1, int.MaxValue]).Sample((wire, raw, maxRaw) =>
        {
            var fits = raw >= 1 && raw <= maxRaw && wire >= 1 && wire <= raw;
            Check(fits, 0, () =>
            {
                WireLength.Lz4Frame(wire, raw, maxRaw);
                return 0;
            });
        }, iter: Iterations);
    }

    [Fact]
    public void Fits_AgreesWithExactArithmetic()
    {
        Gen.Select(Signed, Signed, Signed).Sample((offset, length, available) =>
        {
            var model = offset >= 0 && length >= 0 && (Int128)offset + length <= available;
            Assert.Equal(model, WireLength.Fits(offset, length, available));
        }, iter: Iterations);
    }

    [Fact]
    public void Planner_KeepsABufferInlineExactlyWhileTheRecordFitsItsBudget()
    {
        Gen.Int[RecordLayout.HeaderSize, 1 << 20].SelectMany(budget => Gen.Select(Gen.Int[RecordLayout.HeaderSize, budget], Signed, Gen.Const(budget)))
            .Sample((total, bytes, limit) =>
            {
                var before = total;
                var mode = Planner.Plan(bytes, ref total, limit);
                var inline = before + ((Int128)bytes + 7) / 8 * 8;
                var expected = bytes < 0 ? BufferMode.Null : inline <= limit ? BufferMode.Inline : BufferMode.Streamed;
                Assert.Equal(expected, mode);
                Assert.Equal(mode == BufferMode.Inline ? (int)inline : before, total);
                Assert.InRange(total, RecordLayout.HeaderSize, limit);
            }, iter: Iterations);
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MaxValue - 6)]
    [InlineData(long.MaxValue - 7)]
    public void Planner_LengthWhosePaddingWouldWrap_IsStreamedAndLeavesTheTotal(long bytes)
    {
        var total = RecordLayout.HeaderSize;
        Assert.Equal(BufferMode.Streamed, Planner.Plan(bytes, ref total, 1 << 20));
        Assert.Equal(RecordLayout.HeaderSize, total);
    }

    /// <summary>Either the model accepts and the check returns its value, or the check refuses with the wire's error.</summary>
    private static void Check(bool fits, long expected, Func<int> check)
    {
        if (fits)
        {
            Assert.Equal(expected, check());
        }
        else
        {
            Assert.Throws<MalformedRecordException>(() => check());
        }
    }
}
