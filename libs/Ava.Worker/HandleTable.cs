using Ava.Transport.Wire;

namespace Ava.Worker;

/// <summary>
/// One tenant's handles: wire id -> (real object, type, references the guest holds). Ids are only ever looked up
/// in the tenant's own table and checked for type, so a guest cannot name another tenant's objects or pass a
/// queue where a buffer is expected. Ids carry the type and a per-slot generation, so a stale id is refused.
/// </summary>
/// <param name="objects">The tenant's count of live objects, under its bound (<see cref="ResourceAccounts.Objects"/>); null: unbounded.</param>
/// <param name="release">Drops a reference to a real object (the API's release), for one the bound refuses.</param>
/// <param name="firstGeneration">The generation of every slot's first id (1 to 2^24 - 1); 0: one of the table's own (see the field's remarks).</param>
public sealed class HandleTable(ResourceAccount? objects = null, Action<int, nint>? release = null, int firstGeneration = 0)
{
    private readonly object _gate = new();
    private readonly Dictionary<(int Type, nint Real), ulong> _byReal = [];
    private Entry?[] _slots = new Entry?[64];
    private int _count = 1;
    private readonly Stack<int> _free = new();
    private long _order;

    /// <summary>
    /// Per type, how many entries have gone (a last release, a relocation, a drain): a reader that checked ids of a type
    /// when the count was n knows they are still live while it is n, without looking them up again.
    /// </summary>
    private readonly long[] _removals = new long[256];

    /// <summary>The ids the next new objects are bound to, in order (<see cref="BindNext"/>).</summary>
    private readonly Queue<ulong> _bindNext = new();

    /// <summary>
    /// The generation of a slot's first id. A forked child of the guest gets a worker and a table of its own while it
    /// still holds the ids its parent was given, and applications compare those with new ones or key caches by them
    /// (pyopencl keys its kernel caches by the context): natively a new object never shares the address of one the
    /// child inherited, so here a new table must not hand out its parent's ids again. Each table starts elsewhere.
    /// </summary>
    private readonly int _firstGeneration = firstGeneration == 0 ? Random.Shared.Next(1, 0x1000000)
        : firstGeneration is >= 1 and <= 0xFFFFFF ? firstGeneration
        : throw new ArgumentOutOfRangeException(nameof(firstGeneration), firstGeneration, "a generation is 1 to 2^24 - 1");

    /// <summary>
    /// The first generation of a table whose ids must be the same from run to run: a capturing worker's
    /// (<c>AVA_CAPTURE_DIR</c>) and a replay's, so that the ids a recorded session names are live when it is replayed.
    /// </summary>
    public const int ReplayGeneration = 1;

    /// <summary>Number of live entries.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byReal.Count;
            }
        }
    }

    /// <summary>
    /// How many entries of <paramref name="type"/> have gone so far. While it stays the same, every id of the type that
    /// resolved before still resolves to the same object (an entry only goes through a release, a relocation or a drain).
    /// </summary>
    /// <remarks>Lock-free, one read: a launch compares it with the count its kernel's arguments were checked at.</remarks>
    public long RemovalsOf(int type) => Volatile.Read(ref _removals[type & 0xFF]);

    /// <summary>Counts an entry of <paramref name="type"/> gone (under the lock).</summary>
    private void Removed(int type) => Volatile.Write(ref _removals[type & 0xFF], _removals[type & 0xFF] + 1);

    /// <summary>The real object of <paramref name="id"/>, which must be of <paramref name="type"/>; id 0 is NULL.</summary>
    /// <remarks>Lock-free: every call that passes a handle resolves it, and writers publish immutable snapshots.</remarks>
    public nint Resolve(ulong id, int type)
    {
        if (id == 0)
        {
            return 0;
        }

        if (!TryResolve(id, type, out var real))
        {
            throw new CallRejectedException(TransportStatus.InvalidHandle, $"handle {id:x} is not a live {type} handle of this tenant");
        }

        return real;
    }

    /// <summary>Like <see cref="Resolve"/> without an exception: false when <paramref name="id"/> is not a live handle of <paramref name="type"/>.</summary>
    public bool TryResolve(ulong id, int type, out nint real)
    {
        real = 0;
        var index = (int)(id & 0xFFFFFFFF);
        var generation = (int)((id >> 32) & 0xFFFFFF);
        var slots = Volatile.Read(ref _slots);
        if ((int)(id >> 56) != type || index <= 0 || index >= slots.Length
            || slots[index] is not { Real: not 0 } entry || entry.Generation != generation || entry.Type != type)
        {
            return false;
        }

        real = entry.Real;
        return true;
    }

    /// <summary>
    /// The id of a real object, adding it if new; <paramref name="owned"/> counts a reference the guest now holds. A new
    /// object beyond the tenant's bound of live objects is refused: the reference the call made is dropped, and the call
    /// is answered with <see cref="TransportStatus.OutOfResources"/>.
    /// </summary>
    public ulong Add(nint real, int type, bool owned)
    {
        if (real == 0)
        {
            return 0;
        }

        lock (_gate)
        {
            if (_byReal.TryGetValue((type, real), out var existing))
            {
                if (owned)
                {
                    var index = (int)(existing & 0xFFFFFFFF);
                    _slots[index] = _slots[index]! with { References = _slots[index]!.References + 1 };
                }

                return existing;
            }

            if (objects is null || objects.TryReserve(1))
            {
                int slot;
                int generation;
                if (_bindNext.Count > 0 && (int)(_bindNext.Peek() >> 56) == type)
                {
                    var bound = _bindNext.Dequeue();
                    BindSlot(bound, real, type, owned);
                    _byReal[(type, real)] = bound;
                    return bound;
                }

                if (_free.Count > 0)
                {
                    slot = _free.Pop();
                    generation = (_slots[slot]!.Generation + 1) & 0xFFFFFF;
                    _slots[slot] = new Entry(real, type, generation, owned ? 1 : 0, ++_order, !owned);
                }
                else
                {
                    slot = _count++;
                    generation = _firstGeneration;
                    if (slot == _slots.Length)
                    {
                        // Readers hold the old array until they next load the field; both show the same entries.
                        var grown = new Entry?[_slots.Length * 2];
                        Array.Copy(_slots, grown, _slots.Length);
                        Volatile.Write(ref _slots, grown);
                    }

                    _slots[slot] = new Entry(real, type, generation, owned ? 1 : 0, ++_order, !owned);
                }

                var id = ((ulong)type << 56) | ((ulong)generation << 32) | (uint)slot;
                _byReal[(type, real)] = id;
                return id;
            }
        }

        // Refused: beyond the bound.
        if (owned)
        {
            release?.Invoke(type, real);
        }

        throw new CallRejectedException(TransportStatus.OutOfResources, $"{objects!.Held} live objects, the most its principal may hold ({objects.Limit} together)");
    }

    /// <summary>
    /// Replay: the next new object gets <paramref name="id"/>, the id the guest's application already holds for it (from
    /// the worker it had before), instead of a fresh one, when it is of the id's type. Several ids bind the objects one
    /// call creates (the devices clGetDeviceIDs lists), in order; <see cref="EndBinds"/> forgets those left. An object
    /// still in the slot moves to another (see <see cref="BindSlot"/>).
    /// </summary>
    public void BindNext(ulong id)
    {
        var index = (int)(id & 0xFFFFFFFF);
        if (id == 0 || index <= 0 || index >= MaxBindIndex || ((id >> 32) & 0xFFFFFF) == 0)
        {
            throw new CallRejectedException(TransportStatus.InvalidHandle, $"{id:x} is not an id a table of this tenant's bound hands out");
        }

        lock (_gate)
        {
            _bindNext.Enqueue(id);
        }
    }

    /// <summary>
    /// The highest slot a replayed id may name. A table reuses freed slots, so its slots never outnumber the objects live
    /// at once (the tenant's bound) by much; binding a slot fills every slot below it, and a forged id of slot 2^30 made
    /// the worker allocate for a billion (a fuzz hang: gigabytes in seconds).
    /// </summary>
    private int MaxBindIndex => objects is { Limit: > 0 and < (1 << 28) } bound ? (int)((2 * bound.Limit) + 1024) : 1 << 21;

    /// <summary>The call the binds were for has run: ids it did not use bind nothing later.</summary>
    public void EndBinds()
    {
        lock (_gate)
        {
            _bindNext.Clear();
        }
    }

    /// <summary>Puts a new entry at the slot and generation of <paramref name="id"/> (under the lock).</summary>
    private void BindSlot(ulong id, nint real, int type, bool owned)
    {
        var index = (int)(id & 0xFFFFFFFF);
        var generation = (int)((id >> 32) & 0xFFFFFF);
        if (index < _slots.Length && _slots[index] is { Real: not 0 } occupant)
        {
            // An object the application has released but the replay had to re-create, because objects made from it
            // still live (a program its kernels keep): its slot was handed on afterwards. Its id is no longer the
            // application's, so it moves to a fresh slot and the id bound now is served.
            Relocate(index, occupant);
        }

        if (index >= _slots.Length)
        {
            var grown = new Entry?[Math.Max(_slots.Length * 2, index + 1)];
            Array.Copy(_slots, grown, _slots.Length);
            Volatile.Write(ref _slots, grown);
        }

        // Slots skipped on the way become free ones; the bound slot leaves the free list if it was on it.
        for (var skipped = _count; skipped < index; skipped++)
        {
            _slots[skipped] = new Entry(0, 0, _firstGeneration, 0, 0);
            _free.Push(skipped);
        }

        _count = Math.Max(_count, index + 1);
        if (_free.Contains(index))
        {
            var rest = _free.Where(i => i != index).Reverse().ToArray();
            _free.Clear();
            foreach (var i in rest)
            {
                _free.Push(i);
            }
        }

        _slots[index] = new Entry(real, type, generation, owned ? 1 : 0, ++_order, !owned);
    }

    /// <summary>Moves the entry at <paramref name="index"/> to a fresh slot, with a new id (under the lock).</summary>
    private void Relocate(int index, Entry occupant)
    {
        var slot = _count++;
        if (slot >= _slots.Length)
        {
            var grown = new Entry?[_slots.Length * 2];
            Array.Copy(_slots, grown, _slots.Length);
            Volatile.Write(ref _slots, grown);
        }

        _slots[slot] = occupant with { Generation = _firstGeneration };
        _byReal[(occupant.Type, occupant.Real)] = ((ulong)occupant.Type << 56) | ((ulong)_firstGeneration << 32) | (uint)slot;
        _slots[index] = new Entry(0, 0, occupant.Generation, 0, 0);
        Removed(occupant.Type);
    }

    /// <summary>The guest took one more reference (retain).</summary>
    public void Retain(ulong id) => Adjust(id, +1);

    /// <summary>The guest gave one reference back (release); the entry goes when none are left, and then this is true.</summary>
    public bool Release(ulong id) => Adjust(id, -1);

    /// <summary>Removes every entry and returns the references the guest still held, newest first.</summary>
    public List<(int Type, nint Real, int References)> Drain()
    {
        lock (_gate)
        {
            var held = _slots.Take(_count).OfType<Entry>().Where(e => e.Real != 0 && e.References > 0)
                .OrderByDescending(e => e.Order)
                .Select(e => (e.Type, e.Real, e.References))
                .ToList();
            Volatile.Write(ref _slots, new Entry?[64]);
            for (var type = 0; type < _removals.Length; type++)
            {
                Removed(type);
            }

            _count = 1;
            _byReal.Clear();
            _free.Clear();
            return held;
        }
    }

    private bool Adjust(ulong id, int delta)
    {
        var index = (int)(id & 0xFFFFFFFF);
        lock (_gate)
        {
            // The whole id must match, as in TryResolve: a stale id must not move the references of the slot's next object.
            if (index <= 0 || index >= _count || _slots[index] is not { Real: not 0 } entry
                || entry.Generation != (int)((id >> 32) & 0xFFFFFF) || entry.Type != (int)(id >> 56))
            {
                return false;
            }

            var references = entry.References + delta;
            if (references <= 0 && entry.Pinned)
            {
                // An object the guest first got without owning it (a platform, a root device) outlives its
                // references: releasing it is the library's business, and its id must stay valid.
                _slots[index] = entry with { References = 0 };
            }
            else if (references <= 0)
            {
                _byReal.Remove((entry.Type, entry.Real));
                _slots[index] = entry with { Real = 0, References = 0 };
                _free.Push(index);
                Removed(entry.Type);
                objects?.Return(1);
                return true;
            }
            else
            {
                _slots[index] = entry with { References = references };
            }

            return false;
        }
    }

    /// <summary>Immutable, so a lock-free reader sees a whole entry or the previous one, never a mix.</summary>
    private sealed record Entry(nint Real, int Type, int Generation, int References, long Order, bool Pinned = false);
}
