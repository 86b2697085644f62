using System.Text;
using Ava.Transport.Control;
using Ava.Transport.Native;
using Ava.Transport.Wire;

namespace Ava.Worker.Link;

/// <summary>Frames on the Unix socket pair between the manager and one of its workers (record status field): the worker reads them in <see cref="WorkerLink"/>, the manager writes them.</summary>
public enum LinkOp
{
    /// <summary>Manager to a pooled worker, with a descriptor: the guest's control connection.</summary>
    AttachGuest = 32,

    /// <summary>Manager to worker, with a descriptor: a per-thread TCP channel of the guest (LZ4-framed).</summary>
    AttachChannel = 33,

    /// <summary>Manager to worker: report your tenant.</summary>
    StatusRequest = 34,

    /// <summary>Worker to manager: the tenant's counters as JSON.</summary>
    StatusReply = 35,

    /// <summary>Manager to worker: the tenant's command rate in thousandths of a command per second (0: unlimited).</summary>
    SetRate = 36,

    /// <summary>Worker to manager, last frame: the guest left; final counters as JSON.</summary>
    Departed = 37,

    /// <summary>
    /// Manager to worker, with a descriptor: the ledger of the tenant's principal (<see cref="PrincipalLedger"/>,
    /// which holds the principal's limits) and the worker's slot in it. Sent before the guest's connection, so the
    /// guest's first call is already under the limits.
    /// </summary>
    JoinLedger = 39,

    /// <summary>
    /// Manager to worker: the longest one call of the tenant may stay in the real library, in seconds (0: no limit;
    /// the policy's <c>call_seconds</c>). Sent before the guest's connection, like the ledger.
    /// </summary>
    SetCallLimit = 40,

    /// <summary>
    /// Manager to worker: the most scratch memory all the tenant's channels together keep between calls, in bytes (the
    /// policy's <c>scratch_keep_bytes</c>, <see cref="Ava.Worker.CallLimits.RetainedScratchTotalBytes"/>). Sent before
    /// the guest's connection, like the ledger; without it the worker keeps its own (environment or default).
    /// </summary>
    SetScratchKeep = 41,

    /// <summary>Manager to worker (<c>ava migrate</c>): ask the guest to move to a new worker (<see cref="ControlOp.MoveRequest"/>).</summary>
    MoveRequest = 42,

    /// <summary>Worker to manager: the guest refused the move (text: why), and stays.</summary>
    MoveRefused = 43,
}

/// <summary>Writing and reading link frames: ordinary records, so they share <see cref="ControlProtocol.ReadFrame(UnixSocket, byte[], Span{int}, out int)"/>.</summary>
public static class LinkProtocol
{
    public static void Send(UnixSocket socket, LinkOp op, long value = 0, string? text = null, int fd = -1)
    {
        var bytes = text is null ? [] : Encoding.UTF8.GetBytes(text);
        var frame = new byte[RecordLayout.HeaderSize + 8 + 16 + (int)RecordLayout.AlignSlot(bytes.Length)];
        var w = new RecordWriter(frame);
        w.WriteInt64(value);
        w.WriteInlineBuffer(bytes);
        var span = frame.AsSpan(0, w.Finish(0, RecordFlags.None, 0, (int)op));
        if (fd >= 0)
        {
            socket.SendWithFds(span, [fd]);
        }
        else
        {
            socket.SendAll(span);
        }
    }

    public static (LinkOp Op, long Value, string Text) Parse(ReadOnlySpan<byte> frame)
    {
        var r = new RecordReader(frame);
        var value = r.ReadInt64();
        r.ReadBuffer(out _, out var text);
        return ((LinkOp)r.Status, value, Encoding.UTF8.GetString(text));
    }
}
