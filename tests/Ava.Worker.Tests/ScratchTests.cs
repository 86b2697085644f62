namespace Ava.Worker.Tests;

/// <summary>
/// What a channel keeps between calls: its large scratch block up to the per-channel limit, and all the tenant's
/// channels together up to the tenant's, so many channels that each once made a large call do not hold the worker's
/// memory while idle.
/// </summary>
public sealed unsafe class ScratchTests
{
    private const long Block = 4L << 20;

    [Fact]
    public void ChannelsKeepTheirLargeBlocks_OnlyWithinTheTenantsTotal_AndGiveThemBackWhenTheyClose()
    {
        using var harness = new CallHarness(new CallLimits(MaxCallBytes: 1L << 30, RetainedScratchBytes: Block, RetainedScratchTotalBytes: (2 * Block) + (Block / 2)));
        using var second = harness.OtherChannel();
        using var third = harness.OtherChannel();
        var calls = new[] { harness.Call, second, third };
        var blocks = new List<nint>();
        foreach (var call in calls)
        {
            call.Begin(1);
            blocks.Add((nint)call.Allocate(Block));
            call.End();
        }

        // Two blocks fit in the tenant's total; the third channel gave its block back.
        Assert.Equal(2 * Block, harness.Tenant.KeptScratchBytes);

        // A kept block is reused by its channel's next call; the third channel's next call gets a fresh one.
        calls[0].Begin(2);
        Assert.Equal(blocks[0], (nint)calls[0].Allocate(Block));
        calls[0].End();
        Assert.Equal(2 * Block, harness.Tenant.KeptScratchBytes);

        // A call past the per-channel limit gives its block back, and with it what the channel kept.
        calls[1].Begin(2);
        calls[1].Allocate(Block + 1);
        calls[1].End();
        Assert.Equal(Block, harness.Tenant.KeptScratchBytes);

        // Now the third channel may keep one.
        calls[2].Begin(2);
        calls[2].Allocate(Block);
        calls[2].End();
        Assert.Equal(2 * Block, harness.Tenant.KeptScratchBytes);

        third.Dispose();
        Assert.Equal(Block, harness.Tenant.KeptScratchBytes);
    }

    [Fact]
    public void ScratchVariables_AreReadAsBytes_AndAValueThatIsNotOneIsReported()
    {
        var errors = new List<string>();
        var limits = CallLimits.FromEnvironment(new System.Collections.Hashtable { ["AVA_SCRATCH_KEEP_TOTAL_BYTES"] = "1048576" }, errors);
        Assert.Equal(1L << 20, limits.RetainedScratchTotalBytes);
        Assert.Equal(64L << 20, limits.RetainedScratchBytes);
        Assert.Empty(errors);

        Assert.Equal(256L << 20, CallLimits.FromEnvironment(new System.Collections.Hashtable(), errors).RetainedScratchTotalBytes);
        CallLimits.FromEnvironment(new System.Collections.Hashtable { ["AVA_SCRATCH_KEEP_TOTAL_BYTES"] = "lots" }, errors);
        Assert.Equal("AVA_SCRATCH_KEEP_TOTAL_BYTES='lots' is not a number of bytes", Assert.Single(errors));
    }
}
