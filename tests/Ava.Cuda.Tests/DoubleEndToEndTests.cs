namespace Ava.Tests;

/// <summary>
/// The CUDA drop-in against the CPU test double of the driver API: the same C program prints the same natively and
/// remoted. The double checks marshaling, handles, per-thread contexts and async copies, not CUDA itself (that is
/// tests/Cuda/gpu-proof.sh, on a machine with a GPU).
/// </summary>
public class DoubleEndToEndTests
{
    private static readonly string Folder = Path.Combine(Repo.Artifacts, "tests", "cuda");
    private static readonly string Program = Path.Combine(Folder, "driver_api");

    private static Dictionary<string, string> Remoted(string? log = null)
    {
        var env = new Dictionary<string, string>
        {
            ["LD_PRELOAD"] = Repo.Lib("libcuda.so.1"),
            ["AVA_REAL_CUDA"] = Path.Combine(Folder, "libcudadouble.so"),
        };
        if (log is not null)
        {
            env["AVA_LOG"] = log;
        }

        return env;
    }

    [Fact]
    public void DriverApiProgram_ThroughTheDropIn_PrintsExactlyTheNativeTranscript()
    {
        var native = Repo.Run(Program, []);
        Assert.Equal(0, native.Code);
        var remoted = Repo.Run(Program, [], Remoted(), TimeSpan.FromSeconds(60));
        Assert.Equal(0, remoted.Code);
        Assert.Equal(native.Out, remoted.Out);
        Assert.Contains("vec_add sum 1498500.0", native.Out, StringComparison.Ordinal);

        // A settable attribute kept in the guest is asked again once set: the transcript shows the new value.
        Assert.Contains("dynamic shared after: 102400", native.Out, StringComparison.Ordinal);
        Assert.Contains("launch with 64 KiB shared, opt-in taken back: 1", native.Out, StringComparison.Ordinal);

        // A launch the driver refuses at the call (2048 threads in a block) is not sent async: its error comes back.
        Assert.Contains("cuLaunchKernel(vec_add, 1, 1, 1, 2048, 1, 1, 0, NULL, args,  = 1", remoted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ContextQueries_KeptInTheGuestBetweenTheCallsThatChangeThem_PrintExactlyTheNativeTranscript()
    {
        // cuCtxGetCurrent and cuCtxGetDevice are asked again and again between sets, pushes, pops, creations and
        // destructions on this thread and on others; the guest answers repeats itself, and must answer what the driver
        // would at that moment.
        var contexts = Path.Combine(Folder, "contexts");
        var native = Repo.Run(contexts, []);
        Assert.Equal(0, native.Code);
        var remoted = Repo.Run(contexts, [], Remoted(), TimeSpan.FromSeconds(60));
        Assert.Equal(0, remoted.Code);
        Assert.Equal(native.Out, remoted.Out);
        Assert.DoesNotContain("repeats agree NO", native.Out, StringComparison.Ordinal);

        var output = Path.Combine(Path.GetTempPath(), $"ava-contexts-profile-{Guid.NewGuid():N}");
        try
        {
            var run = Repo.Run(Repo.Ava, ["profile", "--json", "--api", "cuda", "--output", output, "--", contexts], new Dictionary<string, string> { ["AVA_REAL_CUDA"] = Path.Combine(Folder, "libcudadouble.so") }, TimeSpan.FromSeconds(60));
            Assert.True(run.Code == 0, run.Err);
            using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(output));
            var current = report.RootElement.GetProperty("functions").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "cuCtxGetCurrent");

            // 15 reports of 11 queries each: one asks the worker after each change (and before cuInit, errors are never kept).
            Assert.Equal(165, current.GetProperty("calls").GetInt64());
            Assert.True(current.GetProperty("kept").GetInt64() >= 130, $"{current.GetProperty("kept").GetInt64()} of 165 answered in the guest");
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Theory]
    [InlineData("LOCAL")]
    [InlineData("UNIX")]
    public void AsyncWorkQueuedByOneThread_IsCarriedOutBeforeTheFirstCallOfAThreadItHandsOverTo(string channel)
    {
        // Over a byte stream, async records held back in the first thread's channel were overtaken by the new thread's
        // first call (which opens its channel only then): the copy read memory the queued memsets had not yet written.
        var env = Remoted();
        env["AVA_CHANNEL"] = channel;
        var run = Repo.Run(Path.Combine(Folder, "thread_order"), [], env, TimeSpan.FromSeconds(60));
        Assert.Equal("thread order: 50 rounds, 0 words read before the memsets queued ahead of them", run.Out.Trim());
        Assert.Equal(0, run.Code);
    }

    [Fact]
    public void DriverApiProgram_AsyncDeviceToHostCopies_AreInHostMemoryWhenTheStreamSynchronizes()
    {
        var remoted = Repo.Run(Program, [], Remoted(), TimeSpan.FromSeconds(60));
        Assert.Contains("async memset got[0]=abcd got[999]=abcd, async copy got2[999]=2997", remoted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void DriverApiProgram_TwoThreadsWithTheirOwnContexts_EachKeepsItsCurrentContext()
    {
        var remoted = Repo.Run(Program, [], Remoted(), TimeSpan.FromSeconds(60));
        Assert.Contains("thread 0: create 0, own current stable, roundtrip ok, destroy 0", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("thread 1: create 0, own current stable, roundtrip ok, destroy 0", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("main current still primary: yes", remoted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void DriverApiProgram_RepeatedRuns_StayIdentical()
    {
        var native = Repo.Run(Program, []);
        for (var i = 0; i < 5; i++)
        {
            var remoted = Repo.Run(Program, [], Remoted(), TimeSpan.FromSeconds(60));
            Assert.Equal(native.Out, remoted.Out);
        }
    }

    [Fact]
    public void DriverApiProgram_KernelCastToFunction_IsAcceptedWhereAFunctionIs()
    {
        var remoted = Repo.Run(Program, [], Remoted(), TimeSpan.FromSeconds(60));
        Assert.Contains("kernel as function: regs 19", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("kernel as function: occupancy 8", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("kernel's function: max threads 1024", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("kernel launch: mix 3025", remoted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void DriverApiProgram_CallsCublasMakes_ReachTheDriverWithEveryValue()
    {
        var remoted = Repo.Run(Program, [], Remoted(), TimeSpan.FromSeconds(60));
        Assert.Contains("kernel's library is the loaded one: yes", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("clusters of 4: 33", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("potential cluster size: 16", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("tensor map: rank 2 dims 1024,512 box 64 stride 4096 address as given", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("stream word 41", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("capture mode before 0", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("capture mode set 2", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("device of the primary context 0", remoted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ProcAddress_ForANameWithoutEntryPoint_IsNamedInTheLogOnce()
    {
        var log = Path.Combine(Path.GetTempPath(), $"ava-cuda-proc-{Environment.ProcessId}.log");
        try
        {
            var remoted = Repo.Run(Program, [], Remoted(log), TimeSpan.FromSeconds(60));
            Assert.Contains("proc cuNoSuchFunction: NULL status 1", remoted.Out, StringComparison.Ordinal);
            var lines = File.ReadAllLines(log).Where(line => line.Contains("cuGetProcAddress cuNoSuchFunction", StringComparison.Ordinal)).ToList();
            Assert.Equal("cuGetProcAddress cuNoSuchFunction (version 13000, flags 0): not here", Assert.Single(lines)[(lines[0].IndexOf(']', StringComparison.Ordinal) + 2)..]);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public void StreamsBeyondTheBoundOfLiveObjects_ReturnOutOfMemory_AndADestroyedOneMakesRoom()
    {
        var native = Repo.Run(Path.Combine(Folder, "bounds"), []);
        Assert.Equal(0, native.Code);
        Assert.Contains("created 32 streams, none failed", native.Out, StringComparison.Ordinal);

        // The context and four streams: five objects; the sixth is refused with CUDA_ERROR_OUT_OF_MEMORY (2).
        var env = Remoted();
        env["AVA_MAX_OBJECTS"] = "5";
        var remoted = Repo.Run(Path.Combine(Folder, "bounds"), [], env, TimeSpan.FromSeconds(60));
        Assert.Equal(0, remoted.Code);
        Assert.Equal(
            """
            cuInit = 0
            cuDeviceGet = 0
            cuCtxCreate_v2 = 0
            created 4 streams, then cuStreamCreate = 2
            cuStreamDestroy_v2 = 0
            cuStreamCreate(after the destroy) = 0
            cuStreamSynchronize = 0
            cuStreamDestroy_v2 = 0
            cuCtxDestroy_v2 = 0

            """.ReplaceLineEndings("\n"),
            remoted.Out);
    }

    [Fact]
    public void QuotaProgram_Natively_NoAllocationFails()
    {
        var native = Repo.Run(Path.Combine(Folder, "quota"), []);
        Assert.Equal(0, native.Code);
        Assert.Contains("allocated 64 MiB, none failed", native.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void MemAlloc_BeyondTheDeviceMemoryQuota_ReturnsOutOfMemory_AndOnlyASuccessfulMemFreeGivesItBack()
    {
        var env = Remoted();
        env["AVA_QUOTA_DEVICE_MEMORY"] = (8 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var remoted = Repo.Run(Path.Combine(Folder, "quota"), [], env, TimeSpan.FromSeconds(60));
        Assert.Equal(0, remoted.Code);
        Assert.Equal(
            """
            cuInit = 0
            cuDeviceGet = 0
            cuCtxCreate_v2 = 0
            allocated 8 MiB, then cuMemAlloc_v2 = 2
            cuCtxPopCurrent_v2 = 0
            cuMemFree_v2(block 0, no current context) = 201
            cuCtxPushCurrent_v2 = 0
            cuMemAlloc_v2(after the failed free) = 2
            cuMemFree_v2(block 0) = 0
            cuMemAlloc_v2(after the free) = 0
            cuMemAlloc_v2(full again) = 2
            cuMemcpyHtoD_v2 = 0
            cuMemcpyDtoH_v2 = 0
            roundtrip on the new block ok
            cuMemAlloc_v2(all of it at once) = 0
            cuCtxDestroy_v2 = 0

            """.ReplaceLineEndings("\n"),
            remoted.Out);
    }

    [Fact]
    public void LargeCopies_ThroughTheDropIn_PrintExactlyTheNativeTranscript()
    {
        var program = Path.Combine(Folder, "large_copies");
        var native = Repo.Run(program, []);
        Assert.Equal(0, native.Code);
        var remoted = Repo.Run(program, [], Remoted(), TimeSpan.FromSeconds(120));
        Assert.Equal(0, remoted.Code);
        Assert.Equal(native.Out, remoted.Out);
        Assert.Contains("67108864 bytes: round trip ok", native.Out, StringComparison.Ordinal);
        Assert.Contains("stream: offset round trip ok, second read ok", native.Out, StringComparison.Ordinal);
        Assert.Contains("refused read left host memory untouched", native.Out, StringComparison.Ordinal);
        Assert.Contains("refused write left device memory untouched", native.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void UnifiedCopies_HostAndDeviceAddressesAlike_PrintExactlyTheNativeTranscript()
    {
        var program = Path.Combine(Folder, "unified_copies");
        var native = Repo.Run(program, []);
        Assert.Equal(0, native.Code);
        var log = Path.Combine(Path.GetTempPath(), $"ava-unified-{Environment.ProcessId}-{Guid.NewGuid():N}.log");
        try
        {
            var env = Remoted();
            env["CUDADOUBLE_COPY_LOG"] = log;
            var remoted = Repo.Run(program, [], env, TimeSpan.FromSeconds(120));
            Assert.Equal(0, remoted.Code);
            Assert.Equal(native.Out, remoted.Out);
            foreach (var line in new[] { "host -> device -> device -> host: same", "host -> host: same", "at an offset: back[96]=255 back[351]=0", "async chain: same", "2D unified rows: same", "new allocation: same" })
            {
                Assert.Contains(line, native.Out, StringComparison.Ordinal);
            }

            // The application's host addresses never reach the worker: only the device-to-device copy is a unified
            // one there; every host side went as a host-to-device or device-to-host copy of the application's bytes.
            var unified = File.ReadAllLines(log).Where(l => l.StartsWith("unified ", StringComparison.Ordinal)).ToList();
            Assert.Equal(["unified DtoD 8388608"], unified);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public void MappedHostMemory_KernelsInTheWorkerReachTheApplicationsPages_PrintExactlyTheNativeTranscript()
    {
        var program = Path.Combine(Folder, "mapped_host");
        var native = Repo.Run(program, []);
        Assert.Equal(0, native.Code);
        var remoted = Repo.Run(program, [], Remoted(), TimeSpan.FromSeconds(60));
        Assert.Equal(0, remoted.Code);
        Assert.Equal(native.Out, remoted.Out);
        Assert.Contains("device address is the host address: yes", native.Out, StringComparison.Ordinal);
        Assert.Contains("kernel on mapped host memory: h[10]=25.0 h[4095]=10237.5", native.Out, StringComparison.Ordinal);
        Assert.Contains("after a host write: h[7]=250.0", native.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void LargeCopies_FailingPartWay_ReturnTheDriversError_AndLaterCallsStayInStep()
    {
        var program = Path.Combine(Folder, "large_copies");
        var fault = new Dictionary<string, string> { ["CUDADOUBLE_FAULT_AT"] = (40 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var native = Repo.Run(program, ["fault"], fault);
        Assert.Equal(0, native.Code);
        var env = Remoted();
        env["CUDADOUBLE_FAULT_AT"] = fault["CUDADOUBLE_FAULT_AT"];
        var remoted = Repo.Run(program, ["fault"], env, TimeSpan.FromSeconds(120));
        Assert.Equal(0, remoted.Code);
        Assert.Equal(native.Out, remoted.Out);
        Assert.Contains("cuMemcpyHtoD_v2(d, host, total) ", native.Out, StringComparison.Ordinal);
        Assert.Contains("= 700", native.Out, StringComparison.Ordinal);
        Assert.Contains("after faults: small copy back ok", native.Out, StringComparison.Ordinal);
        Assert.Contains("before the fault: 8 MiB + 5 round trip ok", native.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void LargeCopies_Remoted_MoveChunkByChunk_BetweenDeviceMemoryAndTheRegisteredRing()
    {
        var log = Path.Combine(Path.GetTempPath(), $"ava-copies-{Environment.ProcessId}-{Guid.NewGuid():N}.log");
        try
        {
            var env = Remoted();
            env["CUDADOUBLE_COPY_LOG"] = log;
            var remoted = Repo.Run(Path.Combine(Folder, "large_copies"), [], env, TimeSpan.FromSeconds(120));
            Assert.Equal(0, remoted.Code);
            var lines = File.ReadAllLines(log).Select(l => l.Split(' ')).Select(p => (What: p[0], Bytes: long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();

            // Both rings of the channel, registered once: the copies that follow reuse the registration.
            Assert.Equal(2, lines.Count(l => l.What == "register"));

            // The 64 MiB copies went as pieces no larger than a ring record, adding up to the whole.
            var uploads = lines.Where(l => l.What == "HtoD").Select(l => l.Bytes).ToList();
            var downloads = lines.Where(l => l.What == "DtoH").Select(l => l.Bytes).ToList();
            Assert.True(uploads.Count(b => b <= 1 << 20) >= 64, $"{uploads.Count} uploads");
            Assert.True(downloads.Count(b => b <= 1 << 20) >= 64, $"{downloads.Count} downloads");
            Assert.All(uploads, b => Assert.True(b <= 1 << 20, $"an upload of {b} bytes"));
            Assert.True(uploads.Sum() >= (64L + 10 + 3 + 5) << 20);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public void DropIn_WithoutLogging_PrintsNothingOfItsOwn()
    {
        var remoted = Repo.Run(Program, [], Remoted(), TimeSpan.FromSeconds(60));
        Assert.Equal("", remoted.Err);
    }
}
