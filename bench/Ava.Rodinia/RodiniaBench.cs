using System.Diagnostics;
using System.Globalization;
using Ava.Dashboard;
using Spectre.Console;

namespace Ava.Rodinia;

/// <summary>What <c>ava bench rodinia</c> was asked to do.</summary>
/// <param name="Root">The checkout (bench/rodinia, artifacts/).</param>
/// <param name="Ava">The <c>ava</c> binary that runs the remoted side.</param>
/// <param name="Api"><c>opencl</c>, <c>cuda</c> (nvcc's default static runtime) or <c>cudart</c> (the CUDA programs built with <c>-cudart shared</c>).</param>
/// <param name="Quick">The quick sizes (CI) instead of the full ones.</param>
/// <param name="Tree">The Rodinia tree to build from; null: <c>shared/rodinia</c> beside or above the checkout.</param>
/// <param name="Rounds">Native/remoted pairs per program, alternating.</param>
/// <param name="History">The history to append to; null: none.</param>
/// <param name="Report">A tab-separated copy of the table; null: none.</param>
/// <param name="Only">Only these programs (by name); empty: all.</param>
public sealed record RodiniaOptions(string Root, string Ava, string Api, bool Quick, string? Tree, int Rounds, string? History, string? Report, IReadOnlyList<string> Only)
{
    /// <summary>The command line recorded with the history line.</summary>
    public string Command { get; init; } = "ava bench rodinia";

    /// <summary>
    /// AVA_MIGRATION_CALL_ID for every remoted run (<c>r&lt;limit&gt;</c>: a random call below limit, seeded by the
    /// round number, so round k of every run moves at the same call); null: no migration.
    /// </summary>
    public string? Migrate { get; init; }

    /// <summary>
    /// The drop-in the remoted side runs through (<c>ava run --api</c>); null: the build's own API. A <c>cudart</c>
    /// build through <c>cuda</c> is the real runtime over our driver library alone.
    /// </summary>
    public string? Via { get; init; }

    /// <summary>The API whose drop-in the remoted runs load.</summary>
    public string RunApi => Via ?? Api;

    /// <summary>The Rodinia folder the programs come from (the <c>cudart</c> build is of the CUDA sources).</summary>
    public string SourceApi => Api == "cudart" ? "cuda" : Api;

    /// <summary>How the history and the table name this run's programs.</summary>
    public string Label => Via is null ? Api : $"{Api} via {Via}";
}

/// <summary>One row of the final table.</summary>
/// <param name="Program">The program.</param>
/// <param name="Native">Median native wall time, seconds (NaN when it did not run).</param>
/// <param name="Remoted">Median remoted wall time, seconds.</param>
/// <param name="RatioLow">Lowest per-round remoted/native ratio.</param>
/// <param name="RatioHigh">Highest per-round ratio.</param>
/// <param name="Verdict"><c>same</c>, <c>different</c>, <c>not built</c> or <c>failed</c>.</param>
/// <param name="Detail">What differed or failed; how it was compared.</param>
public sealed record RodiniaResult(string Program, double Native, double Remoted, double RatioLow, double RatioHigh, string Verdict, string Detail)
{
    /// <summary>Median remoted / median native.</summary>
    public double Ratio => Remoted / Native;

    /// <summary>Whether the program ran on both sides with the same outputs.</summary>
    public bool Same => Verdict == "same";
}

/// <summary>
/// Builds the Rodinia programs of one API (bench/rodinia/build.sh), runs each natively and through <c>ava run</c>,
/// alternating, compares every remoted run's outputs with the native reference, and reports medians and ratios.
/// </summary>
public static partial class RodiniaBench
{
    /// <summary>Runs the suite; 0 when every program ran and agreed, 1 otherwise, 2 for a usage problem.</summary>
    /// <param name="options">What to run.</param>
    /// <param name="console">Where progress and the table go.</param>
    /// <returns>The exit status.</returns>
    public static int Run(RodiniaOptions options, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        if (!console.Profile.Capabilities.Interactive)
        {
            console.Profile.Width = Math.Max(console.Profile.Width, 120); // a log or a pipe: keep the table's rows whole
        }

        var status = Prepare(options, console, (tree, output, size) => $"[bold]Rodinia ({Markup.Escape(options.Label)}, {size} size)[/] from [blue]{Markup.Escape(tree)}[/] into [blue]{Markup.Escape(output)}[/]", out var suite);
        if (suite is null)
        {
            return status;
        }

        var (output, programs, built) = suite;
        var results = new List<RodiniaResult>();
        foreach (var program in programs)
        {
            RodiniaResult result = built.Contains(program.Directory)
                ? Measure(options, program, Path.Combine(output, "src", options.SourceApi, program.Directory), console)
                : new RodiniaResult(program.Name, double.NaN, double.NaN, double.NaN, double.NaN, "not built", $"see {Path.Combine(output, "logs", program.Directory + ".log")}");
            results.Add(result);
            console.MarkupLine(Line(result));
        }

        console.Write(Table(results, options));
        var profiles = Profile(options, results.Where(r => r.Same).OrderByDescending(r => r.Ratio).Take(5).ToList(), output, console);
        if (options.Report is { } report)
        {
            WriteReport(report, results, profiles);
        }

        var measured = results.Where(r => r.Same).ToList();
        if (options.History is { } history && measured.Count > 0 && options.Migrate is null)
        {
            var entries = measured.Select(r => new BenchEntry("rodinia", $"{r.Program} {options.Label}", r.Remoted, "s", r.Ratio, "native run", true)).ToList();
            var geomean = Math.Exp(measured.Average(r => Math.Log(r.Ratio)));
            entries.Add(new BenchEntry("rodinia", $"geometric mean {options.Label}", geomean, "x", geomean, "native run", true));
            HistoryFile.Append(history, new RunRecord(Git(options.Root), DateTimeOffset.UtcNow, Machine(), entries, []) { Command = options.Command });
            console.MarkupLineInterpolated($"appended {entries.Count} entries to [blue]{history}[/]");
        }

        return results.All(r => r.Same) ? 0 : 1;
    }

    /// <summary>What a run builds and measures: the output folder, the programs asked for, and the folders that built.</summary>
    private sealed record Suite(string Output, List<RodiniaProgram> Programs, HashSet<string> Built);

    /// <summary>
    /// Finds the tree, picks the programs and builds them (shared by the timed suite and the matrix). Null suite:
    /// nothing to run, and the exit status says why (2 usage, 1 build).
    /// </summary>
    private static int Prepare(RodiniaOptions options, IAnsiConsole console, Func<string, string, string, string> heading, out Suite? suite)
    {
        suite = null;
        var tree = options.Tree ?? DefaultTree(options.Root);
        if (tree is null || !Directory.Exists(Path.Combine(tree, options.SourceApi)))
        {
            console.MarkupLineInterpolated($"[red]ava bench rodinia: no Rodinia tree with an {options.SourceApi} folder at {tree ?? "shared/rodinia beside the checkout"}; pass --rodinia DIR[/]");
            return 2;
        }

        var output = Path.Combine(options.Root, "artifacts", "rodinia", options.Api);
        var size = options.Quick ? "quick" : "full";
        console.MarkupLine(heading(tree, output, size));
        var programs = RodiniaSuite.For(options.Api).Where(p => options.Only.Count == 0 || options.Only.Contains(p.Name)).ToList();
        if (programs.Count == 0)
        {
            console.MarkupLineInterpolated($"[red]ava bench rodinia: no {options.Api} program is named {string.Join(", ", options.Only)}[/]");
            return 2;
        }

        var built = Build(options, tree, output, size, options.Only.Count == 0 ? [] : programs.Select(p => p.Directory).Distinct().ToList(), console);
        if (built is null)
        {
            return 1;
        }

        suite = new Suite(output, programs, built);
        return 0;
    }

    /// <summary>The Rodinia tree the checkout sits beside: <c>shared/rodinia</c> in the checkout or a folder above it.</summary>
    /// <param name="root">The checkout.</param>
    /// <returns>The tree, or null.</returns>
    public static string? DefaultTree(string root)
    {
        for (var directory = Path.GetFullPath(root); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            var candidate = Path.Combine(directory, "shared", "rodinia");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            candidate = Path.Combine(Path.GetDirectoryName(directory) ?? directory, "shared", "rodinia");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static HashSet<string>? Build(RodiniaOptions options, string tree, string output, string size, List<string> only, IAnsiConsole console)
    {
        Directory.CreateDirectory(output);
        var log = Path.Combine(output, "build.log");
        var script = Path.Combine(options.Root, "bench", "rodinia", "build.sh");
        var status = 0;
        console.Status().Start($"building the {options.Api} programs (log: {log})", _ =>
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { script, options.Api, tree, output, size }.Concat(only))
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            File.WriteAllText(log, stdout + stderr.Result);
            status = process.ExitCode;
        });
        var statusFile = Path.Combine(output, "status");
        if (status != 0 || !File.Exists(statusFile))
        {
            console.MarkupLineInterpolated($"[red]building failed ({status}):[/] {File.ReadAllText(log).Trim()}");
            return null;
        }

        var lines = File.ReadAllLines(statusFile);
        var ok = lines.Where(l => l.EndsWith(" ok", StringComparison.Ordinal)).Select(l => l[..^3]).ToHashSet(StringComparer.Ordinal);
        console.MarkupLineInterpolated($"built {ok.Count} of {lines.Length} programs");
        return ok;
    }

    private static RodiniaResult Measure(RodiniaOptions options, RodiniaProgram program, string directory, IAnsiConsole console)
    {
        var command = program.Command(options.Quick);
        string[] remotedCommand = ["run", "--api", options.RunApi, "--", .. command];
        RodiniaResult Failed(string side, RunResult run) =>
            new(program.Name, double.NaN, double.NaN, double.NaN, double.NaN, "failed", $"{side} exit {run.ExitCode}: {Tail(run.Stdout + run.Stderr)}");

        // The first native run is the reference, and warms what both sides share (PoCL's kernel cache).
        RunResult reference = default!;
        console.Status().Start($"{program.Name}: reference run", _ => reference = Execute(program, directory, command[0], command.Skip(1)));
        if (reference.ExitCode != 0)
        {
            return Failed("native", reference);
        }

        var native = new List<double>();
        var remoted = new List<double>();
        string? difference = null;
        string? nativeDifference = null;
        var moved = 0;
        var refusals = new List<string>();
        for (var round = 0; round < options.Rounds; round++)
        {
            RunResult n = default!, r = default!;
            console.Status().Start($"{program.Name}: round {round + 1} of {options.Rounds}, native", _ => n = Execute(program, directory, command[0], command.Skip(1)));
            if (n.ExitCode != 0)
            {
                return Failed("native", n);
            }

            var moveLog = options.Migrate is null ? null : Path.Combine(Path.GetTempPath(), $"ava-rodinia-move-{Environment.ProcessId}-{round}.log");
            Dictionary<string, string>? moveEnvironment = options.Migrate is null ? null
                : new() { ["AVA_MIGRATION_CALL_ID"] = options.Migrate, ["AVA_MIGRATION_SEED"] = (round + 1).ToString(CultureInfo.InvariantCulture) };
            console.Status().Start($"{program.Name}: round {round + 1} of {options.Rounds}, remoted", _ => r = Execute(program, directory, options.Ava, remotedCommand, moveLog, moveEnvironment));
            if (moveLog is not null)
            {
                var lines = File.Exists(moveLog) ? File.ReadAllLines(moveLog) : [];
                File.Delete(moveLog);
                if (lines.Any(l => l.Contains("moved to a new", StringComparison.Ordinal)))
                {
                    moved++;
                }
                else if (lines.FirstOrDefault(l => l.Contains("not moving", StringComparison.Ordinal) || l.Contains("failed in the new worker", StringComparison.Ordinal)) is { } why)
                {
                    refusals.Add(why);
                }
            }

            if (r.ExitCode != 0)
            {
                return Failed("remoted", r);
            }

            native.Add(n.Seconds);
            remoted.Add(r.Seconds);
            nativeDifference ??= Outputs.Difference(reference.Outputs, n.Outputs, program.Tolerance);
            difference ??= Outputs.Difference(reference.Outputs, r.Outputs, program.Tolerance);
        }

        var ratios = native.Zip(remoted, (a, b) => b / a).ToList();
        var files = reference.Outputs.Files.Count;
        var how = double.IsPositiveInfinity(program.Tolerance)
            ? $"stdout and {files} file(s), text with the numbers masked ({program.ToleranceReason})"
            : program.Tolerance > 0
            ? string.Create(CultureInfo.InvariantCulture, $"stdout and {files} file(s), numbers within {program.Tolerance:g} relative ({program.ToleranceReason})")
            : $"stdout and {files} file(s), byte for byte";
        var verdict = difference is null ? "same" : "different";
        var detail = difference ?? how;
        if (nativeDifference is not null)
        {
            detail += $"; native runs differ among themselves too ({nativeDifference})";
        }

        if (options.Migrate is not null)
        {
            // A run that did not move proves nothing about migration: it is reported, and the verdict is not "same".
            detail += $"; moved to a new worker in {moved} of {options.Rounds} runs{(refusals.Count > 0 ? $" ({refusals[0]})" : "")}";
            if (moved < options.Rounds && verdict == "same")
            {
                verdict = "not moved";
            }
        }

        return new RodiniaResult(program.Name, Median(native), Median(remoted), ratios.Min(), ratios.Max(), verdict, detail);
    }

    /// <summary>What the worker counted for one remoted run (its <c>AVA_LOG</c> line when the guest went).</summary>
    /// <param name="Calls">Calls carried out.</param>
    /// <param name="Async">Of those, calls that came async (no reply awaited).</param>
    /// <param name="BytesIn">Bytes from the guest through the channel (records and streamed payloads).</param>
    /// <param name="BytesOut">Bytes to the guest.</param>
    public sealed record WorkerCounts(long Calls, long Async, long BytesIn, long BytesOut)
    {
        /// <summary>Calls the guest waited for.</summary>
        public long Sync => Calls - Async;
    }

    // Where the time goes for the worst ratios: one more remoted run each, with the worker's log on.
    private static Dictionary<string, WorkerCounts> Profile(RodiniaOptions options, List<RodiniaResult> worst, string output, IAnsiConsole console)
    {
        var profiles = new Dictionary<string, WorkerCounts>(StringComparer.Ordinal);
        foreach (var result in worst)
        {
            var program = RodiniaSuite.For(options.Api).First(p => p.Name == result.Program);
            var command = program.Command(options.Quick);
            var log = Path.Combine(output, "logs", $"{program.Name}.ava.log");
            File.Delete(log);
            console.Status().Start($"{program.Name}: remoted once more with AVA_LOG for the worker's counts", _ =>
                Execute(program, Path.Combine(output, "src", options.SourceApi, program.Directory), options.Ava, ["run", "--api", options.RunApi, "--", .. command], log));
            var counts = File.Exists(log)
                ? File.ReadLines(log).Select(l => WorkerLine().Match(l)).Where(m => m.Success).Select(m => new WorkerCounts(
                    long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
                    long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                    long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture),
                    long.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture))).ToList()
                : [];
            if (counts.Count > 0)
            {
                profiles[program.Name] = new WorkerCounts(counts.Sum(c => c.Calls), counts.Sum(c => c.Async), counts.Sum(c => c.BytesIn), counts.Sum(c => c.BytesOut));
            }
        }

        if (profiles.Count > 0)
        {
            var table = new Table().Title("Where the time goes: the worst ratios, as the worker counted them (one remoted run each)")
                .AddColumn("program").AddColumn(new TableColumn("ratio").RightAligned()).AddColumn(new TableColumn("calls").RightAligned())
                .AddColumn(new TableColumn("sync").RightAligned()).AddColumn(new TableColumn("async").RightAligned())
                .AddColumn(new TableColumn("MB in").RightAligned()).AddColumn(new TableColumn("MB out").RightAligned())
                .AddColumn(new TableColumn("sync calls/s native").RightAligned());
            foreach (var result in worst.Where(r => profiles.ContainsKey(r.Program)))
            {
                var c = profiles[result.Program];
                table.AddRow(
                    Markup.Escape(result.Program),
                    result.Ratio.ToString("F3", CultureInfo.InvariantCulture),
                    c.Calls.ToString(CultureInfo.InvariantCulture),
                    c.Sync.ToString(CultureInfo.InvariantCulture),
                    c.Async.ToString(CultureInfo.InvariantCulture),
                    (c.BytesIn / 1e6).ToString("F1", CultureInfo.InvariantCulture),
                    (c.BytesOut / 1e6).ToString("F1", CultureInfo.InvariantCulture),
                    (c.Sync / result.Native).ToString("F0", CultureInfo.InvariantCulture));
            }

            console.Write(table);
        }

        return profiles;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"done: (\d+) calls, (\d+) async, .* (\d+) bytes in, (\d+) bytes out")]
    private static partial System.Text.RegularExpressions.Regex WorkerLine();

    private sealed record RunResult(int ExitCode, double Seconds, string Stdout, string Stderr, RunOutputs Outputs);

    private static RunResult Execute(RodiniaProgram program, string directory, string file, IEnumerable<string> arguments, string? avaLog = null, Dictionary<string, string>? environment = null)
    {
        var before = Snapshot(directory);
        // Process.Start resolves a relative program against this process's directory, not the child's.
        var start = new ProcessStartInfo(file.StartsWith("./", StringComparison.Ordinal) ? Path.Combine(directory, file[2..]) : file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        if (avaLog is not null)
        {
            start.Environment["AVA_LOG"] = avaLog;
        }

        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Write(program.Stdin ?? "");
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var seconds = clock.Elapsed.TotalSeconds;

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (path, stamp) in Snapshot(directory))
        {
            var name = Path.GetRelativePath(directory, path);
            if ((!before.TryGetValue(path, out var old) || old != stamp) && !program.Ignored.Contains(name))
            {
                files[name] = File.ReadAllBytes(path);
            }
        }

        return new RunResult(process.ExitCode, seconds, stdout, stderr.Result, new RunOutputs(Outputs.WithoutTimings(stdout), files));
    }

    // What a run wrote is what it created or rewrote in its folder (and the folders below it).
    private static Dictionary<string, (DateTime, long)> Snapshot(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => new FileInfo(f))
            .ToDictionary(f => f.FullName, f => (f.LastWriteTimeUtc, f.Length), StringComparer.Ordinal);

    private static string Line(RodiniaResult r) => r.Verdict switch
    {
        "same" => string.Create(CultureInfo.InvariantCulture, $"[green]{Markup.Escape(r.Program)}[/]: native {r.Native:F2} s, remoted {r.Remoted:F2} s, x{r.Ratio:F3}, same outputs"),
        "different" => $"[red]{Markup.Escape(r.Program)}: outputs differ[/]: {Markup.Escape(r.Detail)}",
        _ => $"[yellow]{Markup.Escape(r.Program)}: {r.Verdict}[/]: {Markup.Escape(r.Detail)}",
    };

    private static Table Table(List<RodiniaResult> results, RodiniaOptions options)
    {
        var table = new Table().Title($"Rodinia {options.Label}, {(options.Quick ? "quick" : "full")} size, median of {options.Rounds} alternating round(s)")
            .AddColumn("program").AddColumn(new TableColumn("native s").RightAligned()).AddColumn(new TableColumn("remoted s").RightAligned())
            .AddColumn(new TableColumn("ratio").RightAligned()).AddColumn(new TableColumn("spread").RightAligned()).AddColumn("output same?");
        foreach (var r in results)
        {
            var ran = double.IsFinite(r.Native);
            table.AddRow(
                Markup.Escape(r.Program),
                ran ? r.Native.ToString("F2", CultureInfo.InvariantCulture) : "-",
                ran ? r.Remoted.ToString("F2", CultureInfo.InvariantCulture) : "-",
                ran ? r.Ratio.ToString("F3", CultureInfo.InvariantCulture) : "-",
                ran ? string.Create(CultureInfo.InvariantCulture, $"{r.RatioLow:F2}-{r.RatioHigh:F2}") : "-",
                r.Verdict switch { "same" => "[green]same[/]", "different" => "[red]different[/]", var v => $"[yellow]{v}[/]" });
        }

        var same = results.Where(r => r.Same).ToList();
        if (same.Count > 0)
        {
            var geomean = Math.Exp(same.Average(r => Math.Log(r.Ratio)));
            table.AddRow("[bold]geometric mean[/]", "", "", geomean.ToString("F3", CultureInfo.InvariantCulture), "", $"{same.Count} of {results.Count} same");
        }

        return table;
    }

    private static void WriteReport(string path, List<RodiniaResult> results, Dictionary<string, WorkerCounts> profiles)
    {
        static string Count(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
        var lines = results.Select(r => string.Join('\t',
            r.Program,
            r.Native.ToString("F4", CultureInfo.InvariantCulture),
            r.Remoted.ToString("F4", CultureInfo.InvariantCulture),
            r.Ratio.ToString("F4", CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"{r.RatioLow:F3}-{r.RatioHigh:F3}"),
            r.Verdict,
            r.Detail.Replace('\t', ' ').Replace('\n', ' '),
            Count(profiles.GetValueOrDefault(r.Program)?.Calls),
            Count(profiles.GetValueOrDefault(r.Program)?.Sync),
            Count(profiles.GetValueOrDefault(r.Program)?.BytesIn),
            Count(profiles.GetValueOrDefault(r.Program)?.BytesOut)));
        File.WriteAllLines(path, ["program\tnative_s\tremoted_s\tratio\tspread\toutput\tdetail\tcalls\tsync_calls\tbytes_in\tbytes_out", .. lines]);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Tail(string text)
    {
        var trimmed = text.Trim().ReplaceLineEndings(" | ");
        return trimmed.Length <= 300 ? trimmed : "..." + trimmed[^300..];
    }

    private static string Git(string root)
    {
        try
        {
            var start = new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown"; // no git on this machine (the GPU machine runs carried artifacts)
        }
    }

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "cpu"
            : "cpu";
        return string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName} / {cpu} / {Environment.ProcessorCount} cores");
    }
}
