using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Ava.Manager;
using Ava.Transport.Control;

namespace Ava.Cli;

/// <summary><c>ava manager --listen ADDR [--policy FILE] [--pool N] [--token-file FILE]</c>: the manager daemon.</summary>
internal static class ManagerCommand
{
    public static Command Create(AvaHost host)
    {
        var listen = new Option<string[]>("--listen")
        {
            HelpName = "ADDR",
            Description = "where guests reach the manager: a socket path, host:port (TCP) or vsock:any:PORT (repeatable; default: AVA_MANAGER_ADDR)",
        };
        var policy = new Option<string>("--policy") { HelpName = "FILE", Description = "the policy file (JSON): per principal (uid:N or default) its command rate and its bounds for all its sessions together: device_memory (bytes), channels (default 256), objects (default 1000000), call_seconds, the longest one call of a session may stay in the real library, and scratch_keep_bytes, the scratch memory the idle channels of each session keep (default 268435456)" };
        var pool = new Option<int>("--pool")
        {
            HelpName = "N",
            DefaultValueFactory = _ => 2,
            Description = "pre-started workers per API when AVA_WPOOL=TRUE",
            CustomParser = result =>
            {
                if (!int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    result.AddError($"--pool needs a count of 0 or more, not '{result.Tokens[0].Value}'");
                }

                return n;
            },
        };
        var tokenFile = new Option<string>("--token-file") { HelpName = "FILE", Description = "where the token guests present is written, mode 0600 (default: beside the first socket path, ADDR.token)" };
        var command = new Command("manager", "the manager daemon: admits guests that present its token, starts one worker per guest or hands out a pre-started one, forwards TCP/VSOCK channels that present their session's secret, applies the policy's rates and each principal's bounds, reaps workers when guests leave")
        {
            listen,
            policy,
            pool,
            tokenFile,
        };
        command.WithEnvironment(
            ("AVA_MANAGER_ADDR", "the address to listen on when --listen is not given"),
            ("AVA_TOKEN", "the shared token (needed, or --token-file, when listening only on TCP or VSOCK)"),
            ("AVA_WPOOL=TRUE", "keep --pool N pre-started workers per API"),
            ("AVA_REAL_<API>=PATH", "the real library the workers load; an API with none found gets no pool"),
            ("AVA_LOG=1|FILE", "diagnostics from the manager and its workers"));
        command.SetAction(result => Serve(
            host,
            [.. (result.GetValue(listen) ?? []).Select(ManagerAddress.Parse)], result.GetValue(policy), result.GetValue(pool), result.GetValue(tokenFile)));
        return command;
    }

    private static int Serve(AvaHost host, List<ManagerAddress> listen, string? policyFile, int pool, string? tokenFile)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("AVA_MANAGER_ADDR");
        if (listen.Count == 0 && !string.IsNullOrEmpty(fromEnvironment))
        {
            listen.Add(ManagerAddress.Parse(fromEnvironment));
        }

        if (listen.Count == 0)
        {
            Console.Error.WriteLine("ava manager: need --listen ADDR (a socket path, host:port or vsock:CID:PORT) or AVA_MANAGER_ADDR");
            return 2;
        }

        var token = Environment.GetEnvironmentVariable("AVA_TOKEN");
        if (listen.All(a => a.IsTcp) && tokenFile is null && string.IsNullOrEmpty(token))
        {
            Console.Error.WriteLine("ava manager: a manager listening only on TCP or VSOCK needs AVA_TOKEN or --token-file to share its token");
            return 2;
        }

        var options = new ManagerOptions
        {
            Listen = listen,
            AvaPath = Environment.ProcessPath!,
            Apis = [.. host.Names],
            // Pre-started workers for the APIs programs commonly use; the seldom-used ones start a worker per guest.
            PoolApis = [.. host.Backends.Except(host.LoadedOnDemand).Except(host.OnRequest).Where(b => new Ava.Worker.RealLibraries.RealLibraryResolver(b.Descriptor).Resolve().Path is not null).Select(b => b.Descriptor.Name)],
            UsePool = string.Equals(Environment.GetEnvironmentVariable("AVA_WPOOL"), "TRUE", StringComparison.OrdinalIgnoreCase),
            PoolSize = pool,
            Policy = policyFile is null ? Policy.None : Policy.Load(policyFile),
            Token = string.IsNullOrEmpty(token) ? null : token,
            TokenFile = tokenFile,
        };

        using var manager = new Manager.Manager(options);
        try
        {
            manager.Start();
        }
        catch (IOException e)
        {
            // An address the kernel refuses (a port in use, no vsock transport here): say which, and stop.
            Console.Error.WriteLine($"ava manager: cannot listen: {e.Message}");
            return 1;
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; manager.Stop(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; manager.Stop(); });
        Console.Error.WriteLine($"ava manager: listening on {string.Join(", ", listen.Select(a => a.IsTcp && !a.Vsock && manager.TcpPorts.Count > 0 ? $"{a.Host}:{manager.TcpPorts[0]}" : a.ToString()))}"
            + (manager.TokenFile is null ? "" : $"; token in {manager.TokenFile}"));
        manager.Wait();
        return 0;
    }
}
