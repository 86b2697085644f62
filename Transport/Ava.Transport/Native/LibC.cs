using System.Runtime.InteropServices;

namespace Ava.Transport.Native;

/// <summary>
/// Thin bindings to the C library. Every import is blittable so that neither the JIT nor
/// NativeAOT needs a marshalling stub beyond errno capture, and every import that can fail
/// with errno captures it (<c>SetLastError = true</c>) because the runtime may clobber errno
/// between the call and our check.
/// </summary>
/// <remarks>
/// Layouts and constants are those of Linux with glibc on x86-64 (most also hold on arm64).
/// <c>fstat</c>/<c>lstat</c> are exported as real symbols only from glibc 2.33 on.
/// </remarks>
public static unsafe partial class LibC
{
    /// <summary>
    /// Library name used by every import. On glibc the runtime resolves "libc" by first trying
    /// its name variations (libc.so, which is a linker script wherever libc6-dev is installed,
    /// then liblibc.so and the bare name), all of which fail, and then falling back to
    /// libc.so.6. Checked on Debian 12 (glibc 2.36) under CoreCLR, in a NativeAOT executable and
    /// in a NativeAOT shared library loaded by a C program.
    /// </summary>
    internal const string Library = "libc";

    // errno values (asm-generic/errno-base.h, errno.h)
    internal const int ENOENT = 2;
    internal const int ESRCH = 3;
    internal const int EINTR = 4;
    internal const int EBADF = 9;
    internal const int ECHILD = 10;
    internal const int EAGAIN = 11;
    internal const int EINVAL = 22;
    internal const int ECONNABORTED = 103;
    internal const int EISCONN = 106;
    internal const int ETIMEDOUT = 110;
    internal const int ECONNREFUSED = 111;
    internal const int EALREADY = 114;
    internal const int EINPROGRESS = 115;

    // open flags (asm-generic/fcntl.h)
    private const int O_WRONLY = 0x1;
    private const int O_CREAT = 0x40;
    private const int O_APPEND = 0x400;
    private const int O_CLOEXEC = 0x80000;

    // fcntl commands
    internal const int F_DUPFD_CLOEXEC = 1030;
    internal const int F_ADD_SEALS = 1033;
    internal const int F_GET_SEALS = 1034;
    internal const int F_SEAL_SEAL = 0x1;
    internal const int F_SEAL_SHRINK = 0x2;
    internal const int F_SEAL_GROW = 0x4;

    // ------------------------------------------------------------------ public surface

    /// <summary>The calling process id (never cached by libc since glibc 2.25, so correct after fork).</summary>
    public static int GetPid() => getpid();

    /// <summary>The calling thread's kernel thread id (glibc 2.30 and later export gettid).</summary>
    public static int GetTid() => gettid();

    /// <summary>
    /// Ends the process at once with <paramref name="status"/>: no exit handlers, no library destructors, no waiting for
    /// threads. For a process whose threads are stuck in a native library that would hang its normal exit.
    /// </summary>
    public static void ExitImmediately(int status) => exit_now(status);

    /// <summary>
    /// Sends <paramref name="sig"/> to <paramref name="pid"/>. Returns false when the process no
    /// longer exists (ESRCH), which is the normal outcome of racing a process's exit; throws
    /// <see cref="NativeException"/> for any other failure (e.g. EPERM).
    /// </summary>
    public static bool Kill(int pid, int sig)
    {
        if (kill(pid, sig) == 0)
        {
            return true;
        }

        int errno = GetErrno();
        if (errno == ESRCH)
        {
            return false;
        }

        throw new NativeException($"kill({pid}, {sig})", errno);
    }

    /// <summary>
    /// Closes <paramref name="fd"/>. EINTR is not retried: on Linux the descriptor is already
    /// released when close reports EINTR, and retrying could close a descriptor another thread
    /// has just been given. Throws <see cref="NativeException"/> for EBADF and other errors.
    /// </summary>
    public static void Close(int fd)
    {
        if (close_fd(fd) != 0)
        {
            int errno = GetErrno();
            if (errno != EINTR)
            {
                throw new NativeException($"close({fd})", errno);
            }
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> for appending (created 0644 if missing), or -1. With O_APPEND every write lands at
    /// the end of the file as it is then, so processes that share one log file never write over each other's lines;
    /// .NET's FileMode.Append only seeks to the end once, at open.
    /// </summary>
    internal static int OpenAppend(string path) => open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0x1A4);

    /// <summary>open(path, O_RDWR | O_CLOEXEC); -1 on failure.</summary>
    internal static int OpenReadWrite(string path) => open(path, 0x2 | O_CLOEXEC, 0);

    /// <summary>The errno captured by the last import on this thread that sets it.</summary>
    public static int GetErrno() => Marshal.GetLastPInvokeError();

    // ------------------------------------------------------------------ helpers for Native/

    /// <summary>Closes without throwing; used on cleanup paths where an earlier error is being reported.</summary>
    internal static void CloseQuietly(int fd)
    {
        if (fd >= 0)
        {
            _ = close_fd(fd);
        }
    }

    /// <summary>
    /// The file size and mode from <c>fstat</c>. struct stat differs between architectures, so
    /// the two fields are read at known offsets from a buffer larger than any glibc layout.
    /// </summary>
    internal static (long Size, uint Mode) FStat(int fd)
    {
        byte* buffer = stackalloc byte[StatBufferSize];
        if (fstat(fd, buffer) != 0)
        {
            throw NativeException.FromLastError($"fstat({fd})");
        }

        return ReadStat(buffer);
    }

    /// <summary>Like <see cref="FStat"/> for a path, not following a final symlink. Null when the path does not exist.</summary>
    internal static (long Size, uint Mode)? LStat(string path)
    {
        byte* buffer = stackalloc byte[StatBufferSize];
        if (lstat(path, buffer) != 0)
        {
            int errno = GetErrno();
            if (errno == ENOENT)
            {
                return null;
            }

            throw new NativeException($"lstat({path})", errno);
        }

        return ReadStat(buffer);
    }

    /// <summary>Device and inode of the file <paramref name="path"/> names (symlinks followed); null when it cannot be read.</summary>
    internal static (ulong Device, ulong Inode)? StatIdentity(string path)
    {
        byte* buffer = stackalloc byte[StatBufferSize];
        // st_dev and st_ino lead struct stat on x86-64 and on arm64 alike.
        return stat(path, buffer) == 0 ? (*(ulong*)buffer, *(ulong*)(buffer + 8)) : null;
    }

    internal const uint S_IFMT = 0xF000;
    internal const uint S_IFSOCK = 0xC000;
    internal const uint S_IFREG = 0x8000;

    private const int StatBufferSize = 256;

    private static (long Size, uint Mode) ReadStat(byte* buffer)
    {
        // x86-64: st_dev, st_ino, st_nlink (8 each), st_mode at 24.  arm64 (generic): st_dev,
        // st_ino (8 each), st_mode at 16.  Both put st_size at 48.
        int modeOffset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 => 16,
            _ => throw new PlatformNotSupportedException("struct stat layout is only known for x86-64 and arm64 Linux."),
        };
        return (*(long*)(buffer + 48), *(uint*)(buffer + modeOffset));
    }

    /// <summary>Whether the kernel lets this process read 8 bytes at <paramref name="address"/> of process <paramref name="pid"/>.</summary>
    public static bool CanReadProcess(int pid, ulong address, out int error)
    {
        ulong word;
        return CopyWithProcess(pid, &word, address, sizeof(ulong), toRemote: false, out error);
    }

    /// <summary>
    /// Copies <paramref name="length"/> bytes between our memory and another process's (process_vm_readv/writev,
    /// the kernel's cross-memory attach: one copy, no shared mapping). <paramref name="toRemote"/> writes theirs.
    /// Needs ptrace rights over that process (same user; Yama may restrict it further). False with the errno
    /// when the kernel refused or a range is not mapped.
    /// </summary>
    public static bool CopyWithProcess(int pid, void* local, ulong remote, long length, bool toRemote, out int error)
    {
        error = 0;
        while (length > 0)
        {
            var localVector = new IoVector { Base = local, Length = (nuint)length };
            var remoteVector = new IoVector { Base = (void*)remote, Length = (nuint)length };
            var moved = toRemote
                ? process_vm_writev(pid, &localVector, 1, &remoteVector, 1, 0)
                : process_vm_readv(pid, &localVector, 1, &remoteVector, 1, 0);
            if (moved <= 0)
            {
                error = moved < 0 ? Marshal.GetLastPInvokeError() : 0;
                return false;
            }

            // A partial copy stops at an unmapped page; the next round reports it.
            local = (byte*)local + moved;
            remote += (ulong)moved;
            length -= moved;
        }

        return true;
    }

    private struct IoVector
    {
        public void* Base;
        public nuint Length;
    }

    // ------------------------------------------------------------------ imports

    [LibraryImport(Library, SetLastError = true)]
    private static partial nint process_vm_readv(int pid, IoVector* local, nuint localCount, IoVector* remote, nuint remoteCount, nuint flags);

    [LibraryImport(Library, SetLastError = true)]
    private static partial nint process_vm_writev(int pid, IoVector* local, nuint localCount, IoVector* remote, nuint remoteCount, nuint flags);

    [LibraryImport(Library)]
    private static partial int getpid();

    [LibraryImport(Library)]
    private static partial int gettid();

    [LibraryImport(Library, EntryPoint = "_exit")]
    private static partial void exit_now(int status);

    [LibraryImport(Library, SetLastError = true)]
    private static partial int kill(int pid, int sig);

    // Named apart from the public Close because members may not differ only by case (CA1708).
    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    private static partial int close_fd(int fd);

    [LibraryImport(Library, SetLastError = true)]
    private static partial int fstat(int fd, byte* statBuffer);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int lstat(string path, byte* statBuffer);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int stat(string path, byte* statBuffer);

    // open(2) is variadic in C; its mode travels as the third integer argument, as a fixed-arity call passes it.
    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags, uint mode);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int memfd_create(string name, uint flags);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int ftruncate(int fd, long length);

    /// <remarks>
    /// fcntl is variadic in C. On the x86-64 and arm64 Linux ABIs an integer variadic argument
    /// travels in the same register as a fixed one, so a fixed three-argument import is exact.
    /// </remarks>
    [LibraryImport(Library, SetLastError = true)]
    internal static partial int fcntl(int fd, int cmd, int arg);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial void* mmap(void* address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int munmap(void* address, nuint length);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int madvise(void* address, nuint length, int advice);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int mincore(void* address, nuint length, byte* vector);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int socketpair(int domain, int type, int protocol, int* fds);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int bind(int fd, void* address, uint addressLength);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int connect(int fd, void* address, uint addressLength);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int listen(int fd, int backlog);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int accept4(int fd, void* address, uint* addressLength, int flags);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial nint send(int fd, void* buffer, nuint length, int flags);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial nint recv(int fd, void* buffer, nuint length, int flags);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial nint sendmsg(int fd, MsgHdr* message, int flags);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial nint recvmsg(int fd, MsgHdr* message, int flags);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int shutdown(int fd, int how);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int getsockopt(int fd, int level, int name, void* value, uint* valueLength);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int unlink(string path);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int chmod(string path, uint mode);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int waitpid(int pid, int* status, int options);

    // posix_spawn family: these return an error number instead of setting errno.
    [LibraryImport(Library)]
    internal static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport(Library)]
    internal static partial int posix_spawn_file_actions_init(void* fileActions);

    [LibraryImport(Library)]
    internal static partial int posix_spawn_file_actions_destroy(void* fileActions);

    [LibraryImport(Library)]
    internal static partial int posix_spawn_file_actions_adddup2(void* fileActions, int fd, int newFd);

    /// <remarks>glibc 2.34 and later; older versions lack the symbol (EntryPointNotFoundException).</remarks>
    [LibraryImport(Library)]
    internal static partial int posix_spawn_file_actions_addclosefrom_np(void* fileActions, int lowestFd);

    [LibraryImport(Library)]
    internal static partial int posix_spawnattr_init(void* attributes);

    [LibraryImport(Library)]
    internal static partial int posix_spawnattr_destroy(void* attributes);

    [LibraryImport(Library)]
    internal static partial int posix_spawnattr_setflags(void* attributes, short flags);

    [LibraryImport(Library)]
    internal static partial int posix_spawnattr_setsigmask(void* attributes, void* signalSet);

    [LibraryImport(Library)]
    internal static partial int posix_spawnattr_setsigdefault(void* attributes, void* signalSet);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int sigemptyset(void* signalSet);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int sigfillset(void* signalSet);

    /// <remarks>
    /// syscall(2) is variadic in C. glibc implements it in assembly that only shuffles the six
    /// argument registers into the kernel's order, so fixed integer/pointer arguments are exact
    /// on x86-64 (and on arm64, where they all travel in registers too).
    /// </remarks>
    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    internal static partial nint syscall_pidfd_open(nint number, int pid, uint flags);

    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    internal static partial nint syscall_futex(nint number, int* address, nint operation, nint value, Timespec* timeout, int* address2, nint value3);
}

/// <summary>struct timespec (64-bit time_t).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    public long Seconds;
    public long Nanoseconds;
}

/// <summary>struct pollfd.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short ReturnedEvents;
}

/// <summary>struct iovec.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVec
{
    public void* Base;
    public nuint Length;
}

/// <summary>struct msghdr as glibc declares it (size_t iovlen and controllen, unlike POSIX's int).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MsgHdr
{
    public void* Name;
    public uint NameLength;
    public IoVec* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary>struct ucred (SO_PEERCRED).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct UCred
{
    public int Pid;
    public uint Uid;
    public uint Gid;
}

/// <summary>struct sockaddr_un.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SockAddrUn
{
    public const int PathCapacity = 108;
    public ushort Family;
    public fixed byte Path[PathCapacity];
}
