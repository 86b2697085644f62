// The static dashboard: one self-contained HTML page (inline CSS and SVG; no script, font or network access).
// Stable hooks for tests and tooling:
//   #regressions[data-count]        banner counting regressions of the latest run of each suite
//   table#latest                    the latest run's entries with their verdicts
//   table#floors                    the physical floors of the latest run
//   svg.bars[data-suite]            one bar chart per suite, from the latest run carrying it: each series' ratio, log scale
//   g.bar[data-series]              one bar of it per series ("suite/name"), class "regressed" when flagged
//   svg.chart[data-series]          one ratio-over-commits chart per series ("suite/name")
//   #empty                          shown instead of all of the above when there are no runs
using System.Globalization;
using System.Text;

namespace Ava.Dashboard;

/// <summary>Renders the history as a static HTML page.</summary>
public static class DashboardRenderer
{
    /// <summary>How many of the most recent runs a chart shows.</summary>
    public const int MaxChartPoints = 40;

    private const int ChartWidth = 372;
    private const int ChartHeight = 190;
    private const int PlotLeft = 46;
    private const int PlotRight = 26;
    private const int PlotTop = 16;
    private const int PlotBottom = 30;
    private const int MaxXLabels = 6;

    private const string LineColor = "#2563eb";
    private const string RegressedColor = "#dc2626";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Renders the dashboard page.</summary>
    /// <param name="runs">The history, oldest first (file order).</param>
    /// <param name="threshold">Relative regression threshold, 0.10 for 10%.</param>
    /// <returns>The HTML document.</returns>
    public static string Render(IReadOnlyList<RunRecord> runs, double threshold)
    {
        ArgumentNullException.ThrowIfNull(runs);
        Regression.CheckThreshold(threshold);

        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Ava performance dashboard</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n")
            .Append("<header>\n<h1>Ava performance</h1>\n");

        if (runs.Count == 0)
        {
            html.Append("</header>\n<main>\n")
                .Append("<div id=\"regressions\" class=\"banner none\" data-count=\"0\">No regressions: no runs yet.</div>\n")
                .Append("<p id=\"empty\">No runs yet. <code>ava bench</code> appends one line per run to <code>")
                .Append(Escape(HistoryFile.DefaultRelativePath)).Append("</code>; this page then shows the ratios over commits.</p>\n")
                .Append("</main>\n");
            AppendFooter(html, threshold);
            html.Append("</body>\n</html>\n");
            return html.ToString();
        }

        RunRecord latest = runs[^1];
        IReadOnlyList<RegressionResult> results = Regression.AnalyzeLatestOfEachSuite(runs, threshold);
        var bySeries = results.ToDictionary(r => r.Series);
        RegressionResult[] regressed = [.. results.Where(r => r.IsRegressed)];

        html.Append("<p class=\"meta\">Latest run: commit <code id=\"commit\">").Append(Escape(latest.Commit)).Append("</code>")
            .Append(" &middot; <time id=\"date\" datetime=\"").Append(Escape(HistoryFile.FormatDate(latest.Date))).Append("\">")
            .Append(Escape(latest.Date.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Inv))).Append("</time>")
            .Append(" &middot; machine <span id=\"machine\">").Append(Escape(latest.Machine.Length == 0 ? "unknown" : latest.Machine)).Append("</span>")
            .Append(" &middot; ").Append(Count(runs.Count, "run")).Append(" in history</p>\n</header>\n<main>\n");

        AppendBanner(html, regressed, results, threshold, runs.Count);
        AppendLatestTable(html, latest, bySeries);
        AppendLatestBars(html, results);
        AppendCharts(html, runs, bySeries);
        AppendFloors(html, latest);
        html.Append("</main>\n");
        AppendFooter(html, threshold);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Escapes text for HTML element content and double- or single-quoted attribute values.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>The escaped text.</returns>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\0': sb.Append('\uFFFD'); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    private static void AppendBanner(StringBuilder html, RegressionResult[] regressed, IReadOnlyList<RegressionResult> results, double threshold, int runCount)
    {
        string cls = regressed.Length > 0 ? "bad" : "good";
        html.Append("<div id=\"regressions\" class=\"banner ").Append(cls).Append("\" data-count=\"").Append(regressed.Length.ToString(Inv)).Append("\">");
        if (regressed.Length == 0)
        {
            int compared = results.Count(r => r.Status != RegressionStatus.NoBaseline);
            html.Append("<strong>No regressions</strong> in the latest run of each suite");
            html.Append(runCount == 1
                ? " &mdash; it is the first run, so there is nothing to compare with yet."
                : string.Create(Inv, $" ({compared} of {results.Count} series compared; threshold {Percent(threshold)})."));
            html.Append("</div>\n");
            return;
        }

        html.Append("<strong>").Append(Count(regressed.Length, "regression")).Append("</strong> in the latest run of each suite ")
            .Append("(ratio worse than the median of up to ").Append(Regression.DefaultWindow.ToString(Inv))
            .Append(" previous runs by more than ").Append(Percent(threshold)).Append("):\n<ul>\n");
        foreach (RegressionResult r in regressed)
        {
            html.Append("<li data-series=\"").Append(Escape(r.Series.ToString())).Append("\"><b>").Append(Escape(r.Latest.Suite)).Append(" / ")
                .Append(Escape(r.Latest.Name)).Append("</b>: ratio ").Append(Ratio(r.Latest.Ratio)).Append(" vs median ")
                .Append(Ratio(r.Median ?? 0)).Append(" (").Append(SignedPercent(r.Change ?? 0)).Append(r.Latest.LowerIsBetter ? ", lower is better" : ", higher is better")
                .Append(")</li>\n");
        }

        html.Append("</ul>\n</div>\n");
    }

    private static void AppendLatestTable(StringBuilder html, RunRecord latest, Dictionary<SeriesKey, RegressionResult> bySeries)
    {
        html.Append("<section>\n<h2>Latest run</h2>\n<table id=\"latest\">\n<thead><tr><th>Suite</th><th>Name</th><th class=\"num\">Value</th>")
            .Append("<th class=\"num\">Ratio</th><th>Ratio of</th><th class=\"num\">vs median</th><th>Status</th></tr></thead>\n<tbody>\n");
        if (latest.Entries.Count == 0)
        {
            html.Append("<tr><td colspan=\"7\" class=\"muted\">The latest run recorded no entries.</td></tr>\n");
        }

        foreach (BenchEntry e in latest.Entries)
        {
            RegressionResult r = bySeries[e.Key];
            if (!ReferenceEquals(r.Latest, e))
            {
                continue; // duplicate of a series already listed
            }

            (string statusText, string statusClass) = r.Status switch
            {
                RegressionStatus.Regressed => ("REGRESSED", "regressed"),
                RegressionStatus.Ok => ("OK", "ok"),
                _ => ("NEW", "new"),
            };
            html.Append("<tr class=\"").Append(statusClass).Append("\" data-series=\"").Append(Escape(e.Key.ToString())).Append("\">")
                .Append("<td>").Append(Escape(e.Suite)).Append("</td>")
                .Append("<td>").Append(Escape(e.Name)).Append("</td>")
                .Append("<td class=\"num\">").Append(Number(e.Value)).Append(' ').Append(Escape(e.Unit)).Append("</td>")
                .Append("<td class=\"num\">").Append(Ratio(e.Ratio)).Append("&times;</td>")
                .Append("<td class=\"muted\">").Append(Escape(e.RatioOf)).Append(e.LowerIsBetter ? "" : " <small>(higher is better)</small>").Append("</td>");
            if (r.Median is { } median)
            {
                string direction = r.Worsening > 0 ? "worse" : "better";
                html.Append("<td class=\"num ").Append(direction).Append("\" title=\"median ratio of ").Append(r.BaselineRuns.ToString(Inv))
                    .Append(" previous runs: ").Append(Ratio(median)).Append("\">").Append(SignedPercent(r.Change ?? 0))
                    .Append(" <small>of ").Append(Ratio(median)).Append("</small></td>");
            }
            else
            {
                html.Append("<td class=\"num muted\">&ndash;</td>");
            }

            html.Append("<td class=\"status\"><span class=\"pill ").Append(statusClass).Append("\">").Append(statusText).Append("</span></td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendLatestBars(StringBuilder html, IReadOnlyList<RegressionResult> results)
    {
        // Per-API suites put each call's remoted / native ratio side by side here, so the calls that cost most
        // when remoted stand out at a glance; the log scale keeps 0.5x and 50x readable in one chart.
        if (!results.Any(r => r.Latest.Ratio > 0))
        {
            return;
        }

        html.Append("<section>\n<h2>Latest ratios <small>(log scale; the dashed line is 1.00&#215;, as fast as the reference)</small></h2>\n<div class=\"charts\">\n");
        foreach (IGrouping<string, RegressionResult> suite in results.Where(r => r.Latest.Ratio > 0).GroupBy(r => r.Latest.Suite))
        {
            RegressionResult[] rows = [.. suite];
            string[] references = [.. rows.Select(r => r.Latest.RatioOf).Where(r => r.Length > 0).Distinct()];
            html.Append("<figure class=\"suite-ratios\">\n<figcaption><b>").Append(Escape(suite.Key)).Append("</b> <span class=\"muted\">ratio of ")
                .Append(Escape(references.Length == 1 ? references[0] : "each series' reference")).Append("</span></figcaption>\n");
            AppendBars(html, suite.Key, rows);
            html.Append("</figure>\n");
        }

        html.Append("</div>\n</section>\n");
    }

    private static void AppendBars(StringBuilder html, string suite, RegressionResult[] rows)
    {
        const int labelWidth = 300;
        const int plotWidth = 380;
        const int valueWidth = 150;
        const int rowHeight = 18;
        const int top = 8;
        const int axis = 22;
        int width = labelWidth + plotWidth + valueWidth;
        int height = top + (rows.Length * rowHeight) + axis;

        // Whole decades around every ratio and 1.0, so the reference line and decade ticks always show.
        double lo = Math.Pow(10, Math.Floor(Math.Log10(Math.Min(1.0, rows.Min(r => r.Latest.Ratio)))));
        double hi = Math.Pow(10, Math.Ceiling(Math.Log10(Math.Max(1.0, rows.Max(r => r.Latest.Ratio)))));
        if (hi <= lo)
        {
            hi = lo * 10;
        }

        double X(double ratio) => labelWidth + ((Math.Log10(ratio) - Math.Log10(lo)) / (Math.Log10(hi) - Math.Log10(lo)) * plotWidth);

        html.Append("<svg class=\"bars\" xmlns=\"http://www.w3.org/2000/svg\" data-suite=\"").Append(Escape(suite))
            .Append(string.Create(Inv, $"\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\""))
            .Append(Escape($"{suite}: latest ratio of {rows.Length} series")).Append("\">\n");
        for (double tick = lo; tick <= hi * 1.0001; tick *= 10)
        {
            html.Append(string.Create(Inv, $"<line class=\"grid\" x1=\"{F(X(tick))}\" x2=\"{F(X(tick))}\" y1=\"{top}\" y2=\"{height - axis}\" stroke=\"#e2e8f0\"/>\n"))
                .Append(string.Create(Inv, $"<text class=\"xlabel\" x=\"{F(X(tick))}\" y=\"{height - axis + 14}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#64748b\">{tick.ToString(tick < 1 ? "0.####" : "0", Inv)}&#215;</text>\n"));
        }

        for (int i = 0; i < rows.Length; i++)
        {
            BenchEntry e = rows[i].Latest;
            bool red = rows[i].IsRegressed;
            double y = top + (i * rowHeight);
            double x0 = Math.Min(X(1.0), X(e.Ratio));
            double x1 = Math.Max(X(1.0), X(e.Ratio));
            html.Append("<g class=\"bar").Append(red ? " regressed" : "").Append("\" data-series=\"").Append(Escape(e.Key.ToString())).Append("\">")
                .Append("<title>").Append(Escape($"{e.Name}: {Ratio(e.Ratio)}x {e.RatioOf} ({Number(e.Value)} {e.Unit}){(red ? ", regressed" : "")}")).Append("</title>")
                .Append(string.Create(Inv, $"<text x=\"{labelWidth - 6}\" y=\"{F(y + 12.5)}\" text-anchor=\"end\" font-size=\"11\" fill=\"{(red ? RegressedColor : "#0f172a")}\">"))
                .Append(Escape(e.Name)).Append("</text>")
                .Append(string.Create(Inv, $"<rect x=\"{F(x0)}\" y=\"{F(y + 3)}\" width=\"{F(Math.Max(1, x1 - x0))}\" height=\"{rowHeight - 6}\" fill=\"{(red ? RegressedColor : LineColor)}\"/>"))
                .Append(string.Create(Inv, $"<text x=\"{labelWidth + plotWidth + 6}\" y=\"{F(y + 12.5)}\" font-size=\"11\" fill=\"{(red ? RegressedColor : "#334155")}\"{(red ? " font-weight=\"bold\"" : "")}>"))
                .Append(Ratio(e.Ratio)).Append("&#215;").Append(red ? " regressed" : "").Append("</text></g>\n");
        }

        html.Append(string.Create(Inv, $"<line class=\"ref\" x1=\"{F(X(1.0))}\" x2=\"{F(X(1.0))}\" y1=\"{top - 4}\" y2=\"{height - axis}\" stroke=\"#475569\" stroke-width=\"1\" stroke-dasharray=\"5 4\"/>\n"))
            .Append("</svg>\n");
    }

    private static void AppendFloors(StringBuilder html, RunRecord latest)
    {
        html.Append("<section>\n<h2>Physical floors <small>(latest run)</small></h2>\n<table id=\"floors\">\n")
            .Append("<thead><tr><th>Floor</th><th class=\"num\">Value</th></tr></thead>\n<tbody>\n");
        if (latest.Floors.Count == 0)
        {
            html.Append("<tr><td colspan=\"2\" class=\"muted\">The latest run recorded no floors.</td></tr>\n");
        }

        foreach (FloorEntry f in latest.Floors)
        {
            html.Append("<tr><td>").Append(Escape(f.Name)).Append("</td><td class=\"num\">").Append(Number(f.Value)).Append(' ')
                .Append(Escape(f.Unit)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendCharts(StringBuilder html, IReadOnlyList<RunRecord> runs, Dictionary<SeriesKey, RegressionResult> bySeries)
    {
        html.Append("<section>\n<h2>Ratio over commits</h2>\n");
        string? suite = null;
        foreach (SeriesKey key in Regression.SeriesOf(runs))
        {
            if (!string.Equals(suite, key.Suite, StringComparison.Ordinal))
            {
                if (suite is not null)
                {
                    html.Append("</div>\n");
                }

                suite = key.Suite;
                html.Append("<h3>").Append(Escape(suite)).Append("</h3>\n<div class=\"charts\">\n");
            }

            var points = new List<(RunRecord Run, BenchEntry Entry)>();
            foreach (RunRecord run in runs)
            {
                if (Regression.Find(run, key) is { } entry)
                {
                    points.Add((run, entry));
                }
            }

            int total = points.Count;
            if (points.Count > MaxChartPoints)
            {
                points.RemoveRange(0, points.Count - MaxChartPoints);
            }

            bySeries.TryGetValue(key, out RegressionResult? result);
            bool inLatest = result is not null;
            BenchEntry last = points[^1].Entry;
            html.Append("<figure class=\"series").Append(result?.IsRegressed == true ? " regressed" : "").Append("\">\n<figcaption><b>")
                .Append(Escape(key.Name)).Append("</b> <span class=\"muted\">ratio of ").Append(Escape(last.RatioOf.Length == 0 ? "reference" : last.RatioOf))
                .Append(last.LowerIsBetter ? ", lower is better" : ", higher is better");
            if (total > points.Count)
            {
                html.Append(string.Create(Inv, $"; last {points.Count} of {total} runs"));
            }

            if (!inLatest)
            {
                html.Append("; not in the latest run of its suite");
            }

            html.Append("</span></figcaption>\n");
            AppendChart(html, key, points, result?.IsRegressed == true);
            html.Append("</figure>\n");
        }

        if (suite is not null)
        {
            html.Append("</div>\n");
        }

        html.Append("</section>\n");
    }

    private static void AppendChart(StringBuilder html, SeriesKey key, List<(RunRecord Run, BenchEntry Entry)> points, bool regressed)
    {
        const double plotW = ChartWidth - PlotLeft - PlotRight;
        const double plotH = ChartHeight - PlotTop - PlotBottom;

        // The y range always holds the 1.0 reference, and spans at least 20% of its top so noise is not blown up.
        double lo = Math.Min(1.0, points.Min(p => p.Entry.Ratio));
        double hi = Math.Max(1.0, points.Max(p => p.Entry.Ratio));
        double span = Math.Max(hi - lo, Math.Abs(hi) * 0.2);
        double mid = (lo + hi) / 2;
        lo = mid - (span * 0.55);
        hi = mid + (span * 0.55);
        if (lo < 0 && points.All(p => p.Entry.Ratio >= 0))
        {
            hi -= lo;
            lo = 0;
        }

        double X(int i) => points.Count == 1 ? PlotLeft + (plotW / 2) : PlotLeft + (i * plotW / (points.Count - 1));
        double Y(double ratio) => PlotTop + ((hi - ratio) / (hi - lo) * plotH);

        html.Append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" data-series=\"").Append(Escape(key.ToString()))
            .Append(string.Create(Inv, $"\" width=\"{ChartWidth}\" height=\"{ChartHeight}\" viewBox=\"0 0 {ChartWidth} {ChartHeight}\" role=\"img\" aria-label=\""))
            .Append(Escape($"{key.Suite} / {key.Name}: ratio over {points.Count} runs")).Append("\">\n");

        // Frame and y axis: bottom, top and the 1.0 reference, labelled.
        html.Append(string.Create(Inv, $"<rect class=\"plot\" x=\"{PlotLeft}\" y=\"{PlotTop}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"#f8fafc\" stroke=\"#e2e8f0\"/>\n"));
        (double yStep, string format) = NiceStep((hi - lo) / 4);
        for (long k = (long)Math.Ceiling(lo / yStep); k <= (long)Math.Floor(hi / yStep); k++)
        {
            double tick = k * yStep;
            if (Math.Abs(Y(tick) - Y(1.0)) < 11)
            {
                continue; // the 1.0 reference has its own line and label
            }

            html.Append(string.Create(Inv, $"<line class=\"grid\" x1=\"{PlotLeft}\" x2=\"{PlotLeft + plotW}\" y1=\"{F(Y(tick))}\" y2=\"{F(Y(tick))}\" stroke=\"#e2e8f0\"/>\n"))
                .Append(string.Create(Inv, $"<text class=\"ylabel\" x=\"{PlotLeft - 5}\" y=\"{F(Y(tick) + 3.5)}\" text-anchor=\"end\" font-size=\"10\" fill=\"#64748b\">{tick.ToString(format, Inv)}</text>\n"));
        }

        html.Append(string.Create(Inv, $"<line class=\"ref\" x1=\"{PlotLeft}\" x2=\"{PlotLeft + plotW}\" y1=\"{F(Y(1.0))}\" y2=\"{F(Y(1.0))}\" stroke=\"#475569\" stroke-width=\"1\" stroke-dasharray=\"5 4\"/>\n"))
            .Append(string.Create(Inv, $"<text class=\"ylabel ref-label\" x=\"{PlotLeft - 5}\" y=\"{F(Y(1.0) + 3.5)}\" text-anchor=\"end\" font-size=\"10\" fill=\"#334155\">1.00&#215;</text>\n"));

        // X labels: short commits, thinned to at most MaxXLabels, always including the latest.
        int step = Math.Max(1, (int)Math.Ceiling(points.Count / (double)MaxXLabels));
        for (int i = 0; i < points.Count; i++)
        {
            bool isLast = i == points.Count - 1;
            if (!isLast && ((points.Count - 1 - i) % step != 0))
            {
                continue;
            }

            html.Append(string.Create(Inv, $"<text class=\"xlabel\" x=\"{F(X(i))}\" y=\"{ChartHeight - PlotBottom + 14}\" text-anchor=\"middle\" font-size=\"10\" font-family=\"ui-monospace, monospace\" fill=\"#64748b\">"))
                .Append(Escape(points[i].Run.ShortCommit)).Append("</text>\n");
        }

        // The series line, then a point per run on top of it.
        html.Append("<polyline class=\"line\" fill=\"none\" stroke=\"").Append(LineColor).Append("\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"");
        for (int i = 0; i < points.Count; i++)
        {
            html.Append(i == 0 ? "" : " ").Append(F(X(i))).Append(',').Append(F(Y(points[i].Entry.Ratio)));
        }

        html.Append("\"/>\n");
        for (int i = 0; i < points.Count; i++)
        {
            bool isLast = i == points.Count - 1;
            bool red = isLast && regressed;
            (RunRecord run, BenchEntry entry) = points[i];
            html.Append("<circle class=\"point").Append(isLast ? " latest" : "").Append(red ? " regressed" : "")
                .Append(string.Create(Inv, $"\" cx=\"{F(X(i))}\" cy=\"{F(Y(entry.Ratio))}\" r=\"{(red ? 5 : 3.5)}\" fill=\"{(red ? RegressedColor : LineColor)}\" stroke=\"#fff\" stroke-width=\"1\">"))
                .Append("<title>").Append(Escape($"{run.ShortCommit} {HistoryFile.FormatDate(run.Date)}: {Ratio(entry.Ratio)}x ({Number(entry.Value)} {entry.Unit})")).Append("</title></circle>\n");
            if (red)
            {
                double x = X(i);
                string anchor = x > PlotLeft + (plotW / 2) ? "end" : "start";
                double lx = anchor == "end" ? x - 8 : x + 8;
                double ly = Y(entry.Ratio) < PlotTop + 14 ? Y(entry.Ratio) + 16 : Y(entry.Ratio) - 8;
                html.Append(string.Create(Inv, $"<text class=\"regressed-label\" x=\"{F(lx)}\" y=\"{F(ly)}\" text-anchor=\"{anchor}\" font-size=\"11\" font-weight=\"bold\" fill=\"{RegressedColor}\">"))
                    .Append(Ratio(entry.Ratio)).Append("&#215; regressed</text>\n");
            }
        }

        html.Append("</svg>\n");
    }

    private static void AppendFooter(StringBuilder html, double threshold)
    {
        html.Append("<footer>Every figure is a ratio measured side by side in one run (remoted / native, or ours / physical floor), so it is comparable across runs on one machine. ")
            .Append("A series regresses when its latest ratio is worse than the median of up to ").Append(Regression.DefaultWindow.ToString(Inv))
            .Append(" previous runs by more than ").Append(Percent(threshold)).Append(". Source: <code>")
            .Append(Escape(HistoryFile.DefaultRelativePath)).Append("</code>.</footer>\n");
    }

    /// <summary>A round tick step near <paramref name="rough"/> (1, 2, 2.5 or 5 times a power of ten) and a format that shows it.</summary>
    private static (double Step, string Format) NiceStep(double rough)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double m = rough / power;
        double nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10;
        double step = nice * power;
        int decimals = Math.Clamp((int)-Math.Floor(Math.Log10(step) + 1e-9) + (nice == 2.5 ? 1 : 0), 0, 4);
        return (step, decimals == 0 ? "0" : "0." + new string('0', decimals));
    }

    private static string F(double v) => v.ToString("0.#", Inv);

    private static string Ratio(double r) => Math.Abs(r) >= 100 ? r.ToString("0", Inv) : Math.Abs(r) >= 0.1 || r == 0 ? r.ToString("0.00", Inv) : r.ToString("0.###", Inv);

    private static string Number(double v)
    {
        double a = Math.Abs(v);
        return a >= 10000 ? v.ToString("#,0", Inv)
            : a >= 100 ? v.ToString("0.#", Inv)
            : a >= 1 || a == 0 ? v.ToString("0.##", Inv)
            : v.ToString("G3", Inv);
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", Inv) + "%";

    private static string SignedPercent(double fraction) => (fraction >= 0 ? "+" : "&minus;") + Percent(Math.Abs(fraction));

    private static string Count(int n, string noun) => n.ToString(Inv) + " " + noun + (n == 1 ? "" : "s");

    private const string Css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; padding: 24px 32px 40px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #0f172a; background: #fff; }
        h1 { margin: 0 0 4px; font-size: 24px; }
        h2 { margin: 28px 0 10px; font-size: 18px; border-bottom: 1px solid #e2e8f0; padding-bottom: 4px; }
        h2 small { font-weight: normal; color: #64748b; font-size: 13px; }
        h3 { margin: 18px 0 8px; font-size: 15px; color: #334155; text-transform: uppercase; letter-spacing: .04em; }
        code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px; background: #f1f5f9; padding: 1px 4px; border-radius: 3px; }
        .meta { margin: 0; color: #475569; }
        .muted { color: #64748b; }
        .banner { margin: 16px 0 8px; padding: 12px 16px; border-radius: 6px; border: 1px solid; }
        .banner.good { background: #f0fdf4; border-color: #86efac; color: #14532d; }
        .banner.none { background: #f8fafc; border-color: #cbd5e1; color: #334155; }
        .banner.bad { background: #fef2f2; border-color: #fca5a5; color: #7f1d1d; }
        .banner ul { margin: 6px 0 0; padding-left: 20px; }
        table { border-collapse: collapse; width: 100%; max-width: 1200px; }
        th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid #e2e8f0; vertical-align: baseline; }
        th { background: #f8fafc; font-weight: 600; color: #334155; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.worse { color: #b91c1c; }
        td.better { color: #15803d; }
        tr.regressed td { background: #fef2f2; }
        .pill { display: inline-block; min-width: 84px; text-align: center; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 700; letter-spacing: .03em; }
        .pill.ok { background: #dcfce7; color: #166534; }
        .pill.regressed { background: #dc2626; color: #fff; }
        .pill.new { background: #e2e8f0; color: #334155; }
        #floors { max-width: 640px; }
        .charts { display: flex; flex-wrap: wrap; gap: 14px; }
        figure.series { margin: 0; padding: 8px 10px 4px; border: 1px solid #e2e8f0; border-radius: 6px; width: 394px; }
        figure.series.regressed { border-color: #fca5a5; background: #fffafa; }
        figcaption { font-size: 13px; margin-bottom: 2px; overflow-wrap: anywhere; }
        figcaption .muted { font-size: 12px; }
        svg.chart, svg.bars { display: block; }
        figure.suite-ratios { margin: 0; padding: 8px 10px 4px; border: 1px solid #e2e8f0; border-radius: 6px; }
        #empty { font-size: 16px; color: #334155; }
        footer { margin-top: 32px; color: #64748b; font-size: 12px; max-width: 1000px; }

        """;
}
