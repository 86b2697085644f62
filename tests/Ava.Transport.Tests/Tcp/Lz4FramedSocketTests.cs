using System.Buffers.Binary;
using Ava.Transport.Native;
using Ava.Transport.Stream;
using Ava.Transport.Tcp;
using Ava.Transport.Wire;

namespace Ava.Transport.Tests.Tcp;

/// <summary>LZ4 framing read from a hostile peer: both length fields and the block itself are checked.</summary>
public sealed class Lz4FramedSocketTests
{
    private static Exception? Receive(byte[] wire, int want = 64)
    {
        var (ours, theirs) = UnixSocket.Pair();
        using var framed = new Lz4FramedSocket(ours, new Lz4Policy(Lz4Mode.Off));
        using (theirs)
        {
            theirs.SendAll(wire);
            theirs.Shutdown();
        }

        return Record.Exception(() => framed.ReceiveExactly(new byte[want]));
    }

    private static byte[] Header(uint wire, uint raw, int payload = 0)
    {
        var bytes = new byte[Lz4FramedSocket.HeaderSize + payload];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, wire);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), raw);
        return bytes;
    }

    [Theory]
    [InlineData(0u, 0u)]
    [InlineData(64u, 0u)]
    [InlineData(65u, 64u)]
    [InlineData(0x80000000u, 0x80000000u)]
    [InlineData(0xFFFFFFFFu, 0xFFFFFFFFu)]
    [InlineData(16u, (uint)Lz4FramedSocket.MaxFrame + 1)]
    public void ReceiveExactly_FrameLengthsOutOfRange_AreRefused(uint wire, uint raw) =>
        Assert.IsType<MalformedRecordException>(Receive(Header(wire, raw, 64)));

    [Fact]
    public void ReceiveExactly_BlockThatDoesNotDecodeToItsRawLength_IsRefused()
    {
        // A literal run that claims far more bytes than the block holds.
        var frame = Header(8, 4096, 8);
        frame.AsSpan(Lz4FramedSocket.HeaderSize).Fill(0xFF);
        Assert.IsType<MalformedRecordException>(Receive(frame));
    }

    [Fact]
    public void StreamPipe_OverAMalformedFrame_RefusesTheRecord_NotTheProcess()
    {
        var (ours, theirs) = UnixSocket.Pair();
        using var framed = new Lz4FramedSocket(ours, new Lz4Policy(Lz4Mode.Off));
        using var pipe = new StreamPipe(framed);
        using (theirs)
        {
            theirs.SendAll(Header(0xFFFFFFFF, 16, 16));
            theirs.Shutdown();
        }

        Assert.Throws<MalformedRecordException>(() => pipe.Read());
    }
}
