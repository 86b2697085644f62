using Ava.Tests;

namespace Ava.OpenCL.Tests;

/// <summary>
/// Piglit's OpenCL tests (Debian package piglit, an independent suite we do not write): each binary prints the
/// same transcript and exits the same way natively and through ava. Most of them check the API's error codes
/// for invalid calls, which makes them a strict test of the remoted semantics.
/// </summary>
public class PiglitTests
{
    private const string Bin = "/usr/lib/x86_64-linux-gnu/piglit/bin";

    /// <summary>
    /// Tests whose native run cannot be reproduced, and why.
    /// cl-api-create-command-queue: PoCL terminates the process on a device-side queue (unimplemented); remoted, it
    /// terminates the worker, and the program goes on with CL_OUT_OF_RESOURCES from every later call.
    /// </summary>
    private static readonly string[] Unreproducible = ["cl-api-create-command-queue"];

    public static TheoryData<string> Binaries() => new(Names());

    [Fact]
    public void Piglit_IsInstalled_WithItsOpenClTests()
    {
        Assert.True(Names().Length >= 40, $"piglit's OpenCL tests are expected under {Bin} (publish.ps1 -Install installs piglit)");
    }

    private static string[] Names() => Directory.Exists(Bin)
        ? [.. Directory.GetFiles(Bin, "cl-*").Select(Path.GetFileName).OfType<string>().Where(n => !Unreproducible.Contains(n)).Order(StringComparer.Ordinal)]
        : [];

    [Theory]
    [MemberData(nameof(Binaries))]
    public void PiglitTest_Remoted_PrintsTheNativeTranscript(string name)
    {
        var path = Path.Combine(Bin, name);
        var native = Repo.Run(path, [], timeout: TimeSpan.FromMinutes(3));
        var remoted = Repo.Run(Repo.Ava, ["run", "--", path], timeout: TimeSpan.FromMinutes(3));
        Assert.Equal(Normalize(native.Out + native.Err), Normalize(remoted.Out + remoted.Err));
        Assert.Equal(native.Code, remoted.Code);
    }

    /// <summary>
    /// cl-api-get-device-info prints the platform handle's address (a different number in every process) and the
    /// execution capabilities, where the remoted device reports no native kernels (they need the application's
    /// address space), as a conformant OpenCL 3.0 device without them does.
    /// </summary>
    private static string Normalize(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text.Replace("\r", "", StringComparison.Ordinal), @"(CL_DEVICE_PLATFORM: )0x[0-9a-f]+", "$1<handle>")
            .Replace("CL_EXEC_KERNEL, CL_EXEC_NATIVE_KERNEL", "CL_EXEC_KERNEL", StringComparison.Ordinal);
}
