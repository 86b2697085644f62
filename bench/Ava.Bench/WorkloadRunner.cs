using System.Diagnostics;
using Ava.Dashboard;

namespace Ava.Bench;

/// <summary>
/// Runs each OpenCL workload natively and through `ava run` (shared-memory rings, then the Unix socket), in one
/// process tree and alternating, so both sides see the same machine state; reports remoted/native wall time
/// per workload and the geometric mean.
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
        foreach (var workload in workloads)
        {
            var name = Path.GetFileName(workload);
            Time(workload, [arg], null); // warm the OpenCL kernel cache so no side pays for compilation
            var native = new List<double>();
            var remoted = new Dictionary<string, List<double>> { ["shm"] = [], ["unix"] = [] };
            for (var round = 0; round < Rounds; round++)
            {
                native.Add(Time(workload, [arg], null));
                foreach (var channel in remoted.Keys)
                {
                    remoted[channel].Add(Time(Paths.Ava, ["run", "--api", "OpenCL", "--", workload, arg], channel == "unix" ? "UNIX" : "SHM"));
                }
            }

            var nativeMedian = Median(native);
            foreach (var (channel, times) in remoted)
            {
                var ratio = Median(times) / nativeMedian;
                ratios[channel].Add(ratio);
                entries.Add(new BenchEntry("workloads", $"{name} {channel}", Median(times), "s", ratio, "native run", true));
            }

            progress($"workloads: {name} native {nativeMedian:F2}s, shm x{ratios["shm"][^1]:F3}, unix x{ratios["unix"][^1]:F3}");
        }

        foreach (var (channel, values) in ratios)
        {
            var geomean = Math.Exp(values.Average(Math.Log));
            entries.Add(new BenchEntry("workloads", $"geometric mean {channel}", geomean, "x", geomean, "native run", true));
        }
    }

    private static double Time(string program, string[] args, string? channel)
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
