using System.Runtime.InteropServices;
using Ava.Transport;
using Ava.Transport.Native;
using Ava.Transport.Stream;
using Ava.Transport.Wire;

namespace Ava.Worker.Tests;

/// <summary>
/// A <see cref="WorkerCall"/> of a tenant with no real library and no guest process: enough to decode inline buffers as
/// generated dispatch does. Records are built in native memory, as they lie in a ring, so the pointers the call hands
/// out stay valid.
/// </summary>
internal sealed unsafe class CallHarness : IDisposable
{
    private readonly UnixSocket _guest;
    private readonly StreamPipe _requests = new(new NoSocket());
    private readonly StreamPipe _replies = new(new NoSocket());
    private readonly List<nint> _blocks = [];
    private uint _sequence;

    public CallHarness(CallLimits? limits = null)
    {
        var (worker, guest) = UnixSocket.Pair();
        _guest = guest;
        Tenant = new Tenant(new NoBackend(), worker) { Limits = limits ?? CallLimits.Default };
        Call = new WorkerCall(Tenant, _requests, _replies);
    }

    public Tenant Tenant { get; }

    public WorkerCall Call { get; }

    /// <summary>Another channel's call state of the same tenant (the caller disposes it: the channel closes).</summary>
    public WorkerCall OtherChannel() => new(Tenant, _requests, _replies);

    /// <summary>Starts the next call: its scratch memory and its count of bytes start again.</summary>
    public void Begin()
    {
        Call.End();
        Call.Begin(++_sequence);
    }

    /// <summary>A record in native memory holding <paramref name="payload"/> as its one inline buffer.</summary>
    public NativeRecord InlineRecord(ReadOnlySpan<byte> payload)
    {
        var size = RecordLayout.HeaderSize + (int)RecordLayout.InlineBufferSize(payload.Length);
        var record = Allocate(size);
        var w = new RecordWriter(new Span<byte>(record, size));
        w.WriteInlineBuffer(payload);
        w.Finish(1, RecordFlags.None, _sequence, 0);
        return new NativeRecord((nint)record, size);
    }

    /// <summary>Native memory that lives as long as the harness.</summary>
    public byte* Allocate(long bytes)
    {
        var block = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(bytes, 1));
        _blocks.Add((nint)block);
        return block;
    }

    public void Dispose()
    {
        Call.Dispose();
        Tenant.Dispose();
        _guest.Dispose();
        _requests.Dispose();
        _replies.Dispose();
        foreach (var block in _blocks)
        {
            NativeMemory.Free((void*)block);
        }
    }

    /// <summary>Decodes a record's one buffer as generated dispatch does: its descriptor read, then the call's decoder.</summary>
    public delegate void Decoder(ref RecordReader r, BufferKind kind, long length, ReadOnlySpan<byte> inline);

    /// <summary>Reads the buffer of <paramref name="record"/> and hands it to <paramref name="decode"/>.</summary>
    public static void Decode(NativeRecord record, Decoder decode)
    {
        var r = record.Reader();
        var kind = r.ReadBuffer(out var length, out var inline);
        decode(ref r, kind, length, inline);
    }

    /// <summary>No real library: these tests never dispatch.</summary>
    private sealed class NoBackend() : ApiBackend(new ApiDescriptor("test", 0, "1.0", "libtest.so.1", "0", ["control"], [FunctionFlags.None], [], []))
    {
        protected override nint[] RealFunctions { get; } = [0];

        public override void Dispatch(WorkerCall context, ref RecordReader record) => throw new InvalidOperationException("no dispatch in these tests");

        public override void Release(int handleType, nint real)
        {
        }
    }

    /// <summary>The pipes are never read or written here: only inline buffers are decoded.</summary>
    private sealed class NoSocket : IStreamSocket
    {
        public void SendAll(ReadOnlySpan<byte> data) => throw new InvalidOperationException("nothing is sent in these tests");

        public void ReceiveExactly(Span<byte> buffer) => throw new InvalidOperationException("nothing is received in these tests");

        public bool PollReadable(int timeoutMs) => false;

        public void Shutdown()
        {
        }

        public void Dispose()
        {
        }
    }
}

/// <summary>A record in native memory, where a ring would hold it.</summary>
internal readonly unsafe record struct NativeRecord(nint Address, int Length)
{
    public RecordReader Reader() => new(new ReadOnlySpan<byte>((void*)Address, Length));
}
