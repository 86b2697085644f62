using System.Collections;
using Ava.Transport.Control;

namespace Ava.Transport.Tests.Control;

/// <summary>The one environment scrub a worker starts with, whether a guest library or the manager starts it.</summary>
public sealed class WorkerEnvironmentTests
{
    private const string Ours = "/opt/ava/artifacts";

    [Fact]
    public void From_OurEntriesOfEveryPathList_AreRemovedAndTheOthersKeptInOrder()
    {
        var scrubbed = Scrub(new Hashtable
        {
            ["LD_PRELOAD"] = $"{Ours}/lib/libOpenCL.so.1 /usr/lib/libprofiler.so:{Ours}/lib/libcuda.so.1",
            ["LD_AUDIT"] = $"{Ours}/lib/audit/libava-audit.so:/usr/lib/libtrace-audit.so",
            ["LD_LIBRARY_PATH"] = $"{Ours}/lib:/usr/local/nvidia/lib64:{Ours}/lib/icd",
            ["OCL_ICD_VENDORS"] = $"{Ours}/lib/icd",
            ["OCL_ICD_FILENAMES"] = $"/usr/lib/x86_64-linux-gnu/libpocl.so.2:{Ours}/lib/icd/libAvaOpenCL.so",
            ["OPENCL_VENDOR_PATH"] = "/etc/OpenCL/vendors",
        });

        Assert.Equal("/usr/lib/libprofiler.so", scrubbed["LD_PRELOAD"]);
        Assert.Equal("/usr/lib/libtrace-audit.so", scrubbed["LD_AUDIT"]);
        Assert.Equal("/usr/local/nvidia/lib64", scrubbed["LD_LIBRARY_PATH"]);
        Assert.False(scrubbed.ContainsKey("OCL_ICD_VENDORS"), "a list of only our entries is dropped, not left empty");
        Assert.Equal("/usr/lib/x86_64-linux-gnu/libpocl.so.2", scrubbed["OCL_ICD_FILENAMES"]);
        Assert.Equal("/etc/OpenCL/vendors", scrubbed["OPENCL_VENDOR_PATH"]);
    }

    [Fact]
    public void From_AFolderThatOnlySharesOurPrefix_IsNotOurs()
    {
        var scrubbed = Scrub(new Hashtable { ["LD_LIBRARY_PATH"] = $"{Ours}-old/lib:{Ours}/lib" });
        Assert.Equal($"{Ours}-old/lib", scrubbed["LD_LIBRARY_PATH"]);
    }

    [Fact]
    public void From_GuestOnlyVariables_AreDroppedAndEverythingElsePassesUnchanged()
    {
        var scrubbed = Scrub(new Hashtable
        {
            ["AVA_AUDIT_MAP"] = $"libOpenCL.so={Ours}/lib/libOpenCL.so.1",
            ["AVA_MANAGER_ADDR"] = "/run/ava.sock",
            ["AVA_QUOTA_DEVICE_MEMORY"] = "8M",
            ["AVA_LOG"] = "1",
            ["PATH"] = $"{Ours}/bin:/usr/bin",
        });

        Assert.Equal(new Dictionary<string, string> { ["AVA_QUOTA_DEVICE_MEMORY"] = "8M", ["AVA_LOG"] = "1", ["PATH"] = $"{Ours}/bin:/usr/bin" }, scrubbed);
    }

    [Fact]
    public void From_WithheldVariables_AreDropped()
    {
        var scrubbed = Scrub(
            new Hashtable { ["AVA_QUOTA_DEVICE_MEMORY"] = "8M", ["AVA_LOG"] = "1" },
            withheld: name => name.StartsWith("AVA_QUOTA_", StringComparison.Ordinal));
        Assert.Equal(new Dictionary<string, string> { ["AVA_LOG"] = "1" }, scrubbed);
    }

    [Fact]
    public void From_WithoutOurFolder_KeepsThePathListsWhole()
    {
        var scrubbed = Scrub(new Hashtable { ["LD_LIBRARY_PATH"] = $"{Ours}/lib", ["AVA_AUDIT_MAP"] = "x" }, ours: null);
        Assert.Equal(new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = $"{Ours}/lib" }, scrubbed);
    }

    [Theory]
    [InlineData("/opt/ava/artifacts/lib/libOpenCL.so.1", "/opt/ava/artifacts")]
    [InlineData("/opt/ava/artifacts/bin/ava", "/opt/ava/artifacts")]
    [InlineData("/opt/ava/artifacts/lib/icd/libAvaOpenCL.so", "/opt/ava/artifacts/lib")]
    [InlineData("/opt/ava/artifacts/tests/lib/libavatest.so.1", "/opt/ava/artifacts/tests")]
    [InlineData(null, null)]
    public void OurFolder_IsTheFolderAboveTheFilesOwn(string? file, string? expected) =>
        Assert.Equal(expected, WorkerEnvironment.OurFolder(file));

    private static Dictionary<string, string> Scrub(Hashtable variables, string? ours = Ours, Func<string, bool>? withheld = null) =>
        WorkerEnvironment.From(variables, ours, withheld).Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
}
