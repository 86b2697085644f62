using System.Diagnostics;
using System.Text.Json;

namespace Ava.Manager.Tests;

/// <summary>
/// `ava migrate SESSION --to WORKER|new`: a running OpenCL program (tests/OpenCL/programs/move_hold.c, on PoCL) moved
/// by the manager to another worker while it holds a built kernel, its arguments and a buffer's contents, prints what
/// it prints natively.
/// </summary>
public sealed class MigrateTests
{
    private static readonly Lazy<string> Native = new(() => RunHold(Repo.OpenClProgram("move_hold"), []));

    [Theory]
    [InlineData("new")]
    [InlineData("pooled")]
    public async Task RunningOpenClProgram_MovedByAvaMigrate_PrintsTheNativeOutput_OnTheNewWorker(string to)
    {
        using var manager = to == "pooled"
            ? new ManagerProcess(["--pool", "1"], new Dictionary<string, string> { ["AVA_WPOOL"] = "TRUE" })
            : new ManagerProcess();
        if (to == "pooled")
        {
            ManagerTests.WaitFor(() => ManagerTests.IdleWorkers(manager, "opencl") == 1, seconds: 60);
        }

        var log = Path.Combine(Path.GetTempPath(), $"ava-migrate-{Environment.ProcessId}-{to}.log");
        File.Delete(log);
        try
        {
            var env = Repo.GuestEnv(manager.Socket, library: Repo.OpenClLib);
            env["AVA_RECORD_REPLAY"] = "1";
            env["AVA_LOG"] = log;
            using var guest = Repo.Start(Repo.OpenClProgram("move_hold"), [], env, input: true);
            var before = ReadUntilReady(guest);

            var (session, worker) = Tenant(manager);
            if (to == "pooled")
            {
                // The guest took the pooled worker there was; the pool refills, and the move takes the next.
                ManagerTests.WaitFor(() => ManagerTests.IdleWorkers(manager, "opencl") == 1, seconds: 60);
            }

            var target = to == "new" ? "new" : IdlePid(manager, "opencl").ToString(System.Globalization.CultureInfo.InvariantCulture);
            var move = Task.Run(() => Repo.Run(Repo.Ava, ["migrate", session, "--to", target, "--manager", manager.Socket], TokenEnv(manager), TimeSpan.FromSeconds(90)));

            // The guest moves at its next call: let it make one once it has been asked.
            ManagerTests.WaitFor(() => File.Exists(log) && File.ReadAllText(log).Contains("asks this process to move", StringComparison.Ordinal), seconds: 30);
            guest.StandardInput.WriteLine("go");
            guest.StandardInput.Close();
            var after = guest.StandardOutput.ReadToEnd();
            Assert.True(guest.WaitForExit(60_000), "the program did not finish");

            var (code, stdout, stderr) = await move;
            Assert.True(code == 0, $"ava migrate exit {code}: {stdout}{stderr}\n{File.ReadAllText(log)}");
            Assert.Contains($"from worker {worker} to worker", stdout, StringComparison.Ordinal);
            if (to != "new")
            {
                Assert.EndsWith($"to worker {target}", stdout.Trim(), StringComparison.Ordinal);
            }

            Assert.Equal(0, guest.ExitCode);
            Assert.Equal(Native.Value, before + after);
            Assert.Contains("moved to a new opencl worker", File.ReadAllText(log), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public async Task AvaMigrate_OfAProgramWithoutItsLog_IsRefusedWithTheReason_AndTheProgramRunsOnWhereItWas()
    {
        using var manager = new ManagerProcess();
        var env = Repo.GuestEnv(manager.Socket, library: Repo.OpenClLib);
        using var guest = Repo.Start(Repo.OpenClProgram("move_hold"), [], env, input: true);
        var before = ReadUntilReady(guest);
        var (session, worker) = Tenant(manager);
        var move = Task.Run(() => Repo.Run(Repo.Ava, ["migrate", session, "--to", "new", "--manager", manager.Socket], TokenEnv(manager), TimeSpan.FromSeconds(90)));

        // The request reaches the guest's callback reader at once; its refusal comes at the next call.
        Thread.Sleep(1000);
        guest.StandardInput.WriteLine("go");
        guest.StandardInput.Close();
        var after = guest.StandardOutput.ReadToEnd();
        Assert.True(guest.WaitForExit(60_000));
        var (code, _, stderr) = await move;
        Assert.Equal(1, code);
        Assert.Contains("replay log is off", stderr, StringComparison.Ordinal);
        Assert.Equal(Native.Value, before + after);

        var missing = Repo.Run(Repo.Ava, ["migrate", "123abc", "--to", "new", "--manager", manager.Socket], TokenEnv(manager));
        Assert.Equal(1, missing.Code);
        Assert.Contains("no session 123abc", missing.Err, StringComparison.Ordinal);
        Assert.NotEqual(0, worker);
    }

    /// <summary>Runs move_hold to its end, its line on stdin given at once (natively, or with <paramref name="env"/>).</summary>
    internal static string RunHold(string program, IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        using var process = Repo.Start(program, args, env, input: true);
        process.StandardInput.WriteLine("go");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000));
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    /// <summary>Reads move_hold's output up to its "ready" line (it waits there for stdin).</summary>
    internal static string ReadUntilReady(Process guest)
    {
        var text = new System.Text.StringBuilder();
        while (guest.StandardOutput.ReadLine() is { } line)
        {
            text.Append(line).Append('\n');
            if (line.StartsWith("ready ", StringComparison.Ordinal))
            {
                return text.ToString();
            }
        }

        Assert.Fail($"no ready line: {text}{guest.StandardError.ReadToEnd()}");
        return "";
    }

    private static Dictionary<string, string> TokenEnv(ManagerProcess manager) => new() { ["AVA_TOKEN_FILE"] = manager.Socket + ".token" };

    /// <summary>The one OpenCL tenant's session id (hex, as ava status prints it) and worker pid.</summary>
    private static (string Session, int Worker) Tenant(ManagerProcess manager)
    {
        using var status = JsonDocument.Parse(manager.Status());
        var tenant = status.RootElement.GetProperty("tenants").EnumerateArray().Single(t => t.GetProperty("api").GetString() == "opencl");
        return (tenant.GetProperty("session").GetUInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture), tenant.GetProperty("worker_pid").GetInt32());
    }

    private static int IdlePid(ManagerProcess manager, string api)
    {
        using var status = JsonDocument.Parse(manager.Status());
        return status.RootElement.GetProperty("manager").GetProperty("idle_worker_pids").GetProperty(api)[0].GetInt32();
    }
}
