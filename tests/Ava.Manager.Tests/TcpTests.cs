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

    /// <summary>
    /// A running OpenCL program in the guest's namespace, its worker in the manager's, reached over TCP: moved to a new
    /// worker there, by `ava migrate` or at a call of its own (AVA_MIGRATION_CALL_ID), its re-admission and its new
    /// channels go over TCP too, and it prints the native output.
    /// </summary>
    [Theory]
    [InlineData("ava migrate")]
    [InlineData("AVA_MIGRATION_CALL_ID")]
    public async Task RunningOpenClProgram_AcrossNamespacesOverTcp_MovedToANewWorker_PrintsTheNativeOutput(string how)
    {
        if (_skip is not null)
        {
            Assert.Fail($"ip netns is not permitted here, so guest and worker cannot be put on different hosts: {_skip}");
        }

        const string Token = "tcp-test-token";
        var port = how == "ava migrate" ? "7393" : "7394";
        using var manager = new ManagerProcess(["--listen", $"10.200.0.1:{port}"], new Dictionary<string, string> { ["AVA_TOKEN"] = Token }, netns: $"avam{_suffix}");
        var program = Repo.OpenClProgram("move_hold");
        var native = MigrateTests.RunHold(program, []);
        var log = Path.Combine(Path.GetTempPath(), $"ava-tcp-move-{_suffix}-{port}.log");
        File.Delete(log);
        try
        {
            List<string> env = ["AVA_TOKEN=" + Token, $"AVA_MANAGER_ADDR=10.200.0.1:{port}", "LD_PRELOAD=" + Repo.OpenClLib, "AVA_RECORD_REPLAY=1", "AVA_LOG=" + log];
            if (how != "ava migrate")
            {
                env.Add("AVA_MIGRATION_CALL_ID=30");
            }

            using var guest = Repo.Start("ip", ["netns", "exec", $"avag{_suffix}", "env", .. env, program], input: true);
            var before = MigrateTests.ReadUntilReady(guest);
            Task<(int Code, string Out, string Err)>? move = null;
            if (how == "ava migrate")
            {
                using var status = JsonDocument.Parse(Repo.Run(Repo.Ava, ["status", "--json", "--manager", manager.Socket], new Dictionary<string, string> { ["AVA_TOKEN"] = Token }).Out);
                var session = status.RootElement.GetProperty("tenants")[0].GetProperty("session").GetUInt64().ToString("x", System.Globalization.CultureInfo.InvariantCulture);
                move = Task.Run(() => Repo.Run(Repo.Ava, ["migrate", session, "--to", "new", "--manager", manager.Socket], new Dictionary<string, string> { ["AVA_TOKEN"] = Token }, TimeSpan.FromSeconds(90)));
                ManagerTests.WaitFor(() => File.Exists(log) && File.ReadAllText(log).Contains("asks this process to move", StringComparison.Ordinal), seconds: 30);
            }

            guest.StandardInput.WriteLine("go");
            guest.StandardInput.Close();
            var after = guest.StandardOutput.ReadToEnd();
            Assert.True(guest.WaitForExit(60_000), "the program did not finish");
            Assert.Equal(0, guest.ExitCode);
            if (move is not null)
            {
                var (code, stdout, stderr) = await move;
                Assert.True(code == 0, $"ava migrate exit {code}: {stdout}{stderr}");
            }

            var text = File.ReadAllText(log);
            Assert.Contains("moved to a new opencl worker", text, StringComparison.Ordinal);
            // Admitted twice, the second time as the same session on its new worker.
            Assert.Equal(2, text.Split('\n').Count(l => l.Contains("admitted by the manager at 10.200.0.1", StringComparison.Ordinal)));
            Assert.DoesNotContain("admitted afresh", text, StringComparison.Ordinal);
            Assert.Equal(native, before + after);
        }
        finally
        {
            File.Delete(log);
        }
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
