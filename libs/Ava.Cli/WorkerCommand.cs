using Ava.Transport.Native;
using Ava.Worker;

namespace Ava.Cli;

/// <summary><c>ava worker --api NAME --fd N [--lib PATH]</c>: serves one guest connected on an inherited socket.</summary>
internal static class WorkerCommand
{
    public static int Run(string[] args)
    {
        string? api = null;
        string? library = null;
        var fd = -1;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--api" when i + 1 < args.Length:
                    api = args[++i];
                    break;
                case "--fd" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n):
                    fd = n;
                    i++;
                    break;
                case "--lib" when i + 1 < args.Length:
                    library = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"ava worker: unknown argument '{args[i]}'");
                    return 2;
            }
        }

        var backend = api is null ? null : Backends.Find(api);
        if (backend is null || fd < 0)
        {
            Console.Error.WriteLine($"ava worker: need --api ({string.Join(", ", Backends.All.Select(b => b.Descriptor.Name))}) and --fd");
            return 2;
        }

        library ??= Environment.GetEnvironmentVariable($"AVA_REAL_{backend.Descriptor.Name.ToUpperInvariant()}") ?? backend.FindRealLibrary();
        if (library is null)
        {
            Console.Error.WriteLine($"ava worker: no real {backend.Descriptor.Name} library found (tried {string.Join(", ", backend.Descriptor.RealLibrary)})");
            return 1;
        }

        backend.Bind(library);
        WorkerLog.Write($"serving {backend.Descriptor.Name} with {library}");
        using var tenant = new Tenant(backend, UnixSocket.FromFd(fd));
        tenant.Serve();
        return 0;
    }
}
