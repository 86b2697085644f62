using System.Net.Sockets;
using Ava.Transport.Control;
using Ava.Transport.Tcp;

namespace Ava.Manager.Tests;

/// <summary>
/// The VSOCK channel: a guest virtual machine and the manager on its host, addressed <c>vsock:CID:PORT</c>. End to end
/// it needs a kernel with vsock loopback (vsock_loopback, CID 1); where the kernel offers none, the manager must
/// refuse the address with the kernel's reason and the address handling is what can be checked.
/// </summary>
public sealed class VsockTests
{
    [Theory]
    [InlineData("vsock:2:7000", 2u, 7000)]
    [InlineData("vsock:host:5", 2u, 5)]
    [InlineData("vsock:local:9999", 1u, 9999)]
    [InlineData("vsock:any:1234", 0xFFFFFFFFu, 1234)]
    [InlineData("vsock:4294967294:80000", 4294967294u, 80000)]
    public void VsockAddress_Parses_IntoContextIdAndPort(string text, uint cid, int port)
    {
        var address = ManagerAddress.Parse(text);
        Assert.True(address.Vsock);
        Assert.True(address.IsTcp);
        Assert.Equal(cid, address.Cid);
        Assert.Equal(port, address.Port);
        Assert.Equal(text, address.ToString());
    }

    [Theory]
    [InlineData("vsock:")]
    [InlineData("vsock:2")]
    [InlineData("vsock:two:7000")]
    [InlineData("vsock:-1:7000")]
    [InlineData("vsock:2:port")]
    public void MalformedVsockAddress_IsRefusedWithTheReason(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => ManagerAddress.Parse(text));
        Assert.Contains("vsock", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SockaddrVm_IsLaidOutAsTheKernelReadsIt()
    {
        // struct sockaddr_vm { sa_family_t family = AF_VSOCK (40); unsigned short reserved; unsigned int port;
        // unsigned int cid; unsigned char flags; unsigned char zero[3]; }, host byte order.
        var bytes = VsockSocket.AddressBytes(0x01020304, 0x0A0B0C0D);
        Assert.Equal(new byte[] { 40, 0, 0, 0, 0x0D, 0x0C, 0x0B, 0x0A, 0x04, 0x03, 0x02, 0x01, 0, 0, 0, 0 }, bytes);
    }

    [Fact]
    public void AvaTestProgram_OverVsockLoopback_PrintsTheNativeTranscript_OrTheManagerRefusesTheAddress()
    {
        const string Token = "vsock-test-token";
        var port = 20000 + (Environment.ProcessId % 20000);
        var address = $"vsock:local:{port}";
        if (!LoopbackAvailable(port))
        {
            // No vsock loopback in this kernel: the manager must say so and stop, not listen on nothing.
            var refused = Repo.Run(Repo.Ava, ["manager", "--listen", address], new Dictionary<string, string> { ["AVA_TOKEN"] = Token }, TimeSpan.FromSeconds(30));
            Assert.NotEqual(0, refused.Code);
            Assert.Contains("vsock", refused.Err, StringComparison.Ordinal);
            return;
        }

        using var manager = new ManagerProcess(["--listen", address], new Dictionary<string, string> { ["AVA_TOKEN"] = Token });
        var native = Repo.Run(Repo.Prog, []);
        var remoted = Repo.Run(Repo.Prog, [], new Dictionary<string, string> { ["AVA_TOKEN"] = Token, ["AVA_MANAGER_ADDR"] = address, ["LD_PRELOAD"] = Repo.AvaTestLib });
        Assert.Equal(0, remoted.Code);
        Assert.Equal(native.Out, remoted.Out);
    }

    private static bool LoopbackAvailable(int port)
    {
        try
        {
            using var socket = VsockSocket.Listen(VsockSocket.LocalCid, (uint)port);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
