using Ava.Transport.Native;

namespace Ava.Cli;

/// <summary><c>ava run -- CMD ARGS</c>: runs an unmodified program with our libraries preloaded.</summary>
internal static class RunCommand
{
    public static int Run(string[] args)
    {
        var separator = Array.IndexOf(args, "--");
        var options = separator < 0 ? [] : args[..separator];
        var command = separator < 0 ? args : args[(separator + 1)..];
        var apis = new List<string>();
        string? channel = null;
        for (var i = 0; i < options.Length; i++)
        {
            switch (options[i])
            {
                case "--channel" when i + 1 < options.Length:
                    channel = options[++i].ToUpperInvariant();
                    if (channel is not ("LOCAL" or "SHM" or "UNIX"))
                    {
                        Console.Error.WriteLine($"ava run: channel {channel} needs a manager (AVA_MANAGER_ADDR); LOCAL, SHM and UNIX are built in");
                        return 2;
                    }

                    break;
                case "--api" when i + 1 < options.Length:
                    apis.Add(options[++i]);
                    break;
                default:
                    Console.Error.WriteLine($"ava run: unknown option '{options[i]}'");
                    return 2;
            }
        }

        if (command.Length == 0)
        {
            Console.Error.WriteLine("ava run: nothing to run; usage: ava run [options] -- CMD ARGS");
            return 2;
        }

        var bin = Path.GetDirectoryName(Environment.ProcessPath)!;
        var lib = Path.GetFullPath(Path.Combine(bin, "..", "lib"));
        var libraries = Directory.Exists(lib)
            ? Directory.GetFiles(lib, "*.so*").Where(f => apis.Count == 0 || apis.Any(a => Path.GetFileName(f).Contains(a, StringComparison.OrdinalIgnoreCase))).Order().ToList()
            : [];
        if (libraries.Count == 0)
        {
            Console.Error.WriteLine($"ava run: no drop-in libraries in {lib}; build them with publish.ps1");
            return 1;
        }

        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => (string)e.Key != "LD_PRELOAD")
            .Select(e => $"{e.Key}={e.Value}")
            .ToList();
        var preload = string.Join(':', libraries.Concat((Environment.GetEnvironmentVariable("LD_PRELOAD") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)));
        environment.Add($"LD_PRELOAD={preload}");
        environment.Add($"AVA_WORKER={Path.Combine(bin, "ava")}");
        if (channel is not null)
        {
            environment.RemoveAll(e => e.StartsWith("AVA_CHANNEL=", StringComparison.Ordinal));
            environment.Add($"AVA_CHANNEL={channel}");
        }
        var program = Resolve(command[0]);
        if (program is null)
        {
            Console.Error.WriteLine($"ava run: {command[0]}: command not found");
            return 127;
        }

        var pid = ProcessSpawner.Spawn(program, command, environment.ToArray(), []);
        var status = ProcessSpawner.WaitExit(pid);
        return status;
    }

    private static string? Resolve(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
