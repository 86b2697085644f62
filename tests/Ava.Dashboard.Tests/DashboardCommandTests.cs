using Ava.Dashboard;
using Xunit;

namespace Ava.Dashboard.Tests;

public sealed class DashboardCommandTests
{
    [Fact]
    public void Run_History_WritesIndexHtmlAndReportsPathAndRegressionCount()
    {
        using var dir = new TempDir();
        string history = dir.File("history.jsonl");
        foreach (RunRecord run in TestData.SyntheticHistory())
        {
            HistoryFile.Append(history, run);
        }

        string output = Path.Combine(dir.Path, "artifacts", "dashboard");
        using var log = new StringWriter();

        int rc = DashboardCommand.Run(history, output, 0.10, log);

        Assert.Equal(0, rc);
        string page = Path.Combine(output, "index.html");
        Assert.True(File.Exists(page));
        Assert.Contains("data-count=\"1\"", File.ReadAllText(page), StringComparison.Ordinal);
        Assert.Contains(page, log.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 regression(s)", log.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(page + ".tmp"));
    }

    [Fact]
    public void Run_MissingHistory_WritesNoRunsYetPage()
    {
        using var dir = new TempDir();
        using var log = new StringWriter();

        int rc = DashboardCommand.Run(dir.File("none.jsonl"), dir.Path, 0.10, log);

        Assert.Equal(0, rc);
        Assert.Contains("No runs yet", File.ReadAllText(dir.File("index.html")), StringComparison.Ordinal);
        Assert.Contains("0 regression(s)", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MalformedHistory_FailsNamingTheLine()
    {
        using var dir = new TempDir();
        string history = dir.File("history.jsonl");
        File.WriteAllText(history, HistoryFile.Serialize(TestData.Run(0, TestData.Entry("a", 1))) + "\nnot json\n");
        using var log = new StringWriter();

        int rc = DashboardCommand.Run(history, dir.Path, 0.10, log);

        Assert.Equal(1, rc);
        Assert.Contains("line 2", log.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("index.html")));
    }

    [Fact]
    public void Run_NegativeThreshold_IsAUsageError()
    {
        using var dir = new TempDir();
        using var log = new StringWriter();

        Assert.Equal(2, DashboardCommand.Run(dir.File("h.jsonl"), dir.Path, -1, log));
        Assert.Contains("threshold", log.ToString(), StringComparison.Ordinal);
    }
}
