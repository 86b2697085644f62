using Ava.Transport.Control;
using Ava.Transport.Native;
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
    private long _migrateAt;

    /// <summary>The call before which the worker is killed (AVA_FAULT_KILL_WORKER_AT, a fault for tests); 0: none.</summary>
    private long _killAt;

    /// <summary>Whether calls are counted: a migration or a kill is due, or the journal may need a checkpoint.</summary>
    private volatile bool _countCalls;

    /// <summary>The connection whose worker asked for a move (<see cref="ControlOp.MoveRequest"/>), until the next call boundary makes it.</summary>
    private volatile State? _moveAsked;

    /// <summary>The manager session of the last connection: a move asks the manager to keep it (same id) on the new worker.</summary>
    private ManagerSession? _lastSession;
    private long _calls;

    /// <summary>True while a move or a checkpoint runs: the calls it makes itself trigger nothing.</summary>
    private bool _moving;

    /// <summary>
    /// Journaling (AVA_RECOVER=1): the log's entries at the last checkpoint, whose objects a recovery re-creates first,
    /// and whether the API holds that checkpoint's contents (<see cref="IMigrationParticipant.Capture"/>) to put back.
    /// </summary>
    private IReadOnlyList<ReplayLog.Entry> _checkpoint = [];
    private bool _checkpointHeld;

    /// <summary>The journal's size past which a checkpoint is taken at the next call (AVA_RECOVER_CHECKPOINT_BYTES).</summary>
    private long _checkpointBytes;

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
    public static long ParseMigrationCall(string? value, string? seed) => ParseCallNumber("AVA_MIGRATION_CALL_ID", value, seed);

    /// <summary>
    /// A call number as AVA_MIGRATION_CALL_ID and AVA_FAULT_KILL_WORKER_AT give it: <c>n</c>, or <c>r&lt;limit&gt;</c> for
    /// one drawn at random from 1 to limit - 1 (from <paramref name="seed"/> when it is a number). 0: none.
    /// </summary>
    public static long ParseCallNumber(string variable, string? value, string? seed)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return 0;
        }

        var random = value.StartsWith('r');
        if (!long.TryParse(random ? value[1..] : value, out var number) || number < 1)
        {
            GuestLog.Write($"{variable}={value} is neither a call number nor r<limit>: ignored");
            return 0;
        }

        if (!random)
        {
            return number;
        }

        var draw = int.TryParse(seed, out var s) ? new Random(s) : new Random();
        var call = draw.NextInt64(1, Math.Max(2, number));
        GuestLog.Write($"{variable}={value} (seed {seed ?? "none"}): call {call}");
        return call;
    }

    /// <summary>Reads the switches of moves and faults; run once, by the constructor.</summary>
    private void ReadMoveSettings()
    {
        _migrateAt = ParseMigrationCall(Environment.GetEnvironmentVariable("AVA_MIGRATION_CALL_ID"), Environment.GetEnvironmentVariable("AVA_MIGRATION_SEED"));
        _killAt = ParseCallNumber("AVA_FAULT_KILL_WORKER_AT", Environment.GetEnvironmentVariable("AVA_FAULT_KILL_WORKER_AT"), Environment.GetEnvironmentVariable("AVA_FAULT_SEED"));
        Log.Journaling = Recovers;
        _checkpointBytes = long.TryParse(Environment.GetEnvironmentVariable("AVA_RECOVER_CHECKPOINT_BYTES"), out var bytes) && bytes > 0 ? bytes : 256L << 20;
        _countCalls = _migrateAt != 0 || _killAt != 0 || Log.Journaling;
    }

    /// <summary>
    /// During a move: the next object the calling thread's next call creates gets <paramref name="id"/> in the new worker
    /// (an API re-creating by hand what its log does not hold, such as completed events).
    /// </summary>
    public void BindNext(ulong id) => Channel()?.SendBind(id);

    private void CountCall()
    {
        // The calls a move or a checkpoint makes itself are not the application's: they neither count nor trigger.
        if (_moving)
        {
            return;
        }

        var call = Interlocked.Increment(ref _calls);

        // A call a guest hook makes while completing a recorded call (a query of the kernel just created) is no call
        // boundary: that call is not in the log yet, so a move or a checkpoint waits for the next call.
        var boundary = !InCompletion();
        if (_migrateAt != 0 && call >= _migrateAt)
        {
            if (boundary)
            {
                _migrateAt = 0;
                Migrate();
            }
            else
            {
                _migrateAt = call + 1;
            }
        }

        if (boundary && _moveAsked is { } asked)
        {
            _moveAsked = null;
            if (ReferenceEquals(asked, _state) && Migrate() is { } refusal && ReferenceEquals(asked, _state))
            {
                RefuseMove(asked, refusal);
            }
        }

        if (_killAt != 0 && call >= _killAt)
        {
            KillWorker(call);
        }

        if (boundary && Log.Journaling && Log.JournalBytes > _checkpointBytes)
        {
            Checkpoint();
        }
    }

    /// <summary>Whether the calling thread is between a recorded call's reply and its entry in the log.</summary>
    private bool InCompletion()
    {
        var channels = t_channels;
        return channels is not null && (uint)_index < (uint)channels.Length && channels[_index] is { } channel
            && channel.Generation == _generation && channel.HoldsCapture;
    }

    /// <summary>
    /// The worker of <paramref name="state"/> asked for a move on its manager's behalf (<c>ava migrate</c>): the next
    /// call of any thread makes it, at its call boundary, to the worker the manager chose.
    /// </summary>
    private void MoveRequested(State state, string by)
    {
        GuestLog.Write($"{by} asks this process to move to a new {Descriptor.Name} worker: at the next call");
        _moveAsked = state;
        _countCalls = true;
    }

    /// <summary>Tells the worker, and through it the manager, why a requested move did not happen.</summary>
    private void RefuseMove(State state, string refusal)
    {
        try
        {
            lock (_gate)
            {
                ControlProtocol.SendMessage(state.Socket, ControlOp.MoveRefused, refusal);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            GuestLog.Write($"the refusal of the move did not reach the worker: {e.Message}");
        }
    }

    /// <summary>
    /// AVA_FAULT_KILL_WORKER_AT: kills the worker with SIGKILL before call <paramref name="call"/> is made, and waits
    /// until the connection's end has been seen, so that the call meets a dead worker (and, under AVA_RECOVER=1, a new
    /// one) every time rather than by a race. With no worker yet, the next call kills it.
    /// </summary>
    private void KillWorker(long call)
    {
        if (_state is not { Closed: false } state)
        {
            _killAt = call + 1;
            return;
        }

        _killAt = 0;
        GuestLog.Write($"AVA_FAULT_KILL_WORKER_AT: killing the {Descriptor.Name} worker (pid {state.WorkerPid}) before call {call}");
        LibC.Kill(state.WorkerPid, Signals.SIGKILL);
        var deadline = Environment.TickCount64 + 30_000;
        while (_lost is null && _failure is null && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(1);
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
        if (refusal is not null)
        {
            GuestLog.Write($"not moving to a new {Descriptor.Name} worker: {refusal}");
            return refusal;
        }

        _moving = true;
        try
        {
            // The API's capture replaces what a checkpoint held: a new one follows the move, or the capture's refusal.
            _checkpointHeld = false;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            refusal = Migration?.Capture(Log);
            if (refusal is not null)
            {
                GuestLog.Write($"not moving to a new {Descriptor.Name} worker: {refusal}");
                return refusal;
            }

            var paused = System.Diagnostics.Stopwatch.GetTimestamp();
            var old = _state!;
            Detach(old);
            CloseOld(old);
            var failure = Replay(Log.Snapshot().Select(e => (e.Call, (IReadOnlyList<ulong>)e.Binds)), strict: true);
            if (failure is null)
            {
                var replayed = System.Diagnostics.Stopwatch.GetTimestamp();
                Migration?.Restore(Log);
                Moves++;
                var done = System.Diagnostics.Stopwatch.GetTimestamp();
                LastMove = new MoveTimes(
                    System.Diagnostics.Stopwatch.GetElapsedTime(started, paused),
                    System.Diagnostics.Stopwatch.GetElapsedTime(paused, replayed),
                    System.Diagnostics.Stopwatch.GetElapsedTime(replayed, done));
                GuestLog.Write($"moved to a new {Descriptor.Name} worker after call {_calls}: {Log.Count} calls replayed ({Log.Bytes} bytes) in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1} ms (pause and capture {LastMove.Pause.TotalMilliseconds:F1}, replay {LastMove.Replay.TotalMilliseconds:F1}, contents {LastMove.Restore.TotalMilliseconds:F1})");
            }

            return failure;
        }
        finally
        {
            _moving = false;
            if (Log.Journaling && _failure is null)
            {
                Checkpoint();
            }
        }
    }

    /// <summary>How long the parts of the last migration took, for the migration benchmark.</summary>
    public MoveTimes? LastMove { get; private set; }

    /// <summary>
    /// Journaling: takes a checkpoint at a call boundary of the calling thread, so the journal can start again: the API
    /// drains queued work and captures what the log does not rebuild, and the log's entries as they stand are kept. When
    /// none can be taken (more threads with channels, or the API refuses) journaling stops and recovery from then on
    /// rebuilds the objects only.
    /// </summary>
    private void Checkpoint()
    {
        var refusal = Volatile.Read(ref _live).Length > 1 ? $"{Volatile.Read(ref _live).Length} threads have channels" : null;
        _moving = true;
        try
        {
            _checkpointHeld = false;
            refusal ??= Migration?.Capture(Log);
            if (refusal is not null)
            {
                GuestLog.Write($"no checkpoint of the {Descriptor.Name} state ({refusal}): journaling stops, and a recovery from now on rebuilds objects without their contents");
                Log.Journaling = false;
                Log.ClearJournal();
                return;
            }

            var bytes = Log.JournalBytes;
            _checkpoint = Log.Snapshot();
            _checkpointHeld = Migration is not null;
            Log.ClearJournal();
            GuestLog.Write($"checkpoint of the {Descriptor.Name} state after call {_calls}: {_checkpoint.Count} log entries, {bytes} journal bytes let go");
        }
        finally
        {
            _moving = false;
        }
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

        _moving = true;
        string? failure;
        try
        {
            if (Log.Journaling)
            {
                // The checkpoint's objects, their contents, then every request sent since, as they were sent.
                var journal = Log.JournalSnapshot();
                failure = Replay(_checkpoint.Select(e => (e.Call, (IReadOnlyList<ulong>)e.Binds)), strict: true);
                if (failure is null && _checkpointHeld)
                {
                    _checkpointHeld = false;
                    Migration!.Restore(Log);
                }

                failure ??= Replay(journal.Select(e => (e.ToCall(), (IReadOnlyList<ulong>)e.Binds, e.PendingOutputs())), strict: false);
                if (failure is null)
                {
                    Moves++;
                    GuestLog.Write($"recovered in a new {Descriptor.Name} worker: {_checkpoint.Count} checkpoint entries and {journal.Count} journaled calls replayed");
                }
            }
            else
            {
                failure = Replay(Log.Snapshot().Select(e => (e.Call, (IReadOnlyList<ulong>)e.Binds)), strict: true);
                if (failure is null)
                {
                    // What the dead worker held that the log does not rebuild (buffer contents) is gone: see README, "Recovery".
                    Moves++;
                    GuestLog.Write($"recovered in a new {Descriptor.Name} worker: {Log.Count} calls replayed");
                }
            }
        }
        finally
        {
            _moving = false;
        }

        if (failure is null && Log.Journaling)
        {
            Checkpoint();
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

    /// <summary>
    /// Replays <paramref name="entries"/> on the calling thread's channel to the worker (connecting to a new one if it
    /// has none), each preceded by its binds; returns why it failed. Strict: a call the new worker refuses fails the
    /// replay (it accepted it before, from the log); otherwise (the journal, which also holds the calls it refused the
    /// first time) the refusal is only logged.
    /// </summary>
    private string? Replay(IEnumerable<(CapturedCall Call, IReadOnlyList<ulong> Binds)> entries, bool strict) =>
        Replay(entries.Select(e => (e.Call, e.Binds, Array.Empty<(nint, long)>())), strict);

    /// <summary>
    /// <see cref="Replay(IEnumerable{ValueTuple{CapturedCall, IReadOnlyList{ulong}}}, bool)"/>, where a journaled call
    /// whose deferred outputs the application still waits for (a non-blocking read the dead worker had not answered)
    /// asks for them again: they go where the application awaits them, once the new worker has them.
    /// </summary>
    private unsafe string? Replay(IEnumerable<(CapturedCall Call, IReadOnlyList<ulong> Binds, (nint Destination, long Bytes)[] Outputs)> entries, bool strict)
    {
        var channel = Channel();
        if (channel is null)
        {
            return _failure;
        }

        foreach (var (call, binds, outputs) in entries)
        {
            foreach (var id in binds)
            {
                channel.SendBind(id);
            }

            var function = RecordLayout.ReadFunction(call.Record);
            var sequence = channel.Resend(call, deferOutputs: outputs.Length > 0);
            foreach (var (destination, bytes) in outputs)
            {
                channel.AddDeferred(sequence, (void*)destination, bytes);
            }

            var (status, result) = channel.AwaitResent(sequence);
            if (status != TransportStatus.Ok)
            {
                if (outputs.Length > 0)
                {
                    channel.DropDeferred(sequence);
                }

                var why = $"replaying {Descriptor.FunctionName(function)} failed in the new worker ({status})";
                if (!strict)
                {
                    GuestLog.Write(why);
                    continue;
                }

                // The new worker refused what the old one accepted: the application's objects cannot all be rebuilt.
                Fail(why);
                return why;
            }

            if (GuestLog.Enabled)
            {
                GuestLog.Write($"replayed {Descriptor.FunctionName(function)}: {result:x}{(binds.Count > 0 ? $" (bound {string.Join(", ", binds.Select(b => b.ToString("x")))})" : "")}");
            }
        }

        return null;
    }
}

/// <summary>How long the parts of one migration took.</summary>
/// <param name="Pause">Draining queued work and capturing the API's state on the old worker.</param>
/// <param name="Replay">Starting the new worker and replaying the log in it.</param>
/// <param name="Restore">Putting the captured state (buffer contents) into the new worker.</param>
public sealed record MoveTimes(TimeSpan Pause, TimeSpan Replay, TimeSpan Restore);
