using System.Runtime.InteropServices;

namespace Ava.Transport.Native;

public static unsafe partial class ProcessSpawner
{
    private const int HighestSignal = 64;

    /// <summary>
    /// Starts a program that must not outlive this process: the child gets SIGKILL when the calling thread ends
    /// (PR_SET_PDEATHSIG, set in the child before exec; the kernel ties it to the thread that forked, so call this
    /// from a thread that lives as long as the child should, such as the main thread). Unlike
    /// <see cref="Spawn(string, ReadOnlySpan{string}, ReadOnlySpan{string}, ReadOnlySpan{ValueTuple{int, int}})"/>
    /// this forks (posix_spawn has no way to run prctl in the child), and the child inherits every descriptor
    /// that is not close-on-exec, as a shell's child does.
    /// </summary>
    /// <param name="path">Absolute path of the executable.</param>
    /// <param name="argv">The full argument vector, argv[0] included.</param>
    /// <param name="environment">The child's complete environment as NAME=value strings.</param>
    /// <param name="terminal">
    /// A terminal descriptor, or -1. With one, the child starts its own process group and makes it the terminal's
    /// foreground group before exec, so that what the terminal sends (Ctrl-C, Ctrl-Z, window size changes) reaches
    /// the child alone, as it would reach a program started by the shell.
    /// </param>
    /// <param name="ignored">Signals the child keeps ignoring, as a program started by exec would; every other signal
    /// starts at its default action.</param>
    /// <returns>The child's pid (also its process group with a terminal).</returns>
    /// <exception cref="NativeException">fork failed, or exec did (the child's errno, e.g. EACCES).</exception>
    public static int SpawnSupervised(string path, ReadOnlySpan<string> argv, ReadOnlySpan<string> environment, int terminal, ReadOnlySpan<int> ignored)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte* pathBlock = BuildString(path);
        byte* argvBlock = BuildStringArray(argv, fallbackFirst: path, out byte** argvPointers);
        byte* envBlock = BuildStringArray(environment, fallbackFirst: null, out byte** envp);
        ulong* allSignals = stackalloc ulong[OpaqueBufferWords];
        ulong* emptyMask = stackalloc ulong[OpaqueBufferWords];
        ulong* savedMask = stackalloc ulong[OpaqueBufferWords];
        bool* keepIgnored = stackalloc bool[HighestSignal + 1];
        foreach (int number in ignored)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)number, (uint)HighestSignal, nameof(ignored));
            keepIgnored[number] = true;
        }

        var (errorRead, errorWrite) = LibC.Pipe();
        try
        {
            if (LibC.sigfillset(allSignals) != 0 || LibC.sigemptyset(emptyMask) != 0)
            {
                throw NativeException.FromLastError("sigfillset/sigemptyset");
            }

            // Blocked across fork: a signal arriving in the child before exec must not run this process's handlers
            // there (the runtime's handlers would report it to the parent's signal thread through a shared pipe).
            _ = LibC.pthread_sigmask(LibC.SIG_SETMASK, allSignals, savedMask);
            int parent = LibC.GetPid();
            int pid = LibC.fork();
            if (pid == 0)
            {
                RunChild(pathBlock, argvPointers, envp, terminal, parent, errorWrite, emptyMask, keepIgnored);
            }

            int forkError = pid < 0 ? *LibC.__errno_location() : 0;
            _ = LibC.pthread_sigmask(LibC.SIG_SETMASK, savedMask, null);
            if (pid < 0)
            {
                throw new NativeException($"fork for {path}", forkError);
            }

            LibC.CloseQuietly(errorWrite);
            errorWrite = -1;
            int childError = ReadExecError(errorRead);
            if (childError != 0)
            {
                _ = WaitExit(pid);
                throw new NativeException($"execve({path})", childError);
            }

            return pid;
        }
        finally
        {
            LibC.CloseQuietly(errorRead);
            LibC.CloseQuietly(errorWrite);
            NativeMemory.Free(envBlock);
            NativeMemory.Free(argvBlock);
            NativeMemory.Free(pathBlock);
        }
    }

    /// <summary>
    /// The forked child, up to exec: only system call wrappers without GC transitions, no allocation, no locks
    /// (another thread of the parent may have held any lock at the moment of fork). Every signal is blocked on entry.
    /// </summary>
    private static void RunChild(byte* path, byte** argv, byte** envp, int terminal, int parent, int errorFd, ulong* emptyMask, bool* keepIgnored)
    {
        if (terminal >= 0)
        {
            // With every signal blocked, taking the foreground from a background group raises no SIGTTOU.
            _ = LibC.setpgid(0, 0);
            _ = LibC.tcsetpgrp(terminal, LibC.getpgrp());
        }

        // The parent may have died between fork and prctl; then no death signal would ever come.
        if (LibC.prctl(LibC.PR_SET_PDEATHSIG, Signals.SIGKILL, 0, 0, 0) != 0 || LibC.getppid() != parent)
        {
            FailChild(errorFd);
        }

        // exec keeps ignored signals ignored (the runtime ignores SIGPIPE) and resets handled ones: the program
        // starts with nothing blocked and every disposition at its default but those asked to stay ignored.
        // SIGKILL and SIGSTOP refuse, harmlessly.
        for (int number = 1; number <= HighestSignal; number++)
        {
            if (!keepIgnored[number])
            {
                _ = LibC.signal(number, LibC.SIG_DFL);
            }
        }

        _ = LibC.pthread_sigmask(LibC.SIG_SETMASK, emptyMask, null);
        _ = LibC.execve(path, argv, envp);
        FailChild(errorFd);
    }

    private static void FailChild(int errorFd)
    {
        int error = *LibC.__errno_location();
        _ = LibC.write(errorFd, &error, sizeof(int));
        LibC._exit(127);
    }

    /// <summary>The child's errno from a failed exec, or 0 when the pipe closed by exec (success).</summary>
    private static int ReadExecError(int fd)
    {
        int error = 0;
        nint got;
        while ((got = LibC.read(fd, &error, sizeof(int))) < 0 && LibC.GetErrno() == LibC.EINTR)
        {
        }

        return got == sizeof(int) ? error : 0;
    }
}
