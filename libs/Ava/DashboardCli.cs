using System.CommandLine;
using Ava.Dashboard;

namespace Ava;

/// <summary><c>ava dashboard</c>: renders artifacts/dashboard/index.html from the history file; <c>--readme FILE</c> also rewrites that file's headline figures from the latest run.</summary>
internal static class DashboardCli
{
    public static Command Create()
    {
        var history = new Option<string>("--history") { HelpName = "FILE", Description = $"the history to render (default: {HistoryFile.DefaultRelativePath} of the checkout)" };
        var output = new Option<string>("--out") { HelpName = "DIR", Description = "where index.html goes (default: artifacts/dashboard of the checkout)" };
        var threshold = new Option<double>("--threshold")
        {
            HelpName = "FRACTION",
            DefaultValueFactory = _ => Regression.DefaultThreshold,
            Description = "flag a series whose latest ratio is worse than its baseline by more than this fraction",
        };
        var readme = new Option<string>("--readme") { HelpName = "FILE", Description = "also rewrite FILE's headline figures from the latest run" };
        var command = new Command("dashboard", "render the performance dashboard (artifacts/dashboard/index.html) from the history file")
        {
            history,
            output,
            threshold,
            readme,
        };
        command.SetAction(result => Render(result.GetValue(history), result.GetValue(output), result.GetValue(threshold), result.GetValue(readme)));
        return command;
    }

    private static int Render(string? historyFile, string? outputDirectory, double threshold, string? readme)
    {
        var root = RepositoryRoot();
        var history = historyFile ?? Path.Combine(root, HistoryFile.DefaultRelativePath);
        var output = outputDirectory ?? Path.Combine(root, "artifacts", "dashboard");
        var status = DashboardCommand.Run(history, output, threshold, Console.Out);
        if (status != 0 || readme is null)
        {
            return status;
        }

        // The README names the history as the repository does when it is the repository's own.
        var historyName = Path.GetFullPath(history) == Path.Combine(root, HistoryFile.DefaultRelativePath) ? HistoryFile.DefaultRelativePath : history;
        return DashboardCommand.UpdateReadme(history, readme, historyName, Console.Out);
    }

    /// <summary>The repository root: the ava binary lives in artifacts/bin; else the current directory.</summary>
    internal static string RepositoryRoot()
    {
        var bin = Path.GetDirectoryName(Environment.ProcessPath) ?? ".";
        var candidate = Path.GetFullPath(Path.Combine(bin, "..", ".."));
        return File.Exists(Path.Combine(candidate, "Directory.Build.props")) ? candidate : Directory.GetCurrentDirectory();
    }
}
