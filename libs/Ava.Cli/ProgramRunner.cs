using Ava.Transport.Native;

namespace Ava.Cli;

/// <summary>What <c>ava run</c> was asked to run: the APIs to preload (all when empty), the channel, the program and its arguments.</summary>
internal sealed record RunSettings(IReadOnlyList<string> Apis, string? Channel, IReadOnlyList<string> Command);

/// <summary>Runs an unmodified program with our drop-in libraries preloaded and returns its exit status.</summary>
internal static class ProgramRunner
{
    internal static int Run(RunSettings settings)
    {
        var apis = settings.Apis;
        var channel = settings.Channel;
        var command = settings.Command;
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

        var pid = ProcessSpawner.Spawn(program, [.. command], environment.ToArray(), []);
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
