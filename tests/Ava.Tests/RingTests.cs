using Ava.Transport.Native;
using Ava.Transport.Ring;
using Ava.Transport.Wire;

namespace Ava.Tests;

/// <summary>The shared-memory ring on its own: order, wrap-around padding, streaming, and hostile positions.</summary>
public unsafe class RingTests
{
    private const int Capacity = RingLayout.MinCapacity;

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
    public void ProducerPositionPastTheRing_IsRejected()
    {
        using var segment = NewSegment();
        var (_, consumer) = Pair(segment);
        *(long*)(segment.Base + RingLayout.ControlOffset(0) + RingLayout.ProducerPosition) = Capacity * 3;
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
        RecordLayout.WriteHeader(new Span<byte>(segment.Base + RingLayout.DataAreaOffset(0, Capacity), 16), 4096, 1, RecordFlags.None, 1, 0);
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

    private sealed class AlwaysAlive : IPeerMonitor
    {
        public bool PeerAlive() => true;
    }
}
