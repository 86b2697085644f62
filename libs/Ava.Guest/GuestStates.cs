namespace Ava.Guest;

/// <summary>
/// Which value of each [GuestState] the library is in, as far as answers kept in the guest are concerned: not the value
/// itself (the guest never needs it), a number that is new after every call declared to change the state
/// ([ChangesGuestState]). Kept answers of [CachedInGuest(State)] queries carry it in their key, so an answer of an
/// earlier value is never found again.
/// </summary>
/// <remarks>
/// Numbers come from one counter of the process, so no two values of any state, on any thread, share one: a thread's
/// number cannot meet an answer kept by another thread. A per-thread state changed for all threads bumps an epoch that
/// every thread compares with the one its number was taken under.
/// </remarks>
public static class GuestStates
{
    /// <summary>Most states an API declares (the generator checks).</summary>
    public const int Slots = 8;

    private static readonly long[] Shared = new long[Slots];
    private static readonly long[] Epochs = new long[Slots];
    private static long _next;

    [ThreadStatic]
    private static long[]? t_values;

    [ThreadStatic]
    private static long[]? t_epochs;

    /// <summary>The number of the state's current value (for a per-thread state, the calling thread's).</summary>
    public static ulong Current(int slot, bool perThread)
    {
        if (!perThread)
        {
            var shared = Volatile.Read(ref Shared[slot]);
            if (shared == 0)
            {
                Interlocked.CompareExchange(ref Shared[slot], Interlocked.Increment(ref _next), 0);
                shared = Volatile.Read(ref Shared[slot]);
            }

            return (ulong)shared;
        }

        var values = t_values ??= new long[Slots];
        var epochs = t_epochs ??= new long[Slots];
        var epoch = Volatile.Read(ref Epochs[slot]);
        if (values[slot] == 0 || epochs[slot] != epoch)
        {
            values[slot] = Interlocked.Increment(ref _next);
            epochs[slot] = epoch;
        }

        return (ulong)values[slot];
    }

    [ThreadStatic]
    private static long[]? t_inUse;

    /// <summary>
    /// Whether the per-thread state is known to be in use on the calling thread at its current value: a call proved it
    /// (<see cref="MarkInUse"/>) and nothing has changed it since, on this thread or for all threads.
    /// </summary>
    public static bool InUse(int slot)
    {
        var inUse = t_inUse;
        return inUse is not null && inUse[slot] != 0 && inUse[slot] == (long)Current(slot, perThread: true);
    }

    /// <summary>The per-thread state is in use on the calling thread at its current value (until it next changes).</summary>
    public static void MarkInUse(int slot) => (t_inUse ??= new long[Slots])[slot] = (long)Current(slot, perThread: true);

    /// <summary>
    /// Every state may have changed, on every thread: a call of another API of the group whose spec names states this
    /// image's spec does not declare (guest libraries of different builds) changes what nobody can name.
    /// </summary>
    public static void ChangeAll()
    {
        for (var slot = 0; slot < Slots; slot++)
        {
            Change(slot, perThread: false, allThreads: false);
            Change(slot, perThread: true, allThreads: true);
        }
    }

    /// <summary>The state may have changed: its next answers are asked again (every thread's, with <paramref name="allThreads"/>).</summary>
    public static void Change(int slot, bool perThread, bool allThreads)
    {
        if (!perThread)
        {
            Volatile.Write(ref Shared[slot], Interlocked.Increment(ref _next));
            return;
        }

        if (allThreads)
        {
            Interlocked.Increment(ref Epochs[slot]);
        }

        (t_values ??= new long[Slots])[slot] = Interlocked.Increment(ref _next);
        (t_epochs ??= new long[Slots])[slot] = Volatile.Read(ref Epochs[slot]);
    }
}
