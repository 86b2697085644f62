using Ava.Transport;
using Ava.Transport.Control;
using Ava.Transport.Diagnostics;
using Ava.Transport.Native;
using Ava.Transport.Ring;
using Ava.Transport.Wire;

namespace Ava.Worker;

/// <summary>
/// One guest connection: its handle table, its shadow threads (one per guest thread, so thread-local API
/// state behaves as native), and its control socket. When the guest goes away every object it still held is
/// released, and only this tenant is affected by anything it sends.
/// </summary>
public sealed class Tenant : IPeerMonitor, IDisposable
{
    private readonly UnixSocket _socket;
    private CallWatchdog? _watchdog;
    private readonly object _sendGate = new();
    private readonly HashSet<Thread> _shadows = [];

    // Wakes a shadow thread blocked on its own socket when the tenant closes (guarded by _shadows).
    private readonly Dictionary<Thread, Action> _interrupts = [];
    private volatile bool _closed;
    private int _disposed;

    /// <summary>Serves a guest on <paramref name="socket"/> with <paramref name="backend"/>.</summary>
    /// <param name="backend">The API served.</param>
    /// <param name="socket">The control socket of the guest.</param>
    /// <param name="firstHandleGeneration">The generation of the handle table's first ids; 0: a random one, or <see cref="HandleTable.ReplayGeneration"/> when capturing.</param>
    public Tenant(ApiBackend backend, UnixSocket socket, int firstHandleGeneration = 0)
    {
        Backend = backend;
        _socket = socket;
        _members[0] = backend;
        Handles = new HandleTable(Resources[ResourceAccounts.Objects], ReleaseObject, firstHandleGeneration != 0 ? firstHandleGeneration : Capture.Enabled ? HandleTable.ReplayGeneration : 0);
    }

    /// <summary>The API served (the one that said hello; with a group, the others join it, see <see cref="Join"/>).</summary>
    public ApiBackend Backend { get; }

    /// <summary>
    /// Finds the backend of another API of <see cref="Backend"/>'s group by API number, bound to its real library (or
    /// with <see cref="ApiBackend.MissingLibrary"/> saying why not); null: no such API. Without it no API can join.
    /// </summary>
    public Func<int, ApiBackend?>? GroupMember { get; init; }

    // The APIs of the connection by member index (0: Backend), and per member above 0 its handle types' table types.
    private readonly ApiBackend?[] _members = new ApiBackend?[RecordLayout.MaxMembers];
    private readonly int[]?[] _tableTypes = new int[]?[RecordLayout.MaxMembers];

    // Per table type above Backend's own: the member and that member's own handle type (for releases at departure).
    private readonly List<(int Member, int Type)> _joinedTypes = [];

    /// <summary>The API of member <paramref name="member"/> (0: <see cref="Backend"/>).</summary>
    public ApiBackend BackendOf(int member) => member == 0 ? Backend : _members[member] ?? Backend;

    /// <summary>The handle table's type of member <paramref name="member"/>'s handle type <paramref name="type"/>.</summary>
    public int TableType(int member, int type) =>
        _tableTypes[member] is { } map && (uint)type < (uint)map.Length ? map[type] : throw new CallRejectedException(TransportStatus.InvalidHandle, $"no handle type {type} in API member {member}");

    /// <summary>
    /// Another API of the group joins the connection as member <paramref name="member"/>; returns null, or why it may
    /// not. Its handle types get types of the one table: a [SharedHandle] type the type of <see cref="Backend"/>'s
    /// with that C name (so a cudaStream_t id is a CUstream id), every other type one of its own after the rest.
    /// </summary>
    public string? Join(int version, int number, int member, string specHash)
    {
        var own = Backend.Descriptor;
        if (version != ControlProtocol.ProtocolVersion)
        {
            return $"protocol version {version} does not match the worker's {ControlProtocol.ProtocolVersion}";
        }

        if (member <= 0 || member >= RecordLayout.MaxMembers || _members[member] is not null)
        {
            return $"member index {member} is not free";
        }

        if (own.Group.Length == 0 || GroupMember?.Invoke(number) is not { } backend || backend.Descriptor.Group != own.Group)
        {
            return $"API number {number} is not in the {(own.Group.Length == 0 ? own.Name : own.Group)} group this worker serves";
        }

        if (backend.Descriptor.SpecHash != specHash)
        {
            return $"guest library and worker were built from different {backend.Descriptor.Name} specs (guest {specHash}, worker {backend.Descriptor.SpecHash}); rebuild both";
        }

        if (backend.LibraryPath is null)
        {
            return backend.MissingLibrary ?? $"no real {backend.Descriptor.Name} library";
        }

        var names = backend.Descriptor.HandleTypeNames;
        var shared = backend.Descriptor.SharedHandles;
        var map = new int[names.Count];
        lock (_joinedTypes)
        {
            for (var type = 1; type < names.Count; type++)
            {
                var with = type < shared.Count ? shared[type] : "";
                var target = with.Length == 0 ? -1 : IndexOf(own.HandleTypeNames, with);
                if (target <= 0)
                {
                    if (own.HandleTypeNames.Count + _joinedTypes.Count >= 256)
                    {
                        return "the group has more handle types than a handle id can name";
                    }

                    target = own.HandleTypeNames.Count + _joinedTypes.Count;
                    _joinedTypes.Add((member, type));
                }

                map[type] = target;
            }
        }

        _tableTypes[member] = map;
        Volatile.Write(ref _members[member], backend);
        WorkerLog.Write($"{backend.Descriptor.Name} joined as member {member} of group {own.Group}, served with {backend.LibraryPath}");
        return null;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 1; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private void ReleaseObject(int type, nint real)
    {
        // Types past the API's own are the joined members' (a type no member has is the API's to refuse).
        var own = Backend.Descriptor.HandleTypeNames.Count;
        (int Member, int Type) joined = (0, type);
        lock (_joinedTypes)
        {
            if (type >= own && type - own < _joinedTypes.Count)
            {
                joined = _joinedTypes[type - own];
            }
        }

        BackendOf(joined.Member).Release(joined.Type, real);
    }

    /// <summary>
    /// Handles the guest holds (as many live objects as the tenant's <see cref="ResourceAccounts.Objects"/> bound lets
    /// it). A capturing worker numbers them as a replay will (<see cref="HandleTable.ReplayGeneration"/>), so that its
    /// recordings name live objects when replayed.
    /// </summary>
    public HandleTable Handles { get; }

    /// <summary>Counters.</summary>
    public Statistics Statistics { get; } = new();

    /// <summary>The tenant's command rate (set by the manager's policy; unlimited by default).</summary>
    public RateLimiter CommandRate { get; } = new();

    /// <summary>How much memory one call may take and a channel may keep (set before <see cref="Serve"/>).</summary>
    public CallLimits Limits { get; init; } = CallLimits.Default;

    /// <summary>The tenant's storage resources and their quotas (set by the manager's policy or AVA_QUOTA_*; unlimited by default).</summary>
    public ResourceAccounts Resources { get; } = new();

    /// <summary>Bytes of scratch memory the tenant's channels keep between calls, within <see cref="CallLimits.RetainedScratchTotalBytes"/>.</summary>
    public long KeptScratchBytes => Volatile.Read(ref _keptScratch);

    private long _keptScratch;

    /// <summary>
    /// Changes what one channel keeps by <paramref name="delta"/> bytes: a channel that keeps a larger block asks, and
    /// is refused when all the tenant's channels together would keep more than the limit; giving back always succeeds.
    /// </summary>
    internal bool TryKeepScratch(long delta)
    {
        var seen = Volatile.Read(ref _keptScratch);
        while (true)
        {
            if (delta > 0 && delta > Limits.RetainedScratchTotalBytes - seen)
            {
                return false;
            }

            var before = Interlocked.CompareExchange(ref _keptScratch, seen + delta, seen);
            if (before == seen)
            {
                return true;
            }

            seen = before;
        }
    }

    /// <summary>
    /// Serves a per-thread channel that arrived some other way than the control socket: over TCP the manager
    /// forwards the guest's channel connections to the worker.
    /// </summary>
    public void AttachStreamChannel(Transport.Stream.IStreamSocket socket)
    {
        if (_closed)
        {
            socket.Dispose();
            return;
        }

        StartStreamShadow(socket);
    }

    /// <summary>
    /// How long a fence waits for another channel of this guest before it gives up (30 s): only the fencing channel
    /// waits. An in-process harness that sends fences naming channels that never come sets it short.
    /// </summary>
    public TimeSpan FenceWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the guest is gone.</summary>
    public bool Closed => _closed;

    /// <summary>This tenant's call profile (AVA_PROFILE), made at the handshake; null when off.</summary>
    internal ProfileTable? Profile { get; private set; }

    /// <summary>Process id of the guest (from the handshake).</summary>
    public int GuestPid { get; private set; }

    /// <summary>
    /// The process at the other end of the control socket, as the kernel reports it (never what the guest claims):
    /// the only process whose memory this tenant's calls may copy to or from. 0 when unknown.
    /// </summary>
    public int PeerPid => _peerPid ??= PeerOf(_socket);

    private int? _peerPid;

    private static int PeerOf(UnixSocket socket)
    {
        try
        {
            return socket.GetPeerCredentials().Pid;
        }
        catch (Ava.Transport.Native.NativeException)
        {
            return 0;
        }
    }

    /// <summary>Progress of each guest channel by the index the guest gave it (fences refer to it).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, ChannelProgress> _progress = new();

    /// <inheritdoc/>
    public bool PeerAlive() => !_closed;

    /// <summary>
    /// Runs the control loop until the guest disconnects; then releases everything it held. Returns what ended the
    /// connection, when it was not the guest's orderly close (a refused hello, a malformed frame): it is logged and ends
    /// only this guest.
    /// </summary>
    public Exception? Serve()
    {
        if (Limits.CallSeconds > 0)
        {
            _watchdog = new CallWatchdog(Limits.CallSeconds, id => Backend.Descriptor.FunctionName(id));
        }

        var buffer = new byte[ControlProtocol.MaxFrame];
        Exception? ended = null;
        try
        {
            var hello = ControlProtocol.ReadFrame(_socket, buffer);
            Capture.ControlFrame(hello, Backend.Descriptor.Name);
            var refusal = ControlProtocol.CheckHello(hello, Backend.Descriptor, out var pid);
            var noLibrary = refusal is null && Backend.LibraryPath is null;
            refusal ??= noLibrary ? Backend.MissingLibrary ?? $"no real {Backend.Descriptor.Name} library" : null;
            ControlProtocol.SendHelloAck(_socket, refusal, noLibrary);
            if (refusal is not null)
            {
                WorkerLog.Write($"refused guest: {refusal}");
                return null;
            }

            GuestPid = pid;
            Profile = WorkerProfile.Open(Backend.Descriptor, pid);
            WatchGuestProcess();
            Span<int> fds = stackalloc int[4];
            while (true)
            {
                var frame = ControlProtocol.ReadFrame(_socket, buffer, fds, out var fdCount);
                if (frame.IsEmpty)
                {
                    break;
                }

                Capture.ControlFrame(frame, Backend.Descriptor.Name);

                var r = new RecordReader(frame);
                if (r.Status == (int)ControlOp.OpenChannel && fdCount == 1)
                {
                    OpenChannel(fds[0], r.ReadInt64());
                }
                else if (r.Status == (int)ControlOp.OpenStreamChannel && fdCount == 1)
                {
                    StartStreamShadow(UnixSocket.FromFd(fds[0]));
                }
                else if (r.Status == (int)ControlOp.MoveRefused && fdCount == 0)
                {
                    var why = ControlProtocol.ReadMessage(frame);
                    WorkerLog.Write($"the guest refused to move: {why}");
                    Interlocked.Exchange(ref _moveRefused, null)?.Invoke(why);
                }
                else if (r.Status == (int)ControlOp.Join && fdCount == 0)
                {
                    var (version, number, member, hash) = ControlProtocol.ReadJoin(frame);
                    var joinRefusal = Join((int)version, number, member, hash);
                    if (joinRefusal is not null)
                    {
                        WorkerLog.Write($"refused a join of API {number}: {joinRefusal}");
                    }

                    lock (_sendGate)
                    {
                        ControlProtocol.SendJoinAck(_socket, joinRefusal);
                    }
                }
                else
                {
                    for (var i = 0; i < fdCount; i++)
                    {
                        LibC.Close(fds[i]);
                    }

                    throw new MalformedRecordException($"unexpected control op {r.Status} with {fdCount} fds");
                }
            }
        }
        catch (Exception e)
        {
            // Whatever the guest sent on the control socket ends its connection here, never the worker process.
            WorkerLog.Write($"guest connection ended: {e.GetType().Name}: {e.Message}");
            ended = e;
        }
        finally
        {
            Dispose();
        }

        return ended;
    }

    /// <summary>
    /// Follows the process at the other end of the control socket (as the kernel reports it: the one that made the
    /// connection): the worker belongs to it, and its end is the guest's end, even while other processes still hold
    /// the connection's descriptors (children it forked, which make connections of their own, or a socket pair it
    /// passed to the worker both ends of). Over TCP and VSOCK the kernel names no process: there the connection's
    /// end is the guest's.
    /// </summary>
    private void WatchGuestProcess()
    {
        var pid = PeerPid;
        if (pid <= 0 || pid == LibC.GetPid() || ProcessWatch.TryOpen(pid) is not { } watch)
        {
            return;
        }

        var thread = new Thread(() =>
        {
            using (watch)
            {
                while (!_closed)
                {
                    if (watch.WaitForExit(500))
                    {
                        WorkerLog.Write($"guest process {pid} ended");
                        _closed = true;
                        ShutdownQuietly(_socket);
                        return;
                    }
                }
            }
        })
        { IsBackground = true, Name = "ava-guest-watch" };
        thread.Start();
    }

    /// <summary>
    /// Runs <paramref name="action"/> once when the guest has gone, before the worker waits for its calls still in the
    /// real library: an API's chance to end what only the guest could have ended (OpenCL user events it never set).
    /// </summary>
    public void OnDeparture(Action action)
    {
        lock (_departure)
        {
            if (!_departure.Contains(action))
            {
                _departure.Add(action);
            }
        }
    }

    private readonly List<Action> _departure = [];

    /// <summary>Where the guest's refusal of the last requested move goes (<see cref="RequestMove"/>).</summary>
    private Action<string>? _moveRefused;

    /// <summary>
    /// Asks the guest to move to a new worker at its next call boundary (<see cref="ControlOp.MoveRequest"/>);
    /// <paramref name="refused"/> hears why, if it will not.
    /// </summary>
    public void RequestMove(string by, Action<string> refused)
    {
        Volatile.Write(ref _moveRefused, refused);
        lock (_sendGate)
        {
            if (_closed)
            {
                refused("the guest is gone");
                return;
            }

            try
            {
                ControlProtocol.SendMessage(_socket, ControlOp.MoveRequest, by);
            }
            catch (IOException e)
            {
                refused($"the guest cannot be reached: {e.Message}");
            }
        }
    }

    /// <summary>Sends a control or callback frame to the guest (callbacks may come from any library thread).</summary>
    public void SendControl(ReadOnlySpan<byte> frame)
    {
        lock (_sendGate)
        {
            if (_closed)
            {
                return;
            }

            try
            {
                _socket.SendAll(frame);
            }
            catch (IOException e)
            {
                // A library thread delivering a callback to a guest that is gone: that guest is done, the worker is not.
                WorkerLog.Write($"callback to the guest not delivered: {e.Message}");
                _closed = true;
                ShutdownQuietly(_socket);
            }
        }
    }

    /// <summary>Stops the shadow threads and releases every reference the guest still held.</summary>
    public void Dispose()
    {
        // A shadow thread that saw its channel break marks the tenant closed first, to stop the others: that must not
        // skip the release of what the guest held.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _closed = true;
        ShutdownQuietly(_socket);
        Thread[] shadows;
        lock (_shadows)
        {
            shadows = [.. _shadows];
            foreach (var interrupt in _interrupts.Values)
            {
                interrupt();
            }
        }

        Action[] departure;
        lock (_departure)
        {
            departure = [.. _departure];
        }

        foreach (var action in departure)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                WorkerLog.Write($"ending the departed guest's work: {e.GetType().Name}: {e.Message}");
            }
        }

        // A shadow thread inside the real library (a kernel that never ends, under clFinish) does not come back: past
        // the bound the worker stops waiting for it, and its process is ended once what can be released is released.
        var bound = TimeSpan.FromSeconds(Limits.TeardownSeconds);
        var deadline = Environment.TickCount64 + (long)bound.TotalMilliseconds;
        var stuck = shadows.Count(shadow => !shadow.Join(TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64))));
        CallbackTarget.Forget(this);
        lock (_refusedStreams)
        {
            while (_refusedStreams.TryDequeue(out var release))
            {
                release();
            }
        }

        var held = Handles.Drain();
        if (stuck == 0)
        {
            ReleaseHeld(held);
        }
        else
        {
            Abandoned = true;
            WorkerLog.Write($"{stuck} shadow threads still in the real library {Limits.TeardownSeconds} s after guest {GuestPid} went: not waiting for them");

            // A release may wait for the stuck work itself (a queue's release finishes the queue): it gets the same bound.
            var releasing = new Thread(() => ReleaseHeld(held)) { IsBackground = true, Name = "ava-release" };
            releasing.Start();
            if (!releasing.Join(bound))
            {
                WorkerLog.Write("releasing what the guest held did not finish within the bound");
            }
        }

        Statistics.Released(held.Sum(h => (long)h.References));
        WorkerLog.Write($"guest {GuestPid} done: {Statistics.Calls} calls, {Statistics.AsyncCalls} async, {Statistics.Rejected} rejected, {Statistics.Channels} channels ({Statistics.ChannelsClosedEarly} closed after their thread exited), {Statistics.BytesIn} bytes in, {Statistics.BytesOut} bytes out");
        if (held.Count > 0)
        {
            WorkerLog.Write($"released {held.Count} objects the guest still held");
        }

        // The objects are gone, and with them what they were charged against the tenant's quotas.
        foreach (var (resource, bytes) in Resources.ReleaseAll())
        {
            // Counts of objects and channels end with the table and the threads (pinned platforms and devices stay listed).
            if (resource is not (ResourceAccounts.Objects or ResourceAccounts.Channels))
            {
                WorkerLog.Write($"gave back {bytes} bytes of {resource} the guest still held");
            }
        }

        _watchdog?.Dispose();
        _socket.Dispose();
    }

    /// <summary>
    /// After <see cref="Dispose"/>: shadow threads were still in the real library when the teardown bound passed, so
    /// the process must end without waiting for them (<see cref="Ava.Transport.Native.LibC.ExitImmediately"/>): its
    /// normal exit would wait for them, and the work they run would go on with no guest.
    /// </summary>
    public bool Abandoned { get; private set; }

    private void ReleaseHeld(List<(int Type, nint Real, int References)> held)
    {
        foreach (var (type, real, references) in held)
        {
            for (var i = 0; i < references; i++)
            {
                ReleaseObject(type, real);
            }
        }
    }

    private unsafe void OpenChannel(int fd, long size)
    {
        SharedSegment segment;
        try
        {
            segment = SharedSegment.Map(fd, size);
        }
        catch
        {
            // Mapped, the segment owns the descriptor and closes it with the mapping when the channel closes.
            LibC.Close(fd);
            throw;
        }

        var capacity = SpscRing.ValidateSegment(segment.Base, segment.Size);
        var wait = new WaitPolicy(SpinMicroseconds: 100, SleepSliceMilliseconds: 100);
        // Pages mapped ahead of the positions: of the requests only those the guest made (a guest cannot make the worker
        // allocate for it), of the replies any, as the worker is about to write them.
        var requests = new SpscRing(segment.Base, 0, capacity, this, wait, SpscRing.PopulatorFor(segment, 0, capacity, existingOnly: true));
        var replies = new SpscRing(segment.Base, 1, capacity, this, wait, SpscRing.PopulatorFor(segment, 1, capacity));
        StartShadow(
            requests,
            replies,
            segment.Dispose,
            sharedMemory: true,
            interrupt: () =>
            {
                requests.Interrupt();
                replies.Interrupt();
            });
    }

    private void StartStreamShadow(Transport.Stream.IStreamSocket socket)
    {
        var pipe = new Transport.Stream.StreamPipe(socket);
        StartShadow(
            pipe,
            pipe,
            () =>
            {
                pipe.Dispose();
                socket.Dispose();
            },
            interrupt: () => ShutdownQuietly(socket));
    }

    private void StartShadow(RecordPipe requests, RecordPipe replies, Action release, bool sharedMemory = false, Action? interrupt = null)
    {
        var channels = Resources[ResourceAccounts.Channels];
        if (!channels.TryReserve(1))
        {
            // Beyond the bound no thread is started: the channel's one reply says so, and the channel is closed.
            WorkerLog.Write($"channel refused: {channels.PrincipalHeld} open, the most the tenant's principal may have ({channels.Limit})");
            Statistics.Reject();
            try
            {
                var w = new RecordWriter(replies.Reserve(RecordLayout.HeaderSize + RecordLayout.SlotSize));
                w.WriteInt64(0);
                replies.Publish(w.Finish(0, RecordFlags.Reply, 0, (int)TransportStatus.ChannelRefused), wake: true);
            }
            catch (Exception e) when (e is IOException or MalformedRecordException)
            {
                WorkerLog.Write($"refusal not delivered: {e.Message}");
            }

            if (sharedMemory)
            {
                // A ring: the guest reads the refusal from its own mapping.
                release();
                return;
            }

            // A socket stays open a while, so that what the guest sends before it reads the refusal (the channel's
            // fence, its first call) does not fail as a broken connection; the oldest go first.
            Action? oldest = null;
            lock (_refusedStreams)
            {
                _refusedStreams.Enqueue(release);
                if (_refusedStreams.Count > RefusedStreamsKept)
                {
                    oldest = _refusedStreams.Dequeue();
                }
            }

            oldest?.Invoke();
            return;
        }

        requests = new CountingPipe(Capture.Wrap(requests, Backend.Descriptor.Name), Statistics, inbound: true);
        replies = new CountingPipe(replies, Statistics, inbound: false);
        Statistics.ChannelOpened();
        var thread = new Thread(() => Shadow(requests, replies, release, sharedMemory)) { IsBackground = true, Name = "ava-shadow" };
        lock (_shadows)
        {
            _shadows.Add(thread);
            if (interrupt is not null)
            {
                // A shadow blocked in a receive on its own socket sees neither the ring's peer check nor the control
                // socket's shutdown: the tenant's close shuts its socket down to wake it. One asleep on a ring would
                // see the close only at the end of its sleep slice: the close wakes it.
                _interrupts.Add(thread, interrupt);
            }
        }

        thread.Start();
    }

    private const int RefusedStreamsKept = 64;
    private readonly Queue<Action> _refusedStreams = new();

    private static void ShutdownQuietly(Transport.Stream.IStreamSocket socket)
    {
        try
        {
            socket.Shutdown();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Already shut down or reset by the peer: nothing left to wake.
        }
    }

    /// <summary>A shadow thread's life: its channel served, then the thread no shadow of the tenant's; what ended the channel.</summary>
    private Exception? Shadow(RecordPipe requests, RecordPipe replies, Action release, bool sharedMemory)
    {
        try
        {
            return RunChannel(requests, replies, release, sharedMemory);
        }
        finally
        {
            lock (_shadows)
            {
                _shadows.Remove(Thread.CurrentThread);
            }
        }
    }

    /// <summary>
    /// Serves one channel on a shadow thread of its own until it ends, and hands <paramref name="ended"/> what ended it:
    /// null when the guest closed it with a close record, else the exception that reached the channel's I/O boundary (a
    /// peer that went away, a malformed record, or any other failure of the call path), which ends this tenant's
    /// connection. For harnesses that drive a channel with bytes of their own, in-process (the fuzz targets of
    /// tests/Fuzz): what ended the channel tells an expected refusal from a fault.
    /// </summary>
    public Thread StartChannel(RecordPipe requests, RecordPipe replies, bool sharedMemory, Action<Exception?> ended)
    {
        Statistics.ChannelOpened();
        requests = Capture.Wrap(requests, Backend.Descriptor.Name);
        var thread = new Thread(() => ended(Shadow(requests, replies, static () => { }, sharedMemory))) { IsBackground = true, Name = "ava-shadow" };

        // A shadow before it starts, as a guest's channel is: the tenant's close, whenever it comes, waits for the
        // call it is in (up to the teardown bound) before it releases the objects that call may be using.
        lock (_shadows)
        {
            _shadows.Add(thread);
            thread.Start();
        }

        return thread;
    }

    private unsafe Exception? RunChannel(RecordPipe requests, RecordPipe replies, Action release, bool sharedMemory)
    {
        var profile = Profile;
        var call = new WorkerCall(this, requests, replies) { SharedMemory = sharedMemory, Profiled = profile is not null };
        _watchdog?.Watch(call);
        Exception? ended = null;
        ChannelProgress? progress = null;

        // The call profile's stamps and byte counts, only while it is on.
        var inbound = requests as CountingPipe;
        var outbound = replies as CountingPipe;
        long bytesIn = 0, bytesOut = 0;

        // Replay: Bind records were read for the record that follows (see RecordFlags.Bind).
        var bindsPending = false;
        byte* copy = null;
        var copySize = 0;
        try
        {
            while (true)
            {
                if (profile is not null)
                {
                    bytesIn = inbound?.Bytes ?? 0;
                    bytesOut = outbound?.Bytes ?? 0;
                }

                var record = requests.Read();
                var received = profile is null ? 0 : ProfileTable.Now();
                var flags = RecordLayout.ReadFlags(record);
                var inRing = true;
                if ((flags & RecordFlags.HasStreamed) != 0)
                {
                    // Streamed bytes follow the record: move it aside so the ring can take the chunks.
                    if (copySize < record.Length)
                    {
                        System.Runtime.InteropServices.NativeMemory.Free(copy);
                        copySize = Math.Max(record.Length, 4096);
                        copy = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc((nuint)copySize);
                    }

                    record.CopyTo(new Span<byte>(copy, record.Length));
                    record = new ReadOnlySpan<byte>(copy, record.Length);
                    requests.Release();
                    inRing = false;
                }

                var reader = new RecordReader(record);
                if ((flags & RecordFlags.Close) != 0)
                {
                    // The guest thread has exited and this record came after all it sent: everything is carried out.
                    call.Begin(reader.Sequence);
                    call.EndChannel();
                    if (progress is not null)
                    {
                        Volatile.Write(ref progress.Executed, reader.Sequence);
                    }

                    requests.Release();
                    call.ReplyClosed();
                    Statistics.ChannelClosedEarly();
                    break;
                }

                if ((flags & RecordFlags.Bind) != 0)
                {
                    try
                    {
                        bindsPending = true;
                        Handles.BindNext(reader.ReadUInt64());
                    }
                    catch (CallRejectedException e)
                    {
                        // The replayed creation then gets a fresh id, which the guest sees and reports as a failed replay.
                        WorkerLog.Write($"replay bind refused: {e.Message}");
                    }
                    finally
                    {
                        if (inRing)
                        {
                            requests.Release();
                        }
                    }

                    continue;
                }

                if ((flags & RecordFlags.Fence) != 0)
                {
                    try
                    {
                        Fence(ref reader, ref progress);
                    }
                    finally
                    {
                        if (inRing)
                        {
                            requests.Release();
                        }
                    }

                    continue;
                }

                call.Begin(reader.Sequence);
                var refused = false;
                try
                {
                    CommandRate.Acquire();
                    call.EnteredFunction = reader.Function;
                    Volatile.Write(ref call.EnteredLibraryAt, Environment.TickCount64);
                    var member = RecordLayout.MemberOf(flags);
                    call.Member = member;
                    if (member == 0)
                    {
                        Backend.Dispatch(call, ref reader);
                    }
                    else
                    {
                        (Volatile.Read(ref _members[member]) ?? throw new MalformedRecordException($"no API joined as member {member}")).Dispatch(call, ref reader);
                    }
                    Statistics.Call((flags & RecordFlags.Async) != 0);
                    if (bindsPending)
                    {
                        bindsPending = false;
                        Handles.EndBinds();
                    }
                }
                catch (Exception e) when (e is CallRejectedException or MalformedRecordException or OverflowException or ArgumentException)
                {
                    if (bindsPending)
                    {
                        bindsPending = false;
                        Handles.EndBinds();
                    }

                    Statistics.Reject();
                    refused = true;
                    var status = e switch
                    {
                        CallRejectedException rejected => rejected.Status,
                        OverflowException => TransportStatus.TooLarge,
                        _ => TransportStatus.MalformedRecord,
                    };
                    WorkerLog.Write($"{BackendOf(call.Member).Descriptor.FunctionName(reader.Function)} rejected ({status}): {e.Message}");
                    if ((flags & RecordFlags.Async) == 0)
                    {
                        call.Reject(status);
                    }
                    else
                    {
                        call.NoteAsyncError(reader.Function, -1);
                    }

                    if (status == TransportStatus.MalformedRecord || (flags & RecordFlags.HasStreamed) != 0)
                    {
                        // The stream may be out of step with the record now: stop serving this guest.
                        throw new MalformedRecordException($"dropping the connection after a malformed record: {e.Message}");
                    }
                }
                finally
                {
                    Volatile.Write(ref call.EnteredLibraryAt, 0);
                    if (profile is not null)
                    {
                        WorkerProfile.Record(profile, call, reader.Function, flags, received, refused, (inbound?.Bytes ?? 0) - bytesIn, (outbound?.Bytes ?? 0) - bytesOut);
                    }

                    call.End();
                    if (progress is not null)
                    {
                        Volatile.Write(ref progress.Executed, reader.Sequence);
                    }

                    if (inRing)
                    {
                        requests.Release();
                    }
                }
            }
        }
        catch (Exception e)
        {
            // The channel's I/O boundary: a peer that went away, broke the protocol or made any step of the call path
            // fail ends this guest's connection, never the worker process (an exception escaping a thread would).
            WorkerLog.Write($"channel closed: {e.GetType().Name}: {e.Message}");
            ended = e;
            _closed = true;
            ShutdownQuietly(_socket);
        }
        finally
        {
            if (progress is not null)
            {
                progress.Closed = true;
            }

            System.Runtime.InteropServices.NativeMemory.Free(copy);

            // The API's state for this channel may refer to the channel's memory (pinned for a device): it goes first.
            call.Dispose();
            lock (_shadows)
            {
                // From here on the socket may be closed and its number reused: the tenant's close must not shut it down.
                _interrupts.Remove(Thread.CurrentThread);
            }

            release();
            Resources[ResourceAccounts.Channels].Return(1);
            if (progress is not null)
            {
                ForgetLater(progress);
            }
        }

        return ended;
    }

    /// <summary>
    /// Keeps a closed channel's progress for the fences that may still name it (one already on its way from a thread
    /// that listed the channel just before it closed), but only for the last <see cref="ClosedKept"/> closed channels,
    /// so that a guest that runs a thread per task does not grow this table for ever. A forgotten channel counts as
    /// done in a fence (see <see cref="Fence"/>).
    /// </summary>
    private void ForgetLater(ChannelProgress progress)
    {
        lock (_closedChannels)
        {
            _closedChannels.Enqueue(progress.Index);
            while (_closedChannels.Count > ClosedKept)
            {
                var index = _closedChannels.Dequeue();
                _progress.TryRemove(index, out _);
                Volatile.Write(ref _forgottenUpTo, Math.Max(_forgottenUpTo, index));
            }
        }
    }

    private const int ClosedKept = 4096;
    private readonly Queue<long> _closedChannels = new();
    private long _forgottenUpTo;

    /// <summary>
    /// A fence record (byte-stream channels, whose guest cannot see how far we got on its other channels): names this
    /// channel, then waits until each named channel has carried out the named record, so that a call the application
    /// made after another thread's async calls runs after them here too. A channel that closed counts as done (it
    /// carried out all it was sent first); a channel never named or a wait past <see cref="FenceWait"/> is logged and given up (only the
    /// fencing guest waits, never others).
    /// </summary>
    private void Fence(ref RecordReader reader, ref ChannelProgress? progress)
    {
        var self = reader.ReadInt64();
        var count = reader.ReadInt64();
        if (count < 0 || count > 65536)
        {
            throw new MalformedRecordException($"fence with {count} entries");
        }

        progress ??= _progress.GetOrAdd(self, index => new ChannelProgress { Index = index });
        for (long i = 0; i < count; i++)
        {
            var channel = reader.ReadInt64();
            var sequence = reader.ReadInt64();
            if (channel == self)
            {
                continue;
            }

            var deadline = Environment.TickCount64 + (long)FenceWait.TotalMilliseconds;
            var spin = new SpinWait();
            while (!(_progress.TryGetValue(channel, out var other) && (Volatile.Read(ref other.Executed) >= sequence || other.Closed)))
            {
                // The guest numbers its channels in the order it opens them; a channel unknown here at or below one
                // forgotten since it closed is older still, and closed too (one that is merely not yet named is new).
                if (channel <= Volatile.Read(ref _forgottenUpTo))
                {
                    break;
                }

                if (_closed || Environment.TickCount64 >= deadline)
                {
                    WorkerLog.Write($"fence on channel {channel} up to {sequence} given up");
                    break;
                }

                spin.SpinOnce(sleep1Threshold: 30);
            }
        }
    }

    /// <summary>How far one guest channel's shadow got: the sequence of the last record it carried out.</summary>
    private sealed class ChannelProgress
    {
        public long Index { get; init; }

        public long Executed;
        public volatile bool Closed;
    }
}
