// Entry point behind `ava dashboard`: history file in, artifacts/dashboard/index.html out (and, when asked, the
// README's headline figures).
using System.Globalization;
using System.Text;

namespace Ava.Dashboard;

/// <summary>Renders the dashboard from the history file into a folder.</summary>
public static class DashboardCommand
{
    /// <summary>Name of the page written into the output folder.</summary>
    public const string PageFileName = "index.html";

    /// <summary>Loads <paramref name="historyPath"/>, renders the dashboard and writes <c>index.html</c> into <paramref name="outputDir"/>.</summary>
    /// <param name="historyPath">The JSON Lines history; a missing file renders the "no runs yet" page.</param>
    /// <param name="outputDir">Folder for <c>index.html</c>; created when missing.</param>
    /// <param name="threshold">Relative regression threshold, 0.10 for 10%.</param>
    /// <param name="log">Receives the page path and the regression count, or the error.</param>
    /// <returns>0 when the page was written (regressions are reported, not failures); 1 when the history cannot be read or the page cannot be written; 2 for an invalid threshold.</returns>
    public static int Run(string historyPath, string outputDir, double threshold, TextWriter log)
    {
        ArgumentException.ThrowIfNullOrEmpty(historyPath);
        ArgumentException.ThrowIfNullOrEmpty(outputDir);
        ArgumentNullException.ThrowIfNull(log);

        if (!(threshold >= 0) || !double.IsFinite(threshold))
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dashboard: invalid threshold {threshold}; expected a fraction >= 0 such as 0.1 for 10%"));
            return 2;
        }

        IReadOnlyList<RunRecord> runs;
        try
        {
            runs = HistoryFile.Load(historyPath);
        }
        catch (Exception e) when (e is HistoryFormatException or IOException or UnauthorizedAccessException)
        {
            log.WriteLine("dashboard: cannot read history: " + e.Message);
            return 1;
        }

        string html = DashboardRenderer.Render(runs, threshold);
        string page = Path.GetFullPath(Path.Combine(outputDir, PageFileName));
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(page)!);
            string temp = page + ".tmp";
            File.WriteAllText(temp, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, page, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.WriteLine("dashboard: cannot write " + page + ": " + e.Message);
            return 1;
        }

        int regressions = runs.Count == 0 ? 0 : Regression.AnalyzeLatestOfEachSuite(runs, threshold).Count(r => r.IsRegressed);
        log.WriteLine("dashboard: " + page);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dashboard: {runs.Count} run(s), {regressions} regression(s) in the latest run of each suite (threshold {threshold * 100:0.#}%)"));
        return 0;
    }

    /// <summary>Rewrites the headline block of <paramref name="readmePath"/> from the latest run of <paramref name="historyPath"/>.</summary>
    /// <param name="historyPath">The JSON Lines history.</param>
    /// <param name="readmePath">The README holding the <see cref="Headline.Begin"/> and <see cref="Headline.End"/> markers.</param>
    /// <param name="historyName">How the README names the history file.</param>
    /// <param name="log">Receives what was written, or the error.</param>
    /// <returns>0 when the README was written; 1 when the history is empty or unreadable, or the README has no block or cannot be written.</returns>
    public static int UpdateReadme(string historyPath, string readmePath, string historyName, TextWriter log)
    {
        ArgumentException.ThrowIfNullOrEmpty(historyPath);
        ArgumentException.ThrowIfNullOrEmpty(readmePath);
        ArgumentNullException.ThrowIfNull(historyName);
        ArgumentNullException.ThrowIfNull(log);
        try
        {
            IReadOnlyList<RunRecord> runs = HistoryFile.Load(historyPath);
            if (runs.Count == 0)
            {
                log.WriteLine("dashboard: " + historyPath + " holds no run to quote in " + readmePath);
                return 1;
            }

            RunRecord quoted = Headline.Quoted(runs);
            string text = Headline.Replace(File.ReadAllText(readmePath), Headline.Render(quoted, historyName));
            File.WriteAllText(readmePath, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            log.WriteLine("dashboard: " + Path.GetFullPath(readmePath) + ": headline figures of commit " + quoted.ShortCommit
                + (quoted.Command.Length > 0 ? " (" + quoted.Command + ")" : ""));
            return 0;
        }
        catch (Exception e) when (e is HistoryFormatException or FormatException or IOException or UnauthorizedAccessException)
        {
            log.WriteLine("dashboard: cannot update " + readmePath + ": " + e.Message);
            return 1;
        }
    }
}
