using Ava.Transport.Native;

namespace Ava.Transport.Tests.Native;

public sealed class KernelThreadTests
{
    [Fact]
    public void The_calling_thread_is_known_and_has_not_exited()
    {
        var self = KernelThread.Current();
        Assert.True(self.IsKnown);
        Assert.Equal(LibC.GetTid(), self.Tid);
        Assert.False(self.HasExited());
    }

    [Fact]
    public void A_thread_that_returned_has_exited()
    {
        var seen = default(KernelThread);
        var thread = new Thread(() => seen = KernelThread.Current());
        thread.Start();
        thread.Join();

        // Join returns once the managed thread is done; the kernel thread may still be on its way out.
        var deadline = Environment.TickCount64 + 10_000;
        while (!seen.HasExited() && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(1);
        }

        Assert.True(seen.IsKnown);
        Assert.NotEqual(LibC.GetTid(), seen.Tid);
        Assert.True(seen.HasExited());
    }

    [Fact]
    public void A_reused_thread_id_with_another_start_time_is_another_thread()
    {
        var self = KernelThread.Current();
        Assert.True((self with { StartTime = self.StartTime + 1 }).HasExited());
    }

    [Fact]
    public void A_thread_whose_start_time_is_unknown_is_never_taken_for_gone()
    {
        Assert.False(new KernelThread(int.MaxValue, 0).HasExited());
    }
}
