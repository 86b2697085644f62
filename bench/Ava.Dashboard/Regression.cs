// Regression detection over the history. A series is one (suite, name) pair; its tracked figure is the ratio,
// because ratios measured side by side in one run survive machine noise far better than absolute values.
// The latest run's ratio is compared with the median ratio of up to the last N earlier runs that carry the
// series; the median keeps one noisy run from moving the baseline.
using System.Globalization;

namespace Ava.Dashboard;

/// <summary>Identifies a series: a benchmark name within a suite. Compared ordinally.</summary>
/// <param name="Suite">Benchmark suite.</param>
/// <param name="Name">Benchmark name.</param>
public readonly record struct SeriesKey(string Suite, string Name)
{
    /// <summary>The form used in the dashboard's <c>data-series</c> attributes: <c>suite/name</c>.</summary>
    public override string ToString() => Suite + "/" + Name;
}

/// <summary>Outcome of comparing a series' latest ratio with its baseline.</summary>
public enum RegressionStatus
{
    /// <summary>No earlier run carries the series (or its baseline is not positive): nothing to compare with.</summary>
    NoBaseline,

    /// <summary>Not worse than the baseline by more than the threshold.</summary>
    Ok,

    /// <summary>Worse than the baseline by more than the threshold.</summary>
    Regressed,
}

/// <summary>The comparison of one series in the latest run with its baseline.</summary>
/// <param name="Latest">The latest run's entry for the series.</param>
/// <param name="Median">Median ratio of the earlier runs compared with; null without baseline.</param>
/// <param name="BaselineRuns">How many earlier runs the median was taken over.</param>
/// <param name="Worsening">Relative change of the ratio towards worse: positive is worse, negative is better, whatever the direction of the figure; null without baseline.</param>
/// <param name="Status">The verdict.</param>
public sealed record RegressionResult(BenchEntry Latest, double? Median, int BaselineRuns, double? Worsening, RegressionStatus Status)
{
    /// <summary>The series compared.</summary>
    public SeriesKey Series => Latest.Key;

    /// <summary>True when <see cref="Status"/> is <see cref="RegressionStatus.Regressed"/>.</summary>
    public bool IsRegressed => Status == RegressionStatus.Regressed;

    /// <summary>Signed relative change of the ratio itself, (latest - median) / median; null without baseline.</summary>
    public double? Change => Median is { } m ? (Latest.Ratio - m) / m : null;
}

/// <summary>Pure functions that flag regressions in a history.</summary>
public static class Regression
{
    /// <summary>Default threshold: a ratio more than 10% worse than the baseline is a regression.</summary>
    public const double DefaultThreshold = 0.10;

    /// <summary>Default number of earlier runs the baseline median is taken over.</summary>
    public const int DefaultWindow = 10;

    // Keeps a change of exactly the threshold (1.10 against 1.00 at 10%) from tipping over on rounding error.
    private const double Tolerance = 1e-9;

    /// <summary>Median of the values (mean of the middle two for an even count).</summary>
    /// <param name="values">At least one value.</param>
    /// <returns>The median.</returns>
    /// <exception cref="ArgumentException">No values.</exception>
    public static double Median(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] sorted = [.. values];
        if (sorted.Length == 0)
        {
            throw new ArgumentException("The median of no values is undefined.", nameof(values));
        }

        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>How much worse <paramref name="latest"/> is than <paramref name="baseline"/>, relative to the baseline.</summary>
    /// <param name="latest">Latest ratio.</param>
    /// <param name="baseline">Baseline ratio; must be positive.</param>
    /// <param name="lowerIsBetter">Direction of the figure.</param>
    /// <returns>Positive when worse (0.25 = 25% worse), negative when better.</returns>
    public static double Worsening(double latest, double baseline, bool lowerIsBetter)
    {
        if (!(baseline > 0) || !double.IsFinite(baseline))
        {
            throw new ArgumentOutOfRangeException(nameof(baseline), baseline, "The baseline ratio must be a positive finite number.");
        }

        double change = (latest - baseline) / baseline;
        return lowerIsBetter ? change : -change;
    }

    /// <summary>Whether <paramref name="latest"/> is worse than <paramref name="baseline"/> by more than <paramref name="threshold"/>.</summary>
    /// <param name="latest">Latest ratio.</param>
    /// <param name="baseline">Baseline ratio; must be positive.</param>
    /// <param name="lowerIsBetter">Direction of the figure.</param>
    /// <param name="threshold">Relative threshold, 0.10 for 10%.</param>
    /// <returns>True for a regression.</returns>
    public static bool IsRegression(double latest, double baseline, bool lowerIsBetter, double threshold)
    {
        CheckThreshold(threshold);
        return Worsening(latest, baseline, lowerIsBetter) > threshold + Tolerance;
    }

    /// <summary>Compares one entry with the ratios of the same series in earlier runs.</summary>
    /// <param name="latest">The latest entry.</param>
    /// <param name="previousRatios">Earlier ratios of the series, oldest first; only the last <paramref name="window"/> count.</param>
    /// <param name="threshold">Relative threshold, 0.10 for 10%.</param>
    /// <param name="window">How many of the most recent earlier ratios the median is taken over.</param>
    /// <returns>The comparison.</returns>
    public static RegressionResult Evaluate(BenchEntry latest, IReadOnlyList<double> previousRatios, double threshold = DefaultThreshold, int window = DefaultWindow)
    {
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(previousRatios);
        CheckThreshold(threshold);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);

        int take = Math.Min(window, previousRatios.Count);
        if (take == 0)
        {
            return new RegressionResult(latest, null, 0, null, RegressionStatus.NoBaseline);
        }

        double median = Median(previousRatios.Skip(previousRatios.Count - take));
        if (!(median > 0) || !double.IsFinite(median))
        {
            return new RegressionResult(latest, null, take, null, RegressionStatus.NoBaseline);
        }

        double worsening = Worsening(latest.Ratio, median, latest.LowerIsBetter);
        RegressionStatus status = worsening > threshold + Tolerance ? RegressionStatus.Regressed : RegressionStatus.Ok;
        return new RegressionResult(latest, median, take, worsening, status);
    }

    /// <summary>Compares every entry of the last run with the earlier runs that carry the same series.</summary>
    /// <param name="runs">The history, oldest first.</param>
    /// <param name="threshold">Relative threshold, 0.10 for 10%.</param>
    /// <param name="window">How many earlier runs the median is taken over.</param>
    /// <returns>One result per entry of the last run, in its order; empty for an empty history.</returns>
    public static IReadOnlyList<RegressionResult> Analyze(IReadOnlyList<RunRecord> runs, double threshold = DefaultThreshold, int window = DefaultWindow)
    {
        ArgumentNullException.ThrowIfNull(runs);
        CheckThreshold(threshold);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        if (runs.Count == 0)
        {
            return [];
        }

        RunRecord last = runs[^1];
        var results = new List<RegressionResult>(last.Entries.Count);
        var seen = new HashSet<SeriesKey>();
        foreach (BenchEntry entry in last.Entries)
        {
            if (!seen.Add(entry.Key))
            {
                continue; // A run names a series once; a duplicate line is ignored, as in the charts.
            }

            var previous = new List<double>(window);
            for (int i = runs.Count - 2; i >= 0 && previous.Count < window; i--)
            {
                if (Find(runs[i], entry.Key) is { } earlier)
                {
                    previous.Add(earlier.Ratio);
                }
            }

            previous.Reverse();
            results.Add(Evaluate(entry, previous, threshold, window));
        }

        return results.AsReadOnly();
    }

    /// <summary>
    /// Compares, for every suite, the entries of the latest run that carries that suite with the earlier runs: suites
    /// are measured by separate commands (<c>ava bench rodinia</c> beside <c>ava bench transport opencl workloads</c>),
    /// so a later run of one suite must not hide a regression the latest run of another showed.
    /// </summary>
    /// <param name="runs">The history, oldest first.</param>
    /// <param name="threshold">Relative threshold, 0.10 for 10%.</param>
    /// <param name="window">How many earlier runs the median is taken over.</param>
    /// <returns>The latest run's results first, then those of the other suites, each in its run's order.</returns>
    public static IReadOnlyList<RegressionResult> AnalyzeLatestOfEachSuite(IReadOnlyList<RunRecord> runs, double threshold = DefaultThreshold, int window = DefaultWindow)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var results = new List<RegressionResult>(Analyze(runs, threshold, window));
        var done = results.Select(r => r.Latest.Suite).ToHashSet(StringComparer.Ordinal);
        for (int i = runs.Count - 2; i >= 0; i--)
        {
            foreach (string suite in runs[i].Entries.Select(e => e.Suite).Distinct(StringComparer.Ordinal).ToList())
            {
                if (!done.Add(suite))
                {
                    continue;
                }

                // The history up to that run, as if the suite were all it measured.
                RunRecord[] upTo = [.. runs.Take(i + 1).Select(r => r with { Entries = [.. r.Entries.Where(e => e.Suite == suite)] })];
                results.AddRange(Analyze(upTo, threshold, window));
            }
        }

        return results.AsReadOnly();
    }

    /// <summary>Every series in the history, in order of first appearance.</summary>
    /// <param name="runs">The history, oldest first.</param>
    /// <returns>The distinct series.</returns>
    public static IReadOnlyList<SeriesKey> SeriesOf(IReadOnlyList<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var seen = new HashSet<SeriesKey>();
        var order = new List<SeriesKey>();
        foreach (RunRecord run in runs)
        {
            foreach (BenchEntry entry in run.Entries)
            {
                if (seen.Add(entry.Key))
                {
                    order.Add(entry.Key);
                }
            }
        }

        return order.AsReadOnly();
    }

    /// <summary>The first entry of <paramref name="run"/> for <paramref name="series"/>, or null.</summary>
    /// <param name="run">A run.</param>
    /// <param name="series">A series.</param>
    /// <returns>The entry, or null when the run does not carry the series.</returns>
    public static BenchEntry? Find(RunRecord run, SeriesKey series)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (BenchEntry entry in run.Entries)
        {
            if (entry.Key == series)
            {
                return entry;
            }
        }

        return null;
    }

    internal static void CheckThreshold(double threshold)
    {
        if (!(threshold >= 0) || !double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, string.Create(CultureInfo.InvariantCulture, $"The threshold must be a finite fraction >= 0 (0.10 for 10%), not {threshold}."));
        }
    }
}
