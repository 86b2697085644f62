using System.Runtime.InteropServices;
using Ava.Manager;
using Ava.Transport.Control;

namespace Ava.Cli;

/// <summary><c>ava manager --listen ADDR [--policy FILE] [--pool N] [--token-file FILE]</c>: the manager daemon.</summary>
internal static class ManagerCommand
{
    public static int Run(string[] args)
    {
        var listen = new List<ManagerAddress>();
        string? policyFile = null;
        string? tokenFile = null;
        var pool = 2;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--listen" when i + 1 < args.Length:
                    listen.Add(ManagerAddress.Parse(args[++i]));
                    break;
                case "--policy" when i + 1 < args.Length:
                    policyFile = args[++i];
                    break;
                case "--pool" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n >= 0:
                    pool = n;
                    i++;
                    break;
                case "--token-file" when i + 1 < args.Length:
                    tokenFile = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"ava manager: unknown argument '{args[i]}'");
                    return 2;
            }
        }

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
            Apis = [.. Backends.All.Select(b => b.Descriptor.Name)],
            PoolApis = [.. Backends.All.Where(b => new Ava.Worker.RealLibraries.RealLibraryResolver(b.Descriptor).Resolve().Path is not null).Select(b => b.Descriptor.Name)],
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
