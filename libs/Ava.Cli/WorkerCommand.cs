using Ava.Transport.Native;
using Ava.Worker;

namespace Ava.Cli;

/// <summary>
/// <c>ava worker --api NAME (--fd N | --link N) [--lib PATH]</c>: serves one guest connected on an inherited socket, or
/// handed over by the manager. <c>AVA_QUOTA_&lt;RESOURCE&gt;=BYTES</c> (e.g. <c>AVA_QUOTA_DEVICE_MEMORY</c>) limits
/// the guest's storage resources.
/// </summary>
internal static class WorkerCommand
{
    public static int Run(string[] args)
    {
        string? api = null;
        string? library = null;
        var fd = -1;
        var link = -1;
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
                case "--link" when i + 1 < args.Length && int.TryParse(args[i + 1], out var l):
                    link = l;
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
        if (backend is null || (fd < 0 && link < 0))
        {
            Console.Error.WriteLine($"ava worker: need --api ({string.Join(", ", Backends.All.Select(b => b.Descriptor.Name))}) and --fd (or --link, from the manager)");
            return 2;
        }

        library ??= Environment.GetEnvironmentVariable($"AVA_REAL_{backend.Descriptor.Name.ToUpperInvariant()}") ?? backend.FindRealLibrary();
        if (library is null)
        {
            Console.Error.WriteLine($"ava worker: no real {backend.Descriptor.Name} library found (tried {string.Join(", ", backend.Descriptor.RealLibrary)})");
            return 1;
        }

        // A private worker's quotas come from its environment (the guest's). The manager passes no AVA_QUOTA_* on:
        // its workers get the policy's quotas over the link.
        var errors = new List<string>();
        var quotas = ResourceAccounts.FromEnvironment(Environment.GetEnvironmentVariables(), errors);
        var limits = CallLimits.FromEnvironment(Environment.GetEnvironmentVariables(), errors);
        if (errors.Count > 0)
        {
            Console.Error.WriteLine($"ava worker: {string.Join("; ", errors)}");
            return 2;
        }

        backend.Bind(library);
        WorkerLog.Write($"serving {backend.Descriptor.Name} with {library}");
        // A worker of the manager has a link to it (--link) and gets its guest (after the guest's quotas) over it.
        using var managerLink = link >= 0 ? new Ava.Manager.WorkerLink(UnixSocket.FromFd(link)) : null;
        var guest = fd >= 0 ? UnixSocket.FromFd(fd) : managerLink!.WaitForGuest();
        if (guest is null)
        {
            return 0;
        }

        using var tenant = new Tenant(backend, guest) { Limits = limits };
        foreach (var (resource, limit) in quotas)
        {
            tenant.Resources[resource].SetLimit(limit);
            WorkerLog.Write($"{resource} limited to {limit}");
        }

        managerLink?.Start(tenant);
        tenant.Serve();
        managerLink?.ReportDeparture(tenant);
        return 0;
    }
}
