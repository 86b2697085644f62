namespace Ava.Tests;

/// <summary>
/// The Gyrfalcon GTI SDK on its reference device (Gti/Reference, artifacts/lib/reference/libGTILibrary.so): AvA's own
/// benchmark (liteDemo, compiled unmodified) and the probe of every function run natively and through the drop-in.
/// liteDemo prints the JSON result of each evaluation and its label; the reference library's trace (GTI_REFERENCE_TRACE:
/// hashes of the input and output of each evaluation) is compared too; remoted, the worker writes it.
/// </summary>
public class GtiTests
{
    private static readonly string Folder = Path.Combine(Repo.Artifacts, "tests", "gti");
    private static readonly string Reference = Path.Combine(Repo.Artifacts, "lib", "reference");
    private static readonly string Demo = Path.Combine(Folder, "liteDemo");
    private static readonly string Probe = Path.Combine(Folder, "gtiprobe");
    private static readonly string[] DemoArgs = ["reference.model", "bridge.bin", "3"];
    private static readonly string[] ProbeArgs = ["reference.model", "bridge.bin"];

    private static Dictionary<string, string> Native(string? trace = null)
    {
        var env = new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = Reference };
        if (trace is not null)
        {
            env["GTI_REFERENCE_TRACE"] = trace;
        }

        return env;
    }

    /// <summary>The demo's lines that vary from run to run: each evaluation's wall time.</summary>
    private static string WithoutTime(string output) =>
        string.Join('\n', output.Split('\n').Where(l => !l.StartsWith("Image inference time = ", StringComparison.Ordinal)));

    private static (int Code, string Out, string Err) ThroughAva(string program, string[] args, Dictionary<string, string>? env = null, string? channel = null)
    {
        string[] options = channel is null ? ["run", "--", program] : ["run", "--channel", channel, "--", program];
        return Repo.Run(Repo.Ava, [.. options, .. args], env ?? [], TimeSpan.FromSeconds(120), Folder);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("UNIX")]
    public void LiteDemo_ThroughAvaRun_PrintsTheNativeResultsAndEvaluatesTheSameTensors(string? channel)
    {
        Assert.True(File.Exists(Demo), $"{Demo} missing: publish.ps1 builds it from ava-benchmarks/gti beside the checkout");
        var nativeTrace = Path.GetTempFileName();
        var remotedTrace = Path.GetTempFileName();
        try
        {
            var native = Repo.Run(Demo, DemoArgs, Native(nativeTrace), TimeSpan.FromSeconds(60), Folder);
            Assert.Equal(0, native.Code);
            // No LD_LIBRARY_PATH: the program's needed libGTILibrary.so is the drop-in, by the audit module.
            var remoted = ThroughAva(Demo, DemoArgs, new() { ["GTI_REFERENCE_TRACE"] = remotedTrace }, channel);
            Assert.True(remoted.Code == 0, remoted.Err);
            Assert.Equal(WithoutTime(native.Out), WithoutTime(remoted.Out));
            Assert.Contains("RESULT: American Staffordshire terrier", native.Out, StringComparison.Ordinal);
            Assert.Contains("loop 3", native.Out, StringComparison.Ordinal);
            var trace = File.ReadAllLines(nativeTrace);
            Assert.Equal(3, trace.Length);
            Assert.StartsWith("evaluate input=", trace[0], StringComparison.Ordinal);
            Assert.Equal(trace, File.ReadAllLines(remotedTrace));
        }
        finally
        {
            File.Delete(nativeTrace);
            File.Delete(remotedTrace);
        }
    }

    [Fact]
    public void LiteDemo_WithTheDropInPreloaded_PrintsTheNativeResults()
    {
        var native = Repo.Run(Demo, DemoArgs, Native(), TimeSpan.FromSeconds(60), Folder);
        var remoted = Repo.Run(Demo, DemoArgs, new Dictionary<string, string> { ["LD_PRELOAD"] = Repo.Lib("libGTILibrary.so") }, TimeSpan.FromSeconds(60), Folder);
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
        // What the transcript proves: returned strings kept, the same objects by name, outputs, the tag, files in the worker.
        Assert.Contains("GtiGetSDKVersion        4.4.0.3 (2803) reference", native.Out, StringComparison.Ordinal);
        Assert.Contains("  asked again           the same string", native.Out, StringComparison.Ordinal);
        Assert.Contains("  by platform name      the same device", native.Out, StringComparison.Ordinal);
        Assert.Contains("GtiDeviceRead           5: 1 2 3 250 251 0", native.Out, StringComparison.Ordinal);
        Assert.Contains("  width 1 height 1 depth 347 size 347 format 4 tag 0x2803", native.Out, StringComparison.Ordinal);
        Assert.Contains("GtiDecompose/ComposeModelFile the same model", native.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void LiteDemo_ModelBeyondTheDeviceMemoryQuota_CannotBeCreated()
    {
        // The reference model is more than 200000 bytes; the quota holds less, so GtiCreateModelFromBuffer answers NULL.
        var remoted = ThroughAva(Demo, DemoArgs, new() { ["AVA_QUOTA_DEVICE_MEMORY"] = "100000" });
        Assert.Equal(255, remoted.Code);
        Assert.Contains("Could not create model: reference.model", remoted.Out, StringComparison.Ordinal);
        var fits = ThroughAva(Demo, DemoArgs, new() { ["AVA_QUOTA_DEVICE_MEMORY"] = "1000000" });
        Assert.True(fits.Code == 0, fits.Err);
    }

    [Fact]
    public void Probe_ModelFileBeyondTheDeviceMemoryQuota_IsNotCreatedFromTheFileEither()
    {
        // GtiCreateModel reads the file in the worker; the file's size is charged as the buffer's is, so a file the
        // quota cannot hold gives NULL (and the one made from a buffer, of the same bytes, too).
        var remoted = ThroughAva(Probe, ProbeArgs, new() { ["AVA_QUOTA_DEVICE_MEMORY"] = "100000" });
        Assert.True(remoted.Code == 0, remoted.Err);
        Assert.Contains("GtiCreateModel          NULL", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("GtiCreateModelFromBuffer NULL", remoted.Out, StringComparison.Ordinal);
        var fits = ThroughAva(Probe, ProbeArgs, new() { ["AVA_QUOTA_DEVICE_MEMORY"] = "1000000" });
        Assert.True(fits.Code == 0, fits.Err);
        Assert.Contains("GtiCreateModel          model", fits.Out, StringComparison.Ordinal);
    }
}
