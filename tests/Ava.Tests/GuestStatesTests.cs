using Ava.Guest;

namespace Ava.Tests;

/// <summary>
/// The guest's knowledge that a per-thread [GuestState] is in use ([LazyGuestState]: the CUDA runtime has a context in
/// use on the thread): it holds until the state next changes, on this thread or for all threads, and is the calling
/// thread's own. Slot 7, which no spec of these tests' processes declares, is used.
/// </summary>
public class GuestStatesTests
{
    private const int Slot = GuestStates.Slots - 1;

    private static T OnNewThread<T>(Func<T> body)
    {
        var result = default(T)!;
        var thread = new Thread(() => result = body());
        thread.Start();
        thread.Join();
        return result;
    }

    [Fact]
    public void InUse_HoldsFromMarkUntilTheStateChangesOnTheThread() => Assert.Equal([false, true, true, false], OnNewThread(() =>
    {
        var seen = new List<bool> { GuestStates.InUse(Slot) };
        GuestStates.MarkInUse(Slot);
        seen.Add(GuestStates.InUse(Slot));
        seen.Add(GuestStates.InUse(Slot));
        GuestStates.Change(Slot, perThread: true, allThreads: false);
        seen.Add(GuestStates.InUse(Slot));
        return seen;
    }));

    [Fact]
    public void InUse_IsTheThreadsOwn_AndEndsWithAChangeForAllThreadsMadeElsewhere()
    {
        var marked = new ManualResetEventSlim();
        var changed = new ManualResetEventSlim();
        var seen = new List<bool>();
        var thread = new Thread(() =>
        {
            GuestStates.MarkInUse(Slot);
            marked.Set();
            changed.Wait();
            seen.Add(GuestStates.InUse(Slot));
        });
        thread.Start();
        marked.Wait();

        // Another thread's change of its own value leaves the mark standing; only a change for all threads ends it.
        Assert.False(OnNewThread(() => { GuestStates.Change(Slot, perThread: true, allThreads: false); return GuestStates.InUse(Slot); }));
        Assert.False(GuestStates.InUse(Slot));
        GuestStates.Change(Slot, perThread: true, allThreads: true);
        changed.Set();
        thread.Join();
        Assert.Equal([false], seen);
    }

    [Fact]
    public void InUse_SurvivesAnotherThreadsChangeOfItsOwnValue()
    {
        var seen = OnNewThread(() =>
        {
            GuestStates.MarkInUse(Slot);
            OnNewThread(() => { GuestStates.Change(Slot, perThread: true, allThreads: false); return 0; });
            return GuestStates.InUse(Slot);
        });
        Assert.True(seen);
    }
}
