using Ava.Tests;

namespace Ava.OpenCL.Tests;

/// <summary>
/// ICD mode: an unmodified application on the system ICD loader (ocl-icd) with our .icd registered sees an extra
/// platform, "AvA remoted: ...", whose calls run in a worker that itself loads only the real implementations.
/// </summary>
public sealed class IcdTests : IDisposable
{
    private const string RealLoader = "/usr/lib/x86_64-linux-gnu/libOpenCL.so.1";
    private static readonly string IcdFile = Path.Combine(Repo.Artifacts, "lib", "icd", "ava.icd");
    private static readonly string Programs = Path.Combine(Repo.Artifacts, "tests", "opencl");

    /// <summary>A vendors folder as /etc/OpenCL/vendors would be with our entry added: the real ICDs and ours.</summary>
    private readonly string _vendors = Directory.CreateTempSubdirectory("ava-icd-vendors-").FullName;

    public IcdTests()
    {
        foreach (var icd in Directory.EnumerateFiles("/etc/OpenCL/vendors", "*.icd"))
        {
            File.CreateSymbolicLink(Path.Combine(_vendors, Path.GetFileName(icd)), icd);
        }

        File.CreateSymbolicLink(Path.Combine(_vendors, "ava.icd"), IcdFile);
    }

    public void Dispose() => Directory.Delete(_vendors, recursive: true);

    [Fact]
    public void IcdFile_NamesTheLibraryByAbsolutePath()
    {
        var library = File.ReadAllText(IcdFile).Trim();
        Assert.True(Path.IsPathRooted(library), library);
        Assert.Equal(Path.Combine(Repo.Artifacts, "lib", "icd", "libAvaOpenCL.so"), library);
        Assert.True(File.Exists(library));
    }

    [Fact]
    public void Clinfo_WithOnlyOurIcd_ListsTheRemotedPlatform()
    {
        // ocl-icd loads only the named ICD when OCL_ICD_VENDORS is a file.
        var run = Repo.Run("clinfo", ["-l"], new Dictionary<string, string> { ["OCL_ICD_VENDORS"] = IcdFile });
        Assert.Equal(0, run.Code);
        Assert.Contains("Platform #0: AvA remoted: Portable Computing Language", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Platform #1", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Clinfo_WithOurIcdBesideTheRealOne_ListsBothPlatforms()
    {
        var run = Repo.Run("clinfo", ["-l"], new Dictionary<string, string> { ["OCL_ICD_VENDORS"] = _vendors });
        Assert.Equal(0, run.Code);
        var platforms = run.Out.Split('\n').Where(l => l.StartsWith("Platform #", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 2)..]).ToList();
        Assert.Equal(2, platforms.Count);
        Assert.Contains("Portable Computing Language", platforms);
        Assert.Contains("AvA remoted: Portable Computing Language", platforms);
    }

    [Fact]
    public void Clinfo_RemotedPlatform_ReportsTheIcdExtensionAndOurSuffix()
    {
        var run = Repo.Run("clinfo", [], new Dictionary<string, string> { ["OCL_ICD_VENDORS"] = IcdFile });
        Assert.Equal(0, run.Code);
        Assert.Matches(@"Platform Extensions function suffix\s+AvA\n", run.Out);
        Assert.Matches(@"Platform Extensions\s+.*\bcl_khr_icd\b", run.Out);
    }

    [Fact]
    public void Program_OnTheRemotedPlatform_AddsVectorsInAWorkerThatLoadsOnlyTheRealLibrary()
    {
        var program = Path.Combine(Repo.Artifacts, "tests", "opencl-icd", "icd_vadd");
        Assert.True(File.Exists(program), $"{program} is missing: run tests/OpenCL/icd/build.sh (publish.ps1 does)");
        var run = Repo.Run(program, [], new Dictionary<string, string> { ["OCL_ICD_VENDORS"] = _vendors, ["AVA_LOG"] = "1" });
        Assert.Equal(0, run.Code);
        Assert.Contains("AvA remoted: Portable Computing Language", run.Out, StringComparison.Ordinal);
        Assert.EndsWith("PASS\n", run.Out, StringComparison.Ordinal);

        // The worker sees the same vendors folder, ours included: had it listed our platform it would have started
        // a worker of its own (a second "connected" line) and so on without end.
        var log = run.Err.Split('\n');
        Assert.Single(log, l => l.Contains($"serving opencl with {RealLoader}", StringComparison.Ordinal));
        Assert.Single(log, l => l.Contains("connected to opencl worker", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ndrange")]
    [InlineData("buffers")]
    [InlineData("program_kernel")]
    [InlineData("images")]
    [InlineData("command_buffer")]
    public void Program_ThroughTheIcdLoader_PrintsTheNativeTranscript(string name)
    {
        // The programs take the first platform: with only our ICD listed, that is the remoted one.
        var path = Path.Combine(Programs, name);
        var native = Repo.Run(path, []);
        Assert.Equal(0, native.Code);
        var remoted = Repo.Run(path, [], new Dictionary<string, string> { ["OCL_ICD_VENDORS"] = IcdFile });
        Assert.Equal(native.Out, remoted.Out);
        Assert.Equal(0, remoted.Code);
    }
}
