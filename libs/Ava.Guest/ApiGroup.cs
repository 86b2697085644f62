using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ava.Transport;
using Ava.Transport.Wire;

namespace Ava.Guest;

/// <summary>
/// An API group in one guest process ([ApiGroup]: the CUDA driver and runtime): the drop-in of the API that owns the
/// group (its name is the group's) keeps the one connection to the one worker, and each guest thread's one channel on
/// it; the drop-ins of the other APIs hand their records to it. Each drop-in is its own NativeAOT image with its own
/// managed heap, so only C crosses between them: the owner hands out a table of C entry points
/// (<see cref="OwnerTable"/>, found by the other images through an export the API already has: CUDA's
/// cuGetExportTable, under <see cref="TableId"/>), and works on the calling thread's channel of its own connection for
/// each. A record of another API is copied once into the owner's ring, marked with the API's member index
/// (<see cref="RecordFlags.GroupMember"/>) and the owner's sequence; its reply is read in place by the caller.
/// Deferred outputs of every API are written by the owner, so outputs of async calls of both APIs land in call order.
/// See libs/Ava.Guest/README.md, "API groups".
/// </summary>
public static unsafe class ApiGroup
{
    /// <summary>The id the owner's table is asked for by (the UUID of CUDA's export tables): "AvA group table v1".</summary>
    public static ReadOnlySpan<byte> TableId => "AvAgroupTable v1"u8;

    private static readonly object s_gate = new();
    private static ApiConnection? s_owner;
    private static Table* s_table;

    /// <summary>The images' callback entries by callback slot of the owner's table, for the callbacks other APIs registered.</summary>
    private static readonly ConcurrentDictionary<ulong, (nint Dispatch, bool Persistent)> s_foreignCallbacks = new();

    /// <summary>
    /// The C table through which the other APIs of <paramref name="owner"/>'s group reach its connection (made once,
    /// never freed: the image is never unloaded while the process runs).
    /// </summary>
    public static nint OwnerTable(ApiConnection owner)
    {
        lock (s_gate)
        {
            if (s_table == null)
            {
                s_owner = owner;
                var table = (Table*)NativeMemory.AllocZeroed((nuint)sizeof(Table));
                table->Size = sizeof(Table);
                table->Join = &Join;
                table->Submit = &Submit;
                table->Stream = &Stream;
                table->Await = &Await;
                table->Release = &Release;
                table->ReadStream = &ReadStream;
                table->SkipStream = &SkipStream;
                table->Defer = &Defer;
                table->DropDeferred = &DropDeferred;
                table->CanDefer = &CanDefer;
                table->RegisterCallback = &RegisterCallback;
                table->FindState = &FindState;
                table->ChangeState = &ChangeState;
                table->TakeIntoUse = &TakeIntoUse;
                s_table = table;
            }

            return (nint)s_table;
        }
    }

    /// <summary>Whether a callback slot of the owner's connection belongs to another image; then it runs there.</summary>
    internal static bool TryDispatchForeign(ulong slot, ReadOnlySpan<byte> frame, nint function, nint userData)
    {
        if (s_foreignCallbacks.IsEmpty || !s_foreignCallbacks.TryGetValue(slot, out var entry))
        {
            return false;
        }

        if (!entry.Persistent)
        {
            s_foreignCallbacks.TryRemove(slot, out _);
        }

        fixed (byte* bytes = frame)
        {
            ((delegate* unmanaged<byte*, int, nint, nint, void>)entry.Dispatch)(bytes, frame.Length, function, userData);
        }

        return true;
    }

    /// <summary>Statuses of the table's entries: 0 or more is success.</summary>
    internal const int Failed = -1;

    /// <summary>The owner's worker refused the calling thread's channel (a bound of the tenant).</summary>
    internal const int Refused = -2;

    private static GuestChannel? OwnerChannel() => s_owner!.Channel();

    [UnmanagedCallersOnly]
    private static int Join(int number, byte* hash, int hashLength, byte* refusal, int refusalCapacity, int* budget)
    {
        try
        {
            var member = s_owner!.JoinMember(number, System.Text.Encoding.ASCII.GetString(hash, hashLength), out var reason, out var records);
            *budget = records;
            if (member < 0)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(reason ?? "refused");
                var n = Math.Min(bytes.Length, refusalCapacity - 1);
                bytes.AsSpan(0, n).CopyTo(new Span<byte>(refusal, n));
                refusal[n] = 0;
            }

            return member;
        }
        catch (Exception e)
        {
            GuestLog.Write($"a join of API {number} failed: {e.Message}");
            return Failed;
        }
    }

    [UnmanagedCallersOnly]
    private static long Submit(int member, byte* record, int length)
    {
        try
        {
            // What the call changes of this image's [GuestState]s the member says itself, after it (ForeignStates).
            return OwnerChannel() is { } channel ? channel.CommitForeign(new ReadOnlySpan<byte>(record, length), member) : Failed;
        }
        catch (ChannelRefusedException)
        {
            return Refused;
        }
        catch (Exception e)
        {
            GuestLog.CallFailed("a record of the group", e);
            return Failed;
        }
    }

    [UnmanagedCallersOnly]
    private static int Stream(byte* data, long length)
    {
        try
        {
            OwnerChannel()!.StreamForeign(data, length);
            return 0;
        }
        catch (Exception e)
        {
            GuestLog.CallFailed("a stream of the group", e);
            return Failed;
        }
    }

    [UnmanagedCallersOnly]
    private static int Await(uint ownerSequence, uint callerSequence, byte** record, int* length)
    {
        try
        {
            var reply = OwnerChannel()!.AwaitForeign(ownerSequence, callerSequence);
            *record = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(reply));
            *length = reply.Length;
            return 0;
        }
        catch (ChannelRefusedException)
        {
            return Refused;
        }
        catch (Exception e)
        {
            GuestLog.CallFailed("a reply of the group", e);
            return Failed;
        }
    }

    [UnmanagedCallersOnly]
    private static int Release()
    {
        try
        {
            OwnerChannel()!.ReleaseForeign();
            return 0;
        }
        catch (Exception e)
        {
            GuestLog.CallFailed("a reply of the group", e);
            return Failed;
        }
    }

    [UnmanagedCallersOnly]
    private static int ReadStream(byte* destination, long length)
    {
        try
        {
            OwnerChannel()!.ReadStreamForeign(destination, length);
            return 0;
        }
        catch (Exception e)
        {
            GuestLog.CallFailed("a streamed output of the group", e);
            return Failed;
        }
    }

    [UnmanagedCallersOnly]
    private static int SkipStream(long length)
    {
        try
        {
            OwnerChannel()!.SkipStreamForeign(length);
            return 0;
        }
        catch (Exception e)
        {
            GuestLog.CallFailed("a streamed output of the group", e);
            return Failed;
        }
    }

    [UnmanagedCallersOnly]
    private static int Defer(uint ownerSequence, byte* destination, long bytes)
    {
        try
        {
            OwnerChannel()!.AddDeferred(ownerSequence, destination, bytes);
            return 0;
        }
        catch (Exception e)
        {
            GuestLog.CallFailed("a deferred output of the group", e);
            return Failed;
        }
    }

    [UnmanagedCallersOnly]
    private static int DropDeferred(uint ownerSequence)
    {
        try
        {
            OwnerChannel()!.DropDeferred(ownerSequence);
            return 0;
        }
        catch (Exception e)
        {
            GuestLog.CallFailed("a deferred output of the group", e);
            return Failed;
        }
    }

    [UnmanagedCallersOnly]
    private static int CanDefer(int count)
    {
        try
        {
            return OwnerChannel() is { } channel && channel.CanDefer(count) ? 1 : 0;
        }
        catch (Exception)
        {
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    private static long RegisterCallback(nint function, nint userData, int persistent, nint dispatch)
    {
        try
        {
            var slot = s_owner!.RegisterCallback(function, userData, 0, 0, persistent != 0);
            if (slot != 0)
            {
                s_foreignCallbacks[slot] = (dispatch, persistent != 0);
            }

            return (long)slot;
        }
        catch (Exception e)
        {
            GuestLog.CallFailed("a callback of the group", e);
            return 0;
        }
    }

    /// <summary>
    /// The slot of this image's [GuestState] <paramref name="name"/> (UTF-8), with <see cref="PerThreadState"/> when it is
    /// per thread; -1 when the owner's spec declares no such state.
    /// </summary>
    [UnmanagedCallersOnly]
    private static int FindState(byte* name, int length)
    {
        try
        {
            var states = s_owner!.Descriptor.GuestStates;
            var wanted = System.Text.Encoding.UTF8.GetString(name, length);
            for (var slot = 0; slot < states.Count; slot++)
            {
                if (states[slot] == wanted)
                {
                    return slot | (s_owner.Descriptor.GuestStatesPerThread[slot] ? PerThreadState : 0);
                }
            }

            return -1;
        }
        catch (Exception e)
        {
            GuestLog.CallFailed("a state lookup of the group", e);
            return -1;
        }
    }

    /// <summary>Marks a per-thread state in <see cref="FindState"/>'s answer.</summary>
    internal const int PerThreadState = 0x100;

    /// <summary>A member's call changed state <paramref name="slot"/> of this image (-1: a state it cannot name, so every one).</summary>
    [UnmanagedCallersOnly]
    private static void ChangeState(int slot, int allThreads)
    {
        try
        {
            if (slot < 0)
            {
                GuestStates.ChangeAll();
                return;
            }

            GuestStates.Change(slot, s_owner!.Descriptor.GuestStatesPerThread[slot], allThreads != 0);
        }
        catch (Exception e)
        {
            GuestLog.CallFailed("a state change of the group", e);
            GuestStates.ChangeAll();
        }
    }

    /// <summary>
    /// A member's call reached the worker, whose library takes per-thread state <paramref name="slot"/> into use by
    /// itself ([LazyGuestState]): unless it is in use on this thread already, it and the states of
    /// <paramref name="also"/> (bits by slot) may have changed; <paramref name="inUse"/>: the call proved it in use.
    /// </summary>
    [UnmanagedCallersOnly]
    private static void TakeIntoUse(int slot, int also, int inUse)
    {
        try
        {
            if (GuestStates.InUse(slot))
            {
                return;
            }

            var perThread = s_owner!.Descriptor.GuestStatesPerThread;
            GuestStates.Change(slot, perThread: true, allThreads: false);
            for (var other = 0; other < perThread.Count; other++)
            {
                if ((also & (1 << other)) != 0)
                {
                    GuestStates.Change(other, perThread[other], allThreads: false);
                }
            }

            if (inUse != 0)
            {
                GuestStates.MarkInUse(slot);
            }
        }
        catch (Exception e)
        {
            GuestLog.CallFailed("a state change of the group", e);
            GuestStates.ChangeAll();
        }
    }

    /// <summary>The owner's C table (the same layout in every image of the group; <see cref="Size"/> first).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Table
    {
        public long Size;
        public delegate* unmanaged<int, byte*, int, byte*, int, int*, int> Join;
        public delegate* unmanaged<int, byte*, int, long> Submit;
        public delegate* unmanaged<byte*, long, int> Stream;
        public delegate* unmanaged<uint, uint, byte**, int*, int> Await;
        public delegate* unmanaged<int> Release;
        public delegate* unmanaged<byte*, long, int> ReadStream;
        public delegate* unmanaged<long, int> SkipStream;
        public delegate* unmanaged<uint, byte*, long, int> Defer;
        public delegate* unmanaged<uint, int> DropDeferred;
        public delegate* unmanaged<int, int> CanDefer;
        public delegate* unmanaged<nint, nint, int, nint, long> RegisterCallback;
        public delegate* unmanaged<byte*, int, int> FindState;
        public delegate* unmanaged<int, int, void> ChangeState;
        public delegate* unmanaged<int, int, int, void> TakeIntoUse;
    }
}

/// <summary>
/// This image's membership of a group owned by another image: the owner's table and the member index its records
/// carry. Calls go through <see cref="GroupPipe"/>, one per guest thread.
/// </summary>
internal sealed unsafe class GroupLink(nint table, int member, int budget)
{
    public ApiGroup.Table* Table { get; } = (ApiGroup.Table*)table;

    public int Member { get; } = member;

    /// <summary>Largest record the owner's channels take.</summary>
    public int Budget { get; } = budget;

    /// <summary>
    /// Joins the group whose owner's table is <paramref name="table"/> as API <paramref name="api"/>; null when the
    /// owner refused (the reason is logged): the image then keeps a connection of its own.
    /// </summary>
    public static GroupLink? Join(nint table, ApiDescriptor api)
    {
        var t = (ApiGroup.Table*)table;
        if (t->Size < sizeof(ApiGroup.Table))
        {
            GuestLog.Write($"{api.Name}: the group's owner has an older table ({t->Size} bytes): keeping a worker of our own");
            return null;
        }

        var hash = System.Text.Encoding.ASCII.GetBytes(api.SpecHash);
        var refusal = stackalloc byte[512];
        refusal[0] = 0;
        int budget;
        int member;
        fixed (byte* h = hash)
        {
            member = t->Join(api.Number, h, hash.Length, refusal, 512, &budget);
        }

        if (member <= 0)
        {
            GuestLog.Write($"{api.Name}: the {api.Group} group's connection refused us ({Marshal.PtrToStringUTF8((nint)refusal)}): keeping a worker of our own");
            return null;
        }

        GuestLog.Write($"{api.Name}: calls travel on the {api.Group} group's connection as member {member}");
        return new GroupLink(table, member, budget);
    }

    /// <summary>Registers a callback with the owner's connection; its record then runs <paramref name="dispatch"/> here.</summary>
    public ulong RegisterCallback(nint function, nint userData, bool persistent, nint dispatch) =>
        (ulong)Table->RegisterCallback(function, userData, persistent ? 1 : 0, dispatch);
}

/// <summary>
/// A guest thread's channel of a group member, as a pipe: requests are staged in memory of ours and handed to the
/// owner whole (<see cref="Publish"/>), replies and streamed outputs are read through the owner, in place.
/// </summary>
internal sealed unsafe class GroupPipe(GroupLink link) : RecordPipe, IDisposable
{
    private const int Pairs = 16;
    private byte* _buffer;
    private int _capacity;
    private uint _lastCaller;
    private uint _lastOwner;

    // The owner's sequence of each of our recent calls (a deferred output is added just after its call's Commit).
    private readonly uint[] _callers = new uint[Pairs];
    private readonly uint[] _owners = new uint[Pairs];
    private int _next;

    public override int MaxRecordLength => link.Budget;

    public override Span<byte> Reserve(int length)
    {
        if (length > _capacity)
        {
            NativeMemory.Free(_buffer);
            _capacity = Math.Max(length, 4096);
            _buffer = (byte*)NativeMemory.Alloc((nuint)_capacity);
        }

        return new Span<byte>(_buffer, length);
    }

    public override void Publish(int length, bool wake)
    {
        var caller = RecordLayout.ReadSequence(new ReadOnlySpan<byte>(_buffer, length));
        var owner = link.Table->Submit(link.Member, _buffer, length);
        if (owner < 0)
        {
            Check((int)owner);
        }

        _lastCaller = caller;
        _lastOwner = (uint)owner;
        _callers[_next] = caller;
        _owners[_next] = (uint)owner;
        _next = (_next + 1) % Pairs;
    }

    /// <summary>The owner's sequence of our call <paramref name="caller"/>.</summary>
    public uint OwnerSequence(uint caller)
    {
        for (var i = 0; i < Pairs; i++)
        {
            if (_callers[i] == caller)
            {
                return _owners[i];
            }
        }

        throw new InvalidOperationException($"call #{caller} was not sent through the group");
    }

    public override void WriteStream(byte* source, long length) => Check(link.Table->Stream(source, length));

    public override ReadOnlySpan<byte> Read()
    {
        byte* record;
        int length;
        Check(link.Table->Await(_lastOwner, _lastCaller, &record, &length));
        return new ReadOnlySpan<byte>(record, length);
    }

    public override bool TryRead(out ReadOnlySpan<byte> record)
    {
        // Outputs of async calls never come here: the owner takes them in and writes them where they belong.
        record = default;
        return false;
    }

    public override void Release() => Check(link.Table->Release());

    public override void ReadStream(byte* destination, long length) => Check(link.Table->ReadStream(destination, length));

    public override void SkipStream(long length) => Check(link.Table->SkipStream(length));

    public override void VisitStream(long length, IChunkVisitor visitor) =>
        throw new NotSupportedException("a group member's calls read streamed outputs through the owner's channel");

    public override void FillStream(long length, IChunkVisitor visitor) =>
        throw new NotSupportedException("a group member's calls write streamed inputs through the owner's channel");

    public override bool WaitForData(int timeoutMilliseconds) => true;

    public void Defer(uint caller, void* destination, long bytes) => Check(link.Table->Defer(OwnerSequence(caller), (byte*)destination, bytes));

    public void DropDeferred(uint caller) => Check(link.Table->DropDeferred(OwnerSequence(caller)));

    public bool CanDefer(int count) => link.Table->CanDefer(count) != 0;

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    /// <summary>The staging memory of a thread that has exited goes with its channel (nothing else refers to it).</summary>
    ~GroupPipe() => Free();

    private void Free()
    {
        NativeMemory.Free(_buffer);
        _buffer = null;
        _capacity = 0;
    }

    private static void Check(int status)
    {
        if (status == ApiGroup.Refused)
        {
            throw new ChannelRefusedException("the worker refused this thread's channel: the tenant's principal has as many channels as it may");
        }

        if (status < 0)
        {
            throw new IOException("the API group's connection failed (AVA_LOG says why)");
        }
    }
}
