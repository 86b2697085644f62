namespace Ava.Tests;

/// <summary>
/// `ava install --system` then `ava uninstall` on this machine's real system folders, made private by the script: a
/// mount namespace whose /usr/lib, /etc and /var/lib are overlays on a tmpfs, so the test changes nothing outside it.
/// The script checks that a program runs through the installed library exactly as natively, that uninstall leaves
/// every touched file byte-identical, and that a machine with no vendor library and no manager is refused.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SystemInstallTests
{
    [Fact]
    public void InstallThenUninstall_LeavesTheSystemAsItWas()
    {
        // The project's test command runs as root (its -Install step needs it); mount namespaces need it too.
        Assert.True(Environment.UserName == "root" || Repo.Run("id", ["-u"]).Out.Trim() == "0",
            "ava install --system is tested as root, as the README's test command runs");
        var script = Path.Combine(Repo.Root, "tests", "System", "install-roundtrip.sh");
        var outDir = Directory.CreateTempSubdirectory("ava-sysinstall-").FullName;
        try
        {
            var run = Repo.Run("bash", [script], new Dictionary<string, string> { ["OUT"] = outDir }, TimeSpan.FromMinutes(10));
            Assert.True(run.Code == 0, $"install-roundtrip.sh exited {run.Code}\n{run.Out}\n{run.Err}");
            Assert.Contains("install-roundtrip: 0 failed", run.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("FAIL:", run.Out, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
