using System.Globalization;
using System.Text.Json;

namespace Ava.Manager.Tests;

/// <summary>
/// Bounds of a policy principal hold for all its sessions together (one uid running several processes gets one
/// quota, not one each): device memory, live objects and channels (guest threads, one shadow thread each). A call
/// beyond a bound fails with the API's own error; a private worker takes the same bounds from AVA_MAX_OBJECTS and
/// AVA_MAX_CHANNELS, and channels and objects are bounded by default where nothing names a bound.
/// </summary>
public sealed class BoundsTests : IDisposable
{
    private const long EightMiB = 8L << 20;

    /// <summary>AT_ERR_OUT_OF_MEMORY: the avatest API's out-of-resources answer.</summary>
    private const int OutOfMemory = -3;

    private readonly string _policy = Path.GetTempFileName();
    private readonly string _uid = Repo.Run("id", ["-u"]).Out.Trim();

    public void Dispose() => File.Delete(_policy);

    [Fact]
    public void ThreeOpenClGuestsOfOneUid_TogetherHoldNoMoreThanTheUidsDeviceMemoryQuota()
    {
        WritePolicy($$"""{ "device_memory": {{EightMiB}} }""");
        using var manager = new ManagerProcess(["--policy", _policy]);
        var env = Repo.GuestEnv(manager.Socket, library: Repo.OpenClLib);
        var guests = new List<System.Diagnostics.Process>();
        try
        {
            var held = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                var guest = Repo.Start(Repo.OpenClProgram("quota"), ["hold"], env);
                guests.Add(guest);
                held.Add(HoldingLine(guest));
            }

            // The first takes the whole quota; the others, of the same uid, get nothing more.
            Assert.Equal(["holding 8 MiB", "holding 0 MiB", "holding 0 MiB"], held);
            using (var status = ManagerTests.StatusJson(manager))
            {
                var tenants = status.RootElement.GetProperty("tenants").EnumerateArray().ToList();
                Assert.Equal(3, tenants.Count);
                Assert.All(tenants, t => Assert.Equal("uid:" + _uid, t.GetProperty("principal").GetString()));
                var memory = tenants.Select(t => t.GetProperty("worker").GetProperty("resources").GetProperty("device_memory")).ToList();
                Assert.Equal(EightMiB, memory.Sum(m => m.GetProperty("held").GetInt64()));
                Assert.All(memory, m => Assert.Equal(EightMiB, m.GetProperty("principal_held").GetInt64()));
                Assert.All(memory, m => Assert.Equal(EightMiB, m.GetProperty("limit").GetInt64()));
            }

            var text = Repo.Run(Repo.Ava, ["status", "--manager", manager.Socket]);
            Assert.Contains("PRINCIPAL", text.Out, StringComparison.Ordinal);
            Assert.Equal(3, text.Out.Split('\n').Count(line => line.Contains("uid:" + _uid, StringComparison.Ordinal)));

            // The holder dies: its memory goes back to the uid, and a new guest of it gets the whole quota again.
            guests[0].Kill();
            guests[0].WaitForExit();
            ManagerTests.WaitFor(() => ManagerTests.Departed(manager).Count == 1);
            var next = Repo.Start(Repo.OpenClProgram("quota"), ["hold"], env);
            guests.Add(next);
            Assert.Equal("holding 8 MiB", HoldingLine(next));
        }
        finally
        {
            foreach (var guest in guests)
            {
                if (!guest.HasExited)
                {
                    guest.Kill();
                }

                guest.WaitForExit();
                guest.Dispose();
            }
        }
    }

    [Fact]
    public void ObjectsBeyondTheUidsBound_FailWithTheApisOutOfMemoryError_AcrossTwoProcesses()
    {
        WritePolicy("""{ "objects": 8 }""");
        using var manager = new ManagerProcess(["--policy", _policy]);
        var env = Repo.GuestEnv(manager.Socket);
        using var holder = Repo.Start(NativePrograms.Bounds, ["objects", "5", "hold"], env, input: true);
        Assert.Equal("objects created=5 err=0 live=5 (rc 0)", holder.StandardOutput.ReadLine());
        Assert.Equal("holding", holder.StandardOutput.ReadLine());

        // Another process of the same uid gets what is left of the bound, then the API's out-of-memory error.
        var second = Repo.Run(NativePrograms.Bounds, ["objects", "10"], env);
        Assert.Equal(0, second.Code);
        Assert.Equal($"objects created=3 err={OutOfMemory} live=3 (rc 0)\n", second.Out);

        holder.StandardInput.Close();
        Assert.True(holder.WaitForExit(20_000));
        ManagerTests.WaitFor(() => ManagerTests.Departed(manager).Count == 2);
        var third = Repo.Run(NativePrograms.Bounds, ["objects", "10"], env);
        Assert.Equal($"objects created=8 err={OutOfMemory} live=8 (rc 0)\n", third.Out);
    }

    [Theory]
    [InlineData("LOCAL")]
    [InlineData("UNIX")]
    [InlineData("TCP")]
    public void ThreadsBeyondTheUidsChannelBound_FailWithTheApisOutOfMemoryError_AndGetNoShadowThread(string channel)
    {
        WritePolicy("""{ "channels": 3 }""");
        using var manager = new ManagerProcess(["--policy", _policy]);
        var env = Repo.GuestEnv(manager.Socket);
        env["AVA_CHANNEL"] = channel;
        var run = Repo.Run(NativePrograms.Bounds, ["threads", "8"], env);
        Assert.Equal(0, run.Code);
        Assert.Equal("threads ok=3 refused=5 other=0\n", run.Out);
        ManagerTests.WaitFor(() => ManagerTests.Departed(manager).Count == 1);
        var worker = ManagerTests.Departed(manager)[0].GetProperty("worker");
        Assert.Equal(3, worker.GetProperty("channels").GetInt32());
    }

    [Fact]
    public void PrivateWorker_TakesItsBoundsFromAvaMaxObjectsAndAvaMaxChannels()
    {
        var env = new Dictionary<string, string> { ["LD_PRELOAD"] = Repo.AvaTestLib, ["AVA_MAX_OBJECTS"] = "4", ["AVA_MAX_CHANNELS"] = "2" };
        var objects = Repo.Run(NativePrograms.Bounds, ["objects", "10"], env);
        Assert.Equal($"objects created=4 err={OutOfMemory} live=4 (rc 0)\n", objects.Out);
        var threads = Repo.Run(NativePrograms.Bounds, ["threads", "5"], env);
        Assert.Equal("threads ok=2 refused=3 other=0\n", threads.Out);

        env["AVA_MAX_OBJECTS"] = "many";
        var refused = Repo.Run(NativePrograms.Bounds, ["objects", "1"], env);
        Assert.Equal($"objects created=0 err=-4 live=0 (rc -4)\n", refused.Out);
    }

    [Fact]
    public void PrivateWorker_WithNoBoundSet_StillRefusesThe257thThreadAndTheMillionAndFirstObject_WithTheApisError()
    {
        // Nothing names a bound: the defaults (256 channels, 1,000,000 objects) hold, and past them the guest gets
        // AT_ERR_OUT_OF_MEMORY while the worker serves on.
        var env = new Dictionary<string, string> { ["LD_PRELOAD"] = Repo.AvaTestLib, ["AVA_CHANNEL"] = "UNIX" };
        var threads = Repo.Run(NativePrograms.Bounds, ["threads", "257"], env);
        Assert.Equal("threads ok=256 refused=1 other=0\n", threads.Out);
        Assert.Equal(0, threads.Code);

        // A million synchronous creations: over the shared-memory rings (the object bound is the worker's, whatever
        // the channel), with room for a slow machine, where a Unix socket's round trips alone take about a minute.
        env.Remove("AVA_CHANNEL");
        var objects = Repo.Run(NativePrograms.Bounds, ["objects", "1000001"], env, TimeSpan.FromMinutes(4));
        Assert.Equal($"objects created=1000000 err={OutOfMemory} live=1000000 (rc 0)\n", objects.Out);
        Assert.Equal(0, objects.Code);
    }

    [Fact]
    public void PolicyWithoutAChannelsBound_StillGivesThePrincipalTheDefault256()
    {
        WritePolicy("""{ "device_memory": 1048576 }""");
        using var manager = new ManagerProcess(["--policy", _policy]);
        var env = Repo.GuestEnv(manager.Socket);
        env["AVA_CHANNEL"] = "UNIX";
        var run = Repo.Run(NativePrograms.Bounds, ["threads", "257"], env);
        Assert.Equal("threads ok=256 refused=1 other=0\n", run.Out);
        ManagerTests.WaitFor(() => ManagerTests.Departed(manager).Count == 1);
        var resources = ManagerTests.Departed(manager)[0].GetProperty("worker").GetProperty("resources");
        Assert.Equal(256, resources.GetProperty("channels").GetProperty("limit").GetInt64());
        Assert.Equal(1_000_000, resources.GetProperty("objects").GetProperty("limit").GetInt64());
    }

    [Fact]
    public void PolicysCallSeconds_EndsTheWorkerOfACallPastIt_AndTheGuestsCallFailsInsteadOfWaiting()
    {
        // The uid's bound is 1 s; hold's 3 s call passes it. The manager's own AVA_CALL_SECONDS reaches no worker.
        WritePolicy("""{ "call_seconds": 1 }""");
        using var manager = new ManagerProcess(["--policy", _policy], new Dictionary<string, string> { ["AVA_CALL_SECONDS"] = "60" });
        using var guest = Repo.Start(NativePrograms.Hold, [], Repo.GuestEnv(manager.Socket));
        Assert.Equal("holding 3", guest.StandardOutput.ReadLine());
        using (var status = ManagerTests.StatusJson(manager))
        {
            var tenant = Assert.Single(status.RootElement.GetProperty("tenants").EnumerateArray());
            Assert.Equal(1, tenant.GetProperty("worker").GetProperty("call_seconds").GetInt64());
        }

        Assert.True(guest.WaitForExit(20_000));
        Assert.Equal(1, guest.ExitCode);
        ManagerTests.WaitFor(() => ManagerTests.Departed(manager).Count == 1);
        Assert.Equal(3, ManagerTests.Departed(manager)[0].GetProperty("worker_exit").GetInt32());
    }

    [Theory]
    [InlineData("""{ "scratch_keep_bytes": 1048576 }""", 1L << 20)]
    [InlineData("""{ "objects": 100 }""", 256L << 20)]
    public void PolicysScratchKeepBytes_BoundsWhatTheWorkersIdleChannelsKeep_AndWithoutItTheWorkerKeepsItsDefault(string policy, long kept)
    {
        WritePolicy(policy);
        using var manager = new ManagerProcess(["--policy", _policy]);
        using var guest = Repo.Start(NativePrograms.Hold, [], Repo.GuestEnv(manager.Socket));
        Assert.Equal("holding 3", guest.StandardOutput.ReadLine());
        using (var status = ManagerTests.StatusJson(manager))
        {
            var tenant = Assert.Single(status.RootElement.GetProperty("tenants").EnumerateArray());
            Assert.Equal(kept, tenant.GetProperty("worker").GetProperty("scratch_keep_bytes").GetInt64());
        }

        Assert.True(guest.WaitForExit(20_000));
        Assert.Equal(0, guest.ExitCode);
    }

    [Fact]
    public void PolicyWithoutCallSeconds_LetsALongCallFinish_WhateverTheManagersEnvironmentSays()
    {
        WritePolicy("""{ "objects": 100 }""");
        using var manager = new ManagerProcess(["--policy", _policy], new Dictionary<string, string> { ["AVA_CALL_SECONDS"] = "1" });
        var run = Repo.Run(NativePrograms.Hold, [], Repo.GuestEnv(manager.Socket));
        Assert.Equal("holding 3\n", run.Out);
        Assert.Equal(0, run.Code);
        ManagerTests.WaitFor(() => ManagerTests.Departed(manager).Count == 1);
        var departed = ManagerTests.Departed(manager)[0];
        Assert.Equal(0, departed.GetProperty("worker_exit").GetInt32());
        Assert.Equal(0, departed.GetProperty("worker").GetProperty("call_seconds").GetInt64());
    }

    private void WritePolicy(string limits) =>
        File.WriteAllText(_policy, string.Create(CultureInfo.InvariantCulture, $$"""{ "tenants": { "default": {}, "uid:{{_uid}}": {{limits}} } }"""));

    private static string HoldingLine(System.Diagnostics.Process guest)
    {
        string? line;
        while ((line = guest.StandardOutput.ReadLine()) is not null && !line.StartsWith("holding", StringComparison.Ordinal))
        {
        }

        return line ?? "(exited)";
    }
}
