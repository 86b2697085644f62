using System.Runtime.CompilerServices;
using Ava.Transport;
using Ava.Transport.Native;
using Ava.Transport.Ring;
using Ava.Transport.Wire;

namespace Ava.Guest;

/// <summary>
/// One guest thread's channel to its shadow thread in the worker: requests we produce and replies we consume,
/// over a shared segment's two rings or over a socket. Generated stubs call these members; none allocates.
/// </summary>
public sealed unsafe class GuestChannel : IDisposable
{
    private const int DeferredCapacity = 4096;

    private readonly ApiConnection _connection;
    private readonly IDisposable _resource;
    private readonly RecordPipe _requests;
    private readonly RecordPipe _replies;
    private readonly int _budget;
    private readonly uint[] _deferredSequence = new uint[DeferredCapacity];
    private readonly nint[] _deferredDestination = new nint[DeferredCapacity];
    private readonly long[] _deferredBytes = new long[DeferredCapacity];
    private int _deferredHead;
    private int _deferredCount;
    private uint _sequence;
    private long _asyncError;
    private bool _replyInRing;
    private bool _lastAsync;

    /// <summary>Request-ring position just after this channel's last async record (read by other threads).</summary>
    private long _asyncEnd;
    private long _lastAsyncSequence;
    private long _sentAsyncSequence;
    private byte* _scratch;
    private int _scratchSize;

    /// <summary>
    /// The requests captured for the replay log (<see cref="Commit"/> with capture) and what they streamed, until their
    /// records take them (<see cref="TakeCapture"/>), latest on top: a guest hook that completes a recorded call may make
    /// a recorded call of its own (the program query after clCreateKernelsInProgram), whose record takes only its own.
    /// </summary>
    private readonly Stack<(byte[] Record, uint Sequence, List<byte[]> Streamed)> _captures = [];

    /// <summary>Whether the request being sent now is the one captured (its streamed bytes belong to the capture).</summary>
    private bool _capturing;

    /// <summary>The connection's log when every request is journaled (AVA_RECOVER=1), and the last request journaled.</summary>
    private readonly ReplayLog? _journal;
    private JournalEntry? _journaled;

    /// <summary>
    /// A replayed request's reply streamed outputs nobody reads: their chunks are passed over until the next reply
    /// (a replay cannot tell where they end without the function's own decoding).
    /// </summary>
    private bool _discardChunks;

    /// <summary>Other threads looking at this channel's ring (<see cref="TryEnter"/>), plus <see cref="Retiring"/> once it closes.</summary>
    private int _visitors;

    private const int Retiring = 1 << 30;

    internal GuestChannel(ApiConnection connection, RecordPipe requests, RecordPipe replies, IDisposable resource)
    {
        _connection = connection;
        _requests = requests;
        _replies = replies;
        _resource = resource;
        _budget = _requests.MaxRecordLength;
        _journal = connection.Log.Journaling ? connection.Log : null;

        // The worker may be blocked writing deferred outputs (async device-to-host copies) into a full reply ring
        // while we wait for room in the request ring: take them in meanwhile.
        _requests.WhileBlocked = DrainDeferred;
    }

    /// <summary>
    /// Generation of the connection this channel belongs to (a reconnect makes new channels); -1 once the channel is
    /// closed, so that <see cref="ApiConnection.Channel"/> never hands it out again.
    /// </summary>
    internal int Generation { get; set; }

    /// <summary>The thread that opened the channel, the only one that calls through it while it lives.</summary>
    internal KernelThread Owner { get; init; }

    /// <summary>Largest record the channel takes.</summary>
    internal int Budget => _budget;

    /// <summary>Plans one buffer of the request (see <see cref="Planner"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public BufferMode Plan(long bytes, ref int total) => Planner.Plan(bytes, ref total, _budget);

    /// <summary>Plans an output: small ones carry the caller's bytes so untouched bytes stay as they were.</summary>
    public static int PlanOut(long bytes, int total) =>
        bytes >= 0 && bytes <= RecordLayout.PreservedOutputLimit ? total + (int)RecordLayout.AlignSlot(bytes) : total;

    /// <summary>Plans an array of handles (always inline: one slot each).</summary>
    public int PlanHandles(long count, int total)
    {
        if (count <= 0)
        {
            return total;
        }

        var next = checked(total + WireArrays.IdBytes(count));
        if (next > _budget)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "too many handles for one call");
        }

        return (int)next;
    }

    /// <summary>
    /// Reserves the request record in the ring. Calls made before this one on other threads happened before it: a
    /// thread that follows another orders itself after that thread's async records first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public RecordWriter BeginRequest(int total)
    {
        // A group member's records are ordered by the owner, on the one channel of this thread that the worker sees.
        if (!ReferenceEquals(_connection.LastWriter, this) && Group is null)
        {
            _connection.OrderAfterOthers(this);
        }

        return new(_requests.Reserve(total));
    }

    /// <summary>Index of this channel in its connection (the worker learns it from the channel's first record).</summary>
    internal int Index { get; init; }

    /// <summary>Sequence number of this channel's last async record that has been sent (read by other threads; 0: none).</summary>
    internal long SentAsyncSequence => Volatile.Read(ref _sentAsyncSequence);

    /// <summary>Whether the other side's progress is visible (rings): then ordering waits here instead of in the worker.</summary>
    internal bool SharesProgress => _requests.PublishedPosition >= 0;

    /// <summary>
    /// Byte-stream channels: sends an async fence record naming, for each other channel with async records, the
    /// sequence the worker must have carried out before it runs anything more of ours. With no pairs it only names
    /// this channel (sent before its first call).
    /// </summary>
    internal void SendFence(ReadOnlySpan<(int Index, long Sequence)> after)
    {
        var total = RecordLayout.HeaderSize + ((2 + (2 * after.Length)) * RecordLayout.SlotSize);
        var w = new RecordWriter(_requests.Reserve(total));
        w.WriteInt64(Index);
        w.WriteInt64(after.Length);
        foreach (var (index, sequence) in after)
        {
            w.WriteInt64(index);
            w.WriteInt64(sequence);
        }

        var length = w.Finish(0, RecordFlags.Async | RecordFlags.Fence, 0, 0);
        _requests.Publish(length, wake: false);
    }

    /// <summary>Writes a buffer's descriptor and, when inline, its bytes.</summary>
    public static void WriteBuffer(ref RecordWriter w, BufferMode mode, void* data, long bytes)
    {
        switch (mode)
        {
            case BufferMode.Null:
                w.WriteNullBuffer();
                break;
            case BufferMode.Inline:
                w.WriteInlineBuffer(data, bytes);
                break;
            default:
                w.WriteStreamedBuffer(bytes);
                break;
        }
    }

    /// <summary>Writes an output's room: small outputs travel with the caller's current bytes.</summary>
    public static void WriteOut(ref RecordWriter w, void* data, long bytes)
    {
        if (data == null || bytes < 0)
        {
            w.WriteNullBuffer();
        }
        else if (bytes <= RecordLayout.PreservedOutputLimit)
        {
            w.WriteInlineBuffer(data, bytes);
        }
        else
        {
            w.WriteCapacity(bytes);
        }
    }

    /// <summary>Writes the room of an output with no bytes (handle outputs).</summary>
    public static void WriteOutRoom(ref RecordWriter w, long bytes)
    {
        if (bytes < 0)
        {
            w.WriteNullBuffer();
        }
        else
        {
            w.WriteCapacity(bytes);
        }
    }

    /// <summary>Writes an array of handles as wire ids.</summary>
    public void WriteHandles(ref RecordWriter w, nint* handles, long count)
    {
        if (handles == null || count < 0)
        {
            w.WriteNullBuffer();
            return;
        }

        var ids = w.ReserveIds(count);
        for (var i = 0; i < count; i++)
        {
            WireArrays.WriteId(ids, i, _connection.HandleToWire(handles[i]));
        }
    }

    /// <summary>Writes an array of strings as one blob (inline), or its descriptor (streamed).</summary>
    public static void WriteStringArray(ref RecordWriter w, BufferMode mode, byte** strings, nuint* lengths, ulong count, long bytes)
    {
        switch (mode)
        {
            case BufferMode.Null:
                w.WriteNullBuffer();
                break;
            case BufferMode.Inline:
                GuestMarshal.WriteStringArray(w.ReserveInlineBuffer((int)bytes), strings, lengths, count);
                break;
            default:
                w.WriteStreamedBuffer(bytes);
                break;
        }
    }

    /// <summary>Publishes the request; returns its sequence number. Sync calls wake the worker, async ones batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Commit(ref RecordWriter w, ushort function, RecordFlags flags, bool capture = false)
    {
        var sequence = ++_sequence;
        var length = w.Finish(function, flags, sequence, 0);
        if (capture || _journal is not null)
        {
            // Only while recording: the hot path of an unrecorded call pays a few compares.
            var bytes = w.Record[..length].ToArray();
            if (capture)
            {
                _captures.Push((bytes, sequence, []));
            }

            _capturing = capture;
            _journaled = _journal?.Journal(bytes, this, sequence);
        }
        else if (_capturing)
        {
            // A call made between a recorded call and its record (a guest hook's query) leaves that capture as it is.
            _capturing = false;
        }
        Publish(length, flags, sequence);
        return sequence;
    }

    /// <summary>
    /// A group member's channel on this thread (<see cref="ApiGroup"/>): its calls go through the owner's channel of
    /// the thread; null for the owner's and for APIs in no group.
    /// </summary>
    internal GroupPipe? Group { get; init; }

    /// <summary>
    /// Publishes a record another API of the group encoded (<see cref="ApiGroup"/>) on this thread's channel, marked
    /// with its member index and under this channel's next sequence, after the calls of other threads as our own
    /// records are; returns that sequence.
    /// </summary>
    internal uint CommitForeign(ReadOnlySpan<byte> record, int member)
    {
        if (!ReferenceEquals(_connection.LastWriter, this))
        {
            _connection.OrderAfterOthers(this);
        }

        var target = _requests.Reserve(record.Length);
        record.CopyTo(target);
        var sequence = ++_sequence;
        var flags = RecordLayout.WithMember(RecordLayout.ReadFlags(target), member);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(target[RecordLayout.FlagsOffset..], (ushort)flags);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(target[RecordLayout.SequenceOffset..], sequence);
        _capturing = false;
        Publish(record.Length, flags, sequence);
        return sequence;
    }

    /// <summary>Streams bytes after a record of another API of the group (<see cref="CommitForeign"/>).</summary>
    internal void StreamForeign(byte* data, long bytes)
    {
        _requests.WriteStream(data, bytes);
        StreamEnded();
    }

    /// <summary>
    /// Waits for the reply to <paramref name="sequence"/>, a record of another API of the group, taking in the deferred
    /// outputs that come first; the reply then carries <paramref name="callerSequence"/>, the caller's own number of
    /// the call, and stays where it is until <see cref="ReleaseForeign"/>. The async error it carries is the caller's
    /// to take.
    /// </summary>
    internal ReadOnlySpan<byte> AwaitForeign(uint sequence, uint callerSequence)
    {
        var record = AwaitRecord(sequence);
        var header = (byte*)Unsafe.AsPointer(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(record));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(header + RecordLayout.SequenceOffset, 4), callerSequence);
        return record;
    }

    /// <summary>Frees the reply <see cref="AwaitForeign"/> returned.</summary>
    internal void ReleaseForeign()
    {
        if (_replyInRing)
        {
            _replies.Release();
            _replyInRing = false;
        }
    }

    /// <summary>Reads a streamed output of another API's reply into the caller's memory.</summary>
    internal void ReadStreamForeign(byte* destination, long length)
    {
        using var populating = PagePopulator.Begin(destination, length);
        _replies.ReadStream(destination, length);
    }

    /// <summary>Passes over a streamed output of another API's reply.</summary>
    internal void SkipStreamForeign(long length) => _replies.SkipStream(length);

    private void Publish(int length, RecordFlags flags, uint sequence)
    {
        _lastAsync = (flags & RecordFlags.Async) != 0;

        // A byte stream sends every record before the call returns: another thread's fence can only name records that
        // were sent, and a batch held back past the return to the application is overtaken by the call of a thread that
        // opens its first channel meanwhile (PyTorch's autograd thread launching on the stream the main thread just
        // filled), which the application orders after ours by a lock or a queue the guest never sees. A ring needs no
        // send: its records are visible to the worker as soon as they are published, and the wake is only a futex.
        var wake = !_lastAsync || (flags & (RecordFlags.Flush | RecordFlags.HasStreamed)) != 0 || !SharesProgress;
        _requests.Publish(length, wake);
        if (_lastAsync)
        {
            Volatile.Write(ref _asyncEnd, _requests.PublishedPosition);
            _lastAsyncSequence = sequence;
        }

        if (_requests.AllSent)
        {
            Volatile.Write(ref _sentAsyncSequence, _lastAsyncSequence);
        }
    }

    /// <summary>Streams a buffer's bytes after its record.</summary>
    public void Stream(void* data, long bytes)
    {
        WriteStreamPiece((byte*)data, bytes);
        StreamEnded();
    }

    /// <summary>
    /// Called by another thread before its call travels: returns once the worker is done with every async record
    /// this channel published, so a call ordered after ours by the application (a join, a lock, a flag) never
    /// overtakes them in the worker. Only async records are awaited: a synchronous call of ours in progress may
    /// be waiting for the very thread that calls this (clWaitForEvents on a user event it is about to set).
    /// A streamed record counts as done once its last chunk is read, just before the real call runs.
    /// </summary>
    internal void AwaitAsyncDone(ApiConnection connection, GuestChannel waiter)
    {
        var end = Volatile.Read(ref _asyncEnd);
        if (end <= 0 || _requests.HasConsumed(end))
        {
            return;
        }

        // The records may be batched while the worker's thread sleeps: nobody else would wake it.
        _requests.WakeConsumer();
        var spin = new SpinWait();
        for (var i = 1; !_requests.HasConsumed(end); i++)
        {
            if ((i & 1023) == 0)
            {
                if (connection.Failure is not null || !connection.PeerAlive())
                {
                    return;
                }

                // Our own worker thread may be stuck writing deferred outputs to us while theirs waits likewise.
                waiter.DrainDeferred();
            }

            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>
    /// Lets another thread look at this channel's ring (<see cref="AwaitAsyncDone"/>) until <see cref="Exit"/>; false once
    /// the channel is being retired, when there is nothing left to wait for (its records have all been carried out).
    /// </summary>
    internal bool TryEnter()
    {
        var visitors = Volatile.Read(ref _visitors);
        while ((visitors & Retiring) == 0)
        {
            var seen = Interlocked.CompareExchange(ref _visitors, visitors + 1, visitors);
            if (seen == visitors)
            {
                return true;
            }

            visitors = seen;
        }

        return false;
    }

    /// <summary>Ends a look begun with <see cref="TryEnter"/>.</summary>
    internal void Exit() => Interlocked.Decrement(ref _visitors);

    /// <summary>
    /// Closes the channel of a thread that has exited, from another thread (the owner is gone, so this thread is now
    /// the only producer and consumer of its pipes). Sends a close record after everything the owner sent and waits for
    /// the worker's answer: the worker answers only after it has carried out every earlier record, in order, so a
    /// call ordered after the owner's async calls (by a join, say) still runs after them; deferred outputs the worker
    /// still owed the owner's calls come before the answer and are written where those calls asked, as the native
    /// library would have done. Throws <see cref="IOException"/> when the worker is gone.
    /// </summary>
    internal void Close()
    {
        var sequence = ++_sequence;
        var w = new RecordWriter(_requests.Reserve(RecordLayout.HeaderSize));
        _requests.Publish(w.Finish(0, RecordFlags.Close, sequence, 0), wake: true);
        while (true)
        {
            var record = _replies.Read();
            var flags = RecordLayout.ReadFlags(record);
            if ((flags & RecordFlags.DeferredOutput) != 0)
            {
                ApplyDeferred(record, flags);
                continue;
            }

            var done = (flags & RecordFlags.Reply) != 0 && RecordLayout.ReadSequence(record) == sequence;
            if (done && GuestLog.Enabled && new RecordReader(record).ReadInt64() is var asyncError and not 0)
            {
                GuestLog.Write($"an async call (function {asyncError >> 32}) of an exited thread returned {(int)asyncError}");
            }

            // Anything else is what an owner that died inside a call left unread (its reply, or that reply's chunks).
            _replies.Release();
            if (done)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Frees the channel once it is closed and no other thread can reach it any more (it has left the connection's
    /// list): waits for threads still looking at its ring, then unmaps the segment or closes the socket.
    /// </summary>
    internal void Retire()
    {
        Generation = -1;
        Interlocked.Add(ref _visitors, Retiring);
        var spin = new SpinWait();
        while (Volatile.Read(ref _visitors) != Retiring)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }

        Dispose();
    }

    private void WriteStreamPiece(byte* data, long bytes)
    {
        _requests.WriteStream(data, bytes);
        if ((_capturing || _journaled is not null) && bytes > 0)
        {
            var piece = new ReadOnlySpan<byte>(data, checked((int)bytes)).ToArray();
            if (_capturing)
            {
                _captures.Peek().Streamed.Add(piece);
            }

            _journaled?.Add(piece);
        }
    }

    /// <summary>
    /// Whether a captured request waits for its call's record: the calling thread is completing that call (its guest
    /// hooks run), or the call failed before its reply and the next captured one replaces it.
    /// </summary>
    internal bool HoldsCapture => _captures.Count > 0;

    /// <summary>
    /// The request the last <see cref="Commit"/> with <c>capture</c> sent, with what it streamed since: for the replay
    /// log, taken once the call succeeded. False when the last request was not captured.
    /// </summary>
    public bool TakeCapture([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CapturedCall? call)
    {
        _capturing = false;
        if (!_captures.TryPop(out var top))
        {
            call = null;
            return false;
        }

        call = new CapturedCall(top.Record, [.. top.Streamed]);
        return true;
    }

    /// <summary>
    /// Sends a logged call again (on a new worker's channel): its record with this channel's next sequence number, made
    /// synchronous, then its streamed bytes; returns the sequence to await.
    /// </summary>
    public uint Resend(CapturedCall call, bool deferOutputs = false)
    {
        var record = _requests.Reserve(call.Record.Length);
        call.Record.CopyTo(record);
        var kept = deferOutputs ? RecordFlags.DeferOutputs : 0;
        var flags = (RecordLayout.ReadFlags(record) & ~(RecordFlags.Async | (RecordFlags.DeferOutputs & ~kept))) | (call.Streamed.Length > 0 ? RecordFlags.HasStreamed : 0);
        var sequence = ++_sequence;
        RecordLayout.WriteHeader(record, call.Record.Length, RecordLayout.ReadFunction(record), flags, sequence, 0);
        _lastAsync = false;
        _requests.Publish(call.Record.Length, wake: true);
        foreach (var piece in call.Streamed)
        {
            fixed (byte* data = piece)
            {
                _requests.WriteStream(data, piece.Length);
            }
        }

        return sequence;
    }

    /// <summary>
    /// Waits for the reply to a request sent by <see cref="Resend"/> and frees it, outputs unread: returns its transport
    /// status and, when it ran, its return slot.
    /// </summary>
    public (TransportStatus Status, long Result) AwaitResent(uint sequence)
    {
        var reply = AwaitReply(sequence);
        var status = (TransportStatus)reply.Status;
        var result = status == TransportStatus.Ok ? reply.ReadInt64() : 0;
        if ((reply.Flags & RecordFlags.HasStreamed) != 0)
        {
            _discardChunks = true;
        }

        EndReply(ref reply);
        return (status, result);
    }

    /// <summary>Replay: tells the worker that the next object of <paramref name="id"/>'s type it creates gets that id.</summary>
    public void SendBind(ulong id)
    {
        var w = new RecordWriter(_requests.Reserve(RecordLayout.HeaderSize + RecordLayout.SlotSize));
        w.WriteUInt64(id);
        var length = w.Finish(0, RecordFlags.Async | RecordFlags.Bind, 0, 0);
        _requests.Publish(length, wake: false);
    }

    private void StreamEnded()
    {
        if (_lastAsync)
        {
            Volatile.Write(ref _asyncEnd, _requests.PublishedPosition);
        }
    }

    /// <summary>Streams an array of strings after its record, piece by piece, with no staging copy.</summary>
    public void StreamStringArray(byte** strings, nuint* lengths, ulong count)
    {
        Span<byte> slot = stackalloc byte[RecordLayout.SlotSize * 2];
        for (ulong i = 0; i < count; i++)
        {
            if (strings[i] == null)
            {
                WireArrays.WriteStringHeader(slot, 0, isNull: true);
                fixed (byte* header = slot)
                {
                    WriteStreamPiece(header, RecordLayout.SlotSize);
                }

                continue;
            }

            var length = GuestMarshal.StringLength(strings, lengths, i);
            WireArrays.WriteStringHeader(slot, length, isNull: false);
            fixed (byte* header = slot)
            {
                WriteStreamPiece(header, RecordLayout.SlotSize);
                WriteStreamPiece(strings[i], length);
                slot[RecordLayout.SlotSize..].Clear();
                WriteStreamPiece(header + RecordLayout.SlotSize, RecordLayout.AlignSlot(length + 1) - length);
            }
        }

        StreamEnded();
    }

    /// <summary>Room for <paramref name="count"/> more deferred outputs.</summary>
    public bool CanDefer(int count) => Group is { } group ? group.CanDefer(count) : _deferredCount + count <= DeferredCapacity;

    /// <summary>An output too large for a record with it alone: it would be streamed after its reply.</summary>
    public bool IsLargeOutput(long bytes) =>
        bytes >= 0 && RecordLayout.HeaderSize + (2 * RecordLayout.SlotSize) + RecordLayout.AlignSlot(bytes) > _budget;

    /// <summary>Forgets the deferred outputs of call <paramref name="sequence"/>, which the worker will not send (it refused the call).</summary>
    public void DropDeferred(uint sequence)
    {
        if (Group is { } group)
        {
            group.DropDeferred(sequence);
            return;
        }

        var (first, end) = FindDeferred(sequence);
        RemoveDeferred(first, end);
    }

    /// <summary>
    /// Where the deferred outputs of call <paramref name="sequence"/> still go: those whose record has not arrived (a
    /// non-blocking read whose bytes had not reached the application when its worker died). Empty for most calls.
    /// </summary>
    internal (nint Destination, long Bytes)[] PendingDeferred(uint sequence)
    {
        if (Group is not null || _deferredCount == 0)
        {
            return [];
        }

        var (first, end) = FindDeferred(sequence);
        var pending = new (nint, long)[end - first];
        for (var i = first; i < end; i++)
        {
            var slot = (_deferredHead + i) % DeferredCapacity;
            pending[i - first] = (_deferredDestination[slot], _deferredBytes[slot]);
        }

        return pending;
    }

    /// <summary>Remembers where an async call's output goes when its deferred record arrives.</summary>
    public void AddDeferred(uint sequence, void* destination, long bytes)
    {
        if (Group is { } group)
        {
            // The owner takes the output in, whichever thread of its own waits when it comes.
            group.Defer(sequence, destination, bytes);
            return;
        }

        var slot = (_deferredHead + _deferredCount) % DeferredCapacity;
        _deferredSequence[slot] = sequence;
        _deferredDestination[slot] = (nint)destination;
        _deferredBytes[slot] = bytes;
        _deferredCount++;
    }

    /// <summary>
    /// Waits for the reply to <paramref name="sequence"/>. Deferred outputs of earlier async calls arrive first and
    /// are written into the application's memory here, before the synchronous call can return.
    /// </summary>
    public RecordReader AwaitReply(uint sequence)
    {
        try
        {
            var reply = AwaitReplyCore(sequence);
            if (reply.Status != 0)
            {
                DropCapture(sequence);
            }

            return reply;
        }
        catch (Exception) when (DropCapture(sequence) || (_journaled is { } lost && _journal!.Unjournal(lost)))
        {
            // Unreachable: the filter is false. A call whose reply never came failed for the application (the worker
            // died under it): it leaves the journal, so a recovery does not carry it out behind the application's back.
            throw;
        }
    }

    /// <summary>The call of <paramref name="sequence"/> got no reply it could record: its capture goes. Always false.</summary>
    private bool DropCapture(uint sequence)
    {
        if (_captures.TryPeek(out var top) && top.Sequence == sequence)
        {
            _captures.Pop();
            _capturing = false;
        }

        return false;
    }

    private RecordReader AwaitReplyCore(uint sequence)
    {
        var record = AwaitRecord(sequence);
        var reader = new RecordReader(record);
        var asyncError = reader.ReadInt64();
        if (asyncError != 0)
        {
            if (GuestLog.Enabled)
            {
                GuestLog.Write($"an async call (function {asyncError >> 32}) returned {(int)asyncError}");
            }

            if (_asyncError == 0)
            {
                _asyncError = asyncError;
            }
        }

        return reader;
    }

    /// <summary>The reply record of <paramref name="sequence"/>, once the deferred outputs before it are written.</summary>
    private ReadOnlySpan<byte> AwaitRecord(uint sequence)
    {
        while (true)
        {
            var record = _replies.Read();
            var flags = RecordLayout.ReadFlags(record);
            if ((flags & RecordFlags.DeferredOutput) != 0)
            {
                ApplyDeferred(record, flags);
                continue;
            }

            if ((flags & RecordFlags.Reply) != 0 && RecordLayout.ReadSequence(record) == 0 && RecordLayout.ReadStatus(record) == (int)TransportStatus.ChannelRefused)
            {
                // The worker served no thread for this channel (the principal's bound) and has closed it.
                _replies.Release();
                _connection.Drop(this);
                throw new ChannelRefusedException("the worker refused this thread's channel: the tenant's principal has as many channels as it may");
            }

            if ((flags & RecordFlags.Chunk) != 0 && _discardChunks)
            {
                _replies.Release();
                continue;
            }

            if ((flags & RecordFlags.Reply) == 0 || RecordLayout.ReadSequence(record) != sequence)
            {
                throw new ChannelClosedException($"worker sent record {flags} #{RecordLayout.ReadSequence(record)} while #{sequence} was awaited");
            }

            if ((flags & RecordFlags.HasStreamed) != 0)
            {
                // Streamed outputs follow in the ring: move the record aside so its ring space can be reused.
                record = CopyToScratch(record);
                _replies.Release();
                _replyInRing = false;
            }
            else
            {
                _replyInRing = true;
            }

            _discardChunks = false;
            return record;
        }
    }

    /// <summary>Reads one output into the caller's memory (at most <paramref name="capacity"/> bytes); returns the bytes written there.</summary>
    public long ReadOut(ref RecordReader r, void* destination, long capacity)
    {
        var kind = r.ReadBuffer(out var length, out var inline);
        if (kind == BufferKind.Null || destination == null)
        {
            if (kind == BufferKind.Streamed)
            {
                _replies.SkipStream(length);
            }

            return 0;
        }

        if (length > capacity)
        {
            throw new ChannelClosedException($"worker returned {length} bytes for an output of {capacity}");
        }

        if (kind == BufferKind.Inline)
        {
            inline.CopyTo(new Span<byte>(destination, (int)length));
        }
        else if (kind == BufferKind.Streamed)
        {
            // Pages of a fresh destination fault in on another core while the stream arrives (PagePopulator).
            using var populating = PagePopulator.Begin(destination, length);
            _replies.ReadStream((byte*)destination, length);
        }

        return length;
    }

    /// <summary>
    /// Reads a string the library returned ([return: String]) and gives the caller the guest's copy of it, kept for
    /// function <paramref name="function"/> and object <paramref name="obj"/>; NULL stays NULL.
    /// </summary>
    public sbyte* ReadReturnedString(ref RecordReader r, int function, ulong obj)
    {
        var kind = r.ReadBuffer(out var length, out var inline);
        if (kind == BufferKind.Null)
        {
            return null;
        }

        if (kind == BufferKind.Inline)
        {
            return _connection.Strings.Keep(function, obj, inline);
        }

        if (length <= 0 || length > int.MaxValue)
        {
            throw new ChannelClosedException($"worker returned a string of {length} bytes");
        }

        var text = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc((nuint)length);
        try
        {
            _replies.ReadStream(text, length);
            return _connection.Strings.Keep(function, obj, new ReadOnlySpan<byte>(text, (int)length));
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.Free(text);
        }
    }

    /// <summary>Reads an array of handle ids into the caller's handle array.</summary>
    public void ReadOutHandles(ref RecordReader r, nint* destination, long capacity, int handleType)
    {
        var kind = r.ReadBuffer(out var length, out var inline);
        if (kind != BufferKind.Inline || destination == null)
        {
            return;
        }

        var count = WireArrays.IdCount(length);
        if (count > capacity)
        {
            throw new ChannelClosedException($"worker returned {count} handles for room of {capacity}");
        }

        for (var i = 0; i < count; i++)
        {
            destination[i] = _connection.HandleFromWire(WireArrays.ReadId(inline, i), handleType);
        }
    }

    /// <summary>Frees the reply record.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndReply(ref RecordReader r)
    {
        if (_replyInRing)
        {
            _replies.Release();
            _replyInRing = false;
        }
    }

    /// <summary>Takes the first error of an async call since the last take (0 when none).</summary>
    public bool TakeAsyncError(out long value)
    {
        value = (int)_asyncError;
        var had = _asyncError != 0;
        _asyncError = 0;
        return had;
    }

    /// <summary>Closes the channel (unmaps its segment or closes its socket).</summary>
    public void Dispose()
    {
        _resource.Dispose();
        if (_scratch != null)
        {
            System.Runtime.InteropServices.NativeMemory.Free(_scratch);
            _scratch = null;
        }
    }

    private void DrainDeferred()
    {
        while (_replies.TryRead(out var record))
        {
            var flags = RecordLayout.ReadFlags(record);
            if ((flags & RecordFlags.Chunk) != 0 && _discardChunks)
            {
                _replies.Release();
                continue;
            }

            if ((flags & RecordFlags.DeferredOutput) == 0)
            {
                return;
            }

            ApplyDeferred(record, flags);
        }
    }

    private void ApplyDeferred(ReadOnlySpan<byte> record, RecordFlags flags)
    {
        var sequence = RecordLayout.ReadSequence(record);
        var inRing = true;
        if ((flags & RecordFlags.HasStreamed) != 0)
        {
            record = CopyToScratch(record);
            _replies.Release();
            inRing = false;
        }

        var reader = new RecordReader(record);
        reader.ReadInt64(); // the async-error slot every reply-ring record starts with (always 0 here)

        var (first, end) = FindDeferred(sequence);
        for (var i = first; i < end; i++)
        {
            var slot = (_deferredHead + i) % DeferredCapacity;
            ReadOut(ref reader, (void*)_deferredDestination[slot], _deferredBytes[slot]);
        }

        RemoveDeferred(first, end);

        // Bytes nobody waits for any more must still leave the ring, or it would fall out of step with the worker.
        while (reader.Remaining >= RecordLayout.SlotSize)
        {
            if (reader.ReadBuffer(out var length, out _) == BufferKind.Streamed)
            {
                _replies.SkipStream(length);
            }
        }

        if (inRing)
        {
            _replies.Release();
        }
    }

    /// <summary>
    /// The entries of call <paramref name="sequence"/>, [first, end) from the head. Outputs usually complete in call
    /// order, but a worker may finish a later call's first (OpenCL reads on two queues): they may be anywhere.
    /// </summary>
    private (int First, int End) FindDeferred(uint sequence)
    {
        var first = 0;
        while (first < _deferredCount && _deferredSequence[(_deferredHead + first) % DeferredCapacity] != sequence)
        {
            first++;
        }

        var end = first;
        while (end < _deferredCount && _deferredSequence[(_deferredHead + end) % DeferredCapacity] == sequence)
        {
            end++;
        }

        return (first, end);
    }

    /// <summary>Removes entries [first, end) from the head, closing the gap they leave.</summary>
    private void RemoveDeferred(int first, int end)
    {
        for (var i = first; i > 0; i--)
        {
            var from = (_deferredHead + i - 1) % DeferredCapacity;
            var to = (_deferredHead + i - 1 + end - first) % DeferredCapacity;
            _deferredSequence[to] = _deferredSequence[from];
            _deferredDestination[to] = _deferredDestination[from];
            _deferredBytes[to] = _deferredBytes[from];
        }

        _deferredHead = (_deferredHead + end - first) % DeferredCapacity;
        _deferredCount -= end - first;
    }

    private ReadOnlySpan<byte> CopyToScratch(ReadOnlySpan<byte> record)
    {
        if (_scratchSize < record.Length)
        {
            System.Runtime.InteropServices.NativeMemory.Free(_scratch);
            _scratchSize = Math.Max(record.Length, 4096);
            _scratch = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc((nuint)_scratchSize);
        }

        var copy = new Span<byte>(_scratch, record.Length);
        record.CopyTo(copy);
        return copy;
    }
}

/// <summary>The worker refused the calling thread's channel (a bound of the tenant): the call fails with the API's out-of-resources error.</summary>
public sealed class ChannelRefusedException(string message) : IOException(message);
