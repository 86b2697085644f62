using Ava.AvaTest;
using Ava.Transport.Stream;
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

    [Fact]
    public void StreamChannel_RecordLengthThatAlignsPastInt32_DropsTheConnectionWithoutACrash()
    {
        using var worker = RawWorker.Start();
        using (var channel = worker.OpenStreamChannel())
        using (var pipe = new StreamPipe(channel))
        {
            var noop = pipe.Reserve(RecordLayout.HeaderSize);
            RecordLayout.WriteHeader(noop, RecordLayout.HeaderSize, AvaTestApi.FunctionIds.at_noop, RecordFlags.None, 1, 0);
            pipe.Publish(RecordLayout.HeaderSize, wake: true);
            Assert.Equal(TransportStatus.Ok, (TransportStatus)RecordLayout.ReadStatus(pipe.Read()));

            // Sixteen bytes whose length, padded in 32 bits, once wrapped to int.MinValue; then more than the
            // pipe's 64 KiB receive buffer holds.
            var garbage = new byte[256 * 1024];
            garbage.AsSpan().Fill(0x41);
            Convert.FromHexString("f1ffff7f").CopyTo(garbage, 0);
            _ = Record.Exception(() => channel.SendAll(garbage));
        }

        Assert.Equal(0, worker.WaitExit());
        Assert.Contains("does not fit", worker.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void RingRecordOfTwoGigabytesWithTheStreamedFlag_DropsTheConnectionWithoutACrash()
    {
        // The header ffffff7f 0300 8000 ...: length 0x7FFFFFFF, function 3, HasStreamed.
        using var worker = RawWorker.Start();
        worker.SendRaw(new byte[RecordLayout.HeaderSize], 3, RecordFlags.HasStreamed, lengthOverride: int.MaxValue);
        Assert.Null(worker.Reply());
        Assert.Equal(0, worker.WaitExit());
    }

    [Fact]
    public void StreamChannel_GuestThatStopsReadingALargeOutput_EndsOnlyItsConnection()
    {
        using var worker = RawWorker.Start();
        using (var channel = worker.OpenStreamChannel())
        using (var pipe = new StreamPipe(channel))
        {
            const long Size = 64L << 20;
            var w = new RecordWriter(pipe.Reserve(RecordLayout.HeaderSize + 16));
            w.WriteUInt64(RecordLayout.CapacityBit | Size);
            w.WriteInt64(Size);
            pipe.Publish(w.Finish(AvaTestApi.FunctionIds.at_out_transfer, RecordFlags.None, 1, 0), wake: true);

            // The worker is now blocked sending the output into a socket nobody reads; the guest leaves.
            Thread.Sleep(300);
        }

        Assert.Equal(0, worker.WaitExit());
    }

    [Fact]
    public void WorkerLoggingToAFullDisk_KeepsServing()
    {
        // /dev/full fails every write with ENOSPC; natively nothing is logged, so nothing may fail either.
        using var worker = RawWorker.Start("AVA_LOG=/dev/full");
        worker.Send(999, RecordFlags.None, _ => { });
        Assert.Equal(TransportStatus.UnknownFunction, worker.Reply()!.Value.Status);
        worker.Send(AvaTestApi.FunctionIds.at_noop, RecordFlags.None, _ => { });
        Assert.Equal(TransportStatus.Ok, worker.Reply()!.Value.Status);
        worker.Disconnect();
        Assert.Equal(0, worker.WaitExit());
    }

    [Fact]
    public void CallThatNeededALargeScratchBlock_GivesItBackWhenItEnds()
    {
        using var worker = RawWorker.Start();
        worker.Send(AvaTestApi.FunctionIds.at_noop, RecordFlags.None, _ => { });
        Assert.Equal(TransportStatus.Ok, worker.Reply()!.Value.Status);
        var before = worker.ResidentBytes;

        const long Size = 256L << 20;
        worker.Send(AvaTestApi.FunctionIds.at_out_transfer, RecordFlags.None, r => r.Slot(Capacity | Size).Slot(Size));
        Assert.Equal(TransportStatus.Ok, worker.Reply()!.Value.Status);
        worker.SkipReplyStream(Size);
        worker.Send(AvaTestApi.FunctionIds.at_noop, RecordFlags.None, _ => { });
        Assert.Equal(TransportStatus.Ok, worker.Reply()!.Value.Status);

        // The idle channel keeps at most AVA_SCRATCH_KEEP_BYTES (64 MiB by default), not the 256 MiB block.
        Assert.InRange(worker.ResidentBytes - before, long.MinValue, 64L << 20);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("AVA_SCRATCH_KEEP_TOTAL_BYTES=0", false)]
    public void IdleChannelKeepsItsBlock_OnlyWithinTheTenantsScratchTotal(string? variable, bool kept)
    {
        using var worker = variable is null ? RawWorker.Start() : RawWorker.Start(variable);
        worker.Send(AvaTestApi.FunctionIds.at_noop, RecordFlags.None, _ => { });
        Assert.Equal(TransportStatus.Ok, worker.Reply()!.Value.Status);
        var before = worker.ResidentBytes;

        // Within the per-channel 64 MiB: kept for the next call, unless the tenant's total (default 256 MiB) is 0.
        const long Size = 48L << 20;
        worker.Send(AvaTestApi.FunctionIds.at_out_transfer, RecordFlags.None, r => r.Slot(Capacity | Size).Slot(Size));
        Assert.Equal(TransportStatus.Ok, worker.Reply()!.Value.Status);
        worker.SkipReplyStream(Size);
        worker.Send(AvaTestApi.FunctionIds.at_noop, RecordFlags.None, _ => { });
        Assert.Equal(TransportStatus.Ok, worker.Reply()!.Value.Status);

        var grown = worker.ResidentBytes - before;
        if (kept)
        {
            Assert.InRange(grown, 40L << 20, 64L << 20);
        }
        else
        {
            Assert.InRange(grown, long.MinValue, 16L << 20);
        }
    }

    [Fact]
    public void MaxCallBytesFromTheEnvironment_RefusesALargerCall_AndServesASmallerOne()
    {
        using var worker = RawWorker.Start("AVA_MAX_CALL_BYTES=1048576");
        worker.Send(AvaTestApi.FunctionIds.at_out_transfer, RecordFlags.None, r => r.Slot(Capacity | (2 << 20)).Slot(2 << 20));
        Assert.Equal(TransportStatus.TooLarge, worker.Reply()!.Value.Status);
        worker.Send(AvaTestApi.FunctionIds.at_out_transfer, RecordFlags.None, r => r.Slot(Capacity | (64 << 10)).Slot(64 << 10));
        Assert.Equal(TransportStatus.Ok, worker.Reply()!.Value.Status);
    }

    [Theory]
    [InlineData("AVA_MAX_CALL_BYTES=8G")]
    [InlineData("AVA_MAX_CALL_BYTES=0")]
    [InlineData("AVA_SCRATCH_KEEP_BYTES=-1")]
    public void CallLimitThatIsNotANumberOfBytes_StopsTheWorkerBeforeItServes(string variable) =>
        Assert.Equal(2, RawWorker.StartRefused(variable));

    /// <summary>The blob of a string array holding "ab": its size with the NUL, then the bytes padded to a slot.</summary>
    private static readonly byte[] OneShortString = [3, 0, 0, 0, 0, 0, 0, 0, (byte)'a', (byte)'b', 0, 0, 0, 0, 0, 0];

    [Fact]
    public void StringArrayCarryingFewerStringsThanItsCount_GetsMalformedReply()
    {
        // at_join walks `count` strings: with one in the blob, it would take what lies past the array for pointers.
        using var worker = RawWorker.Start();
        worker.Send(AvaTestApi.FunctionIds.at_join, RecordFlags.None, r => r.Slot(64).Slot(1).Bytes(OneShortString).Slot(-1).Slot(Capacity | 64).Slot(64));
        Assert.Equal(TransportStatus.MalformedRecord, worker.Reply()!.Value.Status);
        Assert.Equal(0, worker.WaitExit());
    }

    [Fact]
    public void StringLengthPastItsString_GetsMalformedReply_AndNoWorkerMemoryComesBack()
    {
        // at_join copies lengths[i] bytes of each string: 48 for "ab" would copy the worker's memory past the blob.
        using var worker = RawWorker.Start();
        worker.Send(AvaTestApi.FunctionIds.at_join, RecordFlags.None, r => r.Slot(1).Slot(1).Bytes(OneShortString).Bytes(BitConverter.GetBytes(48L)).Slot(Capacity | 64).Slot(64));
        Assert.Equal(TransportStatus.MalformedRecord, worker.Reply()!.Value.Status);
        Assert.Equal(0, worker.WaitExit());
    }

    [Fact]
    public void StringLengthWithinItsString_IsServed()
    {
        using var worker = RawWorker.Start();
        worker.Send(AvaTestApi.FunctionIds.at_join, RecordFlags.None, r => r.Slot(1).Slot(1).Bytes(OneShortString).Bytes(BitConverter.GetBytes(1L)).Slot(Capacity | 64).Slot(64));
        var reply = worker.Reply()!.Value;
        Assert.Equal(TransportStatus.Ok, reply.Status);
        Assert.Equal(0, reply.Slots[0]);
    }
}
