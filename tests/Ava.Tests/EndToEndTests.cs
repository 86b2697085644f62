namespace Ava.Tests;

/// <summary>The same unmodified C binary, run natively and through the generated drop-in library, prints the same.</summary>
public class EndToEndTests
{
    private static readonly string Program = Path.Combine(Repo.Artifacts, "tests", "avatest", "prog");
    private static readonly string Ping = Path.Combine(Repo.Artifacts, "tests", "avatest", "ping");

    [Fact]
    public void AvaTestProgram_PreloadedDropIn_PrintsExactlyTheNativeTranscript()
    {
        var native = Repo.Run(Program, []);
        Assert.Equal(0, native.Code);
        var remoted = Repo.Run(Program, [], new Dictionary<string, string> { ["LD_PRELOAD"] = Repo.TestLib("libavatest.so.1") });
        Assert.Equal(0, remoted.Code);
        Assert.Equal(native.Out, remoted.Out);
        Assert.Contains("at_finish", native.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AvaTestProgram_ThroughAvaRun_PrintsExactlyTheNativeTranscript()
    {
        var native = Repo.Run(Program, []);
        var remoted = Repo.Run(Repo.TestAva, ["run", "--api", "avatest", "--", Program]);
        Assert.Equal(0, remoted.Code);
        Assert.Equal(native.Out, remoted.Out);
    }

    [Fact]
    public void GuestLibrary_WithoutLogging_PrintsNothingOfItsOwn()
    {
        var remoted = Repo.Run(Program, [], new Dictionary<string, string> { ["LD_PRELOAD"] = Repo.TestLib("libavatest.so.1") });
        Assert.Equal("", remoted.Err);
    }

    [Fact]
    public void GuestLibrary_WithNoWorkerCommand_ReturnsTheApiErrorPromptly()
    {
        var remoted = Repo.Run(Ping, [], new Dictionary<string, string>
        {
            ["LD_PRELOAD"] = Repo.TestLib("libavatest.so.1"),
            ["AVA_WORKER"] = "/nonexistent/ava",
        }, TimeSpan.FromSeconds(20));
        Assert.Equal(0, remoted.Code);
        Assert.Equal("at_noop = -4\nat_add = -4 r=0\n", remoted.Out);
    }

    [Fact]
    public void WorkerKilledMidCall_TurnsIntoTheApiErrorPromptly_AndTheProgramExits()
    {
        var start = new System.Diagnostics.ProcessStartInfo(Ping) { RedirectStandardOutput = true };
        start.ArgumentList.Add("sleep");
        start.Environment["LD_PRELOAD"] = Repo.TestLib("libavatest.so.1");
        using var process = System.Diagnostics.Process.Start(start)!;
        Assert.Equal("at_noop = 0", process.StandardOutput.ReadLine());
        Assert.Equal("at_add = 0 r=5", process.StandardOutput.ReadLine());
        Thread.Sleep(300);
        var worker = File.ReadAllText($"/proc/{process.Id}/task/{process.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).Single();
        Transport.Native.LibC.Kill(worker, Transport.Native.Signals.SIGKILL);
        Assert.True(process.WaitForExit(10_000), "the program hung after its worker died");
        Assert.Equal("at_sleep_ms = -4 after_ms=<5000\nat_noop = -4\n", process.StandardOutput.ReadToEnd());
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public void ForkedChild_GetsItsOwnConnectionAndHandlesUnlikeItsParents_AndTheParentKeepsItsObjects()
    {
        var native = Repo.Run(Ping, ["fork"]);
        for (var i = 0; i < 10; i++)
        {
            var remoted = Repo.Run(Ping, ["fork"], new Dictionary<string, string> { ["LD_PRELOAD"] = Repo.TestLib("libavatest.so.1") }, TimeSpan.FromSeconds(30));
            Assert.Equal(0, remoted.Code);
            Assert.Equal(native.Out, remoted.Out);
        }
    }
}
