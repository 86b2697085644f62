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
        var start = new ProcessStartInfo(Repo.Ava) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "run", "--", Path.Combine(Programs, "spin") })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["AVA_TEARDOWN_SECONDS"] = "2";
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

            // The kernel is running in the worker now, and the guest is in clFinish; it dies there.
            Thread.Sleep(500);
            Process.GetProcessById(guest).Kill();
            var gone = Stopwatch.StartNew();
            while (Exists(worker) && gone.Elapsed < TimeSpan.FromSeconds(15))
            {
                Thread.Sleep(100);
            }

            Assert.False(Exists(worker), $"worker {worker} still runs {gone.Elapsed.TotalSeconds:F1} s after its guest was killed");
            Assert.True(gone.Elapsed < TimeSpan.FromSeconds(2 + 5), $"worker took {gone.Elapsed.TotalSeconds:F1} s");
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
        // The teardown bound is long: only the worker's failing of the user event can end the wait in time.
        var log = Path.Combine(Path.GetTempPath(), $"ava-user-event-{Environment.ProcessId}-{channel}.log");
        var start = new ProcessStartInfo(Repo.Ava) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "run", "--channel", channel, "--", Path.Combine(Programs, "user_event_wait") })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["AVA_TEARDOWN_SECONDS"] = "120";
        start.Environment["AVA_LOG"] = log;
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

            // The read is in the worker now, behind the event; the guest dies there.
            Thread.Sleep(500);
            Process.GetProcessById(guest).Kill();
            var gone = Stopwatch.StartNew();
            while (Exists(worker) && gone.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(100);
            }

            Assert.False(Exists(worker), $"worker {worker} still runs {gone.Elapsed.TotalSeconds:F1} s after its guest was killed");
            Assert.True(gone.Elapsed < TimeSpan.FromSeconds(10), $"worker took {gone.Elapsed.TotalSeconds:F1} s");
            var text = WaitForLine(log, " done: ");
            Assert.DoesNotContain("still in the real library", text, StringComparison.Ordinal);
        }
        finally
        {
            if (worker > 0 && Exists(worker))
            {
                Process.GetProcessById(worker).Kill();
            }

            run.Kill(entireProcessTree: true);
            File.Delete(log);
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
        var stat = ReadOrEmpty($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
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
