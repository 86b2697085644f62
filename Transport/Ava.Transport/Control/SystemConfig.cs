namespace Ava.Transport.Control;

/// <summary>
/// The machine's own settings, written by <c>ava install --system</c> to <c>/etc/ava/ava.conf</c> (one
/// <c>key=value</c> a line, <c>#</c> comments): <c>manager</c> and <c>token</c> for guests whose environment names no
/// manager, and <c>real.&lt;api&gt;</c>, where the vendor library now lives after it was diverted, for local workers.
/// The environment always wins: a process that sets <c>AVA_MANAGER_ADDR</c> or <c>AVA_REAL_&lt;API&gt;</c> means it.
/// </summary>
public sealed class SystemConfig
{
    /// <summary>Where the machine's settings live (<c>AVA_SYSTEM_CONFIG</c> moves it, for tests in a private tree).</summary>
    public static string DefaultPath => Environment.GetEnvironmentVariable("AVA_SYSTEM_CONFIG") is { Length: > 0 } path ? path : "/etc/ava/ava.conf";

    private readonly Dictionary<string, string> _values;

    private SystemConfig(Dictionary<string, string> values) => _values = values;

    /// <summary>The settings in <paramref name="path"/>; none when the file is absent or unreadable (a guest must still start).</summary>
    public static SystemConfig Load(string? path = null)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var raw in File.ReadLines(path ?? DefaultPath))
            {
                var line = raw.Trim();
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                if (line.Length == 0 || line[0] == '#' || equals <= 0)
                {
                    continue;
                }

                values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No file (or not ours to read): no settings; the environment alone decides.
        }

        return new SystemConfig(values);
    }

    /// <summary>One setting, or null.</summary>
    public string? this[string key] => _values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    /// <summary>The manager guests ask for workers: <c>AVA_MANAGER_ADDR</c>, else <c>manager=</c>.</summary>
    public static string? ManagerAddress() =>
        Environment.GetEnvironmentVariable("AVA_MANAGER_ADDR") is { Length: > 0 } fromEnvironment ? fromEnvironment : Load()["manager"];

    /// <summary>The manager's token when the environment has none: <c>token=</c>, or the file <c>token-file=</c> names.</summary>
    public static string? Token()
    {
        var config = Load();
        if (config["token"] is { } token)
        {
            return token;
        }

        try
        {
            return config["token-file"] is { } file && File.Exists(file) ? File.ReadAllText(file).Trim() : null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
