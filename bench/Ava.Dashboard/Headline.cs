// The README's headline figures, written from the latest run of the history by `ava dashboard --readme FILE`,
// between two marker comments, so every figure the README quotes comes from a run and names the command that
// measured it. Text outside the markers is left as it is.
using System.Globalization;
using System.Text;

namespace Ava.Dashboard;

/// <summary>Renders the headline figures of a run as Markdown and puts them into a README.</summary>
public static class Headline
{
    /// <summary>Opens the generated block.</summary>
    public const string Begin = "<!-- headline figures: written by `ava dashboard --readme README.md` from the latest run in the history; edits inside are overwritten -->";

    /// <summary>Closes the generated block.</summary>
    public const string End = "<!-- end of headline figures -->";

    // The ping-pong is both a reference of ratios and a floor the run measured, under these two names.
    private const string PingPongReference = "raw C shm ping-pong";
    private const string PingPongFloor = "raw C shm ping-pong p50";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The transport figures quoted, in order: series name, what the README calls it.</summary>
    private static readonly (string Name, string Label)[] TransportRows =
    [
        ("null-call sync shm p50", "synchronous null call, shared-memory rings, p50"),
        ("async call shm", "async calls from one thread, shared-memory rings"),
        ("in-transfer 64 MiB shm", "64 MiB in-transfer, shared-memory rings (copies pipelined over two cores)"),
        ("out-transfer 64 MiB shm", "64 MiB out-transfer, shared-memory rings"),
        ("null-call sync unix p50", "synchronous null call, Unix-socket channel, p50"),
    ];

    /// <summary>
    /// The run the headline quotes: the latest that measured the transport suite. Other suites run by their own
    /// commands (<c>ava bench rodinia</c>) append runs that carry none of these figures.
    /// </summary>
    /// <param name="runs">The history, oldest first; not empty.</param>
    /// <returns>That run, or the latest run when none measured the transport suite.</returns>
    public static RunRecord Quoted(IReadOnlyList<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.LastOrDefault(r => r.Entries.Any(e => e.Suite == "transport")) ?? runs[^1];
    }

    /// <summary>The Markdown block for <paramref name="run"/>, markers included.</summary>
    /// <param name="run">The run quoted, normally the latest of the history.</param>
    /// <param name="historyName">How the README names the history file.</param>
    /// <returns>The block, ending in a newline.</returns>
    public static string Render(RunRecord run, string historyName)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(historyName);
        var md = new StringBuilder();
        md.Append(Begin).Append('\n');
        md.Append("Headline figures (latest run in `").Append(historyName).Append("`: commit `").Append(run.ShortCommit).Append("`, ")
            .Append(run.Date.UtcDateTime.ToString("yyyy-MM-dd", Inv)).Append(", ").Append(run.Machine.Length == 0 ? "unknown machine" : run.Machine)
            .Append(", measured by `").Append(run.Command.Length == 0 ? "ava bench" : run.Command).Append("`; every ratio is measured side by side in that run):\n\n");

        var rows = new List<string>();
        double? pingPong = run.Floors.FirstOrDefault(f => f.Name == PingPongFloor)?.Value;
        foreach ((string name, string label) in TransportRows)
        {
            if (Regression.Find(run, new SeriesKey("transport", name)) is not { } e)
            {
                continue;
            }

            string ratio = e.RatioOf == PingPongReference && pingPong is { } floor
                ? $"{Times(e.Ratio)} the raw C shared-memory ping-pong ({Duration(floor, "ns")})"
                : $"{Times(e.Ratio)} the time of {(e.RatioOf == "single-core memcpy" ? "one single-core memcpy" : "a " + e.RatioOf)}";
            string measured = e.Unit == "M/s" ? e.Value.ToString("0.0", Inv) + " M calls/s" : Duration(e.Value, e.Unit);
            rows.Add($"| {label} | {measured} | {ratio} |");
        }

        if (Regression.Find(run, new SeriesKey("workloads", "geometric mean shm")) is { } geomean)
        {
            BenchEntry[] workloads = [.. run.Entries.Where(e => e.Suite == "workloads" && e.Name.EndsWith(" shm", StringComparison.Ordinal) && !e.Name.StartsWith("geometric mean", StringComparison.Ordinal))];
            string worst = string.Join(", ", workloads.OrderByDescending(e => e.Ratio).Take(2).Select(e => $"{e.Name[..^4]} {e.Ratio.ToString("0.00", Inv)}"));
            rows.Add($"| OpenCL workloads ({workloads.Length}, on PoCL), remoted / native wall time, shared-memory rings | geometric mean {geomean.Ratio.ToString("0.00", Inv)} | worst: {worst} |");
        }

        if (rows.Count > 0)
        {
            md.Append("| figure | measured | ratio |\n|---|---|---|\n");
            foreach (string row in rows)
            {
                md.Append(row).Append('\n');
            }

            md.Append('\n');
        }

        BenchEntry[] calls = [.. run.Entries.Where(e => e.Suite == "opencl")];
        if (calls.Length > 0)
        {
            md.Append("The hottest OpenCL calls, remoted against ").Append(calls[0].RatioOf).Append(", side by side in the same run (BenchmarkDotNet medians):\n\n")
                .Append("| call | native | remoted | remoted / native |\n|---|---|---|---|\n");
            foreach (BenchEntry e in calls)
            {
                md.Append("| ").Append(e.Name).Append(" | ").Append(Duration(e.Value / e.Ratio, e.Unit)).Append(" | ").Append(Duration(e.Value, e.Unit))
                    .Append(" | ").Append(Times(e.Ratio)).Append(" |\n");
            }

            md.Append('\n');
        }

        if (rows.Count == 0 && calls.Length == 0)
        {
            md.Append("The run quoted no headline figure.\n\n");
        }

        md.Append(End).Append('\n');
        return md.ToString();
    }

    /// <summary>Replaces the block between <see cref="Begin"/> and <see cref="End"/> in <paramref name="readme"/>.</summary>
    /// <param name="readme">The README text.</param>
    /// <param name="block">A block from <see cref="Render"/>.</param>
    /// <returns>The new README text.</returns>
    /// <exception cref="FormatException">The README does not hold one pair of markers, in order.</exception>
    public static string Replace(string readme, string block)
    {
        ArgumentNullException.ThrowIfNull(readme);
        ArgumentNullException.ThrowIfNull(block);
        int begin = readme.IndexOf(Begin, StringComparison.Ordinal);
        int end = readme.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin || readme.IndexOf(Begin, begin + 1, StringComparison.Ordinal) >= 0)
        {
            throw new FormatException("the README needs one headline block: a line \"" + Begin + "\" and, after it, a line \"" + End + "\"");
        }

        int after = end + End.Length;
        if (after < readme.Length && readme[after] == '\n')
        {
            after++;
        }

        return string.Concat(readme.AsSpan(0, begin), block, readme.AsSpan(after));
    }

    /// <summary>A ratio as the README writes it: <c>2.86x</c>.</summary>
    private static string Times(double ratio) => (ratio >= 100 ? ratio.ToString("0", Inv) : ratio.ToString("0.00", Inv)) + "x";

    /// <summary>A duration in the unit that keeps it between 1 and 1000, three significant digits.</summary>
    private static string Duration(double value, string unit)
    {
        double ns = unit switch
        {
            "ns" => value,
            "us" => value * 1e3,
            "ms" => value * 1e6,
            "s" => value * 1e9,
            _ => double.NaN,
        };
        if (double.IsNaN(ns))
        {
            return value.ToString("G3", Inv) + " " + unit;
        }

        (double scaled, string name) = ns >= 1e9 ? (ns / 1e9, "s") : ns >= 1e6 ? (ns / 1e6, "ms") : ns >= 1e3 ? (ns / 1e3, "us") : (ns, "ns");
        string format = scaled >= 100 ? "0" : scaled >= 10 ? "0.0" : "0.00";
        return scaled.ToString(format, Inv) + " " + name;
    }
}
