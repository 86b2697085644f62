using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace Ava.Rodinia;

/// <summary>One remoted run of the matrix: a move (or a kill) drawn from a seed, and whether the output was the native one.</summary>
/// <param name="Seed">AVA_MIGRATION_SEED or AVA_FAULT_SEED.</param>
/// <param name="Call">The call the guest drew (0: it drew none, which means the log line is missing).</param>
/// <param name="Moved">Whether the process reached a new worker (migrated, or recovered after the kill).</param>
/// <param name="Difference">What differed from the native output, or why the run failed; null: identical.</param>
public sealed record MatrixRun(int Seed, long Call, bool Moved, string? Difference)
{
    /// <summary>Whether the run proves what it set out to: it moved and printed the native output.</summary>
    public bool Passed => Moved && Difference is null;
}

/// <summary>The matrix's row of one program.</summary>
/// <param name="Program">The program.</param>
/// <param name="Limit">Calls of a remoted run (the worker's count): the random calls are drawn below it.</param>
/// <param name="Migrations">The runs migrated at a random call.</param>
/// <param name="Recoveries">The runs whose worker was killed at a random call, under AVA_RECOVER=1.</param>
/// <param name="Failure">Why the program could not be tried (not built, native run failed); null when it was.</param>
public sealed record MatrixRow(string Program, long Limit, IReadOnlyList<MatrixRun> Migrations, IReadOnlyList<MatrixRun> Recoveries, string? Failure)
{
    /// <summary>Whether every run moved and was identical to native.</summary>
    public bool Passed => Failure is null && Migrations.All(r => r.Passed) && Recoveries.All(r => r.Passed);
}

public static partial class RodiniaBench
{
    /// <summary>
    /// The migration and recovery matrix (<c>ava bench rodinia --matrix N|LIST</c>): each program runs natively once,
    /// remoted once to count its calls, then once per seed (1..N, or those listed) migrated at a call drawn below that
    /// count (AVA_MIGRATION_CALL_ID=r&lt;calls&gt;, AVA_MIGRATION_SEED) and once with its worker killed at such a call under
    /// AVA_RECOVER=1 (AVA_FAULT_KILL_WORKER_AT, AVA_FAULT_SEED); every remoted run must move and print the native output.
    /// Programs in different folders run side by side, one per core.
    /// </summary>
    /// <param name="options">What to run (Rodinia tree, size, programs).</param>
    /// <param name="seeds">The seeds: one run of each kind per seed and program.</param>
    /// <param name="console">Where the lines and the table go.</param>
    /// <returns>0 when every run passed, 1 otherwise, 2 for a usage problem.</returns>
    public static int RunMatrix(RodiniaOptions options, IReadOnlyList<int> seeds, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(console);
        var status = Prepare(options, console, (_, _, size) => $"[bold]Rodinia ({Markup.Escape(options.Label)}, {size} size): migration and recovery matrix, seeds {string.Join(",", seeds)}[/]", out var suite);
        if (suite is null)
        {
            return status;
        }

        var (output, programs, built) = suite;
        // Runs of one folder share its output files, so a folder's programs run one after another.
        var rows = new ConcurrentDictionary<string, MatrixRow>(StringComparer.Ordinal);
        var lines = new object();
        Parallel.ForEach(
            programs.GroupBy(p => p.Directory).ToList(),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) },
            group =>
            {
                foreach (var program in group)
                {
                    var row = built.Contains(program.Directory)
                        ? MatrixOf(options, program, Path.Combine(output, "src", options.SourceApi, program.Directory), seeds)
                        : new MatrixRow(program.Name, 0, [], [], $"not built, see {Path.Combine(output, "logs", program.Directory + ".log")}");
                    rows[program.Name] = row;
                    lock (lines)
                    {
                        console.MarkupLine(MatrixLine(row));
                    }
                }
            });

        var ordered = programs.Select(p => rows[p.Name]).ToList();
        console.Write(MatrixTable(ordered, seeds));
        if (options.Report is { } report)
        {
            File.WriteAllLines(report, ["program\tlimit\tkind\tseed\tcall\tmoved\toutput", .. ordered.SelectMany(ReportLines)]);
        }

        return ordered.All(r => r.Passed) ? 0 : 1;
    }

    private static MatrixRow MatrixOf(RodiniaOptions options, RodiniaProgram program, string directory, IReadOnlyList<int> seeds)
    {
        var command = program.Command(options.Quick);
        string[] remoted = ["run", "--api", options.RunApi, "--", .. command];
        var reference = Execute(program, directory, command[0], command.Skip(1));
        if (reference.ExitCode != 0)
        {
            return new MatrixRow(program.Name, 0, [], [], $"native exit {reference.ExitCode}: {Tail(reference.Stdout + reference.Stderr)}");
        }

        var log = Path.Combine(Path.GetTempPath(), $"ava-matrix-{Environment.ProcessId}-{program.Name}.log");
        try
        {
            File.Delete(log);
            var counting = Execute(program, directory, options.Ava, remoted, log);
            var limit = File.Exists(log) ? File.ReadLines(log).Select(l => WorkerLine().Match(l)).Where(m => m.Success).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)) : 0;
            if (counting.ExitCode != 0 || limit < 2)
            {
                return new MatrixRow(program.Name, limit, [], [], $"remoted exit {counting.ExitCode}, {limit} calls counted: {Tail(counting.Stdout + counting.Stderr)}");
            }

            MatrixRun Try(int seed, Dictionary<string, string> environment, string drawn, string moved)
            {
                File.Delete(log);
                var run = Execute(program, directory, options.Ava, remoted, log, environment);
                var text = File.Exists(log) ? File.ReadAllLines(log) : [];
                var call = text.Select(l => DrawnCall().Match(l)).FirstOrDefault(m => m.Success && m.Groups[1].Value == drawn) is { } match
                    ? long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
                var difference = run.ExitCode != 0 ? $"exit {run.ExitCode}: {Tail(run.Stdout + run.Stderr)}" : Outputs.Difference(reference.Outputs, run.Outputs, program.Tolerance);
                var didMove = text.Any(l => l.Contains(moved, StringComparison.Ordinal));
                if (!didMove && difference is null)
                {
                    difference = text.FirstOrDefault(l => l.Contains("not moving", StringComparison.Ordinal) || l.Contains("failed in the new worker", StringComparison.Ordinal)) ?? "did not move";
                }

                return new MatrixRun(seed, call, didMove, difference);
            }

            var at = $"r{limit}";
            var migrations = seeds.Select(seed => Try(seed, new() { ["AVA_MIGRATION_CALL_ID"] = at, ["AVA_MIGRATION_SEED"] = Seed(seed) }, "AVA_MIGRATION_CALL_ID", "moved to a new")).ToList();
            var recoveries = seeds.Select(seed => Try(seed, new() { ["AVA_RECOVER"] = "1", ["AVA_FAULT_KILL_WORKER_AT"] = at, ["AVA_FAULT_SEED"] = Seed(seed) }, "AVA_FAULT_KILL_WORKER_AT", "recovered in a new")).ToList();
            return new MatrixRow(program.Name, limit, migrations, recoveries, null);
        }
        finally
        {
            File.Delete(log);
        }
    }

    private static string Seed(int seed) => seed.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(AVA_MIGRATION_CALL_ID|AVA_FAULT_KILL_WORKER_AT)=r\d+ \(seed [^)]*\): call (\d+)")]
    private static partial Regex DrawnCall();

    private static string Runs(IReadOnlyList<MatrixRun> runs) =>
        string.Join(" ", runs.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Seed}:{r.Call}{(r.Passed ? "" : r.Moved ? "!" : "?")}")));

    private static string MatrixLine(MatrixRow row)
    {
        if (row.Failure is not null)
        {
            return $"[yellow]{Markup.Escape(row.Program)}: {Markup.Escape(row.Failure)}[/]";
        }

        static string Kind(string name, IReadOnlyList<MatrixRun> runs)
        {
            var identical = runs.Count(r => r.Passed);
            var first = runs.FirstOrDefault(r => !r.Passed);
            return $"{name} (seed:call) {Runs(runs)}: {identical} of {runs.Count} identical"
                + (first is null ? "" : $", seed {first.Seed} {(first.Moved ? "different" : "not moved")}: {Tail(first.Difference ?? "")}");
        }

        var colour = row.Passed ? "green" : "red";
        return $"[{colour}]{Markup.Escape(row.Program)}[/] below call {row.Limit}: {Markup.Escape(Kind("migrated", row.Migrations))}; {Markup.Escape(Kind("killed and recovered", row.Recoveries))}";
    }

    private static Table MatrixTable(List<MatrixRow> rows, IReadOnlyList<int> seeds)
    {
        var table = new Table().Title($"Migration and recovery at random calls, {seeds.Count} seeds each: runs identical to native")
            .AddColumn("program").AddColumn(new TableColumn("calls").RightAligned())
            .AddColumn(new TableColumn("migrated").RightAligned()).AddColumn(new TableColumn("killed, recovered").RightAligned());
        foreach (var row in rows)
        {
            string Cell(IReadOnlyList<MatrixRun> runs) => row.Failure is not null ? "-"
                : runs.All(r => r.Passed) ? $"[green]{runs.Count} of {runs.Count}[/]" : $"[red]{runs.Count(r => r.Passed)} of {runs.Count}[/]";
            table.AddRow(Markup.Escape(row.Program), row.Limit.ToString(CultureInfo.InvariantCulture), Cell(row.Migrations), Cell(row.Recoveries));
        }

        return table;
    }

    private static IEnumerable<string> ReportLines(MatrixRow row)
    {
        if (row.Failure is not null)
        {
            return [$"{row.Program}\t{row.Limit}\t-\t-\t-\t-\t{row.Failure.Replace('\t', ' ')}"];
        }

        return row.Migrations.Select(r => ("migrate", r)).Concat(row.Recoveries.Select(r => ("recover", r))).Select(k => string.Join('\t',
            row.Program,
            row.Limit.ToString(CultureInfo.InvariantCulture),
            k.Item1,
            k.r.Seed.ToString(CultureInfo.InvariantCulture),
            k.r.Call.ToString(CultureInfo.InvariantCulture),
            k.r.Moved ? "yes" : "no",
            (k.r.Difference ?? "identical").Replace('\t', ' ').ReplaceLineEndings(" ")));
    }
}
