using Ava.Guest.Interop;
using Ava.Transport;
using Ava.Transport.Control;
using Ava.Transport.Native;

namespace Ava.Guest;

/// <summary>
/// Starts the private worker of the embedded LOCAL channel: <c>ava worker --api NAME --fd 3</c>, connected by a
/// socket pair, with the environment every worker gets (<see cref="WorkerEnvironment"/>: the
/// worker must load the real library, never ours).
/// </summary>
internal static class WorkerLauncher
{
    public static (UnixSocket Socket, int Pid) Start(ApiDescriptor api) => Start(api, null, out _);

    /// <summary>
    /// With <c>AVA_MANAGER_ADDR</c> set (or <c>manager=</c> in /etc/ava/ava.conf, <see cref="SystemConfig"/>), asks the manager there for a worker (<paramref name="session"/> then
    /// says how to reach it again; <paramref name="previous"/>: the session the process moves from); otherwise starts a private worker.
    /// </summary>
    public static (UnixSocket Socket, int Pid) Start(ApiDescriptor api, ManagerSession? previous, out ManagerSession? session)
    {
        session = null;
        var manager = SystemConfig.ManagerAddress();
        if (!string.IsNullOrEmpty(manager))
        {
            session = ManagerClient.Admit(api, ManagerAddress.Parse(manager), previous);
            return (session.Socket, session.WorkerPid);
        }

        var ava = FindAva() ?? throw new IOException("cannot find the ava command: set AVA_WORKER or keep the library in artifacts/lib beside artifacts/bin/ava");
        var (ours, theirs) = UnixSocket.Pair();
        try
        {
            string[] argv = [ava, "worker", "--api", api.Name, "--fd", "3"];
            var pid = ProcessSpawner.Spawn(ava, argv, ScrubbedEnvironment(), [(theirs.Fd, 3)]);
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

        // Installed as the system library (ava install --system), ours is far from ../bin/ava: the install says where.
        if (SystemConfig.Load()["worker"] is { } installed && File.Exists(installed))
        {
            return installed;
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

    /// <summary>The guest's environment, scrubbed as every worker's is (<see cref="WorkerEnvironment"/>): our folder is the one above this library's.</summary>
    /// <remarks>
    /// Installed as the system library, this library's folder is the system's (/usr/lib/x86_64-linux-gnu): "the folder
    /// above" would be /usr/lib and the scrub would drop the application's own entries there. Ours is then the folder
    /// above the recorded ava (artifacts/bin/ava: artifacts).
    /// </remarks>
    private static string[] ScrubbedEnvironment() =>
        WorkerEnvironment.From(
            Environment.GetEnvironmentVariables(),
            WorkerEnvironment.OurFolder(SystemConfig.Load()["worker"] ?? SelfLocator.LibraryPath()));
}
