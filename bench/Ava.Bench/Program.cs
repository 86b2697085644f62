using System.Diagnostics;
using System.Globalization;
using Ava.Bench;
using Ava.Dashboard;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

// ava bench [transport] [workloads] [--quick] [--no-history] [--filter GLOB]
//   transport  BenchmarkDotNet: AvaTest microbenchmarks native / shm / unix beside the C floors
//   workloads  OpenCL workloads natively and remoted, wall-time ratio each and geometric mean
var filterAt = Array.IndexOf(args, "--filter");
var filter = filterAt >= 0 && filterAt + 1 < args.Length ? args[filterAt + 1] : null;
var suites = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (filterAt < 0 || i != filterAt + 1)).ToList();
if (suites.Count == 0)
{
    suites = ["transport", "workloads"];
}

var quick = args.Contains("--quick");
var entries = new List<BenchEntry>();
var floors = new List<FloorEntry>();
var step = 0;
void Progress(string message) => Console.WriteLine($"[ava bench {++step}] {message}");

if (suites.Contains("transport"))
{
    Progress("transport: BenchmarkDotNet, AvaTest calls native / shm / unix beside the C floors (each case in its own process)");
    var job = quick
        ? Job.ShortRun.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5)
        : Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15);
    var config = DefaultConfig.Instance.AddJob(job.AsDefault()).WithOptions(ConfigOptions.JoinSummary);
    if (filter is not null)
    {
        config = config.AddFilter(new BenchmarkDotNet.Filters.GlobFilter([filter]));
    }

    var summary = BenchmarkRunner.Run([typeof(FloorBenchmarks), typeof(TransportBenchmarks)], config).Single();
    TransportReport.Add(summary, entries, floors);
}

if (suites.Contains("workloads"))
{
    Progress("workloads: OpenCL programs natively and through ava run, side by side");
    WorkloadRunner.Run(quick ? 0.2 : 1.0, entries, Progress);
}

foreach (var entry in entries)
{
    Console.WriteLine($"{entry.Suite,-10} {entry.Name,-40} {entry.Value,12:F1} {entry.Unit,-6} ratio {entry.Ratio,7:F3} ({entry.RatioOf})");
}

if (!args.Contains("--no-history") && entries.Count > 0)
{
    var history = Path.Combine(Paths.Root, HistoryFile.DefaultRelativePath);
    Directory.CreateDirectory(Path.GetDirectoryName(history)!);
    HistoryFile.Append(history, new RunRecord(Git("rev-parse --short HEAD"), DateTimeOffset.UtcNow, Machine(), entries, floors));
    Console.WriteLine($"appended to {history}");
}

return 0;

static string Git(string arguments)
{
    var start = new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, WorkingDirectory = Paths.Root };
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd().Trim();
    process.WaitForExit();
    return process.ExitCode == 0 && output.Length > 0 ? output : "unknown";
}

static string Machine()
{
    var cpu = File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "cpu"
        : "cpu";
    return string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName} / {cpu} / {Environment.ProcessorCount} cores");
}

/// <summary>Turns the BenchmarkDotNet summary into history entries: each figure as a ratio to its floor or to native.</summary>
internal static class TransportReport
{
    public static void Add(Summary summary, List<BenchEntry> entries, List<FloorEntry> floors)
    {
        double Median(string method, string? channel = null, int? bytes = null)
        {
            var report = summary.Reports.FirstOrDefault(r =>
                r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
                && (channel is null || (string?)r.BenchmarkCase.Parameters["Channel"] == channel)
                && (bytes is null || Equals(r.BenchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "bytes")?.Value, bytes)));
            return report?.ResultStatistics?.Median ?? double.NaN;
        }

        var pingPong = Median("RawShmPingPong");
        var memcpy64 = Median("Memcpy", bytes: 64 << 20);
        floors.Add(new FloorEntry("raw C shm ping-pong p50", pingPong, "ns"));
        floors.Add(new FloorEntry("memcpy single core 64 MiB", (64 << 20) / memcpy64, "GB/s"));
        foreach (var channel in new[] { "shm", "unix" })
        {
            var nullCall = Median("NullCall", channel);
            entries.Add(new BenchEntry("transport", $"null-call sync {channel} p50", nullCall, "ns", nullCall / pingPong, "raw C shm ping-pong", true));
            var asyncCall = Median("AsyncCall", channel);
            entries.Add(new BenchEntry("transport", $"async call {channel}", 1e3 / asyncCall, "M/s", asyncCall / Median("AsyncCall", "native"), "native call", true));
            foreach (var bytes in new[] { 0, 4096, 1 << 20, 64 << 20 })
            {
                var size = bytes switch { 0 => "0 B", 4096 => "4 KiB", 1 << 20 => "1 MiB", _ => "64 MiB" };
                var memcpy = bytes == 0 ? double.NaN : Median("Memcpy", bytes: bytes);
                foreach (var method in new[] { "InTransfer", "OutTransfer" })
                {
                    var time = Median(method, channel, bytes);
                    var label = method == "InTransfer" ? "in-transfer" : "out-transfer";
                    var (ratio, of) = bytes == 0 ? (time / pingPong, "raw C shm ping-pong") : (time / memcpy, "single-core memcpy");
                    entries.Add(new BenchEntry("transport", $"{label} {size} {channel}", time / 1e3, "us", ratio, of, true));
                }
            }
        }

        entries.RemoveAll(e => double.IsNaN(e.Value) || double.IsNaN(e.Ratio) || double.IsInfinity(e.Ratio));
    }
}
