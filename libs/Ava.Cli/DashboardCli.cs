using Ava.Dashboard;

namespace Ava.Cli;

/// <summary><c>ava dashboard</c>: renders artifacts/dashboard/index.html from the history file.</summary>
internal static class DashboardCli
{
    public static int Run(string[] args)
    {
        var root = RepositoryRoot();
        var history = Path.Combine(root, HistoryFile.DefaultRelativePath);
        var output = Path.Combine(root, "artifacts", "dashboard");
        var threshold = Regression.DefaultThreshold;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--history" when i + 1 < args.Length:
                    history = args[++i];
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

        return DashboardCommand.Run(history, output, threshold, Console.Out);
    }

    /// <summary>The repository root: the ava binary lives in artifacts/bin; else the current directory.</summary>
    internal static string RepositoryRoot()
    {
        var bin = Path.GetDirectoryName(Environment.ProcessPath) ?? ".";
        var candidate = Path.GetFullPath(Path.Combine(bin, "..", ".."));
        return File.Exists(Path.Combine(candidate, "Directory.Build.props")) ? candidate : Directory.GetCurrentDirectory();
    }
}
