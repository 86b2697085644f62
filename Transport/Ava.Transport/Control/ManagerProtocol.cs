using System.Globalization;
using System.Text;
using Ava.Transport.Native;
using Ava.Transport.Tcp;
using Ava.Transport.Wire;

namespace Ava.Transport.Control;

/// <summary>What a connection to the manager is for.</summary>
public enum AdmissionKind
{
    /// <summary>A guest's control connection: the manager gives it a worker, which then speaks <see cref="ControlProtocol"/> on it.</summary>
    Guest = 0,

    /// <summary>A per-thread channel of an admitted guest (TCP, where descriptors cannot be passed): forwarded to its worker.</summary>
    Channel = 1,

    /// <summary>`ava status`: the manager answers with a JSON report and closes.</summary>
    Status = 2,

    /// <summary>
    /// `ava migrate`: move the guest of <see cref="AdmissionRequest.Session"/> to another worker, named in
    /// <see cref="AdmissionRequest.Api"/> (<c>new</c>, or the pid of an idle pooled worker); the manager answers once the
    /// guest moved, refused, or did not move in time.
    /// </summary>
    Migrate = 3,
}

/// <summary>Frames on a fresh connection to the manager (carried in the record's status field).</summary>
public enum ManagerOp
{
    /// <summary>Client to manager: kind, pid, session, API name, token, session secret (channels only).</summary>
    Admit = 16,

    /// <summary>Manager to client: accepted (slot 0) or refused (slot 1), session id, worker pid, message, session secret (guests only).</summary>
    AdmitAck = 17,

    /// <summary>Manager to `ava status`: the next piece of a report longer than one frame (see <see cref="ManagerProtocol.SendReport"/>).</summary>
    ReportPart = 18,
}

/// <summary>The manager's answer to an admission request.</summary>
/// <param name="Refusal">Why it was refused; null when accepted.</param>
/// <param name="Session">Session id of the guest (channels name it).</param>
/// <param name="WorkerPid">Process id of the worker (on the manager's host).</param>
/// <param name="Message">Refusal text, or the report of a status request.</param>
/// <param name="Secret">
/// The session's secret, given only to the guest whose admission made the session (empty otherwise): its channels
/// present it, so a session id, which `ava status` shows, is not enough to reach another tenant's worker.
/// </param>
public sealed record AdmissionReply(string? Refusal, ulong Session, int WorkerPid, string Message, string Secret = "");

/// <summary>A decoded admission request.</summary>
/// <param name="Kind">What the connection is for.</param>
/// <param name="Pid">Client process id (as the client says; over Unix sockets the kernel's word is used instead).</param>
/// <param name="Session">
/// Session a channel belongs to; for a guest, the session it moves from (migration: its secret in
/// <paramref name="Secret"/>), 0 for a new one; for <see cref="AdmissionKind.Migrate"/>, the session to move.
/// </param>
/// <param name="Api">API name; for <see cref="AdmissionKind.Migrate"/>, where to (<c>new</c> or a worker pid).</param>
/// <param name="Token">The shared secret.</param>
/// <param name="Secret">The session's own secret (<see cref="AdmissionReply.Secret"/>), which a channel, and a guest moving from the session, must present.</param>
public sealed record AdmissionRequest(AdmissionKind Kind, int Pid, ulong Session, string Api, string Token, string Secret = "");

/// <summary>
/// Admission on a connection to the manager (<c>AVA_MANAGER_ADDR</c>): the first frame says who is asking for
/// what and carries the shared token (and, for a channel, its session's secret); the manager answers once, then
/// either hands the connection to a worker (which speaks the control protocol on it from then on) or closes it.
/// </summary>
public static class ManagerProtocol
{
    /// <summary>Bumped when admission frames change meaning (2: session secrets).</summary>
    public const int Version = 2;

    /// <summary>Bytes of a session secret (256 bits), sent as lowercase hex.</summary>
    public const int SecretBytes = 32;

    /// <summary>Longest message one answer frame carries; a status report longer than that follows in <see cref="ManagerOp.ReportPart"/> frames.</summary>
    public const int MaxMessage = ControlProtocol.MaxFrame - 256;

    /// <summary>
    /// Longest status report a client accepts (a manager with thousands of tenants stays far below it); a larger
    /// announced length is a broken or hostile manager, refused before anything is allocated.
    /// </summary>
    public const long MaxReport = 256L << 20;

    /// <summary>Longest API name or token accepted.</summary>
    public const int MaxField = 1024;

    /// <summary>Sends an admission request.</summary>
    public static void SendAdmit(UnixSocket socket, AdmissionRequest request)
    {
        var api = Encoding.UTF8.GetBytes(request.Api);
        var token = Encoding.UTF8.GetBytes(request.Token);
        var secret = Encoding.UTF8.GetBytes(request.Secret);
        if (api.Length > MaxField || token.Length > MaxField || secret.Length > MaxField)
        {
            throw new ArgumentException("API name, token or secret too long", nameof(request));
        }

        var frame = new byte[RecordLayout.HeaderSize + (4 * 8) + 48 + (int)RecordLayout.AlignSlot(api.Length) + (int)RecordLayout.AlignSlot(token.Length) + (int)RecordLayout.AlignSlot(secret.Length)];
        var w = new RecordWriter(frame);
        w.WriteInt64(Version);
        w.WriteInt64((long)request.Kind);
        w.WriteInt64(request.Pid);
        w.WriteInt64((long)request.Session);
        w.WriteInlineBuffer(api);
        w.WriteInlineBuffer(token);
        w.WriteInlineBuffer(secret);
        socket.SendAll(frame.AsSpan(0, w.Finish(0, RecordFlags.None, 0, (int)ManagerOp.Admit)));
    }

    /// <summary>Decodes an admission request; throws <see cref="MalformedRecordException"/> on anything else.</summary>
    public static AdmissionRequest ParseAdmit(ReadOnlySpan<byte> frame)
    {
        var r = new RecordReader(frame);
        if (r.Status != (int)ManagerOp.Admit)
        {
            throw new MalformedRecordException($"expected an admission frame, got op {r.Status}");
        }

        var version = r.ReadInt64();
        if (version != Version)
        {
            throw new MalformedRecordException($"admission protocol {version}, the manager speaks {Version}");
        }

        var kind = r.ReadInt64();
        var pid = r.ReadInt64();
        var session = (ulong)r.ReadInt64();
        r.ReadBuffer(out var apiLength, out var api);
        r.ReadBuffer(out var tokenLength, out var token);
        r.ReadBuffer(out var secretLength, out var secret);
        if (kind is < 0 or > 3 || apiLength > MaxField || tokenLength > MaxField || secretLength > MaxField)
        {
            throw new MalformedRecordException("admission frame out of range");
        }

        return new AdmissionRequest((AdmissionKind)kind, (int)pid, session, Encoding.UTF8.GetString(api), Encoding.UTF8.GetString(token), Encoding.UTF8.GetString(secret));
    }

    /// <summary>Sends the answer.</summary>
    public static void SendAdmitAck(UnixSocket socket, AdmissionReply reply)
    {
        var message = Encoding.UTF8.GetBytes(reply.Message);
        if (message.Length > MaxMessage)
        {
            message = message.AsSpan(0, MaxMessage).ToArray();
        }

        var secret = Encoding.UTF8.GetBytes(reply.Secret);
        var frame = new byte[RecordLayout.HeaderSize + (3 * 8) + 32 + (int)RecordLayout.AlignSlot(message.Length) + (int)RecordLayout.AlignSlot(secret.Length)];
        var w = new RecordWriter(frame);
        w.WriteInt64(reply.Refusal is null ? 0 : 1);
        w.WriteInt64((long)reply.Session);
        w.WriteInt64(reply.WorkerPid);
        w.WriteInlineBuffer(message);
        w.WriteInlineBuffer(secret);
        socket.SendAll(frame.AsSpan(0, w.Finish(0, RecordFlags.None, 0, (int)ManagerOp.AdmitAck)));
    }

    /// <summary>
    /// Sends a status report of any length: an accepting answer whose session slot holds the report's byte
    /// length and whose message is its first piece, then <see cref="ManagerOp.ReportPart"/> frames with the rest.
    /// (A report is one JSON document; cutting it at a frame, as a single answer would, leaves it unreadable.)
    /// </summary>
    public static void SendReport(UnixSocket socket, string report)
    {
        var bytes = Encoding.UTF8.GetBytes(report);
        var first = Math.Min(bytes.Length, MaxMessage);
        var frame = new byte[ControlProtocol.MaxFrame];
        SendPart(socket, frame, ManagerOp.AdmitAck, bytes.Length, bytes.AsSpan(0, first));
        for (var offset = first; offset < bytes.Length; offset += MaxMessage)
        {
            SendPart(socket, frame, ManagerOp.ReportPart, bytes.Length, bytes.AsSpan(offset, Math.Min(MaxMessage, bytes.Length - offset)));
        }
    }

    /// <summary>Reads the answer to a status request: the whole report, or the refusal.</summary>
    public static AdmissionReply ReadReport(UnixSocket socket)
    {
        var reply = ReadAdmitAck(socket, out var firstPiece);
        if (reply.Refusal is not null)
        {
            return reply;
        }

        var total = (long)reply.Session;
        if (total > MaxReport || total < firstPiece.Length)
        {
            throw new MalformedRecordException($"manager announced a report of {total} bytes (at most {MaxReport} accepted)");
        }

        var bytes = new byte[total];
        firstPiece.CopyTo(bytes, 0);
        var filled = firstPiece.Length;
        var buffer = new byte[ControlProtocol.MaxFrame];
        while (filled < total)
        {
            var r = new RecordReader(ControlProtocol.ReadFrame(socket, buffer));
            if (r.Status != (int)ManagerOp.ReportPart || r.ReadInt64() != total)
            {
                throw new MalformedRecordException($"manager sent op {r.Status} inside a report");
            }

            r.ReadBuffer(out var length, out var piece);
            if (length == 0 || length > total - filled)
            {
                throw new MalformedRecordException($"report piece of {length} bytes where {total - filled} remain");
            }

            piece.CopyTo(bytes.AsSpan(filled));
            filled += (int)length;
        }

        return reply with { Message = Encoding.UTF8.GetString(bytes), Session = 0 };
    }

    private static void SendPart(UnixSocket socket, byte[] frame, ManagerOp op, long total, ReadOnlySpan<byte> piece)
    {
        var w = new RecordWriter(frame);
        if (op == ManagerOp.AdmitAck)
        {
            w.WriteInt64(0);
            w.WriteInt64(total);
            w.WriteInt64(0);
            w.WriteInlineBuffer(piece);
            w.WriteInlineBuffer([]);
        }
        else
        {
            w.WriteInt64(total);
            w.WriteInlineBuffer(piece);
        }

        socket.SendAll(frame.AsSpan(0, w.Finish(0, RecordFlags.None, 0, (int)op)));
    }

    /// <summary>Reads the answer.</summary>
    public static AdmissionReply ReadAdmitAck(UnixSocket socket) => ReadAdmitAck(socket, out _);

    private static AdmissionReply ReadAdmitAck(UnixSocket socket, out byte[] message)
    {
        var frame = ControlProtocol.ReadFrame(socket, new byte[ControlProtocol.MaxFrame]);
        var r = new RecordReader(frame);
        if (r.Status != (int)ManagerOp.AdmitAck)
        {
            throw new MalformedRecordException($"manager answered with op {r.Status}");
        }

        var refused = r.ReadInt64() != 0;
        var session = (ulong)r.ReadInt64();
        var pid = (int)r.ReadInt64();
        r.ReadBuffer(out _, out var piece);
        r.ReadBuffer(out _, out var secret);
        message = piece.ToArray();
        var text = Encoding.UTF8.GetString(piece);
        return new AdmissionReply(refused ? text : null, session, pid, text, Encoding.UTF8.GetString(secret));
    }
}

/// <summary>
/// A manager address: a Unix socket path, <c>host:port</c> for TCP (the manager on another host), or
/// <c>vsock:CID:PORT</c> for AF_VSOCK (the manager on the host of a guest virtual machine, or in one).
/// </summary>
/// <param name="Path">The Unix socket path; null for TCP and VSOCK.</param>
/// <param name="Host">TCP host, or the VSOCK context id as text; null for Unix.</param>
/// <param name="Port">TCP or VSOCK port.</param>
/// <param name="Vsock">Whether <paramref name="Host"/>:<paramref name="Port"/> is a VSOCK address.</param>
public sealed record ManagerAddress(string? Path, string? Host, int Port, bool Vsock = false)
{
    /// <summary>Whether the manager is reached over a network socket, TCP or VSOCK (so descriptors cannot be passed).</summary>
    public bool IsTcp => Path is null;

    /// <summary>The VSOCK context id (only for VSOCK addresses).</summary>
    public uint Cid => Vsock ? VsockSocket.ParseCid(Host!) : throw new InvalidOperationException($"{this} is not a vsock address");

    /// <summary>Where the token file of a Unix manager lives by default: beside its socket.</summary>
    public string? DefaultTokenFile => Path is null ? null : Path + ".token";

    /// <summary>
    /// Parses <c>/path/to/socket</c>, <c>unix:/path</c>, <c>host:port</c>, <c>tcp:host:port</c> or
    /// <c>vsock:CID:PORT</c> (CID a number, or any, local, host).
    /// </summary>
    public static ManagerAddress Parse(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        if (text.StartsWith("unix:", StringComparison.Ordinal))
        {
            return new ManagerAddress(text[5..], null, 0);
        }

        var vsock = text.StartsWith("vsock:", StringComparison.Ordinal);
        if (vsock)
        {
            text = text[6..];
        }
        else if (text.StartsWith("tcp:", StringComparison.Ordinal))
        {
            text = text[4..];
        }
        else if (text.Contains('/', StringComparison.Ordinal))
        {
            return new ManagerAddress(text, null, 0);
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > (vsock ? int.MaxValue : 65535))
        {
            throw new ArgumentException(vsock ? $"vsock address '{text}' is not CID:PORT" : $"manager address '{text}' is neither a socket path nor host:port", nameof(text));
        }

        var host = text[..colon];
        if (vsock)
        {
            _ = VsockSocket.ParseCid(host);
        }

        return new ManagerAddress(null, host, port, vsock);
    }

    /// <summary>Opens a connection to the manager.</summary>
    public UnixSocket Connect() =>
        Path is not null ? UnixSocket.Connect(Path) : Vsock ? VsockSocket.Connect(Cid, (uint)Port) : TcpSocket.Connect(Host!, Port);

    /// <inheritdoc/>
    public override string ToString() => Path ?? (Vsock ? $"vsock:{Host}:{Port}" : $"{Host}:{Port}");
}
