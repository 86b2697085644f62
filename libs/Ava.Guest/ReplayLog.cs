// The guest's record of how to rebuild its live objects in a new worker ([Record] in the spec): kept in the guest, not
// in the worker, because recovery needs it after the worker died. See libs/Ava.Guest/README.md, "Record and replay".
namespace Ava.Guest;

/// <summary>
/// The encoded requests of the calls that created and configured the live objects of an API, in the order they were
/// made, pruned as objects die. An entry that creates an object lives while the object does, or while an object created
/// from it still lives (a kernel keeps its program alive in the library after the program's last release); an entry
/// that configures an object lives while the object does, and a later one with the same key replaces it.
/// </summary>
/// <remarks>Thread-safe: calls from any thread learn here once they completed.</remarks>
public sealed class ReplayLog
{
    private readonly object _gate = new();
    private readonly Dictionary<ulong, Subject> _subjects = [];
    private readonly List<Entry> _found = [];

    /// <summary>The ids <see cref="_found"/> binds.</summary>
    private readonly HashSet<ulong> _bound = [];
    private long _order;
    private long _bytes;

    /// <summary>The journal (<see cref="Journaling"/>): every request sent since the last checkpoint, in the order sent.</summary>
    private List<JournalEntry> _journal = [];
    private long _journalBytes;

    /// <summary>The calling thread's last journaled request, which learns the ids of the objects it created.</summary>
    [ThreadStatic]
    private static JournalEntry? t_current;

    /// <summary>Number of entries kept (creations and configurations).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _found.Count + _subjects.Values.Sum(s => (s.Creation is null ? 0 : 1) + s.Configurations.Count);
            }
        }
    }

    /// <summary>Bytes of encoded requests kept.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>
    /// Whether every request is journaled (AVA_RECOVER=1): recovery then rebuilds the worker's state exactly, contents
    /// included, by replaying the last checkpoint and every request sent since. Set once, before the first call;
    /// cleared for good when a checkpoint cannot be taken (recovery then rebuilds the objects only).
    /// </summary>
    public bool Journaling { get; set; }

    /// <summary>Bytes the journal holds.</summary>
    public long JournalBytes => Interlocked.Read(ref _journalBytes);

    /// <summary>
    /// A request was sent (and its streamed bytes follow, <see cref="JournalEntry.Add"/>) on <paramref name="channel"/>
    /// under <paramref name="sequence"/>: it goes to the journal. Null once journaling has stopped.
    /// </summary>
    public JournalEntry? Journal(byte[] record, GuestChannel? channel = null, uint sequence = 0)
    {
        if (!Journaling)
        {
            return null;
        }

        var entry = new JournalEntry(this, record) { Channel = channel, Sequence = sequence };
        lock (_gate)
        {
            _journal.Add(entry);
        }

        Interlocked.Add(ref _journalBytes, record.Length);
        t_current = entry;
        return entry;
    }

    /// <summary>
    /// The calling thread's last request created or found <paramref name="id"/>: a replay of the journal binds it to
    /// the same id. Called for every tracked creation and every [Record(Binds)] query, and by the generated stub of a
    /// creation whose object a guest hook learns later, once the reply came.
    /// </summary>
    public void Learnt(ulong id)
    {
        if (id != 0 && t_current is { } entry && ReferenceEquals(entry.Log, this) && !entry.Binds.Contains(id))
        {
            entry.Binds.Add(id);
        }
    }

    internal void JournalGrew(long bytes) => Interlocked.Add(ref _journalBytes, bytes);

    /// <summary>
    /// For a guest hook that makes calls of its own after the call it completes (a query of the object just created):
    /// until the scope ends, the ids it learns still belong to that call's entry, not to the hook's queries.
    /// </summary>
    public static JournalScope Aside() => new(t_current);

    /// <summary>Puts back the calling thread's current journal entry (<see cref="Aside"/>).</summary>
    public readonly struct JournalScope(JournalEntry? entry) : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose() => t_current = entry;
    }

    /// <summary>A call failed for the application before its reply came: it leaves the journal. Always false.</summary>
    internal bool Unjournal(JournalEntry entry)
    {
        lock (_gate)
        {
            var index = _journal.LastIndexOf(entry);
            if (index >= 0)
            {
                _journal.RemoveAt(index);
            }
        }

        return false;
    }

    /// <summary>The journal as it stands, oldest first.</summary>
    public List<JournalEntry> JournalSnapshot()
    {
        lock (_gate)
        {
            return [.. _journal];
        }
    }

    /// <summary>A checkpoint was taken (or journaling ends): the requests sent so far are no longer needed.</summary>
    public void ClearJournal()
    {
        lock (_gate)
        {
            _journal = [];
            Interlocked.Exchange(ref _journalBytes, 0);
        }
    }

    /// <summary>A call created <paramref name="id"/> of handle type <paramref name="type"/> from <paramref name="parent"/> (0: none).</summary>
    public void Created(ulong id, int type, ulong parent, CapturedCall call)
    {
        if (id == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_subjects.TryGetValue(id, out var stale))
            {
                // The worker handed out the id of an object that died: whatever was kept of it is gone.
                Forget(id, stale);
            }

            var entry = new Entry(++_order, call, [id]);
            _subjects[id] = new Subject(type, parent, entry);
            _bytes += call.Size;
            if (parent != 0 && _subjects.TryGetValue(parent, out var from))
            {
                from.Dependents++;
            }
        }
    }

    /// <summary>A call configured <paramref name="id"/>; with a key, it replaces the earlier configuration of that key.</summary>
    public void Configured(ulong id, long? key, CapturedCall call)
    {
        lock (_gate)
        {
            if (!_subjects.TryGetValue(id, out var subject) || !subject.Live)
            {
                // An object the log cannot rebuild (not recorded, or created before recording began) needs no configuration.
                return;
            }

            if (key is { } k)
            {
                var earlier = subject.Configurations.FindIndex(e => e.Key == k);
                if (earlier >= 0)
                {
                    _bytes -= subject.Configurations[earlier].Call.Size;
                    subject.Configurations.RemoveAt(earlier);
                }
            }

            subject.Configurations.Add(new Entry(++_order, call, []) { Key = key });
            _bytes += call.Size;
        }
    }

    /// <summary>
    /// A query gave the application objects that live as long as the library does (platforms, devices): the call is
    /// kept for good, and its replay must give them the same <paramref name="ids"/>. One that gave none not found before
    /// is not kept, so a query repeated in a loop keeps the log bounded; a kept one binds only the ids that are new, in
    /// order, since the worker gives an object it already knows its id again and binds only new ones. A query of an
    /// object of a tracked type (<paramref name="of"/>: the devices of a context) keeps that object's entries too, even
    /// once the application released it, because the query needs the object to replay.
    /// </summary>
    public void Found(ulong[] ids, CapturedCall call, ulong of = 0)
    {
        lock (_gate)
        {
            var fresh = ids.Where(id => id != 0 && !_bound.Contains(id)).Distinct().ToArray();
            if (fresh.Length == 0)
            {
                return;
            }

            foreach (var id in fresh)
            {
                Learnt(id);
                _bound.Add(id);
            }

            _found.Add(new Entry(++_order, call, fresh));
            _bytes += call.Size;
            if (of != 0 && _subjects.TryGetValue(of, out var subject))
            {
                // Never given back: the entry is kept for good.
                subject.Dependents++;
            }
        }
    }

    /// <summary>The application released the last reference to <paramref name="id"/>.</summary>
    public void Deleted(ulong id)
    {
        lock (_gate)
        {
            if (_subjects.TryGetValue(id, out var subject))
            {
                subject.Live = false;
                Prune(id, subject);
            }
        }
    }

    /// <summary>Whether the log rebuilds <paramref name="id"/>.</summary>
    public bool Knows(ulong id)
    {
        lock (_gate)
        {
            return _subjects.ContainsKey(id);
        }
    }

    /// <summary>The entries to replay, oldest first: a creation carries the ids its objects must be bound to.</summary>
    public IReadOnlyList<Entry> Snapshot()
    {
        lock (_gate)
        {
            return _subjects.Values
                .SelectMany(s => s.Creation is null ? s.Configurations : s.Configurations.Prepend(s.Creation))
                .Concat(_found)
                .OrderBy(e => e.Order)
                .ToList();
        }
    }

    /// <summary>The ids of live objects of <paramref name="type"/> the log rebuilds (buffers whose contents move, queues to drain).</summary>
    public List<ulong> LiveOf(int type)
    {
        lock (_gate)
        {
            return _subjects.Where(s => s.Value.Live && s.Value.Type == type).OrderBy(s => s.Value.Creation?.Order ?? 0).Select(s => s.Key).ToList();
        }
    }

    /// <summary>Removes a dead subject no live object depends on, then the parent it kept alive, and so on.</summary>
    private void Prune(ulong id, Subject subject)
    {
        while (!subject.Live && subject.Dependents == 0)
        {
            Forget(id, subject);
            if (subject.Parent == 0 || !_subjects.TryGetValue(subject.Parent, out var parent))
            {
                return;
            }

            parent.Dependents--;
            id = subject.Parent;
            subject = parent;
        }
    }

    private void Forget(ulong id, Subject subject)
    {
        _subjects.Remove(id);
        _bytes -= (subject.Creation?.Call.Size ?? 0) + subject.Configurations.Sum(e => e.Call.Size);
    }

    /// <summary>One kept call.</summary>
    /// <param name="Order">When it was made, among all kept calls.</param>
    /// <param name="Call">Its encoded request.</param>
    /// <param name="Binds">The ids the objects it created or found had, in order (and must have again); none for a configuration.</param>
    public sealed record Entry(long Order, CapturedCall Call, ulong[] Binds)
    {
        /// <summary>The configuration's key, if it has one.</summary>
        public long? Key { get; init; }
    }

    private sealed class Subject(int type, ulong parent, Entry? creation)
    {
        public int Type { get; } = type;

        public ulong Parent { get; } = parent;

        public Entry? Creation { get; } = creation;

        public List<Entry> Configurations { get; } = [];

        public bool Live { get; set; } = true;

        /// <summary>Kept entries of objects created from this one.</summary>
        public int Dependents { get; set; }
    }
}

/// <summary>
/// One request of the journal, as it was sent: its record, its streamed bytes, and the ids of the objects it created or
/// found, which a replay binds again.
/// </summary>
public sealed class JournalEntry
{
    private readonly List<byte[]> _streamed = [];

    internal JournalEntry(ReplayLog log, byte[] record)
    {
        Log = log;
        Record = record;
    }

    internal ReplayLog Log { get; }

    /// <summary>The channel it was sent on, and its sequence there: where its deferred outputs were awaited.</summary>
    internal GuestChannel? Channel { get; init; }

    internal uint Sequence { get; init; }

    /// <summary>The deferred outputs the application still waits for (its channel's worker died first).</summary>
    internal (nint Destination, long Bytes)[] PendingOutputs() => Channel?.PendingDeferred(Sequence) ?? [];

    /// <summary>The record's bytes.</summary>
    public byte[] Record { get; }

    /// <summary>The ids its objects had, in the order they were learnt.</summary>
    public List<ulong> Binds { get; } = [];

    /// <summary>One more piece of its streamed bytes.</summary>
    public void Add(byte[] piece)
    {
        _streamed.Add(piece);
        Log.JournalGrew(piece.Length);
    }

    /// <summary>The request as a call to send again.</summary>
    public CapturedCall ToCall() => new(Record, [.. _streamed]);
}

/// <summary>
/// One call as the guest sent it: the record (header with its function id and flags, then its slots) and the bytes of
/// its streamed buffers, in order. Replayed as it is, on a new channel, with a new sequence number.
/// </summary>
/// <param name="Record">The record's bytes.</param>
/// <param name="Streamed">The streamed buffers' bytes, one array each, in the order they followed the record.</param>
public sealed record CapturedCall(byte[] Record, byte[][] Streamed)
{
    /// <summary>Bytes held.</summary>
    public long Size => Record.Length + Streamed.Sum(s => (long)s.Length);
}
