using Ava.Tests;

namespace Ava.OpenCL.Tests;

/// <summary>Each C test program (tests/OpenCL/programs) prints the same transcript natively and through ava.</summary>
public class OpenClProgramTests
{
    private static readonly string Programs = Path.Combine(Repo.Artifacts, "tests", "opencl");

    public static TheoryData<string> ProgramNames() => new(ProgramList.Matching);

    public static TheoryData<string> SynchronousProgramNames() => new(ProgramList.MatchingWhenSynchronous);

    [Theory]
    [MemberData(nameof(ProgramNames))]
    public void Program_ThroughAvaRun_PrintsTheNativeTranscript(string program)
    {
        var path = Path.Combine(Programs, program);
        var native = Repo.Run(path, []);
        Assert.Equal(0, native.Code);
        var remoted = Repo.Run(Repo.Ava, ["run", "--", path]);
        Assert.Equal(native.Out, remoted.Out);
        Assert.Equal(0, remoted.Code);
    }

    [Theory]
    [MemberData(nameof(SynchronousProgramNames))]
    public void ErrorCheckingProgram_WithSynchronousCalls_PrintsTheNativeTranscript(string program)
    {
        var path = Path.Combine(Programs, program);
        var native = Repo.Run(path, []);
        Assert.Equal(0, native.Code);
        var remoted = Repo.Run(Repo.Ava, ["run", "--", path], new Dictionary<string, string> { ["AVA_SYNC_CALLS"] = "1" });
        Assert.Equal(native.Out, remoted.Out);
        Assert.Equal(0, remoted.Code);
    }

    [Fact]
    public void PlatformDevice_Remoted_DiffersOnlyInTheNativeKernelCapability()
    {
        var path = Path.Combine(Programs, "platform_device");
        var native = Repo.Run(path, []).Out.Split('\n');
        var remoted = Repo.Run(Repo.Ava, ["run", "--", path]).Out.Split('\n');
        Assert.Equal(native.Length, remoted.Length);
        // The transcript prints a query's name on one line and its value on the next.
        var differing = Enumerable.Range(1, native.Length - 1).Where(i => native[i] != remoted[i]).ToList();
        Assert.True(differing.Count <= 1, string.Join("\n", differing.Select(i => $"{native[i]} | {remoted[i]}")));
        Assert.All(differing, i => Assert.Contains("CL_DEVICE_EXECUTION_CAPABILITIES", native[i - 1], StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ProgramNames))]
    public void Program_OverTheUnixChannel_PrintsTheNativeTranscript(string program)
    {
        var path = Path.Combine(Programs, program);
        var native = Repo.Run(path, []);
        var remoted = Repo.Run(Repo.Ava, ["run", "--channel", "UNIX", "--", path]);
        Assert.Equal(native.Out, remoted.Out);
    }

    [Fact]
    public void Clinfo_Remoted_ListsTheSameDevicesWithTheSameProperties()
    {
        var native = Repo.Run("clinfo", []);
        Assert.Equal(0, native.Code);
        var remoted = Repo.Run(Repo.Ava, ["run", "--", "clinfo"]);
        Assert.Equal(0, remoted.Code);
        var nativeLines = Normalize(native.Out).Split('\n');
        var remotedLines = Normalize(remoted.Out).Split('\n');
        Assert.Equal(nativeLines.Length, remotedLines.Length);

        // Shared virtual memory and native kernels cannot cross processes: the remoted device reports them
        // absent, as a conformant OpenCL 3.0 device without those optional features does. Nothing else differs.
        string[] absentFeatures = ["buffer sharing", "Atomics", "Run native kernels"];
        var differing = nativeLines.Zip(remotedLines).Where(pair => pair.First != pair.Second).ToList();
        Assert.All(differing, pair => Assert.Contains(absentFeatures, feature => pair.First.Contains(feature, StringComparison.Ordinal)));
        Assert.All(differing, pair => Assert.EndsWith("No", pair.Second.TrimEnd(), StringComparison.Ordinal));
    }

    [Fact]
    public void Clpeak_Remoted_MeasuresGlobalBandwidthOnTheRealDevice()
    {
        var remoted = Repo.Run(Repo.Ava, ["run", "--", "clpeak", "--global-bandwidth"], timeout: TimeSpan.FromMinutes(5));
        Assert.Equal(0, remoted.Code);
        Assert.Contains("Platform: Portable Computing Language", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("Global memory bandwidth (GBPS)", remoted.Out, StringComparison.Ordinal);
        Assert.Matches(@"float16 : \d+\.\d+", remoted.Out);
    }

    [Fact]
    public void Pyopencl_Remoted_BuildsAndRunsAKernelWithCorrectResults()
    {
        var script = Path.Combine(Repo.Root, "tests", "OpenCL", "programs", "pyopencl_smoke.py");
        // Debian's python3 has pyopencl and numpy (python3-pyopencl); another python3 first on PATH may not.
        var native = Repo.Run("/usr/bin/python3", [script]);
        Assert.Equal(0, native.Code);
        var remoted = Repo.Run(Repo.Ava, ["run", "--", "/usr/bin/python3", script]);
        Assert.Equal(0, remoted.Code);
        Assert.Equal(native.Out, remoted.Out);
        Assert.Contains("PASS", remoted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void KernelLoop_Remoted_TravelsAsyncExceptForTheFirstCallOfEachShape()
    {
        // nw: two buffers written non-blocking, thousands of argument updates and launches, one blocking read per
        // pair. The guest proves each call valid from the first accepted one of its shape; the rest need no round
        // trip. The worker's exit line counts both.
        var log = Path.Combine(Path.GetTempPath(), $"ava-async-{Environment.ProcessId}.log");
        try
        {
            var run = Repo.Run(Repo.Ava, ["run", "--", Path.Combine(Repo.Artifacts, "workloads", "nw"), "0.2"], new Dictionary<string, string> { ["AVA_LOG"] = log });
            Assert.Equal(0, run.Code);
            Assert.Contains("PASS", run.Out, StringComparison.Ordinal);
            var done = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(log), @"done: (\d+) calls, (\d+) async, 0 rejected");
            Assert.True(done.Success, File.ReadAllText(log));
            var calls = long.Parse(done.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var async = long.Parse(done.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(calls > 500, $"{calls} calls");
            Assert.True(async >= calls * 0.95, $"{async} of {calls} calls async");
        }
        finally
        {
            File.Delete(log);
        }
    }

    private static string Normalize(string text) => text.Replace("\r", "", StringComparison.Ordinal);
}
