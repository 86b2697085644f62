using System.CommandLine;
using Ava.Transport.Native;
using Ava.Worker;
using Ava.Worker.Link;
using Ava.Worker.RealLibraries;

namespace Ava.Cli;

/// <summary>
/// <c>ava worker --api NAME[,NAME...] (--fd N | --link N) [--lib PATH]</c>: serves one guest connected on an inherited
/// socket, or handed over by the manager. An API of a group ([ApiGroup]: the CUDA driver and runtime) serves the
/// group: the other APIs of it join the guest's connection when the guest's libraries ask (their real libraries are
/// found then), or from the start when named after the first (<c>--api cuda,cudart</c>). <c>AVA_QUOTA_&lt;RESOURCE&gt;=BYTES</c> (e.g. <c>AVA_QUOTA_DEVICE_MEMORY</c>) limits
/// the guest's storage resources.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(AvaHost host)
    {
        var names = host.Names.ToArray();
        var api = new Option<string>("--api") { HelpName = "NAME[,NAME...]", Required = true, Description = $"the API to serve, then others of its group bound from the start: {string.Join(", ", names)}" };
        api.Validators.Add(result =>
        {
            foreach (var name in (result.GetValueOrDefault<string>() ?? "").Split(','))
            {
                if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    result.AddError($"'{name}' is not an API of this ava ({string.Join(", ", names)})");
                }
            }
        });
        var fd = new Option<int?>("--fd") { HelpName = "N", Description = "serve the guest connected on inherited socket fd N (how a guest library starts its private worker)" };
        var link = new Option<int?>("--link") { HelpName = "N", Description = "a worker of the manager: its link to the manager on fd N, over which the guest comes" };
        var library = new Option<string>("--lib") { HelpName = "PATH", Description = "the real library to load (default: AVA_REAL_<API>, else found as the dynamic loader would find it)" };
        var command = new Command("worker", "serve one guest connected on an inherited socket (--fd) or handed over by the manager (--link); started by the guest library or the manager, not by hand")
        {
            api,
            fd,
            link,
            library,
        };
        command.WithEnvironment(
            ("AVA_REAL_<API>=PATH", "the real library, when --lib is not given"),
            ("AVA_QUOTA_<RESOURCE>=BYTES", "a private worker's quota, e.g. AVA_QUOTA_DEVICE_MEMORY (a manager's worker gets the policy's)"),
            ("AVA_MAX_CHANNELS=N", "a private worker's bound on guest threads served at once (default 256, 0: none; a manager's worker gets the policy's channels)"),
            ("AVA_MAX_OBJECTS=N", "a private worker's bound on live objects (default 1000000, 0: none; a manager's worker gets the policy's objects)"),
            ("AVA_MAX_CALL_BYTES", "most bytes one call may make the worker hold (default 8 GiB)"),
            ("AVA_SCRATCH_KEEP_BYTES", "largest scratch block a channel keeps between calls (default 64 MiB)"),
            ("AVA_SCRATCH_KEEP_TOTAL_BYTES", "most scratch memory all of a guest's channels keep between calls (default 256 MiB)"),
            ("AVA_TEARDOWN_SECONDS", "how long a worker whose guest has gone waits for calls still in the real library before it exits anyway (default 5)"),
            ("AVA_CALL_SECONDS", "a private worker's bound on how long one call may stay in the real library, past which the worker ends (default 0: none; a manager's worker gets the policy's call_seconds)"),
            ("AVA_CAPTURE_DIR=DIR", "write every record the guest sends into files of DIR, replayable (tests/Fuzz)"),
            ("AVA_LOG=1|FILE", "diagnostics"));
        command.SetAction(result => Serve(host, result.GetValue(api), result.GetValue(library), result.GetValue(fd) ?? -1, result.GetValue(link) ?? -1));
        return command;
    }

    private static int Serve(AvaHost host, string? apis, string? library, int fd, int link)
    {
        var listed = (apis ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var backend = listed.Length == 0 ? null : host.Find(listed[0]);
        if (backend is null || (fd < 0 && link < 0))
        {
            Console.Error.WriteLine($"ava worker: need --api ({string.Join(", ", host.Names)}) and --fd (or --link, from the manager)");
            return 2;
        }

        if (library is null)
        {
            var choice = new RealLibraryResolver(backend.Descriptor).Resolve();
            library = choice.Path;
            WorkerLog.Write($"{backend.Descriptor.Name}: {choice.Describe()}");
            // With none, the worker still answers its guest: every call then gets the API's own no-driver error.
            backend.MissingLibrary = library is null ? choice.Reason : null;
        }

        // A private worker's quotas come from its environment (the guest's), with the default bounds of channels and
        // objects where it names none. The manager passes no AVA_QUOTA_* on: its workers get the policy's over the link.
        var errors = new List<string>();
        var quotas = ResourceAccounts.FromEnvironment(Environment.GetEnvironmentVariables(), errors);
        var limits = CallLimits.FromEnvironment(Environment.GetEnvironmentVariables(), errors);
        if (errors.Count > 0)
        {
            Console.Error.WriteLine($"ava worker: {string.Join("; ", errors)}");
            return 2;
        }

        if (library is not null)
        {
            backend.Bind(library);
            WorkerLog.Write($"serving {backend.Descriptor.Name} with {library}");
        }

        // A worker of the manager has a link to it (--link) and gets its guest (after the guest's quotas) over it.
        using var managerLink = link >= 0 ? new WorkerLink(UnixSocket.FromFd(link)) : null;
        var guest = fd >= 0 ? UnixSocket.FromFd(fd) : managerLink!.WaitForGuest();
        if (guest is null)
        {
            return 0;
        }

        if (managerLink?.CallSeconds is { } callSeconds)
        {
            // The policy's call_seconds for this tenant (the manager passes no AVA_CALL_SECONDS on).
            limits = limits with { CallSeconds = callSeconds };
        }

        if (managerLink?.ScratchKeepBytes is { } scratchKeep)
        {
            // The policy's scratch_keep_bytes for this tenant, in place of AVA_SCRATCH_KEEP_TOTAL_BYTES.
            limits = limits with { RetainedScratchTotalBytes = scratchKeep };
        }

        // The other APIs of the group: bound on the first join (or now, when listed), each once.
        var group = backend.Descriptor.Group;
        var joined = new Dictionary<int, ApiBackend>();
        ApiBackend? Member(int number)
        {
            lock (joined)
            {
                if (joined.TryGetValue(number, out var bound))
                {
                    return bound;
                }

                var other = host.Backends.FirstOrDefault(b => b.Descriptor.Number == number && b != backend);
                if (other is null || group.Length == 0 || other.Descriptor.Group != group)
                {
                    return null;
                }

                BindReal(other, null);
                joined[number] = other;
                return other;
            }
        }

        foreach (var name in listed.Skip(1))
        {
            var other = host.Find(name)!;
            if (group.Length == 0 || other.Descriptor.Group != group)
            {
                Console.Error.WriteLine($"ava worker: {other.Descriptor.Name} is not in {backend.Descriptor.Name}'s API group");
                return 2;
            }

            Member(other.Descriptor.Number);
        }

        using var tenant = new Tenant(backend, guest) { Limits = limits, GroupMember = Member };
        if (managerLink is null)
        {
            // A manager's worker is bounded by its principal's ledger alone (the policy, with the same defaults): a
            // bound of its own here would cap each worker below what the policy gives the principal.
            foreach (var (resource, limit) in quotas)
            {
                tenant.Resources[resource].SetLimit(limit);
                WorkerLog.Write($"{resource} limited to {limit}");
            }
        }

        managerLink?.Start(tenant);
        tenant.Serve();
        managerLink?.ReportDeparture(tenant);
        if (tenant.Abandoned)
        {
            // Threads stuck in the real library would hold a normal exit (and their work would go on): end here.
            LibC.ExitImmediately(0);
        }

        return 0;
    }

    /// <summary>Binds an API of the group to its real library (AVA_REAL_&lt;API&gt;, else as the dynamic loader would find it).</summary>
    private static void BindReal(ApiBackend backend, string? library)
    {
        if (library is null)
        {
            var choice = new RealLibraryResolver(backend.Descriptor).Resolve();
            library = choice.Path;
            WorkerLog.Write($"{backend.Descriptor.Name}: {choice.Describe()}");
            backend.MissingLibrary = library is null ? choice.Reason : null;
        }

        if (library is not null)
        {
            backend.Bind(library);
            WorkerLog.Write($"serving {backend.Descriptor.Name} with {library}");
        }
    }
}
