using System.Diagnostics;

namespace Ava.Tests;

/// <summary>Paths of the repository and its built artifacts (publish.ps1 builds them before the tests run).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Artifacts => Path.Combine(Root, "artifacts");

    public static string Ava => Path.Combine(Artifacts, "bin", "ava");

    public static string Lib(string soname) => Path.Combine(Artifacts, "lib", soname);

    /// <summary>The tests' worker host (tests/AvaTest/Host): ava with the self-test API beside the shipped ones.</summary>
    public static string TestAva => Path.Combine(Artifacts, "tests", "bin", "ava");

    /// <summary>A library beside the tests' worker host: the self-test drop-in, whose worker it is.</summary>
    public static string TestLib(string soname) => Path.Combine(Artifacts, "tests", "lib", soname);

    /// <summary>Runs a program and returns its exit code, stdout and stderr; kills it after <paramref name="timeout"/>.</summary>
    public static (int Code, string Out, string Err) Run(string program, IEnumerable<string> args, IDictionary<string, string>? env = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            start.Environment[k] = v;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in time");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "Directory.Build.props")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("repository root not found");
    }
}
