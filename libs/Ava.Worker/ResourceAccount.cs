namespace Ava.Worker;

/// <summary>
/// One storage resource of one tenant (e.g. its device memory): what it holds against its limit, and what each
/// object it created is charged. An allocation reserves its amount before the real call (<see cref="TryReserve"/>),
/// so threads allocating at once cannot together pass the limit; after the call the reservation becomes the
/// created object's charge or is given back (<see cref="Settle"/>). Freeing the object gives its charge back.
/// A worker of the manager shares the limit with every other worker of its principal (<see cref="Share"/>): the
/// limit is then the principal's, and what this tenant holds also counts in the principal's ledger.
/// </summary>
/// <remarks>
/// One lock guards the counters and the charges: only allocating and freeing calls take it, never the call path of
/// other functions, and an uncontended lock costs far less than the device allocation it accounts for. Readers of
/// the counters (status) do not take it.
/// </remarks>
public sealed class ResourceAccount(string name)
{
    /// <summary>
    /// Largest amount one allocation is counted as: no device holds 2^60 bytes, and the cap keeps the sum of
    /// concurrent absurd requests (which the real library refuses anyway) from overflowing.
    /// </summary>
    private const long MaxCharge = 1L << 60;

    private readonly object _gate = new();
    private readonly Dictionary<nint, long> _charges = [];
    private long _limit;
    private long _held;
    private long _peak;
    private long _denied;
    private PrincipalLedger? _ledger;
    private int _row;
    private int _slot;

    /// <summary>The resource's name, as in the policy file and the spec.</summary>
    public string Name { get; } = name;

    /// <summary>Most the tenant (or, shared, all its principal's tenants together) may hold; 0: no limit.</summary>
    public long Limit => _ledger is { } ledger ? ledger.Limit(_row) : Volatile.Read(ref _limit);

    /// <summary>What the tenant's principal holds in all its workers (this tenant's own amount when not shared).</summary>
    public long PrincipalHeld => _ledger is { } ledger ? ledger.Total(_row) : Held;

    /// <summary>Whether the limit is shared with the principal's other workers.</summary>
    public bool Shared => _ledger is not null;

    /// <summary>
    /// Counts this account in <paramref name="slot"/> of its principal's <paramref name="ledger"/> from now on (before
    /// the guest's first call), under the principal's limit instead of one of its own.
    /// </summary>
    public void Share(PrincipalLedger ledger, int slot)
    {
        var row = PrincipalLedger.RowOf(Name);
        if (row < 0)
        {
            throw new ArgumentException($"the principal's ledger does not share {Name}", nameof(ledger));
        }

        lock (_gate)
        {
            ledger.Add(row, slot, _held);
            (_ledger, _row, _slot) = (ledger, row, slot);
        }
    }

    /// <summary>What the tenant holds now, allocations in progress included.</summary>
    public long Held => Volatile.Read(ref _held);

    /// <summary>The most it held at once.</summary>
    public long Peak => Volatile.Read(ref _peak);

    /// <summary>Allocations refused because they would have passed the limit.</summary>
    public long Denied => Volatile.Read(ref _denied);

    /// <summary>Objects holding a charge.</summary>
    public int Objects
    {
        get
        {
            lock (_gate)
            {
                return _charges.Count;
            }
        }
    }

    /// <summary>Sets the limit (0: none). What is already held stays; a lower limit refuses new allocations until enough is freed.</summary>
    public void SetLimit(long limit) => Volatile.Write(ref _limit, Math.Max(0, limit));

    /// <summary>Reserves <paramref name="amount"/> if it fits under the limit; false (and counted as denied) if not.</summary>
    public bool TryReserve(ulong amount)
    {
        var bytes = (long)Math.Min(amount, MaxCharge);
        lock (_gate)
        {
            var limit = _limit;
            if ((limit > 0 && bytes > limit - _held) || (_ledger is { } ledger && !ledger.TryAdd(_row, _slot, bytes)))
            {
                _denied++;
                return false;
            }

            Volatile.Write(ref _held, _held + bytes);
            Volatile.Write(ref _peak, Math.Max(_peak, _held));
            return true;
        }
    }

    /// <summary>
    /// Ends a reservation: charged to <paramref name="created"/>, or given back when the call created nothing (0).
    /// A charge still recorded for the same object is stale (the object was freed without the spec saying so) and
    /// is replaced.
    /// </summary>
    public void Settle(nint created, ulong amount)
    {
        var bytes = (long)Math.Min(amount, MaxCharge);
        lock (_gate)
        {
            if (created == 0)
            {
                Give(bytes);
                return;
            }

            if (_charges.Remove(created, out var stale))
            {
                Give(stale);
            }

            _charges[created] = bytes;
        }
    }

    /// <summary>Removes the charge of <paramref name="freed"/> and returns it (0 when it had none).</summary>
    public long Take(nint freed)
    {
        lock (_gate)
        {
            if (!_charges.Remove(freed, out var bytes))
            {
                return 0;
            }

            Give(bytes);
            return bytes;
        }
    }

    /// <summary>Gives <paramref name="freed"/>'s charge back to the tenant: the object is gone.</summary>
    public void Refund(nint freed) => Take(freed);

    /// <summary>Puts back a charge <see cref="Take"/> removed before a call that then failed to free the object.</summary>
    public void Restore(nint freed, long bytes)
    {
        if (bytes <= 0)
        {
            return;
        }

        lock (_gate)
        {
            _charges[freed] = bytes;
            _ledger?.Add(_row, _slot, bytes);
            Volatile.Write(ref _held, _held + bytes);
            Volatile.Write(ref _peak, Math.Max(_peak, _held));
        }
    }

    /// <summary>Gives back <paramref name="amount"/> that <see cref="TryReserve"/> took and no object was charged with (a count: a channel that closed).</summary>
    public void Return(ulong amount) => Settle(0, amount);

    /// <summary>Drops every charge (the guest is gone and its objects were released); returns what was held.</summary>
    public long ReleaseAll()
    {
        lock (_gate)
        {
            var held = _held;
            _charges.Clear();
            Give(held);
            return held;
        }
    }

    /// <summary>Takes <paramref name="bytes"/> off what is held, here and in the principal's ledger (under the lock).</summary>
    private void Give(long bytes)
    {
        _ledger?.Subtract(_row, _slot, bytes);
        Volatile.Write(ref _held, _held - bytes);
    }
}
