namespace Ava.Tests;

/// <summary>
/// Which driver the worker loads, with no AVA_REAL_CUDA: the one the dynamic loader would give the application. The
/// CPU test double stands in for the vendor driver, in folders that only LD_LIBRARY_PATH names, beside decoys.
/// </summary>
public sealed class RealLibraryTests : IDisposable
{
    private static readonly string Programs = Path.Combine(Repo.Artifacts, "tests", "cuda");
    private static readonly string Query = Path.Combine(Programs, "device_query");
    private readonly string _root = Directory.CreateTempSubdirectory("ava-real-cuda-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A folder holding <paramref name="source"/> as libcuda.so.1, optionally through a versioned file as drivers install it.</summary>
    private string Folder(string name, string source, string? versionedName = null)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, versionedName ?? "libcuda.so.1");
        File.Copy(source, file);
        if (versionedName is not null)
        {
            File.CreateSymbolicLink(Path.Combine(folder, "libcuda.so.1"), versionedName);
        }

        return folder;
    }

    private string Double(string name) => Folder(name, Path.Combine(Programs, "libcudadouble.so"), "libcuda.so.580.159.04");

    private (int Code, string Out, string Log) RunRemoted(params string[] searchPath)
    {
        var log = Path.Combine(_root, $"ava-{Guid.NewGuid():N}.log");
        var env = new Dictionary<string, string>
        {
            ["LD_PRELOAD"] = Repo.Lib("libcuda.so.1"),
            ["LD_LIBRARY_PATH"] = string.Join(':', searchPath),
            ["AVA_LOG"] = log,
        };
        var run = Repo.Run(Query, [], env, TimeSpan.FromSeconds(60));
        return (run.Code, run.Out, File.Exists(log) ? File.ReadAllText(log) : "");
    }

    [Fact]
    public void Worker_WithTheDriverOnlyOnLdLibraryPath_LoadsIt()
    {
        var driver = Double("nvidia-lib64");
        var run = RunRemoted(driver);
        Assert.Equal(0, run.Code);
        Assert.Contains("device 0: CUDA test double (CPU)", run.Out, StringComparison.Ordinal);
        Assert.Contains($"serving cuda with {Path.Combine(driver, "libcuda.so.1")}", run.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void Worker_WithACompatibilityDriverFirstOnThePath_LoadsTheRealDriverAfterIt()
    {
        // No nvidia kernel module here: a forward-compatibility build is only a last resort.
        var compat = Folder(Path.Combine("cuda-13.0", "compat"), Path.Combine(Programs, "libcudadouble.so"), "libcuda.so.590.1.1");
        var driver = Double("driver");
        var run = RunRemoted(compat, driver);
        Assert.Equal(0, run.Code);
        Assert.Contains($"serving cuda with {Path.Combine(driver, "libcuda.so.1")}", run.Log, StringComparison.Ordinal);
        Assert.Contains("forward-compatibility build 590.1.1", run.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void Worker_WithOnlyACompatibilityDriver_LoadsIt()
    {
        var compat = Folder("compat", Path.Combine(Programs, "libcudadouble.so"), "libcuda.so.590.1.1");
        var run = RunRemoted(compat);
        Assert.Equal(0, run.Code);
        Assert.Contains($"serving cuda with {Path.Combine(compat, "libcuda.so.1")}", run.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void Worker_WithACopyOfOurDropInFirstOnThePath_PassesOverIt()
    {
        var copy = Folder("copy-of-ours", Repo.Lib("libcuda.so.1"));
        var driver = Double("driver");
        var run = RunRemoted(copy, Repo.Lib(""), driver);
        Assert.Equal(0, run.Code);
        Assert.Contains($"serving cuda with {Path.Combine(driver, "libcuda.so.1")}", run.Log, StringComparison.Ordinal);
        Assert.Contains("a NativeAOT library", run.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void Guest_WithNoDriverAnywhere_GetsNoDeviceAtOnceAndTheLogSaysWhatWasSearched()
    {
        // Only copies of ours on the path, and (on a machine without CUDA) nothing in the cache or default folders.
        if (File.Exists("/usr/lib/x86_64-linux-gnu/libcuda.so.1") || File.ReadAllText("/etc/ld.so.cache").Contains("libcuda.so.1", StringComparison.Ordinal))
        {
            return;
        }

        var copy = Folder("copy-of-ours", Repo.Lib("libcuda.so.1"));
        var started = DateTime.UtcNow;
        var run = RunRemoted(copy);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
        Assert.Equal("cuInit: 100\n", run.Out); // CUDA_ERROR_NO_DEVICE
        Assert.Contains("no real cuda library found", run.Log, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(copy, "libcuda.so.1")} (LD_LIBRARY_PATH): a NativeAOT library", run.Log, StringComparison.Ordinal);
        Assert.Contains("/usr/lib/x86_64-linux-gnu/libcuda.so.1", run.Log, StringComparison.Ordinal);
    }
}
