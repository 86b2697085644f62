using Ava.Worker;

namespace Ava.Manager.Tests;

/// <summary>The worker's per-tenant account of a storage resource, which the policy's quota limits.</summary>
public class ResourceAccountTests
{
    [Fact]
    public void AccountsSharingAPrincipalsLedger_TogetherStayWithinItsLimit_AndADepartedSlotIsGivenBack()
    {
        using var ledger = PrincipalLedger.Create("uid:test");
        var row = PrincipalLedger.RowOf(ResourceAccounts.DeviceMemory);
        ledger.SetLimit(row, 10);
        var first = new ResourceAccount(ResourceAccounts.DeviceMemory);
        var second = new ResourceAccount(ResourceAccounts.DeviceMemory);
        first.Share(ledger, 0);
        second.Share(ledger, 1);

        Assert.True(first.TryReserve(6));
        first.Settle(1, 6);
        Assert.False(second.TryReserve(6));
        Assert.True(second.TryReserve(4));
        second.Settle(2, 4);
        Assert.Equal(10, ledger.Total(row));
        Assert.Equal(10, first.PrincipalHeld);
        Assert.Equal(10, second.Limit);
        Assert.Equal(1, second.Denied);

        // The first tenant's worker dies holding its 6: the manager gives its slot back.
        ledger.Reclaim(0);
        Assert.Equal(4, ledger.Total(row));
        Assert.True(second.TryReserve(6));
        second.Settle(3, 6);
        second.Refund(2);
        Assert.Equal(6, ledger.Total(row));
        Assert.Equal(6, second.ReleaseAll());
        Assert.Equal(0, ledger.Total(row));
    }

    [Fact]
    public void ConcurrentAllocations_NeverTogetherPassTheLimit_AndFreesMakeRoomAgain()
    {
        const int Threads = 8;
        const int Rounds = 20_000;
        var account = new ResourceAccount("device_memory");
        account.SetLimit(10);
        long over = 0;
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            for (var i = 0; i < Rounds; i++)
            {
                if (!account.TryReserve(3))
                {
                    continue;
                }

                if (account.Held > 10)
                {
                    Interlocked.Increment(ref over);
                }

                // Every other success creates an object, which is freed at once; the rest fail after the reservation.
                var created = (nint)(((t + 1) << 24) | i);
                account.Settle(i % 2 == 0 ? created : 0, 3);
                account.Refund(created);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(0, Interlocked.Read(ref over));
        Assert.Equal(0, account.Held);
        Assert.Equal(0, account.Objects);
        Assert.InRange(account.Peak, 3, 9);
    }

    [Fact]
    public void ReservationThatDoesNotFit_IsDenied_AndHoldsNothing()
    {
        var account = new ResourceAccount("device_memory");
        account.SetLimit(8);
        Assert.True(account.TryReserve(8));
        account.Settle(1, 8);
        Assert.False(account.TryReserve(1));
        Assert.Equal(8, account.Held);
        Assert.Equal(1, account.Denied);
        Assert.True(account.TryReserve(0));
        account.Settle(0, 0);
    }

    [Fact]
    public void TakenChargeOfAFreeThatFailed_IsRestored()
    {
        var account = new ResourceAccount("device_memory");
        account.SetLimit(4);
        Assert.True(account.TryReserve(4));
        account.Settle(0x1000, 4);
        var taken = account.Take(0x1000);
        Assert.Equal(4, taken);
        Assert.Equal(0, account.Held);
        account.Restore(0x1000, taken);
        Assert.Equal(4, account.Held);
        Assert.False(account.TryReserve(1));
        Assert.Equal(0, account.Take(0x2000));
    }

    [Fact]
    public void ChargeForAnAddressStillCharged_ReplacesTheStaleOne()
    {
        var account = new ResourceAccount("device_memory");
        Assert.True(account.TryReserve(5));
        account.Settle(0x1000, 5);
        Assert.True(account.TryReserve(2));
        account.Settle(0x1000, 2);
        Assert.Equal(2, account.Held);
        Assert.Equal(1, account.Objects);
    }

    [Fact]
    public void LoweredLimit_KeepsWhatIsHeld_AndRefusesUntilEnoughIsFreed()
    {
        var account = new ResourceAccount("device_memory");
        Assert.True(account.TryReserve(6));
        account.Settle(0x1000, 6);
        account.SetLimit(4);
        Assert.Equal(6, account.Held);
        Assert.False(account.TryReserve(0));
        account.Refund(0x1000);
        Assert.True(account.TryReserve(4));
    }

    [Fact]
    public void QuotaVariables_NameTheirResourceInLowerCase_AndRejectWhatIsNotABytesCount()
    {
        var variables = new System.Collections.Hashtable
        {
            ["AVA_QUOTA_DEVICE_MEMORY"] = "4096",
            ["AVA_QUOTA_SCRATCH"] = "4k",
            ["AVA_QUOTA_"] = "1",
            ["PATH"] = "/usr/bin",
        };
        var errors = new List<string>();

        var limits = ResourceAccounts.FromEnvironment(variables, errors);

        Assert.Equal([("device_memory", 4096L), ("channels", 256L), ("objects", 1_000_000L)], limits);
        Assert.Equal("AVA_QUOTA_SCRATCH='4k' is not a number of bytes", Assert.Single(errors));
    }

    [Fact]
    public void ChannelsAndObjects_AreBoundedByDefault_AndTheirVariablesSetOrLiftTheBound()
    {
        var errors = new List<string>();
        Assert.Equal([("channels", 256L), ("objects", 1_000_000L)], ResourceAccounts.FromEnvironment(new System.Collections.Hashtable(), errors));

        var set = new System.Collections.Hashtable { ["AVA_MAX_CHANNELS"] = "0", ["AVA_MAX_OBJECTS"] = "12" };
        Assert.Equal([("channels", 0L), ("objects", 12L)], ResourceAccounts.FromEnvironment(set, errors).OrderBy(l => l.Resource, StringComparer.Ordinal));
        Assert.Empty(errors);
    }

    [Fact]
    public void PolicyWithoutBounds_GivesEveryPrincipalTheDefaultChannelsAndObjects_AndZeroLiftsThem()
    {
        var policy = Policy.Parse("""{ "tenants": { "uid:7": { "device_memory": 64 }, "uid:8": { "channels": 0, "objects": 0 } } }""");

        Assert.Equal(new TenantLimits(0, 64, 256, 1_000_000), policy.For(7));
        Assert.Equal(new TenantLimits(0, 0, 256, 1_000_000), policy.For(9));
        Assert.Equal(new TenantLimits(0, 0, 256, 1_000_000), Policy.None.For(null));
        Assert.Equal(new TenantLimits(0, 0, 0, 0), policy.For(8));
    }

    [Fact]
    public void PolicysCallSeconds_IsReadPerPrincipal_AndAbsentMeansNoLimit()
    {
        var policy = Policy.Parse("""{ "tenants": { "default": { "call_seconds": 30 }, "uid:7": { "call_seconds": 2 }, "uid:8": {} } }""");
        Assert.Equal(2, policy.For(7).CallSeconds);
        Assert.Equal(30, policy.For(9).CallSeconds);
        Assert.Equal(30, policy.For(null).CallSeconds);
        Assert.Equal(0, policy.For(8).CallSeconds);
    }

    [Fact]
    public void PolicysScratchKeepBytes_IsReadPerPrincipal_AndAbsentLeavesTheWorkersOwn()
    {
        var policy = Policy.Parse("""{ "tenants": { "default": { "scratch_keep_bytes": 4096 }, "uid:7": { "scratch_keep_bytes": 0 }, "uid:8": {} } }""");
        Assert.Equal(0, policy.For(7).ScratchKeepBytes);
        Assert.Equal(4096, policy.For(9).ScratchKeepBytes);
        Assert.Null(policy.For(8).ScratchKeepBytes);
        Assert.Null(Policy.None.For(1).ScratchKeepBytes);
    }
}
