using Ava.AvaTest;
using Ava.Transport.Wire;

namespace Ava.Tests;

/// <summary>
/// The worker is a trust boundary: every malformed record, forged handle or absurd size gets an error reply;
/// the worker then keeps serving, or drops only that connection, and never crashes.
/// </summary>
public class BadInputTests
{
    private const long Capacity = unchecked((long)RecordLayout.CapacityBit);

    [Fact]
    public void TruncatedRecord_GetsMalformedReply_AndTheWorkerDropsOnlyThatConnection()
    {
        using var worker = RawWorker.Start();
        worker.Send(AvaTestApi.FunctionIds.at_add, RecordFlags.None, r => r.Slot(1));
        var reply = worker.Reply();
        Assert.Equal(TransportStatus.MalformedRecord, reply!.Value.Status);
        Assert.Equal(0, worker.WaitExit());
    }

    [Fact]
    public void InlineBufferLongerThanItsRecord_GetsMalformedReply()
    {
        using var worker = RawWorker.Start();
        worker.Send(AvaTestApi.FunctionIds.at_in_transfer, RecordFlags.None, r => r.Slot(1_000_000).Slot(1_000_000));
        Assert.Equal(TransportStatus.MalformedRecord, worker.Reply()!.Value.Status);
        Assert.Equal(0, worker.WaitExit());
    }

    [Fact]
    public void BufferLengthDisagreeingWithItsSizeArgument_GetsMalformedReply()
    {
        using var worker = RawWorker.Start();
        worker.Send(AvaTestApi.FunctionIds.at_in_transfer, RecordFlags.None, r => r.Bytes(new byte[16]).Slot(4096));
        Assert.Equal(TransportStatus.MalformedRecord, worker.Reply()!.Value.Status);
    }

    [Fact]
    public void FenceWithANegativeCount_DropsOnlyThatConnection()
    {
        using var worker = RawWorker.Start();
        worker.Send(0, RecordFlags.Async | RecordFlags.Fence, r => r.Slot(1).Slot(-1));
        Assert.Equal(0, worker.WaitExit());
    }

    [Fact]
    public void FenceOnItsOwnChannel_DoesNotStallIt()
    {
        using var worker = RawWorker.Start();
        worker.Send(0, RecordFlags.Async | RecordFlags.Fence, r => r.Slot(1).Slot(1).Slot(1).Slot(1_000_000));
        var started = Environment.TickCount64;
        worker.Send(AvaTestApi.FunctionIds.at_noop, RecordFlags.None, _ => { });
        Assert.Equal(TransportStatus.Ok, worker.Reply()!.Value.Status);
        Assert.True(Environment.TickCount64 - started < 10_000);
    }

    [Fact]
    public void ForgedHandleId_GetsInvalidHandle_AndTheWorkerKeepsServing()
    {
        using var worker = RawWorker.Start();
        worker.Send(AvaTestApi.FunctionIds.at_object_kind, RecordFlags.None, r => r.Slot(0x0100_0001_0000_0063).Slot(Capacity | 4));
        Assert.Equal(TransportStatus.InvalidHandle, worker.Reply()!.Value.Status);
        worker.Send(AvaTestApi.FunctionIds.at_noop, RecordFlags.None, _ => { });
        var after = worker.Reply()!.Value;
        Assert.Equal(TransportStatus.Ok, after.Status);
        Assert.Equal(0, after.Slots[0]);
    }

    [Fact]
    public void HandleIdWithAnotherTypeTag_GetsInvalidHandle()
    {
        using var worker = RawWorker.Start();
        worker.Send(AvaTestApi.FunctionIds.at_object_create, RecordFlags.None, r => r.Slot(7).Slot(-1));
        var created = worker.Reply()!.Value;
        Assert.Equal(TransportStatus.Ok, created.Status);
        var id = created.Slots[0];
        Assert.NotEqual(0, id);
        var forged = (id & 0x00FF_FFFF_FFFF_FFFF) | (5L << 56);
        worker.Send(AvaTestApi.FunctionIds.at_object_kind, RecordFlags.None, r => r.Slot(forged).Slot(Capacity | 4));
        Assert.Equal(TransportStatus.InvalidHandle, worker.Reply()!.Value.Status);
        worker.Send(AvaTestApi.FunctionIds.at_object_kind, RecordFlags.None, r => r.Slot(id).Slot(Capacity | 4));
        Assert.Equal(TransportStatus.Ok, worker.Reply()!.Value.Status);
    }

    [Fact]
    public void SizeExpressionThatOverflows_GetsTooLarge_AndTheWorkerKeepsServing()
    {
        using var worker = RawWorker.Start();
        // at_fill_matrix(m[rows * cols], rows, cols, v) with rows * cols * 8 past 2^64.
        worker.Send(AvaTestApi.FunctionIds.at_fill_matrix, RecordFlags.None, r => r.Slot(Capacity | 64).Slot(1L << 40).Slot(1L << 40).Slot(0));
        Assert.Equal(TransportStatus.TooLarge, worker.Reply()!.Value.Status);
        worker.Send(AvaTestApi.FunctionIds.at_noop, RecordFlags.None, _ => { });
        Assert.Equal(TransportStatus.Ok, worker.Reply()!.Value.Status);
    }

    [Fact]
    public void HugeOutputCapacity_GetsTooLarge_WithoutAllocating()
    {
        using var worker = RawWorker.Start();
        const long huge = 1L << 50;
        worker.Send(AvaTestApi.FunctionIds.at_out_transfer, RecordFlags.None, r => r.Slot(Capacity | huge).Slot(huge));
        Assert.Equal(TransportStatus.TooLarge, worker.Reply()!.Value.Status);
        worker.Send(AvaTestApi.FunctionIds.at_noop, RecordFlags.None, _ => { });
        Assert.Equal(TransportStatus.Ok, worker.Reply()!.Value.Status);
    }

    [Fact]
    public void UnknownFunctionId_GetsUnknownFunction_AndTheWorkerKeepsServing()
    {
        using var worker = RawWorker.Start();
        worker.Send(999, RecordFlags.None, _ => { });
        Assert.Equal(TransportStatus.UnknownFunction, worker.Reply()!.Value.Status);
        worker.Send(AvaTestApi.FunctionIds.at_noop, RecordFlags.None, _ => { });
        Assert.Equal(TransportStatus.Ok, worker.Reply()!.Value.Status);
    }

    [Fact]
    public void StringWithoutItsNul_GetsMalformedReply()
    {
        using var worker = RawWorker.Start();
        worker.Send(AvaTestApi.FunctionIds.at_strlen, RecordFlags.None, r => r.Bytes("abc"u8).Slot(Capacity | 8));
        Assert.Equal(TransportStatus.MalformedRecord, worker.Reply()!.Value.Status);
    }

    [Fact]
    public void RecordLengthPastTheRing_DropsTheConnectionWithoutACrash()
    {
        using var worker = RawWorker.Start();
        worker.SendRaw(new byte[32], AvaTestApi.FunctionIds.at_noop, RecordFlags.None, lengthOverride: 1 << 30);
        Assert.Null(worker.Reply());
        Assert.Equal(0, worker.WaitExit());
    }

    [Fact]
    public void GuestThatDies_HasEveryObjectItHeldReleased()
    {
        using var worker = RawWorker.Start();
        for (var i = 0; i < 5; i++)
        {
            worker.Send(AvaTestApi.FunctionIds.at_object_create, RecordFlags.None, r => r.Slot(i).Slot(-1));
            Assert.Equal(TransportStatus.Ok, worker.Reply()!.Value.Status);
        }

        worker.Disconnect();
        Assert.Equal(0, worker.WaitExit());
        Assert.Contains("released 5 objects", worker.Log, StringComparison.Ordinal);
    }
}
