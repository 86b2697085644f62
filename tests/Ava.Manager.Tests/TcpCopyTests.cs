using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ava.Manager.Tests;

/// <summary>
/// Large CUDA copies through a manager over TCP loopback, with the CPU test double as the device: every read-back must
/// arrive byte-identical, chunk by chunk, whatever LZ4 decides (random bytes go raw, repeating ones compressed).
/// </summary>
public sealed class TcpCopyTests
{
    private static readonly string Cuda = Path.Combine(Repo.Root, "artifacts", "tests", "cuda");
    private static readonly string DropIn = Path.Combine(Repo.Root, "artifacts", "lib", "libcuda.so.1");

    [Fact]
    public void LargeCopies_OverTcp_PrintExactlyTheNativeTranscript_WithLz4AutoAndOff()
    {
        var native = Repo.Run(Path.Combine(Cuda, "large_copies"), []);
        Assert.Equal(0, native.Code);
        using var manager = Start(out var address);
        foreach (var lz4 in new[] { "auto", "off" })
        {
            var env = Guest(address);
            env["AVA_LZ4"] = lz4;
            var remoted = Repo.Run(Path.Combine(Cuda, "large_copies"), [], env, TimeSpan.FromSeconds(120));
            Assert.True(remoted.Code == 0, $"AVA_LZ4={lz4}: {remoted.Err}");
            Assert.Equal(native.Out, remoted.Out);
        }

        Assert.Contains("10485883 bytes: round trip ok", native.Out, StringComparison.Ordinal);
        Assert.Contains("3145727 bytes: round trip ok", native.Out, StringComparison.Ordinal);
        Assert.Contains("stream: offset round trip ok, second read ok", native.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void LargeCopies_FailingPartWay_OverTcp_PrintExactlyTheNativeTranscript()
    {
        // The device faults at byte 40 MiB of an allocation: chunks already on the wire stay sent, the rest go as zeros.
        var fault = new Dictionary<string, string> { ["CUDADOUBLE_FAULT_AT"] = (40 << 20).ToString(CultureInfo.InvariantCulture) };
        var native = Repo.Run(Path.Combine(Cuda, "large_copies"), ["fault"], fault);
        Assert.Equal(0, native.Code);
        using var manager = Start(out var address, fault);
        var remoted = Repo.Run(Path.Combine(Cuda, "large_copies"), ["fault"], Guest(address), TimeSpan.FromSeconds(120));
        Assert.True(remoted.Code == 0, remoted.Err);
        Assert.Equal(native.Out, remoted.Out);
        Assert.Contains("before the fault: 8 MiB + 5 round trip ok", native.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("zeros")]
    public void ReadBack_OfRandomAndZeroBytes_OverTcp_ComesBackTheSame(string kind)
    {
        using var manager = Start(out var address);
        var remoted = Repo.Run(Path.Combine(Cuda, "copy_bandwidth"), ["24", "1", kind], Guest(address), TimeSpan.FromSeconds(120));
        Assert.True(remoted.Code == 0, remoted.Out + remoted.Err);
        Assert.Contains($"copy 24 MiB {kind}:", remoted.Out, StringComparison.Ordinal);
        Assert.EndsWith(", same\n", remoted.Out, StringComparison.Ordinal);
    }

    private const string Token = "tcp-copy-test-token";

    private static ManagerProcess Start(out string address, Dictionary<string, string>? workerEnv = null)
    {
        // A free port: bound by the kernel, released, and taken by the manager at once.
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            address = "127.0.0.1:" + ((IPEndPoint)probe.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        }

        var env = new Dictionary<string, string>(workerEnv ?? []) { ["AVA_TOKEN"] = Token, ["AVA_REAL_CUDA"] = Path.Combine(Cuda, "libcudadouble.so") };
        return new ManagerProcess(["--listen", address], env);
    }

    private static Dictionary<string, string> Guest(string address) => Repo.GuestEnv(address, Token, DropIn);
}
