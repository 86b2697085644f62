using System.Text.RegularExpressions;
using Ava.Dashboard;
using Xunit;

namespace Ava.Dashboard.Tests;

/// <summary>
/// Suites measured by separate commands (<c>ava bench rodinia</c> beside <c>ava bench workloads</c>) interleave in
/// the history: each suite is judged by its own latest run, so a later run of another suite hides nothing.
/// </summary>
public sealed partial class SuiteRunsTests
{
    // Three Rodinia runs, the last of them 2x slower in hotspot, then a workloads run at the same ratio as before.
    private static readonly List<RunRecord> Interleaved =
    [
        TestData.Run(0, TestData.Entry("hotspot opencl", 1.05, suite: "rodinia"), TestData.Entry("nw opencl", 1.10, suite: "rodinia")),
        TestData.Run(1, TestData.Entry("nw shm", 1.10, suite: "workloads")),
        TestData.Run(2, TestData.Entry("hotspot opencl", 1.04, suite: "rodinia"), TestData.Entry("nw opencl", 1.12, suite: "rodinia")),
        TestData.Run(3, TestData.Entry("hotspot opencl", 2.10, suite: "rodinia"), TestData.Entry("nw opencl", 1.11, suite: "rodinia")),
        TestData.Run(4, TestData.Entry("nw shm", 1.09, suite: "workloads")),
    ];

    [Fact]
    public void AnalyzeLatestOfEachSuite_SlowerRodiniaRunFollowedByAWorkloadsRun_FlagsTheRodiniaRegression()
    {
        IReadOnlyList<RegressionResult> results = Regression.AnalyzeLatestOfEachSuite(Interleaved);

        Assert.Equal(["workloads/nw shm", "rodinia/hotspot opencl", "rodinia/nw opencl"], results.Select(r => r.Series.ToString()));
        RegressionResult hotspot = Assert.Single(results, r => r.IsRegressed);
        Assert.Equal("hotspot opencl", hotspot.Latest.Name);
        Assert.Equal(2, hotspot.BaselineRuns); // only the Rodinia runs before it count
        Assert.DoesNotContain(Regression.Analyze(Interleaved), r => r.IsRegressed); // the latest run alone shows nothing
    }

    [Fact]
    public void Dashboard_SlowerRodiniaRunFollowedByAWorkloadsRun_CountsAndChartsTheRegression()
    {
        string html = DashboardRenderer.Render(Interleaved, Regression.DefaultThreshold);

        Assert.Equal("1", Banner().Match(html).Groups[1].Value);
        Assert.Contains("data-series=\"rodinia/hotspot opencl\"", html, StringComparison.Ordinal);
        Assert.Matches("<svg class=\"bars\"[^>]*data-suite=\"rodinia\"", html);
    }

    [GeneratedRegex("<div id=\"regressions\"[^>]*data-count=\"(\\d+)\"")]
    private static partial Regex Banner();
}
