using Ava.Transport;
using Ava.Transport.Control;
using Ava.Transport.Native;

namespace Ava.Guest;

/// <summary>
/// A guest's admission by the manager (<c>AVA_MANAGER_ADDR</c>): the control connection the manager handed to a
/// worker, and what it takes to open more channels through the manager where descriptors cannot be passed (TCP).
/// </summary>
internal sealed class ManagerSession(ManagerAddress address, string token, ulong session, string secret, UnixSocket socket, int workerPid)
{
    /// <summary>The session's secret: its channels present it, and so does the guest when it moves to another worker.</summary>
    public string Secret { get; } = secret;

    /// <summary>Where the manager is.</summary>
    public ManagerAddress Address { get; } = address;

    /// <summary>The guest's session id.</summary>
    public ulong Session { get; } = session;

    /// <summary>The control connection, now served by the worker.</summary>
    public UnixSocket Socket { get; } = socket;

    /// <summary>The worker's pid on the manager's host.</summary>
    public int WorkerPid { get; } = workerPid;

    /// <summary>
    /// Opens a per-thread channel as a new connection to the manager, which forwards it to this session's
    /// worker (over TCP there is no SCM_RIGHTS to send a socket end to the worker directly).
    /// </summary>
    public UnixSocket OpenChannel(ApiDescriptor api)
    {
        var socket = Address.Connect();
        try
        {
            ManagerProtocol.SendAdmit(socket, new AdmissionRequest(AdmissionKind.Channel, LibC.GetPid(), Session, api.Name, token, Secret));
            var reply = ManagerProtocol.ReadAdmitAck(socket);
            if (reply.Refusal is not null)
            {
                throw new InvalidOperationException($"manager refused a channel: {reply.Refusal}");
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>Asks the manager for a worker.</summary>
internal static class ManagerClient
{
    /// <summary>
    /// Connects to the manager at <paramref name="address"/> and is admitted for <paramref name="api"/>. Moving from
    /// <paramref name="previous"/> (a migration, or a recovery), the guest asks to stay that session on a new worker
    /// (the one `ava migrate` chose, or any); a manager that no longer knows the session admits it afresh.
    /// </summary>
    public static ManagerSession Admit(ApiDescriptor api, ManagerAddress address, ManagerSession? previous = null)
    {
        var token = Token(address);
        if (previous is not null && !previous.Address.Equals(address))
        {
            previous = null;
        }

        var socket = address.Connect();
        try
        {
            ManagerProtocol.SendAdmit(socket, new AdmissionRequest(AdmissionKind.Guest, LibC.GetPid(), previous?.Session ?? 0, api.Name, token, previous?.Secret ?? ""));
            var reply = ManagerProtocol.ReadAdmitAck(socket);
            if (reply.Refusal is not null && previous is not null)
            {
                GuestLog.Write($"the manager at {address} does not move session {previous.Session:x} ({reply.Refusal}): admitted afresh");
                socket.Dispose();
                return Admit(api, address);
            }

            if (reply.Refusal is not null)
            {
                throw new InvalidOperationException($"manager at {address} refused: {reply.Refusal}");
            }

            GuestLog.Write($"admitted by the manager at {address}: session {reply.Session:x}, worker pid {reply.WorkerPid}");
            return new ManagerSession(address, token, reply.Session, reply.Secret, socket, reply.WorkerPid);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>AVA_TOKEN, else the file AVA_TOKEN_FILE names, else /etc/ava/ava.conf, else the token file beside a Unix manager's socket.</summary>
    private static string Token(ManagerAddress address)
    {
        var token = Environment.GetEnvironmentVariable("AVA_TOKEN");
        if (!string.IsNullOrEmpty(token))
        {
            return token;
        }

        var file = Environment.GetEnvironmentVariable("AVA_TOKEN_FILE");
        if (string.IsNullOrEmpty(file) && SystemConfig.Token() is { } configured)
        {
            return configured;
        }

        if (string.IsNullOrEmpty(file))
        {
            file = address.DefaultTokenFile;
        }

        try
        {
            return file is not null && File.Exists(file) ? File.ReadAllText(file).Trim() : "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
