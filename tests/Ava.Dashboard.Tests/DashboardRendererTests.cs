using System.Text.RegularExpressions;
using Ava.Dashboard;
using Xunit;

namespace Ava.Dashboard.Tests;

public sealed partial class DashboardRendererTests
{
    [Fact]
    public void Render_SyntheticHistory_HasOneChartPerSeries()
    {
        List<RunRecord> runs = TestData.SyntheticHistory();

        string html = DashboardRenderer.Render(runs, 0.10);

        string[] series = [.. ChartSeries().Matches(html).Select(m => m.Groups[1].Value)];
        Assert.Equal(Regression.SeriesOf(runs).Select(s => DashboardRenderer.Escape(s.ToString())), series);
        foreach (string chart in Charts(html))
        {
            Assert.Contains("<polyline", chart, StringComparison.Ordinal);
            Assert.Equal(runs.Count, CountOf(chart, "<circle"));
            Assert.Contains("class=\"ref\"", chart, StringComparison.Ordinal);
            Assert.Contains("stroke-dasharray", chart, StringComparison.Ordinal);
            Assert.Contains(runs[^1].ShortCommit, chart, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_PlantedRegression_CountsItInBannerAndMarksLatestPointRed()
    {
        string html = DashboardRenderer.Render(TestData.SyntheticHistory(), 0.10);

        Match banner = Banner().Match(html);
        Assert.True(banner.Success);
        Assert.Equal("1", banner.Groups[1].Value);
        Assert.Contains(TestData.PlantedName, banner.Value, StringComparison.Ordinal);

        string planted = Assert.Single(Charts(html), c => c.Contains($"data-series=\"{TestData.PlantedSuite}/{TestData.PlantedName}\"", StringComparison.Ordinal));
        Assert.Contains("class=\"point latest regressed\"", planted, StringComparison.Ordinal);
        Assert.Contains("class=\"regressed-label\"", planted, StringComparison.Ordinal);
        Assert.Single(Charts(html), c => c.Contains("regressed", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_LatestTable_HasARowPerEntryWithStatus()
    {
        List<RunRecord> runs = TestData.SyntheticHistory();

        string html = DashboardRenderer.Render(runs, 0.10);

        string table = Section(html, "<table id=\"latest\">", "</table>");
        Assert.Equal(runs[^1].Entries.Count, CountOf(table, "<tr class="));
        Assert.Equal(1, CountOf(table, ">REGRESSED<"));
        Assert.Equal(runs[^1].Entries.Count - 1, CountOf(table, ">OK<"));
        Assert.Contains("410.2 ns", table, StringComparison.Ordinal); // 312.5 ns * 2.10 / 1.60, the planted run
        Assert.Contains("2.10&times;", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LatestRatios_OneBarChartPerSuiteWithABarPerSeriesAndThePlantedOneRed()
    {
        List<RunRecord> runs = TestData.SyntheticHistory();

        string html = DashboardRenderer.Render(runs, 0.10);

        string[] suites = [.. BarChart().Matches(html).Select(m => m.Groups["suite"].Value)];
        Assert.Equal(runs[^1].Entries.Select(e => e.Suite).Distinct(), suites);
        string[] bars = [.. Bar().Matches(html).Select(m => m.Groups["series"].Value)];
        Assert.Equal(runs[^1].Entries.Select(e => DashboardRenderer.Escape(e.Key.ToString())), bars);
        Match red = Assert.Single(Bar().Matches(html), m => m.Groups["class"].Value == "bar regressed");
        Assert.Equal($"{TestData.PlantedSuite}/{TestData.PlantedName}", red.Groups["series"].Value);
    }

    [Fact]
    public void Render_LatestRatios_LogScaleSpansWholeDecadesAroundOne()
    {
        var runs = new List<RunRecord>
        {
            TestData.Run(0, TestData.Entry("clEnqueueNDRangeKernel non-blocking shm", 0.32, suite: "opencl"), TestData.Entry("clGetDeviceInfo shm", 44.3, suite: "opencl")),
        };

        string html = DashboardRenderer.Render(runs, 0.10);

        string chart = Section(html, "<svg class=\"bars\"", "</svg>");
        Assert.Contains(">0.1&#215;</text>", chart, StringComparison.Ordinal);
        Assert.Contains(">1&#215;</text>", chart, StringComparison.Ordinal);
        Assert.Contains(">100&#215;</text>", chart, StringComparison.Ordinal);
        Assert.DoesNotContain(">1000&#215;</text>", chart, StringComparison.Ordinal);
        Assert.Contains("0.32&#215;", chart, StringComparison.Ordinal);
        Assert.Contains("44.30&#215;", chart, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FloorsTable_ListsLatestRunFloors()
    {
        string html = DashboardRenderer.Render(TestData.SyntheticHistory(), 0.10);

        string table = Section(html, "<table id=\"floors\">", "</table>");
        Assert.Contains("raw C shm ping-pong p50", table, StringComparison.Ordinal);
        Assert.Contains("195 ns", table, StringComparison.Ordinal);
        Assert.Contains("memcpy single core", table, StringComparison.Ordinal);
        Assert.Contains("9.8 GB/s", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Header_ShowsMachineDateAndCommitOfLatestRun()
    {
        List<RunRecord> runs = TestData.SyntheticHistory();

        string html = DashboardRenderer.Render(runs, 0.10);

        Assert.Contains($"<span id=\"machine\">{runs[^1].Machine}</span>", html, StringComparison.Ordinal);
        Assert.Contains("2026-11-12 03:00 UTC", html, StringComparison.Ordinal);
        Assert.Contains(runs[^1].Commit, html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StringsFromTheFile_AreHtmlEscaped()
    {
        const string evil = "<script>alert('x')</script>&\"";
        var run = new RunRecord(evil, TestData.Start, evil, [new BenchEntry(evil, evil, 1, evil, 1.5, evil, true)], [new FloorEntry(evil, 1, evil)]);
        var runs = new List<RunRecord> { run, run with { Commit = "c2" } };

        string html = DashboardRenderer.Render(runs, 0.10);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert('x')", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;", html, StringComparison.Ordinal);
        Assert.Contains("data-series=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;/", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Escape_HtmlSpecialCharacters_AreReplacedByEntities()
    {
        Assert.Equal("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", DashboardRenderer.Escape("a <b> & \"c\" 'd'"));
        Assert.Equal("", DashboardRenderer.Escape(null));
    }

    [Fact]
    public void Render_Page_IsSelfContained()
    {
        string html = DashboardRenderer.Render(TestData.SyntheticHistory(), 0.10);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoRuns_SaysNoRunsYet()
    {
        string html = DashboardRenderer.Render([], 0.10);

        Assert.Contains("No runs yet", html, StringComparison.Ordinal);
        Assert.Contains("id=\"empty\"", html, StringComparison.Ordinal);
        Assert.Equal("0", Banner().Match(html).Groups[1].Value);
        Assert.Empty(Charts(html));
    }

    [Fact]
    public void Render_OneRun_ShowsSinglePointChartsAndNewStatus()
    {
        List<RunRecord> runs = TestData.SyntheticHistory(1);

        string html = DashboardRenderer.Render(runs, 0.10);

        Assert.Equal("0", Banner().Match(html).Groups[1].Value);
        Assert.Contains("first run", html, StringComparison.Ordinal);
        Assert.All(Charts(html), c => Assert.Equal(1, CountOf(c, "<circle")));
        Assert.Equal(runs[0].Entries.Count, CountOf(Section(html, "<table id=\"latest\">", "</table>"), ">NEW<"));
        Assert.Contains("<table id=\"floors\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongHistory_ChartsShowOnlyTheMostRecentRuns()
    {
        List<RunRecord> runs = TestData.SyntheticHistory(DashboardRenderer.MaxChartPoints + 15);

        string html = DashboardRenderer.Render(runs, 0.10);

        Assert.All(Charts(html), c => Assert.Equal(DashboardRenderer.MaxChartPoints, CountOf(c, "<circle")));
        Assert.Contains($"last {DashboardRenderer.MaxChartPoints} of {runs.Count} runs", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NumbersUseInvariantFormatting()
    {
        string html = DashboardRenderer.Render(TestData.SyntheticHistory(), 0.125);

        Assert.Contains("12.5%", html, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", html, StringComparison.Ordinal);
    }

    internal static IReadOnlyList<string> Charts(string html) =>
        [.. ChartBlock().Matches(html).Select(m => m.Value)];

    private static string Section(string html, string start, string end)
    {
        int i = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(i >= 0, $"'{start}' not found");
        int j = html.IndexOf(end, i, StringComparison.Ordinal);
        return html[i..(j + end.Length)];
    }

    private static int CountOf(string text, string needle) =>
        (text.Length - text.Replace(needle, "", StringComparison.Ordinal).Length) / needle.Length;

    [GeneratedRegex("<svg class=\"chart\"[^>]*data-series=\"([^\"]*)\"")]
    private static partial Regex ChartSeries();

    [GeneratedRegex("<svg[^>]*class=\"chart\".*?</svg>", RegexOptions.Singleline)]
    private static partial Regex ChartBlock();

    [GeneratedRegex("<div id=\"regressions\"[^>]*data-count=\"(\\d+)\"[^>]*>.*?</div>", RegexOptions.Singleline)]
    private static partial Regex Banner();

    [GeneratedRegex("<svg class=\"bars\"[^>]*data-suite=\"(?<suite>[^\"]*)\"")]
    private static partial Regex BarChart();

    [GeneratedRegex("<g class=\"(?<class>bar[^\"]*)\" data-series=\"(?<series>[^\"]*)\"")]
    private static partial Regex Bar();
}
