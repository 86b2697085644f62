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

    /// <summary>Variables that bound a private worker's counts, by resource (besides <c>AVA_QUOTA_&lt;RESOURCE&gt;</c>).</summary>
    private static readonly (string Variable, string Resource)[] s_counts = [("AVA_MAX_CHANNELS", Channels), ("AVA_MAX_OBJECTS", Objects)];

    private readonly ConcurrentDictionary<string, ResourceAccount> _accounts = new(StringComparer.Ordinal);

    /// <summary>The account of <paramref name="resource"/>, created (without a limit) on first use.</summary>
    public ResourceAccount this[string resource] => _accounts.GetOrAdd(resource, static name => new ResourceAccount(name));

    /// <summary>
    /// Limits named by <c>AVA_QUOTA_&lt;RESOURCE&gt;=BYTES</c> among <paramref name="variables"/> (the environment;
    /// <c>DEVICE_MEMORY</c> is resource <c>device_memory</c>); a value that is not a non-negative integer is reported
    /// in <paramref name="errors"/>.
    /// </summary>
    public static List<(string Resource, long Limit)> FromEnvironment(IDictionary variables, List<string> errors)
    {
        var limits = new List<(string, long)>();
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
