using Ava.CudaRt;
using Ava.Transport.Wire;

namespace Ava.Tests;

/// <summary>
/// The CUDA runtime's worker against records a hostile guest writes, with the CPU test double as the real runtime:
/// forged registration handles and an absurd variable get errors and the worker keeps serving; a launch blob that is
/// not the kernel's parameter size gets a malformed-record reply and costs the guest its connection.
/// </summary>
public class CudaRtBadInputTests
{
    private const long Capacity = unchecked((long)RecordLayout.CapacityBit);
    private const long ForgedId = 0x0100_0001_0000_0063;
    private const int LaunchWaits = 4;

    /// <summary>A fat binary as nvcc emits it: a 16-byte header and a payload that names the kernels.</summary>
    private static byte[] FatBinary()
    {
        var payload = "test module: kernels vec_add scale add_const; constants k_offset\0"u8.ToArray();
        var image = new byte[16 + payload.Length];
        BitConverter.TryWriteBytes(image.AsSpan(0), 0xBA55ED50u);
        BitConverter.TryWriteBytes(image.AsSpan(4), (ushort)1);
        BitConverter.TryWriteBytes(image.AsSpan(6), (ushort)16);
        BitConverter.TryWriteBytes(image.AsSpan(8), (ulong)payload.Length);
        payload.CopyTo(image, 16);
        return image;
    }

    private static RawWorker Start() =>
        RawWorker.Start(CudaRt.CudaRt.Descriptor, $"AVA_REAL_CUDART={Path.Combine(Repo.Artifacts, "tests", "cudart", "libcudartdouble.so")}");

    private static void AssertStillServing(RawWorker worker)
    {
        worker.Send(CudaRt.CudaRt.FunctionIds.cudaGetDeviceCount, RecordFlags.None, r => r.Slot(Capacity | 4));
        var reply = worker.Reply()!.Value;
        Assert.Equal(TransportStatus.Ok, reply.Status);
        Assert.Equal(0, reply.Slots[0]);
    }

    private static void Launch(RawWorker worker, long function, byte[] parameters) =>
        worker.Send(CudaRt.CudaRt.FunctionIds.avaLaunchKernel, RecordFlags.None, r => r.Slot(function).Slot(1).Slot(1).Slot(1).Slot(32).Slot(1).Slot(1)
            .Slot(0).Slot(0).Bytes(parameters).Slot(parameters.Length).Slot(LaunchWaits));

    [Fact]
    public void LaunchOfAForgedKernelHandle_GetsInvalidHandle_AndTheWorkerKeepsServing()
    {
        using var worker = Start();
        Launch(worker, ForgedId, new byte[28]);
        Assert.Equal(TransportStatus.InvalidHandle, worker.Reply()!.Value.Status);
        AssertStillServing(worker);
    }

    [Fact]
    public void RegistrationInAForgedModule_GetsInvalidHandle_AndTheWorkerKeepsServing()
    {
        using var worker = Start();
        worker.Send(CudaRt.CudaRt.FunctionIds.avaRegisterFunction, RecordFlags.None, r => r.Slot(Capacity | 8).Slot(ForgedId).Bytes("vec_add\0"u8).Slot(-1));
        Assert.Equal(TransportStatus.InvalidHandle, worker.Reply()!.Value.Status);
        AssertStillServing(worker);
    }

    [Fact]
    public void LaunchBlobThatIsNotTheKernelsParameterSize_GetsMalformedReply_AndDropsOnlyThatConnection()
    {
        using var worker = Start();
        var image = FatBinary();
        worker.Send(CudaRt.CudaRt.FunctionIds.avaRegisterFatBinary, RecordFlags.None, r => r.Slot(Capacity | 8).Bytes(image).Slot(image.Length));
        var module = worker.Reply()!.Value;
        Assert.Equal(TransportStatus.Ok, module.Status);
        Assert.Equal(0, module.Slots[0]);
        var moduleId = module.Slots[^1];
        worker.Send(CudaRt.CudaRt.FunctionIds.avaRegisterFunction, RecordFlags.None, r => r.Slot(Capacity | 8).Slot(moduleId).Bytes("vec_add\0"u8).Slot(-1));
        var function = worker.Reply()!.Value;
        Assert.Equal(TransportStatus.Ok, function.Status);
        Assert.Equal(0, function.Slots[0]);

        // A variable too large for the worker to shadow is refused by the runtime's own error, cudaErrorInvalidValue.
        worker.Send(CudaRt.CudaRt.FunctionIds.avaRegisterVar, RecordFlags.None, r => r.Slot(Capacity | 8).Slot(moduleId).Bytes("k_offset\0"u8).Slot(0).Slot(1L << 40).Slot(1).Slot(0));
        var variable = worker.Reply()!.Value;
        Assert.Equal(TransportStatus.Ok, variable.Status);
        Assert.Equal(1, variable.Slots[0]);
        AssertStillServing(worker);

        // vec_add(const float *a, const float *b, float *c, int n) takes 28 bytes of parameters: a guest that packs
        // others is not ours, and loses its connection (the worker, serving no one else, then exits cleanly).
        Launch(worker, function.Slots[^1], new byte[8]);
        Assert.Equal(TransportStatus.MalformedRecord, worker.Reply()!.Value.Status);
        Assert.Equal(0, worker.WaitExit());
    }
}
