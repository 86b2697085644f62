using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Ava.Transport.Native;

namespace Ava.Transport.Tcp;

/// <summary>
/// IPv4 TCP stream sockets on raw descriptors. They come back as <see cref="UnixSocket"/> objects because that
/// type's send, receive, poll and shutdown are plain descriptor calls that mean the same on a TCP stream; only
/// descriptor passing (SCM_RIGHTS) and peer credentials do not exist here. Raw descriptors are what the manager
/// hands to a worker, which System.Net.Sockets would keep to itself.
/// </summary>
public static unsafe partial class TcpSocket
{
    private const int AF_INET = 2;
    private const int SOCK_STREAM = 1;
    private const int SOCK_CLOEXEC = 0x80000;
    private const int SOL_SOCKET = 1;
    private const int SO_REUSEADDR = 2;
    private const int SO_KEEPALIVE = 9;
    private const int IPPROTO_TCP = 6;
    private const int TCP_NODELAY = 1;

    /// <summary>Connects to <paramref name="host"/> (an IPv4 address or localhost) on <paramref name="port"/>.</summary>
    public static UnixSocket Connect(string host, int port)
    {
        var address = MakeAddress(host, port);
        var fd = NewSocket();
        try
        {
            while (LibC.connect(fd, &address, (uint)sizeof(SockAddrIn)) != 0)
            {
                var errno = LibC.GetErrno();
                if (errno != LibC.EINTR)
                {
                    throw new NativeException($"connect({host}:{port})", errno);
                }
            }

            Tune(fd);
            return UnixSocket.FromFd(fd);
        }
        catch
        {
            LibC.CloseQuietly(fd);
            throw;
        }
    }

    /// <summary>Binds and listens on <paramref name="host"/>:<paramref name="port"/> (port 0: any free port).</summary>
    public static UnixSocket Listen(string host, int port, out int boundPort)
    {
        var address = MakeAddress(host, port);
        var fd = NewSocket();
        try
        {
            var one = 1;
            _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(int));
            if (LibC.bind(fd, &address, (uint)sizeof(SockAddrIn)) != 0)
            {
                throw NativeException.FromLastError($"bind({host}:{port})");
            }

            if (LibC.listen(fd, 64) != 0)
            {
                throw NativeException.FromLastError($"listen({host}:{port})");
            }

            SockAddrIn bound;
            var length = (uint)sizeof(SockAddrIn);
            if (getsockname(fd, &bound, &length) != 0)
            {
                throw NativeException.FromLastError("getsockname");
            }

            boundPort = (ushort)IPAddress.NetworkToHostOrder((short)bound.Port);
            return UnixSocket.FromFd(fd);
        }
        catch
        {
            LibC.CloseQuietly(fd);
            throw;
        }
    }

    /// <summary>Sets TCP_NODELAY (records are already batched; Nagle would only add latency) and keepalive.</summary>
    public static void Tune(int fd)
    {
        var one = 1;
        _ = setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(int));
        _ = setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(int));
    }

    private static int NewSocket()
    {
        var fd = LibC.socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            throw NativeException.FromLastError("socket(AF_INET, SOCK_STREAM)");
        }

        return fd;
    }

    private static SockAddrIn MakeAddress(string host, int port)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var ip = host is "localhost" or "" ? IPAddress.Loopback : IPAddress.Parse(host);
        if (ip.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"only IPv4 addresses are supported: {host}", nameof(host));
        }

        SockAddrIn address = default;
        address.Family = AF_INET;
        address.Port = (ushort)IPAddress.HostToNetworkOrder((short)port);
        ip.TryWriteBytes(new Span<byte>(address.Address, 4), out _);
        return address;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setsockopt(int fd, int level, int name, void* value, uint valueLength);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getsockname(int fd, void* address, uint* addressLength);

    // struct sockaddr_in: sa_family_t (2), in_port_t (2, network order), struct in_addr (4), 8 bytes of zero.
    [StructLayout(LayoutKind.Sequential)]
    private struct SockAddrIn
    {
        public ushort Family;
        public ushort Port;
        public fixed byte Address[4];
        public fixed byte Zero[8];
    }
}
