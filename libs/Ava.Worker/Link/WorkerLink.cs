using System.Text;
using System.Text.Json;
using Ava.Transport.Control;
using Ava.Transport.Native;
using Ava.Transport.Tcp;
using Ava.Transport.Wire;

namespace Ava.Worker.Link;

/// <summary>
/// The worker's side of its link to the manager (<c>ava worker --link N</c>): receives its principal's ledger and then
/// the guest connection, and later the guest's TCP channels; applies the rate the manager sets, answers status
/// requests and reports the tenant's final counters when the guest leaves. If the manager goes away the worker
/// keeps serving its guest.
/// </summary>
public sealed class WorkerLink(UnixSocket socket) : IDisposable
{
    private readonly object _sendGate = new();
    private (PrincipalLedger Ledger, int Slot)? _ledger;
    private Tenant? _tenant;

    /// <summary>
    /// The policy's bound on how long one of the tenant's calls may stay in the real library, in seconds (0: none),
    /// received before the guest; null when the manager sent none.
    /// </summary>
    public long? CallSeconds { get; private set; }

    /// <summary>The policy's bound on the scratch all the tenant's idle channels keep, in bytes; null when the manager sent none.</summary>
    public long? ScratchKeepBytes { get; private set; }

    /// <summary>Waits for the manager to hand over a guest's control connection, keeping the ledger and call limit sent before it.</summary>
    public UnixSocket? WaitForGuest()
    {
        var buffer = new byte[ControlProtocol.MaxFrame];
        Span<int> fds = stackalloc int[4];
        while (true)
        {
            var frame = ControlProtocol.ReadFrame(socket, buffer, fds, out var count);
            if (frame.IsEmpty)
            {
                return null;
            }

            var (op, value, text) = LinkProtocol.Parse(frame);
            if (op == LinkOp.AttachGuest && count == 1)
            {
                return UnixSocket.FromFd(fds[0]);
            }

            if (op == LinkOp.JoinLedger && count == 1 && value is >= 0 and < PrincipalLedger.SlotCount)
            {
                PrincipalLedger ledger;
                try
                {
                    ledger = PrincipalLedger.Map(fds[0]);
                }
                catch
                {
                    LibC.Close(fds[0]);
                    throw;
                }

                // The tenant's accounts count in it until the process ends, which unmaps it.
                _ledger?.Ledger.Dispose();
                _ledger = (ledger, (int)value);
                continue;
            }

            if (op == LinkOp.SetCallLimit && count == 0 && value >= 0)
            {
                CallSeconds = value;
                continue;
            }

            if (op == LinkOp.SetScratchKeep && count == 0 && value >= 0)
            {
                ScratchKeepBytes = value;
                continue;
            }

            CloseAll(fds[..count]);
            if (op == LinkOp.StatusRequest)
            {
                Send(LinkOp.StatusReply, 0, "{\"idle\":true}");
            }
        }
    }

    /// <summary>Puts the tenant under the ledger that came before the guest, then serves the manager's requests for <paramref name="tenant"/> on a background thread.</summary>
    public void Start(Tenant tenant)
    {
        if (_ledger is var (ledger, slot))
        {
            foreach (var resource in PrincipalLedger.Resources)
            {
                tenant.Resources[resource].Share(ledger, slot);
            }
        }

        _tenant = tenant;
        new Thread(Loop) { IsBackground = true, Name = "ava-manager-link" }.Start();
    }

    /// <summary>Tells the manager the guest left, with the tenant's final counters.</summary>
    public void ReportDeparture(Tenant tenant)
    {
        try
        {
            Send(LinkOp.Departed, 0, Report(tenant));
        }
        catch (Exception e) when (e is IOException)
        {
            WorkerLog.Write($"manager link: {e.Message}");
        }
    }

    /// <summary>The tenant's counters as a JSON object.</summary>
    public static string Report(Tenant tenant)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("api", tenant.Backend.Descriptor.Name);
            json.WriteNumber("worker_pid", LibC.GetPid());
            json.WriteNumber("guest_pid", tenant.GuestPid);
            json.WriteNumber("calls", tenant.Statistics.Calls);
            json.WriteNumber("async_calls", tenant.Statistics.AsyncCalls);
            json.WriteNumber("rejected", tenant.Statistics.Rejected);
            json.WriteNumber("bytes_in", tenant.Statistics.BytesIn);
            json.WriteNumber("bytes_out", tenant.Statistics.BytesOut);
            json.WriteNumber("channels", tenant.Statistics.Channels);
            json.WriteNumber("channels_closed_early", tenant.Statistics.ChannelsClosedEarly);
            json.WriteNumber("handles", tenant.Handles.Count);
            json.WriteNumber("scratch_kept", tenant.KeptScratchBytes);
            json.WriteNumber("call_seconds", tenant.Limits.CallSeconds);
            json.WriteNumber("scratch_keep_bytes", tenant.Limits.RetainedScratchTotalBytes);
            json.WriteNumber("released_at_exit", tenant.Statistics.ReleasedAtExit);
            json.WriteNumber("command_rate", tenant.CommandRate.Rate);
            json.WriteNumber("throttled", tenant.CommandRate.Throttled);
            json.WriteStartObject("resources");
            foreach (var account in tenant.Resources.All)
            {
                if (account.Limit == 0 && account.Name is ResourceAccounts.Channels or ResourceAccounts.Objects)
                {
                    // Counted for every tenant, reported where bounded (the counts themselves are above).
                    continue;
                }

                json.WriteStartObject(account.Name);
                json.WriteNumber("held", account.Held);
                json.WriteNumber("limit", account.Limit);
                if (account.Shared)
                {
                    json.WriteNumber("principal_held", account.PrincipalHeld);
                }

                json.WriteNumber("peak", account.Peak);
                json.WriteNumber("objects", account.Objects);
                json.WriteNumber("denied", account.Denied);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <inheritdoc/>
    public void Dispose() => socket.Dispose();

    private static void CloseAll(ReadOnlySpan<int> fds)
    {
        foreach (var fd in fds)
        {
            LibC.Close(fd);
        }
    }

    private void Loop()
    {
        var tenant = _tenant!;
        var buffer = new byte[ControlProtocol.MaxFrame];
        var fds = new int[4];
        try
        {
            while (true)
            {
                var frame = ControlProtocol.ReadFrame(socket, buffer, fds, out var count);
                if (frame.IsEmpty)
                {
                    WorkerLog.Write("manager link closed; serving the guest on");
                    return;
                }

                var (op, value, _) = LinkProtocol.Parse(frame);
                switch (op)
                {
                    case LinkOp.AttachChannel when count == 1:
                        var channel = UnixSocket.FromFd(fds[0]);
                        TcpSocket.Tune(channel.Fd);
                        tenant.AttachStreamChannel(new Lz4FramedSocket(channel));
                        break;
                    case LinkOp.StatusRequest:
                        CloseAll(fds.AsSpan(0, count));
                        Send(LinkOp.StatusReply, 0, Report(tenant));
                        break;
                    case LinkOp.SetRate:
                        CloseAll(fds.AsSpan(0, count));
                        tenant.CommandRate.SetRate(value / 1000.0);
                        break;
                    case LinkOp.MoveRequest:
                        CloseAll(fds.AsSpan(0, count));
                        tenant.RequestMove("the manager (ava migrate)", reason => Send(LinkOp.MoveRefused, 0, reason));
                        break;
                    default:
                        CloseAll(fds.AsSpan(0, count));
                        WorkerLog.Write($"manager link: unexpected op {op}");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or MalformedRecordException)
        {
            WorkerLog.Write($"manager link: {e.Message}");
        }
    }

    private void Send(LinkOp op, long value, string text)
    {
        lock (_sendGate)
        {
            LinkProtocol.Send(socket, op, value, text);
        }
    }
}
