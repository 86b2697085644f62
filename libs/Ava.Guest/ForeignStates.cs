namespace Ava.Guest;

/// <summary>
/// The [GuestState]s of other APIs of the group that this API's calls change in the library ([GuestState(Api = ...)]:
/// the CUDA runtime's <c>cudaSetDevice</c> makes a context current, on which the driver's kept <c>cuCtxGetCurrent</c>
/// answers depend). Their kept answers live in the owner's image, so a change is made there, through the owner's
/// table, by the state's name; a state the owner's spec does not declare as this spec does (libraries of different
/// builds) makes every change change all of the owner's states. Without a group (no owner of ours in the process)
/// nobody keeps answers about them, and nothing is done.
/// </summary>
/// <remarks>
/// Changes are made once the call has been made (its reply back, or sent async), as an API's own are: made before,
/// another thread could ask the old state and keep the answer as the new one's.
/// </remarks>
public sealed unsafe class ForeignStates(ApiConnection connection, string[] names, bool[] perThread)
{
    // The owner's slot of each state (ApiGroup.FindState), looked up once per owner table; -1: not found. One
    // reference, so that a thread racing the first lookup sees a table and its slots together.
    private Resolved? _resolved;

    /// <summary>The call changed state <paramref name="index"/> (for a per-thread one, with <paramref name="allThreads"/>, every thread's).</summary>
    public void Change(int index, bool allThreads)
    {
        if (connection.Group is not { } link)
        {
            return;
        }

        var slot = Slots(link)[index];
        link.Table->ChangeState(slot, allThreads ? 1 : 0);
    }

    /// <summary>
    /// The call reached the worker, whose library takes per-thread state <paramref name="index"/> into use by itself
    /// ([LazyGuestState]) and changes the states of <paramref name="also"/> (bits by index) with it;
    /// <paramref name="inUse"/>: the call proved it in use on this thread ([UsesGuestState], a synchronous success).
    /// </summary>
    public void TakeIntoUse(int index, int also, bool inUse)
    {
        if (connection.Group is not { } link)
        {
            return;
        }

        var slots = Slots(link);
        var ownerAlso = 0;
        for (var i = 0; i < slots.Length; i++)
        {
            if ((also & (1 << i)) != 0)
            {
                if (slots[i] < 0)
                {
                    ownerAlso = -1;
                    break;
                }

                ownerAlso |= 1 << slots[i];
            }
        }

        if (slots[index] < 0 || ownerAlso < 0)
        {
            link.Table->ChangeState(-1, 1);
            return;
        }

        link.Table->TakeIntoUse(slots[index], ownerAlso, inUse ? 1 : 0);
    }

    private int[] Slots(GroupLink link)
    {
        var table = (nint)link.Table;
        if (_resolved is { } known && known.Table == table)
        {
            return known.Slots;
        }

        var slots = new int[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var name = System.Text.Encoding.UTF8.GetBytes(names[i]);
            int found;
            fixed (byte* bytes = name)
            {
                found = link.Table->FindState(bytes, name.Length);
            }

            var matches = found >= 0 && ((found & ApiGroup.PerThreadState) != 0) == perThread[i];
            slots[i] = matches ? found & ~ApiGroup.PerThreadState : -1;
            if (!matches)
            {
                GuestLog.Write($"{connection.Descriptor.Name}: the group's owner declares no {(perThread[i] ? "per-thread " : "")}state '{names[i]}': every call that would change it changes all of the owner's states");
            }
        }

        _resolved = new Resolved(table, slots);
        return slots;
    }

    private sealed record Resolved(nint Table, int[] Slots);
}
