using System.Buffers.Binary;
using Ava.Transport.Native;
using Ava.Transport.Ring;
using Ava.Transport.Stream;
using Ava.Transport.Wire;

namespace Ava.Transport.Tests.Stream;

/// <summary>A byte-stream channel read by the worker from a hostile guest: lengths that lie are refused before any receive.</summary>
public sealed unsafe class StreamPipeHostileTests
{
    /// <summary>A valid 32-byte record followed by a bare header whose length is <paramref name="length"/>.</summary>
    private static byte[] ValidThenHeader(uint length, RecordFlags flags = RecordFlags.None)
    {
        var bytes = new byte[48];
        var w = new RecordWriter(bytes);
        w.WriteInt64(7);
        w.WriteInt64(8);
        RecordLayout.WriteHeader(bytes, w.Finish(1, RecordFlags.None, 1, 0), 1, RecordFlags.None, 1, 0);
        RecordLayout.WriteHeader(bytes.AsSpan(32), 0, 3, flags, 2, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(32), length);
        return bytes;
    }

    [Theory]
    [InlineData(0x7FFFFFF1u)]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0x80000000u)]
    [InlineData(0xFFFFFFF1u)]
    [InlineData(0xFFFFFFFFu)]
    [InlineData((1u << 20) + 1)]
    [InlineData(15u)]
    [InlineData(0u)]
    public void Read_LengthPastTheRecordLimitOrBelowAHeader_IsRefusedBeforeAnyReceive(uint length)
    {
        var socket = new ScriptedSocket(ValidThenHeader(length), largestReceive: 1 << 20);
        using var pipe = new StreamPipe(socket);
        Assert.Equal(32, pipe.Read().Length);
        Assert.Throws<MalformedRecordException>(() => pipe.Read());
        Assert.True(socket.LargestReceive <= 1 << 20);
    }

    [Fact]
    public void Read_RecordOfExactlyTheLimit_IsAccepted()
    {
        var bytes = new byte[1 << 20];
        RecordLayout.WriteHeader(bytes, bytes.Length, 1, RecordFlags.None, 1, 0);
        using var pipe = new StreamPipe(new ScriptedSocket(bytes));
        Assert.Equal(bytes.Length, pipe.Read().Length);
    }

    [Theory]
    [InlineData(0x7FFFFFF1u)]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(16u)]
    [InlineData(17u + 100)]
    public void ReadStream_ChunkLengthPastWhatTheStreamOwes_IsRefused(uint length)
    {
        var bytes = new byte[64];
        RecordLayout.WriteHeader(bytes, 0, 0, RecordFlags.Chunk, 0, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, length);
        using var pipe = new StreamPipe(new ScriptedSocket(bytes, largestReceive: 1 << 20));
        var destination = new byte[100];
        fixed (byte* d = destination)
        {
            var at = d;
            Assert.Throws<MalformedRecordException>(() => pipe.ReadStream(at, destination.Length));
        }
    }

    [Fact]
    public void VisitStream_AndSkipStream_RefuseAChunkThatClaimsTwoGigabytes()
    {
        var bytes = new byte[32];
        RecordLayout.WriteHeader(bytes, 0, 0, RecordFlags.Chunk, 0, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0x7FFFFFF1);
        using (var pipe = new StreamPipe(new ScriptedSocket(bytes, largestReceive: 1 << 20)))
        {
            Assert.Throws<MalformedRecordException>(() => pipe.VisitStream(long.MaxValue, new Discard()));
        }

        using (var pipe = new StreamPipe(new ScriptedSocket(bytes, largestReceive: 1 << 20)))
        {
            Assert.Throws<MalformedRecordException>(() => pipe.SkipStream(long.MaxValue));
        }
    }

    [Fact]
    public void ChunkWithoutItsChunkFlag_IsRefused()
    {
        var bytes = new byte[32];
        RecordLayout.WriteHeader(bytes, 32, 0, RecordFlags.None, 0, 0);
        using var pipe = new StreamPipe(new ScriptedSocket(bytes));
        Assert.Throws<MalformedRecordException>(() => pipe.SkipStream(16));
    }

    [Fact]
    public void WriteStream_ToAPeerThatClosed_ClosesTheChannel_InsteadOfThrowingEpipe()
    {
        var (ours, theirs) = UnixSocket.Pair();
        using (ours)
        {
            theirs.Dispose();
            using var pipe = new StreamPipe(ours);
            var payload = new byte[4 << 20];
            fixed (byte* p = payload)
            {
                var source = p;
                Assert.Throws<ChannelClosedException>(() => pipe.WriteStream(source, payload.Length));
            }
        }
    }

    [Fact]
    public void WriteStream_ToAPeerThatStopsReadingAndLeaves_ClosesTheChannel()
    {
        // The guest reads nothing of a large output, then exits: the send blocked on a full socket fails with EPIPE.
        var (ours, theirs) = UnixSocket.Pair();
        using (ours)
        {
            using var pipe = new StreamPipe(ours);
            var payload = new byte[16 << 20];
            Exception? error = null;
            var writer = new Thread(() =>
            {
                fixed (byte* p = payload)
                {
                    try
                    {
                        pipe.WriteStream(p, payload.Length);
                    }
                    catch (Exception e)
                    {
                        error = e;
                    }
                }
            });
            writer.Start();
            Thread.Sleep(100);
            theirs.Dispose();
            Assert.True(writer.Join(10_000));
            Assert.IsType<ChannelClosedException>(error);
        }
    }

    [Fact]
    public void FillStream_AndFlush_ToAPeerThatClosed_CloseTheChannel()
    {
        var (ours, theirs) = UnixSocket.Pair();
        using (ours)
        {
            theirs.Dispose();
            using var pipe = new StreamPipe(ours);
            Assert.Throws<ChannelClosedException>(() => pipe.FillStream(1 << 20, new Discard()));
            var record = pipe.Reserve(16);
            RecordLayout.WriteHeader(record, 16, 1, RecordFlags.None, 1, 0);
            Assert.Throws<ChannelClosedException>(() => pipe.Publish(16, wake: true));
        }
    }

    private sealed class Discard : IChunkVisitor
    {
        public void Visit(byte* data, int length, long offset)
        {
        }
    }
}
