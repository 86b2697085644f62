using System.Diagnostics;
using System.Text.RegularExpressions;
using Ava.Dashboard;
using Xunit;
using Xunit.Abstractions;

namespace Ava.Dashboard.Tests;

/// <summary>Loads a rendered dashboard in headless Chromium: the page must parse into real SVG charts and screenshot cleanly.</summary>
public sealed partial class BrowserRenderingTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan BrowserTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public void Browser_DashboardWithPlantedRegression_RendersChartsBannerAndScreenshot()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing; the browser test needs it: apt-get install chromium");

        using var dir = new TempDir();
        List<RunRecord> runs = TestData.SyntheticHistory();
        string history = dir.File("history.jsonl");
        foreach (RunRecord run in runs)
        {
            HistoryFile.Append(history, run);
        }

        string site = Path.Combine(dir.Path, "site");
        using var log = new StringWriter();
        Assert.Equal(0, DashboardCommand.Run(history, site, 0.10, log));
        string page = Path.Combine(site, DashboardCommand.PageFileName);
        string url = new Uri(page).AbsoluteUri;

        // 1. The DOM as the browser built it.
        string dom = RunChromium(dir, "--dump-dom", url);
        string[] charts = [.. ChartElement().Matches(dom).Select(m => m.Value)];
        Assert.Equal(Regression.SeriesOf(runs).Count, charts.Length);
        foreach (string chart in charts)
        {
            Assert.Matches("<(path|polyline)[\\s>]", chart);
            Assert.Equal(runs.Count, CircleElement().Count(chart));
        }

        Match banner = BannerElement().Match(dom);
        Assert.True(banner.Success, "the #regressions banner is missing from the browser DOM");
        Assert.Equal("1", banner.Groups["count"].Value);
        Assert.Contains(TestData.PlantedName, banner.Value, StringComparison.Ordinal);
        Assert.Matches("<table id=\"latest\"", dom);
        Assert.Matches("<table id=\"floors\"", dom);

        // 2. A screenshot of the page, kept as a build artifact.
        string png = dir.File("screenshot.png");
        RunChromium(dir, $"--screenshot={png}", "--window-size=1280,2000", "--hide-scrollbars", url);
        Assert.True(File.Exists(png), "Chromium wrote no screenshot");
        byte[] bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 10 * 1024, $"the screenshot is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);

        string artifacts = Path.Combine(TestData.RepoRoot(), "artifacts", "dashboard");
        Directory.CreateDirectory(artifacts);
        File.Copy(png, Path.Combine(artifacts, "screenshot.png"), overwrite: true);
        output.WriteLine($"screenshot: {Path.Combine(artifacts, "screenshot.png")} ({bytes.Length} bytes)");
    }

    private string RunChromium(TempDir dir, params string[] args)
    {
        string profile = Path.Combine(dir.Path, "profile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var psi = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}"])
        {
            psi.ArgumentList.Add(a);
        }

        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + Chromium);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(BrowserTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"Chromium did not finish within {BrowserTimeout.TotalSeconds:0} s: {string.Join(' ', args)}\n{stderr.Result}");
        }

        process.WaitForExit(); // drains the redirected streams
        string err = stderr.Result;
        if (err.Length > 0)
        {
            output.WriteLine("chromium stderr: " + err.Trim());
        }

        Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}: {string.Join(' ', args)}\n{err}");
        return stdout.Result;
    }

    [GeneratedRegex("<svg\\b[^>]*\\bclass=\"chart\"[^>]*>.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex ChartElement();

    [GeneratedRegex("<circle\\b")]
    private static partial Regex CircleElement();

    [GeneratedRegex("<div\\b[^>]*\\bid=\"regressions\"[^>]*\\bdata-count=\"(?<count>\\d+)\"[^>]*>.*?</div>", RegexOptions.Singleline)]
    private static partial Regex BannerElement();
}
