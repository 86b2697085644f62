using System.Diagnostics;
using System.Globalization;
using Ava.Bench;
using Ava.Bench.Apis;
using Ava.Bench.Apis.OpenCl;
using Ava.Dashboard;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

// ava bench [transport] [opencl] [workloads] [migration] [--quick] [--workload-scale S] [--no-history] [--history FILE] [--filter GLOB]...
//   transport  BenchmarkDotNet: AvaTest microbenchmarks native / shm / unix beside the C floors
//   opencl     BenchmarkDotNet: the hottest OpenCL calls natively (system library, PoCL) and through our drop-in
//   workloads  OpenCL workloads natively and remoted, wall-time ratio each and geometric mean
//              (--quick runs them at scale 0.2; --workload-scale sets it, e.g. 1 for full size with quick suites),
//              and remoted with the replay log on (AVA_RECORD_REPLAY=1) against remoted without it: the record overhead
//   migration  migration time against live state size, 1 MiB to 1 GiB of buffers (--quick: 1, 16 and 256 MiB)
string[] known = ["transport", "opencl", "workloads", "migration"];
var filters = new List<string>();
var history = Path.Combine(Paths.Root, HistoryFile.DefaultRelativePath);
var suites = new List<string>();
double? workloadScale = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--filter" when i + 1 < args.Length:
            filters.Add(args[++i]);
            break;
        case "--history" when i + 1 < args.Length:
            history = Path.GetFullPath(args[++i]);
            break;
        case "--quick" or "--no-history":
            break;
        case "--workload-scale" when i + 1 < args.Length
            && double.TryParse(args[i + 1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var scale)
            && scale > 0 && scale <= 10:
            workloadScale = scale;
            i++;
            break;
        case var suite when known.Contains(suite):
            suites.Add(suite);
            break;
        default:
            Console.Error.WriteLine($"ava bench: unknown argument '{args[i]}' (suites: {string.Join(", ", known)})");
            return 2;
    }
}

if (suites.Count == 0)
{
    suites = ["transport", "opencl", "workloads"];
}

var quick = args.Contains("--quick");
var entries = new List<BenchEntry>();
var floors = new List<FloorEntry>();
var step = 0;
void Progress(string message) => Console.WriteLine($"[ava bench {++step}] {message}");

// One BenchmarkDotNet run for every selected suite: each case still runs in its own process.
var benchmarks = new List<Type>();
if (suites.Contains("transport"))
{
    Progress("transport: BenchmarkDotNet, AvaTest calls native / shm / unix beside the C floors (each case in its own process)");
    benchmarks.AddRange([typeof(FloorBenchmarks), typeof(TransportBenchmarks)]);
}

if (suites.Contains("opencl") && !File.Exists(OpenClCalls.RemotedPath))
{
    Progress($"opencl: skipped (build {OpenClCalls.RemotedPath} first)");
}
else if (suites.Contains("opencl"))
{
    Progress("opencl: BenchmarkDotNet, the hottest OpenCL calls natively and through our drop-in (each case in its own process)");
    Progress("opencl: " + OpenClCalls.VerifyDistinct());
    benchmarks.AddRange(ApiReport.Suites("opencl"));
}

if (benchmarks.Count > 0)
{
    var job = quick
        ? Job.ShortRun.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5)
        : Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15);
    // Each case's process is built first; on a busy 2-core machine that takes longer than BenchmarkDotNet's 120 s default.
    var config = DefaultConfig.Instance.AddJob(job.AsDefault()).WithOptions(ConfigOptions.JoinSummary).WithBuildTimeout(TimeSpan.FromMinutes(10));
    if (filters.Count > 0)
    {
        // A case runs when any of the patterns matches it.
        config = config.AddFilter(new BenchmarkDotNet.Filters.GlobFilter([.. filters]));
    }

    var summary = BenchmarkRunner.Run([.. benchmarks], config).SingleOrDefault();
    if (summary is not null)
    {
        if (suites.Contains("transport"))
        {
            TransportReport.Add(summary, entries, floors);
        }

        ApiReport.Add(summary, entries, Progress);
    }
}

if (suites.Contains("workloads"))
{
    Progress("workloads: OpenCL programs natively and through ava run, side by side");
    WorkloadRunner.Run(workloadScale ?? (quick ? 0.2 : 1.0), entries, Progress);
}

if (suites.Contains("migration"))
{
    Progress("migration: a process holding 1 MiB to 1 GiB of buffers moved to a new worker, three moves per size");
    MigrationRunner.Run(quick, entries, Progress);
}

foreach (var entry in entries)
{
    Console.WriteLine($"{entry.Suite,-10} {entry.Name,-40} {entry.Value,12:F1} {entry.Unit,-6} ratio {entry.Ratio,7:F3} ({entry.RatioOf})");
}

if (!args.Contains("--no-history") && entries.Count > 0)
{
    // The command that measured the run travels with it, so a figure quoted from the history can be reproduced;
    // where the history went is not part of the measurement.
    var command = string.Join(' ', ["ava", "bench", .. args.Where((a, i) => a != "--history" && (i == 0 || args[i - 1] != "--history")).Select(ShellWord)]);
    HistoryFile.Append(history, new RunRecord(Git("rev-parse --short HEAD"), DateTimeOffset.UtcNow, Machine(), entries, floors) { Command = command });
    Console.WriteLine($"appended to {history}");
}

return 0;

// Quoted where a shell would expand or split it (a --filter glob), so the command can be pasted back as it is.
static string ShellWord(string word) =>
    word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+".Contains(c)) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

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
        floors.RemoveAll(f => !double.IsFinite(f.Value)); // a --filter that left the floors out
        foreach (var channel in new[] { "shm", "unix" })
        {
            var nullCall = Median("NullCall", channel);
            entries.Add(new BenchEntry("transport", $"null-call sync {channel} p50", nullCall, "ns", nullCall / pingPong, "raw C shm ping-pong", true));
            var asyncCall = Median("AsyncCall", channel);
            entries.Add(new BenchEntry("transport", $"async call {channel}", 1e3 / asyncCall, "M/s", asyncCall / Median("AsyncCall", "native"), "native call", true));
            foreach (var bytes in new[] { 0, 4096, 1 << 20, 64 << 20 })
            {
                var size = Sizes.Format(bytes);
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
