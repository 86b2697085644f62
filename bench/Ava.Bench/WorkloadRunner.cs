using System.Diagnostics;
using Ava.Dashboard;

namespace Ava.Bench;

/// <summary>
/// Runs each OpenCL workload natively and through `ava run` (shared-memory rings, then the Unix socket, then the rings
/// with the replay log on), in one process tree and alternating, so every side sees the same machine state; reports
/// remoted/native wall time per workload and the geometric mean, and the replay log's overhead (recorded/remoted).
/// </summary>
internal static class WorkloadRunner
{
    private const int Rounds = 5;

    public static void Run(double scale, List<BenchEntry> entries, Action<string> progress)
    {
        var directory = Path.Combine(Paths.Artifacts, "workloads");
        var workloads = Directory.Exists(directory)
            ? Directory.GetFiles(directory).Where(f => Path.GetExtension(f).Length == 0).Order().ToList()
            : [];
        if (workloads.Count == 0 || !File.Exists(Path.Combine(Paths.Artifacts, "lib", "libOpenCL.so.1")))
        {
            progress("workloads: skipped (build artifacts/workloads and artifacts/lib/libOpenCL.so.1 first)");
            return;
        }

        var arg = scale.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ratios = new Dictionary<string, List<double>> { ["shm"] = [], ["unix"] = [] };
        var recordOverheads = new List<double>();
        foreach (var workload in workloads)
        {
            var name = Path.GetFileName(workload);
            Time(workload, [arg], null); // warm the OpenCL kernel cache so no side pays for compilation
            var native = new List<double>();
            var remoted = new Dictionary<string, List<double>> { ["shm"] = [], ["unix"] = [] };
            var recorded = new List<double>();
            for (var round = 0; round < Rounds; round++)
            {
                native.Add(Time(workload, [arg], null));
                foreach (var channel in remoted.Keys)
                {
                    remoted[channel].Add(Time(Paths.Ava, ["run", "--api", "OpenCL", "--", workload, arg], channel == "unix" ? "UNIX" : "SHM"));
                }

                recorded.Add(Time(Paths.Ava, ["run", "--api", "OpenCL", "--", workload, arg], "SHM", record: true));
            }

            var nativeMedian = Median(native);
            foreach (var (channel, times) in remoted)
            {
                var ratio = Median(times) / nativeMedian;
                ratios[channel].Add(ratio);
                entries.Add(new BenchEntry("workloads", $"{name} {channel}", Median(times), "s", ratio, "native run", true));
            }

            // The replay log's cost: the same remoted run with AVA_RECORD_REPLAY=1 against it without.
            var overhead = Median(recorded) / Median(remoted["shm"]);
            recordOverheads.Add(overhead);
            entries.Add(new BenchEntry("workloads", $"{name} shm recorded", Median(recorded), "s", overhead, "remoted run without the replay log", true));
            progress($"workloads: {name} native {nativeMedian:F2}s, shm x{ratios["shm"][^1]:F3}, unix x{ratios["unix"][^1]:F3}, recorded x{overhead:F3} of shm");
        }

        if (recordOverheads.Count > 0)
        {
            var geomean = Math.Exp(recordOverheads.Average(Math.Log));
            entries.Add(new BenchEntry("workloads", "geometric mean shm recorded", geomean, "x", geomean, "remoted run without the replay log", true));
        }

        foreach (var (channel, values) in ratios)
        {
            var geomean = Math.Exp(values.Average(Math.Log));
            entries.Add(new BenchEntry("workloads", $"geometric mean {channel}", geomean, "x", geomean, "native run", true));
        }
    }

    private static double Time(string program, string[] args, string? channel, bool record = false)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        if (channel is not null)
        {
            start.Environment["AVA_CHANNEL"] = channel;
        }

        if (record)
        {
            start.Environment["AVA_RECORD_REPLAY"] = "1";
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        var elapsed = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0 || !output.Contains("PASS", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', args)} failed ({process.ExitCode}): {output}");
        }

        return elapsed;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
