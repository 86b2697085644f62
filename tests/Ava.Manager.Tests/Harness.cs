using System.Diagnostics;

namespace Ava.Manager.Tests;

/// <summary>Paths of the built artifacts and a running `ava manager` for a test.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>The tests' worker host (tests/AvaTest/Host): the shipped ava's commands and APIs plus the self-test API these tests serve.</summary>
    public static string Ava => Path.Combine(Root, "artifacts", "tests", "bin", "ava");

    /// <summary>The self-test drop-in, beside the tests' worker host.</summary>
    public static string AvaTestLib => Path.Combine(Root, "artifacts", "tests", "lib", "libavatest.so.1");

    public static string OpenClLib => Path.Combine(Root, "artifacts", "lib", "libOpenCL.so.1");

    public static string Prog => Path.Combine(Root, "artifacts", "tests", "avatest", "prog");

    public static string Ping => Path.Combine(Root, "artifacts", "tests", "avatest", "ping");

    /// <summary>An OpenCL transcript program (tests/OpenCL/programs), built by publish.ps1.</summary>
    public static string OpenClProgram(string name) => Path.Combine(Root, "artifacts", "tests", "opencl", name);

    /// <summary>Runs a program; returns exit code, stdout, stderr.</summary>
    public static (int Code, string Out, string Err) Run(string program, IEnumerable<string> args, IDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        using var process = Start(program, args, env);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in time");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public static Process Start(string program, IEnumerable<string> args, IDictionary<string, string>? env = null, bool input = false)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            start.Environment[k] = v;
        }

        return Process.Start(start)!;
    }

    public static Dictionary<string, string> GuestEnv(string address, string? token = null, string? library = null)
    {
        var env = new Dictionary<string, string> { ["LD_PRELOAD"] = library ?? AvaTestLib, ["AVA_MANAGER_ADDR"] = address };
        if (token is not null)
        {
            env["AVA_TOKEN"] = token;
        }

        return env;
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

/// <summary>An `ava manager` process listening on a fresh Unix socket (and optionally more addresses).</summary>
internal sealed class ManagerProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    public ManagerProcess(IEnumerable<string>? extraArgs = null, IDictionary<string, string>? env = null, string? socketPath = null, string? netns = null)
    {
        _directory = Directory.CreateTempSubdirectory("ava-mgr-").FullName;
        Socket = socketPath ?? Path.Combine(_directory, "manager.sock");
        List<string> args = ["manager", "--listen", Socket, .. extraArgs ?? []];
        _process = netns is null ? Repo.Start(Repo.Ava, args, env) : Repo.Start("ip", ["netns", "exec", netns, Repo.Ava, .. args], env);
        _process.ErrorDataReceived += (_, e) => { lock (Log) { Log.Add(e.Data ?? ""); } };
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!File.Exists(Socket + ".token") && !(env?.ContainsKey("AVA_TOKEN") == true && File.Exists(Socket)))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"manager did not start: {string.Join("\n", Log)}");
            }

            Thread.Sleep(20);
        }

        Thread.Sleep(100);
    }

    public string Socket { get; }

    public List<string> Log { get; } = [];

    public int Pid => _process.Id;

    public string Token => File.ReadAllText(Socket + ".token").Trim();

    public string Status() => Repo.Run(Repo.Ava, ["status", "--json", "--manager", Socket], new Dictionary<string, string> { ["AVA_TOKEN_FILE"] = Socket + ".token" }).Out;

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A worker may still hold a file there for a moment; the temporary directory is harmless.
        }
    }
}

/// <summary>The test's own small C guests (native/*.c), built once against the real libavatest.</summary>
internal static class NativePrograms
{
    private static readonly Lazy<string> s_directory = new(Build);

    public static string Hold => Path.Combine(s_directory.Value, "hold");

    public static string Rate => Path.Combine(s_directory.Value, "rate");

    public static string Victim => Path.Combine(s_directory.Value, "victim");

    public static string Bounds => Path.Combine(s_directory.Value, "bounds");

    private static string Build()
    {
        var output = Path.Combine(Repo.Root, "artifacts", "tests", "manager");
        Directory.CreateDirectory(output);
        var library = Path.Combine(Repo.Root, "artifacts", "tests", "avatest");
        var headers = Path.Combine(Repo.Root, "tests", "AvaTest", "native");
        foreach (var name in new[] { "hold", "rate", "victim", "bounds" })
        {
            var source = Path.Combine(Repo.Root, "tests", "Ava.Manager.Tests", "native", name + ".c");
            var result = Repo.Run("gcc", ["-O2", "-Wall", "-Werror", "-pthread", "-I", headers, "-o", Path.Combine(output, name), source, "-L", library, "-lavatest", "-Wl,-rpath," + library]);
            if (result.Code != 0)
            {
                throw new InvalidOperationException($"gcc {name}.c failed: {result.Err}");
            }
        }

        return output;
    }
}
