namespace Ava.Worker;

/// <summary>Per-tenant counters for `ava status` and [TimeMe] functions.</summary>
public sealed class Statistics
{
    private long _calls;
    private long _rejected;
    private readonly Dictionary<int, (long Count, long Ticks)> _timed = [];

    /// <summary>Calls carried out.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Calls answered with an error status.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    internal void Call() => Interlocked.Increment(ref _calls);

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
