using Ava.Transport.Native;
using Ava.Transport.Ring;
using Ava.Transport.Wire;

namespace Ava.Transport.Tests.Ring;

/// <summary>
/// On its first lap each side of a ring asks for the data area's pages to be mapped ahead of its position, a step at a
/// time, so that no call pays a first-touch fault; after the lap it asks for nothing more.
/// </summary>
public sealed unsafe class SpscRingPopulateAheadTests : IDisposable
{
    private const int Capacity = 4 << 20;
    private readonly SharedSegment _segment = SharedSegment.Create("ring-populate-test", RingLayout.SegmentSize(Capacity));

    public SpscRingPopulateAheadTests() => SpscRing.InitializeSegment(_segment.Base, Capacity);

    public void Dispose() => _segment.Dispose();

    [Fact]
    public void EachSide_AsksForEveryStepOnceAndAheadOfItsPosition_AndNothingAfterTheFirstLap()
    {
        var producerAsked = new List<(long Offset, long Length, long At)>();
        var consumerAsked = new List<(long Offset, long Length, long At)>();
        SpscRing? producer = null, consumer = null;
        producer = new SpscRing(_segment.Base, 0, Capacity, new AlivePeer(), WaitPolicy.Default, (o, l) => producerAsked.Add((o, l, producer?.PublishedPosition ?? 0)));
        long read = 0;
        consumer = new SpscRing(_segment.Base, 0, Capacity, new AlivePeer(), WaitPolicy.Default, (o, l) => consumerAsked.Add((o, l, read)));
        Assert.Equal([(0L, 1L << 20, 0L)], producerAsked);

        // Three laps of records of 1 KiB.
        for (var i = 0; i < 3 * Capacity / 1040; i++)
        {
            var record = producer.Reserve(1024);
            RecordLayout.WriteHeader(record, 1024, 1, RecordFlags.None, (uint)i, 0);
            producer.Publish(1024, wake: false);
            Assert.True(consumer.TryRead(out _));
            consumer.Release();
            read = producer.PublishedPosition;
        }

        foreach (var asked in new[] { producerAsked, consumerAsked })
        {
            Assert.Equal([0L, 1L << 20, 2L << 20, 3L << 20], asked.Select(a => a.Offset));
            Assert.All(asked, a => Assert.Equal(1L << 20, a.Length));

            // Each step was asked for at least half a step before the side reached it.
            Assert.All(asked, a => Assert.True(a.At <= a.Offset - (1L << 19) || a.Offset == 0, $"step {a.Offset} asked at {a.At}"));
        }
    }

    private sealed class AlivePeer : IPeerMonitor
    {
        public bool PeerAlive() => true;
    }
}
