using System.Globalization;
using System.Text.Json;

namespace Ava.Manager;

/// <summary>Limits of one tenant (0: none).</summary>
/// <param name="CommandRate">Commands per second.</param>
/// <param name="DeviceMemory">Bytes of device memory.</param>
public sealed record TenantLimits(double CommandRate, long DeviceMemory);

/// <summary>
/// The manager's policy file:
/// <code>
/// {
///   "command_rate": 20000,                 // shared by all live tenants, split evenly among them (0 or absent: none)
///   "tenants": {
///     "default": { "command_rate": 0, "device_memory": 0 },
///     "uid:1000": { "command_rate": 5000, "device_memory": 1048576 }
///   }
/// }
/// </code>
/// A tenant is named by the uid of its guest process (<c>uid:N</c>, known over a Unix socket) or matches
/// <c>default</c>. Its command rate is the smaller of its own limit and its fair share of the shared rate. Its
/// device memory (bytes) bounds what its allocations (the specs' [AllocatesResource("device_memory", ...)]) may hold
/// at once: one beyond it fails with the API's own out-of-memory error.
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
                tenants[tenant.Name] = new TenantLimits(
                    tenant.Value.TryGetProperty("command_rate", out var r) ? r.GetDouble() : 0,
                    tenant.Value.TryGetProperty(DeviceMemoryResource, out var m) ? m.GetInt64() : 0);
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
