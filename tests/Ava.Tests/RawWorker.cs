using Ava.AvaTest;
using Ava.Transport;
using Ava.Transport.Control;
using Ava.Transport.Native;
using Ava.Transport.Ring;
using Ava.Transport.Wire;

namespace Ava.Tests;

/// <summary>
/// A real `ava worker` driven record by record, as a hostile guest would: the test writes raw records into the
/// request ring and reads what comes back.
/// </summary>
internal sealed unsafe class RawWorker : IDisposable, IPeerMonitor
{
    private const int Capacity = 1 << 20;
    private readonly UnixSocket _socket;
    private readonly SharedSegment _segment;
    private readonly SpscRing _requests;
    private readonly SpscRing _replies;
    private readonly string? _stderrPath;
    private uint _sequence;
    private bool _reaped;

    private RawWorker(UnixSocket socket, int pid, string? stderrPath)
    {
        _socket = socket;
        Pid = pid;
        _stderrPath = stderrPath;
        _segment = SharedSegment.Create("raw-worker-test", RingLayout.SegmentSize(Capacity));
        SpscRing.InitializeSegment(_segment.Base, Capacity);
        ControlProtocol.SendOpenChannel(_socket, _segment.Fd, _segment.Size);
        var wait = new WaitPolicy(50, 50);
        _requests = new SpscRing(_segment.Base, 0, Capacity, this, wait);
        _replies = new SpscRing(_segment.Base, 1, Capacity, this, wait);
    }

    public int Pid { get; }

    public string Log => _stderrPath is not null && File.Exists(_stderrPath) ? File.ReadAllText(_stderrPath) : "";

    /// <summary>Resident memory of the worker process, in bytes.</summary>
    public long ResidentBytes =>
        1024 * long.Parse(File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Starts a worker for the avatest API and completes the handshake; <paramref name="environment"/> adds or replaces
    /// variables (NAME=VALUE). Its log goes to a file of the test's unless AVA_LOG is among them.
    /// </summary>
    public static RawWorker Start(params string[] environment) => Start(AvaTestApi.Descriptor, environment);

    /// <summary>Starts a worker for the API <paramref name="api"/> describes, as <see cref="Start(string[])"/> does for avatest.</summary>
    public static RawWorker Start(ApiDescriptor api, params string[] environment)
    {
        var (ours, pid) = Spawn(environment, out var log, api.Name);
        ControlProtocol.SendHello(ours, api, Environment.ProcessId);
        var refusal = ControlProtocol.ReadHelloAck(ours);
        Assert.Null(refusal);
        return new RawWorker(ours, pid, log);
    }

    /// <summary>
    /// Starts a worker and says hello as a guest built from the spec <paramref name="guest"/> describes; returns the
    /// worker's answer (null: accepted) and how the worker ended (it must end on its own after a refusal).
    /// </summary>
    public static (string? Refusal, int ExitStatus) Hello(ApiDescriptor guest)
    {
        var (ours, pid) = Spawn([], out var log);
        using (ours)
        {
            ControlProtocol.SendHello(ours, guest, Environment.ProcessId);
            var refusal = ControlProtocol.ReadHelloAck(ours);
            return (refusal, WaitForExit(pid, log, "after the hello"));
        }
    }

    /// <summary>Starts a worker with <paramref name="environment"/> that is expected to refuse it; returns its exit status.</summary>
    public static int StartRefused(params string[] environment)
    {
        var (ours, pid) = Spawn(environment, out var log);
        using (ours)
        {
            return WaitForExit(pid, log, "");
        }
    }

    /// <summary>The exit status of a worker that must end on its own within 10 s (it is killed, and the test fails, if not).</summary>
    private static int WaitForExit(int pid, string? log, string when)
    {
        var deadline = Environment.TickCount64 + 10_000;
        while (Environment.TickCount64 < deadline)
        {
            if (ProcessSpawner.TryReap(pid, out var status))
            {
                if (log is not null)
                {
                    File.Delete(log);
                }

                return status;
            }

            Thread.Sleep(10);
        }

        LibC.Kill(pid, Signals.SIGKILL);
        throw new TimeoutException($"worker did not exit {when}".TrimEnd());
    }

    private static (UnixSocket Ours, int Pid) Spawn(string[] environment, out string? log, string api = "avatest")
    {
        var (ours, theirs) = UnixSocket.Pair();
        var names = environment.Select(e => e[..(e.IndexOf('=', StringComparison.Ordinal) + 1)]).Append("AVA_LOG=").ToHashSet();
        log = environment.Any(e => e.StartsWith("AVA_LOG=", StringComparison.Ordinal)) ? null : Path.Combine(Path.GetTempPath(), $"ava-raw-{Guid.NewGuid():N}.log");
        var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => $"{e.Key}={e.Value}").Where(e => !names.Contains(e[..(e.IndexOf('=', StringComparison.Ordinal) + 1)]))
            .Concat(environment).Concat(log is null ? [] : [$"AVA_LOG={log}"]).ToArray();
        var pid = ProcessSpawner.Spawn(Repo.TestAva, [Repo.TestAva, "worker", "--api", api, "--fd", "3"], env, [(theirs.Fd, 3)]);
        theirs.Dispose();
        return (ours, pid);
    }

    /// <summary>Opens a per-thread channel over a socket of its own (AVA_CHANNEL=UNIX); returns the guest's end.</summary>
    public UnixSocket OpenStreamChannel()
    {
        var (ours, theirs) = UnixSocket.Pair();
        using (theirs)
        {
            ControlProtocol.SendOpenStreamChannel(_socket, theirs.Fd);
        }

        return ours;
    }

    /// <summary>Reads and drops <paramref name="length"/> streamed bytes that follow the last reply.</summary>
    public void SkipReplyStream(long length) => _replies.SkipStream(length);
    public bool PeerAlive() => !_socket.IsPeerClosed();

    /// <summary>The control socket (hello done), for control frames a test writes itself.</summary>
    public UnixSocket Control => _socket;

    /// <summary>Sends a record built by <paramref name="build"/> for <paramref name="function"/>; returns its sequence.</summary>
    public uint Send(ushort function, RecordFlags flags, Action<RecordWriterBox> build, int room = 4096)
    {
        var buffer = new byte[room];
        var box = new RecordWriterBox(buffer);
        build(box);
        return SendRaw(buffer.AsSpan(0, box.Length), function, flags);
    }

    /// <summary>Sends raw bytes as a record, fixing up only the header's function, flags and sequence.</summary>
    public uint SendRaw(ReadOnlySpan<byte> record, ushort function, RecordFlags flags, int? lengthOverride = null)
    {
        var sequence = ++_sequence;
        var span = _requests.Reserve(record.Length);
        record.CopyTo(span);
        RecordLayout.WriteHeader(span, lengthOverride ?? record.Length, function, flags, sequence, 0);
        _requests.Publish(record.Length, wake: true);
        return sequence;
    }

    /// <summary>The next reply: status and the payload after the async-error slot; null if the worker hung up.</summary>
    public (TransportStatus Status, long[] Slots)? Reply(int timeoutMs = 10_000)
    {
        try
        {
            if (!_replies.TryRead(out _) && !_replies.WaitForData(timeoutMs))
            {
                throw new TimeoutException("worker did not answer");
            }

            _replies.TryRead(out var record);
            var reader = new RecordReader(record);
            var status = (TransportStatus)reader.Status;
            var slots = new List<long>();
            while (reader.Remaining >= 8)
            {
                slots.Add(reader.ReadInt64());
            }

            _replies.Release();
            return (status, slots.Skip(1).ToArray());
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Waits for the worker process to exit; returns its status (128+signal when killed).</summary>
    public int WaitExit(int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (Environment.TickCount64 < deadline)
        {
            if (ProcessSpawner.TryReap(Pid, out var status))
            {
                _reaped = true;
                return status;
            }

            Thread.Sleep(10);
        }

        throw new TimeoutException("worker did not exit");
    }

    /// <summary>Closes our end, as a guest that dies.</summary>
    public void Disconnect() => _socket.Shutdown();

    public void Dispose()
    {
        _socket.Dispose();
        if (!_reaped)
        {
            LibC.Kill(Pid, Signals.SIGKILL);
            WaitExit();
        }

        _segment.Dispose();
        if (_stderrPath is not null)
        {
            File.Delete(_stderrPath);
        }
    }
}

/// <summary>A <see cref="RecordWriter"/> over an array, for building records in lambdas.</summary>
internal sealed class RecordWriterBox(byte[] buffer)
{
    private int _length = RecordLayout.HeaderSize;

    public int Length => _length;

    public RecordWriterBox Slot(long value)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(_length), value);
        _length += 8;
        return this;
    }

    public RecordWriterBox Bytes(ReadOnlySpan<byte> bytes)
    {
        Slot(bytes.Length);
        bytes.CopyTo(buffer.AsSpan(_length));
        _length += (int)RecordLayout.AlignSlot(bytes.Length);
        return this;
    }
}
