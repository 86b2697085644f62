using Ava.Tests;

namespace Ava.OpenCL.Tests;

/// <summary>
/// ICD mode: an unmodified application on the system ICD loader (ocl-icd) with our .icd registered sees an extra
/// platform whose calls run in a worker that itself loads only the real implementations. It reads as the real
/// platform (programs recognise their platform by name and version) and is told apart by its
/// CL_PLATFORM_ICD_SUFFIX_KHR, "AvA"; AVA_ICD_PLATFORM_PREFIX puts a prefix before its name.
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

    /// <summary>The platform names <c>clinfo -l</c> lists, in its order.</summary>
    private static List<string> PlatformNames(string list) =>
        list.Split('\n').Where(l => l.StartsWith("Platform #", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 2)..]).ToList();

    /// <summary>The values of a clinfo property, one per platform or device, in clinfo's order.</summary>
    private static List<string> Values(string clinfo, string property) =>
        clinfo.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(property + "  ", StringComparison.Ordinal)).Select(l => l[property.Length..].Trim()).ToList();

    [Fact]
    public void IcdFile_NamesTheLibraryByAbsolutePath()
    {
        var library = File.ReadAllText(IcdFile).Trim();
        Assert.True(Path.IsPathRooted(library), library);
        Assert.Equal(Path.Combine(Repo.Artifacts, "lib", "icd", "libAvaOpenCL.so"), library);
        Assert.True(File.Exists(library));
    }

    [Fact]
    public void Clinfo_WithOnlyOurIcd_ListsTheRemotedPlatformUnderTheRealName()
    {
        // ocl-icd loads only the named ICD when OCL_ICD_VENDORS is a file.
        var run = Repo.Run("clinfo", ["-l"], new Dictionary<string, string> { ["OCL_ICD_VENDORS"] = IcdFile });
        Assert.Equal(0, run.Code);
        Assert.Contains("Platform #0: Portable Computing Language\n", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Platform #1", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Clinfo_WithOurIcdBesideTheRealOne_ListsBothUnderOneNameToldApartByTheSuffix()
    {
        var env = new Dictionary<string, string> { ["OCL_ICD_VENDORS"] = _vendors };
        var list = Repo.Run("clinfo", ["-l"], env);
        Assert.Equal(0, list.Code);
        Assert.Equal(["Portable Computing Language", "Portable Computing Language"], PlatformNames(list.Out));
        var run = Repo.Run("clinfo", [], env);
        Assert.Equal(0, run.Code);
        Assert.Equal(["AvA", "POCL"], Values(run.Out, "Platform Extensions function suffix").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PlatformName_WithThePrefixVariable_StartsWithThePrefixOnOurPlatformOnly()
    {
        var env = new Dictionary<string, string> { ["OCL_ICD_VENDORS"] = _vendors, ["AVA_ICD_PLATFORM_PREFIX"] = "AvA remoted: " };
        var run = Repo.Run("clinfo", ["-l"], env);
        Assert.Equal(0, run.Code);
        Assert.Equal(["AvA remoted: Portable Computing Language", "Portable Computing Language"], PlatformNames(run.Out).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PlatformDevice_ThroughTheIcd_ReadsAsTheRealPlatformButForItsSuffix()
    {
        // platform_device prints every CL_PLATFORM_* string (profile, version, name, vendor, extensions, suffix) with
        // its size, and the devices' info; through our ICD only the suffix differs, and as remoted by ava run, the
        // native-kernel capability (the transcript prints a query's name on one line and its value on the next).
        var path = Path.Combine(Programs, "platform_device");
        var native = Repo.Run(path, []);
        Assert.Equal(0, native.Code);
        Assert.Contains("  value=\"POCL\" ret_size=5\n", native.Out, StringComparison.Ordinal);
        var icd = Repo.Run(path, [], new Dictionary<string, string> { ["OCL_ICD_VENDORS"] = IcdFile });
        Assert.Equal(0, icd.Code);
        var expected = native.Out.Split('\n');
        var actual = icd.Out.Split('\n');
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 1; i < expected.Length; i++)
        {
            if (expected[i - 1].StartsWith("clGetPlatformInfo(CL_PLATFORM_ICD_SUFFIX_KHR", StringComparison.Ordinal))
            {
                expected[i] = expected[i] is "  size=5" ? "  size=4" : expected[i].Replace("value=\"POCL\" ret_size=5", "value=\"AvA\" ret_size=4", StringComparison.Ordinal);
            }
        }

        var differing = Enumerable.Range(1, expected.Length - 1).Where(i => expected[i] != actual[i]).ToList();
        Assert.True(differing.Count <= 1, string.Join("\n", differing.Select(i => $"{expected[i]} | {actual[i]}")));
        Assert.All(differing, i => Assert.Contains("CL_DEVICE_EXECUTION_CAPABILITIES", expected[i - 1], StringComparison.Ordinal));
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
        Assert.Contains("Portable Computing Language (suffix AvA)", run.Out, StringComparison.Ordinal);
        Assert.EndsWith("PASS\n", run.Out, StringComparison.Ordinal);

        // The worker sees the same vendors folder, ours included: had it listed our platform it would have started
        // a worker of its own (a second "connected" line) and so on without end.
        var log = run.Err.Split('\n');
        // The loader's own choice: ld.so.cache may name it through /lib, the same file on a merged-/usr system.
        var serving = Assert.Single(log, l => l.Contains("serving opencl with ", StringComparison.Ordinal));
        var loaded = serving[(serving.IndexOf(" with ", StringComparison.Ordinal) + 6)..].Trim();
        Assert.Equal(Repo.Run("realpath", [RealLoader]).Out, Repo.Run("realpath", [loaded]).Out);
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
