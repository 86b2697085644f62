using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ava.Transport.Control;
using Ava.Transport.Native;
using Ava.Transport.Tcp;
using Ava.Transport.Wire;
using Ava.Worker;

namespace Ava.Manager;

/// <summary>What <c>ava manager</c> was asked to do.</summary>
public sealed class ManagerOptions
{
    /// <summary>Addresses to listen on (Unix socket paths and/or host:port).</summary>
    public required IReadOnlyList<ManagerAddress> Listen { get; init; }

    /// <summary>The ava command the manager starts workers with.</summary>
    public required string AvaPath { get; init; }

    /// <summary>APIs a guest may ask for.</summary>
    public required IReadOnlyList<string> Apis { get; init; }

    /// <summary>APIs the pool keeps idle workers for.</summary>
    public IReadOnlyList<string> PoolApis { get; init; } = [];

    /// <summary>Whether to hand out pre-started workers (AVA_WPOOL=TRUE).</summary>
    public bool UsePool { get; init; }

    /// <summary>Idle workers kept per pooled API.</summary>
    public int PoolSize { get; init; } = 2;

    /// <summary>The policy.</summary>
    public Policy Policy { get; init; } = Policy.None;

    /// <summary>The shared token (AVA_TOKEN); null: a fresh random one, written to <see cref="TokenFile"/>.</summary>
    public string? Token { get; init; }

    /// <summary>Where the token is written (mode 0600); default: beside the first Unix socket.</summary>
    public string? TokenFile { get; init; }
}

/// <summary>
/// The manager daemon: admits guests that present the shared token, gives each its own worker (started for it,
/// or taken from a pool of pre-started ones), forwards TCP channels to the right worker, splits the shared
/// command rate fairly among live tenants, reaps workers when their guests leave, and reports on all of it.
/// It is never on the call path: once admitted, a guest talks to its worker directly.
/// </summary>
public sealed class Manager : IDisposable
{
    private const int DepartedKept = 64;

    /// <summary>How long a worker may outlive its guest (finishing a call in the real library) before it is killed.</summary>
    private static readonly TimeSpan OrphanGrace = TimeSpan.FromSeconds(30);

    private readonly ManagerOptions _options;
    private readonly object _gate = new();
    private readonly Dictionary<ulong, Session> _sessions = [];

    // Guarded by _gate: each principal with live sessions, and its workers' shared ledger.
    private readonly Dictionary<string, PrincipalShare> _principals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<WorkerProcess>> _idle = new(StringComparer.Ordinal);
    private readonly List<string> _departed = [];

    // Guarded by _gate: workers a guest moved away from, until they exit (their guest closed their connection), each
    // with the slot of its principal's ledger it still holds.
    private readonly List<(WorkerProcess Worker, string Principal, PrincipalShare Share, int Slot)> _retiring = [];
    private readonly List<(UnixSocket Socket, ManagerAddress Address)> _listeners = [];
    private readonly DateTime _started = DateTime.UtcNow;
    private readonly CancellationTokenSource _stop = new();
    private long _refused;
    private long _admitted;
    private long _killedOrphans;

    /// <summary>Creates a manager; <see cref="Start"/> opens its sockets.</summary>
    public Manager(ManagerOptions options)
    {
        _options = options;
        Token = options.Token ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        TokenFile = options.TokenFile ?? options.Listen.FirstOrDefault(a => !a.IsTcp)?.DefaultTokenFile;
    }

    /// <summary>The shared token guests must present.</summary>
    public string Token { get; }

    /// <summary>Where the token was written, if anywhere.</summary>
    public string? TokenFile { get; }

    /// <summary>The TCP ports actually bound, in listen order (port 0 asks for any free one).</summary>
    public List<int> TcpPorts { get; } = [];

    /// <summary>Writes the token file, binds every address, fills the pool and starts accepting.</summary>
    public void Start()
    {
        if (TokenFile is not null)
        {
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("the manager needs Unix file modes for its token file");
            }

            File.Delete(TokenFile);
            using var stream = new FileStream(TokenFile, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            stream.Write(Encoding.UTF8.GetBytes(Token + "\n"));
        }

        foreach (var address in _options.Listen)
        {
            UnixSocket socket;
            if (address.Vsock)
            {
                socket = VsockSocket.Listen(address.Cid, (uint)address.Port);
            }
            else if (address.IsTcp)
            {
                socket = TcpSocket.Listen(address.Host!, address.Port, out var port);
                TcpPorts.Add(port);
            }
            else
            {
                // 0666: who may connect is decided by the token, not by the socket's mode.
                socket = UnixSocket.Listen(address.Path!, 0x1B6);
            }

            _listeners.Add((socket, address));
            var listener = (socket, address);
            new Thread(() => Accept(listener.socket, listener.address)) { IsBackground = true, Name = $"ava-accept-{address}" }.Start();
        }

        new Thread(Reap) { IsBackground = true, Name = "ava-reaper" }.Start();
        FillPool();
        ManagerLog.Write($"listening on {string.Join(", ", _options.Listen)}; pool {(_options.UsePool ? _options.PoolSize.ToString(CultureInfo.InvariantCulture) : "off")}");
    }

    /// <summary>The JSON report `ava status` prints (sent in as many frames as it needs).</summary>
    public string Report()
    {
        Session[] sessions;
        string[] departed;
        Dictionary<string, int[]> idle;
        lock (_gate)
        {
            sessions = [.. _sessions.Values];
            departed = [.. _departed];
            idle = _idle.ToDictionary(p => p.Key, p => p.Value.Select(w => w.Pid).ToArray());
        }

        var workers = sessions.Select(s => s.Worker.QueryStatus(TimeSpan.FromSeconds(1)) ?? "null").ToArray();
        return Report(sessions, workers, departed, idle);
    }

    private string Report(Session[] sessions, string[] workers, string[] departed, Dictionary<string, int[]> idle)
    {

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("manager");
            json.WriteNumber("pid", Environment.ProcessId);
            json.WriteString("listen", string.Join(" ", _options.Listen));
            json.WriteNumber("uptime_s", Math.Round((DateTime.UtcNow - _started).TotalSeconds, 1));
            json.WriteNumber("admitted", Interlocked.Read(ref _admitted));
            json.WriteNumber("refused", Interlocked.Read(ref _refused));
            json.WriteNumber("orphans_killed", Interlocked.Read(ref _killedOrphans));
            json.WriteNumber("shared_command_rate", _options.Policy.SharedCommandRate);
            json.WriteStartObject("idle_workers");
            foreach (var (api, pids) in idle)
            {
                json.WriteNumber(api, pids.Length);
            }

            json.WriteEndObject();

            // What `ava migrate --to WORKER` takes.
            json.WriteStartObject("idle_worker_pids");
            foreach (var (api, pids) in idle)
            {
                json.WriteStartArray(api);
                foreach (var pid in pids)
                {
                    json.WriteNumberValue(pid);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("tenants");
            for (var i = 0; i < sessions.Length; i++)
            {
                var session = sessions[i];
                json.WriteStartObject();
                json.WriteNumber("session", session.Id);
                json.WriteString("api", session.Api);
                json.WriteNumber("guest_pid", session.GuestPid);
                if (session.Uid is { } uid)
                {
                    json.WriteNumber("uid", uid);
                }

                json.WriteString("principal", session.Principal);

                json.WriteString("peer", session.Peer);
                json.WriteNumber("worker_pid", session.Worker.Pid);
                json.WriteBoolean("pooled", session.Pooled);
                json.WriteNumber("moves", session.Moves);
                json.WriteNumber("age_s", Math.Round((DateTime.UtcNow - session.Started).TotalSeconds, 1));
                json.WritePropertyName("worker");
                json.WriteRawValue(workers[i]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("departed");
            foreach (var entry in departed)
            {
                json.WriteRawValue(entry);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Blocks until <see cref="Stop"/>.</summary>
    public void Wait() => _stop.Token.WaitHandle.WaitOne();

    /// <summary>Stops accepting (live workers keep serving their guests).</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>Closes the listeners (removing Unix socket files), the token file and idle workers.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        foreach (var (socket, _) in _listeners)
        {
            try
            {
                socket.Shutdown();
            }
            catch (NativeException)
            {
                // A listening socket that was never connected may refuse shutdown; closing is what matters.
            }

            socket.Dispose();
        }

        lock (_gate)
        {
            foreach (var worker in _idle.Values.SelectMany(w => w))
            {
                LibC.Kill(worker.Pid, Signals.SIGKILL);
                worker.Dispose();
            }

            _idle.Clear();
        }

        if (TokenFile is not null)
        {
            File.Delete(TokenFile);
        }
    }

    private void Accept(UnixSocket listener, ManagerAddress address)
    {
        while (!_stop.IsCancellationRequested)
        {
            UnixSocket connection;
            try
            {
                connection = listener.Accept();
            }
            catch (Exception e) when (e is NativeException or ObjectDisposedException)
            {
                if (!_stop.IsCancellationRequested)
                {
                    ManagerLog.Write($"accept on {address}: {e.Message}");
                }

                return;
            }

            ThreadPool.UnsafeQueueUserWorkItem(_ => Admit(connection, address), null);
        }
    }

    private void Admit(UnixSocket connection, ManagerAddress address)
    {
        try
        {
            if (address.IsTcp && !address.Vsock)
            {
                TcpSocket.Tune(connection.Fd);
            }

            if (!connection.PollReadable(5000))
            {
                ManagerLog.Write($"connection on {address} sent nothing; closed");
                return;
            }

            var request = ManagerProtocol.ParseAdmit(ControlProtocol.ReadFrame(connection, new byte[ControlProtocol.MaxFrame]));
            PeerCredentials? credentials = address.IsTcp ? null : connection.GetPeerCredentials();
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(request.Token), Encoding.UTF8.GetBytes(Token)))
            {
                Interlocked.Increment(ref _refused);
                ManagerLog.Write($"refused a {request.Kind} connection on {address}: bad token");
                ManagerProtocol.SendAdmitAck(connection, new AdmissionReply("authentication failed: wrong or missing token (AVA_TOKEN or the manager's token file)", 0, 0, "authentication failed"));
                return;
            }

            switch (request.Kind)
            {
                case AdmissionKind.Status:
                    ManagerProtocol.SendReport(connection, Report());
                    break;
                case AdmissionKind.Channel:
                    ForwardChannel(connection, request, credentials, address);
                    break;
                case AdmissionKind.Migrate:
                    Migrate(connection, request, credentials);
                    break;
                case AdmissionKind.Guest when request.Session != 0:
                    MoveGuest(connection, request, credentials, address);
                    break;
                default:
                    AdmitGuest(connection, request, credentials, address);
                    break;
            }
        }
        catch (Exception e) when (e is IOException or MalformedRecordException or ArgumentException or InvalidOperationException)
        {
            ManagerLog.Write($"admission on {address} failed: {e.Message}");
        }
        finally
        {
            // The worker has its own copy of a handed-over connection; ours must go, or the guest would not see the
            // worker die.
            connection.Dispose();
        }
    }

    private void AdmitGuest(UnixSocket connection, AdmissionRequest request, PeerCredentials? credentials, ManagerAddress address)
    {
        var api = _options.Apis.FirstOrDefault(a => string.Equals(a, request.Api, StringComparison.OrdinalIgnoreCase));
        if (api is null)
        {
            var refusal = $"this manager serves {string.Join(", ", _options.Apis)}, not {request.Api}";
            ManagerProtocol.SendAdmitAck(connection, new AdmissionReply(refusal, 0, 0, refusal));
            return;
        }

        var id = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) | 1;
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(ManagerProtocol.SecretBytes)).ToLowerInvariant();
        var uid = credentials is { } c ? (int?)c.Uid : null;
        var limits = _options.Policy.For(uid);
        var principal = Policy.PrincipalOf(uid);
        var (share, slot) = JoinPrincipal(principal, limits);
        if (share is null)
        {
            Interlocked.Increment(ref _refused);
            var full = $"{principal} has {PrincipalLedger.SlotCount} sessions already";
            ManagerProtocol.SendAdmitAck(connection, new AdmissionReply(full, 0, 0, full));
            return;
        }

        WorkerProcess? worker = null;
        bool pooled;
        try
        {
            worker = TakeIdle(api);
            pooled = worker is not null;
            worker ??= StartWorker(api);

            // The principal's ledger travels before the guest on the same link, so the worker applies its limits before
            // the guest's first call: an allocation cannot slip in ahead of them.
            worker.JoinLedger(share.Ledger.Fd, slot);
            worker.SetCallLimit(limits.CallSeconds);
            if (limits.ScratchKeepBytes is { } scratch)
            {
                worker.SetScratchKeep(scratch);
            }
            worker.AttachGuest(connection.Fd);
        }
        catch
        {
            if (worker is not null)
            {
                // Not a session yet, so the reaper would never see it: reaped here.
                LibC.Kill(worker.Pid, Signals.SIGKILL);
                _ = ProcessSpawner.WaitExit(worker.Pid);
                worker.Dispose();
            }

            lock (_gate)
            {
                LeavePrincipal(principal, share, slot);
            }

            throw;
        }

        var session = new Session(id, secret, api, credentials?.Pid ?? request.Pid, uid, worker, pooled, address.Vsock ? "vsock" : address.IsTcp ? "tcp" : "unix", limits)
        {
            Share = share,
            Slot = slot,
        };
        lock (_gate)
        {
            _sessions[id] = session;
        }

        Interlocked.Increment(ref _admitted);
        Rebalance();
        ManagerProtocol.SendAdmitAck(connection, new AdmissionReply(null, id, worker.Pid, "", secret));
        ManagerLog.Write($"admitted {api} guest pid {session.GuestPid} as session {id:x}: worker {worker.Pid}{(pooled ? " (pooled)" : "")}");
        if (pooled)
        {
            FillPool();
        }
    }

    /// <summary>
    /// Forwards a channel to its session's worker, only for the session's own guest: the channel must present the
    /// session's secret (handed only to the guest whose admission made the session; `ava status` shows session ids,
    /// never secrets), and over a Unix socket come from the session owner's uid as the kernel reports it. Anything
    /// else is refused with one answer, so a refusal tells nothing about which sessions exist.
    /// </summary>
    private void ForwardChannel(UnixSocket connection, AdmissionRequest request, PeerCredentials? credentials, ManagerAddress address)
    {
        Session? session;
        lock (_gate)
        {
            _sessions.TryGetValue(request.Session, out session);
        }

        var presented = Encoding.UTF8.GetBytes(request.Secret);
        var matches = session is not null
            && string.Equals(session.Api, request.Api, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(session.Secret));
        var wrongUser = matches && credentials is { } peer && session!.Uid is { } owner && peer.Uid != (uint)owner;
        if (!matches || wrongUser)
        {
            Interlocked.Increment(ref _refused);
            var why = wrongUser ? $"uid {credentials!.Value.Uid} is not the session's owner" : "no such session or wrong session secret";
            ManagerLog.Write($"refused a channel for session {request.Session:x} on {address}: {why}");
            var refusal = wrongUser ? "channel refused: the session belongs to another user"
                : "channel refused: no such session, or not its secret (a channel needs the secret its session's guest was given)";
            ManagerProtocol.SendAdmitAck(connection, new AdmissionReply(refusal, 0, 0, refusal));
            return;
        }

        ManagerProtocol.SendAdmitAck(connection, new AdmissionReply(null, session!.Id, session.Worker.Pid, ""));
        session.Worker.AttachChannel(connection.Fd);
    }

    /// <summary>How long `ava migrate` waits for the guest's next call, at which it moves.</summary>
    private static readonly TimeSpan MoveWait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// `ava migrate SESSION --to WORKER|new`: readies the target (an idle pooled worker of the session's API, or a new
    /// one), asks the session's worker to ask its guest to move, and answers once the guest's re-admission took the
    /// target (<see cref="MoveGuest"/>), the guest refused (it stays where it is, nothing changed), or no call came
    /// within <see cref="MoveWait"/>. A refused or timed-out target goes back to the pool, or is stopped.
    /// </summary>
    private void Migrate(UnixSocket connection, AdmissionRequest request, PeerCredentials? credentials)
    {
        void Refuse(string why)
        {
            ManagerLog.Write($"no move of session {request.Session:x}: {why}");
            ManagerProtocol.SendAdmitAck(connection, new AdmissionReply(why, request.Session, 0, why));
        }

        Session? session;
        lock (_gate)
        {
            _sessions.TryGetValue(request.Session, out session);
        }

        if (session is null)
        {
            Refuse($"no session {request.Session:x} (ava status lists them)");
            return;
        }

        if (credentials is { } peer && peer.Uid != 0 && session.Uid is { } owner && peer.Uid != (uint)owner)
        {
            Refuse($"session {session.Id:x} belongs to another user");
            return;
        }

        (WorkerProcess Worker, bool Pooled)? target = null;
        var to = request.Api.Trim();
        if (to == "new")
        {
            target = (StartWorker(session.Api), false);
        }
        else if (int.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            lock (_gate)
            {
                if (_idle.TryGetValue(session.Api, out var list) && list.FirstOrDefault(w => w.Pid == pid) is { } idle)
                {
                    list.Remove(idle);
                    target = (idle, true);
                }
            }
        }

        if (target is null)
        {
            string idleWorkers;
            lock (_gate)
            {
                idleWorkers = _idle.TryGetValue(session.Api, out var list) && list.Count > 0 ? string.Join(", ", list.Select(w => w.Pid)) : "none";
            }

            Refuse($"--to {to}: neither new nor an idle {session.Api} worker's pid (idle: {idleWorkers})");
            return;
        }

        var from = session.Worker.Pid;
        var move = new TaskCompletionSource<(int Pid, string? Refusal)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var busy = false;
        lock (_gate)
        {
            if (session.PendingMove is not null)
            {
                busy = true;
            }
            else
            {
                session.Target = target;
                session.PendingMove = move;
            }
        }

        if (busy)
        {
            GiveBack(target.Value);
            Refuse($"a move of session {session.Id:x} is already under way");
            return;
        }

        ManagerLog.Write($"asking session {session.Id:x} to move from worker {from} to worker {target.Value.Worker.Pid}");
        session.Worker.RequestMove(why => move.TrySetResult((0, $"the guest refused: {why}")));
        var answered = move.Task.Wait(MoveWait);
        (WorkerProcess Worker, bool Pooled)? unused;
        lock (_gate)
        {
            unused = session.Target;
            session.Target = null;
            session.PendingMove = null;
        }

        if (unused is { } back)
        {
            GiveBack(back);
        }

        if (!answered)
        {
            Refuse($"session {session.Id:x} made no call within {MoveWait.TotalSeconds:F0} s (a guest moves at its next call); it stays on worker {from}");
            return;
        }

        var (moved, refusal) = move.Task.Result;
        if (refusal is not null)
        {
            Refuse(refusal);
            return;
        }

        var message = $"moved session {session.Id:x} from worker {from} to worker {moved}";
        ManagerProtocol.SendAdmitAck(connection, new AdmissionReply(null, session.Id, moved, message));
    }

    /// <summary>A target no move took: back to the pool if it came from there, else stopped.</summary>
    private void GiveBack((WorkerProcess Worker, bool Pooled) target)
    {
        if (target.Pooled)
        {
            lock (_gate)
            {
                if (!_idle.TryGetValue(target.Worker.Api, out var list))
                {
                    _idle[target.Worker.Api] = list = [];
                }

                list.Add(target.Worker);
            }

            return;
        }

        LibC.Kill(target.Worker.Pid, Signals.SIGKILL);
        _ = ProcessSpawner.WaitExit(target.Worker.Pid);
        target.Worker.Dispose();
    }

    /// <summary>
    /// The guest of a session moves (its own migration, a recovery, or one `ava migrate` asked for): proven by the
    /// session's secret and, over a Unix socket, its owner's uid, it keeps its session id on a new worker (the one
    /// `ava migrate` readied, else a pooled or new one) under a new slot of its principal's ledger. The worker it left
    /// stays until its guest closes their connection, then gives its slot back (<see cref="Reap"/>). Anything else is
    /// refused, and the guest asks to be admitted afresh.
    /// </summary>
    private void MoveGuest(UnixSocket connection, AdmissionRequest request, PeerCredentials? credentials, ManagerAddress address)
    {
        Session? session;
        lock (_gate)
        {
            _sessions.TryGetValue(request.Session, out session);
        }

        var matches = session is not null
            && string.Equals(session.Api, request.Api, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(request.Secret), Encoding.UTF8.GetBytes(session.Secret))
            && !(credentials is { } peer && session.Uid is { } owner && peer.Uid != (uint)owner);
        if (!matches)
        {
            ManagerLog.Write($"refused to move session {request.Session:x} on {address}: no such session, or not its guest");
            const string Refusal = "move refused: no such session, or not its secret";
            ManagerProtocol.SendAdmitAck(connection, new AdmissionReply(Refusal, 0, 0, Refusal));
            return;
        }

        (WorkerProcess Worker, bool Pooled)? chosen;
        lock (_gate)
        {
            chosen = session!.Target;
            session.Target = null;
        }

        var taken = chosen is null ? TakeIdle(session.Api) : null;
        var target = chosen ?? (taken is not null ? (taken, true) : (StartWorker(session.Api), false));
        var (share, slot) = JoinPrincipal(session.Principal, session.Limits);
        if (share is null)
        {
            GiveBack(target);
            var full = $"{session.Principal} has {PrincipalLedger.SlotCount} sessions already";
            ManagerProtocol.SendAdmitAck(connection, new AdmissionReply(full, 0, 0, full));
            session.PendingMove?.TrySetResult((0, full));
            return;
        }

        try
        {
            target.Worker.JoinLedger(share.Ledger.Fd, slot);
            target.Worker.SetCallLimit(session.Limits.CallSeconds);
            if (session.Limits.ScratchKeepBytes is { } scratch)
            {
                target.Worker.SetScratchKeep(scratch);
            }

            target.Worker.AttachGuest(connection.Fd);
        }
        catch
        {
            lock (_gate)
            {
                LeavePrincipal(session.Principal, share, slot);
            }

            GiveBack(target);
            throw;
        }

        int from;
        lock (_gate)
        {
            from = session.Worker.Pid;
            _retiring.Add((session.Worker, session.Principal, session.Share!, session.Slot));
            session.Worker = target.Worker;
            session.Pooled = target.Pooled;
            session.Share = share;
            session.Slot = slot;
            session.Rate = -1;
            session.Moves++;
        }

        Interlocked.Increment(ref _admitted);
        ManagerProtocol.SendAdmitAck(connection, new AdmissionReply(null, session.Id, target.Worker.Pid, "", session.Secret));
        ManagerLog.Write($"session {session.Id:x} moved from worker {from} to worker {target.Worker.Pid}{(target.Pooled ? " (pooled)" : "")}");
        session.PendingMove?.TrySetResult((target.Worker.Pid, null));
        Rebalance();
        if (target.Pooled)
        {
            FillPool();
        }
    }

    /// <summary>A slot in <paramref name="principal"/>'s ledger, made with the policy's limits for its first session; none when all are taken.</summary>
    private (PrincipalShare? Share, int Slot) JoinPrincipal(string principal, TenantLimits limits)
    {
        lock (_gate)
        {
            if (!_principals.TryGetValue(principal, out var share))
            {
                share = new PrincipalShare(PrincipalLedger.Create(principal));
                foreach (var (resource, limit) in limits.Shared)
                {
                    share.Ledger.SetLimit(PrincipalLedger.RowOf(resource), limit);
                }

                _principals[principal] = share;
            }

            var slot = Array.IndexOf(share.Used, false);
            if (slot < 0)
            {
                return (null, -1);
            }

            share.Used[slot] = true;
            share.Live++;
            return (share, slot);
        }
    }

    /// <summary>
    /// Gives a departed session's slot back (under _gate): what its worker still held leaves the principal's totals.
    /// The principal's last session takes the ledger with it, so the next starts from nothing held.
    /// </summary>
    private void LeavePrincipal(string principal, PrincipalShare share, int slot)
    {
        share.Ledger.Reclaim(slot);
        share.Used[slot] = false;
        if (--share.Live == 0)
        {
            _principals.Remove(principal);
            share.Ledger.Dispose();
        }
    }

    private WorkerProcess? TakeIdle(string api)
    {
        if (!_options.UsePool)
        {
            return null;
        }

        lock (_gate)
        {
            if (_idle.TryGetValue(api, out var list) && list.Count > 0)
            {
                var worker = list[0];
                list.RemoveAt(0);
                return worker;
            }
        }

        return null;
    }

    private void FillPool()
    {
        if (!_options.UsePool)
        {
            return;
        }

        foreach (var api in _options.PoolApis)
        {
            while (true)
            {
                lock (_gate)
                {
                    if (!_idle.TryGetValue(api, out var list))
                    {
                        _idle[api] = list = [];
                    }

                    if (list.Count >= _options.PoolSize || _stop.IsCancellationRequested)
                    {
                        break;
                    }

                    try
                    {
                        list.Add(StartWorker(api));
                    }
                    catch (NativeException e)
                    {
                        ManagerLog.Write($"cannot start a pooled {api} worker: {e.Message}");
                        break;
                    }
                }
            }
        }
    }

    /// <summary>Starts a worker that waits on its link for its guest (and first the guest's limits).</summary>
    private WorkerProcess StartWorker(string api)
    {
        var (ours, theirs) = UnixSocket.Pair();
        try
        {
            string[] argv = [_options.AvaPath, "worker", "--api", api, "--link", "4"];
            var pid = ProcessSpawner.Spawn(_options.AvaPath, argv, ScrubbedEnvironment(), [(theirs.Fd, 4)]);
            return new WorkerProcess(api, pid, ours);
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

    /// <summary>
    /// The manager's environment, scrubbed as every worker's is (<see cref="WorkerEnvironment"/>: our folder is the one
    /// above the ava command's), without private-worker quotas and call limit (the policy sets a tenant's, over the link).
    /// </summary>
    private string[] ScrubbedEnvironment() =>
        WorkerEnvironment.From(Environment.GetEnvironmentVariables(), WorkerEnvironment.OurFolder(_options.AvaPath), name => ResourceAccounts.IsLimitVariable(name) || name == CallLimits.CallSecondsVariable);

    /// <summary>Gives every live tenant its command rate: its fair share of the shared rate, capped by its own limit.</summary>
    private void Rebalance()
    {
        Session[] sessions;
        lock (_gate)
        {
            sessions = [.. _sessions.Values];
        }

        foreach (var session in sessions)
        {
            var rate = _options.Policy.RateFor(session.Limits, sessions.Length);
            if (rate == session.Rate)
            {
                continue;
            }

            try
            {
                session.Worker.SetRate(rate);
                session.Rate = rate;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                ManagerLog.Write($"cannot set the rate of worker {session.Worker.Pid}: {e.Message}");
            }
        }
    }

    private void Reap()
    {
        while (!_stop.IsCancellationRequested)
        {
            Thread.Sleep(50);
            List<(Session? Session, WorkerProcess Worker, int Status)> gone = [];
            lock (_gate)
            {
                foreach (var session in _sessions.Values)
                {
                    if (ProcessSpawner.TryReap(session.Worker.Pid, out var status))
                    {
                        gone.Add((session, session.Worker, status));
                    }
                    else if (session.Peer == "unix" && session.GuestPid > 0 && !Directory.Exists($"/proc/{session.GuestPid}"))
                    {
                        // The guest is gone but its worker lingers (stuck in the real library?): after a grace
                        // period the worker is stopped, which releases the device resources with it.
                        session.GuestGoneSince ??= DateTime.UtcNow;
                        if (DateTime.UtcNow - session.GuestGoneSince > OrphanGrace)
                        {
                            LibC.Kill(session.Worker.Pid, Signals.SIGKILL);
                            Interlocked.Increment(ref _killedOrphans);
                        }
                    }
                }

                foreach (var retiring in _retiring.ToArray())
                {
                    if (ProcessSpawner.TryReap(retiring.Worker.Pid, out var status))
                    {
                        _retiring.Remove(retiring);
                        LeavePrincipal(retiring.Principal, retiring.Share, retiring.Slot);
                        gone.Add((null, retiring.Worker, status));
                    }
                }

                foreach (var list in _idle.Values)
                {
                    foreach (var worker in list.ToArray())
                    {
                        if (ProcessSpawner.TryReap(worker.Pid, out var status))
                        {
                            list.Remove(worker);
                            gone.Add((null, worker, status));
                        }
                    }
                }

                foreach (var (session, _, _) in gone)
                {
                    if (session is not null)
                    {
                        _sessions.Remove(session.Id);
                        LeavePrincipal(session.Principal, session.Share!, session.Slot);
                    }
                }
            }

            if (gone.Count == 0)
            {
                continue;
            }

            foreach (var (session, worker, status) in gone)
            {
                worker.LinkClosed.Wait(TimeSpan.FromSeconds(1));
                worker.Dispose();
                if (session is null)
                {
                    ManagerLog.Write($"{worker.Api} worker {worker.Pid} (idle, or one its guest moved away from) exited with {status}");
                    continue;
                }

                var entry = Departure(session, status, worker.FinalReport);
                lock (_gate)
                {
                    _departed.Add(entry);
                    if (_departed.Count > DepartedKept)
                    {
                        _departed.RemoveAt(0);
                    }
                }

                ManagerLog.Write($"session {session.Id:x} ended: worker {worker.Pid} exit {status}");
            }

            Rebalance();
            FillPool();
        }
    }

    private static string Departure(Session session, int status, string? report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("session", session.Id);
            json.WriteString("api", session.Api);
            json.WriteNumber("guest_pid", session.GuestPid);
            json.WriteNumber("worker_pid", session.Worker.Pid);
            json.WriteNumber("worker_exit", status);
            json.WriteNumber("lifetime_s", Math.Round((DateTime.UtcNow - session.Started).TotalSeconds, 2));
            json.WritePropertyName("worker");
            json.WriteRawValue(report ?? "null");
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private sealed class Session(ulong id, string secret, string api, int guestPid, int? uid, WorkerProcess worker, bool pooled, string peer, TenantLimits limits)
    {
        public ulong Id { get; } = id;

        /// <summary>What the session's channels must present; never reported.</summary>
        public string Secret { get; } = secret;

        public string Api { get; } = api;

        public int GuestPid { get; } = guestPid;

        public int? Uid { get; } = uid;

        /// <summary>Whose quotas the session shares (<see cref="Policy.PrincipalOf"/>).</summary>
        public string Principal { get; } = Policy.PrincipalOf(uid);

        /// <summary>The worker serving the guest now (another after a move).</summary>
        public WorkerProcess Worker { get; set; } = worker;

        public bool Pooled { get; set; } = pooled;

        /// <summary>Moves to another worker made so far.</summary>
        public int Moves { get; set; }

        /// <summary>The worker `ava migrate` chose for the move it asked for, until the guest's re-admission takes it.</summary>
        public (WorkerProcess Worker, bool Pooled)? Target { get; set; }

        /// <summary>The move `ava migrate` waits for: the new worker's pid, or why there was none.</summary>
        public TaskCompletionSource<(int Pid, string? Refusal)>? PendingMove { get; set; }

        public string Peer { get; } = peer;

        public TenantLimits Limits { get; } = limits;

        public DateTime Started { get; } = DateTime.UtcNow;

        public double Rate { get; set; }

        public DateTime? GuestGoneSince { get; set; }

        /// <summary>The principal's ledger, shared by its sessions' workers.</summary>
        public PrincipalShare? Share { get; set; }

        /// <summary>This session's worker's slot in it.</summary>
        public int Slot { get; set; }
    }

    /// <summary>A principal's ledger and which of its slots live sessions hold.</summary>
    private sealed class PrincipalShare(PrincipalLedger ledger)
    {
        public PrincipalLedger Ledger { get; } = ledger;

        public bool[] Used { get; } = new bool[PrincipalLedger.SlotCount];

        public int Live { get; set; }
    }
}
