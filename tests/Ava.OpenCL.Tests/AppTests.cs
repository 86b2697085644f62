using Ava.Tests;

namespace Ava.OpenCL.Tests;

/// <summary>
/// Real OpenCL libraries, unmodified, driven by small clients (tests/OpenCL/apps): CLBlast from C, clFFT through
/// gpyfft, pyopencl's array, reduction, scan, random, image, event and binary-cache machinery. Each client checks its
/// results against the host and prints deterministic lines; natively, through ava and through our ICD they print
/// the same. Oclgrind (an ICD of its own) is the second platform beside PoCL and the fork-safe implementation.
/// </summary>
public sealed class AppTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private const string Oclgrind = "/usr/lib/oclgrind/liboclgrind-rt-icd.so";
    private static readonly string Apps = Path.Combine(Repo.Root, "tests", "OpenCL", "apps");
    private static readonly string ClblastClient = Path.Combine(Repo.Artifacts, "tests", "opencl-apps", "clblast_client");
    private static readonly string IcdFile = Path.Combine(Repo.Artifacts, "lib", "icd", "ava.icd");

    /// <summary>A vendors folder with the system's ICDs and Oclgrind's, which its package does not register.</summary>
    private readonly string _twoPlatforms = Directory.CreateTempSubdirectory("ava-two-platforms-").FullName;

    /// <summary>An .icd file naming Oclgrind alone.</summary>
    private readonly string _oclgrindOnly;

    public AppTests()
    {
        foreach (var icd in Directory.EnumerateFiles("/etc/OpenCL/vendors", "*.icd"))
        {
            File.CreateSymbolicLink(Path.Combine(_twoPlatforms, Path.GetFileName(icd)), icd);
        }

        _oclgrindOnly = Path.Combine(_twoPlatforms, "oclgrind.icd");
        File.WriteAllText(_oclgrindOnly, Oclgrind + "\n");
    }

    public void Dispose() => Directory.Delete(_twoPlatforms, recursive: true);

    public static TheoryData<string> PythonClients() => new(["pyopencl_features.py", "gpyfft_client.py"]);

    [Fact]
    public void ClblastClient_RemotedAndThroughTheIcd_PrintsTheNativeChecksums()
    {
        Assert.True(File.Exists(ClblastClient), $"{ClblastClient} is missing: run tests/OpenCL/apps/build.sh (publish.ps1 does)");
        var native = Repo.Run(ClblastClient, [], timeout: TimeSpan.FromMinutes(3));
        Assert.Equal(0, native.Code);
        Assert.EndsWith("PASS\n", native.Out, StringComparison.Ordinal);
        AssertSameRemotedAndThroughTheIcd(native.Out, ClblastClient, []);
    }

    [Theory]
    [MemberData(nameof(PythonClients))]
    public void PythonClient_RemotedAndThroughTheIcd_PrintsTheNativeResults(string script)
    {
        var path = Path.Combine(Apps, script);
        var native = Repo.Run(Python, [path], timeout: TimeSpan.FromMinutes(3));
        Assert.Equal(0, native.Code);
        Assert.EndsWith("PASS\n", native.Out, StringComparison.Ordinal);
        AssertSameRemotedAndThroughTheIcd(native.Out, Python, [path]);
    }

    [Fact]
    public void Clinfo_WithOclgrindBesidePocl_ListsBothPlatformsRemotedAsNatively()
    {
        var env = new Dictionary<string, string> { ["OCL_ICD_VENDORS"] = _twoPlatforms };
        var native = Repo.Run("clinfo", [], env);
        Assert.Equal(0, native.Code);
        Assert.Contains("Number of platforms                               2", native.Out, StringComparison.Ordinal);
        var remoted = Repo.Run(Repo.Ava, ["run", "--", "clinfo"], env);
        Assert.Equal(0, remoted.Code);
        var nativeLines = native.Out.Split('\n');
        var remotedLines = remoted.Out.Split('\n');
        Assert.Equal(nativeLines.Length, remotedLines.Length);

        // As with PoCL alone (OpenClProgramTests): SVM and native kernels cannot cross processes.
        string[] absentFeatures = ["buffer sharing", "Atomics", "Run native kernels"];
        var differing = nativeLines.Zip(remotedLines).Where(pair => pair.First != pair.Second).ToList();
        Assert.All(differing, pair => Assert.Contains(absentFeatures, feature => pair.First.Contains(feature, StringComparison.Ordinal)));
    }

    [Fact]
    public void Clinfo_WithOurIcdBesidePoclAndOclgrind_ListsEachRealPlatformAndItsRemotedTwin()
    {
        // Each twin reads as its real platform but for the ICD suffix, ours "AvA" (clinfo prints name and suffix
        // once per platform in its platform section, which comes first).
        File.CreateSymbolicLink(Path.Combine(_twoPlatforms, "ava.icd"), IcdFile);
        var run = Repo.Run("clinfo", [], new Dictionary<string, string> { ["OCL_ICD_VENDORS"] = _twoPlatforms });
        Assert.Equal(0, run.Code);
        var lines = run.Out.Split('\n').Select(l => l.Trim()).ToList();
        var names = lines.Where(l => l.StartsWith("Platform Name ", StringComparison.Ordinal)).Select(l => l["Platform Name".Length..].Trim());
        var suffixes = lines.Where(l => l.StartsWith("Platform Extensions function suffix ", StringComparison.Ordinal)).Select(l => l["Platform Extensions function suffix".Length..].Trim());
        var platforms = names.Zip(suffixes, (name, suffix) => $"{name} ({suffix})").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Oclgrind (AvA)", "Oclgrind (oclg)", "Portable Computing Language (AvA)", "Portable Computing Language (POCL)"], platforms);
    }

    [Theory]
    [InlineData("buffers")]
    [InlineData("events")]
    [InlineData("ndrange")]
    public void Program_WithOclgrindBesidePocl_PrintsTheNativeTranscript(string name)
    {
        // Unsorted, ocl-icd lists PoCL first, so the programs run on PoCL with Oclgrind's platform present (Oclgrind
        // itself implements OpenCL 1.2 only: natively, the programs' 2.0 calls hang in the loader there).
        var env = new Dictionary<string, string> { ["OCL_ICD_VENDORS"] = _twoPlatforms, ["OCL_ICD_PLATFORM_SORT"] = "none" };
        var path = Path.Combine(Repo.Artifacts, "tests", "opencl", name);
        var native = Repo.Run(path, [], env);
        Assert.Equal(0, native.Code);
        var remoted = Repo.Run(Repo.Ava, ["run", "--", path], env);
        Assert.Equal(native.Out, remoted.Out);
        Assert.Equal(0, remoted.Code);
    }

    [Fact]
    public void PyopenclInForkedChildren_OnAForkSafeDevice_RunsAsNatively()
    {
        // Each forked child connects to a worker of its own while pyopencl still caches the parent's kernels by
        // context: the child's new context must not carry the id of the parent's.
        var env = new Dictionary<string, string> { ["OCL_ICD_VENDORS"] = _oclgrindOnly };
        var script = Path.Combine(Apps, "pyopencl_fork.py");
        var native = Repo.Run(Python, [script], env);
        Assert.Equal(0, native.Code);
        Assert.EndsWith("PASS\n", native.Out, StringComparison.Ordinal);
        var remoted = Repo.Run(Repo.Ava, ["run", "--", Python, script], env);
        Assert.Equal(native.Out, remoted.Out);
        Assert.Equal(0, remoted.Code);
    }

    private static void AssertSameRemotedAndThroughTheIcd(string native, string program, string[] args)
    {
        var remoted = Repo.Run(Repo.Ava, ["run", "--", program, .. args], timeout: TimeSpan.FromMinutes(3));
        Assert.Equal(native, remoted.Out);
        Assert.Equal(0, remoted.Code);

        // Our ICD's platform reads as the real one (pyopencl.characterize recognises PoCL by its exact name).
        var icd = Repo.Run(program, args, new Dictionary<string, string> { ["OCL_ICD_VENDORS"] = IcdFile }, TimeSpan.FromMinutes(3));
        Assert.Equal(native, icd.Out);
        Assert.Equal(0, icd.Code);
    }
}
