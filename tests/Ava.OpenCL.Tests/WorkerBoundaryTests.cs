using System.Diagnostics;
using System.Globalization;
using Ava.Tests;

namespace Ava.OpenCL.Tests;

/// <summary>
/// What a guest can make the worker do at its edges: hand the real library kernel argument values that are no objects
/// of its own, leave it objects that failed to be made, or leave it running a kernel that never ends.
/// </summary>
public class WorkerBoundaryTests
{
    private static readonly string Programs = Path.Combine(Repo.Artifacts, "tests", "opencl");

    [Theory]
    [InlineData("UNIX")]
    [InlineData("SHM")]
    public void ContextQueue_WithContextsThatFailedToBeMade_WorkerExitsCleanlyEveryTime(string channel)
    {
        // PoCL returns a context with CL_DEVICE_NOT_FOUND for a device type it lacks; the worker once kept it as the
        // guest's and released it at teardown, which aborts in PoCL.
        var path = Path.Combine(Programs, "context_queue");
        var native = Repo.Run(path, []);
        Assert.Equal(0, native.Code);
        for (var round = 0; round < 5; round++)
        {
            var log = Path.Combine(Path.GetTempPath(), $"ava-teardown-{Environment.ProcessId}-{channel}-{round}.log");
            try
            {
                var remoted = Repo.Run(Repo.Ava, ["run", "--channel", channel, "--", path], new Dictionary<string, string> { ["AVA_LOG"] = log });
                Assert.Equal(native.Out, remoted.Out);
                Assert.Equal(native.Code, remoted.Code);
                // The worker writes its last line once everything the guest held is released: it got through.
                var text = WaitForLine(log, " done: ");
                Assert.DoesNotContain("Assertion", remoted.Err + text, StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(log);
            }
        }
    }

    [Fact]
    public void HostileKernelArguments_ThroughTheWorker_GetTheLibrarysErrorsAndTheKernelStillRuns()
    {
        // Natively each of these values makes PoCL follow a pointer the application chose; the worker answers them.
        var expected = File.ReadAllText(Path.Combine(Repo.Root, "tests", "OpenCL", "programs", "hostile_args.expected"));
        foreach (var channel in new[] { "LOCAL", "UNIX" })
        {
            var remoted = Repo.Run(Repo.Ava, ["run", "--channel", channel, "--", Path.Combine(Programs, "hostile_args")]);
            Assert.Equal(expected, remoted.Out);
            Assert.Equal(0, remoted.Code);
        }
    }

    [Fact]
    public void SpinningKernel_GuestKilledInClFinish_WorkerExitsWithinTheTeardownBound()
    {
        // The kernel is running in the worker, and the guest is in clFinish when it dies.
        var gone = KillGuestWhileItWaits(["run", "--", Path.Combine(Programs, "spin")], new() { ["AVA_TEARDOWN_SECONDS"] = "2" }, TimeSpan.FromSeconds(15));
        Assert.True(gone < TimeSpan.FromSeconds(2 + 5), $"worker took {gone.TotalSeconds:F1} s");
    }

    [Fact]
    public void SpinningKernel_PastTheCallLimit_EndsTheWorker_AndTheGuestGetsAnErrorInsteadOfWaitingForEver()
    {
        var remoted = Repo.Run(Repo.Ava, ["run", "--", Path.Combine(Programs, "spin")], new Dictionary<string, string> { ["AVA_CALL_SECONDS"] = "2" });
        Assert.EndsWith(" waiting\nclFinish -> CL_OUT_OF_RESOURCES (-5)\n", remoted.Out, StringComparison.Ordinal);
        Assert.Equal(1, remoted.Code);
    }

    [Theory]
    [InlineData("LOCAL")]
    [InlineData("UNIX")]
    public void BlockingReadBehindAnUnsetUserEvent_GuestKilled_WorkerFailsTheEventAndExitsAtOnce(string channel)
    {
        // The teardown bound is long: only the worker's failing of the user event can end the wait in time. The read
        // is in the worker, behind the event, when the guest dies.
        var log = Path.Combine(Path.GetTempPath(), $"ava-user-event-{Environment.ProcessId}-{channel}.log");
        try
        {
            var gone = KillGuestWhileItWaits(
                ["run", "--channel", channel, "--", Path.Combine(Programs, "user_event_wait")],
                new() { ["AVA_TEARDOWN_SECONDS"] = "120", ["AVA_LOG"] = log },
                TimeSpan.FromSeconds(30));
            Assert.True(gone < TimeSpan.FromSeconds(10), $"worker took {gone.TotalSeconds:F1} s");
            var text = WaitForLine(log, " done: ");
            Assert.DoesNotContain("still in the real library", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(log);
        }
    }

    /// <summary>
    /// Runs <c>ava</c> with <paramref name="arguments"/> until the program prints "PID waiting", kills the program there
    /// and returns how long its worker took to exit; fails when the worker still runs after <paramref name="patience"/>.
    /// </summary>
    private static TimeSpan KillGuestWhileItWaits(string[] arguments, Dictionary<string, string> environment, TimeSpan patience)
    {
        var start = new ProcessStartInfo(Repo.Ava) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var run = Process.Start(start)!;
        var worker = 0;
        try
        {
            string? line;
            while ((line = run.StandardOutput.ReadLine()) is not null && !line.EndsWith(" waiting", StringComparison.Ordinal))
            {
            }

            Assert.NotNull(line);
            var guest = int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
            worker = WorkerOf(guest);
            Assert.True(worker > 0, "the guest's worker was not found");

            Thread.Sleep(500);
            Process.GetProcessById(guest).Kill();
            var gone = Stopwatch.StartNew();
            while (Exists(worker) && gone.Elapsed < patience)
            {
                Thread.Sleep(100);
            }

            Assert.False(Exists(worker), $"worker {worker} still runs {gone.Elapsed.TotalSeconds:F1} s after its guest was killed");
            return gone.Elapsed;
        }
        finally
        {
            if (worker > 0 && Exists(worker))
            {
                Process.GetProcessById(worker).Kill();
            }

            run.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The worker the guest library started: a child of the guest running <c>ava worker</c>.</summary>
    private static int WorkerOf(int guest)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) == guest
                    && ReadOrEmpty(Path.Combine(directory, "cmdline")).Contains("worker", StringComparison.Ordinal))
                {
                    return pid;
                }
            }

            Thread.Sleep(50);
        }

        return 0;
    }

    private static int ParentOf(int pid)
    {
        // /proc/PID/stat: "pid (comm) state ppid ...", where comm may hold spaces: fields count from the last ')'.
        // A process that ended since /proc was listed has no stat left to read.
        var stat = ReadOrEmpty($"/proc/{pid}/stat");
        var end = stat.LastIndexOf(')');
        if (end < 0 || end + 2 > stat.Length)
        {
            return 0;
        }

        var fields = stat[(end + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var parent) ? parent : 0;
    }

    /// <summary>Whether the process is there and not a zombie waiting to be reaped.</summary>
    private static bool Exists(int pid)
    {
        var stat = ReadOrEmpty($"/proc/{pid}/stat");
        return stat.Length > 0 && stat[(stat.LastIndexOf(')') + 2)] != 'Z';
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>The worker writes its last lines after the guest has gone: the log, once it holds <paramref name="line"/>.</summary>
    private static string WaitForLine(string log, string line)
    {
        var deadline = Stopwatch.StartNew();
        var text = "";
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            text = File.Exists(log) ? File.ReadAllText(log) : "";
            if (text.Contains(line, StringComparison.Ordinal))
            {
                return text;
            }

            Thread.Sleep(50);
        }

        Assert.Fail($"the worker's log never said '{line}':\n{text}");
        return text;
    }
}
