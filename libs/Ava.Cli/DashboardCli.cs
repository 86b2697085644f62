using Ava.Dashboard;

namespace Ava.Cli;

/// <summary><c>ava dashboard</c>: renders artifacts/dashboard/index.html from the history file; <c>--readme FILE</c> also rewrites that file's headline figures from the latest run.</summary>
internal static class DashboardCli
{
    public static int Run(string[] args)
    {
        var root = RepositoryRoot();
        var history = Path.Combine(root, HistoryFile.DefaultRelativePath);
        var output = Path.Combine(root, "artifacts", "dashboard");
        var threshold = Regression.DefaultThreshold;
        string? readme = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--history" when i + 1 < args.Length:
                    history = args[++i];
                    break;
                case "--readme" when i + 1 < args.Length:
                    readme = args[++i];
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--threshold" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var t):
                    threshold = t;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"ava dashboard: unknown argument '{args[i]}'");
                    return 2;
            }
        }

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
