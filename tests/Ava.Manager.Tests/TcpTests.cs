using System.Diagnostics;
using System.Text.Json;

namespace Ava.Manager.Tests;

/// <summary>
/// Guest and worker on different hosts: two network namespaces joined by a veth pair (10.200.0.1 for the manager,
/// 10.200.0.2 for the guest), made and removed by the test.
/// </summary>
public sealed class TcpTests : IDisposable
{
    private readonly string _suffix = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    private readonly string? _skip;

    public TcpTests()
    {
        _skip = Ip($"netns add avam{_suffix}");
        if (_skip is not null)
        {
            return;
        }

        Ip($"netns add avag{_suffix}");
        Ip($"link add avm{_suffix} type veth peer name avg{_suffix}");
        Ip($"link set avm{_suffix} netns avam{_suffix}");
        Ip($"link set avg{_suffix} netns avag{_suffix}");
        Ip($"-n avam{_suffix} addr add 10.200.0.1/24 dev avm{_suffix}");
        Ip($"-n avag{_suffix} addr add 10.200.0.2/24 dev avg{_suffix}");
        Ip($"-n avam{_suffix} link set avm{_suffix} up");
        Ip($"-n avag{_suffix} link set avg{_suffix} up");
        Ip($"-n avam{_suffix} link set lo up");
        Ip($"-n avag{_suffix} link set lo up");
    }

    [Fact]
    public void AvaTestProgram_AcrossNamespacesOverTcp_PrintsExactlyTheNativeTranscript()
    {
        if (_skip is not null)
        {
            Assert.Fail($"ip netns is not permitted here, so guest and worker cannot be put on different hosts: {_skip}");
        }

        const string Token = "tcp-test-token";
        using var manager = new ManagerProcess(["--listen", "10.200.0.1:7391"], new Dictionary<string, string> { ["AVA_TOKEN"] = Token }, netns: $"avam{_suffix}");
        var native = Repo.Run(Repo.Prog, []);
        foreach (var lz4 in new[] { "auto", "on", "off" })
        {
            var remoted = Repo.Run("ip", ["netns", "exec", $"avag{_suffix}", "env", $"AVA_LZ4={lz4}", "AVA_TOKEN=" + Token, "AVA_MANAGER_ADDR=10.200.0.1:7391", "LD_PRELOAD=" + Repo.AvaTestLib, Repo.Prog]);
            Assert.Equal(0, remoted.Code);
            Assert.Equal(native.Out, remoted.Out);
        }

        var refused = Repo.Run("ip", ["netns", "exec", $"avag{_suffix}", "env", "AVA_TOKEN=wrong", "AVA_MANAGER_ADDR=10.200.0.1:7391", "LD_PRELOAD=" + Repo.AvaTestLib, Repo.Ping]);
        Assert.Equal("at_noop = -4\nat_add = -4 r=0\n", refused.Out);

        var status = Repo.Run("ip", ["netns", "exec", $"avag{_suffix}", "env", "AVA_TOKEN=" + Token, Repo.Ava, "status", "--json", "--manager", "10.200.0.1:7391"]);
        using var report = JsonDocument.Parse(status.Out);
        Assert.Equal(3, report.RootElement.GetProperty("manager").GetProperty("admitted").GetInt32());
    }

    [Fact]
    public void WorkerKilledMidCall_OverTcp_TheGuestGetsTheApiErrorPromptly()
    {
        if (_skip is not null)
        {
            Assert.Fail($"ip netns is not permitted here: {_skip}");
        }

        const string Token = "tcp-test-token";
        using var manager = new ManagerProcess(["--listen", "10.200.0.1:7392"], new Dictionary<string, string> { ["AVA_TOKEN"] = Token }, netns: $"avam{_suffix}");
        using var guest = Repo.Start("ip", ["netns", "exec", $"avag{_suffix}", "env", "AVA_TOKEN=" + Token, "AVA_MANAGER_ADDR=10.200.0.1:7392", "LD_PRELOAD=" + Repo.AvaTestLib, Repo.Ping, "sleep"]);
        Assert.Equal("at_noop = 0", guest.StandardOutput.ReadLine());
        Assert.Equal("at_add = 0 r=5", guest.StandardOutput.ReadLine());
        Thread.Sleep(300);
        using var status = JsonDocument.Parse(Repo.Run(Repo.Ava, ["status", "--json", "--manager", manager.Socket], new Dictionary<string, string> { ["AVA_TOKEN"] = Token }).Out);
        var worker = status.RootElement.GetProperty("tenants")[0].GetProperty("worker_pid").GetInt32();
        var watch = Stopwatch.StartNew();
        Process.GetProcessById(worker).Kill();
        Assert.True(guest.WaitForExit(10_000), "the program hung after its worker died");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.Equal("at_sleep_ms = -4 after_ms=<5000\nat_noop = -4\n", guest.StandardOutput.ReadToEnd());
    }

    public void Dispose()
    {
        if (_skip is null)
        {
            Ip($"netns del avam{_suffix}");
            Ip($"netns del avag{_suffix}");
        }
    }

    private static string? Ip(string arguments)
    {
        var result = Repo.Run("ip", arguments.Split(' '));
        return result.Code == 0 ? null : $"ip {arguments}: {result.Err.Trim()}";
    }
}
