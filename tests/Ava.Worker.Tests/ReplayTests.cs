using Ava.Guest;
using Ava.Transport.Wire;

namespace Ava.Worker.Tests;

/// <summary>
/// Record and replay: the guest's log keeps what rebuilds its live objects, in order, and forgets what died; a new
/// worker's table binds each re-created object to the id the application already holds.
/// </summary>
public sealed class ReplayTests
{
    private const int Context = 1;
    private const int Program = 2;
    private const int Kernel = 3;
    private const int Buffer = 4;
    private const int Queue = 5;

    private static CapturedCall Call(byte tag) => new([tag], []);

    private static byte[] Tags(ReplayLog log) => [.. log.Snapshot().Select(e => e.Call.Record[0])];

    [Fact]
    public void Snapshot_ReplaysCreationsAndConfigurationsInTheOrderTheyWereMade()
    {
        var log = new ReplayLog();
        log.Created(10, Context, 0, Call(1));
        log.Created(20, Program, 10, Call(2));
        log.Configured(20, null, Call(3));
        log.Created(30, Kernel, 20, Call(4));
        log.Created(40, Buffer, 10, Call(5));
        log.Configured(30, 0, Call(6));

        Assert.Equal([1, 2, 3, 4, 5, 6], Tags(log));
        Assert.Equal([30UL], log.Snapshot()[3].Binds);
        Assert.Empty(log.Snapshot()[2].Binds);
    }

    [Fact]
    public void Found_ObjectsOfTheLibrary_AreKeptForGoodInOrder()
    {
        var log = new ReplayLog();
        log.Found([7, 8], Call(1));
        log.Found([], Call(2));
        log.Created(10, Context, 0, Call(3));
        log.Deleted(10);

        Assert.Equal([1], Tags(log));
        Assert.Equal([7UL, 8UL], log.Snapshot()[0].Binds);
    }

    [Fact]
    public void Found_AgainAndAgain_KeepsOneEntry_AndALaterOneBindsOnlyTheNewIds()
    {
        var log = new ReplayLog();
        for (byte i = 0; i < 50; i++)
        {
            log.Found([7], Call((byte)(1 + i)));
        }

        log.Found([7, 8], Call(100));

        Assert.Equal([1, 100], Tags(log));
        Assert.Equal([7UL], log.Snapshot()[0].Binds);
        Assert.Equal([8UL], log.Snapshot()[1].Binds);
    }

    [Fact]
    public void Found_ByAQueryOfAContext_KeepsTheContextAfterItsRelease()
    {
        // The devices a context lists (clGetContextInfo): replaying the query needs the context, whose id the
        // application no longer holds, but the device ids it learnt from it are still the application's.
        var log = new ReplayLog();
        log.Created(10, Context, 0, Call(1));
        log.Found([7], Call(2), of: 10);
        log.Deleted(10);

        Assert.Equal([1, 2], Tags(log));
        Assert.Equal([7UL], log.Snapshot()[1].Binds);
    }

    [Fact]
    public void Configured_WithTheSameKey_KeepsOnlyTheLatestValue()
    {
        var log = new ReplayLog();
        log.Created(30, Kernel, 0, Call(1));
        for (byte i = 0; i < 100; i++)
        {
            log.Configured(30, i % 2, Call((byte)(10 + i)));
        }

        Assert.Equal([1, 108, 109], Tags(log));
        Assert.Equal(3, log.Count);
    }

    [Fact]
    public void Deleted_ProgramWithALiveKernel_StaysUntilTheKernelGoes()
    {
        var log = new ReplayLog();
        log.Created(10, Context, 0, Call(1));
        log.Created(20, Program, 10, Call(2));
        log.Configured(20, null, Call(3));
        log.Created(30, Kernel, 20, Call(4));

        log.Deleted(20);
        Assert.Equal([1, 2, 3, 4], Tags(log));
        Assert.Empty(log.LiveOf(Program));

        log.Deleted(30);
        Assert.Equal([1], Tags(log));
        log.Deleted(10);
        Assert.Equal(0, log.Count);
        Assert.Equal(0, log.Bytes);
    }

    [Fact]
    public void Configured_ObjectTheLogDoesNotKnow_IsNotKept()
    {
        var log = new ReplayLog();
        log.Configured(99, 0, Call(1));
        log.Created(30, Kernel, 0, Call(2));
        log.Deleted(30);
        log.Configured(30, 0, Call(3));

        Assert.Equal(0, log.Count);
    }

    [Theory]
    [InlineData(1000, 3024)] // past twice the tenant's bound of live objects, and a little more
    [InlineData(0, 1 << 21)] // an unbounded table: past 2^21
    [InlineData(1000, 0x01000001)] // the fuzz hang: 16 M slots filled for one forged id
    public void BindNext_SlotPastWhatTheTenantsBoundCouldHaveHandedOut_IsRefused(long bound, int slot)
    {
        var objects = new ResourceAccount("objects");
        objects.SetLimit(bound);
        var table = new HandleTable(bound == 0 ? null : objects);
        var forged = ((ulong)Buffer << 56) | (1UL << 32) | (uint)slot;
        Assert.Throws<CallRejectedException>(() => table.BindNext(forged));
        table.BindNext(((ulong)Buffer << 56) | (1UL << 32) | 7);
    }

    [Fact]
    public void BindNext_NewObjectGetsTheIdTheApplicationHolds_AndFreshIdsAvoidIt()
    {
        var old = new HandleTable();
        var ids = Enumerable.Range(1, 5).Select(i => old.Add(0x1000 + i, Buffer, owned: true)).ToArray();
        old.Release(ids[0]);
        old.Release(ids[2]);

        // Only the survivors are rebuilt, in a table whose ids would otherwise start elsewhere.
        var fresh = new HandleTable();
        foreach (var (id, real) in new[] { (ids[1], 0x2002), (ids[3], 0x2004), (ids[4], 0x2005) })
        {
            fresh.BindNext(id);
            Assert.Equal(id, fresh.Add(real, Buffer, owned: true));
            Assert.Equal(real, fresh.Resolve(id, Buffer));
        }

        var next = fresh.Add(0x3000, Buffer, owned: true);
        Assert.DoesNotContain(next, ids.Skip(1));
        Assert.Equal(0x3000, fresh.Resolve(next, Buffer));
        Assert.Equal(4, fresh.Count);
    }

    [Fact]
    public void BindNext_SeveralIds_BindTheCallsObjectsInOrder_AndEndBindsDropsTheRest()
    {
        var old = new HandleTable();
        var ids = Enumerable.Range(1, 3).Select(i => old.Add(0x1000 + i, Queue, owned: false)).ToArray();

        var fresh = new HandleTable();
        foreach (var id in ids)
        {
            fresh.BindNext(id);
        }

        Assert.Equal(ids[0], fresh.Add(0x2001, Queue, owned: false));
        Assert.Equal(ids[1], fresh.Add(0x2002, Queue, owned: false));
        fresh.EndBinds();
        Assert.NotEqual(ids[2], fresh.Add(0x2003, Queue, owned: false));
    }

    [Fact]
    public void BindNext_SlotOfAnObjectReCreatedForItsDependents_MovesThatObjectAndServesTheBoundId()
    {
        // The old worker: a program (released by the application, kept alive by its kernel), then a buffer that got
        // the program's slot once it was free.
        var old = new HandleTable();
        var program = old.Add(0x1000, Queue, owned: true);
        Assert.True(old.Release(program));
        var buffer = old.Add(0x1001, Buffer, owned: true);
        Assert.Equal(program & 0xFFFFFFFF, buffer & 0xFFFFFFFF);

        // The replay re-creates the program under its id, then binds the buffer to the same slot.
        var fresh = new HandleTable();
        fresh.BindNext(program);
        Assert.Equal(program, fresh.Add(0x2000, Queue, owned: true));
        fresh.BindNext(buffer);
        Assert.Equal(buffer, fresh.Add(0x2001, Buffer, owned: true));

        Assert.Equal(0x2001, fresh.Resolve(buffer, Buffer));
        Assert.False(fresh.TryResolve(program, Queue, out _));
        var moved = fresh.Add(0x2000, Queue, owned: false);
        Assert.NotEqual(program, moved);
        Assert.Equal(0x2000, fresh.Resolve(moved, Queue));
    }

    [Fact]
    public void BindNext_NotAnId_IsRefused()
    {
        var table = new HandleTable();
        var refused = Assert.Throws<CallRejectedException>(() => table.BindNext(0));
        Assert.Equal(TransportStatus.InvalidHandle, refused.Status);
    }
}
