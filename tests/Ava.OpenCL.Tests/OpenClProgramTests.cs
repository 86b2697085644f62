using Ava.Tests;

namespace Ava.OpenCL.Tests;

/// <summary>Each C test program (tests/OpenCL/programs) prints the same transcript natively and through ava.</summary>
public class OpenClProgramTests
{
    private static readonly string Programs = Path.Combine(Repo.Artifacts, "tests", "opencl");

    public static TheoryData<string> ProgramNames() => new(ProgramList.Matching);

    [Theory]
    [MemberData(nameof(ProgramNames))]
    public void Program_ThroughAvaRun_PrintsTheNativeTranscript(string program)
    {
        var path = Path.Combine(Programs, program);
        var native = Repo.Run(path, []);
        Assert.Equal(0, native.Code);
        var remoted = Repo.Run(Repo.Ava, ["run", "--", path]);
        Assert.Equal(native.Out, remoted.Out);
        Assert.Equal(0, remoted.Code);
    }

    [Theory]
    [MemberData(nameof(ProgramNames))]
    public void Program_OverTheUnixChannel_PrintsTheNativeTranscript(string program)
    {
        var path = Path.Combine(Programs, program);
        var native = Repo.Run(path, []);
        var remoted = Repo.Run(Repo.Ava, ["run", "--channel", "UNIX", "--", path]);
        Assert.Equal(native.Out, remoted.Out);
    }

    [Fact]
    public void Clinfo_Remoted_ListsTheSameDevicesWithTheSameProperties()
    {
        var native = Repo.Run("clinfo", []);
        Assert.Equal(0, native.Code);
        var remoted = Repo.Run(Repo.Ava, ["run", "--", "clinfo"]);
        Assert.Equal(0, remoted.Code);
        Assert.Equal(Normalize(native.Out), Normalize(remoted.Out));
    }

    [Fact]
    public void Pyopencl_Remoted_BuildsAndRunsAKernelWithCorrectResults()
    {
        var script = Path.Combine(Repo.Root, "tests", "OpenCL", "programs", "pyopencl_smoke.py");
        var native = Repo.Run("python3", [script]);
        Assert.Equal(0, native.Code);
        var remoted = Repo.Run(Repo.Ava, ["run", "--", "python3", script]);
        Assert.Equal(0, remoted.Code);
        Assert.Equal(native.Out, remoted.Out);
        Assert.Contains("PASS", remoted.Out, StringComparison.Ordinal);
    }

    /// <summary>clinfo prints the library's own ICD loader details; they are the same file on both sides.</summary>
    private static string Normalize(string text) => text.Replace("\r", "", StringComparison.Ordinal);
}
