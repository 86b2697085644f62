using Ava.Fuzz.Targets;
using Ava.Tests;

namespace Ava.Fuzz.Tests;

/// <summary>
/// The seeds of every target, and every input a fuzzer once crashed the worker with (tests/Fuzz/regressions/TARGET, kept
/// after the fix), replayed in this process through the same targets: each ends as the threat model allows.
/// </summary>
public class ReplayTests
{
    public static TheoryData<string, string> Seeds => Inputs("corpus");

    public static TheoryData<string, string> Regressions => Inputs("regressions");

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Seed_Replayed_EndsWithoutFault(string target, string file) => Replay(target, file);

    [Theory]
    [MemberData(nameof(Regressions))]
    public void FixedCrash_Replayed_EndsWithoutFault(string target, string file) => Replay(target, file);

    private static void Replay(string target, string file)
    {
        var chosen = FuzzTargets.Find(target);
        Assert.NotNull(chosen);
        chosen.Run(File.ReadAllBytes(Path.Combine(Repo.Root, file)));
    }

    private static TheoryData<string, string> Inputs(string folder)
    {
        var data = new TheoryData<string, string>();
        var root = Path.Combine(Repo.Root, "tests", "Fuzz", folder);
        foreach (var target in FuzzTargets.All.Select(t => t.Name))
        {
            var inputs = Path.Combine(root, target);
            if (!Directory.Exists(inputs))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(inputs).Order(StringComparer.Ordinal))
            {
                data.Add(target, Path.GetRelativePath(Repo.Root, file));
            }
        }

        return data;
    }
}
