using Ava.Transport.Wire;
using CsCheck;

namespace Ava.Worker.Tests;

/// <summary>
/// A tenant's handle table: an id names one live object of one type, ids of released objects, of another type, of
/// another slot or generation are refused, a reused slot gets a new generation, and references are counted as the
/// guest moves them. The property test runs random sequences of table operations against a plain model.
/// </summary>
public sealed class HandleTableTests
{
    private const int Buffer = 3;
    private const int Queue = 4;

    private static int Slot(ulong id) => (int)(id & 0xFFFFFFFF);

    private static int Generation(ulong id) => (int)((id >> 32) & 0xFFFFFF);

    private static int Type(ulong id) => (int)(id >> 56);

    [Fact]
    public void Add_GivesAnIdCarryingItsType_ThatResolvesToTheRealObject()
    {
        var table = new HandleTable();
        var id = table.Add(0x1000, Buffer, owned: true);
        Assert.NotEqual(0UL, id);
        Assert.Equal(Buffer, Type(id));
        Assert.Equal(0x1000, table.Resolve(id, Buffer));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void IdZero_IsNullForEveryType_AndNullIsNeverAdded()
    {
        var table = new HandleTable();
        Assert.Equal(0, table.Resolve(0, Buffer));
        Assert.False(table.TryResolve(0, Buffer, out _));
        Assert.Equal(0UL, table.Add(0, Buffer, owned: true));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void ReleasedHandle_IsRefused()
    {
        var table = new HandleTable();
        var id = table.Add(0x1000, Buffer, owned: true);
        Assert.True(table.Release(id));
        Assert.False(table.TryResolve(id, Buffer, out _));
        var refused = Assert.Throws<CallRejectedException>(() => table.Resolve(id, Buffer));
        Assert.Equal(TransportStatus.InvalidHandle, refused.Status);
        Assert.Equal(0, table.Count);
        Assert.False(table.Release(id));
    }

    [Fact]
    public void Removals_CountOnlyEntriesOfTheirTypeThatWent()
    {
        // A launch trusts the ids it checked while the count of their type stays: every way an entry goes must count.
        var table = new HandleTable();
        var buffer = table.Add(0x1000, Buffer, owned: true);
        var queue = table.Add(0x2000, Queue, owned: true);
        table.Retain(buffer);
        Assert.Equal(0, table.RemovalsOf(Buffer));
        Assert.False(table.Release(buffer));
        Assert.Equal(0, table.RemovalsOf(Buffer));
        Assert.True(table.Release(buffer));
        Assert.Equal(1, table.RemovalsOf(Buffer));
        Assert.Equal(0, table.RemovalsOf(Queue));
        Assert.False(table.Release(buffer));
        Assert.Equal(1, table.RemovalsOf(Buffer));

        // An object the guest got without owning it outlives its references: its id stays, nothing went.
        var platform = table.Add(0x3000, Queue, owned: false);
        Assert.False(table.Release(platform));
        Assert.Equal(0, table.RemovalsOf(Queue));

        table.Drain();
        Assert.False(table.TryResolve(queue, Queue, out _));
        Assert.True(table.RemovalsOf(Queue) > 0);
        Assert.True(table.RemovalsOf(Buffer) > 1);
    }

    [Fact]
    public void HandleOfAnotherType_IsRefused()
    {
        var table = new HandleTable();
        var id = table.Add(0x1000, Buffer, owned: true);
        Assert.False(table.TryResolve(id, Queue, out _));
        Assert.Equal(TransportStatus.InvalidHandle, Assert.Throws<CallRejectedException>(() => table.Resolve(id, Queue)).Status);
    }

    [Fact]
    public void OneRealObjectAddedAsTwoTypes_GetsTwoIdsEachOfItsOwnType()
    {
        var table = new HandleTable();
        var buffer = table.Add(0x1000, Buffer, owned: true);
        var queue = table.Add(0x1000, Queue, owned: true);
        Assert.NotEqual(buffer, queue);
        Assert.True(table.TryResolve(buffer, Buffer, out _));
        Assert.False(table.TryResolve(buffer, Queue, out _));
        Assert.True(table.TryResolve(queue, Queue, out _));
    }

    [Fact]
    public void ForgedIds_AreRefused()
    {
        var table = new HandleTable();
        var id = table.Add(0x1000, Buffer, owned: true);
        var other = table.Add(0x2000, Queue, owned: true);
        ulong[] forged =
        [
            id ^ (1UL << 32), // another generation
            id & ~(0xFFFFFFUL << 32), // generation 0
            (id & ~0xFFFFFFFFUL) | 0, // slot 0
            (id & ~0xFFFFFFFFUL) | (uint)Slot(other), // the other object's slot with this one's type and generation
            (id & ~0xFFFFFFFFUL) | 0xFFFFFFFF, // a slot that is negative as an int
            (id & ~0xFFFFFFFFUL) | 1000, // a slot past the table
            (id & ~0xFFFFFFFFUL) | 64, // the first slot past the table's first array
            id | (0xFFUL << 56), // every type bit
            (uint)Slot(id), // only the slot
        ];
        foreach (var candidate in forged)
        {
            Assert.False(table.TryResolve(candidate, Buffer, out _), $"forged id {candidate:x} resolved");
            Assert.False(table.TryResolve(candidate, Type(candidate), out _), $"forged id {candidate:x} resolved as its own type");
        }
    }

    [Fact]
    public void ReusedSlot_GetsTheNextGeneration_AndTheOldIdStaysRefused()
    {
        var table = new HandleTable();
        var first = table.Add(0x1000, Buffer, owned: true);
        Assert.True(table.Release(first));
        var second = table.Add(0x2000, Buffer, owned: true);
        Assert.Equal(Slot(first), Slot(second));
        Assert.Equal((Generation(first) + 1) & 0xFFFFFF, Generation(second));
        Assert.False(table.TryResolve(first, Buffer, out _));
        Assert.Equal(0x2000, table.Resolve(second, Buffer));
    }

    [Fact]
    public void SameRealObjectReturnedTwice_KeepsItsId_AndCountsEachReference()
    {
        var table = new HandleTable();
        var id = table.Add(0x1000, Buffer, owned: true);
        Assert.Equal(id, table.Add(0x1000, Buffer, owned: true));
        Assert.Equal(id, table.Add(0x1000, Buffer, owned: false));
        Assert.False(table.Release(id));
        Assert.True(table.TryResolve(id, Buffer, out _));
        Assert.True(table.Release(id));
        Assert.False(table.TryResolve(id, Buffer, out _));
    }

    [Fact]
    public void Retain_AddsAReferenceThatOneMoreReleaseGivesBack()
    {
        var table = new HandleTable();
        var id = table.Add(0x1000, Buffer, owned: true);
        table.Retain(id);
        Assert.False(table.Release(id));
        Assert.True(table.TryResolve(id, Buffer, out _));
        Assert.True(table.Release(id));
        Assert.False(table.TryResolve(id, Buffer, out _));
    }

    [Fact]
    public void ObjectFirstSeenWithoutOwnership_OutlivesItsReleases()
    {
        // A platform or a root device: the guest never owned it, so its id stays valid whatever the guest releases.
        var table = new HandleTable();
        var id = table.Add(0x1000, Buffer, owned: false);
        table.Retain(id);
        Assert.False(table.Release(id));
        Assert.False(table.Release(id));
        Assert.Equal(0x1000, table.Resolve(id, Buffer));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void ReleaseOrRetainOfAStaleId_LeavesTheSlotsNewObjectAlone()
    {
        var table = new HandleTable();
        var stale = table.Add(0x1000, Buffer, owned: true);
        Assert.True(table.Release(stale));
        var fresh = table.Add(0x2000, Buffer, owned: true);
        Assert.Equal(Slot(stale), Slot(fresh));

        Assert.False(table.Release(stale));
        Assert.Equal(0x2000, table.Resolve(fresh, Buffer));
        table.Retain(stale);
        Assert.True(table.Release(fresh));
        Assert.False(table.TryResolve(fresh, Buffer, out _));
    }

    [Fact]
    public void ReleaseOfAnIdWithAnotherTypeByte_LeavesTheObjectAlone()
    {
        var table = new HandleTable();
        var id = table.Add(0x1000, Buffer, owned: true);
        var retyped = (id & ~(0xFFUL << 56)) | ((ulong)Queue << 56);
        Assert.False(table.Release(retyped));
        Assert.Equal(0x1000, table.Resolve(id, Buffer));
    }

    [Fact]
    public void TableGrowingPastItsFirstArray_KeepsEveryIdResolvable()
    {
        var table = new HandleTable();
        var ids = Enumerable.Range(1, 5000).Select(i => table.Add(i * 16, Buffer, owned: true)).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(ids.Length, table.Count);
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Equal((i + 1) * 16, table.Resolve(ids[i], Buffer));
        }
    }

    [Fact]
    public void Drain_ReturnsWhatTheGuestStillHeldNewestFirst_AndEmptiesTheTable()
    {
        var table = new HandleTable();
        var a = table.Add(0x1000, Buffer, owned: true);
        table.Add(0x2000, Queue, owned: false);
        var c = table.Add(0x3000, Buffer, owned: true);
        table.Retain(c);
        var d = table.Add(0x4000, Queue, owned: true);
        Assert.True(table.Release(d));

        var held = table.Drain();
        var expected = new List<(int Type, nint Real, int References)> { (Buffer, 0x3000, 2), (Buffer, 0x1000, 1) };
        Assert.Equal(expected, held);
        Assert.Equal(0, table.Count);
        Assert.False(table.TryResolve(a, Buffer, out _));
        Assert.False(table.TryResolve(c, Buffer, out _));
    }

    [Fact]
    public void TablesOfTwoTenants_HandOutDifferentIdsForTheirFirstObjects()
    {
        // Each table starts at a random generation, so a forked child's table does not repeat its parent's ids; two
        // tables agreeing by chance would take a 1 in 2^24 draw, twenty times over.
        var distinct = Enumerable.Range(0, 20).Select(_ => new HandleTable().Add(0x1000, Buffer, owned: true)).Distinct().Count();
        Assert.True(distinct > 1);
    }

    [Fact]
    public void LockFreeReaders_SeeEveryLiveHandleWhileWritersAddReleaseAndGrow()
    {
        var table = new HandleTable();
        var live = Enumerable.Range(1, 32).Select(i => table.Add(i, Queue, owned: true)).ToArray();
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                for (var i = 0; i < live.Length; i++)
                {
                    if (!table.TryResolve(live[i], Queue, out var real) || real != i + 1)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            }
        })).ToArray();
        foreach (var reader in readers)
        {
            reader.Start();
        }

        for (var round = 0; round < 20; round++)
        {
            var churn = Enumerable.Range(0, 2000).Select(i => table.Add(0x100000 + i, Buffer, owned: true)).ToList();
            foreach (var id in churn)
            {
                Assert.True(table.Release(id));
            }
        }

        stop.Cancel();
        foreach (var reader in readers)
        {
            reader.Join();
        }

        Assert.Equal(0, failures);
    }

    /// <summary>One step of the property test: which object (by index), which type, and what to do.</summary>
    private enum Step
    {
        AddOwned,
        AddUnowned,
        Retain,
        Release,
        ReleaseForged,
        Resolve,
        ResolveOtherType,
    }

    [Fact]
    public void RandomOperations_AgreeWithAPlainModel()
    {
        var operation = Gen.Select(Gen.OneOf(Enum.GetValues<Step>()), Gen.Int[0, 11], Gen.Int[1, 2], Gen.Int[0, 63]);
        operation.Array[1, 200].Sample(steps =>
        {
            var table = new HandleTable();
            var model = new Model();
            foreach (var (step, objectIndex, type, bits) in steps)
            {
                var real = (nint)(0x1000 * (objectIndex + 1));
                var issued = model.Ids(real, type);
                var id = issued.Count == 0 ? 0 : issued[bits % issued.Count];
                switch (step)
                {
                    case Step.AddOwned or Step.AddUnowned:
                        var owned = step == Step.AddOwned;
                        var added = table.Add(real, type, owned);
                        Assert.Equal(type, Type(added));
                        model.Add(real, type, owned, added);
                        break;
                    case Step.Retain when id != 0:
                        table.Retain(id);
                        model.Adjust(id, +1);
                        break;
                    case Step.Release when id != 0:
                        Assert.Equal(model.Adjust(id, -1), table.Release(id));
                        break;
                    case Step.ReleaseForged when id != 0:
                        // Another generation of a slot in use, or a slot with another type byte: never a live handle.
                        var forged = bits % 2 == 0 ? id ^ ((ulong)(bits + 1) << 32) : id ^ ((ulong)(bits + 1) << 56);
                        if (!model.IsLive(forged))
                        {
                            Assert.False(table.Release(forged));
                        }

                        break;
                    case Step.Resolve or Step.ResolveOtherType when id != 0:
                        var asType = step == Step.Resolve ? type : 3 - type;
                        var expected = model.IsLive(id) && Type(id) == asType;
                        Assert.Equal(expected, table.TryResolve(id, asType, out var resolved));
                        Assert.Equal(expected ? real : 0, resolved);
                        break;
                }

                Assert.Equal(model.LiveCount, table.Count);
            }

            foreach (var (realId, entry) in model.Live)
            {
                Assert.True(table.TryResolve(realId, entry.Type, out var real));
                Assert.Equal(entry.Real, real);
            }

            Assert.Equal(model.Held(), table.Drain());
        }, iter: 3000);
    }

    /// <summary>The table as a guest's calls should leave it: live entries by id, and every id ever handed out.</summary>
    private sealed class Model
    {
        private readonly Dictionary<(nint Real, int Type), List<ulong>> _issued = [];
        private long _order;

        public Dictionary<ulong, Entry> Live { get; } = [];

        public int LiveCount => Live.Count;

        public List<ulong> Ids(nint real, int type) => _issued.TryGetValue((real, type), out var ids) ? ids : [];

        public bool IsLive(ulong id) => Live.ContainsKey(id);

        public void Add(nint real, int type, bool owned, ulong id)
        {
            var existing = Live.FirstOrDefault(e => e.Value.Real == real && e.Value.Type == type);
            if (existing.Value is { } entry)
            {
                Assert.Equal(existing.Key, id);
                if (owned)
                {
                    entry.References++;
                }

                return;
            }

            Assert.DoesNotContain(_issued.Values.SelectMany(ids => ids), issued => issued == id);
            Live[id] = new Entry(real, type, ++_order) { References = owned ? 1 : 0, Pinned = !owned };
            if (!_issued.TryGetValue((real, type), out var list))
            {
                _issued[(real, type)] = list = [];
            }

            list.Add(id);
        }

        /// <summary>A retain or release of <paramref name="id"/>; true when it removed the entry.</summary>
        public bool Adjust(ulong id, int delta)
        {
            if (!Live.TryGetValue(id, out var entry))
            {
                return false;
            }

            entry.References += delta;
            if (entry.References > 0)
            {
                return false;
            }

            entry.References = 0;
            if (entry.Pinned)
            {
                return false;
            }

            Live.Remove(id);
            return true;
        }

        public List<(int Type, nint Real, int References)> Held() =>
            [.. Live.Values.Where(e => e.References > 0).OrderByDescending(e => e.Order).Select(e => (e.Type, e.Real, e.References))];
    }

    private sealed class Entry(nint real, int type, long order)
    {
        public nint Real { get; } = real;

        public int Type { get; } = type;

        public long Order { get; } = order;

        public int References { get; set; }

        public bool Pinned { get; init; }
    }
}
