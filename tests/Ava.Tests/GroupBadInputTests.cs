using Ava.Transport.Control;
using Ava.Transport.Wire;

namespace Ava.Tests;

/// <summary>
/// Joins of an API group (ControlOp.Join) and records naming a group member, as a hostile guest would send them to a
/// worker of the CUDA group: a join from another spec, of an API outside the group or under a member index out of
/// range is refused and the worker keeps serving; a record naming a member that never joined costs the connection.
/// </summary>
public class GroupBadInputTests
{
    private static RawWorker Start() =>
        RawWorker.Start(CudaRt.CudaRt.Descriptor, $"AVA_REAL_CUDART={Path.Combine(Repo.Artifacts, "tests", "cudart", "libcudartdouble.so")}",
            $"AVA_REAL_CUDA={Path.Combine(Repo.Artifacts, "tests", "cuda", "libcudadouble.so")}");

    private static string? Join(RawWorker worker, int number, string hash, int member)
    {
        ControlProtocol.SendJoin(worker.Control, number, hash, member);
        var frame = ControlProtocol.ReadFrame(worker.Control, new byte[ControlProtocol.MaxFrame]);
        Assert.Equal((int)ControlOp.JoinAck, new RecordReader(frame).Status);
        return ControlProtocol.ReadJoinAck(frame);
    }

    private static void AssertStillServing(RawWorker worker)
    {
        worker.Send(CudaRt.CudaRt.FunctionIds.cudaGetDeviceCount, RecordFlags.None, r => r.Slot(unchecked((long)RecordLayout.CapacityBit) | 4));
        Assert.Equal(TransportStatus.Ok, worker.Reply()!.Value.Status);
    }

    [Fact]
    public void JoinFromAnotherSpec_OutsideTheGroup_OrUnderABadIndex_IsRefused_AndTheWorkerKeepsServing()
    {
        using var worker = Start();
        Assert.Contains("built from different cuda specs", Join(worker, 2, "0x0123456789abcdef", 1), StringComparison.Ordinal);
        Assert.Contains("is not in the cuda group", Join(worker, 1, "0x0123456789abcdef", 1), StringComparison.Ordinal);
        Assert.Contains("member index 9 is not free", Join(worker, 2, "0x0123456789abcdef", 9), StringComparison.Ordinal);
        Assert.Contains("member index 0 is not free", Join(worker, 2, "0x0123456789abcdef", 0), StringComparison.Ordinal);
        AssertStillServing(worker);
    }

    [Fact]
    public void RecordOfAMemberThatNeverJoined_IsMalformed_AndEndsTheConnection()
    {
        using var worker = Start();
        worker.Send(CudaRt.CudaRt.FunctionIds.cudaGetDeviceCount, RecordLayout.WithMember(RecordFlags.None, 3), r => r.Slot(unchecked((long)RecordLayout.CapacityBit) | 4));
        Assert.Equal(TransportStatus.MalformedRecord, worker.Reply()!.Value.Status);
        Assert.Equal(0, worker.WaitExit());
    }
}
