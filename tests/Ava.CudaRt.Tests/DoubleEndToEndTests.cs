namespace Ava.Tests;

/// <summary>
/// The CUDA runtime drop-in against the CPU test double of the runtime: a program shaped as nvcc's host code
/// (registration from a constructor, host stubs launching by their own address, both CUDA 12 and CUDA 13 launch
/// forms) prints the same natively and remoted. The double checks marshaling, registration and per-thread state,
/// not CUDA itself (that is tests/CudaRt/gpu-proof.sh, on a machine with a GPU).
/// </summary>
public class DoubleEndToEndTests
{
    private static readonly string Folder = Path.Combine(Repo.Artifacts, "tests", "cudart");
    private static readonly string Program = Path.Combine(Folder, "runtime_api");

    private static Dictionary<string, string> Remoted() => new(StringComparer.Ordinal)
    {
        ["LD_PRELOAD"] = Repo.Lib("libcudart.so.13"),
        ["AVA_REAL_CUDART"] = Path.Combine(Folder, "libcudartdouble.so"),
    };

    [Fact]
    public void RuntimeProgram_ThroughTheDropIn_PrintsExactlyTheNativeTranscript()
    {
        var native = Repo.Run(Program, []);
        Assert.Equal(0, native.Code);
        var remoted = Repo.Run(Program, [], Remoted(), TimeSpan.FromSeconds(60));
        Assert.Equal(0, remoted.Code);
        Assert.Equal(native.Out, remoted.Out);
        Assert.Contains("vec_add sum 1498500.0", native.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisteredModule_KernelsLaunchByTheirHostStubs_InBothLaunchForms()
    {
        var remoted = Repo.Run(Program, [], Remoted(), TimeSpan.FromSeconds(60));
        Assert.Contains("vec_add sum 1498500.0", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("kernel vec_add: parameter 3 at 24, 4 bytes", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("stream: scaled[999] 499.5, query 0, elapsed 0.5 ms", remoted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void LaunchKernelExC_AttributesTravelWithEventsAsHandles_AndARefusedShapeIsReportedAtTheCall()
    {
        var remoted = Repo.Run(Program, [], Remoted(), TimeSpan.FromSeconds(60));
        Assert.Contains("launch ex: 0, c[999] 2997.0, completion event 0.5 ms after stop; odd grid: cudaErrorInvalidClusterSize, last cudaErrorInvalidClusterSize", remoted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void NullDeviceListWithACount_IsAnsweredInTheGuest_AndValidListsStillReachTheRuntime()
    {
        var log = Path.Combine(Path.GetTempPath(), $"cudart-calls-{Guid.NewGuid():N}.log");
        var nativeLog = log + ".native";
        try
        {
            var env = Remoted();
            env["CUDARTDOUBLE_CALL_LOG"] = log;
            var remoted = Repo.Run(Program, [], env, TimeSpan.FromSeconds(60));
            Assert.Equal(0, remoted.Code);
            Assert.Contains("valid devices: NULL with 3 cudaErrorInvalidValue, last cudaErrorInvalidValue; one device 0; none 0", remoted.Out, StringComparison.Ordinal);
            Assert.Equal(["cudaSetValidDevices list 1", "cudaSetValidDevices NULL 0"], File.ReadAllLines(log));

            // Natively the runtime itself sees the NULL list and answers it: the transcripts agree on the runtime's answer.
            var native = Repo.Run(Program, [], new Dictionary<string, string>(StringComparer.Ordinal) { ["CUDARTDOUBLE_CALL_LOG"] = nativeLog });
            Assert.Equal(0, native.Code);
            Assert.Equal(["cudaSetValidDevices NULL 3", "cudaSetValidDevices list 1", "cudaSetValidDevices NULL 0"], File.ReadAllLines(nativeLog));
        }
        finally
        {
            File.Delete(log);
            File.Delete(nativeLog);
        }
    }

    [Fact]
    public void ConstantVariable_CopiedToAndFromItsSymbol_ReachesTheKernel()
    {
        var remoted = Repo.Run(Program, [], Remoted(), TimeSpan.FromSeconds(60));
        Assert.Contains("constant 7 (4 bytes): values[0] 7 values[63] 70", remoted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void DeviceProperties_ArriveWhole_AndRepeatTheSame()
    {
        var remoted = Repo.Run(Program, [], Remoted(), TimeSpan.FromSeconds(60));
        Assert.Contains("devices 1: CUDA runtime test double, sm 9.0, 132 SMs, 2048 MiB, last word 5a5a5a5a, same again yes", remoted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void LastError_IsPerThread_ResetByGetLastError_AndNamedInTheGuest()
    {
        var remoted = Repo.Run(Program, [], Remoted(), TimeSpan.FromSeconds(60));
        Assert.Contains("unregistered launch: 98 cudaErrorInvalidDeviceFunction (invalid device function)", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("other thread: last error 0, set 0 get 0 device 0", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("peek 98, get 98, get again 0", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("bad kind: cudaErrorInvalidMemcpyDirection, last 21", remoted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void FeatureNotRemoted_AnswersNotSupported_AndSetsTheLastError()
    {
        var remoted = Repo.Run(Program, [], Remoted(), TimeSpan.FromSeconds(60));
        Assert.Contains("graph: cudaErrorNotSupported, last cudaErrorNotSupported", remoted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void LargeCopies_EveryKindAndAsyncIntoPinnedMemory_ArriveWhole()
    {
        var memory = Path.Combine(Folder, "memory");
        var native = Repo.Run(memory, []);
        Assert.Equal(0, native.Code);
        var remoted = Repo.Run(memory, [], Remoted(), TimeSpan.FromSeconds(60));
        Assert.Equal(0, remoted.Code);
        Assert.Equal(native.Out, remoted.Out);
        Assert.Contains("round trip of 50343993 bytes: equal", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("pinned[4096..5095] 5a..5a, pinned[5096] equal, last byte equal", remoted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void HostCallbacks_RunInTheApplication_WithItsUserDataAndStream()
    {
        var remoted = Repo.Run(Path.Combine(Folder, "memory"), [], Remoted(), TimeSpan.FromSeconds(60));
        Assert.Contains("host function saw 7, callback saw 40 on its own stream: yes", remoted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void DeviceMemoryQuota_RefusesAllocationsPastIt_AndAFreeGivesItBack()
    {
        var memory = Path.Combine(Folder, "memory");
        var native = Repo.Run(memory, ["quota"]);
        Assert.Contains("allocated 32 MiB, none failed", native.Out, StringComparison.Ordinal);
        var env = Remoted();
        env["AVA_QUOTA_DEVICE_MEMORY"] = (8 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var remoted = Repo.Run(memory, ["quota"], env, TimeSpan.FromSeconds(60));
        Assert.Equal(0, remoted.Code);
        Assert.Contains("allocated 8 MiB, then cudaMalloc = cudaErrorMemoryAllocation, last error cudaErrorMemoryAllocation", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("cudaMalloc(after the free) = 0", remoted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AvaRun_WithApiCudart_PreloadsTheRuntimeDropIn_AndByDefaultLeavesTheRealRuntime()
    {
        var native = Repo.Run(Program, []);
        var log = Path.Combine(Path.GetTempPath(), $"cudart-run-{Guid.NewGuid():N}.log");
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AVA_REAL_CUDART"] = Path.Combine(Folder, "libcudartdouble.so"),
            ["AVA_LOG"] = log,
        };
        try
        {
            var asked = Repo.Run(Repo.Ava, ["run", "--api", "cudart", "--", Program], env, TimeSpan.FromSeconds(60));
            Assert.Equal(0, asked.Code);
            Assert.Equal(native.Out, asked.Out);
            Assert.Contains("connected to cudart worker", File.ReadAllText(log), StringComparison.Ordinal);

            File.Delete(log);
            var byDefault = Repo.Run(Repo.Ava, ["run", "--", Program], env, TimeSpan.FromSeconds(60));
            Assert.Equal(0, byDefault.Code);
            Assert.Equal(native.Out, byDefault.Out);
            Assert.DoesNotContain("cudart worker", File.Exists(log) ? File.ReadAllText(log) : "", StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(log);
        }
    }
}
