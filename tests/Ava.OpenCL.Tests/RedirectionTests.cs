using Ava.Tests;
using Ava.Transport.Native;

namespace Ava.OpenCL.Tests;

/// <summary>
/// Under <c>ava run</c> every way a program can reach the OpenCL library reaches our drop-in and its worker: the
/// linked SONAME, dlopen of the development name, of the versioned name and of the system library's absolute path,
/// and OpenCV's own loader. And a bad pointer crashes the program as natively.
/// </summary>
public class RedirectionTests
{
    private const string SystemLibrary = "/usr/lib/x86_64-linux-gnu/libOpenCL.so.1";
    private static readonly string DlopenWays = Path.Combine(Repo.Artifacts, "tests", "opencl", "dlopen_ways");
    private static readonly string BadPointer = Path.Combine(Repo.Artifacts, "tests", "opencl", "bad_pointer");
    private static readonly string OpencvProbe = Path.Combine(Repo.Artifacts, "tests", "opencl-apps", "opencv_probe");

    /// <summary>Runs a command with AVA_LOG to a file; returns its result and whether a worker served OpenCL.</summary>
    private static ((int Code, string Out, string Err) Run, bool Served) RunLogged(string program, IEnumerable<string> args)
    {
        var log = Path.Combine(Path.GetTempPath(), $"ava-redirect-{Guid.NewGuid():N}.log");
        try
        {
            var run = Repo.Run(program, args, new Dictionary<string, string> { ["AVA_LOG"] = log }, TimeSpan.FromSeconds(60));
            var served = File.Exists(log) && File.ReadLines(log).Any(l => l.Contains("] serving opencl", StringComparison.Ordinal));
            return (run, served);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Theory]
    [InlineData("libOpenCL.so")]
    [InlineData("libOpenCL.so.1")]
    [InlineData(SystemLibrary)]
    public void Dlopen_UnderAvaRun_ReachesTheDropInAndItsWorker(string name)
    {
        var native = Repo.Run(DlopenWays, [name]);
        Assert.Equal(0, native.Code);
        Assert.DoesNotContain(Repo.Artifacts, native.Out, StringComparison.Ordinal);
        var (remoted, served) = RunLogged(Repo.Ava, ["run", "--", DlopenWays, name]);
        Assert.Equal(0, remoted.Code);
        Assert.Equal($"{name} -> {Repo.Lib("libOpenCL.so.1")} status=0 platforms=1\n", remoted.Out);
        Assert.True(served, "no worker served OpenCL");
        Assert.Equal(native.Out[native.Out.IndexOf("status=", StringComparison.Ordinal)..], remoted.Out[remoted.Out.IndexOf("status=", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void Dlopen_EveryWayInOneProgram_GetsTheOneDropIn()
    {
        var remoted = Repo.Run(Repo.Ava, ["run", "--", DlopenWays, "libOpenCL.so", "libOpenCL.so.1", SystemLibrary]);
        Assert.Equal(0, remoted.Code);
        Assert.All(remoted.Out.Trim().Split('\n'), l => Assert.Contains($" -> {Repo.Lib("libOpenCL.so.1")} status=0", l, StringComparison.Ordinal));
    }

    [Fact]
    public void OpencvOpenClRuntime_UnderAvaRun_GoesThroughTheWorkerAndPrintsTheNativeResult()
    {
        var native = Repo.Run(OpencvProbe, []);
        Assert.Equal(0, native.Code);
        var (remoted, served) = RunLogged(Repo.Ava, ["run", "--", OpencvProbe]);
        Assert.Equal(0, remoted.Code);
        Assert.Equal(native.Out, remoted.Out);
        Assert.True(served, "OpenCV reached OpenCL without our worker");
    }

    [Theory]
    [InlineData("near-output")]
    [InlineData("far-output")]
    [InlineData("far-input")]
    public void BadPointer_NativelyAndRemoted_EndsTheProgramBySigsegv(string mode)
    {
        Assert.Equal(new ChildState(ChildChange.Killed, Signals.SIGSEGV), RunAndWait(BadPointer, [BadPointer, mode], []));
        Assert.Equal(new ChildState(ChildChange.Killed, Signals.SIGSEGV), RunAndWait(BadPointer, [BadPointer, mode], [$"LD_PRELOAD={Repo.Lib("libOpenCL.so.1")}"]));
        Assert.Equal(new ChildState(ChildChange.Killed, Signals.SIGSEGV), RunAndWait(Repo.Ava, [Repo.Ava, "run", "--", BadPointer, mode], []));
    }

    [Theory]
    [InlineData("near-output")]
    [InlineData("far-output")]
    [InlineData("far-input")]
    public void BadPointer_Remoted_PrintsNoDotNetReport(string mode)
    {
        var remoted = Repo.Run(BadPointer, [mode], new Dictionary<string, string> { ["LD_PRELOAD"] = Repo.Lib("libOpenCL.so.1") });
        Assert.Equal(128 + Signals.SIGSEGV, remoted.Code);
        Assert.Equal("before\n", remoted.Out);
        Assert.Equal("", remoted.Err);
    }

    /// <summary>Runs a program with our environment plus <paramref name="extra"/>, and reports how it ended.</summary>
    private static ChildState RunAndWait(string path, string[] argv, string[] extra)
    {
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().Select(e => $"{e.Key}={e.Value}").Concat(extra).ToArray();
        var pid = ProcessSpawner.Spawn(path, argv, environment, []);
        var state = ProcessControl.WaitForChange(pid);
        ProcessControl.Reap(pid);
        return state;
    }
}
