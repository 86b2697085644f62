namespace Ava.Tests;

/// <summary>
/// NCSDK v2 on its reference device (Mvnc/Reference, artifacts/lib/reference/libmvnc.so.0): AvA's own benchmark
/// (demo_movidius, compiled unmodified) and the probe of every function run natively and through the drop-in.
/// The benchmark prints its steps but none of its results, so the reference library's trace of each inference
/// (MVNC_REFERENCE_TRACE: hashes of the input and output tensors) is compared too; remoted, the worker writes it.
/// </summary>
public class MvncTests
{
    private static readonly string Folder = Path.Combine(Repo.Artifacts, "tests", "mvnc");
    private static readonly string Reference = Path.Combine(Repo.Artifacts, "lib", "reference");
    private static readonly string Demo = Path.Combine(Folder, "demo_movidius");
    private static readonly string Probe = Path.Combine(Folder, "ncprobe");
    private static readonly string[] DemoArgs = ["reference.graph", "imagenet_slim_labels.txt", "grace_hopper.jpg"];
    private static readonly string[] ProbeArgs = ["reference.graph", "imagenet_slim_labels.txt"];

    private static Dictionary<string, string> Native(string? trace = null)
    {
        var env = new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = Reference };
        if (trace is not null)
        {
            env["MVNC_REFERENCE_TRACE"] = trace;
        }

        return env;
    }

    /// <summary>The demo's one line that varies from run to run: its wall time.</summary>
    private static string WithoutTime(string output) =>
        string.Join('\n', output.Split('\n').Where(l => !l.StartsWith("Total time = ", StringComparison.Ordinal)));

    private static (int Code, string Out, string Err) ThroughAva(string program, string[] args, Dictionary<string, string>? env = null, string? channel = null)
    {
        string[] options = channel is null ? ["run", "--", program] : ["run", "--channel", channel, "--", program];
        return Repo.Run(Repo.Ava, [.. options, .. args], env ?? [], TimeSpan.FromSeconds(120), Folder);
    }

    [Fact]
    public void DemoMovidius_ThroughAvaRun_PrintsTheNativeStepsAndInfersTheSameTensors()
    {
        Assert.True(File.Exists(Demo), $"{Demo} missing: publish.ps1 builds it from ava-benchmarks/ncsdk beside the checkout");
        var nativeTrace = Path.GetTempFileName();
        var remotedTrace = Path.GetTempFileName();
        try
        {
            var native = Repo.Run(Demo, DemoArgs, Native(nativeTrace), TimeSpan.FromSeconds(60), Folder);
            Assert.Equal(0, native.Code);
            // No LD_LIBRARY_PATH: the program's needed libmvnc.so.0 is the drop-in, by the audit module.
            var remoted = ThroughAva(Demo, DemoArgs, new() { ["MVNC_REFERENCE_TRACE"] = remotedTrace });
            Assert.True(remoted.Code == 0, remoted.Err);
            Assert.Equal(WithoutTime(native.Out), WithoutTime(remoted.Out));
            Assert.Contains("Get Output from FIFO.", remoted.Out, StringComparison.Ordinal);
            var trace = File.ReadAllText(nativeTrace);
            Assert.StartsWith("inference graph=Inceptionv3-reshape input=", trace, StringComparison.Ordinal);
            Assert.Equal(trace, File.ReadAllText(remotedTrace));
        }
        finally
        {
            File.Delete(nativeTrace);
            File.Delete(remotedTrace);
        }
    }

    [Fact]
    public void AvaRun_ByDefault_HandsTheDropInOnlyToProgramsThatLoadLibmvnc()
    {
        var run = Repo.Run(Repo.Ava, ["run", "--", "/bin/sh", "-c", "echo \"$LD_PRELOAD\"; echo \"$AVA_AUDIT_MAP\""]);
        Assert.Equal(0, run.Code);
        var lines = run.Out.Split('\n');
        Assert.DoesNotContain("libmvnc", lines[0], StringComparison.Ordinal);
        Assert.Contains($"libmvnc.so={Repo.Lib("libmvnc.so.0")}", lines[1].Split(':'));
    }

    [Fact]
    public void DemoMovidius_WithTheDropInPreloaded_PrintsTheNativeSteps()
    {
        var native = Repo.Run(Demo, DemoArgs, Native(), TimeSpan.FromSeconds(60), Folder);
        var remoted = Repo.Run(Demo, DemoArgs, new Dictionary<string, string> { ["LD_PRELOAD"] = Repo.Lib("libmvnc.so.0") }, TimeSpan.FromSeconds(60), Folder);
        Assert.True(remoted.Code == 0, remoted.Err);
        Assert.Equal(WithoutTime(native.Out), WithoutTime(remoted.Out));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("UNIX")]
    public void Probe_EveryFunction_ThroughAvaRun_PrintsExactlyTheNativeTranscript(string? channel)
    {
        var native = Repo.Run(Probe, ProbeArgs, Native(), TimeSpan.FromSeconds(60), Folder);
        Assert.Equal(0, native.Code);
        var remoted = ThroughAva(Probe, ProbeArgs, channel: channel);
        Assert.True(remoted.Code == 0, remoted.Err);
        Assert.Equal(native.Out, remoted.Out);
        // What the transcript proves: outputs, the size a too-small buffer needs, user parameters and cleared handles.
        Assert.Contains("  name ncs-reference-0 length 16", native.Out, StringComparison.Ordinal);
        Assert.Contains("  needed 1072812", native.Out, StringComparison.Ordinal);
        Assert.Contains("  length 4004 user 0x1234", native.Out, StringComparison.Ordinal);
        Assert.Contains("  graph is NULL", native.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void DemoMovidius_GraphBeyondTheDeviceMemoryQuota_FailsWithOutOfMemoryBeforeTheDevice()
    {
        // The reference graph is 196252 bytes; the quota holds less.
        var remoted = ThroughAva(Demo, DemoArgs, new() { ["AVA_QUOTA_DEVICE_MEMORY"] = "100000" });
        Assert.Equal(1, remoted.Code);
        Assert.Contains("Error at step \"Allocate Graph to Device with FIFOs.\", status is: -3", remoted.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_QuotaHoldingTheGraphButNotItsInputFifo_RefusesThatFifoAlone()
    {
        // The graph (196252 bytes) and the output FIFO (3 x 4004) fit in the quota; the input FIFO (3 x 1072812) does
        // not. The graph's bytes come back when it is destroyed, so the second graph fits again.
        var remoted = ThroughAva(Probe, ProbeArgs, new() { ["AVA_QUOTA_DEVICE_MEMORY"] = "1000000" });
        Assert.True(remoted.Code == 0, remoted.Err);
        Assert.Contains("ncGraphAllocate                          0", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("ncFifoAllocate(in)                       -3", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("ncFifoAllocate(out)                      0", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("ncGraphAllocateWithFifosEx               0", remoted.Out, StringComparison.Ordinal);
    }
}
