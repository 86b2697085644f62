using System.Runtime.InteropServices;
using Ava.Transport.Control;
using Ava.Transport.Native;
using Ava.Transport.Ring;
using Ava.Transport.Stream;
using Ava.Transport.Tcp;
using Ava.Transport.Wire;
using Ava.Worker;
using Ava.Worker.RealLibraries;

namespace Ava.Fuzz.Targets;

/// <summary>A fault a fuzz input caused: anything but a refusal the worker's threat model allows.</summary>
public sealed class FuzzFaultException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One fuzz target: a name, what it covers, and the run of one input.</summary>
/// <param name="Name">The name run.sh and the tests use (also the folder of its seeds in tests/Fuzz/corpus).</param>
/// <param name="Covers">What the target exercises.</param>
/// <param name="Body">Runs one input (its own copy, which it may change); throws <see cref="FuzzFaultException"/> (or anything else) on a fault.</param>
public sealed record FuzzTarget(string Name, string Covers, Action<byte[]> Body)
{
    /// <summary>Runs one input (what libFuzzer hands over lies in shared memory: it is copied once).</summary>
    public void Run(ReadOnlySpan<byte> input) => Body(input.ToArray());
}

/// <summary>
/// The targets. Each runs the worker's own code on the input as a hostile guest's bytes: the same pipes, the same
/// <see cref="Tenant"/> loop and the same generated dispatch as `ava worker`, with real libraries that run on the CPU
/// (the avatest library, PoCL through the system's OpenCL loader, the CUDA test double), and handle ids numbered as in the
/// recordings the seeds come from. What ends a channel is the
/// verdict: a close, a peer gone, a malformed record or a refused call is the worker doing its job; any other exception
/// (an index out of range, a null dereference, an invalid cast) is a fault, and so is a signal, which kills the process.
/// </summary>
public static class FuzzTargets
{
    /// <summary>
    /// Memory one call may take in a target: enough for the recorded calls and for payloads of several chunks, little enough
    /// that an input asking for the most costs milliseconds, not the run.
    /// </summary>
    private static readonly CallLimits Limits = new(MaxCallBytes: 8L << 20, RetainedScratchBytes: 1L << 20, TeardownSeconds: 2);

    private const int RingCapacity = RingLayout.MinCapacity;

    private static readonly Lazy<ApiBackend> AvaTestApi = new(() => Bound(Ava.AvaTest.AvaTestApi.Backend, Path.Combine(Repository.Root, "artifacts/tests/lib/real/libavatest.so.1")));

    private static readonly Lazy<ApiBackend> OpenClApi = new(() =>
    {
        // The system's loader with PoCL alone: never an ICD of ours that a machine may have registered.
        Environment.SetEnvironmentVariable("OCL_ICD_VENDORS", File.Exists("/etc/OpenCL/vendors/pocl.icd") ? "/etc/OpenCL/vendors/pocl.icd" : null);
        var choice = new RealLibraryResolver(Ava.OpenCL.OpenCl.Backend.Descriptor).Resolve();
        var library = choice.Path ?? throw new InvalidOperationException($"no OpenCL library: {choice.Reason}");
        var backend = Bound(Ava.OpenCL.OpenCl.Backend, library);
        LaunchGuard.Install(backend, library);
        return backend;
    });

    private static readonly Lazy<ApiBackend> CudaApi = new(() => Bound(Ava.Cuda.Cuda.Backend, Path.Combine(Repository.Root, "artifacts/tests/cuda/libcudadouble.so")));

    private static readonly Lazy<ApiBackend> CudaRtApi = new(() => Bound(Ava.CudaRt.CudaRt.Backend, Path.Combine(Repository.Root, "artifacts/tests/cudart/libcudartdouble.so")));

    // The seed APIs against the project's reference devices, which the worker loads as it would the vendor's library.
    private static readonly Lazy<ApiBackend> MvncApi = new(() => Bound(Ava.Mvnc.Mvnc.Backend, Reference("libmvnc.so.0")));

    private static readonly Lazy<ApiBackend> GtiApi = new(() => Bound(Ava.Gti.Gti.Backend, Reference("libGTILibrary.so")));

    private static readonly Lazy<ApiBackend> QatApi = new(() => Bound(Ava.Qat.Qat.Backend, Reference("libqat_s.so")));

    private static readonly Lazy<ApiBackend> TfCApi = new(() => Bound(Ava.TfC.TfC.Backend, Reference("libtensorflow.so.1")));

    private static readonly Lazy<ApiBackend> AmorphOsApi = new(() => Bound(Ava.Fpga.AmorphOs.Backend, Reference("libava_aos_wrapper.so")));

    /// <summary>Every target.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("stream", "byte-stream framing (StreamPipe): record lengths, padding, chunks, WireLength, RecordReader slots and buffers", Stream),
        new("ring", "shared-memory ring framing (SpscRing) with hostile frames and headers, served by the avatest dispatch as over SHM", Ring),
        new("tcp", "the LZ4 framing of TCP and VSOCK channels (Lz4FramedSocket: frame headers, raw and compressed blocks) under the avatest dispatch", Tcp),
        new("control", "the control socket: frame lengths, the hello and its spec hash, control ops with and without descriptors (Tenant.Serve)", Control),
        new("admit", "the manager's admission frame (ManagerProtocol.ParseAdmit)", Admit),
        new("fence", "fence records of a channel (counts, channel and sequence pairs) before the avatest dispatch", Fence),
        new("avatest", "the generated avatest dispatch against the real test library (artifacts/tests/lib/real)", input => Channel(AvaTestApi, input)),
        new("opencl", "the generated OpenCL dispatch and its hand-written worker parts against PoCL, kernel launches through the launch guard", input => Channel(OpenClApi, input, launchesGuarded: true)),
        new("cuda", "the generated CUDA driver dispatch and its hand-written worker parts against the CPU test double", input => Channel(CudaApi, input)),
        new("cudart", "the generated CUDA runtime dispatch and its hand-written worker parts against the runtime's CPU test double", input => Channel(CudaRtApi, input)),
        new("mvnc", "the generated NCSDK dispatch against the reference device (artifacts/lib/reference)", input => Channel(MvncApi, input)),
        new("gti", "the generated GTI dispatch and its hand-written worker parts against the reference device", input => Channel(GtiApi, input)),
        new("qat", "the generated QuickAssist dispatch and its hand-written worker parts against the reference device", input => Channel(QatApi, input)),
        new("tensorflow", "the generated TensorFlow C dispatch and its hand-written worker parts against the reference library", input => Channel(TfCApi, input)),
        new("amorphos", "the generated AmorphOS dispatch against the reference device", input => Channel(AmorphOsApi, input)),
    ];

    /// <summary>The target named <paramref name="name"/>, or null.</summary>
    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string Reference(string library) => Path.Combine(Repository.Root, "artifacts/lib/reference", library);

    private static ApiBackend Bound(ApiBackend backend, string library)
    {
        if (!File.Exists(library))
        {
            throw new InvalidOperationException($"{library} is missing: build with publish.ps1 first");
        }

        backend.Bind(library);
        return backend;
    }

    /// <summary>Records of a byte-stream channel, each walked as generic slots and buffers, streamed payloads read or skipped.</summary>
    private static unsafe void Stream(byte[] input)
    {
        var socket = new InputSocket(input);
        using var pipe = new StreamPipe(socket);
        var scratch = (byte*)NativeMemory.Alloc(1 << 16);
        try
        {
            for (var records = 0; records < 1024; records++)
            {
                var reader = new RecordReader(pipe.Read());
                var streamed = 0;
                while (reader.Remaining >= RecordLayout.SlotSize)
                {
                    var kind = reader.ReadBuffer(out var length, out var inline);
                    if (kind == BufferKind.Inline && inline.Length != length)
                    {
                        throw new FuzzFaultException($"an inline buffer of {length} bytes came as {inline.Length}");
                    }

                    if (kind == BufferKind.Streamed && (reader.Flags & RecordFlags.HasStreamed) != 0)
                    {
                        // The three ways a worker takes streamed bytes, in turn: into memory, skipped, visited in place.
                        switch (streamed++ % 3)
                        {
                            case 0:
                                pipe.ReadStream(scratch, Math.Min(length, 1 << 16));
                                break;
                            case 1:
                                pipe.SkipStream(Math.Min(length, 1 << 20));
                                break;
                            default:
                                pipe.VisitStream(Math.Min(length, 1 << 20), new BoundsVisitor(Math.Min(length, 1 << 20)));
                                break;
                        }
                    }
                }

                reader.EnsureConsumed();
            }
        }
        catch (Exception e) when (e is ChannelClosedException or MalformedRecordException)
        {
            // The end of the input, or a record the pipe refused: what a hostile stream gets.
        }
        finally
        {
            NativeMemory.Free(scratch);
        }
    }

    /// <summary>
    /// A request ring whose every byte comes from the input: the input is the data area, frames (End and Kind words,
    /// records) as the guest commits them. Served by the avatest dispatch on the worker's ring path (SharedMemory).
    /// </summary>
    private static unsafe void Ring(byte[] input)
    {
        var api = AvaTestApi.Value;
        var size = RingLayout.SegmentSize(RingCapacity);
        var segment = (byte*)NativeMemory.AlignedAlloc((nuint)size, 4096);
        try
        {
            new Span<byte>(segment, (int)size).Clear();
            SpscRing.InitializeSegment(segment, RingCapacity);
            var data = input.AsSpan(0, Math.Min(input.Length, RingCapacity));
            KnownLibraryFaults.DefuseFrames(data);
            data.CopyTo(new Span<byte>(segment + RingLayout.DataAreaOffset(0, RingCapacity), RingCapacity));
            var gone = new GonePeer();
            var wait = new WaitPolicy(0, 1);
            var requests = new SpscRing(segment, 0, RingCapacity, gone, wait);
            var replies = new SpscRing(segment, 1, RingCapacity, gone, wait);
            Serve(api, requests, replies, sharedMemory: true);
        }
        finally
        {
            NativeMemory.AlignedFree(segment);
        }
    }

    /// <summary>The input as the bytes of a TCP channel connection: LZ4 frames carrying the records, as the worker reads them.</summary>
    private static void Tcp(byte[] input)
    {
        var api = AvaTestApi.Value;
        KnownLibraryFaults.Defuse(input);
        var (guest, worker) = UnixSocket.Pair();
        using (guest)
        {
            // Within what a socket pair holds, so that the whole input is there before the worker reads.
            guest.SendAll(input.AsSpan(0, Math.Min(input.Length, 128 * 1024)));
            guest.Shutdown();
            using var framed = new Lz4FramedSocket(worker);
            using var pipe = new StreamPipe(framed);
            Serve(api, pipe, pipe, sharedMemory: false);
        }
    }

    /// <summary>The input as what a guest sends on the control socket, served by <see cref="Tenant.Serve"/>.</summary>
    private static void Control(byte[] input)
    {
        var api = AvaTestApi.Value;
        var (guest, worker) = UnixSocket.Pair();
        using (guest)
        {
            // A socket pair holds a couple of hundred KiB; a longer input is cut (two largest frames fit).
            guest.SendAll(input.AsSpan(0, Math.Min(input.Length, 2 * ControlProtocol.MaxFrame + 4096)));
            guest.Shutdown();
            var tenant = new Tenant(api, worker, HandleTable.ReplayGeneration) { Limits = Limits, FenceWait = TimeSpan.Zero };
            Verdict(tenant.Serve());
        }
    }

    /// <summary>The input as the first frame on a connection to the manager.</summary>
    private static void Admit(byte[] input)
    {
        var (client, manager) = UnixSocket.Pair();
        using (client)
        using (manager)
        {
            client.SendAll(input.AsSpan(0, Math.Min(input.Length, ControlProtocol.MaxFrame + 4096)));
            client.Shutdown();
            try
            {
                var request = ManagerProtocol.ParseAdmit(ControlProtocol.ReadFrame(manager, new byte[ControlProtocol.MaxFrame]));
                if (request.Api.Length > ManagerProtocol.MaxField || request.Token.Length > ManagerProtocol.MaxField)
                {
                    throw new FuzzFaultException($"an admission with a {request.Api.Length}-character API and a {request.Token.Length}-character token passed");
                }
            }
            catch (Exception e) when (e is MalformedRecordException or EndOfStreamException or IOException or ArgumentException)
            {
                // What the manager's admission refuses (it catches these, and only these, per connection).
            }
        }
    }

    /// <summary>The input's first record made a fence (its flags forced), then the channel served as by <see cref="Channel"/>.</summary>
    private static void Fence(byte[] input)
    {
        if (input.Length >= RecordLayout.HeaderSize)
        {
            var flags = (RecordFlags)BitConverter.ToUInt16(input, RecordLayout.FlagsOffset) | RecordFlags.Fence;
            BitConverter.TryWriteBytes(input.AsSpan(RecordLayout.FlagsOffset), (ushort)flags);
        }

        Channel(AvaTestApi, input);
    }

    /// <summary>
    /// The input as a byte-stream channel's requests, served by the API's worker dispatch (<paramref name="launchesGuarded"/>:
    /// its kernel launches reach the library through <see cref="LaunchGuard"/>, so they stay in the input).
    /// </summary>
    private static void Channel(Lazy<ApiBackend> api, byte[] input, bool launchesGuarded = false)
    {
        KnownLibraryFaults.Defuse(input, launchesGuarded);
        var socket = new InputSocket(input);
        using var pipe = new StreamPipe(socket);
        Serve(api.Value, pipe, pipe, sharedMemory: false, socket.Shutdown);
    }

    private static void Serve(ApiBackend api, Ava.Transport.RecordPipe requests, Ava.Transport.RecordPipe replies, bool sharedMemory, Action? endInput = null)
    {
        // The control socket only carries callbacks here: its other end is closed, so a callback finds the guest gone.
        var (control, peer) = UnixSocket.Pair();
        peer.Dispose();
        using var tenant = new Tenant(api, control, HandleTable.ReplayGeneration) { Limits = Limits, FenceWait = TimeSpan.Zero };

        // On a thread of its own, as a shadow thread: state the real library keeps per thread (the CUDA current context)
        // ends with the channel, and never leaks into the next input.
        Exception? ended = null;
        var shadow = tenant.StartChannel(requests, replies, sharedMemory, end => ended = end);

        // The input's guest is gone once its bytes are read, but the control socket that would tell the tenant so is not
        // served here: a shadow still inside the library after a while (a wait on a user event the input never set,
        // which natively would wait for ever too) is ended as a real worker ends it when its guest goes: the channel ends
        // (the rest of the input is not read), then the departure, which the shadow comes back from and sees its end.
        if (!shadow.Join(TimeSpan.FromSeconds(3)))
        {
            endInput?.Invoke();
            tenant.Dispose();
            shadow.Join();
        }

        Verdict(ended);
    }

    /// <summary>Throws <see cref="FuzzFaultException"/> unless the channel or connection ended as the threat model says it may.</summary>
    private static void Verdict(Exception? ended)
    {
        // IOException: a send the guest did not take (it shut its end), which ends its connection as the threat model says.
        if (ended is null or ChannelClosedException or MalformedRecordException or CallRejectedException or IOException)
        {
            return;
        }

        throw new FuzzFaultException($"the worker ended a channel with {ended.GetType().Name}: {ended.Message}", ended);
    }

    /// <summary>A guest whose bytes are all there: once they are read, it is gone.</summary>
    private sealed class GonePeer : IPeerMonitor
    {
        public bool PeerAlive() => false;
    }

    /// <summary>Checks that a visited chunk lies within the stream.</summary>
    private sealed unsafe class BoundsVisitor(long length) : Ava.Transport.IChunkVisitor
    {
        public void Visit(byte* data, int chunk, long offset)
        {
            if (chunk <= 0 || offset < 0 || offset + chunk > length)
            {
                throw new FuzzFaultException($"a chunk of {chunk} bytes at {offset} of a {length}-byte stream");
            }

            // Touch both ends: a chunk that is not where the pipe says faults here.
            _ = data[0] + data[chunk - 1];
        }
    }

    /// <summary>The input as a byte stream: receives take it in order, then end; what is sent is dropped.</summary>
    private sealed class InputSocket(byte[] input) : IStreamSocket
    {
        private int _read;
        private volatile bool _shut;

        public void SendAll(ReadOnlySpan<byte> data)
        {
        }

        public void ReceiveExactly(Span<byte> buffer)
        {
            if (_shut)
            {
                throw new EndOfStreamException("input ended");
            }

            var n = Math.Min(buffer.Length, input.Length - _read);
            input.AsSpan(_read, n).CopyTo(buffer);
            _read += n;
            if (n < buffer.Length)
            {
                throw new EndOfStreamException("input ended");
            }
        }

        public bool PollReadable(int timeoutMs) => true;

        /// <summary>Ends the input for the reader, as a guest gone ends its socket (from another thread).</summary>
        public void Shutdown() => _shut = true;

        public void Dispose()
        {
        }
    }
}

/// <summary>Where the repository is: <c>AVA_REPO</c>, else the folder above this program that holds Ava.slnx.</summary>
public static class Repository
{
    /// <summary>The repository's root folder.</summary>
    public static string Root { get; } = Environment.GetEnvironmentVariable("AVA_REPO") is { Length: > 0 } root ? root : Find(AppContext.BaseDirectory);

    private static string Find(string from)
    {
        for (var folder = new DirectoryInfo(from); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Ava.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Ava.slnx above {from}: set AVA_REPO");
    }
}
