using System.Globalization;
using System.Text.Json;

namespace Ava.Manager;

/// <summary>Limits of one principal (0: none).</summary>
/// <param name="CommandRate">Commands per second, of each of its sessions.</param>
/// <param name="DeviceMemory">Bytes of device memory, all its sessions together.</param>
/// <param name="Channels">
/// Channels (guest threads with a shadow thread each) open at once, all its sessions together; by default
/// <see cref="Ava.Worker.ResourceAccounts.DefaultChannels"/>.
/// </param>
/// <param name="Objects">
/// Live objects in its workers' handle tables, all its sessions together; by default
/// <see cref="Ava.Worker.ResourceAccounts.DefaultObjects"/>.
/// </param>
/// <param name="CallSeconds">
/// Longest one call of each of its sessions may stay in the real library (a kernel that spins): past it the session's
/// worker ends and its guest's calls fail cleanly (<see cref="Ava.Worker.CallLimits.CallSeconds"/>); 0, the default: no limit.
/// </param>
/// <param name="ScratchKeepBytes">
/// Most scratch memory all the channels of each of its sessions keep between calls, in bytes
/// (<see cref="Ava.Worker.CallLimits.RetainedScratchTotalBytes"/>); null, the default: the worker's own
/// (<c>AVA_SCRATCH_KEEP_TOTAL_BYTES</c> or 256 MiB).
/// </param>
public sealed record TenantLimits(
    double CommandRate,
    long DeviceMemory,
    long Channels = Ava.Worker.ResourceAccounts.DefaultChannels,
    long Objects = Ava.Worker.ResourceAccounts.DefaultObjects,
    long CallSeconds = 0,
    long? ScratchKeepBytes = null)
{
    /// <summary>The policy file's key of <see cref="CallSeconds"/>.</summary>
    public const string CallSecondsKey = "call_seconds";

    /// <summary>The policy file's key of <see cref="ScratchKeepBytes"/>.</summary>
    public const string ScratchKeepBytesKey = "scratch_keep_bytes";

    /// <summary>The limits a principal's ledger holds, by resource.</summary>
    public IEnumerable<(string Resource, long Limit)> Shared =>
        [(Ava.Worker.ResourceAccounts.DeviceMemory, DeviceMemory), (Ava.Worker.ResourceAccounts.Channels, Channels), (Ava.Worker.ResourceAccounts.Objects, Objects)];
}

/// <summary>
/// The manager's policy file:
/// <code>
/// {
///   "command_rate": 20000,                 // shared by all live tenants, split evenly among them (0 or absent: none)
///   "tenants": {
///     "default": { "command_rate": 0, "device_memory": 0, "channels": 256, "objects": 100000, "call_seconds": 600, "scratch_keep_bytes": 67108864 },
///     "uid:1000": { "command_rate": 5000, "device_memory": 1048576 }
///   }
/// }
/// </code>
/// A principal is the uid of a guest process (<c>uid:N</c>, known over a Unix socket), with the limits of its own
/// entry or else of <c>default</c>; guests whose uid the manager cannot know (TCP, VSOCK) are all principal
/// <c>default</c>. A session's command rate is the smaller of its own limit and its fair share of the shared rate.
/// The other limits hold for all of a principal's sessions together, however many processes it runs: device memory
/// (bytes) bounds what its allocations (the specs' [AllocatesResource("device_memory", ...)]) hold at once,
/// <c>channels</c> the guest threads served at once, <c>objects</c> the live objects of its handle tables. A call
/// beyond one fails with the API's own error (out of memory, out of resources), never more. Channels and objects are
/// bounded even where the policy names no limit (256 and 1,000,000, <see cref="Ava.Worker.ResourceAccounts.DefaultLimit"/>);
/// 0 lifts a bound. <c>call_seconds</c> bounds how long one call of each of its sessions may stay in the real
/// library (0 or absent: no limit); <c>scratch_keep_bytes</c> how much scratch memory each of its sessions' workers keeps
/// for its idle channels (absent: the worker's own bound, 256 MiB by default).
/// </summary>
public sealed class Policy
{
    private readonly Dictionary<string, TenantLimits> _tenants;

    private Policy(double sharedRate, Dictionary<string, TenantLimits> tenants)
    {
        SharedCommandRate = sharedRate;
        _tenants = tenants;
    }

    /// <summary>The storage resource <c>device_memory</c>, named so in the policy file and in the specs' [AllocatesResource].</summary>
    public const string DeviceMemoryResource = "device_memory";

    /// <summary>No limits.</summary>
    public static Policy None { get; } = new(0, []);

    /// <summary>Commands per second shared by all live tenants.</summary>
    public double SharedCommandRate { get; }

    /// <summary>Reads a policy file.</summary>
    public static Policy Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses policy JSON.</summary>
    public static Policy Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        var shared = root.TryGetProperty("command_rate", out var rate) ? rate.GetDouble() : 0;
        var tenants = new Dictionary<string, TenantLimits>(StringComparer.Ordinal);
        if (root.TryGetProperty("tenants", out var list))
        {
            foreach (var tenant in list.EnumerateObject())
            {
                // An absent key takes the default bound (none for device memory); 0 asks for none.
                long Count(string key) => tenant.Value.TryGetProperty(key, out var v) ? v.GetInt64() : Ava.Worker.ResourceAccounts.DefaultLimit(key);
                tenants[tenant.Name] = new TenantLimits(
                    tenant.Value.TryGetProperty("command_rate", out var r) ? r.GetDouble() : 0,
                    Count(DeviceMemoryResource),
                    Count(Ava.Worker.ResourceAccounts.Channels),
                    Count(Ava.Worker.ResourceAccounts.Objects),
                    Count(TenantLimits.CallSecondsKey),
                    tenant.Value.TryGetProperty(TenantLimits.ScratchKeepBytesKey, out var scratch) ? scratch.GetInt64() : null);
            }
        }

        return new Policy(shared, tenants);
    }

    /// <summary>
    /// The principal a guest's sessions belong to: <c>uid:N</c> when the kernel told the manager its uid (a Unix
    /// socket), else <c>default</c> (TCP and VSOCK guests, whose uid the manager cannot know, share one principal).
    /// </summary>
    public static string PrincipalOf(int? uid) => uid is { } u ? "uid:" + u.ToString(CultureInfo.InvariantCulture) : "default";

    /// <summary>Limits of the tenant whose guest runs as <paramref name="uid"/> (null: unknown, e.g. over TCP).</summary>
    public TenantLimits For(int? uid) =>
        uid is { } u && _tenants.TryGetValue("uid:" + u.ToString(CultureInfo.InvariantCulture), out var own) ? own
        : _tenants.TryGetValue("default", out var fallback) ? fallback
        : new TenantLimits(0, 0);

    /// <summary>
    /// The command rate of a tenant with <paramref name="limits"/> while <paramref name="liveTenants"/> share the
    /// shared rate: an even split, capped by the tenant's own limit. 0 means unlimited.
    /// </summary>
    public double RateFor(TenantLimits limits, int liveTenants)
    {
        var share = SharedCommandRate > 0 ? SharedCommandRate / Math.Max(1, liveTenants) : 0;
        return (share, limits.CommandRate) switch
        {
            (0, var own) => own,
            (var s, 0) => s,
            (var s, var own) => Math.Min(s, own),
        };
    }
}
