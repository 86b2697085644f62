using System.Globalization;
using System.Runtime.InteropServices;
using Ava.Transport.Native;

namespace Ava.Transport.Tcp;

/// <summary>
/// AF_VSOCK stream sockets: a guest virtual machine talking to its host (or the host to a guest) without a network,
/// addressed by context id (CID) and port. Like <see cref="TcpSocket"/> they come back as <see cref="UnixSocket"/>
/// objects (plain descriptor calls) and carry everything TCP carries: the manager treats both as network peers, with
/// the token and no descriptor passing or peer credentials.
/// </summary>
public static unsafe class VsockSocket
{
    /// <summary>VMADDR_CID_ANY: listen on every context id of this machine.</summary>
    public const uint AnyCid = 0xFFFFFFFF;

    /// <summary>VMADDR_CID_LOCAL: this machine's own loopback, where the kernel offers it (vsock_loopback).</summary>
    public const uint LocalCid = 1;

    /// <summary>VMADDR_CID_HOST: the hypervisor's host, as seen from a guest virtual machine.</summary>
    public const uint HostCid = 2;

    private const int AF_VSOCK = 40;
    private const int SOCK_STREAM = 1;
    private const int SOCK_CLOEXEC = 0x80000;

    /// <summary>
    /// Parses a context id: a number, or <c>any</c>, <c>local</c>, <c>host</c>. Throws <see cref="ArgumentException"/>
    /// for anything else.
    /// </summary>
    public static uint ParseCid(string text) => text switch
    {
        "any" => AnyCid,
        "local" => LocalCid,
        "host" => HostCid,
        _ when uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var cid) => cid,
        _ => throw new ArgumentException($"'{text}' is not a vsock context id (a number, any, local or host)", nameof(text)),
    };

    /// <summary>Connects to <paramref name="cid"/>:<paramref name="port"/>.</summary>
    public static UnixSocket Connect(uint cid, uint port)
    {
        var address = MakeAddress(cid, port);
        var fd = NewSocket();
        try
        {
            while (LibC.connect(fd, &address, (uint)sizeof(SockAddrVm)) != 0)
            {
                var errno = LibC.GetErrno();
                if (errno != LibC.EINTR)
                {
                    throw new NativeException($"connect(vsock {cid}:{port})", errno);
                }
            }

            return UnixSocket.FromFd(fd);
        }
        catch
        {
            LibC.CloseQuietly(fd);
            throw;
        }
    }

    /// <summary>Binds and listens on <paramref name="cid"/>:<paramref name="port"/>.</summary>
    public static UnixSocket Listen(uint cid, uint port)
    {
        var address = MakeAddress(cid, port);
        var fd = NewSocket();
        try
        {
            if (LibC.bind(fd, &address, (uint)sizeof(SockAddrVm)) != 0)
            {
                throw NativeException.FromLastError($"bind(vsock {cid}:{port})");
            }

            if (LibC.listen(fd, 64) != 0)
            {
                throw NativeException.FromLastError($"listen(vsock {cid}:{port})");
            }

            return UnixSocket.FromFd(fd);
        }
        catch
        {
            LibC.CloseQuietly(fd);
            throw;
        }
    }

    /// <summary>The bytes of a <c>struct sockaddr_vm</c> for <paramref name="cid"/>:<paramref name="port"/> (for tests).</summary>
    public static byte[] AddressBytes(uint cid, uint port)
    {
        var address = MakeAddress(cid, port);
        return new ReadOnlySpan<byte>(&address, sizeof(SockAddrVm)).ToArray();
    }

    private static int NewSocket()
    {
        var fd = LibC.socket(AF_VSOCK, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            throw NativeException.FromLastError("socket(AF_VSOCK, SOCK_STREAM)");
        }

        return fd;
    }

    private static SockAddrVm MakeAddress(uint cid, uint port) => new() { Family = AF_VSOCK, Port = port, Cid = cid };

    // struct sockaddr_vm: sa_family_t (2), unsigned short reserved (2), unsigned int port, unsigned int cid,
    // unsigned char flags, 3 bytes of zero: 16 bytes, host byte order.
    [StructLayout(LayoutKind.Sequential)]
    private struct SockAddrVm
    {
        public ushort Family;
        public ushort Reserved;
        public uint Port;
        public uint Cid;
        public byte Flags;
        public fixed byte Zero[3];
    }
}
