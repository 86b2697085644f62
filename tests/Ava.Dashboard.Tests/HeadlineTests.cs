using Ava.Dashboard;
using Xunit;

namespace Ava.Dashboard.Tests;

public sealed class HeadlineTests
{
    private static readonly RunRecord Measured = new RunRecord(
        "bd38241f00",
        new DateTimeOffset(2026, 11, 25, 4, 27, 32, TimeSpan.Zero),
        "vm / AMD EPYC / 2 cores",
        [
            new BenchEntry("transport", "null-call sync shm p50", 377.69, "ns", 2.8609, "raw C shm ping-pong", true),
            new BenchEntry("transport", "in-transfer 64 MiB shm", 12100, "us", 0.84, "single-core memcpy", true),
            new BenchEntry("opencl", "clGetDeviceInfo shm", 455.1, "ns", 44.3, "native OpenCL (PoCL)", true),
            new BenchEntry("opencl", "clEnqueueWriteBuffer blocking 1 MiB shm", 318.169, "us", 6.255, "native OpenCL (PoCL)", true),
            new BenchEntry("workloads", "nw shm", 2.1, "s", 1.81, "native run", true),
            new BenchEntry("workloads", "gaussian shm", 1.1, "s", 1.45, "native run", true),
            new BenchEntry("workloads", "bfs shm", 0.4, "s", 1.02, "native run", true),
            new BenchEntry("workloads", "nw unix", 3.1, "s", 2.5, "native run", true),
            new BenchEntry("workloads", "geometric mean shm", 1.16, "x", 1.16, "native run", true),
        ],
        [new FloorEntry("raw C shm ping-pong p50", 132.02, "ns")])
    {
        Command = "ava bench transport opencl workloads",
    };

    [Fact]
    public void Render_Run_NamesCommitDateMachineAndTheCommandThatMeasuredIt()
    {
        string block = Headline.Render(Measured, HistoryFile.DefaultRelativePath);

        Assert.StartsWith(Headline.Begin + "\n", block, StringComparison.Ordinal);
        Assert.EndsWith(Headline.End + "\n", block, StringComparison.Ordinal);
        Assert.Contains("`bench/results/history.jsonl`: commit `bd38241`, 2026-11-25, vm / AMD EPYC / 2 cores", block, StringComparison.Ordinal);
        Assert.Contains("measured by `ava bench transport opencl workloads`", block, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TransportAndWorkloads_QuoteValueRatioAndFloor()
    {
        string block = Headline.Render(Measured, HistoryFile.DefaultRelativePath);

        Assert.Contains("| synchronous null call, shared-memory rings, p50 | 378 ns | 2.86x the raw C shared-memory ping-pong (132 ns) |", block, StringComparison.Ordinal);
        Assert.Contains("| 12.1 ms | 0.84x the time of one single-core memcpy |", block, StringComparison.Ordinal);
        Assert.Contains("| OpenCL workloads (3, on PoCL), remoted / native wall time, shared-memory rings | geometric mean 1.16 | worst: nw 1.81, gaussian 1.45 |", block, StringComparison.Ordinal);
        Assert.DoesNotContain("Unix-socket", block, StringComparison.Ordinal); // not measured in this run: not quoted
    }

    [Fact]
    public void Render_OpenClCalls_ShowNativeRemotedAndRatioOfEachCall()
    {
        string block = Headline.Render(Measured, HistoryFile.DefaultRelativePath);

        Assert.Contains("| clGetDeviceInfo shm | 10.3 ns | 455 ns | 44.30x |", block, StringComparison.Ordinal);
        Assert.Contains("| clEnqueueWriteBuffer blocking 1 MiB shm | 50.9 us | 318 us | 6.26x |", block, StringComparison.Ordinal);
    }

    [Fact]
    public void Replace_Block_KeepsTheTextAroundIt()
    {
        string readme = "# Title\n\nintro\n\n" + Headline.Begin + "\nstale figures\n" + Headline.End + "\n\nafter\n";

        string updated = Headline.Replace(readme, Headline.Render(Measured, "h.jsonl"));

        Assert.StartsWith("# Title\n\nintro\n\n" + Headline.Begin + "\n", updated, StringComparison.Ordinal);
        Assert.EndsWith(Headline.End + "\n\nafter\n", updated, StringComparison.Ordinal);
        Assert.DoesNotContain("stale figures", updated, StringComparison.Ordinal);
        Assert.Equal(updated, Headline.Replace(updated, Headline.Render(Measured, "h.jsonl")));
    }

    [Fact]
    public void Replace_ReadmeWithoutMarkers_Throws()
    {
        Assert.Throws<FormatException>(() => Headline.Replace("# Title\n", Headline.Render(Measured, "h.jsonl")));
        Assert.Throws<FormatException>(() => Headline.Replace(Headline.End + "\n" + Headline.Begin + "\n", Headline.Render(Measured, "h.jsonl")));
    }

    [Fact]
    public void UpdateReadme_History_RewritesTheBlockFromTheLatestRun()
    {
        using var dir = new TempDir();
        string history = dir.File("history.jsonl");
        HistoryFile.Append(history, TestData.Run(0, TestData.Entry("null-call sync shm p50", 9.9)));
        HistoryFile.Append(history, Measured);
        string readme = dir.File("README.md");
        File.WriteAllText(readme, "before\n" + Headline.Begin + "\n" + Headline.End + "\nafter\n");
        using var log = new StringWriter();

        Assert.Equal(0, DashboardCommand.UpdateReadme(history, readme, "history.jsonl", log));

        Assert.Equal("before\n" + Headline.Render(Measured, "history.jsonl") + "after\n", File.ReadAllText(readme));
        Assert.Contains("ava bench transport opencl workloads", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateReadme_EmptyHistory_FailsAndLeavesTheReadme()
    {
        using var dir = new TempDir();
        string readme = dir.File("README.md");
        File.WriteAllText(readme, Headline.Begin + "\nkept\n" + Headline.End + "\n");
        using var log = new StringWriter();

        Assert.Equal(1, DashboardCommand.UpdateReadme(dir.File("none.jsonl"), readme, "none.jsonl", log));
        Assert.Contains("kept", File.ReadAllText(readme), StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_LatestRunMeasuredOnlyRodinia_IsTheLatestTransportRun()
    {
        RunRecord rodinia = new("abc1234", Measured.Date.AddDays(1), "m", [new BenchEntry("rodinia", "hotspot opencl", 1.2, "s", 1.1, "native run", true)], []);

        Assert.Same(Measured, Headline.Quoted([Measured, rodinia]));
        Assert.Same(rodinia, Headline.Quoted([rodinia]));
    }

    [Fact]
    public void Readme_HeadlineFigures_AreTheLatestRunOfTheRepositoryHistory()
    {
        string root = TestData.RepoRoot();
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        IReadOnlyList<RunRecord> runs = HistoryFile.Load(Path.Combine(root, HistoryFile.DefaultRelativePath));
        Assert.NotEmpty(runs);

        string expected = Headline.Replace(readme, Headline.Render(Headline.Quoted(runs), HistoryFile.DefaultRelativePath));

        Assert.True(expected == readme, "README.md's headline figures are not those of the latest run in the history: run `artifacts/bin/ava dashboard --readme README.md`");
    }
}
