using System.Text.RegularExpressions;

namespace Ava.Tests;

/// <summary>The <c>ava</c> command line follows the .NET CLI conventions: help everywhere, one-line usage errors, a version.</summary>
public partial class CommandLineTests
{
    [Fact]
    public void EveryCommand_Help_ExitsZeroAndNamesTheCommand()
    {
        var commands = Commands();
        Assert.Contains("run", commands);
        foreach (var command in commands)
        {
            foreach (var option in new[] { "--help", "-h" })
            {
                var help = Repo.Run(Repo.Ava, [command, option]);
                Assert.True(help.Code == 0, $"ava {command} {option} exited {help.Code}: {help.Err}");
                Assert.Contains($"ava {command}", help.Out, StringComparison.Ordinal);
                Assert.Equal("", help.Err);
            }
        }
    }

    [Fact]
    public void RootHelp_NamesTheEnvironmentVariables()
    {
        var help = Repo.Run(Repo.Ava, ["--help"]);
        Assert.Equal(0, help.Code);
        Assert.Contains("AVA_LOG", help.Out, StringComparison.Ordinal);
        Assert.Contains("AVA_MANAGER_ADDR", help.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCommand_UnknownOption_ExitsTwoWithOneLineOnStderr()
    {
        foreach (var words in Commands().Select(c => new[] { c, "--no-such-option" }).Append(["--no-such-option"]))
        {
            var run = Repo.Run(Repo.Ava, words);
            var line = $"ava {string.Join(' ', words)}";
            Assert.True(run.Code == 2, $"{line} exited {run.Code}");
            Assert.Equal("", run.Out);
            Assert.Single(run.Err.TrimEnd('\n').Split('\n'));
            Assert.Contains("--no-such-option", run.Err, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Version_PrintsTheVersionAndTheCommit()
    {
        var version = Repo.Run(Repo.Ava, ["--version"]);
        Assert.Equal(0, version.Code);
        Assert.Matches(VersionWithCommit(), version.Out.Trim());
    }

    [Fact]
    public void Run_ProgramExitStatus_IsPassedThrough()
    {
        var run = Repo.Run(Repo.TestAva, ["run", "--api", "avatest", "--", "sh", "-c", "exit 3"]);
        Assert.Equal(3, run.Code);
    }

    [Theory]
    [InlineData("--")]
    [InlineData(null)]
    public void Run_OptionLikeArgumentsOfTheProgram_ReachTheProgramVerbatim(string? separator)
    {
        string[] program = ["sh", "-c", "echo \"$@\"", "sh", "--help", "--api", "x", "--", "@file"];
        List<string> words = ["run", "--api", "avatest"];
        if (separator is not null)
        {
            words.Add(separator);
        }

        var run = Repo.Run(Repo.TestAva, [.. words, .. program]);
        Assert.Equal(0, run.Code);
        Assert.Equal("--help --api x -- @file\n", run.Out);
    }

    [Fact]
    public void ShippedAva_NoHelp_NamesTheSelfTestApi_WhichOnlyTheTestsWorkerHostServes()
    {
        foreach (var words in Commands().Select(c => new[] { c, "--help" }).Append(["--help"]))
        {
            var help = Repo.Run(Repo.Ava, words);
            Assert.Equal(0, help.Code);
            Assert.DoesNotContain("avatest", help.Out, StringComparison.Ordinal);
        }

        var refused = Repo.Run(Repo.Ava, ["worker", "--api", "avatest", "--fd", "3"]);
        Assert.Equal(2, refused.Code);
        Assert.Contains("avatest", refused.Err, StringComparison.Ordinal);
        var host = Repo.Run(Repo.TestAva, ["worker", "--help"]);
        Assert.Equal(0, host.Code);
        Assert.Contains("avatest", host.Out, StringComparison.Ordinal);
    }

    /// <summary>The commands <c>ava --help</c> lists, so a new command is covered without editing the tests.</summary>
    private static List<string> Commands()
    {
        var help = Repo.Run(Repo.Ava, ["--help"]);
        Assert.Equal(0, help.Code);
        return [.. help.Out.Split('\n')
            .SkipWhile(l => l != "Commands:")
            .Skip(1)
            .TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split(' ')[0])];
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?\+[0-9a-f]{7,}$")]
    private static partial Regex VersionWithCommit();
}
