namespace Ava.Tests;

/// <summary>
/// The TensorFlow C API on its reference library (TfC/Reference, artifacts/lib/reference/libtensorflow.so.1): AvA's own
/// benchmarks (hello_tf, the image-recognition demo and the inference program, compiled unmodified) and the probe of the
/// spec's functions run natively and through the drop-in.
/// The demo and the inference program print their steps but none of their results, so the reference library's trace of
/// each TF_SessionRun (TF_REFERENCE_TRACE: hashes of the input and output tensors, the top class) is compared too;
/// remoted, the worker writes it.
/// </summary>
public class TfCTests
{
    private static readonly string Folder = Path.Combine(Repo.Artifacts, "tests", "tfc");
    private static readonly string Reference = Path.Combine(Repo.Artifacts, "lib", "reference");
    private static readonly string Hello = Path.Combine(Folder, "hello_tf");
    private static readonly string Demo = Path.Combine(Folder, "demo.out");
    private static readonly string Probe = Path.Combine(Folder, "tfprobe");
    private static readonly string Killed = Path.Combine(Folder, "tfkilled");
    private static readonly string InferenceFolder = Path.Combine(Folder, "inference");
    private static readonly string Inference = Path.Combine(InferenceFolder, "inference.out");
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

    private static (int Code, string Out, string Err) ThroughAva(string program, string[] args, Dictionary<string, string>? env = null, string? channel = null, string? folder = null)
    {
        string[] options = channel is null ? ["run", "--", program] : ["run", "--channel", channel, "--", program];
        return Repo.Run(Repo.Ava, [.. options, .. args], env ?? [], TimeSpan.FromSeconds(120), folder ?? Folder);
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

    [Theory]
    [InlineData(null)]
    [InlineData("UNIX")]
    public void Inference_ThroughAvaRun_RestoresTheCheckpointAndRunsTheSameTensorsAsNatively(string? channel)
    {
        Assert.True(File.Exists(Inference), $"{Inference} missing: publish.ps1 builds it from ava-benchmarks/tensorflow beside the checkout");
        var nativeTrace = Path.GetTempFileName();
        var remotedTrace = Path.GetTempFileName();
        try
        {
            // The program reads ./files/exported (graph.pb and the checkpoint my_model.*) from its folder.
            var native = Repo.Run(Inference, [], Native(nativeTrace), TimeSpan.FromSeconds(60), InferenceFolder);
            Assert.Equal(0, native.Code);
            var remoted = ThroughAva(Inference, [], new() { ["TF_REFERENCE_TRACE"] = remotedTrace }, channel, InferenceFolder);
            Assert.True(remoted.Code == 0, remoted.Err);
            Assert.Equal(WithoutTime(native.Out), WithoutTime(remoted.Out));
            Assert.Equal(
                "Successfully imported graph\nSuccessfully created session\nStart to run first session\nStart to run second session\n" +
                "input_op has 1 inputs\nStart to run third session",
                WithoutTime(native.Out).TrimEnd('\n'));
            // init, then save/restore_all fed the checkpoint's path, then output for input [1, 1]: d8dd43ded3068da8 is
            // the hash of the float -0.9011657 (the restored kernel -0.1053864 + -0.7957793, bias 0); the initial
            // values would give 0.75.
            var trace = File.ReadAllLines(nativeTrace);
            Assert.Equal(3, trace.Length);
            Assert.Equal("run inputs=0 outputs=0 targets=1", trace[0]);
            Assert.StartsWith("run inputs=1 ", trace[1], StringComparison.Ordinal);
            Assert.EndsWith(" outputs=0 targets=1", trace[1], StringComparison.Ordinal);
            Assert.EndsWith(" outputs=1 d8dd43ded3068da8 top=0 targets=0", trace[2], StringComparison.Ordinal);
            Assert.Equal(trace, File.ReadAllLines(remotedTrace));
        }
        finally
        {
            File.Delete(nativeTrace);
            File.Delete(remotedTrace);
        }
    }

    [Fact]
    public void GuestKilledHoldingASession_TheWorkerDeletesItWithAStatusOfItsOwn()
    {
        // TF_DeleteSession(session, status) is the session's release: at teardown the worker makes the status itself.
        var native = Path.GetTempFileName();
        var remoted = Path.GetTempFileName();
        try
        {
            var run = Repo.Run(Killed, [], new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = Reference, ["TF_REFERENCE_SESSIONS"] = native }, TimeSpan.FromSeconds(30), Folder);
            Assert.Equal("TF_NewSession 0 session\n", run.Out);
            Assert.Equal(["TF_NewSession live=1"], File.ReadAllLines(native));
            run = ThroughAva(Killed, [], new() { ["TF_REFERENCE_SESSIONS"] = remoted });
            Assert.Equal("TF_NewSession 0 session\n", run.Out);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (File.ReadAllLines(remoted).Length < 2 && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }

            Assert.Equal(["TF_NewSession live=1", "TF_DeleteSession live=0"], File.ReadAllLines(remoted));
        }
        finally
        {
            File.Delete(native);
            File.Delete(remoted);
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
        // run_metadata: filled with the library's bytes (a traced run lists the operations it ran), freed by the
        // buffer's own deallocator, refused with data in it, filled even when the run fails.
        Assert.Contains("  run_metadata                     data set length 0 deallocator set", native.Out, StringComparison.Ordinal);
        Assert.Contains("    node_stats m/logits/matmul", native.Out, StringComparison.Ordinal);
        Assert.Contains("TF_SessionRun(metadata with data)  3 Passing non-empty run_metadata is invalid.", native.Out, StringComparison.Ordinal);
        Assert.Contains("TF_SessionRun(junk run_options)    3 Unparseable RunOptions proto", native.Out, StringComparison.Ordinal);
    }
}
