using System.Buffers.Binary;
using Ava.Tests;
using Ava.Transport.Control;
using Ava.Transport.Native;
using Ava.Transport.Ring;
using Ava.Transport.Tcp;
using Ava.Transport.Wire;

namespace Ava.Fuzz.Tests.Wire;

/// <summary>The channels a guest reaches a worker on.</summary>
public enum WireChannel
{
    /// <summary>Shared-memory rings in a memfd passed on the control socket (LOCAL, SHM).</summary>
    Ring,

    /// <summary>A per-thread Unix socket passed on the control socket (UNIX).</summary>
    Unix,

    /// <summary>TCP: control and channel connections handed to the worker over its manager link, the channel LZ4-framed.</summary>
    Tcp,

    /// <summary>VSOCK loopback, as TCP.</summary>
    Vsock,
}

/// <summary>How a worker process ended after one hostile session.</summary>
/// <param name="Status">Its exit status (128 + signal when killed); -1 when it had to be killed.</param>
/// <param name="Log">Its diagnostics.</param>
public sealed record WireOutcome(int Status, string Log)
{
    /// <summary>It did not end within the bound.</summary>
    public bool Hung => Status < 0;
}

/// <summary>
/// A fresh `ava worker` driven over one channel with a session's bytes as a hostile guest sends them: the hello, one
/// channel, the requests, then the guest goes away. With <c>rewriteRing</c> (ring only) a second thread rewrites what
/// was published (headers, lengths, payload bytes, NUL terminators, the positions) while the worker reads it.
/// </summary>
internal static unsafe partial class WireWorker
{
    private const int RingCapacity = 1 << 20;

    /// <summary>How long a session may take, from the worker's start to its exit.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static readonly Lazy<bool> VsockLoopback = new(() =>
    {
        try
        {
            var (client, server) = Connected(WireChannel.Vsock);
            client.Dispose();
            server.Dispose();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    });

    /// <summary>
    /// The largest peak resident size of the workers this process has reaped, in KiB (getrusage(RUSAGE_CHILDREN): the
    /// harness's only children are its workers); -1 when the kernel does not say.
    /// </summary>
    public static long PeakWorkerKiB()
    {
        // struct rusage on x86-64 Linux: two timevals (32 bytes), then ru_maxrss, then 13 more longs.
        var usage = stackalloc long[18];
        return GetRusage(-1, usage) == 0 ? usage[4] : -1;
    }

    /// <summary>Whether this machine carries VSOCK to itself (the vsock_loopback transport).</summary>
    public static bool HasVsockLoopback => VsockLoopback.Value;

    public static WireOutcome Run(WireChannel channel, string api, byte[] hello, byte[] requests, bool rewriteRing, int seed)
    {
        var log = Path.Combine(Path.GetTempPath(), $"ava-wire-{Guid.NewGuid():N}.log");

        // A capturing worker numbers its handles as the recording's did, so the recorded ids name live objects.
        var capture = Path.Combine(Path.GetTempPath(), $"ava-wire-{Guid.NewGuid():N}");
        var linked = channel is WireChannel.Tcp or WireChannel.Vsock;
        var (ours, theirs) = UnixSocket.Pair();
        var pid = ProcessSpawner.Spawn(Repo.TestAva, [Repo.TestAva, "worker", "--api", api, linked ? "--link" : "--fd", "3"], Environment(log, capture), [(theirs.Fd, 3)]);
        theirs.Dispose();
        var deadline = System.Environment.TickCount64 + (long)Bound.TotalMilliseconds;
        var control = ours;
        try
        {
            if (linked)
            {
                var (client, server) = Connected(channel);
                using (server)
                {
                    SendLink(ours, 32, server.Fd);
                }

                control = client;
            }

            Drive(channel, control, ours, hello, requests, rewriteRing, new Random(seed), pid, deadline);
        }
        catch (Exception e) when (e is IOException or MalformedRecordException or ArgumentException)
        {
            // The worker hung up on the hostile guest, or refused it: how its process ended says whether that was clean.
        }
        finally
        {
            Close(control);
        }

        // The link stays until the worker is gone, as the manager's does: the worker reports its guest's departure on it.
        var status = WaitExit(pid, deadline);
        Close(ours);
        var text = File.Exists(log) ? File.ReadAllText(log) : "";
        File.Delete(log);
        if (Directory.Exists(capture))
        {
            Directory.Delete(capture, recursive: true);
        }

        return new WireOutcome(status, text);
    }

    private static void Drive(WireChannel channel, UnixSocket control, UnixSocket link, byte[] hello, byte[] requests, bool rewriteRing, Random random, int pid, long deadline)
    {
        control.SendAll(hello);
        if (!control.PollReadable(10_000) || ControlProtocol.ReadHelloAck(control) is not null)
        {
            return;
        }

        switch (channel)
        {
            case WireChannel.Ring:
                DriveRing(control, requests, rewriteRing, random, deadline);
                break;
            case WireChannel.Unix:
                var (mine, worker) = UnixSocket.Pair();
                using (worker)
                {
                    ControlProtocol.SendOpenStreamChannel(control, worker.Fd);
                }

                DriveStream(mine, requests, deadline);
                break;
            default:
                var (client, server) = Connected(channel);
                using (server)
                {
                    SendLink(link, 33, server.Fd);
                }

                DriveStream(client, Framed(requests, random), deadline);
                break;
        }
    }

    /// <summary>The requests as a producer in the request ring publishes them, the replies drained, the ring optionally rewritten.</summary>
    private static void DriveRing(UnixSocket control, byte[] requests, bool rewriteRing, Random random, long deadline)
    {
        using var segment = SharedSegment.Create("ava-wire", RingLayout.SegmentSize(RingCapacity));
        SpscRing.InitializeSegment(segment.Base, RingCapacity);
        var peer = new Peer(control, deadline);
        var wait = new WaitPolicy(20, 20);
        var producer = new SpscRing(segment.Base, 0, RingCapacity, peer, wait);
        var replies = new SpscRing(segment.Base, 1, RingCapacity, peer, wait);
        ControlProtocol.SendOpenChannel(control, segment.Fd, segment.Size);
        var done = false;
        var activity = System.Environment.TickCount64;
        var drain = new Thread(() =>
        {
            try
            {
                while (!Volatile.Read(ref done))
                {
                    if (replies.TryRead(out _))
                    {
                        replies.Release();
                        Volatile.Write(ref activity, System.Environment.TickCount64);
                    }
                    else
                    {
                        replies.WaitForData(20);
                    }
                }
            }
            catch (Exception e) when (e is IOException or MalformedRecordException)
            {
                // A reply ring the worker left in a state we do not follow: the session is over for the drain.
            }
        }) { IsBackground = true };
        drain.Start();
        var rewriter = rewriteRing ? new Thread(() => Rewrite(segment.Base, producer, random.Next(), () => Volatile.Read(ref done))) { IsBackground = true } : null;
        rewriter?.Start();
        try
        {
            foreach (var (offset, length) in Records.Pieces(requests, RingCapacity / 4))
            {
                var span = producer.Reserve(length);
                requests.AsSpan(offset, length).CopyTo(span);
                producer.Publish(length, wake: true);
            }

            Quiet(ref activity, deadline);
        }
        finally
        {
            Volatile.Write(ref done, true);
            drain.Join();
            rewriter?.Join();
        }
    }

    /// <summary>
    /// Rewrites the request ring under the worker: the guest owns every byte of it at every moment. Aimed at what the
    /// worker checks before it uses: frames' End words, headers and lengths of the records just published, payload bytes
    /// (a string's NUL among them), and the reply ring's consumer position.
    /// </summary>
    private static void Rewrite(byte* segment, SpscRing producer, int seed, Func<bool> done)
    {
        var random = new Random(seed);
        var data = segment + RingLayout.DataAreaOffset(0, RingCapacity);
        var replyControl = segment + RingLayout.ControlOffset(1);
        while (!done())
        {
            var published = producer.PublishedPosition;
            var at = (int)((published - random.Next(4096)) & (RingCapacity - 1));
            switch (random.Next(20))
            {
                case < 6:
                    *(uint*)(data + (at & ~15)) = random.Next(2) == 0 ? (uint)random.Next(1 << 20) : uint.MaxValue - (uint)random.Next(64);
                    break;
                case < 11:
                    data[at] = 0;
                    break;
                case < 16:
                    data[at] = (byte)(1 + random.Next(255));
                    break;
                case < 18:
                    *(ushort*)(data + (at & ~15) + RecordLayout.FlagsOffset) = (ushort)random.Next(1 << 11);
                    break;
                case 18:
                    // A frame's End word (or, at a record's start, its length and function): a frame that claims more or
                    // less than was written, or that commits a frame the guest never wrote.
                    Volatile.Write(ref *(long*)(data + (at & ~15)), published + (random.Next(2) == 0 ? random.Next(1 << 22) : -random.Next(1 << 22)));
                    break;
                default:
                    Volatile.Write(ref *(long*)(replyControl + RingLayout.ConsumerPosition), random.NextInt64());
                    break;
            }

            if (random.Next(8) == 0)
            {
                Thread.Yield();
            }
        }
    }

    /// <summary>The bytes written to a stream channel while what comes back is drained; the socket is shut at the end.</summary>
    private static void DriveStream(UnixSocket socket, byte[] bytes, long deadline)
    {
        var activity = System.Environment.TickCount64;
        var drain = new Thread(() =>
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (socket.Receive(buffer) > 0)
                {
                    Volatile.Write(ref activity, System.Environment.TickCount64);
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // Reset or shut down: the session is over for the drain.
            }
        }) { IsBackground = true };
        drain.Start();
        var send = Task.Run(() => socket.SendAll(bytes));
        try
        {
            // A worker that stops reading (a call still in the library) makes the guest give up, as a dying guest would.
            if (send.Wait(TimeSpan.FromMilliseconds(Math.Max(0, deadline - System.Environment.TickCount64 - 10_000))))
            {
                Quiet(ref activity, deadline);
            }
        }
        catch (AggregateException e) when (e.InnerException is IOException)
        {
            // The worker hung up before it took everything.
        }
        finally
        {
            Close(socket);
            drain.Join(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>
    /// The requests in the LZ4 framing of a TCP or VSOCK channel, raw frames (wire length equal to raw length) of up to
    /// 64 KiB; one session in four has bits of the framed bytes flipped, frame headers included.
    /// </summary>
    private static byte[] Framed(byte[] requests, Random random)
    {
        var framed = new List<byte>(requests.Length + 64);
        Span<byte> header = stackalloc byte[Lz4FramedSocket.HeaderSize];
        for (var at = 0; at < requests.Length; at += 64 * 1024)
        {
            var part = requests.AsSpan(at, Math.Min(64 * 1024, requests.Length - at));
            BinaryPrimitives.WriteInt32LittleEndian(header, part.Length);
            BinaryPrimitives.WriteInt32LittleEndian(header[4..], part.Length);
            framed.AddRange(header);
            framed.AddRange(part);
        }

        var bytes = framed.ToArray();
        if (bytes.Length > 0 && random.Next(4) == 0)
        {
            for (var i = random.Next(1, 8); i > 0; i--)
            {
                var at = random.Next(3) == 0 ? random.Next(Math.Min(bytes.Length, Lz4FramedSocket.HeaderSize)) : random.Next(bytes.Length);
                bytes[at] ^= (byte)(1 << random.Next(8));
            }
        }

        return bytes;
    }

    /// <summary>Waits until nothing came back for a moment: the worker is done with what it was sent (or stuck in a call).</summary>
    private static void Quiet(ref long activity, long deadline)
    {
        while (System.Environment.TickCount64 - Volatile.Read(ref activity) < 300 && System.Environment.TickCount64 < deadline - 10_000)
        {
            Thread.Sleep(50);
        }
    }

    /// <summary>A connected pair over TCP or VSOCK loopback: (the guest's end, the worker's end).</summary>
    private static (UnixSocket Client, UnixSocket Server) Connected(WireChannel channel)
    {
        if (channel == WireChannel.Tcp)
        {
            using var listener = TcpSocket.Listen("127.0.0.1", 0, out var port);
            var client = TcpSocket.Connect("127.0.0.1", port);
            return (client, listener.Accept());
        }

        var vsockPort = (uint)Random.Shared.Next(20_000, 60_000);
        using var vsock = VsockSocket.Listen(VsockSocket.ParseCid("local"), vsockPort);
        var guest = VsockSocket.Connect(VsockSocket.ParseCid("local"), vsockPort);
        return (guest, vsock.Accept());
    }

    /// <summary>A frame of the manager's link to its worker (LinkProtocol): an op, a value slot, an empty text, one descriptor.</summary>
    private static void SendLink(UnixSocket link, int op, int fd)
    {
        Span<byte> frame = stackalloc byte[RecordLayout.HeaderSize + 16];
        var w = new RecordWriter(frame);
        w.WriteInt64(0);
        w.WriteInlineBuffer([]);
        link.SendWithFds(frame[..w.Finish(0, RecordFlags.None, 0, op)], [fd]);
    }

    private static string[] Environment(string log, string capture)
    {
        var set = new Dictionary<string, string>
        {
            ["AVA_LOG"] = log,
            ["AVA_CAPTURE_DIR"] = capture,
            ["AVA_TEARDOWN_SECONDS"] = "1",
            ["AVA_MAX_CALL_BYTES"] = (256 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AVA_REAL_CUDA"] = Path.Combine(Repo.Artifacts, "tests", "cuda", "libcudadouble.so"),
            ["AVA_REAL_AVATEST"] = Repo.TestLib(Path.Combine("real", "libavatest.so.1")),
            ["AVA_REAL_CUDART"] = Path.Combine(Repo.Artifacts, "tests", "cudart", "libcudartdouble.so"),

            // The seed APIs' reference devices, named as a machine with the vendor's library would name it.
            ["AVA_REAL_MVNC"] = Path.Combine(Repo.Artifacts, "lib", "reference", "libmvnc.so.0"),
            ["AVA_REAL_GTI"] = Path.Combine(Repo.Artifacts, "lib", "reference", "libGTILibrary.so"),
            ["AVA_REAL_QAT"] = Path.Combine(Repo.Artifacts, "lib", "reference", "libqat_s.so"),
            ["AVA_REAL_TENSORFLOW"] = Path.Combine(Repo.Artifacts, "lib", "reference", "libtensorflow.so.1"),
            ["AVA_REAL_AMORPHOS"] = Path.Combine(Repo.Artifacts, "lib", "reference", "libava_aos_wrapper.so"),

            // PoCL through the launch guard: a mutated launch runs only when it provably stays inside its buffers.
            ["AVA_REAL_OPENCL"] = Ava.Fuzz.Targets.LaunchGuard.LibraryPath,
        };
        return [.. System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => !set.ContainsKey((string)e.Key))
            .Select(e => $"{e.Key}={e.Value}")
            .Concat(set.Select(e => $"{e.Key}={e.Value}"))];
    }

    private static int WaitExit(int pid, long deadline)
    {
        while (System.Environment.TickCount64 < deadline)
        {
            if (ProcessSpawner.TryReap(pid, out var status))
            {
                return status;
            }

            Thread.Sleep(10);
        }

        LibC.Kill(pid, Signals.SIGKILL);
        ProcessSpawner.WaitExit(pid);
        return -1;
    }

    private static void Close(UnixSocket socket)
    {
        try
        {
            socket.Shutdown();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Already shut by the worker's end going away.
        }

        socket.Dispose();
    }

    /// <summary>The worker, as the ring sees it: alive while its control socket is and the session's time lasts.</summary>
    private sealed class Peer(UnixSocket control, long deadline) : IPeerMonitor
    {
        public bool PeerAlive() => System.Environment.TickCount64 < deadline - 10_000 && !control.IsPeerClosed();
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, long* usage);
}
