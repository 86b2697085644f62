using System.Text.Json;

namespace Ava.Tests;

/// <summary>
/// <c>ava profile</c> on real programs that make their calls in known numbers (the avatest <c>ping profile</c> and the
/// OpenCL program <c>profiled</c> on PoCL): every call is counted under its function, sync or async as it travelled,
/// bytes move where buffers do, each call's stages follow one another, and the text report is there too.
/// </summary>
public class ProfileTests
{
    private static readonly string Ping = Path.Combine(Repo.Artifacts, "tests", "avatest", "ping");
    private static readonly string Profiled = Path.Combine(Repo.Artifacts, "tests", "opencl", "profiled");

    /// <summary>Runs <c>ava profile</c> with <paramref name="options"/> and returns the report it wrote and the run.</summary>
    private static (string Report, (int Code, string Out, string Err) Run) Profile(string ava, string[] options, string[] program, Dictionary<string, string>? env = null)
    {
        var output = Path.Combine(Path.GetTempPath(), $"ava-profile-test-{Guid.NewGuid():N}");
        try
        {
            var run = Repo.Run(ava, ["profile", .. options, "--output", output, "--", .. program], env);
            return (File.Exists(output) ? File.ReadAllText(output) : "", run);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static JsonElement Function(JsonElement report, string name)
    {
        foreach (var f in report.GetProperty("functions").EnumerateArray())
        {
            if (f.GetProperty("name").GetString() == name)
            {
                return f;
            }
        }

        throw new Xunit.Sdk.XunitException($"{name} is not in the profile");
    }

    private static long Number(JsonElement f, string property) => f.GetProperty(property).GetInt64();

    private static long Stage(JsonElement f, string stage, string property = "total_ns") => f.GetProperty("stages").GetProperty(stage).GetProperty(property).GetInt64();

    /// <summary>
    /// Each measured stage took no negative time, so the stamps of each call came in the order a call passes them; for a
    /// function whose calls were all synchronous and all paired, the stages add up to exactly what the calls cost the guest.
    /// </summary>
    private static void AssertStagesOrdered(JsonElement f)
    {
        string[] stages = ["marshal", "to_worker", "unmarshal", "execute", "reply", "to_guest"];
        foreach (var stage in stages)
        {
            Assert.True(Stage(f, stage) >= 0, $"{f.GetProperty("name")}: stage {stage} took {Stage(f, stage)} ns");
        }

        var sync = Number(f, "sync");
        if (sync > 0 && Number(f, "async") == 0 && stages.All(s => Stage(f, s, "calls") == sync))
        {
            Assert.Equal(Number(f, "guest_sync_ns"), stages.Sum(s => Stage(f, s)));
        }
    }

    [Fact]
    public void AvaProfile_AvaTestProgram_CountsEachCallByFunctionWithOrderedStages()
    {
        var (text, run) = Profile(Repo.TestAva, ["--json", "--api", "avatest"], [Ping, "profile"]);
        Assert.True(run.Code == 0, $"ava profile exited {run.Code}: {run.Err}");
        Assert.Contains("profile: rc=0 value=50", run.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text);
        var report = document.RootElement;
        Assert.Equal(0, report.GetProperty("exit").GetInt32());
        Assert.Equal(1, report.GetProperty("guest_processes").GetInt32());
        Assert.Equal(1, report.GetProperty("workers").GetInt32());

        // ping makes one at_noop and one at_add before its profile calls.
        var expected = new Dictionary<string, (long Sync, long Async)>
        {
            ["at_noop"] = (100, 0),
            ["at_add"] = (1, 0),
            ["at_in_transfer"] = (4, 0),
            ["at_out_transfer"] = (3, 0),
            ["at_object_create"] = (1, 0),
            ["at_object_add"] = (0, 50),
            ["at_object_get"] = (1, 0),
            ["at_object_release"] = (1, 0),
        };
        foreach (var f in report.GetProperty("functions").EnumerateArray())
        {
            var name = f.GetProperty("name").GetString()!;
            Assert.True(expected.ContainsKey(name), $"{name} was profiled, but ping never calls it");
        }

        foreach (var (name, (sync, async)) in expected)
        {
            var f = Function(report, name);
            Assert.Equal(sync + async, Number(f, "calls"));
            Assert.Equal(sync, Number(f, "sync"));
            Assert.Equal(async, Number(f, "async"));
            Assert.Equal(sync + async, Number(f, "worker_calls"));
            Assert.True(Number(f, "bytes_to_worker") > 0, $"{name}: no bytes to the worker");
            AssertStagesOrdered(f);
        }

        Assert.True(Number(Function(report, "at_in_transfer"), "bytes_to_worker") >= 4L << 20);
        Assert.True(Number(Function(report, "at_out_transfer"), "bytes_from_worker") >= 3L * 64 << 10);
        Assert.True(Number(Function(report, "at_noop"), "bytes_from_worker") < 100L * 256, "a null call's reply is a few slots");
        Assert.Equal(100, Stage(Function(report, "at_noop"), "to_worker", "calls"));
        Assert.Equal(50, Stage(Function(report, "at_object_add"), "async_queue", "calls"));

        // The synchronous calls are all traced to ping's own main, which calls every function itself.
        var callers = report.GetProperty("callers").EnumerateArray().ToList();
        Assert.NotEmpty(callers);
        Assert.All(callers, c => Assert.StartsWith("ping!main+0x", c.GetProperty("frame").GetString(), StringComparison.Ordinal));
        Assert.Equal(100, callers.Where(c => c.GetProperty("function").GetString() == "at_noop").Sum(c => c.GetProperty("calls").GetInt64()));
        Assert.Equal(report.GetProperty("round_trips").GetProperty("sync_calls").GetInt64(), callers.Sum(c => c.GetProperty("calls").GetInt64()));
        Assert.Equal(0, report.GetProperty("round_trips").GetProperty("launches").GetInt64());

        var (table, textRun) = Profile(Repo.TestAva, ["--api", "avatest"], [Ping, "profile"]);
        Assert.Equal(0, textRun.Code);
        Assert.Contains("at_noop", table, StringComparison.Ordinal);
        Assert.Contains("synchronous round trips: 111, no kernel launches", table, StringComparison.Ordinal);
        Assert.Contains("ping!main+0x", table, StringComparison.Ordinal);
    }

    [Fact]
    public void AvaProfile_OpenClProgram_CountsEachCallAndTheRoundTripsPerLaunch()
    {
        // Large reads over the rings, so that their bytes are the channel's to count.
        var (text, run) = Profile(Repo.Ava, ["--json", "--api", "opencl"], [Profiled], new Dictionary<string, string> { ["AVA_CROSS_MEMORY"] = "0" });
        Assert.True(run.Code == 0, $"ava profile exited {run.Code}: {run.Out} {run.Err}");
        Assert.Contains("profiled: err=0 mismatches=0", run.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text);
        var report = document.RootElement;
        var expected = new Dictionary<string, long>
        {
            ["clGetPlatformIDs"] = 1,
            ["clGetDeviceIDs"] = 1,
            ["clGetDeviceInfo"] = 5,
            ["clCreateContext"] = 1,
            ["clCreateCommandQueue"] = 1,
            ["clCreateProgramWithSource"] = 1,
            ["clBuildProgram"] = 1,
            ["clCreateKernel"] = 1,
            ["clCreateBuffer"] = 3,
            ["clEnqueueWriteBuffer"] = 2,
            ["clSetKernelArg"] = 60,
            ["clEnqueueNDRangeKernel"] = 20,
            ["clFinish"] = 1,
            ["clEnqueueReadBuffer"] = 1,
            ["clReleaseMemObject"] = 3,
            ["clReleaseKernel"] = 1,
            ["clReleaseProgram"] = 1,
            ["clReleaseCommandQueue"] = 1,
            ["clReleaseContext"] = 1,
        };
        foreach (var (name, calls) in expected)
        {
            var f = Function(report, name);
            Assert.Equal(calls, Number(f, "calls"));
            Assert.Equal(calls, Number(f, "sync") + Number(f, "async") + Number(f, "kept"));
            AssertStagesOrdered(f);
        }

        // The repeated device query is answered in the guest after the first; launches travel async once the guest can
        // prove them valid (after the real library accepted the first one with these arguments and shape).
        Assert.Equal(4, Number(Function(report, "clGetDeviceInfo"), "kept"));
        Assert.True(Number(Function(report, "clEnqueueNDRangeKernel"), "async") >= 19, "the launches after the first travel async");
        Assert.True(Number(Function(report, "clEnqueueWriteBuffer"), "bytes_to_worker") >= 2L << 20);
        Assert.True(Number(Function(report, "clEnqueueReadBuffer"), "bytes_from_worker") >= 1L << 20);
        var roundTrips = report.GetProperty("round_trips");
        Assert.Equal(20, roundTrips.GetProperty("launches").GetInt64());
        Assert.Equal(roundTrips.GetProperty("sync_calls").GetInt64() / 20.0, roundTrips.GetProperty("per_launch").GetDouble(), 6);
        Assert.Contains(report.GetProperty("callers").EnumerateArray(), c => c.GetProperty("frame").GetString()!.StartsWith("profiled", StringComparison.Ordinal));
    }
}
