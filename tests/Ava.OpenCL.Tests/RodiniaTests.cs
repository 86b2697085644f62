using Ava.Tests;

namespace Ava.OpenCL.Tests;

/// <summary>
/// The real Rodinia 3.1 OpenCL suite at its quick size (<c>ava bench rodinia --quick</c>): every program built from
/// the read-only tree with the project's patches, its inputs generated, run natively and through <c>ava run</c>,
/// and the outputs compared (stdout without timing lines and every file it writes). Times are not asserted: they
/// belong to the benchmark.
/// </summary>
[Collection(RodiniaBuild.Name)]
public sealed class RodiniaTests
{
    [Fact]
    public void RodiniaOpenClSuite_Quick_RemotedOutputsEqualNative()
    {
        var tree = Ava.Rodinia.RodiniaBench.DefaultTree(Repo.Root);
        Assert.True(tree is not null, "no shared/rodinia beside the checkout: the Rodinia 3.1 tree is needed");
        var report = Path.Combine(Path.GetTempPath(), $"ava-rodinia-{Environment.ProcessId}.tsv");
        try
        {
            var (code, stdout, stderr) = Repo.Run(Repo.Ava, ["bench", "rodinia", "--quick", "--rounds", "1", "--no-history", "--report", report], timeout: TimeSpan.FromMinutes(20));
            Assert.True(File.Exists(report), $"no report (exit {code}): {stdout}{stderr}");
            var rows = File.ReadAllLines(report).Skip(1).Select(l => l.Split('\t')).ToDictionary(f => f[0], f => (Verdict: f[5], Detail: f[6]));
            foreach (var program in Ava.Rodinia.RodiniaSuite.OpenCl)
            {
                Assert.True(rows.TryGetValue(program.Name, out var row), $"{program.Name} missing from the report");
                Assert.True(row.Verdict == "same", $"{program.Name}: {row.Verdict}: {row.Detail}");
            }

            Assert.Equal(0, code);
        }
        finally
        {
            File.Delete(report);
        }
    }
}
