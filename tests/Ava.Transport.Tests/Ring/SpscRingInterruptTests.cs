using Ava.Transport.Native;
using Ava.Transport.Ring;

namespace Ava.Transport.Tests.Ring;

/// <summary>
/// A side asleep on a ring whose owner has marked the peer gone: <see cref="SpscRing.Interrupt"/> wakes it to see so,
/// long before its sleep slice (an hour here) would have.
/// </summary>
public sealed unsafe class SpscRingInterruptTests : IDisposable
{
    private const int Capacity = 1 << 16;
    private static readonly WaitPolicy Sleepy = new(SpinMicroseconds: 0, SleepSliceMilliseconds: 3_600_000);
    private readonly SharedSegment _segment = SharedSegment.Create("ring-interrupt-test", RingLayout.SegmentSize(Capacity));
    private readonly SwitchedPeer _peer = new();

    public SpscRingInterruptTests() => SpscRing.InitializeSegment(_segment.Base, Capacity);

    public void Dispose() => _segment.Dispose();

    [Fact]
    public void Interrupt_ConsumerAsleepForData_EndsWithChannelClosed()
    {
        var ring = new SpscRing(_segment.Base, 0, Capacity, _peer, Sleepy);
        Exception? seen = null;
        var consumer = new Thread(() => seen = Record.Exception(() => ring.Read()));
        consumer.Start();
        WaitUntilAsleep(consumer);

        _peer.Alive = false;
        ring.Interrupt();

        Assert.True(consumer.Join(TimeSpan.FromSeconds(60)), "the consumer still slept after the interrupt");
        Assert.IsType<ChannelClosedException>(seen);
    }

    [Fact]
    public void Interrupt_PeerStillAlive_ConsumerGoesOnWaitingAndReadsTheNextRecord()
    {
        var consumer = new SpscRing(_segment.Base, 0, Capacity, _peer, Sleepy);
        var producer = new SpscRing(_segment.Base, 0, Capacity, _peer, Sleepy);
        var length = -1;
        var reader = new Thread(() =>
        {
            length = consumer.Read().Length;
            consumer.Release();
        });
        reader.Start();
        WaitUntilAsleep(reader);

        // A wake with the peer alive is spurious: the consumer checks, finds nothing, and sleeps again.
        consumer.Interrupt();
        Assert.False(reader.Join(TimeSpan.FromMilliseconds(200)));

        var record = producer.Reserve(64);
        record[..16].Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(record, 64);
        producer.Publish(64, wake: true);

        Assert.True(reader.Join(TimeSpan.FromSeconds(60)), "the consumer missed the record published after a spurious wake");
        Assert.Equal(64, length);
    }

    private void WaitUntilAsleep(Thread thread)
    {
        // A consumer about to sleep on the futex says so in the ring's ConsumerWaiting word.
        var waiting = (int*)(_segment.Base + RingLayout.ControlOffset(0) + RingLayout.ConsumerWaiting);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Volatile.Read(ref *waiting) == 0 && thread.IsAlive && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(1);
        }

        Assert.Equal(1, Volatile.Read(ref *waiting));
        Thread.Sleep(20);
    }

    private sealed class SwitchedPeer : IPeerMonitor
    {
        public volatile bool Alive = true;

        public bool PeerAlive() => Alive;
    }
}
