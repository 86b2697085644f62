using System.Text;
using Ava.Transport.Native;
using Ava.Transport.Wire;

namespace Ava.Transport.Control;

/// <summary>What a control frame asks for (carried in the record's status field; function is 0).</summary>
public enum ControlOp
{
    /// <summary>Guest to worker, first frame: protocol version, API number, spec hash, pid.</summary>
    Hello = 1,

    /// <summary>Worker to guest: the hello was accepted (status slot 0) or refused (slot != 0, message buffer).</summary>
    HelloAck = 2,

    /// <summary>Guest to worker, with a memfd: a new per-thread channel segment of the given size.</summary>
    OpenChannel = 3,

    /// <summary>Guest to worker, with a connected socket: a new per-thread channel carried over that stream.</summary>
    OpenStreamChannel = 4,

    /// <summary>
    /// Guest to worker: another API of the hello's group joins the connection (protocol version, API number, member
    /// index, spec hash): its records then travel on the same channels, marked with the member index
    /// (<see cref="Wire.RecordFlags.GroupMember"/>), and its objects live in the same handle table.
    /// </summary>
    Join = 5,

    /// <summary>Worker to guest: the answer to a Join, as a <see cref="HelloAck"/> is to a Hello.</summary>
    JoinAck = 6,

    /// <summary>
    /// Worker to guest, for its manager (<c>ava migrate</c>): move to a new worker at the next call boundary (message:
    /// who asked). The guest answers only when it cannot (<see cref="MoveRefused"/>); when it can, its re-admission by
    /// the manager is the answer.
    /// </summary>
    MoveRequest = 7,

    /// <summary>Guest to worker, for the manager: the requested move was refused before anything changed (message: why).</summary>
    MoveRefused = 8,
}

/// <summary>
/// The bootstrap protocol on the Unix (or other stream) connection beside the rings: handshake, channel setup,
/// and callback records from the worker. Frames are ordinary records (<see cref="RecordLayout"/>), so one
/// reader and one writer serve every channel.
/// </summary>
public static class ControlProtocol
{
    /// <summary>Bumped whenever records or rings change meaning.</summary>
    public const int ProtocolVersion = 2;

    /// <summary>Largest control or callback frame either side accepts.</summary>
    public const int MaxFrame = 64 * 1024;

    /// <summary>Sends a Hello.</summary>
    public static void SendHello(UnixSocket socket, ApiDescriptor api, int pid)
    {
        Span<byte> frame = stackalloc byte[256];
        var w = new RecordWriter(frame);
        w.WriteInt64(ProtocolVersion);
        w.WriteInt64(api.Number);
        w.WriteInt64(pid);
        w.WriteInlineBuffer(Encoding.ASCII.GetBytes(api.SpecHash));
        socket.SendAll(frame[..w.Finish(0, RecordFlags.None, 0, (int)ControlOp.Hello)]);
    }

    /// <summary>Checks a Hello against this side's API; returns null when accepted, else the reason.</summary>
    public static string? CheckHello(ReadOnlySpan<byte> frame, ApiDescriptor api, out int guestPid)
    {
        var r = new RecordReader(frame);
        guestPid = 0;
        if (r.Status != (int)ControlOp.Hello)
        {
            return $"expected a hello frame, got control op {r.Status}";
        }

        var version = r.ReadInt64();
        var number = r.ReadInt64();
        guestPid = (int)r.ReadInt64();
        r.ReadBuffer(out _, out var hash);
        var guestHash = Encoding.ASCII.GetString(hash);
        if (version != ProtocolVersion)
        {
            return $"protocol version {version} does not match the worker's {ProtocolVersion}";
        }

        if (number != api.Number)
        {
            return $"guest speaks API number {number}, this worker serves {api.Name} ({api.Number})";
        }

        if (guestHash != api.SpecHash)
        {
            return $"guest library and worker were built from different {api.Name} specs (guest {guestHash}, worker {api.SpecHash}); rebuild both";
        }

        return null;
    }

    /// <summary>Sends the answer to a Hello: accepted (no <paramref name="refusal"/>), refused, or refused because
    /// the worker has no real library to serve with (<paramref name="noRealLibrary"/>: the guest then answers every
    /// call with the API's own no-driver error).</summary>
    public static void SendHelloAck(UnixSocket socket, string? refusal, bool noRealLibrary = false)
    {
        var message = Encoding.UTF8.GetBytes(refusal ?? "");
        var frame = new byte[RecordLayout.HeaderSize + 16 + (int)RecordLayout.AlignSlot(message.Length)];
        var w = new RecordWriter(frame);
        w.WriteInt64(refusal is null ? 0 : noRealLibrary ? 2 : 1);
        w.WriteInlineBuffer(message);
        socket.SendAll(frame.AsSpan(0, w.Finish(0, RecordFlags.None, 0, (int)ControlOp.HelloAck)));
    }

    /// <summary>Reads the answer to a Hello; returns null when accepted, else the worker's reason.</summary>
    public static string? ReadHelloAck(UnixSocket socket) => ReadHelloAck(socket, out _);

    /// <summary>
    /// Reads the answer to a Hello; returns null when accepted, else the worker's reason, with
    /// <paramref name="noRealLibrary"/> set when the reason is that the worker found no real library.
    /// </summary>
    public static string? ReadHelloAck(UnixSocket socket, out bool noRealLibrary)
    {
        noRealLibrary = false;
        var frame = ReadFrame(socket, new byte[MaxFrame]);
        var r = new RecordReader(frame);
        if (r.Status != (int)ControlOp.HelloAck)
        {
            return $"worker answered the hello with control op {r.Status}";
        }

        var answer = r.ReadInt64();
        r.ReadBuffer(out _, out var message);
        noRealLibrary = answer == 2;
        return answer != 0 ? Encoding.UTF8.GetString(message) : null;
    }

    /// <summary>Sends a Join: API number <paramref name="number"/> of the hello's group becomes member <paramref name="member"/>.</summary>
    public static void SendJoin(UnixSocket socket, int number, string specHash, int member)
    {
        Span<byte> frame = stackalloc byte[256];
        var w = new RecordWriter(frame);
        w.WriteInt64(ProtocolVersion);
        w.WriteInt64(number);
        w.WriteInt64(member);
        w.WriteInlineBuffer(Encoding.ASCII.GetBytes(specHash));
        socket.SendAll(frame[..w.Finish(0, RecordFlags.None, 0, (int)ControlOp.Join)]);
    }

    /// <summary>Reads a Join (its op already checked): protocol version, API number, member index and spec hash.</summary>
    public static (long Version, int Number, int Member, string SpecHash) ReadJoin(ReadOnlySpan<byte> frame)
    {
        var r = new RecordReader(frame);
        var version = r.ReadInt64();
        var number = (int)r.ReadInt64();
        var member = (int)r.ReadInt64();
        r.ReadBuffer(out _, out var hash);
        return (version, number, member, Encoding.ASCII.GetString(hash));
    }

    /// <summary>Sends the answer to a Join: accepted (no <paramref name="refusal"/>) or refused.</summary>
    public static void SendJoinAck(UnixSocket socket, string? refusal)
    {
        var message = Encoding.UTF8.GetBytes(refusal ?? "");
        var frame = new byte[RecordLayout.HeaderSize + 16 + (int)RecordLayout.AlignSlot(message.Length)];
        var w = new RecordWriter(frame);
        w.WriteInt64(refusal is null ? 0 : 1);
        w.WriteInlineBuffer(message);
        socket.SendAll(frame.AsSpan(0, w.Finish(0, RecordFlags.None, 0, (int)ControlOp.JoinAck)));
    }

    /// <summary>Reads a JoinAck frame: null when the join was accepted, else the worker's reason.</summary>
    public static string? ReadJoinAck(ReadOnlySpan<byte> frame)
    {
        var r = new RecordReader(frame);
        var answer = r.ReadInt64();
        r.ReadBuffer(out _, out var message);
        return answer != 0 ? Encoding.UTF8.GetString(message) : null;
    }

    /// <summary>Sends a frame of <paramref name="op"/> that carries only a message (<see cref="ControlOp.MoveRequest"/>, <see cref="ControlOp.MoveRefused"/>).</summary>
    public static void SendMessage(UnixSocket socket, ControlOp op, string message)
    {
        var text = Encoding.UTF8.GetBytes(message.Length > 1024 ? message[..1024] : message);
        var frame = new byte[RecordLayout.HeaderSize + 16 + (int)RecordLayout.AlignSlot(text.Length)];
        var w = new RecordWriter(frame);
        w.WriteInlineBuffer(text);
        socket.SendAll(frame.AsSpan(0, w.Finish(0, RecordFlags.None, 0, (int)op)));
    }

    /// <summary>The message of a frame <see cref="SendMessage"/> wrote.</summary>
    public static string ReadMessage(ReadOnlySpan<byte> frame)
    {
        var r = new RecordReader(frame);
        r.ReadBuffer(out _, out var text);
        return Encoding.UTF8.GetString(text);
    }

    /// <summary>Sends a channel segment to the worker.</summary>
    public static void SendOpenChannel(UnixSocket socket, int segmentFd, long segmentSize)
    {
        Span<byte> frame = stackalloc byte[RecordLayout.HeaderSize + 8];
        var w = new RecordWriter(frame);
        w.WriteInt64(segmentSize);
        socket.SendWithFds(frame[..w.Finish(0, RecordFlags.None, 0, (int)ControlOp.OpenChannel)], [segmentFd]);
    }

    /// <summary>Sends one end of a per-thread stream channel to the worker.</summary>
    public static void SendOpenStreamChannel(UnixSocket socket, int channelFd)
    {
        Span<byte> frame = stackalloc byte[RecordLayout.HeaderSize];
        var w = new RecordWriter(frame);
        socket.SendWithFds(frame[..w.Finish(0, RecordFlags.None, 0, (int)ControlOp.OpenStreamChannel)], [channelFd]);
    }

    /// <summary>
    /// Reads one whole frame into <paramref name="buffer"/>. Returns an empty span at end of stream. A frame that
    /// claims more than <see cref="MaxFrame"/> bytes, or less than a header, is malformed.
    /// </summary>
    public static ReadOnlySpan<byte> ReadFrame(UnixSocket socket, byte[] buffer, Span<int> fds, out int fdCount)
    {
        fdCount = 0;
        var header = buffer.AsSpan(0, RecordLayout.HeaderSize);
        var got = socket.ReceiveWithFds(header, fds, out fdCount);
        if (got == 0)
        {
            return default;
        }

        try
        {
            if (got < header.Length)
            {
                socket.ReceiveExactly(header[got..]);
            }

            var length = WireLength.Frame(RecordLayout.ReadLength(header), Math.Min(MaxFrame, buffer.Length));
            socket.ReceiveExactly(buffer.AsSpan(RecordLayout.HeaderSize, length - RecordLayout.HeaderSize));
            return buffer.AsSpan(0, length);
        }
        catch
        {
            // The descriptors came with a frame that is not whole: the caller never sees them, so they are closed here.
            for (var i = 0; i < fdCount; i++)
            {
                LibC.CloseQuietly(fds[i]);
            }

            fdCount = 0;
            throw;
        }
    }

    /// <summary>Reads one frame that carries no file descriptors.</summary>
    public static ReadOnlySpan<byte> ReadFrame(UnixSocket socket, byte[] buffer)
    {
        var fds = new int[4];
        var frame = ReadFrame(socket, buffer, fds, out var count);
        for (var i = 0; i < count; i++)
        {
            LibC.Close(fds[i]);
        }

        if (frame.IsEmpty)
        {
            throw new EndOfStreamException("connection closed");
        }

        return frame;
    }
}
