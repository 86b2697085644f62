using System.Text.RegularExpressions;
using Ava.Fuzz.Targets;
using Ava.Tests;

namespace Ava.Fuzz.Tests;

/// <summary>
/// Each in-process target of tests/Fuzz run for a few seconds under libFuzzer (tests/Fuzz/run.sh, on the assemblies as
/// built and instrumented): no crash, and the coverage map of the .NET code reaches libFuzzer (its features start well
/// above the driver's own handful and do not fall).
/// </summary>
public partial class FuzzTargetTests
{
    /// <summary>Seconds per target: 8 targets fit well within two minutes on two cores.</summary>
    private const int Seconds = 6;

    public static TheoryData<string> Targets => [.. FuzzTargets.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Target_FuzzedForSeconds_FindsNoCrash_AndSeesTheWorkersCoverage(string target)
    {
        var (code, output, error) = Repo.Run(
            "bash",
            [Path.Combine(Repo.Root, "tests", "Fuzz", "run.sh"), target, Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { ["AVA_FUZZ_NO_BUILD"] = "1" },
            TimeSpan.FromMinutes(3));
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith($"fuzz {target}:", StringComparison.Ordinal));
        Assert.True(code == 0 && line is not null, $"run.sh exited {code}\n{output}\n{error}");
        var summary = Summary().Match(line);
        Assert.True(summary.Success, line);
        var features = long.Parse(summary.Groups["features"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var first = long.Parse(summary.Groups["first"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("0", summary.Groups["crashes"].Value);

        // The driver alone has about a dozen features; the seeds alone give the worker's code far more, if its branches
        // reach libFuzzer at all.
        Assert.True(first >= 50, $"only {first} coverage features from the seeds: the .NET coverage map does not reach libFuzzer ({line})");
        Assert.True(features >= first, line);
    }

    [GeneratedRegex(@"coverage features (?<features>\d+) \(from (?<first>\d+)\), corpus \d+, crashes (?<crashes>\d+)")]
    private static partial Regex Summary();
}
