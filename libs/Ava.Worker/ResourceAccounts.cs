using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;

namespace Ava.Worker;

/// <summary>
/// A tenant's storage resources by name (the names the specs' [AllocatesResource] and the policy file use). The
/// limits come from the manager's policy over the worker's link or, for a private worker, from
/// <c>AVA_QUOTA_&lt;RESOURCE&gt;</c> variables (e.g. <c>AVA_QUOTA_DEVICE_MEMORY=8388608</c>, in bytes).
/// </summary>
public sealed class ResourceAccounts
{
    /// <summary>Prefix of the environment variables that set a private worker's limits.</summary>
    public const string EnvironmentPrefix = "AVA_QUOTA_";

    /// <summary>Bytes of device memory (the specs' [AllocatesResource("device_memory", ...)]).</summary>
    public const string DeviceMemory = "device_memory";

    /// <summary>Channels open at once (a shadow thread each): <c>AVA_MAX_CHANNELS</c>, or the policy's <c>channels</c>.</summary>
    public const string Channels = "channels";

    /// <summary>Live objects in the tenant's handle table: <c>AVA_MAX_OBJECTS</c>, or the policy's <c>objects</c>.</summary>
    public const string Objects = "objects";

    /// <summary>
    /// Channels a tenant (a manager's principal) may have open at once when nothing says otherwise. Each is a guest
    /// thread calling at once, and costs the worker a shadow thread, a 1 MiB arena and up to its kept scratch block:
    /// 256 is one calling thread per hardware thread of a large two-socket server (2 x 64 cores x 2), far above what
    /// real programs use (one calling thread per device or per core; the programs of the test suites call from at most
    /// 8 threads at once, and a thread's channel closes when it exits), and keeps a hostile guest to 256 shadow threads
    /// and, idle, 256 MiB of arenas plus the tenant's kept scratch (<see cref="CallLimits.RetainedScratchTotalBytes"/>).
    /// </summary>
    public const long DefaultChannels = 256;

    /// <summary>
    /// Live objects a tenant may hold when nothing says otherwise. Real programs hold thousands (buffers, kernels, an
    /// event per command they keep); one that keeps an event per command for a long run, tens of thousands. Each costs
    /// the worker a handle-table entry and the real library its own record, so a million leaves every real program far
    /// from the bound and stops a guest that creates objects without end long before it takes the machine's memory.
    /// </summary>
    public const long DefaultObjects = 1_000_000;

    /// <summary>Variables that bound a private worker's counts, by resource (besides <c>AVA_QUOTA_&lt;RESOURCE&gt;</c>).</summary>
    private static readonly (string Variable, string Resource)[] s_counts = [("AVA_MAX_CHANNELS", Channels), ("AVA_MAX_OBJECTS", Objects)];

    private readonly ConcurrentDictionary<string, ResourceAccount> _accounts = new(StringComparer.Ordinal);

    /// <summary>The account of <paramref name="resource"/>, created (without a limit) on first use.</summary>
    public ResourceAccount this[string resource] => _accounts.GetOrAdd(resource, static name => new ResourceAccount(name));

    /// <summary>
    /// The bound of <paramref name="resource"/> when neither the policy nor the environment sets one: channels and
    /// objects are always bounded (<see cref="DefaultChannels"/>, <see cref="DefaultObjects"/>); device memory and any
    /// other resource only when asked (0: none), since its size is the device's.
    /// </summary>
    public static long DefaultLimit(string resource) => resource switch
    {
        Channels => DefaultChannels,
        Objects => DefaultObjects,
        _ => 0,
    };

    /// <summary>
    /// Limits named by <c>AVA_QUOTA_&lt;RESOURCE&gt;=BYTES</c>, <c>AVA_MAX_CHANNELS</c> and <c>AVA_MAX_OBJECTS</c> among
    /// <paramref name="variables"/> (the environment; <c>DEVICE_MEMORY</c> is resource <c>device_memory</c>), and
    /// the default bounds of channels and objects where no variable names them (an explicit 0: none); a value that
    /// is not a non-negative integer is reported in <paramref name="errors"/>.
    /// </summary>
    public static List<(string Resource, long Limit)> FromEnvironment(IDictionary variables, List<string> errors)
    {
        var limits = new List<(string Resource, long Limit)>();
        foreach (DictionaryEntry entry in variables)
        {
            var key = (string)entry.Key;
            var count = Array.FindIndex(s_counts, c => c.Variable == key);
            if (count < 0 && (!key.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) || key.Length == EnvironmentPrefix.Length))
            {
                continue;
            }

            if (long.TryParse((string?)entry.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
            {
                limits.Add((count >= 0 ? s_counts[count].Resource : key[EnvironmentPrefix.Length..].ToLowerInvariant(), limit));
            }
            else
            {
                errors.Add($"{key}='{entry.Value}' is not a {(count >= 0 ? "count" : "number of bytes")}");
            }
        }

        foreach (var (variable, resource) in s_counts)
        {
            if (variables[variable] is null && !limits.Exists(l => l.Resource == resource))
            {
                limits.Add((resource, DefaultLimit(resource)));
            }
        }

        return limits;
    }

    /// <summary>Every account so far, by name.</summary>
    public IReadOnlyList<ResourceAccount> All => [.. _accounts.Values.OrderBy(a => a.Name, StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="variable"/> sets a private worker's limit (the manager passes none on: the policy decides).</summary>
    public static bool IsLimitVariable(string variable) =>
        variable.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) || Array.Exists(s_counts, c => c.Variable == variable);

    /// <summary>Drops every charge of every resource; returns what was held, by resource.</summary>
    public List<(string Resource, long Held)> ReleaseAll() =>
        [.. All.Where(a => a.Held != 0).Select(a => (a.Name, a.ReleaseAll()))];
}
