using System.Runtime.CompilerServices;
using Ava.Transport.Native;

namespace Ava.Worker;

/// <summary>
/// Bounds how long one call may stay in the real library (<see cref="CallLimits.CallSeconds"/>). A kernel that spins
/// would otherwise hold the worker, and the device it shares, forever; the real library offers no way to interrupt
/// it, so the worker ends instead, and its guest's calls fail as after any worker death. Checked once a second (or
/// more often for short limits) on a timer thread; calls are watched without being owned, so a channel's call state
/// goes with its shadow thread.
/// </summary>
internal sealed class CallWatchdog : IDisposable
{
    /// <summary>Exit status of a worker ended by the watchdog.</summary>
    public const int OverranExitStatus = 3;

    private readonly ConditionalWeakTable<WorkerCall, object?> _calls = new();
    private readonly long _limitMs;
    private readonly Func<ushort, string> _name;
    private readonly Timer _timer;

    public CallWatchdog(long limitSeconds, Func<ushort, string> name)
    {
        _limitMs = limitSeconds * 1000;
        _name = name;
        var period = Math.Clamp(_limitMs / 4, 50, 1000);
        _timer = new Timer(_ => Check(), null, period, period);
    }

    public void Watch(WorkerCall call) => _calls.AddOrUpdate(call, null);

    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        var now = Environment.TickCount64;
        foreach (var (call, _) in _calls)
        {
            var entered = Volatile.Read(ref call.EnteredLibraryAt);
            if (entered != 0 && now - entered > _limitMs)
            {
                WorkerLog.Write($"{_name(call.EnteredFunction)} has been in the real library for {(now - entered) / 1000.0:F1} s, past the tenant's call limit of {_limitMs / 1000} s ({CallLimits.CallSecondsVariable}, or the policy's call_seconds): ending the worker");
                LibC.ExitImmediately(OverranExitStatus);
            }
        }
    }
}
