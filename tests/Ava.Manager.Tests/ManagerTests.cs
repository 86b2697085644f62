using System.Diagnostics;
using System.Text.Json;

namespace Ava.Manager.Tests;

/// <summary>Guests admitted by `ava manager` over its Unix socket behave exactly as with a private worker.</summary>
public class ManagerTests
{
    private static readonly Lazy<string> Native = new(() => Repo.Run(Repo.Prog, []).Out);

    [Fact]
    public void AvaTestProgram_ThroughTheManager_PrintsExactlyTheNativeTranscript()
    {
        using var manager = new ManagerProcess();
        var remoted = Repo.Run(Repo.Prog, [], Repo.GuestEnv(manager.Socket));
        Assert.Equal(0, remoted.Code);
        Assert.Equal(Native.Value, remoted.Out);
        Assert.Equal("", remoted.Err);
    }

    [Theory]
    [InlineData("UNIX")]
    [InlineData("TCP")]
    public void AvaTestProgram_ThroughTheManager_WithStreamChannels_PrintsTheNativeTranscript(string channel)
    {
        using var manager = new ManagerProcess();
        var env = Repo.GuestEnv(manager.Socket);
        env["AVA_CHANNEL"] = channel;
        var remoted = Repo.Run(Repo.Prog, [], env);
        Assert.Equal(0, remoted.Code);
        Assert.Equal(Native.Value, remoted.Out);
    }

    [Fact]
    public void PooledWorkers_AreHandedOut_AndThePoolRefills()
    {
        using var manager = new ManagerProcess(["--pool", "2"], new Dictionary<string, string> { ["AVA_WPOOL"] = "TRUE" });
        WaitFor(() => IdleWorkers(manager, "avatest") == 2);
        for (var i = 0; i < 3; i++)
        {
            var remoted = Repo.Run(Repo.Prog, [], Repo.GuestEnv(manager.Socket));
            Assert.Equal(0, remoted.Code);
            Assert.Equal(Native.Value, remoted.Out);
        }

        WaitFor(() => IdleWorkers(manager, "avatest") == 2);
        using var status = StatusJson(manager);
        Assert.Equal(3, status.RootElement.GetProperty("manager").GetProperty("admitted").GetInt32());
    }

    [Fact]
    public void WrongToken_GetsAnErrorFrame_NoWorker_AndTheApiError()
    {
        using var manager = new ManagerProcess();
        var remoted = Repo.Run(Repo.Ping, [], Repo.GuestEnv(manager.Socket, token: "not-the-token"), TimeSpan.FromSeconds(20));
        Assert.Equal("at_noop = -4\nat_add = -4 r=0\n", remoted.Out);
        using var status = StatusJson(manager);
        var m = status.RootElement.GetProperty("manager");
        Assert.Equal(0, m.GetProperty("admitted").GetInt32());
        Assert.True(m.GetProperty("refused").GetInt32() >= 1);
        Assert.Equal(0, status.RootElement.GetProperty("tenants").GetArrayLength());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal("600", Convert.ToString((int)File.GetUnixFileMode(manager.Socket + ".token"), 8));
        }
    }

    [Fact]
    public async Task TwoOpenClPrograms_AtOnce_HaveTheirOwnWorkers_AndStatusShowsBoth()
    {
        // Two unmodified OpenCL workloads (a few seconds each) through one manager, seen live by `ava status`.
        using var manager = new ManagerProcess();
        var workload = Path.Combine(Repo.Root, "artifacts", "workloads", "hotspot");
        var env = Repo.GuestEnv(manager.Socket, library: Repo.OpenClLib);
        var native = Repo.Run(workload, ["0.5"]);
        Assert.Equal(0, native.Code);
        using var first = Repo.Start(workload, ["0.5"], env);
        using var second = Repo.Start(workload, ["0.5"], env);
        var firstOut = first.StandardOutput.ReadToEndAsync();
        var secondOut = second.StandardOutput.ReadToEndAsync();

        var workers = new HashSet<int>();
        WaitFor(() =>
        {
            using var status = StatusJson(manager);
            var tenants = status.RootElement.GetProperty("tenants").EnumerateArray().ToList();
            foreach (var t in tenants.Where(t => t.GetProperty("api").GetString() == "opencl"))
            {
                workers.Add(t.GetProperty("worker_pid").GetInt32());
            }

            return tenants.Count(t => t.GetProperty("api").GetString() == "opencl") == 2;
        }, seconds: 60);
        Assert.Equal(2, workers.Count);
        var text = Repo.Run(Repo.Ava, ["status", "--manager", manager.Socket]);
        Assert.Equal(2, text.Out.Split('\n').Count(line => line.Contains("opencl", StringComparison.Ordinal)));

        Assert.True(first.WaitForExit(120_000) && second.WaitForExit(120_000));
        Assert.Equal(native.Out, await firstOut);
        Assert.Equal(native.Out, await secondOut);
    }

    [Fact]
    public void Status_ShowsALiveTenant_WithItsCallsBytesAndHandles()
    {
        using var manager = new ManagerProcess();
        using var guest = Repo.Start(Repo.Ping, ["sleep"], Repo.GuestEnv(manager.Socket));
        Assert.Equal("at_noop = 0", guest.StandardOutput.ReadLine());
        Assert.Equal("at_add = 0 r=5", guest.StandardOutput.ReadLine());
        using var status = StatusJson(manager);
        var tenant = Assert.Single(status.RootElement.GetProperty("tenants").EnumerateArray());
        Assert.Equal("avatest", tenant.GetProperty("api").GetString());
        Assert.Equal(guest.Id, tenant.GetProperty("guest_pid").GetInt32());
        var worker = tenant.GetProperty("worker");
        Assert.True(worker.GetProperty("calls").GetInt64() >= 2);
        Assert.True(worker.GetProperty("bytes_in").GetInt64() > 0);
        Assert.True(worker.GetProperty("bytes_out").GetInt64() > 0);
        var text = Repo.Run(Repo.Ava, ["status", "--manager", manager.Socket]);
        Assert.Equal(0, text.Code);
        Assert.Contains("avatest", text.Out, StringComparison.Ordinal);
        guest.Kill();
        guest.WaitForExit();
    }

    [Fact]
    public void GuestKilledMidCall_100Times_LeavesNoObjectDescriptorWorkerOrSegmentBehind()
    {
        using var manager = new ManagerProcess();
        using (var warm = Repo.Start(NativePrograms.Hold, [], Repo.GuestEnv(manager.Socket)))
        {
            // One guest first, so the manager's own lazily opened descriptors are in the baseline.
            Assert.Equal("holding 3", warm.StandardOutput.ReadLine());
            warm.Kill();
            warm.WaitForExit();
        }

        WaitFor(() => Departed(manager).Count == 1 && Children(manager.Pid).Count == 0);
        var descriptors = Descriptors(manager.Pid);
        const int Rounds = 100;
        for (var i = 0; i < Rounds; i++)
        {
            using var guest = Repo.Start(NativePrograms.Hold, [], Repo.GuestEnv(manager.Socket));
            Assert.Equal("holding 3", guest.StandardOutput.ReadLine());
            guest.Kill();
            guest.WaitForExit();
        }

        // The manager keeps the reports of the last 64 departed tenants.
        const int Kept = 64;
        WaitFor(() => Departed(manager).Count == Kept && Tenants(manager) == 0, seconds: 60);
        foreach (var entry in Departed(manager))
        {
            // The three objects the guest held when it died, released by its worker before it exited.
            Assert.Equal(3, entry.GetProperty("worker").GetProperty("released_at_exit").GetInt32());
        }

        using var status = StatusJson(manager);
        Assert.Equal(Rounds + 1, status.RootElement.GetProperty("manager").GetProperty("admitted").GetInt32());

        // Every worker exited and was reaped (with it went every descriptor and mapping it had: channel segments are
        // memfds, gone with their last mapping and descriptor), and the manager holds no more descriptors than before
        // and maps no segment.
        WaitFor(() => Children(manager.Pid).Count == 0, seconds: 30);
        WaitFor(() => Descriptors(manager.Pid) <= descriptors, seconds: 30);
        Assert.DoesNotContain("memfd:ava", File.ReadAllText($"/proc/{manager.Pid}/maps"), StringComparison.Ordinal);
    }

    private static int Tenants(ManagerProcess manager)
    {
        using var status = StatusJson(manager);
        return status.RootElement.GetProperty("tenants").GetArrayLength();
    }

    private static int Descriptors(int pid) => Directory.GetFiles($"/proc/{pid}/fd").Length;

    private static List<int> Children(int pid) =>
        [.. Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(n => int.TryParse(n, out _)).Select(int.Parse!)
            .Where(p => ParentOf(p) == pid)];

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ...", comm may hold spaces: read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    [Fact]
    public void WorkerKilledMidCall_TheGuestGetsTheApiErrorPromptly()
    {
        using var manager = new ManagerProcess();
        using var guest = Repo.Start(Repo.Ping, ["sleep"], Repo.GuestEnv(manager.Socket));
        Assert.Equal("at_noop = 0", guest.StandardOutput.ReadLine());
        Assert.Equal("at_add = 0 r=5", guest.StandardOutput.ReadLine());
        Thread.Sleep(300);
        using var status = StatusJson(manager);
        var worker = status.RootElement.GetProperty("tenants")[0].GetProperty("worker_pid").GetInt32();
        var watch = Stopwatch.StartNew();
        Process.GetProcessById(worker).Kill();
        Assert.True(guest.WaitForExit(10_000), "the program hung after its worker died");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.Equal("at_sleep_ms = -4 after_ms=<5000\nat_noop = -4\n", guest.StandardOutput.ReadToEnd());
    }

    [Fact]
    public void ManagerRestarted_NewGuestsWork_AndRunningGuestsKeepTheirWorkers()
    {
        var directory = Directory.CreateTempSubdirectory("ava-restart-").FullName;
        var socket = Path.Combine(directory, "m.sock");
        Process running;
        using (var first = new ManagerProcess(socketPath: socket))
        {
            running = Repo.Start(Repo.Ping, ["sleep"], Repo.GuestEnv(socket));
            Assert.Equal("at_noop = 0", running.StandardOutput.ReadLine());
            first.Kill();
        }

        using var second = new ManagerProcess(socketPath: socket);
        var remoted = Repo.Run(Repo.Prog, [], Repo.GuestEnv(socket));
        Assert.Equal(0, remoted.Code);
        Assert.Equal(Native.Value, remoted.Out);
        Assert.True(running.WaitForExit(30_000));
        Assert.Equal("at_add = 0 r=5\nat_sleep_ms = 0 after_ms=>=5000\nat_noop = 0\n", running.StandardOutput.ReadToEnd());
        running.Dispose();
    }

    /// <summary>The manager's status, asked again when a query finds it busy and prints nothing.</summary>
    internal static JsonDocument StatusJson(ManagerProcess manager)
    {
        var text = "";
        WaitFor(() => !string.IsNullOrWhiteSpace(text = manager.Status()));
        return JsonDocument.Parse(text);
    }

    internal static void WaitFor(Func<bool> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            Thread.Sleep(100);
        }
    }

    internal static int IdleWorkers(ManagerProcess manager, string api)
    {
        using var status = StatusJson(manager);
        return status.RootElement.GetProperty("manager").GetProperty("idle_workers").TryGetProperty(api, out var n) ? n.GetInt32() : 0;
    }

    internal static List<JsonElement> Departed(ManagerProcess manager)
    {
        // A status query can find the manager between two sessions and print nothing; the callers poll, so an
        // empty answer counts as "not yet".
        var text = manager.Status();
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var status = JsonDocument.Parse(text);
        return [.. status.RootElement.GetProperty("departed").EnumerateArray()];
    }
}
