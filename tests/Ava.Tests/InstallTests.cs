namespace Ava.Tests;

/// <summary>
/// publish.ps1 -Install on machines where packages are missing, whatever this machine has installed: dpkg-query and
/// apt-get are replaced on PATH by stand-ins that report the packages a test names as missing and record what they
/// are asked to install.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InstallTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("ava-install-").FullName;

    public InstallTests()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_state, "bin")).FullName;
        // dpkg-query -W -f=FORMAT NAME...: a line per installed name; exit 1 when some name is unknown, as dpkg-query does.
        Script(Path.Combine(bin, "dpkg-query"), $$"""
            #!/bin/sh
            state={{_state}}
            status=0
            for name in "$@"; do
                case "$name" in -*) continue ;; esac
                if grep -qx "$name" "$state/missing" 2>/dev/null && ! grep -qx "$name" "$state/installed" 2>/dev/null; then
                    echo "dpkg-query: no packages found matching $name" >&2
                    status=1
                else
                    echo "$name install ok installed"
                fi
            done
            exit $status
            """);
        // apt-get update | install -y ... NAME...: records the call; installs every name but those listed as broken.
        Script(Path.Combine(bin, "apt-get"), $$"""
            #!/bin/sh
            state={{_state}}
            echo "$*" >> "$state/apt.log"
            [ "$1" = install ] || exit 0
            shift
            for name in "$@"; do
                case "$name" in -*) continue ;; esac
                grep -qx "$name" "$state/broken" 2>/dev/null || echo "$name" >> "$state/installed"
            done
            """);
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private static void Script(string path, string text)
    {
        File.WriteAllText(path, text.Replace("\r", "", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private (int Code, string Out, string Err) Install(string[] missing, string[]? broken = null)
    {
        File.WriteAllLines(Path.Combine(_state, "missing"), missing);
        File.WriteAllLines(Path.Combine(_state, "broken"), broken ?? []);
        var env = new Dictionary<string, string>
        {
            ["PATH"] = $"{Path.Combine(_state, "bin")}:{Environment.GetEnvironmentVariable("PATH")}",
        };
        return Repo.Run("dotnet", ["pwsh", "-NoProfile", "./publish.ps1", "-Install", "-NoBuild"], env, TimeSpan.FromMinutes(2), Repo.Root);
    }

    private string[] AptCalls() => File.Exists(Path.Combine(_state, "apt.log")) ? File.ReadAllLines(Path.Combine(_state, "apt.log")) : [];

    [Fact]
    public void Install_SomePackagesMissing_InstallsExactlyThoseAndGoesOn()
    {
        var run = Install(["pocl-opencl-icd", "piglit", "chromium"]);
        Assert.True(run.Code == 0, run.Out + run.Err);
        Assert.Equal(["update -q", "install -y -q --no-install-recommends pocl-opencl-icd piglit chromium"], AptCalls());
    }

    [Fact]
    public void Install_EveryPackagePresent_RunsNoPackageManager()
    {
        var run = Install([]);
        Assert.True(run.Code == 0, run.Out + run.Err);
        Assert.Empty(AptCalls());
        Assert.Contains("all system packages present", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_PackageStillMissingAfterAptGet_FailsNamingIt()
    {
        var run = Install(["clinfo", "piglit"], broken: ["piglit"]);
        Assert.NotEqual(0, run.Code);
        Assert.Contains("apt-get did not install: piglit", run.Out + run.Err, StringComparison.Ordinal);
    }
}
