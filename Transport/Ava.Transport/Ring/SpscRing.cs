using System.Diagnostics;
using System.Runtime.CompilerServices;
using Ava.Transport.Native;
using Ava.Transport.Wire;

namespace Ava.Transport.Ring;

/// <summary>The other side of a channel went away (or broke the protocol) while we waited on it.</summary>
public sealed class ChannelClosedException(string message) : IOException(message);

/// <summary>Tells a waiting side whether its peer still exists, so no wait outlives the peer.</summary>
public interface IPeerMonitor
{
    /// <summary>False once the peer process is gone or its connection closed.</summary>
    bool PeerAlive();
}

/// <summary>How long a side spins before it sleeps on the futex.</summary>
public readonly record struct WaitPolicy(int SpinMicroseconds, int SleepSliceMilliseconds)
{
    /// <summary>Spin long enough to catch a round trip on another core, then sleep in short slices.</summary>
    public static WaitPolicy Default { get; } = new(50, 100);
}

/// <summary>
/// One single-producer/single-consumer ring of a shared segment (<see cref="RingLayout"/>). An instance is
/// used by one side only: the producer calls Reserve/Publish/WriteStream, the consumer TryRead/Read/Release/
/// ReadStream. This type owns the raw pointers; records are handed out as spans.
/// </summary>
public sealed unsafe class SpscRing : RecordPipe
{
    private readonly byte* _control;
    private readonly byte* _data;
    private readonly int _capacity;
    private readonly int _mask;
    private readonly IPeerMonitor _peer;
    private readonly WaitPolicy _wait;
    private long _position;
    private long _cachedOther;
    private long _reserved;
    private int _frame;
    private int _lastReadLength;

    // First lap only: the data area's pages this side has asked to be mapped ahead of its position.
    private readonly Action<long, long>? _populateAhead;
    private long _populated;

    /// <summary>Bytes of the data area asked to be mapped at a time, and how far ahead of this side's position.</summary>
    private const int PopulateStep = 1 << 20;
    private const int PopulateWindow = 1 << 19;

    /// <summary>Wraps ring <paramref name="ring"/> of a mapped segment at <paramref name="segmentBase"/>.</summary>
    /// <param name="segmentBase">The mapped segment.</param>
    /// <param name="ring">0: requests, 1: replies.</param>
    /// <param name="capacity">The ring's data bytes.</param>
    /// <param name="peer">Whether the other side still exists, asked while waiting.</param>
    /// <param name="wait">How long to spin before sleeping.</param>
    /// <param name="populateAhead">
    /// Asked, on the first lap, to map the data area's pages [offset, + length) ahead of this side's position (in the
    /// background: see Native.SharedSegment.PopulateInBackground), so that no call pays a first-touch fault; null: pages
    /// fault in as they are used.
    /// </param>
    public SpscRing(byte* segmentBase, int ring, int capacity, IPeerMonitor peer, WaitPolicy wait, Action<long, long>? populateAhead = null)
    {
        if (!RingLayout.IsValidCapacity(capacity))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "ring capacity must be a power of two in range");
        }

        _control = segmentBase + RingLayout.ControlOffset(ring);
        _data = segmentBase + RingLayout.DataAreaOffset(ring, capacity);
        _capacity = capacity;
        _mask = capacity - 1;
        _peer = peer;
        _wait = wait;
        _populateAhead = populateAhead;
        PopulateAheadOf(0);
    }

    /// <summary>
    /// The <c>populateAhead</c> of ring <paramref name="ring"/> of <paramref name="segment"/>: its data area's pages mapped
    /// in the background, with <paramref name="existingOnly"/> only those the segment already holds (the worker's side of
    /// a guest's requests).
    /// </summary>
    public static Action<long, long> PopulatorFor(SharedSegment segment, int ring, int capacity, bool existingOnly = false)
    {
        var area = RingLayout.DataAreaOffset(ring, capacity);
        return (offset, length) => segment.PopulateInBackground(area + offset, length, existingOnly);
    }

    /// <summary>On the first lap, asks for the next step of pages once <paramref name="position"/> comes within the window of them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PopulateAheadOf(long position)
    {
        if (_populated < _capacity && position + PopulateWindow > _populated && _populateAhead is { } populate)
        {
            var length = Math.Min(PopulateStep, _capacity - _populated);
            populate(_populated, length);
            _populated += length;
        }
    }

    /// <summary>Bytes in the data area.</summary>
    public int Capacity => _capacity;

    /// <summary>Largest record that travels whole; larger payloads are streamed in chunks.</summary>
    public override int MaxRecordLength => _capacity / 4;

    /// <summary>Initialises a freshly created segment's header (guest side, before sharing it).</summary>
    public static void InitializeSegment(byte* segmentBase, int capacity)
    {
        *(uint*)(segmentBase + RingLayout.MagicOffset) = RingLayout.Magic;
        *(uint*)(segmentBase + RingLayout.VersionOffset) = RingLayout.Version;
        *(int*)(segmentBase + RingLayout.CapacityOffset) = capacity;
    }

    /// <summary>Checks a received segment's header (worker side); returns its ring capacity.</summary>
    public static int ValidateSegment(byte* segmentBase, long segmentSize)
    {
        if (*(uint*)(segmentBase + RingLayout.MagicOffset) != RingLayout.Magic || *(uint*)(segmentBase + RingLayout.VersionOffset) != RingLayout.Version)
        {
            throw new MalformedRecordException("segment header has the wrong magic or version");
        }

        var capacity = *(int*)(segmentBase + RingLayout.CapacityOffset);
        if (!RingLayout.IsValidCapacity(capacity) || RingLayout.SegmentSize(capacity) > segmentSize)
        {
            throw new MalformedRecordException($"segment ring capacity {capacity} invalid for a segment of {segmentSize} bytes");
        }

        return capacity;
    }

    private ref long ProducerPosition => ref *(long*)(_control + RingLayout.ProducerPosition);

    private ref long ConsumerPosition => ref *(long*)(_control + RingLayout.ConsumerPosition);

    private int* ConsumerWaiting => (int*)(_control + RingLayout.ConsumerWaiting);

    private int* DataSignal => (int*)(_control + RingLayout.DataSignal);

    private int* ProducerWaiting => (int*)(_control + RingLayout.ProducerWaiting);

    private int* SpaceSignal => (int*)(_control + RingLayout.SpaceSignal);

    // ---------------------------------------------------------------- producer

    /// <summary>The End word of the frame at data offset <paramref name="offset"/> (<see cref="RingLayout"/>).</summary>
    private ref long FrameEnd(int offset) => ref *(long*)(_data + offset + RingLayout.FrameEndOffset);

    /// <summary>
    /// Reserves a contiguous record of up to <paramref name="length"/> bytes, waiting for space. The caller writes
    /// the record and then calls <see cref="Publish"/> with the length it wrote.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override Span<byte> Reserve(int length)
    {
        var aligned = RecordLayout.AlignRecord(length);
        if ((uint)aligned > (uint)MaxRecordLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "record larger than the ring's limit; stream it");
        }

        var frame = RingLayout.FrameHeaderSize + aligned;
        var offset = (int)(_position & _mask);
        var contiguous = _capacity - offset;

        // Room for the frame (after a pad frame when it does not fit before the end) and for the End word after it,
        // which the commit zeroes.
        var needed = (frame <= contiguous ? frame : contiguous + frame) + RingLayout.FrameHeaderSize;
        if (_position + needed - _cachedOther > _capacity)
        {
            WaitForSpace(needed);
        }

        if (frame > contiguous)
        {
            // The frame would wrap: a pad frame fills the tail, committed after the End word at offset 0 reads 0.
            FrameEnd(0) = 0;
            *(long*)(_data + offset + RingLayout.FrameKindOffset) = RingLayout.FramePad;
            Volatile.Write(ref FrameEnd(offset), _position + contiguous);
            _position += contiguous;
            offset = 0;
        }

        _frame = offset;
        _reserved = aligned;
        return new Span<byte>(_data + offset + RingLayout.FrameHeaderSize, aligned);
    }

    /// <summary>
    /// Makes the reserved record visible. With <paramref name="wake"/> false the consumer is not woken
    /// (async batching): it sees the record when it next looks, or when a later call wakes it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(int length, bool wake)
    {
        var aligned = RecordLayout.AlignRecord(length);
        Debug.Assert(aligned <= _reserved, "published more than reserved");
        var end = _position + RingLayout.FrameHeaderSize + aligned;

        // The next frame reads as not committed before this one is; then the commit, after every byte of the record.
        FrameEnd((int)(end & _mask)) = 0;
        *(long*)(_data + _frame + RingLayout.FrameKindOffset) = 0;
        Volatile.Write(ref FrameEnd(_frame), end);
        _position = end;
        PopulateAheadOf(end);
        if (wake)
        {
            // Store-load ordering: the commit must be visible before we read ConsumerWaiting, or a consumer going to
            // sleep at the same moment could miss the record (Dekker); the exchange is the full fence.
            Interlocked.Exchange(ref ProducerPosition, _position);
            if (Volatile.Read(ref *ConsumerWaiting) != 0)
            {
                Interlocked.Increment(ref *DataSignal);
                Futex.Wake(DataSignal, 1);
            }
        }
        else
        {
            Volatile.Write(ref ProducerPosition, _position);
            if (_position - _cachedOther > _capacity / 2)
            {
                // A half-full ring means a long batch: wake the consumer so the producer does not stall.
                WakeConsumer();
            }
        }
    }

    /// <inheritdoc/>
    public override long PublishedPosition => Volatile.Read(ref ProducerPosition);

    /// <inheritdoc/>
    public override bool HasConsumed(long position) => Volatile.Read(ref ConsumerPosition) >= position;

    /// <summary>
    /// One step of a spin: pause instructions for the first microseconds (a peer on another core answers within
    /// them), then a yield per step, so that a peer, or the device's own threads (PoCL runs kernels on the CPU),
    /// waiting for this core get it at once instead of after our spin.
    /// </summary>
    private static void PauseOrYield(long waitedTicks)
    {
        if (waitedTicks < PureSpinTicks)
        {
            Thread.SpinWait(1);
        }
        else
        {
            Thread.Yield();
        }
    }

    /// <summary>
    /// One pause instruction: Thread.SpinWait(1) is normalized to several, which leaves a record unseen for tens of
    /// nanoseconds after it lands.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pause()
    {
        if (System.Runtime.Intrinsics.X86.X86Base.IsSupported)
        {
            System.Runtime.Intrinsics.X86.X86Base.Pause();
        }
        else if (System.Runtime.Intrinsics.Arm.ArmBase.IsSupported)
        {
            System.Runtime.Intrinsics.Arm.ArmBase.Yield();
        }
        else
        {
            Thread.SpinWait(1);
        }
    }

    private static readonly long PureSpinTicks = Stopwatch.Frequency * 4 / 1_000_000;

    /// <summary>Wakes a sleeping consumer (flush of a batch of async records); safe from any thread.</summary>
    public override void WakeConsumer()
    {
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref *ConsumerWaiting) != 0)
        {
            Interlocked.Increment(ref *DataSignal);
            Futex.Wake(DataSignal, 1);
        }
    }

    /// <summary>Streams <paramref name="length"/> bytes as chunk records (payloads larger than a record).</summary>
    public override void WriteStream(byte* source, long length)
    {
        var chunkMax = MaxRecordLength - RecordLayout.HeaderSize;
        while (length > 0)
        {
            var chunk = (int)Math.Min(length, chunkMax);
            var record = Reserve(RecordLayout.HeaderSize + chunk);
            RecordLayout.WriteHeader(record, RecordLayout.HeaderSize + chunk, 0, RecordFlags.Chunk, 0, 0);
            new ReadOnlySpan<byte>(source, chunk).CopyTo(record[RecordLayout.HeaderSize..]);
            Publish(RecordLayout.HeaderSize + chunk, wake: true);
            source += chunk;
            length -= chunk;
        }
    }

    /// <summary>Streams <paramref name="length"/> bytes as chunk records that <paramref name="visitor"/> fills in the ring.</summary>
    public override void FillStream(long length, IChunkVisitor visitor)
    {
        var chunkMax = MaxRecordLength - RecordLayout.HeaderSize;
        for (long offset = 0; offset < length;)
        {
            var chunk = (int)Math.Min(length - offset, chunkMax);
            var record = Reserve(RecordLayout.HeaderSize + chunk);
            RecordLayout.WriteHeader(record, RecordLayout.HeaderSize + chunk, 0, RecordFlags.Chunk, 0, 0);
            fixed (byte* data = record)
            {
                visitor.Visit(data + RecordLayout.HeaderSize, chunk, offset);
            }

            Publish(RecordLayout.HeaderSize + chunk, wake: true);
            offset += chunk;
        }
    }

    /// <inheritdoc/>
    public override (nint Address, long Length) Memory => ((nint)_data, _capacity);

    private void WaitForSpace(long needed)
    {
        var start = Stopwatch.GetTimestamp();
        var spinTicks = Stopwatch.Frequency * _wait.SpinMicroseconds / 1_000_000;
        while (true)
        {
            _cachedOther = Volatile.Read(ref ConsumerPosition);
            var used = _position - _cachedOther;
            if (used < 0 || used > _capacity)
            {
                throw new ChannelClosedException($"ring consumer position is corrupt (used {used} of {_capacity})");
            }

            if (_position + needed - _cachedOther <= _capacity)
            {
                return;
            }

            // Make what we already published visible and the consumer awake, or both sides could sleep.
            Volatile.Write(ref ProducerPosition, _position);
            WakeConsumer();
            WhileBlocked?.Invoke();
            var waited = Stopwatch.GetTimestamp() - start;
            if (waited < spinTicks)
            {
                PauseOrYield(waited);
                continue;
            }

            var signal = Volatile.Read(ref *SpaceSignal);
            Volatile.Write(ref *ProducerWaiting, 1);
            Interlocked.MemoryBarrier();
            if (_position + needed - Volatile.Read(ref ConsumerPosition) > _capacity)
            {
                Futex.Wait(SpaceSignal, signal, _wait.SleepSliceMilliseconds);
            }

            Volatile.Write(ref *ProducerWaiting, 0);
            if (!_peer.PeerAlive())
            {
                throw new ChannelClosedException("peer went away while the ring was full");
            }
        }
    }

    // ---------------------------------------------------------------- consumer

    /// <summary>Returns the next record without waiting, skipping padding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override bool TryRead(out ReadOnlySpan<byte> record)
    {
        while (true)
        {
            var offset = (int)(_position & _mask);

            // Read once: the guest may write the frame again after this check. The frame's and the record's sizes are
            // fixed here, and readers take the record's size from the span, never from the bytes.
            var end = Volatile.Read(ref FrameEnd(offset));
            if (end == 0)
            {
                record = default;
                return false;
            }

            var contiguous = _capacity - offset;
            var frame = WireLength.RingFrame(end - _position, contiguous);
            var kind = Volatile.Read(ref *(long*)(_data + offset + RingLayout.FrameKindOffset));
            if (kind == RingLayout.FramePad)
            {
                if (frame != contiguous)
                {
                    throw new MalformedRecordException($"pad frame of {frame} bytes where {contiguous} remain");
                }

                _position += contiguous;
                Volatile.Write(ref ConsumerPosition, _position);
                continue;
            }

            if (kind != 0)
            {
                throw new MalformedRecordException($"ring frame of unknown kind {kind}");
            }

            var data = _data + offset + RingLayout.FrameHeaderSize;
            var room = Math.Min(frame - RingLayout.FrameHeaderSize, MaxRecordLength);
            var length = room >= RecordLayout.HeaderSize ? RecordLayout.ReadLength(new ReadOnlySpan<byte>(data, RecordLayout.HeaderSize)) : 0;
            WireLength.Record(length, room);
            _lastReadLength = frame;
            record = new ReadOnlySpan<byte>(data, (int)length);
            return true;
        }
    }

    /// <summary>Whether the frame at the consumer's position is committed (or, from a hostile producer, says it is).</summary>
    private bool Committed() => Volatile.Read(ref FrameEnd((int)(_position & _mask))) != 0;

    /// <summary>Waits for and returns the next record; throws <see cref="ChannelClosedException"/> if the peer dies.</summary>
    public override ReadOnlySpan<byte> Read()
    {
        ReadOnlySpan<byte> record;
        while (!TryRead(out record))
        {
            WaitForData(Timeout.Infinite);
        }

        return record;
    }

    /// <summary>Frees the record returned by the last read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Release()
    {
        _position += _lastReadLength;
        _lastReadLength = 0;
        Volatile.Write(ref ConsumerPosition, _position);
        PopulateAheadOf(_position);
        if (Volatile.Read(ref *ProducerWaiting) != 0)
        {
            Interlocked.Increment(ref *SpaceSignal);
            Futex.Wake(SpaceSignal, 1);
        }
    }

    /// <summary>Reads <paramref name="length"/> streamed bytes into <paramref name="destination"/>.</summary>
    public override void ReadStream(byte* destination, long length)
    {
        var bypassCache = length >= ChunkCopy.BypassCacheFrom;
        while (length > 0)
        {
            var record = Read();
            var chunk = WireLength.Chunk(RecordLayout.ReadFlags(record), (uint)record.Length, length, MaxRecordLength);

            fixed (byte* data = record)
            {
                ChunkCopy.Copy(destination, data + RecordLayout.HeaderSize, chunk, bypassCache);
            }

            Release();
            destination += chunk;
            length -= chunk;
        }

        if (bypassCache)
        {
            ChunkCopy.Fence();
        }
    }

    /// <summary>Hands <paramref name="length"/> streamed bytes to <paramref name="visitor"/> chunk by chunk where they lie in the ring.</summary>
    public override void VisitStream(long length, IChunkVisitor visitor)
    {
        for (long offset = 0; offset < length;)
        {
            var record = Read();
            var chunk = WireLength.Chunk(RecordLayout.ReadFlags(record), (uint)record.Length, length - offset, MaxRecordLength);

            fixed (byte* data = record)
            {
                visitor.Visit(data + RecordLayout.HeaderSize, chunk, offset);
            }

            Release();
            offset += chunk;
        }
    }

    /// <summary>Skips <paramref name="length"/> streamed bytes (a payload the reader has no room for).</summary>
    public override void SkipStream(long length)
    {
        while (length > 0)
        {
            var record = Read();
            var chunk = WireLength.Chunk(RecordLayout.ReadFlags(record), (uint)record.Length, length, MaxRecordLength);

            Release();
            length -= chunk;
        }
    }

    /// <summary>
    /// Wakes whichever side of this ring sleeps on it (a consumer waiting for data, a producer waiting for space), so
    /// that it checks its peer now instead of at the end of its sleep slice: the owner calls this once it has marked
    /// the peer gone, and a worker whose guest ended then exits at once rather than up to a slice later.
    /// </summary>
    public void Interrupt()
    {
        Interlocked.Increment(ref *DataSignal);
        Futex.WakeAll(DataSignal);
        Interlocked.Increment(ref *SpaceSignal);
        Futex.WakeAll(SpaceSignal);
    }

    /// <summary>
    /// Waits until a record may be available: spins briefly, then sleeps on the futex in slices, checking the
    /// peer between slices. Returns false when <paramref name="timeoutMilliseconds"/> passed with no data.
    /// </summary>
    public override bool WaitForData(int timeoutMilliseconds)
    {
        var start = Stopwatch.GetTimestamp();
        var spinTicks = Stopwatch.Frequency * _wait.SpinMicroseconds / 1_000_000;
        var deadline = timeoutMilliseconds < 0 ? long.MaxValue : start + (Stopwatch.Frequency * timeoutMilliseconds / 1000);
        var now = start;
        for (var polls = 1; ; polls++)
        {
            if (Committed())
            {
                return true;
            }

            // In the first microseconds the clock is read at every 16th poll only: a read of it costs as much as a
            // poll and a pause, and the answer of a peer on another core comes within them.
            if (now - start < PureSpinTicks && (polls & 15) != 0)
            {
                Pause();
                continue;
            }

            now = Stopwatch.GetTimestamp();
            if (now - start < spinTicks)
            {
                PauseOrYield(now - start);
                continue;
            }

            if (now >= deadline)
            {
                return false;
            }

            var signal = Volatile.Read(ref *DataSignal);
            Volatile.Write(ref *ConsumerWaiting, 1);
            Interlocked.MemoryBarrier();
            if (!Committed())
            {
                var slice = (int)Math.Min(_wait.SleepSliceMilliseconds, Math.Max(1, (deadline - now) * 1000 / Stopwatch.Frequency));
                Futex.Wait(DataSignal, signal, slice);
            }

            Volatile.Write(ref *ConsumerWaiting, 0);
            if (Committed())
            {
                return true;
            }

            if (!_peer.PeerAlive())
            {
                throw new ChannelClosedException("peer went away");
            }
        }
    }
}
