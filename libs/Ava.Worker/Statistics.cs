namespace Ava.Worker;

/// <summary>Per-tenant counters for `ava status` and [TimeMe] functions.</summary>
public sealed class Statistics
{
    private long _calls;
    private long _asyncCalls;
    private long _rejected;
    private long _bytesIn;
    private long _bytesOut;
    private long _channels;
    private long _channelsClosedEarly;
    private long _releasedAtExit;
    private readonly Dictionary<int, (long Count, long Ticks)> _timed = [];

    /// <summary>Calls carried out.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Calls that came async (no reply awaited): how much of the traffic took the fast path.</summary>
    public long AsyncCalls => Interlocked.Read(ref _asyncCalls);

    /// <summary>Calls answered with an error status.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Bytes received from the guest (records and streamed payloads).</summary>
    public long BytesIn => Interlocked.Read(ref _bytesIn);

    /// <summary>Bytes sent to the guest.</summary>
    public long BytesOut => Interlocked.Read(ref _bytesOut);

    /// <summary>Per-thread channels opened.</summary>
    public long Channels => Interlocked.Read(ref _channels);

    /// <summary>Per-thread channels closed because their guest thread had exited (the rest close with the guest).</summary>
    public long ChannelsClosedEarly => Interlocked.Read(ref _channelsClosedEarly);

    /// <summary>References to objects the guest still held when it went away, released by the worker.</summary>
    public long ReleasedAtExit => Interlocked.Read(ref _releasedAtExit);

    internal void Call(bool async)
    {
        Interlocked.Increment(ref _calls);
        if (async)
        {
            Interlocked.Increment(ref _asyncCalls);
        }
    }

    internal void Moved(long bytes, bool inbound) => Interlocked.Add(ref inbound ? ref _bytesIn : ref _bytesOut, bytes);

    internal void ChannelOpened() => Interlocked.Increment(ref _channels);

    internal void ChannelClosedEarly() => Interlocked.Increment(ref _channelsClosedEarly);

    internal void Released(long references) => Interlocked.Add(ref _releasedAtExit, references);

    internal void Reject() => Interlocked.Increment(ref _rejected);

    internal void Timed(int function, long ticks)
    {
        lock (_timed)
        {
            _timed.TryGetValue(function, out var t);
            _timed[function] = (t.Count + 1, t.Ticks + ticks);
        }
    }

    /// <summary>Count and total stopwatch ticks per timed function id.</summary>
    public IReadOnlyDictionary<int, (long Count, long Ticks)> TimedFunctions()
    {
        lock (_timed)
        {
            return new Dictionary<int, (long, long)>(_timed);
        }
    }
}
