using System.Text;

namespace Ava.Transport.Native;

/// <summary>
/// A blocking AF_UNIX SOCK_STREAM socket on a raw descriptor. System.Net.Sockets.Socket is
/// not used because it cannot pass descriptors (SCM_RIGHTS), which is how shared segments
/// reach the peer.
/// </summary>
/// <remarks>
/// <para>Every descriptor this class creates or receives is close-on-exec, so a worker the host
/// program spawns never inherits it by accident.</para>
/// <para>Sends use MSG_NOSIGNAL: writing to a socket whose peer has gone raises an EPIPE
/// <see cref="NativeException"/> instead of SIGPIPE. The class never changes process-wide
/// signal dispositions, which belong to the host program.</para>
/// <para>EINTR is retried everywhere. Disposing does not wake a thread blocked in a receive
/// on Linux; call <see cref="Shutdown"/> first for that.</para>
/// </remarks>
public sealed unsafe class UnixSocket : Stream.IStreamSocket
{
    /// <summary>Most descriptors one <see cref="SendWithFds"/> or <see cref="ReceiveWithFds"/> carries.</summary>
    public const int MaxFds = 4;

    private const int AF_UNIX = 1;
    private const int SOCK_STREAM = 1;
    private const int SOCK_CLOEXEC = 0x80000;
    private const int SOL_SOCKET = 1;
    private const int SO_ERROR = 4;
    private const int SO_PEERCRED = 17;
    private const int SCM_RIGHTS = 1;
    private const int MSG_CTRUNC = 0x8;
    private const int MSG_NOSIGNAL = 0x4000;
    private const int MSG_CMSG_CLOEXEC = 0x40000000;
    private const int SHUT_RDWR = 2;
    private const short POLLIN = 0x1;
    private const short POLLOUT = 0x4;
    private const short POLLERR = 0x8;
    private const short POLLHUP = 0x10;
    private const short POLLRDHUP = 0x2000;
    private const int ListenBacklog = 64;

    // struct cmsghdr is { size_t cmsg_len; int cmsg_level; int cmsg_type; } followed by data,
    // each header aligned to sizeof(size_t).
    private const int CmsgHeaderSize = 16;
    private const int CmsgAlign = 8;

    // Room for more descriptors than we accept, so an over-full message is seen whole and all
    // of its descriptors are closed rather than some being silently dropped by the kernel.
    private const int ReceiveControlFds = 16;
    private const int ReceiveControlSize = CmsgHeaderSize + ReceiveControlFds * sizeof(int);

    private int _fd;
    private readonly string? _boundPath;

    private UnixSocket(int fd, string? boundPath = null)
    {
        _fd = fd;
        _boundPath = boundPath;
    }

    /// <summary>The socket descriptor (owned by this object).</summary>
    public int Fd
    {
        get
        {
            int fd = _fd;
            ObjectDisposedException.ThrowIf(fd < 0, this);
            return fd;
        }
    }

    /// <summary>Creates a connected pair (socketpair).</summary>
    public static (UnixSocket, UnixSocket) Pair()
    {
        int* fds = stackalloc int[2];
        if (LibC.socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        {
            throw NativeException.FromLastError("socketpair(AF_UNIX, SOCK_STREAM)");
        }

        return (new UnixSocket(fds[0]), new UnixSocket(fds[1]));
    }

    /// <summary>Wraps a connected AF_UNIX stream descriptor (e.g. one inherited from the parent); takes ownership.</summary>
    public static UnixSocket FromFd(int fd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        return new UnixSocket(fd);
    }

    /// <summary>Connects to a listening socket at <paramref name="path"/>.</summary>
    public static UnixSocket Connect(string path)
    {
        SockAddrUn address = MakeAddress(path);
        int fd = NewSocket();
        try
        {
            if (LibC.connect(fd, &address, (uint)sizeof(SockAddrUn)) != 0)
            {
                int errno = LibC.GetErrno();
                if (errno != LibC.EINTR)
                {
                    throw new NativeException($"connect({path})", errno);
                }

                // An interrupted connect keeps going in the kernel; calling connect again would
                // report EALREADY. Wait for it to finish and collect its result instead.
                FinishInterruptedConnect(fd, path);
            }

            return new UnixSocket(fd);
        }
        catch
        {
            LibC.CloseQuietly(fd);
            throw;
        }
    }

    /// <summary>
    /// Binds and listens at <paramref name="path"/> with file mode <paramref name="mode"/>
    /// (permission bits, e.g. 0x180 for 0600). A stale socket file left at the path by a dead
    /// listener is removed first; a live listener or a non-socket file makes this throw.
    /// Disposing the listener removes the path.
    /// </summary>
    public static UnixSocket Listen(string path, int mode)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mode, 0xFFF); // permission, setuid/setgid and sticky bits only

        SockAddrUn address = MakeAddress(path);
        RemoveStaleSocket(path);

        int fd = NewSocket();
        bool bound = false;
        try
        {
            if (LibC.bind(fd, &address, (uint)sizeof(SockAddrUn)) != 0)
            {
                throw NativeException.FromLastError($"bind({path})");
            }

            bound = true;

            // connect() checks the file's permissions, and nobody can connect before listen(),
            // so setting the mode between bind and listen leaves no window with the umask's mode.
            if (LibC.chmod(path, (uint)mode) != 0)
            {
                throw NativeException.FromLastError($"chmod({path}, 0{Convert.ToString(mode, 8)})");
            }

            if (LibC.listen(fd, ListenBacklog) != 0)
            {
                throw NativeException.FromLastError($"listen({path})");
            }

            return new UnixSocket(fd, path);
        }
        catch
        {
            LibC.CloseQuietly(fd);
            if (bound)
            {
                _ = LibC.unlink(path);
            }

            throw;
        }
    }

    /// <summary>Same as <see cref="Listen(string, int)"/> with the mode as <see cref="UnixFileMode"/>.</summary>
    public static UnixSocket Listen(string path, UnixFileMode mode) => Listen(path, (int)mode);

    /// <summary>Waits for and accepts one connection on a listening socket.</summary>
    public UnixSocket Accept()
    {
        int fd = Fd;
        while (true)
        {
            int client = LibC.accept4(fd, null, null, SOCK_CLOEXEC);
            if (client >= 0)
            {
                return new UnixSocket(client);
            }

            int errno = LibC.GetErrno();
            // ECONNABORTED: the client gave up while queued; wait for the next one.
            if (errno != LibC.EINTR && errno != LibC.ECONNABORTED)
            {
                throw new NativeException($"accept4({_boundPath ?? fd.ToString(System.Globalization.CultureInfo.InvariantCulture)})", errno);
            }
        }
    }

    /// <summary>Sends every byte of <paramref name="data"/>, looping over partial sends.</summary>
    /// <exception cref="NativeException">EPIPE/ECONNRESET when the peer is gone, or any other send error.</exception>
    public void SendAll(ReadOnlySpan<byte> data)
    {
        int fd = Fd;
        fixed (byte* start = data)
        {
            byte* p = start;
            nuint left = (nuint)data.Length;
            while (left > 0)
            {
                nint sent = LibC.send(fd, p, left, MSG_NOSIGNAL);
                if (sent < 0)
                {
                    HandleSendError(fd, "send");
                    continue;
                }

                p += sent;
                left -= (nuint)sent;
            }
        }
    }

    /// <summary>
    /// Receives up to <c>buffer.Length</c> bytes, blocking until at least one arrives.
    /// Returns 0 at end of stream (and for an empty buffer).
    /// </summary>
    public int Receive(Span<byte> buffer)
    {
        int fd = Fd;
        if (buffer.IsEmpty)
        {
            return 0;
        }

        fixed (byte* p = buffer)
        {
            while (true)
            {
                nint received = LibC.recv(fd, p, (nuint)buffer.Length, 0);
                if (received >= 0)
                {
                    return (int)received;
                }

                HandleReceiveError(fd, "recv");
            }
        }
    }

    /// <summary>Fills <paramref name="buffer"/> completely.</summary>
    /// <exception cref="EndOfStreamException">The peer closed the stream first.</exception>
    public void ReceiveExactly(Span<byte> buffer)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int received = Receive(buffer[done..]);
            if (received == 0)
            {
                throw new EndOfStreamException($"Unix socket closed by peer after {done} of {buffer.Length} bytes.");
            }

            done += received;
        }
    }

    /// <summary>
    /// Sends <paramref name="data"/> with up to <see cref="MaxFds"/> descriptors attached
    /// (SCM_RIGHTS). The descriptors stay open here; the peer receives duplicates. They arrive
    /// with the first byte of <paramref name="data"/>, which must therefore not be empty when
    /// descriptors are sent.
    /// </summary>
    public void SendWithFds(ReadOnlySpan<byte> data, ReadOnlySpan<int> fds)
    {
        int fd = Fd;
        if (fds.IsEmpty)
        {
            SendAll(data);
            return;
        }

        if (fds.Length > MaxFds)
        {
            throw new ArgumentOutOfRangeException(nameof(fds), fds.Length, $"At most {MaxFds} descriptors per message.");
        }

        if (data.IsEmpty)
        {
            throw new ArgumentException("Descriptors need at least one data byte to travel with on a stream socket.", nameof(data));
        }

        int controlSize = CmsgSpace(fds.Length * sizeof(int));
        byte* control = stackalloc byte[CmsgSpace(MaxFds * sizeof(int))];
        new Span<byte>(control, controlSize).Clear();
        *(nuint*)control = (nuint)(CmsgHeaderSize + fds.Length * sizeof(int)); // CMSG_LEN
        *(int*)(control + 8) = SOL_SOCKET;
        *(int*)(control + 12) = SCM_RIGHTS;
        fds.CopyTo(new Span<int>(control + CmsgHeaderSize, fds.Length));

        fixed (byte* start = data)
        {
            IoVec iov;
            iov.Base = start;
            iov.Length = (nuint)data.Length;
            MsgHdr message = default;
            message.Iov = &iov;
            message.IovLength = 1;
            message.Control = control;
            message.ControlLength = (nuint)controlSize;

            nint sent;
            while ((sent = LibC.sendmsg(fd, &message, MSG_NOSIGNAL)) < 0)
            {
                HandleSendError(fd, "sendmsg(SCM_RIGHTS)");
            }

            // The descriptors went with the first chunk; the rest is ordinary stream data.
            if (sent < data.Length)
            {
                SendAll(data[(int)sent..]);
            }
        }
    }

    /// <summary>
    /// Receives up to <c>data.Length</c> bytes and any descriptors that arrived with them
    /// (close-on-exec). The caller owns the returned descriptors.
    /// </summary>
    /// <param name="data">Receive buffer.</param>
    /// <param name="fds">Space for received descriptors (up to <see cref="MaxFds"/> are accepted).</param>
    /// <param name="fdCount">How many entries of <paramref name="fds"/> were filled.</param>
    /// <returns>Bytes received; 0 at end of stream.</returns>
    /// <exception cref="IOException">More descriptors arrived than <paramref name="fds"/> holds; all of them are closed.</exception>
    public int ReceiveWithFds(Span<byte> data, Span<int> fds, out int fdCount)
    {
        int fd = Fd;
        fdCount = 0;
        if (data.IsEmpty)
        {
            return 0;
        }

        byte* control = stackalloc byte[ReceiveControlSize];
        fixed (byte* start = data)
        {
            IoVec iov;
            iov.Base = start;
            iov.Length = (nuint)data.Length;
            MsgHdr message = default;
            message.Iov = &iov;
            message.IovLength = 1;
            message.Control = control;

            nint received;
            while (true)
            {
                message.ControlLength = ReceiveControlSize;
                message.Flags = 0;
                received = LibC.recvmsg(fd, &message, MSG_CMSG_CLOEXEC);
                if (received >= 0)
                {
                    break;
                }

                HandleReceiveError(fd, "recvmsg");
            }

            fdCount = CollectFds(&message, fds);
            return (int)received;
        }
    }

    /// <summary>
    /// Fills <paramref name="data"/> completely and collects the descriptors that arrived with it.
    /// </summary>
    /// <exception cref="EndOfStreamException">The peer closed the stream first; descriptors already received are closed.</exception>
    public void ReceiveExactlyWithFds(Span<byte> data, Span<int> fds, out int fdCount)
    {
        fdCount = 0;
        int done = 0;
        try
        {
            while (done < data.Length)
            {
                int received = ReceiveWithFds(data[done..], fds[fdCount..], out int more);
                fdCount += more;
                if (received == 0)
                {
                    throw new EndOfStreamException($"Unix socket closed by peer after {done} of {data.Length} bytes.");
                }

                done += received;
            }
        }
        catch
        {
            foreach (int received in fds[..fdCount])
            {
                LibC.CloseQuietly(received);
            }

            fdCount = 0;
            throw;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> (negative: no limit) for a receive not to block:
    /// data is waiting, or the peer closed (so a receive returns end of stream).
    /// </summary>
    public bool PollReadable(int timeoutMs)
    {
        short events = Poll(POLLIN, timeoutMs);
        return (events & (POLLIN | POLLHUP | POLLERR)) != 0;
    }

    /// <summary>
    /// True when the peer has closed or shut down its sending side (POLLRDHUP/POLLHUP), checked
    /// without blocking. Data the peer sent before closing may still be waiting to be read.
    /// </summary>
    public bool IsPeerClosed()
    {
        short events = Poll(POLLRDHUP | POLLHUP, 0);
        return (events & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
    }

    /// <summary>The peer's pid, uid and gid as recorded by the kernel (SO_PEERCRED).</summary>
    public PeerCredentials GetPeerCredentials()
    {
        int fd = Fd;
        UCred credentials;
        uint length = (uint)sizeof(UCred);
        if (LibC.getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) != 0)
        {
            throw NativeException.FromLastError($"getsockopt({fd}, SO_PEERCRED)");
        }

        return new PeerCredentials(credentials.Pid, credentials.Uid, credentials.Gid);
    }

    /// <summary>
    /// Shuts down both directions. Unlike closing, this wakes threads blocked in a receive on this
    /// socket (they see end of stream) and makes the peer see end of stream too.
    /// </summary>
    public void Shutdown()
    {
        int fd = Fd;
        if (LibC.shutdown(fd, SHUT_RDWR) != 0)
        {
            throw NativeException.FromLastError($"shutdown({fd})");
        }
    }

    /// <summary>Closes the socket; a listener also removes its path. Safe to call more than once.</summary>
    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd < 0)
        {
            return;
        }

        LibC.CloseQuietly(fd);
        if (_boundPath is not null)
        {
            _ = LibC.unlink(_boundPath);
        }
    }

    private static int NewSocket()
    {
        int fd = LibC.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            throw NativeException.FromLastError("socket(AF_UNIX, SOCK_STREAM)");
        }

        return fd;
    }

    private static SockAddrUn MakeAddress(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("Socket path contains a NUL character.", nameof(path));
        }

        SockAddrUn address = default;
        address.Family = AF_UNIX;
        var pathBytes = new Span<byte>(address.Path, SockAddrUn.PathCapacity);
        // Leave room for the terminating NUL the kernel expects for pathname sockets.
        if (!Encoding.UTF8.TryGetBytes(path, pathBytes[..^1], out _))
        {
            throw new ArgumentException(
                $"Socket path is longer than the {SockAddrUn.PathCapacity - 1} bytes sockaddr_un holds: {path}", nameof(path));
        }

        return address;
    }

    private static void RemoveStaleSocket(string path)
    {
        (long Size, uint Mode)? existing = LibC.LStat(path);
        if (existing is null)
        {
            return;
        }

        if ((existing.Value.Mode & LibC.S_IFMT) != LibC.S_IFSOCK)
        {
            throw new IOException($"Cannot listen at {path}: a file that is not a socket is in the way.");
        }

        // A socket file outlives its listener. Only a refused connection proves nobody is
        // listening; anything else means the path is in use or unusable, so leave it.
        SockAddrUn address = MakeAddress(path);
        int probe = NewSocket();
        try
        {
            int result = LibC.connect(probe, &address, (uint)sizeof(SockAddrUn));
            int errno = result == 0 ? 0 : LibC.GetErrno();
            if (result == 0)
            {
                throw new IOException($"Cannot listen at {path}: another process is listening there.");
            }

            if (errno != LibC.ECONNREFUSED)
            {
                throw new NativeException($"connect({path}) while probing for a stale socket", errno);
            }
        }
        finally
        {
            LibC.CloseQuietly(probe);
        }

        if (LibC.unlink(path) != 0 && LibC.GetErrno() != LibC.ENOENT)
        {
            throw NativeException.FromLastError($"unlink({path})");
        }
    }

    private static void FinishInterruptedConnect(int fd, string path)
    {
        PollFd poll;
        poll.Fd = fd;
        poll.Events = POLLOUT;
        while (true)
        {
            poll.ReturnedEvents = 0;
            int ready = LibC.poll(&poll, 1, -1);
            if (ready > 0)
            {
                break;
            }

            if (ready < 0 && LibC.GetErrno() != LibC.EINTR)
            {
                throw NativeException.FromLastError($"poll(connect {path})");
            }
        }

        int error = 0;
        uint length = sizeof(int);
        if (LibC.getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
        {
            throw NativeException.FromLastError($"getsockopt({path}, SO_ERROR)");
        }

        if (error != 0)
        {
            throw new NativeException($"connect({path})", error);
        }
    }

    private static void HandleSendError(int fd, string call)
    {
        int errno = LibC.GetErrno();
        if (errno == LibC.EINTR)
        {
            return;
        }

        if (errno == LibC.EAGAIN)
        {
            // Only reachable if someone made the descriptor non-blocking; keep blocking semantics.
            WaitFor(fd, POLLOUT);
            return;
        }

        throw new NativeException($"{call}({fd})", errno);
    }

    private static void HandleReceiveError(int fd, string call)
    {
        int errno = LibC.GetErrno();
        if (errno == LibC.EINTR)
        {
            return;
        }

        if (errno == LibC.EAGAIN)
        {
            WaitFor(fd, POLLIN);
            return;
        }

        throw new NativeException($"{call}({fd})", errno);
    }

    private static void WaitFor(int fd, short events)
    {
        PollFd poll;
        poll.Fd = fd;
        poll.Events = events;
        poll.ReturnedEvents = 0;
        if (LibC.poll(&poll, 1, -1) < 0 && LibC.GetErrno() != LibC.EINTR)
        {
            throw NativeException.FromLastError($"poll({fd})");
        }
    }

    private short Poll(short events, int timeoutMs)
    {
        int fd = Fd;
        PollFd poll;
        poll.Fd = fd;
        poll.Events = events;
        long deadline = timeoutMs > 0 ? Environment.TickCount64 + timeoutMs : 0;
        int wait = timeoutMs;
        while (true)
        {
            poll.ReturnedEvents = 0;
            int ready = LibC.poll(&poll, 1, wait);
            if (ready >= 0)
            {
                return ready == 0 ? (short)0 : poll.ReturnedEvents;
            }

            int errno = LibC.GetErrno();
            if (errno != LibC.EINTR)
            {
                throw new NativeException($"poll({fd})", errno);
            }

            // Retry with what is left of the caller's timeout rather than starting it over.
            if (timeoutMs > 0)
            {
                wait = (int)Math.Max(0, deadline - Environment.TickCount64);
            }
        }
    }

    private static int CmsgSpace(int dataLength) => CmsgHeaderSize + ((dataLength + CmsgAlign - 1) & ~(CmsgAlign - 1));

    private static int CollectFds(MsgHdr* message, Span<int> fds)
    {
        int count = 0;
        bool overflow = false;
        byte* control = (byte*)message->Control;
        byte* end = control + message->ControlLength;
        byte* cmsg = message->ControlLength >= CmsgHeaderSize ? control : null;
        while (cmsg != null)
        {
            nuint length = *(nuint*)cmsg;
            if (length < CmsgHeaderSize || cmsg + length > end)
            {
                break;
            }

            if (*(int*)(cmsg + 8) == SOL_SOCKET && *(int*)(cmsg + 12) == SCM_RIGHTS)
            {
                int n = (int)((length - CmsgHeaderSize) / sizeof(int));
                int* received = (int*)(cmsg + CmsgHeaderSize);
                for (int i = 0; i < n; i++)
                {
                    if (count < fds.Length && count < MaxFds)
                    {
                        fds[count++] = received[i];
                    }
                    else
                    {
                        overflow = true;
                        LibC.CloseQuietly(received[i]);
                    }
                }
            }

            // CMSG_NXTHDR
            byte* next = cmsg + (((int)length + CmsgAlign - 1) & ~(CmsgAlign - 1));
            cmsg = next + CmsgHeaderSize <= end ? next : null;
        }

        if (overflow || (message->Flags & MSG_CTRUNC) != 0)
        {
            // Handing back a partial set would desynchronise the protocol; the peer sent more than
            // this receive can take, so fail the connection's message outright.
            for (int i = 0; i < count; i++)
            {
                LibC.CloseQuietly(fds[i]);
            }

            throw new IOException(
                (message->Flags & MSG_CTRUNC) != 0
                    ? "recvmsg: descriptors were truncated (more than the control buffer holds)."
                    : $"recvmsg: peer sent more descriptors than the {Math.Min(fds.Length, MaxFds)} accepted.");
        }

        return count;
    }
}
