using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Ava.Dashboard;

namespace Ava.Bench;

/// <summary>
/// Migration time against live state size: <c>bench/migration/live_state</c> holds 1 MiB to 1 GiB of buffers filled on
/// the device and is moved to a new worker (AVA_MIGRATION_CALL_ID) while it idles; the guest's log line gives the
/// parts of the move: pausing (draining the queues) and capturing the contents on the old worker, starting the new
/// worker and replaying the log, and writing the contents into it. Each size is the median of three moves; the ratio
/// sets the whole move against the program's own read-back of the same buffers, natively.
/// </summary>
internal static partial class MigrationRunner
{
    private const int Rounds = 3;
    private const int Idle = 200;

    public static void Run(bool quick, List<BenchEntry> entries, Action<string> progress)
    {
        var program = Path.Combine(Paths.Artifacts, "bench", "migration", "live_state");
        if (!File.Exists(program) || !File.Exists(Path.Combine(Paths.Artifacts, "lib", "libOpenCL.so.1")))
        {
            progress("migration: skipped (build artifacts/bench/migration/live_state and artifacts/lib/libOpenCL.so.1 first)");
            return;
        }

        int[] sizes = quick ? [1, 16, 256] : [1, 4, 16, 64, 256, 1024];
        foreach (var mib in sizes)
        {
            var size = mib.ToString(CultureInfo.InvariantCulture);
            var native = Execute(program, [size, Idle.ToString(CultureInfo.InvariantCulture)], null);
            var before = long.Parse(CallsBefore().Match(native.Stdout).Groups[1].Value, CultureInfo.InvariantCulture);
            var readBack = double.Parse(ReadBack().Match(native.Stdout).Groups[1].Value, CultureInfo.InvariantCulture);
            var moves = new List<(double Total, double Pause, double Replay, double Restore)>();
            for (var round = 0; round < Rounds; round++)
            {
                var log = Path.Combine(Path.GetTempPath(), $"ava-migration-bench-{Environment.ProcessId}.log");
                File.Delete(log);
                try
                {
                    // Halfway through the idle calls: every buffer is live and filled, and no call of the program is in flight.
                    var environment = new Dictionary<string, string>
                    {
                        ["AVA_MIGRATION_CALL_ID"] = (before + (Idle / 2)).ToString(CultureInfo.InvariantCulture),
                        ["AVA_LOG"] = log,
                    };
                    Execute(Paths.Ava, ["run", "--api", "OpenCL", "--", program, size, Idle.ToString(CultureInfo.InvariantCulture)], environment);
                    var line = File.ReadLines(log).Select(l => MovedLine().Match(l)).FirstOrDefault(m => m.Success)
                        ?? throw new InvalidOperationException($"live_state {size}: no move in the guest's log ({log})");
                    double Ms(int group) => double.Parse(line.Groups[group].Value, CultureInfo.InvariantCulture);
                    moves.Add((Ms(1), Ms(2), Ms(3), Ms(4)));
                }
                finally
                {
                    File.Delete(log);
                }
            }

            double Median(Func<(double Total, double Pause, double Replay, double Restore), double> part) => moves.Select(part).Order().ElementAt(moves.Count / 2);
            var total = Median(m => m.Total);
            var label = mib >= 1024 ? $"{mib / 1024} GiB" : $"{mib} MiB";
            entries.Add(new BenchEntry("migration", $"move {label}", total, "ms", total / readBack, "native read-back of the state", true));
            entries.Add(new BenchEntry("migration", $"move {label} pause and capture", Median(m => m.Pause), "ms", Median(m => m.Pause) / readBack, "native read-back of the state", true));
            entries.Add(new BenchEntry("migration", $"move {label} replay", Median(m => m.Replay), "ms", Median(m => m.Replay) / readBack, "native read-back of the state", true));
            entries.Add(new BenchEntry("migration", $"move {label} contents", Median(m => m.Restore), "ms", Median(m => m.Restore) / readBack, "native read-back of the state", true));
            progress(string.Create(CultureInfo.InvariantCulture,
                $"migration: {label}: move {total:F1} ms (pause and capture {Median(m => m.Pause):F1}, replay {Median(m => m.Replay):F1}, contents {Median(m => m.Restore):F1}); native read-back {readBack:F1} ms"));
        }
    }

    private sealed record Finished(string Stdout);

    private static Finished Execute(string file, string[] arguments, Dictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !stdout.Contains("PASS", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stdout}{stderr.Result}");
        }

        return new Finished(stdout);
    }

    [GeneratedRegex(@"calls before idle: (\d+)")]
    private static partial Regex CallsBefore();

    [GeneratedRegex(@"read back: ([0-9.]+) ms")]
    private static partial Regex ReadBack();

    [GeneratedRegex(@"moved to a new \S+ worker after call \d+: .* in ([0-9.]+) ms \(pause and capture ([0-9.]+), replay ([0-9.]+), contents ([0-9.]+)\)")]
    private static partial Regex MovedLine();
}
