using System.Diagnostics;
using Ava.AvaTest;

namespace Ava.Tests;

/// <summary>
/// The generated guest stubs run in this test process (the AvaTest spec compiled as a guest on the JIT),
/// talking to a real `ava worker` over the shared-memory rings.
/// </summary>
[Collection(GuestProcess.Name)]
public unsafe class GuestCallPathTests
{
    static GuestCallPathTests() => GuestProcess.Configure();

    [Fact]
    public void GuestCalls_AfterWarmUp_AllocateNoManagedMemoryOver100000Calls()
    {
        delegate* unmanaged<int> noop = &AvaTestApi.at_noop;
        delegate* unmanaged<int, int, int*, int> add = &AvaTestApi.at_add;
        delegate* unmanaged<at_object, long, int> objectAdd = &AvaTestApi.at_object_add;
        delegate* unmanaged<void*, nuint, int> inTransfer = &AvaTestApi.at_in_transfer;
        delegate* unmanaged<int, int*, at_object> create = &AvaTestApi.at_object_create;
        delegate* unmanaged<at_object, long*, int> get = &AvaTestApi.at_object_get;
        var payload = stackalloc byte[4096];
        int err;
        var o = create(1, &err);
        Assert.Equal(0, err);
        int result;
        for (var i = 0; i < 1000; i++)
        {
            noop();
            add(i, 1, &result);
            objectAdd(o, 1);
            inTransfer(payload, 4096);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 25_000; i++)
        {
            noop();
            add(i, 1, &result);
            objectAdd(o, 1);
            inTransfer(payload, 4096);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long value;
        Assert.Equal(0, get(o, &value));
        Assert.Equal(26_000, value);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void NonBlockingCopy_WritesItsOutputBeforeTheFlushReturns()
    {
        delegate* unmanaged<int, int*, at_object> create = &AvaTestApi.at_object_create;
        delegate* unmanaged<at_object, long, int> set = &AvaTestApi.at_object_set;
        delegate* unmanaged<at_object, int, long*, int> copy = &AvaTestApi.at_enqueue_copy;
        delegate* unmanaged<int> finish = &AvaTestApi.at_finish;
        int err;
        var o = create(2, &err);
        Assert.Equal(0, set(o, 42));
        long destination = -1;
        Assert.Equal(0, copy(o, 0, &destination));
        Assert.Equal(0, finish());
        Assert.Equal(42, destination);
    }

    [Fact]
    public void Callback_RunsOnAGuestThreadWithTheApplicationsUserData()
    {
        delegate* unmanaged<int, delegate* unmanaged<int, void*, void>, void*, int> run = &AvaTestApi.at_run_with_callback;
        var box = new CallbackBox();
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(box);
        try
        {
            Assert.Equal(0, run(21, &OnCallback, (void*)System.Runtime.InteropServices.GCHandle.ToIntPtr(handle)));
            Assert.True(box.Done.Wait(TimeSpan.FromSeconds(10)));
            Assert.Equal(42, box.Status);
            Assert.NotEqual(Environment.CurrentManagedThreadId, box.ThreadId);
        }
        finally
        {
            handle.Free();
        }
    }

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static void OnCallback(int status, void* userData)
    {
        var box = (CallbackBox)System.Runtime.InteropServices.GCHandle.FromIntPtr((nint)userData).Target!;
        box.Status = status;
        box.ThreadId = Environment.CurrentManagedThreadId;
        box.Done.Set();
    }

    private sealed class CallbackBox
    {
        public ManualResetEventSlim Done { get; } = new();

        public int Status { get; set; }

        public int ThreadId { get; set; }
    }
}

/// <summary>Tests that share this process's one guest connection run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GuestProcess
{
    public const string Name = "guest process";

    public static void Configure() => Environment.SetEnvironmentVariable("AVA_WORKER", Repo.TestAva);
}
