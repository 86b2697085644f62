using System.Reflection;
using Ava.Dashboard;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Reports;

namespace Ava.Bench.Apis;

/// <summary>
/// Turns the per-API suites of a BenchmarkDotNet summary into history entries: for each benchmark (and argument)
/// of a class marked <see cref="ApiSuiteAttribute"/>, the remoted median over the native median of the same run.
/// </summary>
internal static class ApiReport
{
    /// <summary>The benchmark classes of every per-API suite in this assembly.</summary>
    public static Type[] Suites(string suite) =>
        [.. typeof(ApiReport).Assembly.GetTypes().Where(t => t.GetCustomAttribute<ApiSuiteAttribute>()?.Suite == suite)];

    public static void Add(Summary summary, List<BenchEntry> entries, Action<string> progress)
    {
        var cases = summary.Reports
            .Select(r => (Report: r, Suite: r.BenchmarkCase.Descriptor.Type.GetCustomAttribute<ApiSuiteAttribute>()))
            .Where(c => c.Suite is not null && c.Report.ResultStatistics is not null)
            .Select(c => (c.Report, Suite: c.Suite!, Channel: (string)c.Report.BenchmarkCase.Parameters["Channel"], Name: NameOf(c.Report)))
            .ToList();
        foreach (var group in cases.GroupBy(c => (c.Suite.Suite, c.Name.Text)))
        {
            var native = group.FirstOrDefault(c => c.Channel == ApiSides.Native);
            if (native.Report is null)
            {
                continue;
            }

            var nativeTime = native.Report.ResultStatistics!.Median;
            foreach (var remoted in group.Where(c => c.Channel != ApiSides.Native))
            {
                var time = remoted.Report.ResultStatistics!.Median;
                var scale = remoted.Name.InMicroseconds ? 1e3 : 1;
                var unit = remoted.Name.InMicroseconds ? "us" : "ns";
                var ratio = time / nativeTime;
                entries.Add(new BenchEntry(group.Key.Suite, $"{group.Key.Text} {remoted.Channel}", time / scale, unit, ratio, remoted.Suite.Reference, true));
                progress($"{group.Key.Suite}: {group.Key.Text,-44} native {nativeTime / scale,10:F3} {unit}  {remoted.Channel} {time / scale,10:F3} {unit}  x{ratio:F2}");
            }
        }
    }

    /// <summary>The benchmark's description, with its transfer size when it has one (then timed in microseconds).</summary>
    private static (string Text, bool InMicroseconds) NameOf(BenchmarkReport report)
    {
        // The attribute's own text: BenchmarkDotNet's display name quotes descriptions that contain spaces.
        var method = report.BenchmarkCase.Descriptor.WorkloadMethod;
        var description = method.GetCustomAttribute<BenchmarkAttribute>()?.Description ?? method.Name;
        var bytes = report.BenchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "bytes")?.Value;
        return bytes is int size ? ($"{description} {Sizes.Format(size)}", true) : (description, false);
    }
}
