using Ava.Transport;
using Ava.Worker.RealLibraries;

namespace Ava.Tests;

/// <summary>The worker's choice of the real library, in process: the loader's order and the rules on top of it.</summary>
public sealed class RealLibraryResolverTests : IDisposable
{
    private static readonly string Double = Path.Combine(Repo.Artifacts, "tests", "cuda", "libcudadouble.so");
    private readonly string _root = Directory.CreateTempSubdirectory("ava-resolver-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static ApiDescriptor Api(params string[] real) =>
        new("cuda", 2, "13.0", "libcuda.so.1", "0x0", [""], [FunctionFlags.None], [""], real) { ForwardCompatibilityFolder = "compat", KernelModule = "nvidia" };

    private string Install(string folder, string versioned)
    {
        var directory = Path.Combine(_root, folder);
        Directory.CreateDirectory(directory);
        File.Copy(Double, Path.Combine(directory, versioned));
        File.CreateSymbolicLink(Path.Combine(directory, "libcuda.so.1"), versioned);
        return Path.Combine(directory, "libcuda.so.1");
    }

    private RealLibraryResolver Resolver(string? searchPath, string? kernel, IReadOnlyList<string>? defaults = null, string? forced = null, string? installed = null) =>
        new(Api("libcuda.so.1"))
        {
            Environment = name => name switch
            {
                "LD_LIBRARY_PATH" => searchPath,
                "AVA_REAL_CUDA" => forced,
                _ => null,
            },
            SystemSetting = key => key == "real.cuda" ? installed : null,
            CachePath = Path.Combine(_root, "no-cache"),
            DefaultFolders = defaults ?? [],
            KernelModuleVersion = kernel,
            BinFolder = Path.Combine(Repo.Artifacts, "bin"),
        };

    [Fact]
    public void Resolve_NewerCompatibilityBuildFirstOnThePath_IsChosenAsTheLoaderWould()
    {
        var compat = Install("cuda/compat", "libcuda.so.590.48.01");
        Install("nvidia", "libcuda.so.580.159.04");
        var choice = Resolver($"{Path.Combine(_root, "cuda/compat")}:{Path.Combine(_root, "nvidia")}", "580.159.04").Resolve();
        Assert.Equal(compat, choice.Path);
    }

    [Fact]
    public void Resolve_CompatibilityBuildNotNewerThanTheKernelModule_IsPassedOver()
    {
        Install("cuda/compat", "libcuda.so.580.65.06");
        var driver = Install("nvidia", "libcuda.so.580.159.04");
        var choice = Resolver($"{Path.Combine(_root, "cuda/compat")}:{Path.Combine(_root, "nvidia")}", "580.159.04").Resolve();
        Assert.Equal(driver, choice.Path);
        Assert.Contains(choice.Searched, c => c.Verdict.Contains("not newer than the nvidia kernel module 580.159.04", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_NothingOnThePath_FallsBackToTheDefaultFoldersInOrder()
    {
        var first = Install("lib-a", "libcuda.so.580.159.04");
        Install("lib-b", "libcuda.so.580.159.04");
        var choice = Resolver(null, null, [Path.Combine(_root, "empty"), Path.Combine(_root, "lib-a"), Path.Combine(_root, "lib-b")]).Resolve();
        Assert.Equal(first, choice.Path);
        Assert.Equal("found through default folder", choice.Reason);
        Assert.Equal("absent", choice.Searched[0].Verdict);
    }

    [Fact]
    public void Resolve_AfterASystemInstall_TakesTheDivertedVendorLibraryTheConfigNames()
    {
        var diverted = Install("diverted", "libcuda.so.580.159.04");
        Install("nvidia", "libcuda.so.580.159.04");
        var choice = Resolver(Path.Combine(_root, "nvidia"), null, installed: diverted).Resolve();
        Assert.Equal(diverted, choice.Path);
        Assert.StartsWith("named by real.cuda in ", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_EnvironmentOverride_WinsOverTheSystemInstallRecord()
    {
        var named = Install("named", "libcuda.so.580.159.04");
        var choice = Resolver(null, null, forced: named, installed: Path.Combine(_root, "gone", "libcuda.so.1")).Resolve();
        Assert.Equal(named, choice.Path);
        Assert.Equal("named by AVA_REAL_CUDA", choice.Reason);
    }

    [Fact]
    public void Resolve_SystemInstallRecordNamingOurDropIn_IsRefusedWithTheReason()
    {
        var choice = Resolver(null, null, installed: Repo.Lib("libcuda.so.1")).Resolve();
        Assert.Null(choice.Path);
        Assert.Contains("one of our drop-in libraries", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OverrideNamingOurDropIn_IsRefusedWithTheReason()
    {
        var choice = Resolver(null, null, forced: Repo.Lib("libcuda.so.1")).Resolve();
        Assert.Null(choice.Path);
        Assert.Contains("one of our drop-in libraries", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SameFileThroughTwoFolders_IsLookedAtOnce()
    {
        var driver = Install("nvidia", "libcuda.so.580.159.04");
        var alias = Path.Combine(_root, "alias");
        Directory.CreateSymbolicLink(alias, Path.Combine(_root, "nvidia"));
        var choice = Resolver($"{Path.Combine(_root, "copy")}:{alias}:{Path.Combine(_root, "nvidia")}", null).Resolve();
        Assert.Equal(Path.Combine(alias, "libcuda.so.1"), choice.Path);
        Assert.NotNull(driver);
    }

    [Fact]
    public void LdSoCache_ForTheCLibrary_ListsWhatLdconfigLists()
    {
        var run = Repo.Run("/sbin/ldconfig", ["-p"]);
        var expected = run.Out.Split('\n')
            .Where(l => l.TrimStart().StartsWith("libc.so.6 ", StringComparison.Ordinal) && l.Contains("x86-64", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("=> ", StringComparison.Ordinal) + 3)..].Trim())
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, LdSoCache.Lookup("libc.so.6"));
    }

    [Fact]
    public void LdSoCache_Garbage_ListsNothing()
    {
        Assert.Empty(LdSoCache.Lookup("glibc-ld.so.cache1.1\xff\xff\xff\xff"u8.ToArray(), "libc.so.6"));
        Assert.Empty(LdSoCache.Lookup([], "libc.so.6"));
    }

    [Fact]
    public void ElfImage_TellsOurDropInsFromVendorLibraries()
    {
        Assert.Equal((true, true), ElfImage.Inspect(Repo.Lib("libcuda.so.1")));
        Assert.Equal((true, false), ElfImage.Inspect(Double));
        Assert.Null(ElfImage.Inspect("/etc/hostname"));
    }

    [Theory]
    [InlineData("580.159.04", "580.65.06", 1)]
    [InlineData("580.65.06", "580.159.04", -1)]
    [InlineData("590.1", "590.1.0", 0)]
    public void CompareVersions_ComparesNumericallyPartByPart(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(RealLibraryResolver.CompareVersions(a, b)));
}

/// <summary><c>ava doctor</c> on this machine: PoCL behind the system's OpenCL loader, our drop-ins just built.</summary>
public sealed class DoctorTests
{
    [Fact]
    public void Doctor_OnThisMachine_NamesTheRealOpenClLibraryAndAgreeingSpecs()
    {
        var run = Repo.Run(Repo.Ava, ["doctor"]);
        Assert.True(run.Code == 0, run.Out + run.Err);
        var lines = run.Out.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("ok    opencl: real library", StringComparison.Ordinal) && l.Contains("/libOpenCL.so.1 (found through", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ok    opencl: drop-in libOpenCL.so.1", StringComparison.Ordinal) && l.Contains("agrees with this worker", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ok    channel: shared memory", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ok    channel: Unix socket", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("cross-memory copies", StringComparison.Ordinal));
        Assert.Equal("ava doctor: nothing stands in the way", lines.Last(l => l.Length > 0));
    }
}
