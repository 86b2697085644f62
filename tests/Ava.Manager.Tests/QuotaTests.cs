using System.Globalization;
using System.Text.Json;

namespace Ava.Manager.Tests;

/// <summary>
/// The policy's device memory quota, enforced by each tenant's worker: OpenCL memory objects on PoCL beyond it fail
/// as on a full device, released memory comes back, `ava status` shows what a tenant holds, and a dead guest's
/// memory is given back.
/// </summary>
public sealed class QuotaTests : IDisposable
{
    private const long EightMiB = 8L << 20;

    private static readonly string Expected = File.ReadAllText(Path.Combine(Repo.Root, "tests", "OpenCL", "programs", "quota.expected"));

    private readonly string _policy = Path.GetTempFileName();

    public QuotaTests()
    {
        // The tenant is named by its uid; the default tenant has no quota, so the limit must come from the uid entry.
        var uid = Repo.Run("id", ["-u"]).Out.Trim();
        File.WriteAllText(_policy, $$"""
            { "tenants": { "default": { "device_memory": 0 }, "uid:{{uid}}": { "device_memory": {{EightMiB}} } } }
            """);
    }

    public void Dispose() => File.Delete(_policy);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OpenClBuffersBeyondTheTenantsDeviceMemory_FailWithAllocationFailure_AndReleasedMemoryComesBack(bool pooled)
    {
        using var manager = new ManagerProcess(["--policy", _policy, "--pool", "1"], pooled ? new Dictionary<string, string> { ["AVA_WPOOL"] = "TRUE" } : null);
        if (pooled)
        {
            // The quota must reach a worker started before its tenant was known.
            ManagerTests.WaitFor(() => ManagerTests.IdleWorkers(manager, "opencl") == 1);
        }

        var run = Repo.Run(Repo.OpenClProgram("quota"), [], Repo.GuestEnv(manager.Socket, library: Repo.OpenClLib), TimeSpan.FromMinutes(2));
        Assert.Equal(Expected, run.Out);
        Assert.Equal(0, run.Code);

        ManagerTests.WaitFor(() => ManagerTests.Departed(manager).Count == 1);
        var memory = DeviceMemory(ManagerTests.Departed(manager)[0].GetProperty("worker"));
        Assert.Equal(EightMiB, memory.GetProperty("limit").GetInt64());
        Assert.Equal(EightMiB, memory.GetProperty("peak").GetInt64());
        Assert.Equal(0, memory.GetProperty("held").GetInt64());
        Assert.Equal(7, memory.GetProperty("denied").GetInt64());
    }

    [Fact]
    public void GuestHoldingItsWholeQuota_ShowsInStatus_AndItsMemoryIsGivenBackWhenItIsKilled()
    {
        using var manager = new ManagerProcess(["--policy", _policy]);
        using var guest = Repo.Start(Repo.OpenClProgram("quota"), ["hold"], Repo.GuestEnv(manager.Socket, library: Repo.OpenClLib));
        string? line;
        while ((line = guest.StandardOutput.ReadLine()) is not null && !line.StartsWith("holding", StringComparison.Ordinal))
        {
        }

        Assert.Equal("holding 8 MiB", line);
        using (var status = ManagerTests.StatusJson(manager))
        {
            var tenant = Assert.Single(status.RootElement.GetProperty("tenants").EnumerateArray());
            var memory = DeviceMemory(tenant.GetProperty("worker"));
            Assert.Equal(EightMiB, memory.GetProperty("held").GetInt64());
            Assert.Equal(EightMiB, memory.GetProperty("limit").GetInt64());
            Assert.Equal(8, memory.GetProperty("objects").GetInt32());
            Assert.Equal(1, memory.GetProperty("denied").GetInt64());
        }

        var text = Repo.Run(Repo.Ava, ["status", "--manager", manager.Socket]);
        Assert.Equal(0, text.Code);
        Assert.Contains("DEVICE MEMORY", text.Out, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{EightMiB}/{EightMiB}"), text.Out, StringComparison.Ordinal);

        guest.Kill();
        guest.WaitForExit();
        ManagerTests.WaitFor(() => ManagerTests.Departed(manager).Count == 1);
        var worker = ManagerTests.Departed(manager)[0].GetProperty("worker");
        Assert.True(worker.GetProperty("released_at_exit").GetInt32() >= 8);
        var after = DeviceMemory(worker);
        Assert.Equal(0, after.GetProperty("held").GetInt64());
        Assert.Equal(0, after.GetProperty("objects").GetInt32());
        Assert.Equal(EightMiB, after.GetProperty("peak").GetInt64());
    }

    [Fact]
    public void QuotaInTheManagersEnvironment_DoesNotReachItsWorkers_ThePolicyDecides()
    {
        File.WriteAllText(_policy, """{ "tenants": { "default": { "device_memory": 0 } } }""");
        using var manager = new ManagerProcess(["--policy", _policy], new Dictionary<string, string> { ["AVA_QUOTA_DEVICE_MEMORY"] = "1048576" });
        var run = Repo.Run(Repo.OpenClProgram("quota"), [], Repo.GuestEnv(manager.Socket, library: Repo.OpenClLib), TimeSpan.FromMinutes(2));
        Assert.Equal(0, run.Code);
        Assert.Contains("created 64 buffers, none failed", run.Out, StringComparison.Ordinal);
    }

    private static JsonElement DeviceMemory(JsonElement worker) =>
        worker.GetProperty("resources").GetProperty("device_memory");
}
