using System.Diagnostics;
using Ava.Transport.Native;

namespace Ava.Transport.Tests.Native;

public sealed unsafe class FutexTests
{
    [Fact]
    public void Wait_times_out_when_nobody_wakes_it()
    {
        using SharedSegment segment = SharedSegment.Create("ava-test-futex-timeout", 4096);
        int* word = (int*)segment.Base;

        var clock = Stopwatch.StartNew();
        bool woken = Futex.Wait(word, 0, 100);
        clock.Stop();

        Assert.False(woken);
        Assert.True(clock.ElapsedMilliseconds >= 90, $"returned after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Wait_returns_at_once_when_the_word_already_changed()
    {
        using SharedSegment segment = SharedSegment.Create("ava-test-futex-changed", 4096);
        int* word = (int*)segment.Base;
        *word = 7;

        var clock = Stopwatch.StartNew();
        Assert.True(Futex.Wait(word, 0, 5000));
        Assert.True(clock.ElapsedMilliseconds < 1000);
    }

    [Fact]
    public void Wake_releases_a_waiting_thread()
    {
        using SharedSegment segment = SharedSegment.Create("ava-test-futex-wake", 4096);
        int* word = (int*)segment.Base;
        nint address = (nint)word;

        using var started = new ManualResetEventSlim();
        bool sawChange = false;
        var waiter = new Thread(() =>
        {
            int* w = (int*)address;
            started.Set();
            while (Volatile.Read(ref *w) == 0)
            {
                Futex.Wait(w, 0, 10_000);
            }

            sawChange = true;
        });
        waiter.Start();
        started.Wait();

        // Give the waiter time to block in the kernel, then publish and wake it.
        Thread.Sleep(50);
        Volatile.Write(ref *word, 1);
        int woken = 0;
        var clock = Stopwatch.StartNew();
        while (!waiter.Join(0))
        {
            woken += Futex.Wake(word, 1);
            Assert.True(clock.ElapsedMilliseconds < 5000, "waiter did not wake");
            Thread.Sleep(1);
        }

        Assert.True(sawChange);
        Assert.True(clock.ElapsedMilliseconds < 5000);
    }

    [Fact]
    public void Wake_through_a_second_mapping_reaches_a_waiter_on_the_first()
    {
        // The two mappings stand in for two processes: only a shared (non-private) futex is keyed
        // by the page rather than the virtual address, so this fails with FUTEX_PRIVATE_FLAG.
        using SharedSegment first = SharedSegment.Create("ava-test-futex-shared", 4096);
        using SharedSegment second = SharedSegment.Map(Descriptors.Duplicate(first.Fd), 4096);
        nint waitAddress = (nint)first.Base;

        bool result = false;
        var waiter = new Thread(() => result = Futex.Wait((int*)waitAddress, 0, 10_000));
        var clock = Stopwatch.StartNew();
        waiter.Start();

        int woken = 0;
        while (woken == 0 && clock.ElapsedMilliseconds < 5000)
        {
            Thread.Sleep(5);
            woken = Futex.Wake((int*)second.Base, 1);
        }

        Assert.True(waiter.Join(5000));
        Assert.Equal(1, woken);
        Assert.True(result);
        Assert.True(clock.ElapsedMilliseconds < 5000);
    }

    [Fact]
    public void Wake_with_no_waiters_wakes_nobody()
    {
        using SharedSegment segment = SharedSegment.Create("ava-test-futex-none", 4096);
        Assert.Equal(0, Futex.WakeAll((int*)segment.Base));
    }
}
