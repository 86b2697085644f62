using Ava.Transport;
using Ava.Transport.Control;
using Ava.Transport.Native;
using Ava.Transport.Ring;
using Ava.Transport.Wire;

namespace Ava.Guest;

/// <summary>
/// This process's connection to the worker of one API. It connects on the first call (never at load time),
/// gives each calling thread its own channel, runs callbacks on its own thread with the application's user
/// data, and turns a dead or unreachable worker into the API's error value instead of a hang.
/// </summary>
public unsafe partial class ApiConnection : IPeerMonitor
{
    private const int RingCapacity = 4 * 1024 * 1024;
    private static int s_nextIndex;

    [ThreadStatic]
    private static GuestChannel?[]? t_channels;

    private readonly object _gate = new();
    private readonly delegate*<ref RecordReader, nint, nint, void> _dispatchCallback;
    private readonly int _index;
    private readonly CallbackTable _callbacks = new();
    private readonly byte* _forkGuard = SharedSegment.AllocateWipeOnForkPage();
    private volatile State? _state;
    private GuestChannel[] _live = [];
    private int _channelCount;
    private volatile GuestChannel? _lastWriter;
    private volatile string? _failure;
    private int _generation;
    private int _opensSinceSweep;

    /// <summary>1 while a thread closes the channels of exited threads (a flag, not a lock: a forked child resets it).</summary>
    private int _sweeping;

    /// <summary>The guest's copies of the strings the library returned ([return: String]).</summary>
    public ReturnedStrings Strings { get; } = new();

    /// <summary>Creates the (not yet connected) connection of an API.</summary>
    public ApiConnection(ApiDescriptor descriptor, delegate*<ref RecordReader, nint, nint, void> dispatchCallback)
    {
        Descriptor = descriptor;
        _dispatchCallback = dispatchCallback;
        _index = Interlocked.Increment(ref s_nextIndex) - 1;
        ReadMoveSettings();
        Interop.FaultHandler.Install();
        Profile = CallProfile.Open(descriptor);
    }

    /// <summary>This process's call profile of the API (AVA_PROFILE), or null when profiling is off.</summary>
    public CallProfile? Profile { get; }

    /// <summary>The API.</summary>
    public ApiDescriptor Descriptor { get; }

    /// <summary>
    /// Whether calls marked [Record] are kept in <see cref="Log"/>: with AVA_RECORD_REPLAY=1, and whenever migration
    /// (AVA_MIGRATION_CALL_ID) or recovery (AVA_RECOVER=1) may need to rebuild the objects in a new worker.
    /// </summary>
    public bool Recording { get; } = Environment.GetEnvironmentVariable("AVA_RECORD_REPLAY") == "1"
        || Environment.GetEnvironmentVariable("AVA_RECOVER") == "1"
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AVA_MIGRATION_CALL_ID"));

    /// <summary>The calls that rebuild this process's live objects in a new worker (see <see cref="ReplayLog"/>).</summary>
    public ReplayLog Log { get; } = new();

    /// <summary>
    /// AVA_SYNC_CALLS=1 makes every call synchronous: async calls then report their own errors (as natively) at the
    /// cost of one round trip each. For debugging and for exact error transcripts.
    /// </summary>
    public bool Synchronous { get; } = Environment.GetEnvironmentVariable("AVA_SYNC_CALLS") == "1";

    /// <summary>
    /// Whether the worker found no real library to serve with (what it searched is in <see cref="Failure"/>): calls
    /// then get the API's own no-driver error, as on a machine without the driver.
    /// </summary>
    public bool NoDriver { get; private set; }

    /// <summary>Why the worker is unavailable, once it is.</summary>
    public string? Failure => _failure;

    /// <summary>
    /// The calling thread's channel, connecting first if needed; null when the worker cannot be reached (the
    /// stub then returns the API's error value). The fast path is two loads and two compares.
    /// </summary>
    public GuestChannel? Channel()
    {
        if (_countCalls)
        {
            CountCall();
        }

        return CurrentChannel() ?? OpenChannel();
    }

    /// <summary>The calling thread's channel to the current worker, if it has one.</summary>
    private GuestChannel? CurrentChannel()
    {
        var channels = t_channels;
        return channels is not null && (uint)_index < (uint)channels.Length && channels[_index] is { } channel
            && channel.Generation == _generation && *_forkGuard != 0 && _failure is null ? channel : null;
    }

    /// <summary>The channel that last sent a call; a call on another channel first orders itself after the rest.</summary>
    internal GuestChannel? LastWriter => _lastWriter;

    /// <summary>
    /// Waits until the worker is done with the async records of every other channel, then makes
    /// <paramref name="self"/> the last writer. A thread that keeps calling pays one shared load per call; a switch
    /// between threads pays a look at each channel (and a wait only where async work is still queued).
    /// </summary>
    internal void OrderAfterOthers(GuestChannel self)
    {
        var live = Volatile.Read(ref _live);
        if (self.SharesProgress)
        {
            foreach (var other in live)
            {
                // A channel being retired has had all its records carried out, and its ring may be unmapped any moment.
                if (!ReferenceEquals(other, self) && other.TryEnter())
                {
                    try
                    {
                        other.AwaitAsyncDone(this, self);
                    }
                    finally
                    {
                        other.Exit();
                    }
                }
            }
        }
        else
        {
            // The other streams' progress is not visible here: the worker waits instead, told by a fence record.
            Span<(int, long)> after = live.Length <= 64 ? stackalloc (int, long)[live.Length] : new (int, long)[live.Length];
            var count = 0;
            foreach (var other in live)
            {
                if (!ReferenceEquals(other, self) && other.SentAsyncSequence > 0)
                {
                    after[count++] = (other.Index, other.SentAsyncSequence);
                }
            }

            if (count > 0)
            {
                self.SendFence(after[..count]);
            }
        }

        _lastWriter = self;
    }

    /// <summary>Wire id of an application-visible handle (identity unless an API maps handles to its own objects).</summary>
    public virtual ulong HandleToWire(nint handle) => (ulong)handle;

    /// <summary>Application-visible handle for a wire id.</summary>
    public virtual nint HandleFromWire(ulong id, int handleType) => (nint)id;

    /// <summary>
    /// Whether the handles the application holds are objects of this connection rather than wire ids (the OpenCL ICD's
    /// dispatchable objects): only then are handles inside untyped values (an info query's bytes) translated.
    /// </summary>
    public virtual bool MapsHandles => false;

    /// <summary>The wire id of <paramref name="handle"/> when it is one of this connection's objects (see <see cref="MapsHandles"/>).</summary>
    public virtual bool TryHandleToWire(nint handle, out ulong id)
    {
        id = 0;
        return false;
    }

    /// <summary>This thread's copy of the property list its call is sending (<see cref="PropertyHandlesToWire"/>).</summary>
    [ThreadStatic]
    private static long[]? t_properties;

    /// <summary>
    /// A zero-ended (key, value) property list of 8-byte elements whose values after <paramref name="keys"/> are the
    /// application's handles ([PropertyHandle]), as a copy with their wire ids: the application's list stays as it
    /// is. The copy is this thread's until its next such call (a call sends one list), pinned so that it never moves.
    /// </summary>
    public long* PropertyHandlesToWire(long* list, ReadOnlySpan<long> keys)
    {
        var count = 0;
        while (list[count] != 0)
        {
            count += 2;
        }

        var copy = t_properties is { } kept && kept.Length > count ? kept : t_properties = GC.AllocateUninitializedArray<long>(count + 1, pinned: true);
        new ReadOnlySpan<long>(list, count + 1).CopyTo(copy);
        for (var i = 0; i < count; i += 2)
        {
            if (keys.Contains(copy[i]))
            {
                copy[i + 1] = (long)HandleToWire((nint)copy[i + 1]);
            }
        }

        return (long*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(copy));
    }

    /// <summary>
    /// An info value's handles ([InfoValue(Handle = ...)]) as the application's: the wire ids in the first
    /// <paramref name="bytes"/> bytes at <paramref name="value"/>, every 8-byte word, or with a nonzero
    /// <paramref name="propertyKey"/> only the value after that key in a zero-ended (key, value) list.
    /// </summary>
    public void InfoHandlesFromWire(void* value, long bytes, int handleType, long propertyKey)
    {
        if (value == null || bytes < sizeof(ulong) || bytes > int.MaxValue)
        {
            return;
        }

        var words = new Span<ulong>(value, (int)(bytes / sizeof(ulong)));
        if (propertyKey == 0)
        {
            foreach (ref var word in words)
            {
                word = (ulong)HandleFromWire(word, handleType);
            }

            return;
        }

        // The same rule as the worker's: in a property list, only the value after the key is a handle.
        for (var i = 0; i + 1 < words.Length && words[i] != 0; i += 2)
        {
            if ((long)(uint)words[i] == propertyKey)
            {
                words[i + 1] = (ulong)HandleFromWire(words[i + 1], handleType);
            }
        }
    }

    /// <summary>Registers a callback for a call; returns the slot id that travels instead of the pointer (0 for NULL).</summary>
    public ulong RegisterCallback(nint function, nint userData, int functionId, int index, bool persistent) =>
        function == 0 ? 0
        : _group is { } group ? group.RegisterCallback(function, userData, persistent, (nint)(delegate* unmanaged<byte*, int, nint, nint, void>)&DispatchForeignCallback)
        : _callbacks.Register(function, userData, persistent);

    /// <summary>
    /// For an API of a group it does not own ([ApiGroup]): finds the group owner's table in this process (0 when the
    /// owner's drop-in is not loaded, or the owner is not ours), looked at once, on the first call. Set by the API's
    /// guest code; without it, or with no owner, the API keeps a worker of its own.
    /// </summary>
    public Func<nint>? FindGroupOwner { get; set; }

    private GroupLink? _group;
    private bool _groupLooked;

    /// <summary>Whether this API's calls travel on the connection of its group's owner (see <see cref="ApiGroup"/>).</summary>
    public bool InGroup => _group is not null;

    /// <summary>The group's owner this API's calls travel through; null when none.</summary>
    internal GroupLink? Group => _group;

    // Owner side: the APIs that joined this connection by API number, and the answer to the join in flight.
    private readonly Dictionary<int, int> _joined = [];
    private readonly object _joinGate = new();
    private readonly object _joinAnswer = new();
    private bool _joinAnswered;
    private string? _joinRefusal;

    /// <summary>
    /// Owner of a group: API <paramref name="number"/> of the group joins this connection (connecting first if need
    /// be); returns its member index, or -1 with the worker's <paramref name="refusal"/>. <paramref name="budget"/>:
    /// the largest record this process's channels take.
    /// </summary>
    internal int JoinMember(int number, string specHash, out string? refusal, out int budget)
    {
        refusal = null;
        lock (_joinGate)
        {
            var state = Connect();

            // The joining thread's channel on this connection: every channel of it takes records as large.
            budget = Channel()?.Budget ?? throw new IOException(Failure ?? $"no {Descriptor.Name} channel");
            if (_joined.TryGetValue(number, out var known))
            {
                return known;
            }

            var member = _joined.Count + 1;
            if (member >= RecordLayout.MaxMembers)
            {
                refusal = "the group has as many members as a record can name";
                return -1;
            }

            lock (_joinAnswer)
            {
                _joinAnswered = false;
                lock (_gate)
                {
                    ControlProtocol.SendJoin(state.Socket, number, specHash, member);
                }

                // The callback thread reads the answer (it reads everything the worker sends on the control socket).
                var deadline = Environment.TickCount64 + 60_000;
                while (!_joinAnswered && Environment.TickCount64 < deadline && !state.Closed)
                {
                    Monitor.Wait(_joinAnswer, 1000);
                }

                if (!_joinAnswered)
                {
                    refusal = "the worker did not answer the join";
                    return -1;
                }
            }

            refusal = _joinRefusal;
            if (refusal is not null)
            {
                return -1;
            }

            _joined[number] = member;
            GuestLog.Write($"API {number} joined the {Descriptor.Name} connection as member {member}");
            return member;
        }
    }

    /// <summary>
    /// A group member's thread: runs a callback record the owner's connection received for a callback registered here
    /// (<see cref="ApiGroup.TryDispatchForeign"/>), in this image.
    /// </summary>
    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static void DispatchForeignCallback(byte* frame, int length, nint function, nint userData)
    {
        try
        {
            if (s_member is { } member)
            {
                var reader = new RecordReader(new ReadOnlySpan<byte>(frame, length));
                member._dispatchCallback(ref reader, function, userData);
            }
        }
        catch (Exception e)
        {
            GuestLog.Write($"a callback of the group failed: {e.Message}");
        }
    }

    // This image's connection that joined a group (an image has one API).
    private static ApiConnection? s_member;

    /// <summary>A group member: joins the owner's connection, when the owner's drop-in is here and accepts us.</summary>
    private void TryJoinGroup()
    {
        _groupLooked = true;
        _group = null;
        var table = FindGroupOwner!();
        if (table == 0 || GroupLink.Join(table, Descriptor) is not { } link)
        {
            return;
        }

        lock (_gate)
        {
            _group = link;
            s_member = this;
            _generation++;
            _live = [];
            *_forkGuard = 1;
        }
    }

    /// <inheritdoc/>
    public bool PeerAlive() => _state is { } state && !state.Closed && !state.Socket.IsPeerClosed();

    private GuestChannel? OpenChannel()
    {
        if (_failure is not null)
        {
            return null;
        }

        if (_lost is not null)
        {
            Recover();
            if (_failure is not null)
            {
                return null;
            }

            // The replay ran on a channel of this thread to the new worker: a second one would count as a second
            // thread, and end journaling.
            if (CurrentChannel() is { } replayed)
            {
                return replayed;
            }
        }

        if (FindGroupOwner is not null && (!_groupLooked || (_group is not null && *_forkGuard == 0)))
        {
            // The first call, or the first in a forked child (whose owner connects afresh): join the owner's connection.
            TryJoinGroup();
        }

        if (_group is { } joined)
        {
            return OpenGroupChannel(joined);
        }

        try
        {
            var state = Connect();
            ReclaimExitedThreads(state);
            var channel = state.Session is { } session && (session.Address.IsTcp || ChannelKind == "TCP") ? OpenManagerChannel(session)
                : ChannelKind == "UNIX" ? OpenStreamChannel(state) : OpenRingChannel(state);
            SetThreadChannel(channel);
            lock (_gate)
            {
                _live = [.. _live, channel];
            }

            if (_live.Length > 1 && Log.Journaling)
            {
                // A replay carries calls out in the order they were sent, on one channel: a call of one thread that
                // waited for another's later call (a user event it sets) would wait for ever. See README, "Recovery".
                Log.Journaling = false;
                Log.ClearJournal();
                GuestLog.Write($"a second thread calls {Descriptor.Name}: journaling stops, and a recovery from now on rebuilds objects without their contents");
            }

            if (!channel.SharesProgress)
            {
                // Name the channel to the worker, so fences of other channels can refer to it.
                channel.SendFence([]);
            }

            return channel;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or MalformedRecordException)
        {
            Fail($"cannot reach the {Descriptor.Name} worker: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// A group member's channel of the calling thread: its records go through the owner's channel of the thread
    /// (<see cref="GroupPipe"/>), which orders them after other threads' calls; so nothing here names or fences it.
    /// </summary>
    private GuestChannel OpenGroupChannel(GroupLink link)
    {
        var pipe = new GroupPipe(link);
        var channel = new GuestChannel(this, pipe, pipe, pipe)
        {
            Generation = _generation, Index = Interlocked.Increment(ref _channelCount), Owner = KernelThread.Current(), Group = pipe,
        };
        SetThreadChannel(channel);
        return channel;
    }

    /// <summary>
    /// Closes the channels of threads that have exited, so that an application that runs many short-lived threads (a
    /// thread per task) does not pile up segments, sockets and shadow threads. Runs when a thread opens its channel,
    /// the one moment the number of channels grows; so it needs no thread of its own and runs nothing at thread exit
    /// (see <see cref="KernelThread"/>). The look costs one /proc read per channel, so with many threads alive it is
    /// made only after as many new channels as an eighth of the live ones: channels of exited threads then stay below
    /// an eighth of the live ones (plus those whose threads exited since the last new channel). An application that
    /// keeps thousands of threads alive at once still has a channel each, as it needs: an 8 MiB segment and a shadow
    /// thread in the worker for each calling thread, bounded by the application's own thread limit.
    /// </summary>
    private void ReclaimExitedThreads(State state)
    {
        // The callback thread never waits here: a worker thread that would finish an exited thread's records may be
        // waiting for it to take a callback. A sweep already under way elsewhere is left to finish the job.
        if (ReferenceEquals(Thread.CurrentThread, state.Reader) || Volatile.Read(ref _live).Length == 0
            || Interlocked.Increment(ref _opensSinceSweep) < Math.Max(1, Volatile.Read(ref _live).Length / 8)
            || Interlocked.CompareExchange(ref _sweeping, 1, 0) != 0)
        {
            return;
        }

        try
        {
            _opensSinceSweep = 0;
            foreach (var channel in Volatile.Read(ref _live))
            {
                if (channel.Owner.HasExited())
                {
                    Reclaim(state, channel);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private void Reclaim(State state, GuestChannel channel)
    {
        try
        {
            // Every record of the exited thread is carried out before the channel leaves the list, so no other thread
            // can overtake them: while it is listed, their calls still order themselves after its records.
            channel.Close();
        }
        catch (Exception e) when (e is IOException or MalformedRecordException or InvalidOperationException)
        {
            // The worker is gone or broke the channel: there is nothing left to wait for, only memory to free.
            GuestLog.Write($"closing the channel of exited thread {channel.Owner.Tid}: {e.Message}");
        }

        lock (_gate)
        {
            if (ReferenceEquals(_state, state))
            {
                _live = Array.FindAll(_live, c => !ReferenceEquals(c, channel));
            }
        }

        channel.Retire();
    }

    /// <summary>
    /// The worker refused <paramref name="channel"/>, the calling thread's (a bound of the tenant): it is forgotten and
    /// freed, so the thread's next call opens a new one (which the bound may admit by then).
    /// </summary>
    internal void Drop(GuestChannel channel)
    {
        var channels = t_channels;
        if (channels is not null && (uint)_index < (uint)channels.Length && ReferenceEquals(channels[_index], channel))
        {
            channels[_index] = null;
        }

        lock (_gate)
        {
            _live = Array.FindAll(_live, c => !ReferenceEquals(c, channel));
            if (ReferenceEquals(_lastWriter, channel))
            {
                _lastWriter = null;
            }
        }

        channel.Retire();
    }

    /// <summary>The per-thread channel kind: rings in shared memory (LOCAL, SHM), a Unix socket (UNIX), or connections through the manager (TCP).</summary>
    private static string ChannelKind { get; } = (Environment.GetEnvironmentVariable("AVA_CHANNEL") ?? "LOCAL").ToUpperInvariant();

    private GuestChannel OpenRingChannel(State state)
    {
        var segment = SharedSegment.Create("ava-channel", RingLayout.SegmentSize(RingCapacity));
        SpscRing.InitializeSegment(segment.Base, RingCapacity);
        lock (_gate)
        {
            ControlProtocol.SendOpenChannel(state.Socket, segment.Fd, segment.Size);
        }

        // Each side maps the rings' pages ahead of where it reads and writes; the guest's own segment, it may allocate them.
        var requests = new SpscRing(segment.Base, 0, RingCapacity, this, WaitPolicy.Default, SpscRing.PopulatorFor(segment, 0, RingCapacity));
        var replies = new SpscRing(segment.Base, 1, RingCapacity, this, WaitPolicy.Default, SpscRing.PopulatorFor(segment, 1, RingCapacity));
        return NewChannel(requests, replies, segment);
    }

    /// <summary>Makes <paramref name="channel"/> the calling thread's channel of this connection.</summary>
    private void SetThreadChannel(GuestChannel channel)
    {
        var channels = t_channels;
        if (channels is null || channels.Length <= _index)
        {
            var grown = new GuestChannel?[Math.Max(4, _index + 1)];
            channels?.CopyTo(grown, 0);
            t_channels = channels = grown;
        }

        channels[_index] = channel;
    }

    /// <summary>A channel of the calling thread: numbered for fences, owned by this thread for the reclaiming sweep.</summary>
    private GuestChannel NewChannel(RecordPipe requests, RecordPipe replies, IDisposable owned) =>
        new(this, requests, replies, owned) { Generation = _generation, Index = Interlocked.Increment(ref _channelCount), Owner = KernelThread.Current() };

    private GuestChannel OpenManagerChannel(ManagerSession session)
    {
        // TCP: the channel is a new connection through the manager, LZ4-framed; the control socket stays as it is.
        var framed = new Transport.Tcp.Lz4FramedSocket(session.OpenChannel(Descriptor));
        var pipe = new Transport.Stream.StreamPipe(framed);
        return NewChannel(pipe, pipe, new Owned(pipe, framed));
    }

    private GuestChannel OpenStreamChannel(State state)
    {
        var (ours, theirs) = UnixSocket.Pair();
        try
        {
            lock (_gate)
            {
                ControlProtocol.SendOpenStreamChannel(state.Socket, theirs.Fd);
            }
        }
        finally
        {
            theirs.Dispose();
        }

        var pipe = new Transport.Stream.StreamPipe(ours);
        return NewChannel(pipe, pipe, new Owned(pipe, ours));
    }

    private State Connect()
    {
        lock (_gate)
        {
            if (*_forkGuard == 0 && _state is not null)
            {
                // A forked child: the parent's connection and segments belong to the parent. Start afresh.
                _state = null;
                _generation++;
                _live = [];
                _lastWriter = null;
                _sweeping = 0;
                _lastSession = null;
            }

            if (_state is { } existing)
            {
                return existing;
            }

            var (socket, workerPid) = WorkerLauncher.Start(Descriptor, _lastSession, out var session);
            _lastSession = session;
            ControlProtocol.SendHello(socket, Descriptor, LibC.GetPid());
            var refusal = ControlProtocol.ReadHelloAck(socket, out var noRealLibrary);
            if (refusal is not null)
            {
                socket.Dispose();
                NoDriver = noRealLibrary;
                throw new InvalidOperationException(refusal);
            }

            var state = new State(socket, workerPid) { Session = session };
            _joined.Clear();
            var reader = new Thread(() => ReadCallbacks(state)) { IsBackground = true, Name = $"ava-{Descriptor.Name}-callbacks" };
            state.Reader = reader;
            reader.Start();
            *_forkGuard = 1;
            _generation++;
            _state = state;
            GuestLog.Write($"connected to {Descriptor.Name} worker pid {workerPid}");
            return state;
        }
    }

    private void ReadCallbacks(State state)
    {
        var buffer = new byte[ControlProtocol.MaxFrame];
        Span<int> fds = stackalloc int[4];
        try
        {
            while (true)
            {
                var frame = ControlProtocol.ReadFrame(state.Socket, buffer, fds, out var fdCount);
                for (var i = 0; i < fdCount; i++)
                {
                    LibC.Close(fds[i]);
                }

                if (frame.IsEmpty)
                {
                    break;
                }

                var reader = new RecordReader(frame);
                if ((reader.Flags & RecordFlags.Callback) == 0)
                {
                    if (reader.Status == (int)ControlOp.MoveRequest)
                    {
                        MoveRequested(state, ControlProtocol.ReadMessage(frame));
                    }
                    else if (reader.Status == (int)ControlOp.JoinAck)
                    {
                        lock (_joinAnswer)
                        {
                            _joinRefusal = ControlProtocol.ReadJoinAck(frame);
                            _joinAnswered = true;
                            Monitor.PulseAll(_joinAnswer);
                        }
                    }

                    continue;
                }

                if (_callbacks.Take(reader.Sequence, out var function, out var userData)
                    && !ApiGroup.TryDispatchForeign(reader.Sequence, frame, function, userData))
                {
                    _dispatchCallback(ref reader, function, userData);
                }
            }
        }
        catch (Exception e) when (e is IOException or MalformedRecordException)
        {
            GuestLog.Write($"callback reader stopped: {e.Message}");
        }

        var moved = state.Closed;
        state.Closed = true;
        if (moved)
        {
            // The process moved to a new worker (see CloseOld): this connection is this thread's to close.
            state.Socket.Dispose();
        }
        else if (ReferenceEquals(_state, state) && !WorkerLost(state))
        {
            Fail($"the {Descriptor.Name} worker closed the connection");
        }
    }

    private void Fail(string reason)
    {
        _failure ??= reason;
        GuestLog.Write(reason);
    }

    private sealed class Owned(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }

    private sealed class State(UnixSocket socket, int workerPid)
    {
        public UnixSocket Socket { get; } = socket;

        public int WorkerPid { get; } = workerPid;

        public ManagerSession? Session { get; init; }

        /// <summary>The thread that reads callbacks (and runs them).</summary>
        public Thread? Reader { get; set; }

        public volatile bool Closed;
    }
}
