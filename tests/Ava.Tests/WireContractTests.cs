using Ava.AvaTest;
using Ava.Transport;

namespace Ava.Tests;

/// <summary>
/// A guest and a worker built from different specs refuse each other at the handshake, with a message that says
/// so; the generator's tests (WireContractTests there) prove that every change of the spec model changes the hash.
/// </summary>
public class WireContractTests
{
    [Fact]
    public void GuestOfAnotherSpec_IsRefusedWithAClearMessage_AndTheWorkerEnds()
    {
        var ours = AvaTestApi.Descriptor;
        var other = new ApiDescriptor(ours.Name, ours.Number, ours.Version, ours.SoName, "0x" + new string('0', 16),
            [.. ours.FunctionNames], [.. ours.FunctionFlags], [.. ours.HandleTypeNames], [.. ours.RealLibrary]);

        // Hello fails the test unless the worker, having refused, ends on its own.
        var (refusal, _) = RawWorker.Hello(other);

        Assert.Equal($"guest library and worker were built from different avatest specs (guest 0x0000000000000000, worker {ours.SpecHash}); rebuild both", refusal);
    }

    [Fact]
    public void GuestOfTheSameSpec_IsAccepted()
    {
        using var worker = RawWorker.Start();
        Assert.True(worker.PeerAlive());
    }
}
