using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ava.Transport.Native;

/// <summary>
/// The C library's process-control calls: fork and exec, signal dispositions and masks, the parent-death signal,
/// the child subreaper, waitid, process groups and the terminal's foreground group, resource limits.
/// </summary>
/// <remarks>
/// The imports marked <c>[SuppressGCTransition]</c> are the ones a freshly forked child calls before exec. The
/// child holds only the forking thread: a GC transition there could wait for a garbage collection that another
/// thread of the parent had started and that nothing in the child will ever finish. Each of them is a plain system
/// call wrapper that neither blocks for long nor calls back into managed code.
/// </remarks>
public static unsafe partial class LibC
{
    internal const int SIG_BLOCK = 0;
    internal const int SIG_UNBLOCK = 1;
    internal const int SIG_SETMASK = 2;
    internal const nint SIG_DFL = 0;
    internal const ulong SIG_IGN = 1;
    internal const int PR_SET_PDEATHSIG = 1;
    internal const int PR_SET_CHILD_SUBREAPER = 36;
    internal const int P_PID = 1;
    internal const int P_ALL = 0;
    internal const int WNOHANG = 1;
    internal const int WSTOPPED = 2;
    internal const int WEXITED = 4;
    internal const int WNOWAIT = 0x1000000;
    internal const int RLIMIT_CORE = 4;

    /// <summary>A pipe whose two ends are close-on-exec.</summary>
    internal static (int Read, int Write) Pipe()
    {
        int* fds = stackalloc int[2];
        if (pipe2(fds, O_CLOEXEC) != 0)
        {
            throw NativeException.FromLastError("pipe2");
        }

        return (fds[0], fds[1]);
    }

    [LibraryImport(Library), SuppressGCTransition]
    internal static partial int fork();

    [LibraryImport(Library), SuppressGCTransition]
    internal static partial int execve(byte* path, byte** argv, byte** envp);

    [LibraryImport(Library), SuppressGCTransition]
    internal static partial void _exit(int status);

    [LibraryImport(Library), SuppressGCTransition]
    internal static partial int* __errno_location();

    [LibraryImport(Library), SuppressGCTransition]
    internal static partial int getppid();

    [LibraryImport(Library), SuppressGCTransition]
    internal static partial int setpgid(int pid, int processGroup);

    [LibraryImport(Library), SuppressGCTransition]
    internal static partial int getpgrp();

    [LibraryImport(Library), SuppressGCTransition]
    internal static partial int tcsetpgrp(int fd, int processGroup);

    /// <remarks>prctl is variadic in C; its integer arguments travel in the registers a fixed-arity call uses.</remarks>
    [LibraryImport(Library), SuppressGCTransition]
    internal static partial int prctl(int option, nuint argument2, nuint argument3, nuint argument4, nuint argument5);

    /// <summary>signal(2) with a handler address (SIG_DFL is 0); glibc implements it with sigaction.</summary>
    [LibraryImport(Library), SuppressGCTransition]
    internal static partial nint signal(int number, nint handler);

    /// <summary>Whether <paramref name="number"/> is ignored (SIG_IGN): sa_handler is the first word of struct sigaction.</summary>
    internal static bool IsIgnored(int number)
    {
        ulong* action = stackalloc ulong[32];
        return sigaction(number, null, action) == 0 && action[0] == SIG_IGN;
    }

    [LibraryImport(Library)]
    private static partial int sigaction(int number, void* action, void* oldAction);

    [LibraryImport(Library), SuppressGCTransition]
    internal static partial int pthread_sigmask(int how, void* set, void* oldSet);

    [LibraryImport(Library), SuppressGCTransition]
    internal static partial nint write(int fd, void* buffer, nuint length);

    [LibraryImport(Library), SuppressGCTransition]
    internal static partial int raise(int number);

    [LibraryImport(Library), SuppressGCTransition]
    internal static partial int sigaddset(void* signalSet, int number);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int pipe2(int* fds, int flags);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial nint read(int fd, void* buffer, nuint length);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int waitid(int idType, int id, SignalInfo* info, int options);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int tcgetpgrp(int fd);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int setrlimit(int resource, ResourceLimit* limit);
}

/// <summary>The start of siginfo_t as waitid fills it for a child (the kernel's struct is 128 bytes).</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct SignalInfo
{
    [FieldOffset(0)] public int Number;
    [FieldOffset(8)] public int Code;
    [FieldOffset(16)] public int Pid;
    [FieldOffset(24)] public int Status;
}

/// <summary>struct rlimit.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ResourceLimit
{
    public ulong Current;
    public ulong Maximum;
}
