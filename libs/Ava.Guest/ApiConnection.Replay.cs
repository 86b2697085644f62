using Ava.Transport.Wire;

namespace Ava.Guest;

/// <summary>
/// What an API adds to a move to a new worker: the state the replay log does not rebuild (buffer contents), taken from
/// the old worker once its queued work is drained, and put into the new one after the log has been replayed.
/// </summary>
public interface IMigrationParticipant
{
    /// <summary>
    /// On the old worker, at a call boundary: drains queued work and takes what the log does not rebuild. Returns null,
    /// or why this process cannot move (then nothing has changed and it stays where it is).
    /// </summary>
    string? Capture(ReplayLog log);

    /// <summary>On the new worker, after the replay: puts back what <see cref="Capture"/> took.</summary>
    void Restore(ReplayLog log);
}

/// <summary>Migration to a new worker and recovery from a dead one, by replaying <see cref="Log"/>.</summary>
public partial class ApiConnection
{
    /// <summary>The call (counted from 1) before which the process moves to a new worker; 0: none.</summary>
    private long _migrateAt = ParseMigrationCall(Environment.GetEnvironmentVariable("AVA_MIGRATION_CALL_ID"), Environment.GetEnvironmentVariable("AVA_MIGRATION_SEED"));
    private long _calls;

    /// <summary>The connection of a worker that died, while recovery (AVA_RECOVER=1) is due.</summary>
    private volatile State? _lost;

    /// <summary>AVA_RECOVER=1: a worker that dies is replaced, and the log replayed in the new one.</summary>
    public bool Recovers { get; } = Environment.GetEnvironmentVariable("AVA_RECOVER") == "1";

    /// <summary>The API's part of a move (see <see cref="IMigrationParticipant"/>); null: only the log moves.</summary>
    public IMigrationParticipant? Migration { get; set; }

    /// <summary>Moves made (migrations and recoveries), for the log and tests.</summary>
    public int Moves { get; private set; }

    /// <summary>
    /// AVA_MIGRATION_CALL_ID as AvA reads it: <c>n</c> moves before call n, <c>r&lt;limit&gt;</c> before a call drawn
    /// at random below limit (from AVA_MIGRATION_SEED when set, so a run can be repeated). 0: no migration.
    /// </summary>
    public static long ParseMigrationCall(string? value, string? seed)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return 0;
        }

        var random = value.StartsWith('r');
        if (!long.TryParse(random ? value[1..] : value, out var number) || number < 1)
        {
            GuestLog.Write($"AVA_MIGRATION_CALL_ID={value} is neither a call number nor r<limit>: no migration");
            return 0;
        }

        if (!random)
        {
            return number;
        }

        var draw = int.TryParse(seed, out var s) ? new Random(s) : new Random();
        return draw.NextInt64(1, Math.Max(2, number));
    }

    /// <summary>
    /// During a move: the next object the calling thread's next call creates gets <paramref name="id"/> in the new worker
    /// (an API re-creating by hand what its log does not hold, such as completed events).
    /// </summary>
    public void BindNext(ulong id) => Channel()?.SendBind(id);

    private void CountCall()
    {
        if (Interlocked.Increment(ref _calls) == _migrateAt)
        {
            _migrateAt = 0;
            Migrate();
        }
    }

    /// <summary>
    /// Moves this process to a new worker now, at a call boundary of the calling thread: the API drains and captures
    /// its state on the old worker, a new worker replays the log (each object bound to the id the application holds),
    /// the state is put back, and the old worker is let go. Returns why it did not move, or null.
    /// </summary>
    public string? Migrate()
    {
        var refusal = !Recording ? "the replay log is off (AVA_RECORD_REPLAY=1 turns it on)"
            : _state is null ? "no worker yet"
            : Volatile.Read(ref _live).Length > 1 ? $"{Volatile.Read(ref _live).Length} threads have channels; a move pauses only the calling thread"
            : null;
        refusal ??= Migration?.Capture(Log);
        if (refusal is not null)
        {
            GuestLog.Write($"not moving to a new {Descriptor.Name} worker: {refusal}");
            return refusal;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var old = _state!;
        Detach(old);
        CloseOld(old);
        var failure = Replay();
        if (failure is null)
        {
            Migration?.Restore(Log);
            Moves++;
            GuestLog.Write($"moved to a new {Descriptor.Name} worker after call {_calls}: {Log.Count} calls replayed ({Log.Bytes} bytes) in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1} ms");
        }

        return failure;
    }

    /// <summary>The worker of <paramref name="state"/> died: under AVA_RECOVER=1 a new one takes over at the next call.</summary>
    private bool WorkerLost(State state)
    {
        if (!Recovers || !Recording)
        {
            return false;
        }

        GuestLog.Write($"the {Descriptor.Name} worker is gone; the next call recovers in a new one");
        lock (_gate)
        {
            _lost = state;
            _generation++;
        }

        return true;
    }

    private void Recover()
    {
        lock (_gate)
        {
            if (_lost is not { } lost)
            {
                return;
            }

            Detach(lost);
            _lost = null;

            // Its callback reader has stopped (its end is what told us), so the socket is ours to close.
            lost.Socket.Dispose();
        }

        if (Replay() is null)
        {
            // What the dead worker held that the log does not rebuild (buffer contents) is gone: see README, "Recovery".
            Moves++;
            GuestLog.Write($"recovered in a new {Descriptor.Name} worker: {Log.Count} calls replayed");
        }
    }

    /// <summary>Forgets the connection, so every thread opens its channel anew (to the next worker).</summary>
    private void Detach(State old)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_state, old))
            {
                _state = null;
            }

            _generation++;
            foreach (var channel in _live)
            {
                channel.Retire();
            }

            _live = [];
            _lastWriter = null;
        }
    }

    /// <summary>
    /// Ends the old worker: it serves one guest, and goes when that guest's connection closes. The socket is shut down
    /// here and closed by its callback reader once that has stopped, so no thread reads a descriptor number reused.
    /// </summary>
    private static void CloseOld(State old)
    {
        old.Closed = true;
        old.Socket.Shutdown();
    }

    /// <summary>Connects to a new worker and replays the log on a channel of the calling thread; returns why it failed.</summary>
    private string? Replay()
    {
        var channel = OpenChannel();
        if (channel is null)
        {
            return _failure;
        }

        foreach (var entry in Log.Snapshot())
        {
            foreach (var id in entry.Binds)
            {
                channel.SendBind(id);
            }

            var function = RecordLayout.ReadFunction(entry.Call.Record);
            var sequence = channel.Resend(entry.Call);
            var reply = channel.AwaitReply(sequence);
            var status = reply.Status;
            var result = status == 0 ? reply.ReadInt64() : 0;
            channel.EndReply(ref reply);
            if (status != 0)
            {
                // The new worker refused what the old one accepted: the application's objects cannot all be rebuilt.
                var why = $"replaying {Descriptor.FunctionName(function)} failed in the new worker ({(TransportStatus)status})";
                Fail(why);
                return why;
            }

            if (GuestLog.Enabled)
            {
                GuestLog.Write($"replayed {Descriptor.FunctionName(function)}: {result:x}");
            }
        }

        return null;
    }
}
