using System.CommandLine;
using System.Globalization;
using Ava.Transport.Native;

namespace Ava;

/// <summary>
/// <c>ava bench rodinia ...</c> (<see cref="RodiniaCli"/>) and <c>ava bench [transport] [opencl] [workloads] [migration] [--quick] [--workload-scale S] [--filter GLOB]... [--no-history] [--history FILE]</c>: drives
/// the bench project (BenchmarkDotNet needs the JIT, so it cannot live inside this NativeAOT command) and appends its
/// results to the history file.
/// </summary>
internal static class BenchCli
{
    public static Command Create()
    {
        var suites = new Argument<string[]>("suite")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "transport: the AvaTest microbenchmarks native, shm and unix beside the C floors; opencl: the hottest OpenCL calls, system library vs our drop-in; workloads: the OpenCL workloads natively, remoted, and remoted with the replay log on; migration: migration time against live state size, 1 MiB to 1 GiB (default: the first three)",
        };
        suites.AcceptOnlyFromAmong("transport", "opencl", "workloads", "migration");
        var quick = new Option<bool>("--quick") { Description = "short BenchmarkDotNet runs, workloads at scale 0.2" };
        var scale = new Option<double?>("--workload-scale")
        {
            HelpName = "S",
            Description = "the workloads' problem size, 0 < S <= 10 (1: full size)",
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) || s is not (> 0 and <= 10))
                {
                    result.AddError($"--workload-scale needs a scale above 0 and at most 10, not '{text}'");
                }

                return s;
            },
        };
        var filters = new Option<string[]>("--filter") { HelpName = "GLOB", Description = "only the benchmarks matching GLOB (repeatable)" };
        var noHistory = new Option<bool>("--no-history") { Description = "do not append the results to the history" };
        var history = new Option<string>("--history") { HelpName = "FILE", Description = "the history to append to (default: bench/results/history.jsonl of the checkout)" };
        var command = new Command("bench", "run the benchmark suites (BenchmarkDotNet, needs the .NET SDK and a checkout) and append their ratios to the history")
        {
            suites,
            quick,
            scale,
            filters,
            noHistory,
            history,
        };
        command.Subcommands.Add(RodiniaCli.Create());
        command.SetAction(result =>
        {
            // The bench project parses the same options again (and records them in the history as the command run).
            List<string> forwarded = [.. result.GetValue(suites) ?? []];
            if (result.GetValue(quick))
            {
                forwarded.Add("--quick");
            }

            if (result.GetValue(scale) is { } s)
            {
                forwarded.AddRange(["--workload-scale", s.ToString(CultureInfo.InvariantCulture)]);
            }

            forwarded.AddRange((result.GetValue(filters) ?? []).SelectMany(f => (string[])["--filter", f]));
            if (result.GetValue(noHistory))
            {
                forwarded.Add("--no-history");
            }

            if (result.GetValue(history) is { } file)
            {
                forwarded.AddRange(["--history", file]);
            }

            return Run([.. forwarded]);
        });
        return command;
    }

    private static int Run(string[] args)
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
