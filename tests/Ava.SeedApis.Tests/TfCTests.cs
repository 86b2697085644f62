namespace Ava.Tests;

/// <summary>
/// The TensorFlow C API on its reference library (TfC/Reference, artifacts/lib/reference/libtensorflow.so.1): AvA's own
/// benchmarks (hello_tf and the image-recognition demo, compiled unmodified) and the probe of the spec's functions run
/// natively and through the drop-in.
/// The demo prints its steps but none of its results, so the reference library's trace of each TF_SessionRun
/// (TF_REFERENCE_TRACE: hashes of the input and output tensors, the top class) is compared too; remoted, the worker
/// writes it.
/// </summary>
public class TfCTests
{
    private static readonly string Folder = Path.Combine(Repo.Artifacts, "tests", "tfc");
    private static readonly string Reference = Path.Combine(Repo.Artifacts, "lib", "reference");
    private static readonly string Hello = Path.Combine(Folder, "hello_tf");
    private static readonly string Demo = Path.Combine(Folder, "demo.out");
    private static readonly string Probe = Path.Combine(Folder, "tfprobe");
    private static readonly string[] DemoArgs = ["reference.pb", "imagenet_slim_labels.txt", "grace_hopper.jpg"];

    private static Dictionary<string, string> Native(string? trace = null)
    {
        var env = new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = Reference };
        if (trace is not null)
        {
            env["TF_REFERENCE_TRACE"] = trace;
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
    public void HelloTf_ThroughAvaRun_PrintsTheLibrarysVersionAsNatively()
    {
        Assert.True(File.Exists(Hello), $"{Hello} missing: publish.ps1 builds it from ava-benchmarks/tensorflow beside the checkout");
        var native = Repo.Run(Hello, [], Native(), TimeSpan.FromSeconds(30), Folder);
        Assert.Equal(0, native.Code);
        Assert.Equal("Hello from TensorFlow C library version 1.13.1-reference\n", native.Out);
        var remoted = ThroughAva(Hello, []);
        Assert.True(remoted.Code == 0, remoted.Err);
        Assert.Equal(native.Out, remoted.Out);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("UNIX")]
    public void Demo_ThroughAvaRun_PrintsTheNativeStepsAndRunsTheSameTensors(string? channel)
    {
        Assert.True(File.Exists(Demo), $"{Demo} missing: publish.ps1 builds it from ava-benchmarks/tensorflow beside the checkout");
        var nativeTrace = Path.GetTempFileName();
        var remotedTrace = Path.GetTempFileName();
        try
        {
            var native = Repo.Run(Demo, DemoArgs, Native(nativeTrace), TimeSpan.FromSeconds(60), Folder);
            Assert.Equal(0, native.Code);
            // No LD_LIBRARY_PATH: the program's needed libtensorflow.so.1 is the drop-in, by the audit module.
            var remoted = ThroughAva(Demo, DemoArgs, new() { ["TF_REFERENCE_TRACE"] = remotedTrace }, channel);
            Assert.True(remoted.Code == 0, remoted.Err);
            Assert.Equal(WithoutTime(native.Out), WithoutTime(remoted.Out));
            Assert.Contains("Running of the image through the model", remoted.Out, StringComparison.Ordinal);
            // The demo runs its session 100 times, each with the image in and the 1001 class scores out.
            var trace = File.ReadAllLines(nativeTrace);
            Assert.Equal(100, trace.Length);
            Assert.StartsWith("run inputs=1 ", trace[0], StringComparison.Ordinal);
            Assert.Contains(" top=", trace[0], StringComparison.Ordinal);
            Assert.Equal(trace, File.ReadAllLines(remotedTrace));
        }
        finally
        {
            File.Delete(nativeTrace);
            File.Delete(remotedTrace);
        }
    }

    [Fact]
    public void Demo_WithTheDropInPreloaded_PrintsTheNativeSteps()
    {
        var native = Repo.Run(Demo, DemoArgs, Native(), TimeSpan.FromSeconds(60), Folder);
        var remoted = Repo.Run(Demo, DemoArgs, new Dictionary<string, string> { ["LD_PRELOAD"] = Repo.Lib("libtensorflow.so.1") }, TimeSpan.FromSeconds(60), Folder);
        Assert.True(remoted.Code == 0, remoted.Err);
        Assert.Equal(WithoutTime(native.Out), WithoutTime(remoted.Out));
    }

    [Fact]
    public void Demo_WithAGraphThatIsNotOne_ReportsTheLibrarysImportErrorAsNatively()
    {
        // The labels file is no graph: TF_GraphImportGraphDef's status and message reach the program as natively.
        string[] args = ["imagenet_slim_labels.txt", "imagenet_slim_labels.txt", "grace_hopper.jpg"];
        var native = Repo.Run(Demo, args, Native(), TimeSpan.FromSeconds(30), Folder);
        Assert.Equal(1, native.Code);
        Assert.Contains("Error message: Invalid GraphDef: not a reference graph (magic TFRG)", native.Err, StringComparison.Ordinal);
        var remoted = ThroughAva(Demo, args);
        Assert.Equal(native.Code, remoted.Code);
        Assert.Equal(native.Out, remoted.Out);
        Assert.Equal(native.Err, remoted.Err);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("UNIX")]
    public void Probe_TheSpecsFunctions_ThroughAvaRun_PrintsExactlyTheNativeTranscript(string? channel)
    {
        var native = Repo.Run(Probe, ["reference.pb"], Native(), TimeSpan.FromSeconds(60), Folder);
        Assert.Equal(0, native.Code);
        var remoted = ThroughAva(Probe, ["reference.pb"], channel: channel);
        Assert.True(remoted.Code == 0, remoted.Err);
        Assert.Equal(native.Out, remoted.Out);
        // What the transcript proves: returned strings kept, deallocators run in the application, decoded strings in
        // the caller's bytes, a TF_Output's index reaching the library, two tensors back from one run, statuses.
        Assert.Contains("  asked again                      the same string", native.Out, StringComparison.Ordinal);
        Assert.Contains("  tensor deallocator: 24 bytes, arg 0x52", native.Out, StringComparison.Ordinal);
        Assert.Contains("TF_StringDecode                    consumed 6 at offset 1: hello", native.Out, StringComparison.Ordinal);
        Assert.Contains("TF_GraphSetTensorShape(index 1)    11 output index out of range for operation 'm/input'", native.Out, StringComparison.Ordinal);
        Assert.Contains("  logits                           type 1 dims 1 1001 bytes 4004 top 772", native.Out, StringComparison.Ordinal);
        Assert.Contains("TF_SessionRun(closed)              3 Session has been closed.", native.Out, StringComparison.Ordinal);
    }
}
