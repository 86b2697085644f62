using Ava.Transport.Native;
using Ava.Transport.Stream;

namespace Ava.Transport.Tests.Stream;

/// <summary>Streams over a socket visited and filled in place, chunk by chunk, as the worker's chunked copies use them.</summary>
public sealed unsafe class StreamPipeTests
{
    [Fact]
    public void VisitStream_HandsEveryByteOnce_InOrder_InChunksNoLargerThanARecord()
    {
        var payload = new byte[(3 << 20) + 77];
        new Random(11).NextBytes(payload);
        (UnixSocket a, UnixSocket b) = UnixSocket.Pair();
        using (a)
        using (b)
        using (var producer = new StreamPipe(a))
        using (var consumer = new StreamPipe(b))
        {
            var writer = new Thread(() =>
            {
                fixed (byte* source = payload)
                {
                    producer.WriteStream(source, payload.Length);
                }
            });
            writer.Start();
            var collected = new Collector(payload.Length);
            consumer.VisitStream(payload.Length, collected);
            writer.Join();

            Assert.Equal(payload, collected.Bytes);
            Assert.True(collected.Chunks >= 4);
            Assert.True(collected.Largest <= consumer.MaxRecordLength);
        }
    }

    [Fact]
    public void FillStream_SendsWhatTheVisitorWrites_WhereTheReaderExpectsIt()
    {
        const int Length = (2 << 20) + 5;
        (UnixSocket a, UnixSocket b) = UnixSocket.Pair();
        using (a)
        using (b)
        using (var producer = new StreamPipe(a))
        using (var consumer = new StreamPipe(b))
        {
            var writer = new Thread(() => producer.FillStream(Length, new Pattern()));
            writer.Start();
            var received = new byte[Length];
            fixed (byte* destination = received)
            {
                consumer.ReadStream(destination, Length);
            }

            writer.Join();
            for (var i = 0; i < Length; i++)
            {
                Assert.Equal(Pattern.At(i), received[i]);
            }
        }
    }

    /// <summary>Copies each chunk to its offset and checks that chunks come in order.</summary>
    private sealed class Collector(int size) : IChunkVisitor
    {
        public byte[] Bytes { get; } = new byte[size];

        public int Chunks { get; private set; }

        public int Largest { get; private set; }

        private long _next;

        public void Visit(byte* data, int length, long offset)
        {
            Assert.Equal(_next, offset);
            new ReadOnlySpan<byte>(data, length).CopyTo(Bytes.AsSpan((int)offset));
            _next = offset + length;
            Chunks++;
            Largest = Math.Max(Largest, length);
        }
    }

    /// <summary>Writes a byte that depends on its position in the stream.</summary>
    private sealed class Pattern : IChunkVisitor
    {
        public static byte At(long offset) => (byte)((offset * 31) ^ (offset >> 9));

        public void Visit(byte* data, int length, long offset)
        {
            for (var i = 0; i < length; i++)
            {
                data[i] = At(offset + i);
            }
        }
    }
}
