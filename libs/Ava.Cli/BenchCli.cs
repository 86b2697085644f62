using Ava.Transport.Native;

namespace Ava.Cli;

/// <summary>
/// <c>ava bench [transport] [opencl] [workloads] [--quick] [--filter GLOB]... [--no-history] [--history FILE]</c>: drives
/// the bench project (BenchmarkDotNet needs the JIT, so it cannot live inside this NativeAOT command) and appends its
/// results to the history file.
/// </summary>
internal static class BenchCli
{
    public static int Run(string[] args)
    {
        var root = DashboardCli.RepositoryRoot();
        var project = Path.Combine(root, "bench", "Ava.Bench", "Ava.Bench.csproj");
        if (!File.Exists(project))
        {
            Console.Error.WriteLine($"ava bench: {project} not found; run ava from a checkout's artifacts/bin");
            return 1;
        }

        var dotnet = FindOnPath("dotnet");
        if (dotnet is null)
        {
            Console.Error.WriteLine("ava bench: the .NET SDK (dotnet) is needed to run the benchmarks");
            return 1;
        }

        string[] argv = [dotnet, "run", "-c", "Release", "--project", project, "--", .. args];
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => $"{e.Key}={e.Value}").Append($"AVA_ROOT={root}").ToArray();
        var pid = ProcessSpawner.Spawn(dotnet, argv, environment, []);
        return ProcessSpawner.WaitExit(pid);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
}
