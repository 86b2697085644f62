using System.Diagnostics;
using System.Globalization;

namespace Ava.Tests;

/// <summary>
/// A worker belongs to the guest process that made it and ends with it, whatever descriptors of its connection live
/// on elsewhere: in a forked child, or in the worker itself because the guest passed it both ends of a socket pair.
/// </summary>
public class LifecycleTests
{
    private static readonly string Ping = Path.Combine(Repo.Artifacts, "tests", "avatest", "ping");

    [Theory]
    [InlineData("socketpair")]
    [InlineData("control")]
    public void GuestThatPassedItsWorkerBothEndsOfASocket_Exits_TheWorkerEndsWithIt(string mode)
    {
        var worker = HostileGuest.StartAndAbandonWorker(mode);
        try
        {
            WaitGone(worker, TimeSpan.FromSeconds(10));
        }
        finally
        {
            Kill(worker);
        }
    }

    [Fact]
    public void ForkedChildHoldingTheParentsConnection_ParentExits_TheParentsWorkerEndsWhileTheChildLives()
    {
        var start = new ProcessStartInfo(Ping) { RedirectStandardOutput = true, RedirectStandardInput = true };
        start.ArgumentList.Add("orphan");
        start.Environment["LD_PRELOAD"] = Repo.TestLib("libavatest.so.1");
        using var parent = Process.Start(start)!;
        var child = 0;
        var worker = 0;
        try
        {
            Assert.Equal("at_noop = 0", parent.StandardOutput.ReadLine());
            Assert.Equal("at_add = 0 r=5", parent.StandardOutput.ReadLine());
            var line = parent.StandardOutput.ReadLine();
            Assert.StartsWith("child ", line, StringComparison.Ordinal);
            child = int.Parse(line!["child ".Length..], CultureInfo.InvariantCulture);
            worker = Children(parent.Id).Single(pid => pid != child);
            Assert.Contains("worker", File.ReadAllText($"/proc/{worker}/cmdline"), StringComparison.Ordinal);

            parent.StandardInput.Close();
            Assert.True(parent.WaitForExit(10_000));
            Assert.Equal(0, parent.ExitCode);
            WaitGone(worker, TimeSpan.FromSeconds(10));
            Assert.True(Exists(child), "the child was to outlive its parent's worker");
        }
        finally
        {
            Kill(child);
            Kill(worker);
        }
    }

    private static void WaitGone(int pid, TimeSpan bound)
    {
        var watch = Stopwatch.StartNew();
        while (Exists(pid) && watch.Elapsed < bound)
        {
            Thread.Sleep(50);
        }

        Assert.False(Exists(pid), $"worker {pid} still runs {watch.Elapsed.TotalSeconds:F1} s after its guest left");
    }

    private static IEnumerable<int> Children(int pid) =>
        File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture));

    /// <summary>Whether the process is there and not a zombie waiting to be reaped.</summary>
    private static bool Exists(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void Kill(int pid)
    {
        if (pid > 0 && Exists(pid))
        {
            Transport.Native.LibC.Kill(pid, Transport.Native.Signals.SIGKILL);
        }
    }
}
