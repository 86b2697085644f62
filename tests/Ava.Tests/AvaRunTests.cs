using System.Diagnostics;
using Ava.Transport.Native;

namespace Ava.Tests;

/// <summary>
/// <c>ava run</c> stands in for the program it runs: signals sent to it reach the program, its exit status and its
/// death by a signal are the program's, it takes the program down when killed, and leaves no worker behind.
/// </summary>
public class AvaRunTests
{
    private static readonly string Ping = Path.Combine(Repo.Artifacts, "tests", "avatest", "ping");

    /// <summary>
    /// A shell under ava run that says "ready" once its trap for <paramref name="signal"/> is set, then exits 7 on it.
    /// Spawned with every signal at its default action: a host started as a background job has SIGINT and SIGQUIT
    /// ignored, ava run rightly keeps them so, and a shell cannot trap a signal ignored when it started.
    /// </summary>
    private static (int Pid, StreamReader Output) StartTrapping(string signal)
    {
        var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.In, HandleInheritability.None);
        string[] argv = [Repo.Ava, "run", "--", "/bin/sh", "-c", $"trap 'echo got {signal}; exit 7' {signal}; echo ready; while :; do sleep 0.05; done"];
        var pid = ProcessSpawner.Spawn(Repo.Ava, argv, [((int)pipe.ClientSafePipeHandle.DangerousGetHandle(), 1)]);
        pipe.DisposeLocalCopyOfClientHandle();
        var output = new StreamReader(pipe);
        Assert.Equal("ready", output.ReadLine());
        return (pid, output);
    }

    /// <summary>Waits up to <paramref name="seconds"/> for <paramref name="pid"/> to end; its status, or null when it did not.</summary>
    private static int? TryWaitExit(int pid, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (ProcessSpawner.TryReap(pid, out var status))
            {
                return status;
            }

            Thread.Sleep(20);
        }

        LibC.Kill(pid, Signals.SIGKILL);
        ProcessSpawner.WaitExit(pid);
        return null;
    }

    /// <summary>Runs ava with the arguments and reports how it ended, as its parent's waitid sees it.</summary>
    private static ChildState RunAndWait(params string[] args)
    {
        using var devNull = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Write);
        var pid = ProcessSpawner.Spawn(Repo.Ava, [Repo.Ava, .. args], [((int)devNull.DangerousGetHandle(), 1)]);
        var state = ProcessControl.WaitForChange(pid);
        ProcessControl.Reap(pid);
        return state;
    }

    [Theory]
    [InlineData("TERM", Signals.SIGTERM)]
    [InlineData("INT", Signals.SIGINT)]
    [InlineData("HUP", Signals.SIGHUP)]
    [InlineData("USR1", 10)]
    [InlineData("QUIT", Signals.SIGQUIT)]
    public void AvaRun_SignalSentToAva_ReachesTheProgram(string name, int signal)
    {
        var (pid, output) = StartTrapping(name);
        using (output)
        {
            LibC.Kill(pid, signal);
            var status = TryWaitExit(pid, 10);
            Assert.True(status.HasValue, $"ava run did not end after SIG{name}");
            Assert.Equal($"got {name}", output.ReadLine());
            Assert.Equal(7, status);
        }
    }

    [Fact]
    public void AvaRun_ProgramExits_AvaExitsWithItsStatus()
    {
        Assert.Equal(new ChildState(ChildChange.Exited, 42), RunAndWait("run", "--", "/bin/sh", "-c", "exit 42"));
    }

    [Theory]
    [InlineData(Signals.SIGTERM)]
    [InlineData(Signals.SIGINT)]
    [InlineData(Signals.SIGSEGV)]
    public void AvaRun_ProgramKilledBySignal_AvaDiesOfTheSameSignal(int signal)
    {
        Assert.Equal(new ChildState(ChildChange.Killed, signal), RunAndWait("run", "--", "/bin/sh", "-c", $"kill -{signal} $$"));
    }

    [Fact]
    public void AvaRun_SigKilled_TheProgramDiesToo()
    {
        var start = new ProcessStartInfo(Repo.Ava) { RedirectStandardOutput = true };
        foreach (var a in (string[])["run", "--", "/bin/sh", "-c", "echo $$; exec sleep 60"])
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var program = int.Parse(process.StandardOutput.ReadLine()!, System.Globalization.CultureInfo.InvariantCulture);
        process.Kill();
        process.WaitForExit();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (IsRunning(program) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        Assert.False(IsRunning(program), "the program outlived ava run's SIGKILL");
    }

    [Fact]
    public void AvaRun_StoppedProgram_StopsAvaAndContinuesWithIt()
    {
        // Started with every signal at its default action: a test host may run with job-control signals ignored, and
        // ava run rightly keeps a signal ignored that was ignored when it started.
        var pidFile = Path.Combine(Path.GetTempPath(), $"ava-run-stop-{Guid.NewGuid():N}");
        // In a process group of its own, whose parent (this host) is in another group of the session: the kernel
        // discards SIGTSTP sent to a process of an orphaned group, and this host's group is orphaned when whatever
        // started the test run has already exited (a CI runner's background job), natively as much as through us.
        string[] command = [Repo.Ava, "run", "--", "/bin/sh", "-c", $"echo $$ > {pidFile}.tmp && mv {pidFile}.tmp {pidFile}; exec sleep 60"];
        var ava = ProcessSpawner.Spawn("/usr/bin/python3", ["python3", "-c", "import os, sys; os.setpgid(0, 0); os.execv(sys.argv[1], sys.argv[1:])", .. command], []);
        var reaped = false;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!File.Exists(pidFile) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }

            var program = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            LibC.Kill(ava, 20);
            Assert.True(WaitForState(program, 'T') && WaitForState(ava, 'T'), $"SIGTSTP did not stop the program and ava run: {States(program, ava)}");
            LibC.Kill(ava, Signals.SIGCONT);
            Assert.True(WaitForState(program, 'S') && WaitForState(ava, 'S'), $"SIGCONT did not continue them: {States(program, ava)}");
            LibC.Kill(ava, Signals.SIGTERM);
            Assert.Equal(128 + Signals.SIGTERM, ProcessSpawner.WaitExit(ava));
            reaped = true;
        }
        finally
        {
            if (!reaped)
            {
                LibC.Kill(ava, Signals.SIGKILL);
                ProcessSpawner.WaitExit(ava);
            }

            File.Delete(pidFile);
        }
    }

    [Fact]
    public void AvaRun_AfterTheProgramExits_ItsWorkerIsAlreadyReaped()
    {
        var log = Path.Combine(Path.GetTempPath(), $"ava-run-reap-{Guid.NewGuid():N}.log");
        try
        {
            var run = Repo.Run(Repo.TestAva, ["run", "--api", "avatest", "--", Ping], new Dictionary<string, string> { ["AVA_LOG"] = log });
            Assert.Equal(0, run.Code);
            var line = File.ReadLines(log).First(l => l.Contains("] serving avatest", StringComparison.Ordinal));
            var worker = int.Parse(line.Split(' ', ']')[2], System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(Directory.Exists($"/proc/{worker}"), $"worker {worker} is still there (running or a zombie) after ava run exited");
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public void AvaRun_ByDefault_PreloadsTheRealApisDropInsButNotTheSelfTestLibrary()
    {
        var run = Repo.Run(Repo.Ava, ["run", "--", "/bin/sh", "-c", "echo \"$LD_PRELOAD\""]);
        Assert.Equal(0, run.Code);
        var preloaded = run.Out.Trim().Split(':');
        Assert.Contains(Repo.Lib("libOpenCL.so.1"), preloaded);
        Assert.Contains(Repo.Lib("libcuda.so.1"), preloaded);
        Assert.DoesNotContain(preloaded, p => p.Contains("avatest", StringComparison.Ordinal));
    }

    [Fact]
    public void AvaRun_WithApi_PreloadsOnlyThatApisDropIn()
    {
        var run = Repo.Run(Repo.Ava, ["run", "--api", "opencl", "--", "/bin/sh", "-c", "echo \"$LD_PRELOAD\"; echo \"$AVA_AUDIT_MAP\""]);
        Assert.Equal(0, run.Code);
        Assert.Equal($"{Repo.Lib("libOpenCL.so.1")}\nlibOpenCL.so={Repo.Lib("libOpenCL.so.1")}\n", run.Out);
    }

    [Fact]
    public void AvaRun_WithAnUnknownApi_RefusesToRun()
    {
        var run = Repo.Run(Repo.Ava, ["run", "--api", "nosuchapi", "--", "/bin/true"]);
        Assert.Equal(2, run.Code);
        Assert.Contains("unknown API 'nosuchapi'", run.Err, StringComparison.Ordinal);
    }

    private static bool IsRunning(int pid) => ProcessState(pid) is { } state && state != 'Z';

    private static char? ProcessState(int pid)
    {
        try
        {
            // The state follows the parenthesised command name: "PID (comm) S ...".
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string States(int program, int ava) => $"program {ProcessState(program)}, ava run {ProcessState(ava)}";

    private static bool WaitForState(int pid, char state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (ProcessState(pid) != state)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(20);
        }

        return true;
    }
}
