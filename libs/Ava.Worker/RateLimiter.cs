using System.Diagnostics;

namespace Ava.Worker;

/// <summary>
/// A token bucket for a tenant's command rate (the throughput resource of the policy file): each call takes one
/// token; tokens refill at <see cref="Rate"/> per second up to a tenth of a second's worth. A call that finds the
/// bucket empty takes its token on credit and sleeps until the debt is paid, so the average holds even though
/// sleeps are coarse. Rate 0 means unlimited and costs one volatile read per call.
/// </summary>
public sealed class RateLimiter
{
    private readonly object _gate = new();
    private volatile float _rate;
    private double _tokens;
    private long _last = Stopwatch.GetTimestamp();
    private long _throttled;

    /// <summary>Commands per second; 0 when unlimited.</summary>
    public double Rate => _rate;

    /// <summary>Calls that had to wait.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>Sets the rate (0: unlimited). The manager calls this as tenants come and go.</summary>
    public void SetRate(double perSecond)
    {
        lock (_gate)
        {
            _rate = (float)Math.Max(0, perSecond);
            _tokens = Math.Min(_tokens, Capacity());
            _last = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Takes one token, waiting if there is none.</summary>
    public void Acquire()
    {
        if (_rate <= 0)
        {
            return;
        }

        double wait;
        lock (_gate)
        {
            var rate = (double)_rate;
            if (rate <= 0)
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            _tokens = Math.Min(Capacity(), _tokens + ((now - _last) * rate / Stopwatch.Frequency));
            _last = now;
            _tokens -= 1;
            wait = _tokens >= 0 ? 0 : -_tokens / rate;
        }

        if (wait > 0)
        {
            Interlocked.Increment(ref _throttled);
            Thread.Sleep(TimeSpan.FromSeconds(wait));
        }
    }

    private double Capacity() => Math.Max(1, _rate / 10);
}
