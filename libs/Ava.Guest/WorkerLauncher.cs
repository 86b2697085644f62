using Ava.Guest.Interop;
using Ava.Transport;
using Ava.Transport.Control;
using Ava.Transport.Native;

namespace Ava.Guest;

/// <summary>
/// Starts the private worker of the embedded LOCAL channel: <c>ava worker --api NAME --fd 3</c>, connected by a
/// socket pair, with an environment from which our preload settings are removed (the worker must load the
/// real library, never ours).
/// </summary>
internal static class WorkerLauncher
{
    /// <summary>
    /// Path lists that could make the worker load our libraries instead of the real ones (LD_AUDIT: the audit
    /// module of <c>ava run</c>, which would turn the worker's own load of the real library into ours).
    /// </summary>
    private static readonly string[] PathLists = ["LD_PRELOAD", "LD_AUDIT", "LD_LIBRARY_PATH", "OCL_ICD_VENDORS", "OCL_ICD_FILENAMES", "OPENCL_VENDOR_PATH"];

    /// <summary>Variables only our own libraries read on the application's side, never passed to a worker.</summary>
    private static readonly string[] GuestOnly = ["AVA_AUDIT_MAP"];

    public static (UnixSocket Socket, int Pid) Start(ApiDescriptor api) => Start(api, out _);

    /// <summary>
    /// With <c>AVA_MANAGER_ADDR</c> set, asks the manager there for a worker (<paramref name="session"/> then
    /// says how to reach it again); otherwise starts a private worker.
    /// </summary>
    public static (UnixSocket Socket, int Pid) Start(ApiDescriptor api, out ManagerSession? session)
    {
        session = null;
        var manager = Environment.GetEnvironmentVariable("AVA_MANAGER_ADDR");
        if (!string.IsNullOrEmpty(manager))
        {
            session = ManagerClient.Admit(api, ManagerAddress.Parse(manager));
            return (session.Socket, session.WorkerPid);
        }

        var ava = FindAva() ?? throw new IOException("cannot find the ava command: set AVA_WORKER or keep the library in artifacts/lib beside artifacts/bin/ava");
        var (ours, theirs) = UnixSocket.Pair();
        try
        {
            string[] argv = [ava, "worker", "--api", api.Name, "--fd", "3"];
            var pid = ProcessSpawner.Spawn(ava, argv, WorkerEnvironment(), [(theirs.Fd, 3)]);
            return (ours, pid);
        }
        catch
        {
            ours.Dispose();
            throw;
        }
        finally
        {
            theirs.Dispose();
        }
    }

    private static string? FindAva()
    {
        var explicitPath = Environment.GetEnvironmentVariable("AVA_WORKER");
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return explicitPath;
        }

        var library = SelfLocator.LibraryPath();
        if (library is null)
        {
            return null;
        }

        // artifacts/lib/<lib> -> artifacts/bin/ava (also from artifacts/lib/icd/<lib>).
        var directory = Path.GetDirectoryName(Path.GetFullPath(library));
        for (var i = 0; i < 3 && directory is not null; i++)
        {
            var candidate = Path.Combine(directory, "..", "bin", "ava");
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }

            directory = Path.GetDirectoryName(directory);
        }

        return null;
    }

    private static string[] WorkerEnvironment()
    {
        // Everything under our artifacts folder (artifacts/lib and its icd/ folder) is ours.
        var library = SelfLocator.LibraryPath();
        var libDirectory = library is null ? null : Path.GetDirectoryName(Path.GetFullPath(library));
        var ours = libDirectory is null ? null : Path.GetDirectoryName(libDirectory.TrimEnd('/'));
        var result = new List<string>();
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var key = (string)entry.Key;
            var value = (string?)entry.Value ?? "";
            if (Array.IndexOf(GuestOnly, key) >= 0)
            {
                continue;
            }

            if (Array.IndexOf(PathLists, key) >= 0)
            {
                var separator = key == "LD_PRELOAD" ? new[] { ':', ' ' } : [':'];
                var kept = value.Split(separator, StringSplitOptions.RemoveEmptyEntries)
                    .Where(p => ours is null || !IsUnder(p, ours))
                    .ToArray();
                if (kept.Length == 0)
                {
                    continue;
                }

                value = string.Join(':', kept);
            }

            result.Add($"{key}={value}");
        }

        return [.. result];
    }

    private static bool IsUnder(string path, string root)
    {
        try
        {
            var full = Path.GetFullPath(path);
            return full.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
