using Ava.Transport.Control;
using Ava.Transport.Native;
using Ava.Transport.Wire;
using Ava.Worker.Link;

namespace Ava.Manager;

/// <summary>
/// A worker the manager started, and the manager's end of its link (a Unix socket pair, so descriptors can be
/// passed to it). A reader thread takes the worker's status replies and its departure report.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly UnixSocket _link;
    private readonly object _sendGate = new();
    private readonly object _statusGate = new();
    private TaskCompletionSource<string>? _pendingStatus;

    public WorkerProcess(string api, int pid, UnixSocket link)
    {
        Api = api;
        Pid = pid;
        _link = link;
        new Thread(ReadLink) { IsBackground = true, Name = $"ava-link-{pid}" }.Start();
    }

    public string Api { get; }

    public int Pid { get; }

    /// <summary>Set once the worker's end of the link closed (its last report, if any, has been read).</summary>
    public ManualResetEventSlim LinkClosed { get; } = new();

    /// <summary>The worker's last report of its tenant (its departure report once the guest left).</summary>
    public string? FinalReport { get; private set; }

    /// <summary>Hands the worker its guest's control connection.</summary>
    public void AttachGuest(int fd) => Send(LinkOp.AttachGuest, 0, fd);

    /// <summary>Forwards one of the guest's TCP channels.</summary>
    public void AttachChannel(int fd) => Send(LinkOp.AttachChannel, 0, fd);

    /// <summary>Sets the tenant's command rate (0: unlimited).</summary>
    public void SetRate(double perSecond) => Send(LinkOp.SetRate, (long)(perSecond * 1000), -1);

    /// <summary>Bounds how long one of the tenant's calls may stay in the real library (0: no limit); before <see cref="AttachGuest"/>.</summary>
    public void SetCallLimit(long seconds) => Send(LinkOp.SetCallLimit, seconds, -1);

    /// <summary>Bounds the scratch all the tenant's idle channels keep, in bytes; before <see cref="AttachGuest"/>.</summary>
    public void SetScratchKeep(long bytes) => Send(LinkOp.SetScratchKeep, bytes, -1);

    /// <summary>Puts the tenant under its principal's ledger, in <paramref name="slot"/>.</summary>
    public void JoinLedger(int ledgerFd, int slot) => Send(LinkOp.JoinLedger, slot, ledgerFd);

    /// <summary>Where the guest's refusal of the last requested move goes.</summary>
    private Action<string>? _moveRefused;

    /// <summary>Asks the worker to ask its guest to move to another worker; <paramref name="refused"/> hears why, if it will not.</summary>
    public void RequestMove(Action<string> refused)
    {
        Volatile.Write(ref _moveRefused, refused);
        try
        {
            Send(LinkOp.MoveRequest, 0, -1);
        }
        catch (IOException e)
        {
            refused($"worker {Pid} cannot be reached: {e.Message}");
        }
    }

    /// <summary>Asks the worker for its tenant's counters; null when it does not answer in time.</summary>
    public string? QueryStatus(TimeSpan timeout)
    {
        Task<string> pending;
        lock (_statusGate)
        {
            _pendingStatus ??= new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            pending = _pendingStatus.Task;
            try
            {
                Send(LinkOp.StatusRequest, 0, -1);
            }
            catch (IOException)
            {
                return FinalReport;
            }
        }

        return pending.Wait(timeout) ? pending.Result : FinalReport;
    }

    public void Dispose() => _link.Dispose();

    private void Send(LinkOp op, long value, int fd, string? text = null)
    {
        lock (_sendGate)
        {
            LinkProtocol.Send(_link, op, value, text, fd);
        }
    }

    private void ReadLink()
    {
        var buffer = new byte[ControlProtocol.MaxFrame];
        var fds = new int[4];
        try
        {
            while (true)
            {
                var frame = ControlProtocol.ReadFrame(_link, buffer, fds, out var count);
                for (var i = 0; i < count; i++)
                {
                    LibC.Close(fds[i]);
                }

                if (frame.IsEmpty)
                {
                    break;
                }

                var (op, _, text) = LinkProtocol.Parse(frame);
                if (op == LinkOp.Departed)
                {
                    FinalReport = text;
                }
                else if (op == LinkOp.MoveRefused)
                {
                    Interlocked.Exchange(ref _moveRefused, null)?.Invoke(text);
                }
                else if (op == LinkOp.StatusReply)
                {
                    TaskCompletionSource<string>? pending;
                    lock (_statusGate)
                    {
                        pending = _pendingStatus;
                        _pendingStatus = null;
                    }

                    pending?.TrySetResult(text);
                }
            }
        }
        catch (Exception e) when (e is IOException or MalformedRecordException or ObjectDisposedException)
        {
            ManagerLog.Write($"link to worker {Pid}: {e.Message}");
        }

        lock (_statusGate)
        {
            _pendingStatus?.TrySetResult(FinalReport ?? "{}");
            _pendingStatus = null;
        }

        LinkClosed.Set();
    }
}

/// <summary>Manager diagnostics: to stderr with AVA_LOG=1, to a file with AVA_LOG=FILE, else nowhere.</summary>
internal static class ManagerLog
{
    private static readonly string? s_target = Environment.GetEnvironmentVariable("AVA_LOG");
    private static readonly object s_gate = new();

    public static void Write(string message)
    {
        if (string.IsNullOrEmpty(s_target))
        {
            return;
        }

        var line = $"[ava manager {Environment.ProcessId}] {message}";
        lock (s_gate)
        {
            if (s_target == "1")
            {
                Console.Error.WriteLine(line);
            }
            else
            {
                File.AppendAllText(s_target, line + Environment.NewLine);
            }
        }
    }
}
