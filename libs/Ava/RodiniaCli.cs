using System.CommandLine;
using Ava.Dashboard;
using Ava.Rodinia;
using Spectre.Console;

namespace Ava;

/// <summary>
/// <c>ava bench rodinia [--api opencl|cuda] [--quick] [--rodinia DIR] [--rounds N] [--only NAME]... [--no-history] [--history FILE] [--report FILE] [--migrate r&lt;LIMIT&gt;] [--matrix SEEDS]</c>:
/// the real Rodinia suite natively and remoted. Part of the NativeAOT command, so it runs where only the carried
/// artifacts are (the GPU machine has no .NET SDK): it needs bash, make and gcc (or nvcc) and a checkout's bench/rodinia.
/// </summary>
internal static class RodiniaCli
{
    public static Command Create()
    {
        var api = new Option<string>("--api") { HelpName = "API", DefaultValueFactory = _ => "opencl", Description = "opencl (PoCL here), cuda (built with nvcc, run through libcuda.so.1) or cudart (built with nvcc -cudart shared, run through libcudart.so.13)" };
        api.AcceptOnlyFromAmong([.. RodiniaSuite.Apis]);
        var quick = new Option<bool>("--quick") { Description = "the quick sizes (what CI runs) instead of the full ones" };
        var tree = new Option<string>("--rodinia") { HelpName = "DIR", Description = "the Rodinia 3.1 tree to build from, only read (default: shared/rodinia beside the checkout)" };
        var rounds = new Option<int>("--rounds") { HelpName = "N", DefaultValueFactory = _ => 3, Description = "alternating native/remoted rounds per program, after a native reference run" };
        rounds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 100)
            {
                result.AddError("--rounds needs 1 to 100");
            }
        });
        var only = new Option<string[]>("--only") { HelpName = "NAME", Description = "only this program (repeatable)" };
        var noHistory = new Option<bool>("--no-history") { Description = "do not append the ratios to the history" };
        var history = new Option<string>("--history") { HelpName = "FILE", Description = $"the history to append to (default: {HistoryFile.DefaultRelativePath} of the checkout)" };
        var migrate = new Option<string>("--migrate") { HelpName = "r<LIMIT>|N", Description = "move every remoted run to a new worker at a call (AVA_MIGRATION_CALL_ID; r<LIMIT>: random below LIMIT, seeded by the round) and require that it moved" };
        var via = new Option<string>("--via") { HelpName = "API", Description = "run the remoted side through this API's drop-in instead (--api cudart --via cuda: the real runtime over libcuda.so.1 alone)" };
        via.AcceptOnlyFromAmong("cuda", "cudart");
        var matrix = new Option<int[]>("--matrix")
        {
            HelpName = "SEEDS",
            Description = "instead of timing: per program, a run migrated at a random call and a run with the worker killed at a random call under AVA_RECOVER=1 per seed, each identical to native; SEEDS: a count N (seeds 1..N) or a list (1,2,6)",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                var parts = text.Split(',', StringSplitOptions.TrimEntries);
                var numbers = parts.Select(p => int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
                if (numbers.Length == 0 || numbers.Any(n => n is < 1 or > 100))
                {
                    result.AddError($"--matrix needs a count of 1 to 100 seeds or a list of seeds from 1 to 100, not '{text}'");
                    return [];
                }

                return parts.Length == 1 ? [.. Enumerable.Range(1, numbers[0])] : [.. numbers.Distinct()];
            },
        };
        var report = new Option<string>("--report") { HelpName = "FILE", Description = "also write the table as tab-separated text" };
        var command = new Command("rodinia", "build the real Rodinia programs, run each natively and through ava run, compare their outputs, append the ratios to the history")
        {
            api,
            quick,
            tree,
            rounds,
            only,
            noHistory,
            history,
            report,
            migrate,
            via,
            matrix,
        };
        command.SetAction(result =>
        {
            var root = DashboardCli.RepositoryRoot();
            var words = new List<string> { "ava", "bench", "rodinia", "--api", result.GetValue(api)! };
            if (result.GetValue(quick))
            {
                words.Add("--quick");
            }

            words.AddRange(["--rounds", result.GetValue(rounds).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (result.GetValue(via) is { } through)
            {
                words.AddRange(["--via", through]);
            }

            if (result.GetValue(migrate) is { } at)
            {
                words.AddRange(["--migrate", at]);
            }

            var options = new RodiniaOptions(
                root,
                Environment.ProcessPath ?? Path.Combine(root, "artifacts", "bin", "ava"),
                result.GetValue(api)!,
                result.GetValue(quick),
                result.GetValue(tree) is { } t ? Path.GetFullPath(t) : null,
                result.GetValue(rounds),
                result.GetValue(noHistory) ? null : Path.GetFullPath(result.GetValue(history) ?? Path.Combine(root, HistoryFile.DefaultRelativePath)),
                result.GetValue(report) is { } r ? Path.GetFullPath(r) : null,
                result.GetValue(only) ?? [])
            {
                Command = string.Join(' ', words),
                Migrate = result.GetValue(migrate),
                Via = result.GetValue(via),
            };
            return result.GetValue(matrix) is { Length: > 0 } seeds ? RodiniaBench.RunMatrix(options, seeds, AnsiConsole.Console) : RodiniaBench.Run(options, AnsiConsole.Console);
        });
        return command;
    }
}
