using Ava.Tests;

namespace Ava.OpenCL.Tests;

/// <summary>
/// Recovery (AVA_RECOVER=1) from a worker killed before each call in turn of a program whose non-blocking reads are
/// completed only by a later clFinish or clWaitForEvents (tests/OpenCL/programs/recover_read.c): every kill leaves the
/// output the native one, the reads' bytes included.
/// </summary>
public class RecoveryTests
{
    private static readonly string Program = Path.Combine(Repo.Artifacts, "tests", "opencl", "recover_read");

    [Fact]
    public void WorkerKilledBeforeEachCall_UnderRecovery_TheProgramPrintsTheNativeOutput()
    {
        var native = Repo.Run(Program, []);
        Assert.Equal(0, native.Code);

        // The program's calls: one per transcript line, and the queries a guest hook makes (clCreateKernel's
        // argument count); the sweep goes one past them, where no call is left to meet the dead worker.
        var calls = native.Out.Split('\n').Count(l => l.Contains(" -> ", StringComparison.Ordinal)) + 2;
        var failures = new List<string>();
        for (var call = 1; call <= calls; call++)
        {
            var env = new Dictionary<string, string>
            {
                ["AVA_RECOVER"] = "1",
                ["AVA_FAULT_KILL_WORKER_AT"] = call.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            var remoted = Repo.Run(Repo.Ava, ["run", "--", Program], env);
            if (remoted.Code != 0 || remoted.Out != native.Out)
            {
                failures.Add($"killed before call {call}: exit {remoted.Code}\n{remoted.Out}{remoted.Err}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n---\n", failures));
    }
}
