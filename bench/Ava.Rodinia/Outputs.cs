using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ava.Rodinia;

/// <summary>What one run of a program produced: its stdout without timing lines, and every file it wrote.</summary>
/// <param name="Stdout">Standard output, timing lines removed.</param>
/// <param name="Files">The files it created or rewrote in its folder, by relative path.</param>
public sealed record RunOutputs(string Stdout, IReadOnlyDictionary<string, byte[]> Files);

/// <summary>Normalizes and compares the outputs of a native and a remoted run.</summary>
public static partial class Outputs
{
    /// <summary>
    /// Removes the lines that report times (each Rodinia program prints its own: "Total: 123.4", "Time: ...",
    /// "... took 1.2 s", "kernel time = ..."), which differ between any two runs.
    /// </summary>
    /// <param name="stdout">The program's standard output.</param>
    /// <returns>The output without those lines.</returns>
    public static string WithoutTimings(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var kept = new StringBuilder(stdout.Length);
        foreach (var line in stdout.Split('\n'))
        {
            if (!TimingLine().IsMatch(line))
            {
                kept.Append(line.TrimEnd('\r')).Append('\n');
            }
        }

        return kept.ToString();
    }

    /// <summary>Compares two runs; null when they agree, else the first difference in words.</summary>
    /// <param name="expected">The native run.</param>
    /// <param name="actual">The remoted run.</param>
    /// <param name="tolerance">Relative tolerance for numbers; 0 for byte equality.</param>
    /// <returns>Null, or what differs.</returns>
    public static string? Difference(RunOutputs expected, RunOutputs actual, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (TextDifference(expected.Stdout, actual.Stdout, tolerance) is { } stdout)
        {
            return "stdout: " + stdout;
        }

        foreach (var name in expected.Files.Keys.Union(actual.Files.Keys).Order(StringComparer.Ordinal))
        {
            if (!expected.Files.TryGetValue(name, out var want))
            {
                return $"{name}: written only remoted";
            }

            if (!actual.Files.TryGetValue(name, out var got))
            {
                return $"{name}: written only natively";
            }

            if (want.AsSpan().SequenceEqual(got))
            {
                continue;
            }

            if (tolerance > 0 && TextDifference(Encoding.Latin1.GetString(want), Encoding.Latin1.GetString(got), tolerance) is null)
            {
                continue;
            }

            var at = want.AsSpan().CommonPrefixLength(got);
            return string.Create(CultureInfo.InvariantCulture, $"{name}: differs at byte {at} ({want.Length} bytes natively, {got.Length} remoted)");
        }

        return null;
    }

    /// <summary>Compares two texts token by token: numbers within <paramref name="tolerance"/> (relative), the rest exactly.</summary>
    /// <param name="expected">Expected text.</param>
    /// <param name="actual">Actual text.</param>
    /// <param name="tolerance">Relative tolerance; 0 for equality.</param>
    /// <returns>Null when they agree, else the first differing line.</returns>
    public static string? TextDifference(string expected, string actual, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return null;
        }

        var want = expected.Split('\n');
        var got = actual.Split('\n');
        for (var i = 0; i < Math.Max(want.Length, got.Length); i++)
        {
            var a = i < want.Length ? want[i] : "";
            var b = i < got.Length ? got[i] : "";
            if (i >= want.Length || i >= got.Length || !LinesAgree(a, b, tolerance))
            {
                return string.Create(CultureInfo.InvariantCulture, $"line {i + 1}: '{Shorten(a)}' natively, '{Shorten(b)}' remoted");
            }
        }

        return null;
    }

    private static bool LinesAgree(string a, string b, double tolerance)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }

        if (tolerance <= 0)
        {
            return false;
        }

        // printf pads numbers to a width ("%10.7e" of nan), so the padding goes with the number.
        var ta = Number().Split(a).Select(t => t.Trim());
        var tb = Number().Split(b).Select(t => t.Trim());
        var na = Number().Matches(a);
        var nb = Number().Matches(b);
        if (na.Count != nb.Count || !ta.SequenceEqual(tb, StringComparer.Ordinal))
        {
            return false;
        }

        for (var k = 0; k < na.Count; k++)
        {
            if (double.IsPositiveInfinity(tolerance))
            {
                continue;
            }

            var x = double.Parse(na[k].Value, CultureInfo.InvariantCulture);
            var y = double.Parse(nb[k].Value, CultureInfo.InvariantCulture);
            var scale = Math.Max(Math.Abs(x), Math.Abs(y));
            if (!(x == y || Math.Abs(x - y) <= tolerance * scale || (double.IsNaN(x) && double.IsNaN(y))))
            {
                return false;
            }
        }

        return true;
    }

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..57] + "...";

    // Rodinia's timing reports: "Total: 123.4" (the CLHelper/timing.h family), "... time ...", "... took ...",
    // "... (ms)", "... seconds", "...  s, ... % : ..." (myocyte's breakdown), GFLOPS lines, gaussian's
    // "256x256  0.12 [0.53MB] ..." row, particlefilter's "GPU Execution:" and "SEND ... BACK:".
    [GeneratedRegex(@"(?i)(^\s*(init|memalloc|htod|dtoh|dtod|exec|close|total|compute|kernel|transfer|gpu execution|send [\w ]*back)\w*\s*:)|\btime\b|timing|\btook\b|elapsed|\bms\b|msec|seconds|\bsec\b|gflops|\[[0-9.]+MB\]|^\s*[0-9.]+\s+s,|^\s*[0-9.]+\s*s\s*$")]
    private static partial Regex TimingLine();

    [GeneratedRegex(@"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?nan|[-+]?inf", RegexOptions.IgnoreCase)]
    private static partial Regex Number();
}
