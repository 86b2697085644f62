using Ava.Tests;

namespace Ava.OpenCL.Tests;

/// <summary>
/// A private worker's device memory quota (AVA_QUOTA_DEVICE_MEMORY) holds the application's memory objects to it on
/// PoCL: creations beyond it fail as a full device's do, and released memory can be allocated again.
/// </summary>
public class QuotaTests
{
    private const string EightMiB = "8388608";

    private static readonly string Program = Path.Combine(Repo.Artifacts, "tests", "opencl", "quota");

    private static readonly string Expected = File.ReadAllText(Path.Combine(Repo.Root, "tests", "OpenCL", "programs", "quota.expected"));

    [Fact]
    public void QuotaProgram_Natively_NoCreationFails()
    {
        var native = Repo.Run(Program, []);
        Assert.Equal(0, native.Code);
        Assert.Contains("created 64 buffers, none failed", native.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LOCAL")]
    [InlineData("UNIX")]
    public void DeviceMemoryQuotaFromTheEnvironment_BuffersBeyondIt_FailWithAllocationFailure_AndReleasedMemoryComesBack(string channel)
    {
        var remoted = Repo.Run(Repo.Ava, ["run", "--channel", channel, "--", Program], new Dictionary<string, string> { ["AVA_QUOTA_DEVICE_MEMORY"] = EightMiB });
        Assert.Equal(Expected, remoted.Out);
        Assert.Equal(0, remoted.Code);
    }

    [Fact]
    public void DeviceMemoryQuotaFromTheEnvironment_ThroughTheIcd_GivesTheSameTranscript()
    {
        // ocl-icd loads only the named ICD when OCL_ICD_VENDORS is a file.
        var icd = Path.Combine(Repo.Artifacts, "lib", "icd", "ava.icd");
        var remoted = Repo.Run(Program, [], new Dictionary<string, string> { ["OCL_ICD_VENDORS"] = icd, ["AVA_QUOTA_DEVICE_MEMORY"] = EightMiB });
        Assert.Equal(Expected, remoted.Out);
        Assert.Equal(0, remoted.Code);
    }

    [Fact]
    public void DeviceMemoryQuota_RefusedCreations_AreLoggedByTheWorker()
    {
        var log = Path.GetTempFileName();
        try
        {
            var remoted = Repo.Run(Repo.Ava, ["run", "--", Program], new Dictionary<string, string> { ["AVA_QUOTA_DEVICE_MEMORY"] = EightMiB, ["AVA_LOG"] = log });
            Assert.Equal(0, remoted.Code);
            var text = File.ReadAllText(log);
            Assert.Contains($"clCreateBuffer: 1048576 bytes of device_memory refused ({EightMiB} of {EightMiB} held)", text, StringComparison.Ordinal);
            Assert.Contains("clCreateImage: 16384 bytes of device_memory refused", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public void DeviceMemoryQuota_ThatIsNotANumber_StopsTheWorkerInsteadOfRunningUnlimited()
    {
        var remoted = Repo.Run(Repo.Ava, ["run", "--", Program], new Dictionary<string, string> { ["AVA_QUOTA_DEVICE_MEMORY"] = "8M" });
        Assert.NotEqual(0, remoted.Code);
        Assert.DoesNotContain("created", remoted.Out, StringComparison.Ordinal);
        Assert.Contains("AVA_QUOTA_DEVICE_MEMORY='8M' is not a number of bytes", remoted.Err, StringComparison.Ordinal);
    }
}
