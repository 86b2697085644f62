using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ava.Transport;
using Ava.Transport.Diagnostics;
using Ava.Transport.Wire;

namespace Ava.Worker;

/// <summary>
/// The state of one shadow thread while it carries out a call: what generated dispatch code uses to turn
/// descriptors into pointers (each size checked against the record and the worker's limits), to translate
/// handles through the tenant's table, and to write the reply. Nothing the guest wrote is trusted: every
/// length is compared with the size the spec's expression gives, and every allocation is bounded.
/// </summary>
public sealed unsafe class WorkerCall : IDisposable
{
    private const int ArenaSize = 1 << 20;

    private readonly RecordPipe _requests;
    private readonly RecordPipe _replies;
    private readonly int _budget;
    private readonly CallLimits _limits;
    private readonly byte* _arena;
    private readonly List<nint> _large = [];
    private byte* _reusable;
    private long _reusableSize;
    private long _reusableCounted;
    private bool _disposed;
    private bool _reusableInUse;
    private int _arenaUsed;
    private long _callBytes;
    private uint _sequence;
    private long _asyncError;
    private bool _streamedInReply;
    private long _inputInPipe;

    internal WorkerCall(Tenant tenant, RecordPipe requests, RecordPipe replies)
    {
        Tenant = tenant;
        _requests = requests;
        _replies = replies;
        _budget = replies.MaxRecordLength;
        _limits = tenant.Limits;
        _arena = (byte*)NativeMemory.AlignedAlloc(ArenaSize, 64);
    }

    /// <summary>The tenant this call belongs to.</summary>
    public Tenant Tenant { get; }

    /// <summary>
    /// The call came over a shared-memory ring, so the guest is a process on this host (its peer credentials name it):
    /// copies straight to and from its memory are possible.
    /// </summary>
    public bool SharedMemory { get; init; }

    /// <summary>
    /// Copies between <paramref name="local"/> and the guest's memory at <paramref name="guestAddress"/>; false when this
    /// channel or the kernel does not allow it (the caller then answers so the guest takes the ordinary path). The
    /// guest names the address, so a bad one only makes this copy fail: the kernel checks every page.
    /// </summary>
    public unsafe bool CopyWithGuest(void* local, ulong guestAddress, long length, bool toGuest)
    {
        var pid = SharedMemory ? Tenant.PeerPid : 0;
        if (pid <= 0)
        {
            return false;
        }

        if (!Ava.Transport.Native.LibC.CopyWithProcess(pid, local, guestAddress, length, toGuest, out var error))
        {
            WorkerLog.Write($"copy {(toGuest ? "to" : "from")} guest {pid} at 0x{guestAddress:x} ({length} bytes) failed: errno {error}");
            return false;
        }

        return true;
    }

    /// <summary>Sequence number of the call being carried out (to send its deferred outputs later).</summary>
    public uint Sequence => _sequence;

    /// <summary>The guest asked for this call's [Deferred] outputs in a deferred-output record (RecordFlags.DeferOutputs).</summary>
    public bool DefersOutputs { get; set; }

    /// <summary>A hook took over this call's deferred outputs: it sends them with <see cref="SendDeferred"/> when ready.</summary>
    public bool Postponed { get; private set; }

    /// <summary>Takes over the deferred outputs of the call being carried out (see <see cref="Postponed"/>).</summary>
    public void Postpone() => Postponed = true;

    /// <summary>Gives the deferred outputs back to the generated code (e.g. the call failed).</summary>
    public void CancelPostpone() => Postponed = false;

    /// <summary>
    /// The call's large buffer travels in chunks that its <c>[WorkerHook(Chunked)]</c> hook moves in place of the real
    /// call: a streamed input still in the request pipe, or a deferred output not yet sent.
    /// </summary>
    public bool Chunked { get; private set; }

    /// <summary>
    /// State an API's hooks keep for this channel between calls (memory of the channel they prepared for a device, say).
    /// Disposed on this shadow thread when the channel closes, before the channel's memory goes away.
    /// </summary>
    public IDisposable? ChannelState { get; set; }

    /// <summary>The memory the request pipe's records and chunks lie in (see <see cref="RecordPipe.Memory"/>).</summary>
    public (nint Address, long Length) RequestMemory => _requests.Memory;

    /// <summary>The memory the reply pipe's records and chunks lie in (see <see cref="RecordPipe.Memory"/>).</summary>
    public (nint Address, long Length) ReplyMemory => _replies.Memory;

    /// <summary>
    /// Sends the one deferred output of an earlier call <paramref name="sequence"/> that a hook postponed; -1 bytes
    /// leaves the guest's memory untouched. Only between calls' replies of this shadow thread (the reply ring's producer).
    /// </summary>
    public void SendDeferred(uint sequence, void* data, long bytes)
    {
        var total = RecordLayout.HeaderSize + (2 * RecordLayout.SlotSize);
        var mode = Plan(bytes, ref total);
        var w = BeginDeferred(total);
        WriteOut(ref w, mode, data, bytes);
        var streamed = _streamedInReply;
        _streamedInReply = false;
        var length = w.Finish(0, RecordFlags.DeferredOutput | (streamed ? RecordFlags.HasStreamed : 0), sequence, 0);
        _replies.Publish(length, wake: true);
        if (mode == BufferMode.Streamed)
        {
            Stream(data, bytes);
        }
    }

    /// <summary>When the call now in the real library entered it (Environment.TickCount64), 0 between calls; read by the tenant's watchdog.</summary>
    internal long EnteredLibraryAt;

    /// <summary>The function of the call now in the real library.</summary>
    internal ushort EnteredFunction;

    internal void Begin(uint sequence)
    {
        DefersOutputs = false;
        Postponed = false;
        Chunked = false;
        _inputInPipe = 0;
        _sequence = sequence;
        _streamedInReply = false;
        _arenaUsed = 0;
        _callBytes = 0;
        ExecutingAt = 0;
        ExecutedAt = 0;
        RepliedAt = 0;
    }

    internal void End()
    {
        _reusableInUse = false;
        if (_reusableSize != _reusableCounted)
        {
            KeepOrFreeReusable();
        }

        if (_large.Count == 0)
        {
            return;
        }

        foreach (var block in _large)
        {
            NativeMemory.Free((void*)block);
        }

        _large.Clear();
    }

    /// <summary>
    /// After a call that changed the channel's large block: an idle channel keeps no more than the per-channel limit,
    /// and all the tenant's channels together no more than the tenant's, so a call that needed a larger block, or one
    /// more than the tenant may keep, gives it back.
    /// </summary>
    private void KeepOrFreeReusable()
    {
        if (_reusableSize <= _limits.RetainedScratchBytes && Tenant.TryKeepScratch(_reusableSize - _reusableCounted))
        {
            _reusableCounted = _reusableSize;
            return;
        }

        NativeMemory.Free(_reusable);
        _reusable = null;
        _reusableSize = 0;
        Tenant.TryKeepScratch(-_reusableCounted);
        _reusableCounted = 0;
    }

    /// <summary>Refuses the call when the real library lacks the function.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Require(nint function)
    {
        if (function == 0)
        {
            throw new CallRejectedException(TransportStatus.Unsupported, "the real library does not export this function");
        }
    }

    /// <summary>Refuses a NULL string where the library reads the argument unchecked ([String(NeverNull = true)]).</summary>
    public static void RefuseNullString(void* text, string argument)
    {
        if (text == null)
        {
            throw new CallRejectedException(TransportStatus.MalformedRecord, $"{argument} is NULL, which the library reads unchecked");
        }
    }

    /// <summary>Refuses a NULL handle where the library follows the argument unchecked ([HandleType(NeverNull = true)]).</summary>
    public static void RefuseNullHandle(ulong id, string argument)
    {
        if (id == 0)
        {
            throw new CallRejectedException(TransportStatus.InvalidHandle, $"{argument} is NULL, which the library follows unchecked");
        }
    }

    /// <summary>Real object of a handle id, checked for tenant and type.</summary>
    public nint HandleFromWire(ulong id, int handleType) => Tenant.Handles.Resolve(id, TableType(handleType));

    /// <summary>
    /// The real object of <paramref name="id"/>, of <paramref name="handleType"/> or of one of the types the spec
    /// accepts in its place (a CUkernel where a CUfunction is expected); anything else is refused as by the plain form.
    /// </summary>
    public nint HandleFromWire(ulong id, int handleType, ReadOnlySpan<int> accepted)
    {
        foreach (var type in accepted)
        {
            if (Tenant.Handles.TryResolve(id, TableType(type), out var real))
            {
                return real;
            }
        }

        return Tenant.Handles.Resolve(id, TableType(handleType));
    }

    /// <summary>Wire id of a real object; <paramref name="allocates"/> when the call created a reference the guest now holds.</summary>
    public ulong HandleToWire(nint real, int handleType, bool allocates) => Tenant.Handles.Add(real, TableType(handleType), allocates);

    /// <summary>
    /// The API of the group the record being carried out calls (<see cref="RecordFlags.GroupMember"/>; 0: the API that
    /// said hello), set before each dispatch.
    /// </summary>
    internal int Member { get; set; }

    /// <summary>
    /// The handle table's type of the calling API's handle type: the API's own id for the API that said hello, the
    /// group's id for the others (a shared type is the type it is shared with, see <see cref="Tenant.Join"/>).
    /// </summary>
    private int TableType(int handleType) => Member == 0 ? handleType : Tenant.TableType(Member, handleType);

    /// <summary>An info value of <paramref name="count"/> handles ([InfoHandle]) rewritten in place as the guest's ids.</summary>
    public void InfoHandlesToWire(nint* value, long count, int handleType)
    {
        for (long i = 0; i < count; i++)
        {
            value[i] = (nint)HandleToWire(value[i], handleType, false);
        }
    }

    /// <summary>The guest's release of <paramref name="id"/> succeeded; true when that was its last reference (the entry is gone).</summary>
    public bool Released(ulong id) => Tenant.Handles.Release(id);

    /// <summary>The tenant's account of a storage resource ([AllocatesResource], [DeallocatesResource]).</summary>
    public ResourceAccount Resource(string name) => Tenant.Resources[name];

    /// <summary>Reserves an allocation's amount before the real call; false (logged) when the tenant's quota refuses it.</summary>
    public bool Reserve(ResourceAccount account, ulong amount, ushort function)
    {
        if (account.TryReserve(amount))
        {
            return true;
        }

        WorkerLog.Write($"{Tenant.BackendOf(Member).Descriptor.FunctionName(function)}: {amount} bytes of {account.Name} refused ({account.Held} of {account.Limit} held)");
        return false;
    }

    /// <summary>The guest's retain of <paramref name="id"/> succeeded.</summary>
    public void Retained(ulong id) => Tenant.Handles.Retain(id);

    /// <summary>Token to pass as the user data of a callback the guest registered in slot <paramref name="guestSlot"/>.</summary>
    public void* CallbackUserData(ulong guestSlot, bool persistent) => (void*)CallbackTarget.Register(Tenant, guestSlot, persistent, Member);

    /// <summary>An input buffer: inline bytes are used in place, streamed ones land in scratch memory.</summary>
    public byte* In(ref RecordReader r, BufferKind kind, long length, ReadOnlySpan<byte> inline, long expected)
    {
        switch (kind)
        {
            case BufferKind.Null:
                return null;
            case BufferKind.Inline:
                CheckLength(length, expected);
                return length == 0 ? Scratch(0) : (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(inline));
            case BufferKind.Streamed:
                CheckLength(length, expected);
                var data = Scratch(length);
                _requests.ReadStream(data, length);
                return data;
            default:
                throw new MalformedRecordException("an input buffer cannot be a bare capacity");
        }
    }

    /// <summary>
    /// An input of a function with a <c>[WorkerHook(Chunked)]</c> hook: streamed bytes stay in the request pipe for the
    /// hook (<see cref="VisitInput"/>), which runs in place of the real call; other forms are decoded as by <see cref="In"/>.
    /// </summary>
    public byte* InChunked(ref RecordReader r, BufferKind kind, long length, ReadOnlySpan<byte> inline, long expected)
    {
        if (kind != BufferKind.Streamed)
        {
            return In(ref r, kind, length, inline, expected);
        }

        CheckLength(length, expected);
        Chunked = true;
        _inputInPipe = length;
        return null;
    }

    /// <summary>Hands the chunked input's bytes to <paramref name="visitor"/> where they lie in the request pipe.</summary>
    public void VisitInput(IChunkVisitor visitor)
    {
        var length = _inputInPipe;
        _inputInPipe = 0;
        _requests.VisitStream(length, visitor);
    }

    /// <summary>Reads the chunked input whole into scratch memory, for a hook that makes the real call as it is.</summary>
    public byte* ReadInput()
    {
        var data = Scratch(_inputInPipe);
        _requests.ReadStream(data, _inputInPipe);
        _inputInPipe = 0;
        return data;
    }

    /// <summary>
    /// An output of a function with a <c>[WorkerHook(Chunked)]</c> hook: one the guest takes in a deferred-output record
    /// that would be streamed is left to the hook (<see cref="SendOutputChunks"/>), which runs in place of the real call;
    /// other outputs are prepared as by <see cref="Out"/>.
    /// </summary>
    public byte* OutChunked(BufferKind kind, long length, ReadOnlySpan<byte> inline, long expected)
    {
        if (!DefersOutputs || kind != BufferKind.Capacity || RecordLayout.HeaderSize + (2 * RecordLayout.SlotSize) + RecordLayout.AlignSlot(length) <= _budget)
        {
            return Out(kind, length, inline, expected);
        }

        CheckLength(length, expected);
        Chunked = true;
        return null;
    }

    /// <summary>
    /// Sends the chunked output now, ahead of the reply: a deferred-output record of <paramref name="bytes"/> streamed
    /// bytes, each chunk filled in place in the reply pipe by <paramref name="visitor"/> and published at once.
    /// </summary>
    public void SendOutputChunks(long bytes, IChunkVisitor visitor)
    {
        Postpone();
        var w = BeginDeferred(RecordLayout.HeaderSize + (2 * RecordLayout.SlotSize));
        w.WriteStreamedBuffer(bytes);
        _replies.Publish(w.Finish(0, RecordFlags.DeferredOutput | RecordFlags.HasStreamed, _sequence, 0), wake: true);
        _replies.FillStream(bytes, visitor);
    }

    /// <summary>Sends the chunked output now from <paramref name="data"/> (NULL or -1 bytes: the guest's memory stays as it was).</summary>
    public void SendOutput(void* data, long bytes)
    {
        Postpone();
        SendDeferred(_sequence, data, data == null ? -1 : bytes);
    }

    /// <summary>After a chunked call: skips what its hook left of the streamed input, so the pipe stays in step.</summary>
    public void EndChunked()
    {
        if (_inputInPipe > 0)
        {
            _requests.SkipStream(_inputInPipe);
            _inputInPipe = 0;
        }
    }

    /// <summary>A zero-terminated input list: the terminator must sit at a stride boundary, as the last element.</summary>
    public byte* InTerminated(ref RecordReader r, BufferKind kind, long length, ReadOnlySpan<byte> inline, int elementSize, int stride)
    {
        if (kind == BufferKind.Null)
        {
            return null;
        }

        var step = (long)elementSize * stride;
        if (length < elementSize || (length - elementSize) % step != 0)
        {
            throw new MalformedRecordException($"a zero-terminated list of {length} bytes does not end on a {step}-byte boundary");
        }

        var data = Private(In(ref r, kind, length, inline, length), kind, length);
        for (var at = 0L; at < length; at += step)
        {
            var zero = elementSize == 4 ? *(uint*)(data + at) == 0 : *(ulong*)(data + at) == 0;
            if (zero != (at == length - elementSize))
            {
                throw new MalformedRecordException("a zero-terminated list is not terminated where its length says");
            }
        }

        return data;
    }

    /// <summary>
    /// A zero-terminated list as the plain form decodes it, in memory of the call's own followed by
    /// <paramref name="padding"/> more zero elements ([ZeroTerminated(Padding = n)]): the library may read past the
    /// first zero, and handles in it may be translated in place (<see cref="PropertyHandlesFromWire"/>).
    /// </summary>
    public byte* InTerminated(ref RecordReader r, BufferKind kind, long length, ReadOnlySpan<byte> inline, int elementSize, int stride, int padding)
    {
        var data = InTerminated(ref r, kind, length, inline, elementSize, stride);
        if (data == null)
        {
            return null;
        }

        var extra = (long)padding * elementSize;
        var copy = Scratch(length + extra);
        Buffer.MemoryCopy(data, copy, length, length);
        new Span<byte>(copy + length, (int)extra).Clear();
        return copy;
    }

    /// <summary>
    /// In a (key, value) list the call owns (or NULL), ended by a zero key: the value after each <paramref name="key"/> is the guest's
    /// id of a handle of <paramref name="handleType"/>, replaced by the real object (an id of another tenant or type is refused).
    /// </summary>
    public void PropertyHandlesFromWire(long* list, long key, int handleType)
    {
        for (var i = 0; list != null && list[i] != 0; i += 2)
        {
            if (list[i] == key)
            {
                list[i + 1] = HandleFromWire((ulong)list[i + 1], handleType);
            }
        }
    }

    /// <summary>A (key, value) list the library wrote, <paramref name="count"/> elements at most: the value after each <paramref name="key"/> goes back as the guest's id.</summary>
    public void PropertyHandlesToWire(long* list, long count, long key, int handleType)
    {
        for (long i = 0; list != null && i + 1 < count && list[i] != 0; i += 2)
        {
            if (list[i] == key)
            {
                list[i + 1] = (long)HandleToWire((nint)list[i + 1], handleType, false);
            }
        }
    }

    /// <summary>Memory that lives until the call ends, for hand-written hooks.</summary>
    public byte* Allocate(long bytes) => Scratch(bytes);

    /// <summary>The real object of a handle id when it is one of this tenant's, of <paramref name="handleType"/>; no exception otherwise.</summary>
    public bool TryHandleFromWire(ulong id, int handleType, out nint real) => Tenant.Handles.TryResolve(id, TableType(handleType), out real);

    /// <summary>How many of this tenant's handles of <paramref name="handleType"/> have gone so far (<see cref="HandleTable.RemovalsOf"/>).</summary>
    public long HandleRemovals(int handleType) => Tenant.Handles.RemovalsOf(TableType(handleType));

    /// <summary>An in-out buffer: a private copy the callee may write.</summary>
    public byte* InOut(ref RecordReader r, BufferKind kind, long length, ReadOnlySpan<byte> inline, long expected)
    {
        if (kind == BufferKind.Inline)
        {
            CheckLength(length, expected);
            var copy = Scratch(length);
            inline.CopyTo(new Span<byte>(copy, (int)length));
            return copy;
        }

        return In(ref r, kind, length, inline, expected);
    }

    /// <summary>An output buffer: zeroed scratch memory, or the caller's current bytes for small outputs.</summary>
    public byte* Out(BufferKind kind, long length, ReadOnlySpan<byte> inline, long expected)
    {
        switch (kind)
        {
            case BufferKind.Null:
                return null;
            case BufferKind.Capacity:
                // Scratch memory holds zeros or this tenant's own earlier bytes, never another tenant's.
                CheckLength(length, expected);
                return Scratch(length);
            case BufferKind.Inline when length <= RecordLayout.PreservedOutputLimit:
                CheckLength(length, expected);
                var preserved = Scratch(length);
                inline.CopyTo(new Span<byte>(preserved, (int)length));
                return preserved;
            default:
                throw new MalformedRecordException($"an output buffer arrived as {kind} of {length} bytes");
        }
    }

    /// <summary>A NUL-terminated string.</summary>
    public byte* InString(ref RecordReader r, BufferKind kind, long length, ReadOnlySpan<byte> inline)
    {
        if (kind == BufferKind.Null)
        {
            return null;
        }

        if (length < 1)
        {
            throw new MalformedRecordException("a string must carry its NUL");
        }

        var data = Private(In(ref r, kind, length, inline, length), kind, length);
        if (data[length - 1] != 0)
        {
            throw new MalformedRecordException("a string is not NUL-terminated");
        }

        return data;
    }

    /// <summary>
    /// An array of <paramref name="count"/> strings, rebuilt as C strings from its blob: per string its u64 size (NUL
    /// included; all ones for NULL), then its bytes padded to a slot. The library walks as many strings as the spec's
    /// count argument says (<paramref name="expected"/>), so the blob must carry exactly that many.
    /// </summary>
    public byte** StringArray(ref RecordReader r, BufferKind kind, long length, ReadOnlySpan<byte> inline, ulong count, ulong expected)
    {
        if (kind == BufferKind.Null)
        {
            return null;
        }

        if (count != expected)
        {
            throw new MalformedRecordException($"a string array of {count} strings where its count argument says {expected}");
        }

        if (count > (ulong)length / RecordLayout.SlotSize)
        {
            throw new MalformedRecordException($"{count} strings cannot fit a blob of {length} bytes");
        }

        var blob = Private(In(ref r, kind, length, inline, length), kind, length);
        var pointers = (byte**)Scratch(checked((long)count * sizeof(nint)));
        long position = 0;
        for (ulong i = 0; i < count; i++)
        {
            if (length - position < RecordLayout.SlotSize)
            {
                throw new MalformedRecordException("string array blob truncated");
            }

            var size = WireArrays.ReadStringHeader(new ReadOnlySpan<byte>(blob + position, RecordLayout.SlotSize));
            position += RecordLayout.SlotSize;
            if (size == -1)
            {
                pointers[i] = null;
                continue;
            }

            if (size < 1 || size > length - position || blob[position + size - 1] != 0)
            {
                throw new MalformedRecordException($"string {i} of an array has a bad length {size}");
            }

            pointers[i] = blob + position;
            position += RecordLayout.AlignSlot(size);
        }

        return pointers;
    }

    /// <summary>
    /// The lengths that came with a string array decoded by <see cref="StringArray"/>: the library reads the first
    /// lengths[i] bytes of string i instead of up to its NUL, so each must lie within the string as it arrived (0, "up to
    /// the NUL" in OpenCL, always does). Returns a private copy of the lengths (a copy inline in a shared ring could
    /// change after this check). Each string of a decoded array follows its u64 size in the private blob.
    /// </summary>
    public nuint* StringLengths(byte** strings, ulong count, nuint* lengths)
    {
        if (strings == null || lengths == null)
        {
            return lengths;
        }

        var copy = (nuint*)Scratch(checked((long)count * sizeof(nuint)));
        Buffer.MemoryCopy(lengths, copy, (long)count * sizeof(nuint), (long)count * sizeof(nuint));
        for (ulong i = 0; i < count; i++)
        {
            if (strings[i] == null)
            {
                continue;
            }

            var size = WireArrays.ReadStringHeader(new ReadOnlySpan<byte>(strings[i] - RecordLayout.SlotSize, RecordLayout.SlotSize));
            if ((ulong)copy[i] > (ulong)(size - 1))
            {
                throw new MalformedRecordException($"string {i} of an array is {size - 1} bytes, its length says {copy[i]}");
            }
        }

        return copy;
    }

    /// <summary>An array of handle ids, translated into real objects.</summary>
    public nint* InHandles(BufferKind kind, long length, ReadOnlySpan<byte> inline, long expected, int handleType)
    {
        if (kind == BufferKind.Null)
        {
            return null;
        }

        if (kind != BufferKind.Inline)
        {
            throw new MalformedRecordException("handle arrays travel inline");
        }

        CheckLength(length, expected);
        var count = WireArrays.IdCount(length);
        var handles = (nint*)Scratch(count * sizeof(nint));
        for (var i = 0; i < count; i++)
        {
            handles[i] = HandleFromWire(WireArrays.ReadId(inline, i), handleType);
        }

        return handles;
    }

    /// <summary>
    /// Bytes of a string the real library returned ([return: String]), its NUL included; -1 for NULL. The library is the
    /// worker's own, so its string is read up to its NUL, bounded by what one reply may carry in chunks.
    /// </summary>
    public static long StringBytes(byte* text)
    {
        if (text == null)
        {
            return -1;
        }

        // Found as strlen finds it, never reading past the page of the NUL: a span declared longer than the string lets
        // a vectorized search load whole vectors past it, into an unmapped page after a string at the end of one.
        return System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text).Length + 1L;
    }

    /// <summary>Plans a reply buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public BufferMode Plan(long bytes, ref int total) => Planner.Plan(bytes, ref total, _budget);

    /// <summary>Plans an array of handles in the reply.</summary>
    public static int PlanHandles(long count, int total) => count <= 0 ? total : checked(total + (int)WireArrays.IdBytes(count));

    /// <summary>Reserves the reply record; its first slot carries the first error of an async call since the last reply.</summary>
    public RecordWriter BeginReply(int total)
    {
        var w = new RecordWriter(_replies.Reserve(total));
        w.WriteInt64(_asyncError);
        _asyncError = 0;
        return w;
    }

    /// <summary>Reserves a deferred-output record for the async call being carried out.</summary>
    public RecordWriter BeginDeferred(int total)
    {
        var w = new RecordWriter(_replies.Reserve(total));
        w.WriteInt64(0);
        return w;
    }

    /// <summary>Writes one output buffer of the reply.</summary>
    public void WriteOut(ref RecordWriter w, BufferMode mode, void* data, long bytes)
    {
        if (mode == BufferMode.Null || data == null)
        {
            w.WriteNullBuffer();
        }
        else if (mode == BufferMode.Inline)
        {
            w.WriteInlineBuffer(data, bytes);
        }
        else
        {
            w.WriteStreamedBuffer(bytes);
            _streamedInReply = true;
        }
    }

    /// <summary>Writes handles of the reply as wire ids.</summary>
    public void WriteOutHandles(ref RecordWriter w, nint* handles, long count, int handleType, bool allocates)
    {
        if (handles == null || count < 0)
        {
            w.WriteNullBuffer();
            return;
        }

        var ids = w.ReserveIds(count);
        for (var i = 0; i < count; i++)
        {
            WireArrays.WriteId(ids, i, HandleToWire(handles[i], handleType, allocates));
        }
    }

    /// <summary>Publishes the reply and wakes the guest.</summary>
    public void CommitReply(ref RecordWriter w, RecordFlags extra = RecordFlags.None)
    {
        StampReplied();
        Publish(ref w, RecordFlags.Reply | extra);
    }

    /// <summary>Publishes a deferred-output record.</summary>
    public void CommitDeferred(ref RecordWriter w) => Publish(ref w, RecordFlags.DeferredOutput);

    /// <summary>Streams an output's bytes after the reply.</summary>
    public void Stream(void* data, long bytes) => _replies.WriteStream((byte*)data, bytes);

    /// <summary>Remembers the first failure of an async call for the next reply.</summary>
    public void NoteAsyncError(ushort function, long value)
    {
        if (_asyncError == 0)
        {
            _asyncError = ((long)function << 32) | (uint)value;
            WorkerLog.Write($"async {Tenant.BackendOf(Member).Descriptor.FunctionName(function)} returned {value}");
        }
    }

    /// <summary>When the current call's arguments were decoded and the real call began (profiled calls; else 0).</summary>
    internal long ExecutingAt;

    /// <summary>When the current call's real call returned (profiled calls; else 0).</summary>
    internal long ExecutedAt;

    /// <summary>Profile stamp: the arguments are decoded, the real call begins.</summary>
    public void StampExecuting() => ExecutingAt = ProfileTable.Now();

    /// <summary>Profile stamp: the real call returned.</summary>
    public void StampExecuted() => ExecutedAt = ProfileTable.Now();

    /// <summary>Whether this channel's calls are profiled (the tenant's profile is on).</summary>
    internal bool Profiled { get; init; }

    /// <summary>
    /// When the current call's reply was marshaled, stamped just before it is published: the guest cannot have it
    /// earlier, so the stamp falls between the worker's work and the guest's (streamed outputs that follow the reply
    /// are travel time). 0 for a call without a reply.
    /// </summary>
    internal long RepliedAt;

    private void StampReplied()
    {
        if (Profiled)
        {
            RepliedAt = ProfileTable.Now();
        }
    }

    /// <summary>Accounts a [TimeMe] call.</summary>
    public void Timed(int function, long start) => Tenant.Statistics.Timed(function, Stopwatch.GetTimestamp() - start);

    /// <summary>Answers the current call with an error status instead of a result.</summary>
    internal void Reject(TransportStatus status)
    {
        StampReplied();
        var w = new RecordWriter(_replies.Reserve(RecordLayout.HeaderSize + RecordLayout.SlotSize));
        w.WriteInt64(_asyncError);
        _asyncError = 0;
        var length = w.Finish(0, RecordFlags.Reply, _sequence, (int)status);
        _replies.Publish(length, wake: true);
    }

    /// <summary>
    /// The channel is closing: disposes the API's state for it now, while the guest still reads the reply pipe, so that
    /// deferred outputs the state still owes (reads that completed) can reach the guest first.
    /// </summary>
    internal void EndChannel()
    {
        ChannelState?.Dispose();
        ChannelState = null;
    }

    /// <summary>Answers a close record (<see cref="RecordFlags.Close"/>), with the channel's last async error.</summary>
    internal void ReplyClosed()
    {
        var w = BeginReply(RecordLayout.HeaderSize + RecordLayout.SlotSize);
        CommitReply(ref w);
    }

    /// <summary>Disposes the channel state and frees the arena (once).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        EndChannel();
        End();
        NativeMemory.Free(_reusable);
        Tenant.TryKeepScratch(-_reusableCounted);
        _reusableCounted = 0;
        NativeMemory.AlignedFree(_arena);
    }

    private void Publish(ref RecordWriter w, RecordFlags flags)
    {
        // A reply with streamed outputs says so, so the guest moves it aside before reading the chunks.
        if (_streamedInReply)
        {
            flags |= RecordFlags.HasStreamed;
            _streamedInReply = false;
        }

        var length = w.Finish(0, flags, _sequence, 0);
        _replies.Publish(length, wake: true);
    }

    private static void CheckLength(long length, long expected)
    {
        if (length != expected)
        {
            throw new MalformedRecordException($"buffer of {length} bytes where the spec's size gives {expected}");
        }
    }

    /// <summary>
    /// Bytes whose contents the worker checks before the real library reads them (a string's NUL, a list's terminator):
    /// inline in a shared ring they are a copy the guest can still write after the check, so a NUL removed in between
    /// would send the library past the ring. Those are checked and used in a private copy.
    /// </summary>
    private byte* Private(byte* data, BufferKind kind, long length)
    {
        if (kind != BufferKind.Inline || !SharedMemory || length == 0)
        {
            return data;
        }

        var copy = Scratch(length);
        Buffer.MemoryCopy(data, copy, length, length);
        return copy;
    }

    private byte* Scratch(long bytes)
    {
        // Compared before adding: a sum of guest-given sizes must not wrap past the limit.
        if (bytes < 0 || bytes > _limits.MaxCallBytes - _callBytes)
        {
            throw new CallRejectedException(TransportStatus.TooLarge, $"call needs more than the worker's limit of {_limits.MaxCallBytes} bytes");
        }

        _callBytes += bytes;

        var aligned = (int)Math.Min((bytes + 63) & ~63L, int.MaxValue);
        if (bytes <= ArenaSize && _arenaUsed + aligned <= ArenaSize)
        {
            var block = _arena + _arenaUsed;
            _arenaUsed += aligned;
            return block;
        }

        // One large block is kept between calls, up to the retained limit (see End): page-faulting a fresh 64 MiB
        // buffer on every call would cost more than moving the data.
        if (!_reusableInUse && bytes <= _reusableSize)
        {
            _reusableInUse = true;
            return _reusable;
        }

        try
        {
            // Fresh memory comes zeroed (calloc maps zero pages), so a guest never sees stale worker memory.
            var large = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(bytes, 1));
            if (!_reusableInUse)
            {
                NativeMemory.Free(_reusable);
                _reusable = large;
                _reusableSize = bytes;
                _reusableInUse = true;
            }
            else
            {
                _large.Add((nint)large);
            }

            return large;
        }
        catch (OutOfMemoryException)
        {
            throw new CallRejectedException(TransportStatus.TooLarge, $"cannot allocate {bytes} bytes for a call");
        }
    }
}
