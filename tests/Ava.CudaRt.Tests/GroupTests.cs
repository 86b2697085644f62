using System.Text.RegularExpressions;

namespace Ava.Tests;

/// <summary>
/// The CUDA API group: with both our drop-ins loaded (libcuda.so.1 and libcudart.so.13) one worker serves both APIs of
/// the process, with one handle table and one worker thread per guest thread, as the real runtime and driver share one
/// set of objects and one current context. Natively the programs run against the runtime double built over the driver
/// double (tests/CudaRtDouble/cudart_over_driver.c); remoted, the worker loads the same two as the real libraries.
/// </summary>
public partial class GroupTests
{
    private static readonly string Driver = Path.Combine(Repo.Artifacts, "tests", "cuda");
    private static readonly string Runtime = Path.Combine(Repo.Artifacts, "tests", "cudart");

    private static Dictionary<string, string> Both(string log, string runtime) => new(StringComparer.Ordinal)
    {
        ["LD_PRELOAD"] = $"{Repo.Lib("libcuda.so.1")}:{Repo.Lib("libcudart.so.13")}",
        ["AVA_REAL_CUDA"] = Path.Combine(Driver, "libcudadouble.so"),
        ["AVA_REAL_CUDART"] = runtime,
        ["AVA_LOG"] = log,
    };

    private static string TempLog() => Path.Combine(Path.GetTempPath(), $"cuda-group-{Guid.NewGuid():N}.log");

    [GeneratedRegex(@"connected to (\w+) worker pid (\d+)")]
    private static partial Regex Connected();

    /// <summary>The workers the guest libraries connected to, as AVA_LOG names them: (API, pid).</summary>
    private static List<(string Api, string Pid)> Workers(string log) =>
        [.. Connected().Matches(File.ReadAllText(log)).Select(m => (m.Groups[1].Value, m.Groups[2].Value))];

    [Fact]
    public void MixedProgram_ThroughBothDropIns_PrintsTheNativeTranscript_ServedByOneWorker()
    {
        var program = Path.Combine(Driver, "mixed_apis");
        var native = Repo.Run(program, []);
        Assert.Equal(0, native.Code);
        Assert.Contains("cuCtxGetCurrent after cudaSetDevice: set", native.Out, StringComparison.Ordinal);
        Assert.Contains("vec_add on the runtime's stream: sum 1498500.0, c[999] 2997.0, elapsed 0.5 ms", native.Out, StringComparison.Ordinal);

        var log = TempLog();
        try
        {
            var remoted = Repo.Run(program, [], Both(log, Path.Combine(Driver, "libcudartgroup.so")), TimeSpan.FromSeconds(60));
            Assert.Equal(0, remoted.Code);
            Assert.Equal(native.Out, remoted.Out);

            // One worker for the process: the driver's library connected, the runtime's joined its connection.
            var text = File.ReadAllText(log);
            Assert.Equal([("cuda", Workers(log).Single().Pid)], Workers(log));
            Assert.Contains("cudart: calls travel on the cuda group's connection as member 1", text, StringComparison.Ordinal);
            Assert.Contains("cudart joined as member 1 of group cuda", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public void DriverAnswersKeptBesideTheRuntime_AreAskedAgainAfterTheRuntimeCallsThatChangeThem_AndOnlyThen()
    {
        // cuCtxGetCurrent, cuCtxGetDevice, cuDevicePrimaryCtxGetState and cuKernelGetFunction are kept in the driver's
        // guest per its states; runtime calls change them in the worker: cudaSetDevice, cudaDeviceReset on another
        // thread, and the runtime's lazy initialisation (cudaGetDevice initialises in the double, and the spec does
        // not claim it cannot), between cuCtxSetCurrent and cuCtxCreate on several threads.
        var program = Path.Combine(Driver, "rt_states");
        var native = Repo.Run(program, []);
        Assert.Equal(0, native.Code);
        Assert.DoesNotContain("repeats agree NO", native.Out, StringComparison.Ordinal);
        Assert.Contains("after cudaGetDevice                      current primary", native.Out, StringComparison.Ordinal);
        Assert.Contains("after cudaDeviceReset elsewhere          current none     (status 0, repeats agree yes), device status 201 value -1, primary status 0 active 0", native.Out, StringComparison.Ordinal);
        Assert.Contains("steady rounds agreeing: 50 of 50", native.Out, StringComparison.Ordinal);

        var log = TempLog();
        var output = Path.Combine(Path.GetTempPath(), $"ava-rt-states-profile-{Guid.NewGuid():N}");
        try
        {
            var remoted = Repo.Run(program, [], Both(log, Path.Combine(Driver, "libcudartgroup.so")), TimeSpan.FromSeconds(60));
            Assert.Equal(0, remoted.Code);
            Assert.Equal(native.Out, remoted.Out);
            Assert.Equal("cuda", Workers(log).Single().Api);

            // The same through the profiler, which counts the driver's answers kept in its guest.
            var env = Both(log, Path.Combine(Driver, "libcudartgroup.so"));
            env.Remove("LD_PRELOAD");
            var run = Repo.Run(Repo.Ava, ["profile", "--json", "--api", "cuda", "--api", "cudart", "--output", output, "--", program], env, TimeSpan.FromSeconds(60));
            Assert.True(run.Code == 0, run.Err);
            Assert.Equal(native.Out, run.Out);
            using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(output));
            long Kept(string name) => report.RootElement.GetProperty("functions").EnumerateArray()
                .Single(f => f.GetProperty("name").GetString() == name).GetProperty("kept").GetInt64();

            // The steady loop alone (50 rounds of cudaMalloc, cuCtxGetCurrent, cuKernelGetFunction, cudaFree,
            // cuCtxGetDevice on a thread whose context the runtime has in use) is answered in the guest after its first
            // round; the reports' repeats are too. A record of the runtime that forgot every kept answer would leave
            // cuKernelGetFunction none.
            Assert.True(Kept("cuKernelGetFunction") >= 49, $"cuKernelGetFunction: {Kept("cuKernelGetFunction")} answered in the guest");
            Assert.True(Kept("cuCtxGetDevice") >= 49, $"cuCtxGetDevice: {Kept("cuCtxGetDevice")} answered in the guest");
            Assert.True(Kept("cuCtxGetCurrent") >= 49 + (22 * 10), $"cuCtxGetCurrent: {Kept("cuCtxGetCurrent")} answered in the guest");
        }
        finally
        {
            File.Delete(log);
            File.Delete(output);
        }
    }

    [Fact]
    public void RuntimeKernelHandles_AreTheDriversObjects_ThroughBothDropIns_PrintTheNativeTranscript()
    {
        // cudaGetKernel and cudaGetFuncBySymbol answer the real runtime's handles, which the driver's calls take:
        // cuKernelGetFunction of the runtime's kernel is the runtime's function, which cuLaunchKernel launches.
        var program = Path.Combine(Driver, "kernel_handles");
        var native = Repo.Run(program, []);
        Assert.Equal(0, native.Code);
        Assert.Contains("cuKernelGetFunction(runtime's kernel) = 0, the runtime's function: yes", native.Out, StringComparison.Ordinal);
        Assert.Contains("vec_add: sum 130560.0, c[255] 1020.0", native.Out, StringComparison.Ordinal);

        var log = TempLog();
        try
        {
            var remoted = Repo.Run(program, [], Both(log, Path.Combine(Driver, "libcudartgroup.so")), TimeSpan.FromSeconds(60));
            Assert.Equal(0, remoted.Code);
            Assert.Equal(native.Out, remoted.Out);
            Assert.Equal("cuda", Workers(log).Single().Api);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public void AvaRun_WithBothApis_PreloadsBothDropIns_AndOneWorkerServesThem()
    {
        var program = Path.Combine(Driver, "mixed_apis");
        var native = Repo.Run(program, []);
        var log = TempLog();
        try
        {
            var env = Both(log, Path.Combine(Driver, "libcudartgroup.so"));
            env.Remove("LD_PRELOAD");
            var run = Repo.Run(Repo.Ava, ["run", "--api", "cuda", "--api", "cudart", "--", program], env, TimeSpan.FromSeconds(60));
            Assert.Equal(0, run.Code);
            Assert.Equal(native.Out, run.Out);
            Assert.Equal("cuda", Workers(log).Single().Api);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public void ThroughTheManager_TheWorkerItHandsOutTakesTheRuntimesJoin()
    {
        var program = Path.Combine(Driver, "mixed_apis");
        var native = Repo.Run(program, []);
        var folder = Directory.CreateTempSubdirectory("cuda-group-manager-").FullName;
        var socket = Path.Combine(folder, "sock");
        var log = Path.Combine(folder, "guest.log");
        var start = new System.Diagnostics.ProcessStartInfo(Repo.Ava) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var word in new[] { "manager", "--listen", socket })
        {
            start.ArgumentList.Add(word);
        }

        start.Environment["AVA_REAL_CUDA"] = Path.Combine(Driver, "libcudadouble.so");
        start.Environment["AVA_REAL_CUDART"] = Path.Combine(Driver, "libcudartgroup.so");
        start.Environment["AVA_LOG"] = log;
        using var manager = System.Diagnostics.Process.Start(start)!;
        try
        {
            for (var i = 0; i < 200 && !File.Exists(socket + ".token"); i++)
            {
                Thread.Sleep(50);
            }

            var env = Both(log, Path.Combine(Driver, "libcudartgroup.so"));
            env["AVA_MANAGER_ADDR"] = socket;
            var run = Repo.Run(program, [], env, TimeSpan.FromSeconds(60));
            Assert.Equal(0, run.Code);
            Assert.Equal(native.Out, run.Out);
            var worker = Workers(log).Single();
            Assert.Equal("cuda", worker.Api);
            Assert.Contains($"admitted by the manager at {socket}: session", File.ReadAllText(log), StringComparison.Ordinal);
            Assert.Contains($": worker {worker.Pid}", File.ReadAllText(log), StringComparison.Ordinal);
            Assert.Contains("cudart joined as member 1 of group cuda", File.ReadAllText(log), StringComparison.Ordinal);
        }
        finally
        {
            manager.Kill(entireProcessTree: true);
            manager.WaitForExit();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("runtime_api")]
    [InlineData("memory")]
    public void RuntimePrograms_ThroughTheGroup_PrintTheirNativeTranscripts(string name)
    {
        // Registration, launches by host stub, host callbacks and 50 MB copies streamed both ways, all handed from the
        // runtime's library to the driver's connection.
        var program = Path.Combine(Runtime, name);
        var native = Repo.Run(program, []);
        Assert.Equal(0, native.Code);
        var log = TempLog();
        try
        {
            var remoted = Repo.Run(program, [], Both(log, Path.Combine(Runtime, "libcudartdouble.so")), TimeSpan.FromSeconds(90));
            Assert.Equal(0, remoted.Code);
            Assert.Equal(native.Out, remoted.Out);
            Assert.Equal("cuda", Workers(log).Single().Api);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public void TheRuntimeAlone_KeepsAWorkerOfItsOwn()
    {
        var program = Path.Combine(Runtime, "runtime_api");
        var log = TempLog();
        try
        {
            var env = Both(log, Path.Combine(Runtime, "libcudartdouble.so"));
            env["LD_PRELOAD"] = Repo.Lib("libcudart.so.13");
            var remoted = Repo.Run(program, [], env, TimeSpan.FromSeconds(60));
            Assert.Equal(0, remoted.Code);
            Assert.Equal("cudart", Workers(log).Single().Api);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public void OpenClAndCuda_InOneProcess_KeepSeparateWorkers()
    {
        var program = Path.Combine(Driver, "opencl_and_cuda");
        var native = Repo.Run(program, []);
        Assert.Equal(0, native.Code);
        var log = TempLog();
        try
        {
            var env = Both(log, Path.Combine(Driver, "libcudartgroup.so"));
            env["LD_PRELOAD"] = $"{Repo.Lib("libcuda.so.1")}:{Repo.Lib("libOpenCL.so.1")}";
            var remoted = Repo.Run(program, [], env, TimeSpan.FromSeconds(60));
            Assert.Equal(0, remoted.Code);
            Assert.Equal(native.Out, remoted.Out);
            Assert.Contains("OpenCL: 0, platforms found: yes", remoted.Out, StringComparison.Ordinal);
            var workers = Workers(log);
            Assert.Equal(["cuda", "opencl"], workers.Select(w => w.Api).Order(StringComparer.Ordinal));
            Assert.NotEqual(workers[0].Pid, workers[1].Pid);
        }
        finally
        {
            File.Delete(log);
        }
    }
}
