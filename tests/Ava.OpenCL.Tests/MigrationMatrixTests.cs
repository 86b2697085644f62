using Ava.Tests;
using Xunit.Abstractions;

namespace Ava.OpenCL.Tests;

/// <summary>
/// The migration and recovery matrix on the real Rodinia 3.1 OpenCL suite at its quick size (<c>ava bench rodinia
/// --quick --matrix SEEDS</c>): each program migrated to a new worker at a random call once per seed, and killed at a
/// random call under AVA_RECOVER=1 once per seed; each run must move and print what the native run printed.
/// </summary>
[Collection(RodiniaBuild.Name)]
public sealed class MigrationMatrixTests(ITestOutputHelper output)
{
    /// <summary>
    /// Seeds that reach the cases the move has to carry, within a few minutes on two cores (every program of the
    /// suite, particlefilter in its three versions, 3 seeds each): seed 1 moves hybridsort with a buffer whose queue is released, seed 2 leukocyte inside a kernel creation's
    /// hook, seed 6 dwt2d with an event whose context is released. <c>ava bench rodinia --quick --matrix 10</c> runs
    /// seeds 1 to 10 (README, "Record, replay, migration and recovery", has its figures).
    /// </summary>
    private static readonly int[] Seeds = [1, 2, 6];

    [Fact]
    public void EveryRodiniaOpenClProgram_MigratedOrKilledAtRandomCalls_OutputsEqualNative() =>
        AssertMatrix([.. Ava.Rodinia.RodiniaSuite.OpenCl.Select(p => p.Name)], Seeds);

    private void AssertMatrix(string[] programs, int[] seeds)
    {
        var tree = Ava.Rodinia.RodiniaBench.DefaultTree(Repo.Root);
        Assert.True(tree is not null, "no shared/rodinia beside the checkout: the Rodinia 3.1 tree is needed");
        var report = Path.Combine(Path.GetTempPath(), $"ava-matrix-{Environment.ProcessId}.tsv");
        try
        {
            var (code, stdout, stderr) = Repo.Run(Repo.Ava, ["bench", "rodinia", "--quick", "--matrix", string.Join(',', seeds), "--report", report, .. programs.SelectMany(p => (string[])["--only", p])], timeout: TimeSpan.FromMinutes(20));
            output.WriteLine(stdout);
            Assert.True(File.Exists(report), $"no report (exit {code}): {stdout}{stderr}");
            var rows = File.ReadAllLines(report).Skip(1).Select(l => l.Split('\t')).ToList();
            foreach (var program in Ava.Rodinia.RodiniaSuite.OpenCl.Where(p => programs.Contains(p.Name)))
            {
                var runs = rows.Where(r => r[0] == program.Name).ToList();
                Assert.True(runs.Count == 2 * seeds.Length, $"{program.Name}: {runs.Count} runs in the report: {string.Join(" | ", runs.Select(r => r[^1]))}");
                foreach (var run in runs)
                {
                    Assert.True(run[5] == "yes" && run[6] == "identical", $"{program.Name} {run[2]} seed {run[3]} at call {run[4]}: moved {run[5]}, {run[6]}");
                }
            }

            Assert.Equal(0, code);
        }
        finally
        {
            File.Delete(report);
        }
    }
}
