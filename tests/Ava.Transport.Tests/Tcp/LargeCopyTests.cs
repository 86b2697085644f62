using System.Buffers.Binary;
using Ava.Transport.Native;
using Ava.Transport.Ring;
using Ava.Transport.Stream;
using Ava.Transport.Tcp;
using Ava.Transport.Wire;

namespace Ava.Transport.Tests.Tcp;

/// <summary>
/// Large copies over a TCP channel as the worker's chunked copies move them: a device-to-host copy's chunk records are
/// filled in turns with the pipe's second thread (<see cref="StreamPipe.FillStream"/>) and read by the guest straight
/// into one destination (<see cref="StreamPipe.ReadStream"/>); a host-to-device copy's are read ahead by that thread
/// while the worker visits the previous one (<see cref="StreamPipe.VisitStream"/>). Every byte must arrive where it
/// belongs, and lengths forged by either side must end the channel with a clean error.
/// </summary>
public sealed unsafe class LargeCopyTests
{
    private const int Chunk = (1 << 20) - RecordLayout.HeaderSize;

    public static TheoryData<int, string, Lz4Mode> Cases()
    {
        var data = new TheoryData<int, string, Lz4Mode>();
        foreach (var size in new[] { 1, 4095, Chunk, Chunk + 1, (3 << 20) + 5, (5 << 20) - 3 })
        {
            foreach (var kind in new[] { "random", "compressible" })
            {
                data.Add(size, kind, Lz4Mode.Auto);
            }
        }

        data.Add((2 << 20) + 7, "compressible", Lz4Mode.Always);
        data.Add((2 << 20) + 7, "random", Lz4Mode.Off);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FillStream_OverLz4FramedTcp_ArrivesByteIdentical_AndTheNextRecordStaysInStep(int size, string kind, Lz4Mode mode)
    {
        var source = Bytes(size, kind);
        using var link = TcpLink.Open(mode);
        var sent = new Thread(() =>
        {
            link.Worker.FillStream(size, new CopyFrom(source));
            var record = link.Worker.Reserve(32);
            new RecordWriter(record).WriteInt64(42);
            RecordLayout.WriteHeader(record, 32, 7, RecordFlags.Reply, 9, 0);
            link.Worker.Publish(32, wake: true);
        });
        sent.Start();

        // The guest's destination lies at an odd address, as an application's buffer may.
        var received = new byte[size + 3];
        fixed (byte* destination = received)
        {
            link.Guest.ReadStream(destination + 3, size);
        }

        var next = link.Guest.Read();
        Assert.True(sent.Join(30_000));
        Assert.True(source.AsSpan().SequenceEqual(received.AsSpan(3)), $"{size} {kind} bytes differ");
        Assert.Equal(9u, RecordLayout.ReadSequence(next));
        Assert.Equal(42, BinaryPrimitives.ReadInt64LittleEndian(next[RecordLayout.HeaderSize..]));
        if (kind == "compressible" && mode != Lz4Mode.Off && size > 64 * 1024)
        {
            Assert.True(link.WorkerSocket.WireBytesSent < size / 2, $"{link.WorkerSocket.WireBytesSent} wire bytes for {size} compressible ones");
        }
        else if (kind == "random")
        {
            // Incompressible bytes go raw: no more on the wire than the bytes and their headers.
            Assert.True(link.WorkerSocket.WireBytesSent <= size + (64L * (1 + (size / Chunk))) + 64, $"{link.WorkerSocket.WireBytesSent} wire bytes for {size} random ones");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void VisitStream_OfAGuestsWriteOverLz4FramedTcp_SeesEveryByteOnceInOrder_AndTheNextRecordStaysInStep(int size, string kind, Lz4Mode mode)
    {
        var source = Bytes(size, kind);
        using var link = TcpLink.Open(mode);
        var sent = new Thread(() =>
        {
            fixed (byte* from = source)
            {
                link.Guest.WriteStream(from, size);
            }

            var record = link.Guest.Reserve(32);
            RecordLayout.WriteHeader(record, 32, 7, RecordFlags.None, 11, 0);
            link.Guest.Publish(32, wake: true);
        });
        sent.Start();
        var collected = new CopyTo(size);
        link.Worker.VisitStream(size, collected);
        var next = link.Worker.Read();
        Assert.True(sent.Join(30_000));
        Assert.True(source.AsSpan().SequenceEqual(collected.Bytes), $"{size} {kind} bytes differ");
        Assert.Equal(11u, RecordLayout.ReadSequence(next));
    }

    [Fact]
    public void FillStream_PeerGoneMidStream_ClosesTheChannel_AndStopsFilling()
    {
        using var link = TcpLink.Open(Lz4Mode.Auto);
        var guestEnd = new Thread(() =>
        {
            var first = new byte[Chunk];
            fixed (byte* destination = first)
            {
                link.Guest.ReadStream(destination, Chunk);
            }

            link.GuestSocket.Dispose();
        });
        guestEnd.Start();
        var counting = new CountingFill();
        Assert.Throws<ChannelClosedException>(() => link.Worker.FillStream(256L << 20, counting));
        Assert.True(guestEnd.Join(30_000));
        Assert.True(counting.Chunks < 256, $"{counting.Chunks} chunks filled for a peer that left after one");
    }

    /// <summary>A hostile worker: chunk records whose header claims more than the stream owes, inside honest frames.</summary>
    [Theory]
    [InlineData(Chunk + RecordLayout.HeaderSize + 16)]
    [InlineData(0x7FFFFFF0)]
    [InlineData(0)]
    public void ReadStream_ForgedChunkLengthInsideARawFrame_IsRefused_AndNothingPastTheStreamIsWritten(int forged)
    {
        const int Owed = 4096;
        var frame = new byte[Lz4FramedSocket.HeaderSize + RecordLayout.HeaderSize + 8192];
        BinaryPrimitives.WriteInt32LittleEndian(frame, frame.Length - Lz4FramedSocket.HeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), frame.Length - Lz4FramedSocket.HeaderSize);
        RecordLayout.WriteHeader(frame.AsSpan(Lz4FramedSocket.HeaderSize), RecordLayout.HeaderSize + 8192, 0, RecordFlags.Chunk, 0, 0);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(Lz4FramedSocket.HeaderSize), forged);
        frame.AsSpan(Lz4FramedSocket.HeaderSize + RecordLayout.HeaderSize).Fill(0xEE);
        var destination = new byte[Owed + 64];
        Assert.IsType<MalformedRecordException>(ReadFrom(frame, destination, Owed));
        Assert.All(destination.AsSpan(Owed).ToArray(), b => Assert.Equal(0, b));
    }

    /// <summary>A hostile worker: a raw frame that claims more bytes than it brings, then the connection ends.</summary>
    [Fact]
    public void ReadStream_RawFrameCutShort_ClosesTheChannel()
    {
        var frame = new byte[Lz4FramedSocket.HeaderSize + RecordLayout.HeaderSize + 100];
        BinaryPrimitives.WriteInt32LittleEndian(frame, Lz4FramedSocket.MaxFrame);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), Lz4FramedSocket.MaxFrame);
        RecordLayout.WriteHeader(frame.AsSpan(Lz4FramedSocket.HeaderSize), RecordLayout.HeaderSize + 4096, 0, RecordFlags.Chunk, 0, 0);
        Assert.IsType<ChannelClosedException>(ReadFrom(frame, new byte[4096], 4096));
    }

    /// <summary>A hostile worker: frame lengths past the framing's limits, where a chunk's payload would be.</summary>
    [Theory]
    [InlineData(Lz4FramedSocket.MaxFrame + 1, Lz4FramedSocket.MaxFrame + 1)]
    [InlineData(9000, 8192)]
    [InlineData(0, 0)]
    public void ReadStream_ForgedFrameLengthAfterAChunkHeader_IsRefused(int wire, int raw)
    {
        var bytes = new byte[(2 * Lz4FramedSocket.HeaderSize) + RecordLayout.HeaderSize + 64];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, RecordLayout.HeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), RecordLayout.HeaderSize);
        RecordLayout.WriteHeader(bytes.AsSpan(Lz4FramedSocket.HeaderSize), RecordLayout.HeaderSize + 8192, 0, RecordFlags.Chunk, 0, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(Lz4FramedSocket.HeaderSize + RecordLayout.HeaderSize), wire);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(Lz4FramedSocket.HeaderSize + RecordLayout.HeaderSize + 4), raw);
        Assert.IsType<MalformedRecordException>(ReadFrom(bytes, new byte[8192], 8192));
    }

    /// <summary>A hostile guest: the worker's in-place reading of a streamed input refuses a chunk longer than owed.</summary>
    [Fact]
    public void VisitStream_ForgedChunkLengthFromTheGuest_IsRefused_BeforeTheVisitorSeesIt()
    {
        var frame = new byte[Lz4FramedSocket.HeaderSize + RecordLayout.HeaderSize + 64];
        BinaryPrimitives.WriteInt32LittleEndian(frame, frame.Length - Lz4FramedSocket.HeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), frame.Length - Lz4FramedSocket.HeaderSize);
        RecordLayout.WriteHeader(frame.AsSpan(Lz4FramedSocket.HeaderSize), RecordLayout.HeaderSize + (2 << 20), 0, RecordFlags.Chunk, 0, 0);
        var (ours, theirs) = UnixSocket.Pair();
        using var framed = new Lz4FramedSocket(ours, new Lz4Policy(Lz4Mode.Off));
        using var pipe = new StreamPipe(framed);
        using (theirs)
        {
            theirs.SendAll(frame);
            theirs.Shutdown();
        }

        var counting = new CountingFill();
        Assert.Throws<MalformedRecordException>(() => pipe.VisitStream(3 << 20, counting));
        Assert.Equal(0, counting.Chunks);
    }

    private static Exception? ReadFrom(byte[] wire, byte[] destination, int owed)
    {
        var (ours, theirs) = UnixSocket.Pair();
        using var framed = new Lz4FramedSocket(ours, new Lz4Policy(Lz4Mode.Off));
        using var pipe = new StreamPipe(framed);
        using (theirs)
        {
            theirs.SendAll(wire);
            theirs.Shutdown();
        }

        return Record.Exception(() =>
        {
            fixed (byte* target = destination)
            {
                pipe.ReadStream(target, owed);
            }
        });
    }

    private static byte[] Bytes(int size, string kind)
    {
        var bytes = new byte[size];
        if (kind == "random")
        {
            new Random(size).NextBytes(bytes);
        }
        else
        {
            for (var i = 0; i < size; i++)
            {
                bytes[i] = (byte)((i / 64) % 16);
            }
        }

        return bytes;
    }

    /// <summary>Fills each chunk from its place in a source array, checking that chunks come in order and fit a record.</summary>
    private sealed class CopyFrom(byte[] source) : IChunkVisitor
    {
        private long _next;

        public void Visit(byte* data, int length, long offset)
        {
            Assert.Equal(_next, offset);
            Assert.InRange(length, 1, Chunk);
            source.AsSpan((int)offset, length).CopyTo(new Span<byte>(data, length));
            _next = offset + length;
        }
    }

    /// <summary>Copies each chunk to its offset, checking that chunks come in order, each once, and fit a record.</summary>
    private sealed class CopyTo(int size) : IChunkVisitor
    {
        private long _next;

        public byte[] Bytes { get; } = new byte[size];

        public void Visit(byte* data, int length, long offset)
        {
            Assert.Equal(_next, offset);
            Assert.InRange(length, 1, Chunk);
            new ReadOnlySpan<byte>(data, length).CopyTo(Bytes.AsSpan((int)offset));
            _next = offset + length;
        }
    }

    private sealed class CountingFill : IChunkVisitor
    {
        public int Chunks { get; private set; }

        public void Visit(byte* data, int length, long offset)
        {
            new Span<byte>(data, length).Fill(0x3C);
            Chunks++;
        }
    }

    /// <summary>A worker end and a guest end of one TCP loopback connection, each a stream pipe over LZ4 framing.</summary>
    private sealed class TcpLink : IDisposable
    {
        private TcpLink(Lz4FramedSocket worker, Lz4FramedSocket guest)
        {
            WorkerSocket = worker;
            GuestSocket = guest;
            Worker = new StreamPipe(worker);
            Guest = new StreamPipe(guest);
        }

        public Lz4FramedSocket WorkerSocket { get; }

        public Lz4FramedSocket GuestSocket { get; }

        public StreamPipe Worker { get; }

        public StreamPipe Guest { get; }

        public static TcpLink Open(Lz4Mode mode)
        {
            using var listener = TcpSocket.Listen("127.0.0.1", 0, out var port);
            var guest = TcpSocket.Connect("127.0.0.1", port);
            var worker = listener.Accept();
            TcpSocket.Tune(worker.Fd);
            return new TcpLink(new Lz4FramedSocket(worker, new Lz4Policy(mode)), new Lz4FramedSocket(guest, new Lz4Policy(mode)));
        }

        public void Dispose()
        {
            Worker.Dispose();
            Guest.Dispose();
            WorkerSocket.Dispose();
            GuestSocket.Dispose();
        }
    }
}
