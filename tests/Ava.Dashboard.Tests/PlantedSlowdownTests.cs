using System.Text.RegularExpressions;
using Ava.Dashboard;
using Xunit;

namespace Ava.Dashboard.Tests;

/// <summary>
/// The regression flag on metrics exactly as <c>ava bench</c> writes them: the runs are copies of a run the bench
/// really measured (the repository's history), so a renamed metric fails here instead of going unwatched.
/// </summary>
public sealed partial class PlantedSlowdownTests
{
    /// <summary>How much slower the planted run is: well past the threshold <c>ava dashboard</c> applies by default.</summary>
    private const double Slowdown = 1 + (2.5 * Regression.DefaultThreshold);

    private const int EarlierRuns = 5;

    [Theory]
    [InlineData("opencl", "clGetDeviceInfo shm")]
    [InlineData("opencl", "clEnqueueWriteBuffer blocking 1 MiB shm")]
    [InlineData("transport", "null-call sync shm p50")]
    [InlineData("workloads", "geometric mean shm")]
    public void Dashboard_LatestRunSlowerOnOneBenchMetric_FlagsExactlyThatMetric(string suite, string name)
    {
        var planted = new SeriesKey(suite, name);
        RunRecord measured = MeasuredRunWith(planted);

        string page = RenderDashboard([.. Repeat(measured, EarlierRuns), SlowDown(Copy(measured, EarlierRuns), planted)]);

        Match banner = Banner().Match(page);
        Assert.True(banner.Success, "the #regressions banner is missing");
        Assert.Equal("1", banner.Groups["count"].Value);
        Assert.Equal([planted.ToString()], SeriesOf(BannerItem(), banner.Value));
        Assert.Equal([planted.ToString()], SeriesOf(RegressedRow(), page));
        Assert.Equal([planted.ToString()], SeriesOf(RegressedBar(), page));
        Assert.Single(DashboardRendererTests.Charts(page), c => c.Contains("regressed", StringComparison.Ordinal));
        Assert.Contains($"data-series=\"{DashboardRenderer.Escape(planted.ToString())}\"", DashboardRendererTests.Charts(page).Single(c => c.Contains("regressed", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboard_LatestRunUnchanged_FlagsNothing()
    {
        RunRecord measured = MeasuredRunWith(new SeriesKey("opencl", "clGetDeviceInfo shm"));

        string page = RenderDashboard([.. Repeat(measured, EarlierRuns + 1)]);

        Assert.Equal("0", Banner().Match(page).Groups["count"].Value);
        Assert.Empty(SeriesOf(RegressedRow(), page));
        Assert.Empty(SeriesOf(RegressedBar(), page));
        Assert.Equal(measured.Entries.Count, OkRow().Count(page));
    }

    /// <summary>The latest run in the repository's history that carries <paramref name="series"/>.</summary>
    private static RunRecord MeasuredRunWith(SeriesKey series)
    {
        string history = Path.Combine(TestData.RepoRoot(), HistoryFile.DefaultRelativePath);
        RunRecord? run = HistoryFile.Load(history).LastOrDefault(r => Regression.Find(r, series) is not null);
        Assert.True(run is not null, $"no run in {history} carries {series}: `ava bench` must still write this metric under this name (or update the test to the new name)");
        return run;
    }

    private static IEnumerable<RunRecord> Repeat(RunRecord run, int count) => Enumerable.Range(0, count).Select(i => Copy(run, i));

    /// <summary>The run as if measured again at another commit, a day later per index.</summary>
    private static RunRecord Copy(RunRecord run, int index) =>
        run with { Commit = TestData.Commit(index), Date = TestData.Start.AddDays(index) };

    private static RunRecord SlowDown(RunRecord run, SeriesKey series) =>
        run with
        {
            Entries = [.. run.Entries.Select(e => e.Key != series ? e : e with
            {
                Value = e.LowerIsBetter ? e.Value * Slowdown : e.Value / Slowdown,
                Ratio = e.LowerIsBetter ? e.Ratio * Slowdown : e.Ratio / Slowdown,
            })],
        };

    /// <summary>Writes the runs as <c>ava bench</c> appends them and renders the page as <c>ava dashboard</c> does.</summary>
    private static string RenderDashboard(IEnumerable<RunRecord> runs)
    {
        using var dir = new TempDir();
        string history = dir.File("history.jsonl");
        foreach (RunRecord run in runs)
        {
            HistoryFile.Append(history, run);
        }

        using var log = new StringWriter();
        Assert.Equal(0, DashboardCommand.Run(history, dir.Path, Regression.DefaultThreshold, log));
        return File.ReadAllText(dir.File(DashboardCommand.PageFileName));
    }

    private static string[] SeriesOf(Regex pattern, string html) =>
        [.. pattern.Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups["series"].Value)).Distinct()];

    [GeneratedRegex("<div id=\"regressions\"[^>]*data-count=\"(?<count>\\d+)\"[^>]*>.*?</div>", RegexOptions.Singleline)]
    private static partial Regex Banner();

    [GeneratedRegex("<li data-series=\"(?<series>[^\"]*)\"")]
    private static partial Regex BannerItem();

    [GeneratedRegex("<tr class=\"regressed\" data-series=\"(?<series>[^\"]*)\"")]
    private static partial Regex RegressedRow();

    [GeneratedRegex("<tr class=\"ok\" data-series=\"(?<series>[^\"]*)\"")]
    private static partial Regex OkRow();

    [GeneratedRegex("<g class=\"bar regressed\" data-series=\"(?<series>[^\"]*)\"")]
    private static partial Regex RegressedBar();
}
