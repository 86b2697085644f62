using Ava.Transport;
using Ava.Transport.Native;
using Ava.Transport.Ring;
using Ava.Transport.Wire;

namespace Ava.Tests;

/// <summary>The shared-memory ring on its own: order, wrap-around padding, streaming, and hostile positions.</summary>
public unsafe class RingTests
{
    private const int Capacity = RingLayout.MinCapacity;

    /// <summary>Stream size from which the reader writes around the cache (the transport's internal ChunkCopy.BypassCacheFrom).</summary>
    private const long ChunkCopyThreshold = 4L << 20;

    [Fact]
    public void Records_ArriveInOrder_AcrossManyWrapArounds()
    {
        using var segment = NewSegment();
        var (producer, consumer) = Pair(segment);
        var expected = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var length = 16 + (8 * (i % 37));
            var record = producer.Reserve(length);
            RecordLayout.WriteHeader(record, length, 1, RecordFlags.None, (uint)i, 0);
            producer.Publish(length, wake: false);
            Assert.True(consumer.TryRead(out var read));
            Assert.Equal((uint)expected++, RecordLayout.ReadSequence(read));
            Assert.Equal(length, read.Length);
            consumer.Release();
        }
    }

    [Fact]
    public void BytesLeftFromAnEarlierLap_NeverReadAsAFrame()
    {
        // Each record's payload is filled with words that, one lap later, would pass for the End word of a committed
        // frame of 32 bytes at their place: were a frame start left holding them, the reader would take them for a record.
        using var segment = NewSegment();
        var (producer, consumer) = Pair(segment);
        var data = segment.Base + RingLayout.DataAreaOffset(0, Capacity);
        var random = new Random(7);
        long position = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var length = 16 + (8 * random.Next(0, 200));
            var record = producer.Reserve(length);
            fixed (byte* at = record)
            {
                var offset = at - data;
                var lap = (position & (Capacity - 1)) <= offset ? position & ~(long)(Capacity - 1) : (position | (Capacity - 1)) + 1;
                var words = (long*)(at + 16);
                for (var w = 0; w < (length - 16) / 8; w++)
                {
                    words[w] = lap + offset + 16 + (8 * w) + Capacity + 32;
                }
            }

            RecordLayout.WriteHeader(record, length, 1, RecordFlags.None, (uint)i, 0);
            producer.Publish(length, wake: false);
            position = producer.PublishedPosition;
            Assert.True(consumer.TryRead(out var read));
            Assert.Equal((uint)i, RecordLayout.ReadSequence(read));
            Assert.Equal(length, read.Length);
            consumer.Release();
            Assert.False(consumer.TryRead(out _));
        }
    }

    [Fact]
    public void StreamedPayloadLargerThanTheRing_ArrivesWhole_WithAConcurrentReader()
    {
        using var segment = NewSegment();
        var (producer, consumer) = Pair(segment);
        var payload = new byte[Capacity * 10 + 123];
        new Random(5).NextBytes(payload);
        var received = new byte[payload.Length];
        var reader = new Thread(() =>
        {
            fixed (byte* destination = received)
            {
                consumer.ReadStream(destination, received.Length);
            }
        });
        reader.Start();
        fixed (byte* source = payload)
        {
            producer.WriteStream(source, payload.Length);
        }

        reader.Join();
        Assert.Equal(payload, received);
    }

    [Fact]
    public void StreamOfManyMegabytes_ArrivesWhole_AtAnUnalignedDestination()
    {
        // Large enough for the reader to write around the cache, to an address no store instruction would align itself to.
        using var segment = NewSegment();
        var (producer, consumer) = Pair(segment);
        var payload = new byte[(int)ChunkCopyThreshold + 4099];
        new Random(3).NextBytes(payload);
        var received = new byte[payload.Length + 1];
        var reader = new Thread(() =>
        {
            fixed (byte* destination = received)
            {
                consumer.ReadStream(destination + 1, payload.Length);
            }
        });
        reader.Start();
        fixed (byte* source = payload)
        {
            producer.WriteStream(source, payload.Length);
        }

        reader.Join();
        Assert.Equal(0, received[0]);
        Assert.True(payload.AsSpan().SequenceEqual(received.AsSpan(1)));
    }

    [Fact]
    public void VisitStream_HandsChunksWhereTheyLieInTheRing_AndFreesEachAfterItsVisit()
    {
        using var segment = NewSegment();
        var (producer, consumer) = Pair(segment);
        var payload = new byte[Capacity * 6 + 45];
        new Random(7).NextBytes(payload);
        var writer = new Thread(() =>
        {
            fixed (byte* source = payload)
            {
                producer.WriteStream(source, payload.Length);
            }
        });
        writer.Start();
        var visitor = new InPlace(consumer, payload.Length);
        consumer.VisitStream(payload.Length, visitor);
        writer.Join();

        Assert.Equal(payload, visitor.Bytes);
        Assert.True(visitor.AllInRing, "a chunk was handed out from outside the ring's data area");
        Assert.True(visitor.Largest <= consumer.MaxRecordLength - RecordLayout.HeaderSize);
        Assert.True(consumer.HasConsumed(producer.PublishedPosition));
    }

    [Fact]
    public void FillStream_PublishesChunksFilledInPlace_ThatAReaderReadsWhole()
    {
        using var segment = NewSegment();
        var (producer, consumer) = Pair(segment);
        const int Length = (Capacity * 5) + 3;
        var received = new byte[Length];
        var reader = new Thread(() =>
        {
            fixed (byte* destination = received)
            {
                consumer.ReadStream(destination, received.Length);
            }
        });
        reader.Start();
        producer.FillStream(Length, new Pattern());
        reader.Join();

        for (var i = 0; i < Length; i++)
        {
            Assert.Equal(Pattern.At(i), received[i]);
        }
    }

    [Fact]
    public void Memory_IsTheRingsDataArea()
    {
        using var segment = NewSegment();
        var (producer, _) = Pair(segment);
        Assert.Equal(((nint)(segment.Base + RingLayout.DataAreaOffset(0, Capacity)), (long)Capacity), producer.Memory);
    }

    [Fact]
    public void FrameEndPastTheRing_IsRejected()
    {
        using var segment = NewSegment();
        var (_, consumer) = Pair(segment);
        *(long*)(segment.Base + RingLayout.DataAreaOffset(0, Capacity) + RingLayout.FrameEndOffset) = Capacity * 3;
        Assert.Throws<MalformedRecordException>(() => consumer.TryRead(out _));
    }

    [Fact]
    public void RecordClaimingMoreThanWasPublished_IsRejected()
    {
        using var segment = NewSegment();
        var (producer, consumer) = Pair(segment);
        var record = producer.Reserve(32);
        RecordLayout.WriteHeader(record, 32, 1, RecordFlags.None, 1, 0);
        producer.Publish(32, wake: false);
        RecordLayout.WriteHeader(new Span<byte>(segment.Base + RingLayout.DataAreaOffset(0, Capacity) + RingLayout.FrameHeaderSize, 16), 4096, 1, RecordFlags.None, 1, 0);
        Assert.Throws<MalformedRecordException>(() => consumer.TryRead(out _));
    }

    [Fact]
    public void Consumer_WaitingWithNoData_TimesOut()
    {
        using var segment = NewSegment();
        var (_, consumer) = Pair(segment);
        Assert.False(consumer.WaitForData(50));
    }

    [Fact]
    public void SegmentWithWrongMagic_IsRejected()
    {
        using var segment = SharedSegment.Create("ring-test", RingLayout.SegmentSize(Capacity));
        Assert.Throws<MalformedRecordException>(() => SpscRing.ValidateSegment(segment.Base, segment.Size));
    }

    [Fact]
    public void LayoutConstants_KeepEachWordOnItsOwnCacheLines()
    {
        Assert.True(RingLayout.ConsumerPosition - RingLayout.ProducerPosition >= 128);
        Assert.True(RingLayout.ConsumerWaiting - RingLayout.ConsumerPosition >= 128);
        Assert.True(RingLayout.ProducerWaiting - RingLayout.ConsumerWaiting >= 128);
        Assert.True(RingLayout.HeaderSize + (2 * RingLayout.ControlSize) <= RingLayout.DataOffset);
        Assert.Equal(0, RingLayout.DataOffset % 4096);
        Assert.Equal(16, RecordLayout.HeaderSize);
        Assert.Equal(0, RecordLayout.RecordAlignment % RecordLayout.SlotSize);
    }

    private static SharedSegment NewSegment()
    {
        var segment = SharedSegment.Create("ring-test", RingLayout.SegmentSize(Capacity));
        SpscRing.InitializeSegment(segment.Base, Capacity);
        return segment;
    }

    private static (SpscRing Producer, SpscRing Consumer) Pair(SharedSegment segment)
    {
        var peer = new AlwaysAlive();
        return (new SpscRing(segment.Base, 0, Capacity, peer, WaitPolicy.Default), new SpscRing(segment.Base, 0, Capacity, peer, WaitPolicy.Default));
    }

    /// <summary>Copies each chunk out and notes whether it lay in the consumer's ring.</summary>
    private sealed class InPlace(SpscRing ring, int size) : IChunkVisitor
    {
        public byte[] Bytes { get; } = new byte[size];

        public bool AllInRing { get; private set; } = true;

        public int Largest { get; private set; }

        public void Visit(byte* data, int length, long offset)
        {
            var (address, size) = ring.Memory;
            AllInRing &= (nint)data >= address && (nint)data + length <= address + size;
            new ReadOnlySpan<byte>(data, length).CopyTo(Bytes.AsSpan((int)offset));
            Largest = Math.Max(Largest, length);
        }
    }

    /// <summary>Writes a byte that depends on its position in the stream.</summary>
    private sealed class Pattern : IChunkVisitor
    {
        public static byte At(long offset) => (byte)((offset * 13) ^ (offset >> 7));

        public void Visit(byte* data, int length, long offset)
        {
            for (var i = 0; i < length; i++)
            {
                data[i] = At(offset + i);
            }
        }
    }

    private sealed class AlwaysAlive : IPeerMonitor
    {
        public bool PeerAlive() => true;
    }
}
