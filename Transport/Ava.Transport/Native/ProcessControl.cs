namespace Ava.Transport.Native;

/// <summary>What happened to a child, as waitid reports it.</summary>
public enum ChildChange
{
    /// <summary>It exited; <see cref="ChildState.Value"/> is the exit code.</summary>
    Exited,

    /// <summary>A signal killed it; <see cref="ChildState.Value"/> is the signal.</summary>
    Killed,

    /// <summary>A signal stopped it; <see cref="ChildState.Value"/> is the signal.</summary>
    Stopped,
}

/// <summary>A child's change of state.</summary>
public readonly record struct ChildState(ChildChange Change, int Value);

/// <summary>
/// Supervision of a child program by a wrapper that should be indistinguishable from it: waiting for its stops and
/// its end, reaping descendants reparented to us, the terminal's foreground group, and ending this process by the
/// signal that ended the child.
/// </summary>
public static unsafe class ProcessControl
{
    private const int CLD_EXITED = 1;
    private const int CLD_KILLED = 2;
    private const int CLD_DUMPED = 3;
    private const int CLD_STOPPED = 5;
    private const int ECHILD = 10;

    /// <summary>
    /// Makes this process the reaper of its orphaned descendants (PR_SET_CHILD_SUBREAPER): a grandchild whose parent
    /// exits becomes our child instead of init's, so we can wait for it.
    /// </summary>
    public static void BecomeSubreaper()
    {
        if (LibC.prctl(LibC.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
        {
            throw new NativeException("prctl(PR_SET_CHILD_SUBREAPER)", *LibC.__errno_location());
        }
    }

    /// <summary>
    /// Blocks until <paramref name="pid"/> stops or ends. A stop is consumed; an end is only reported: the child
    /// stays a zombie, so its pid cannot be reused, until <see cref="Reap"/>.
    /// </summary>
    public static ChildState WaitForChange(int pid)
    {
        while (true)
        {
            SignalInfo info = default;
            if (LibC.waitid(LibC.P_PID, pid, &info, LibC.WEXITED | LibC.WSTOPPED | LibC.WNOWAIT) != 0)
            {
                int errno = LibC.GetErrno();
                if (errno == LibC.EINTR)
                {
                    continue;
                }

                throw new NativeException($"waitid({pid})", errno);
            }

            switch (info.Code)
            {
                case CLD_EXITED:
                    return new ChildState(ChildChange.Exited, info.Status);
                case CLD_KILLED or CLD_DUMPED:
                    return new ChildState(ChildChange.Killed, info.Status);
                case CLD_STOPPED:
                    // WNOWAIT left the stop to be reported again: consume it (WNOHANG: it may be gone already).
                    SignalInfo consumed = default;
                    _ = LibC.waitid(LibC.P_PID, pid, &consumed, LibC.WSTOPPED | LibC.WNOHANG);
                    return new ChildState(ChildChange.Stopped, info.Status);
            }
        }
    }

    /// <summary>Reaps a child that <see cref="WaitForChange"/> reported ended.</summary>
    public static void Reap(int pid) => _ = ProcessSpawner.WaitExit(pid);

    /// <summary>Reaps every child that has ended, without blocking; false when no child is left at all.</summary>
    public static bool ReapEnded()
    {
        while (true)
        {
            SignalInfo info = default;
            if (LibC.waitid(LibC.P_ALL, 0, &info, LibC.WEXITED | LibC.WNOHANG) != 0)
            {
                int errno = LibC.GetErrno();
                if (errno == LibC.EINTR)
                {
                    continue;
                }

                return errno != ECHILD;
            }

            if (info.Pid == 0)
            {
                return true;
            }
        }
    }

    /// <summary>The pids of this process's children (every thread's <c>/proc/self/task/TID/children</c>).</summary>
    public static IReadOnlyList<int> Children()
    {
        var children = new List<int>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                foreach (var pid in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    children.Add(int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
                // The thread ended while we listed it.
            }
        }

        return children;
    }

    /// <summary>Sends <paramref name="signal"/> to the process group <paramref name="group"/>; false when it is gone.</summary>
    public static bool SignalGroup(int group, int signal) => LibC.Kill(-group, signal);

    /// <summary>The first of the standard descriptors that is a terminal whose foreground group is ours, or -1.</summary>
    public static int ForegroundTerminal()
    {
        int ours = LibC.getpgrp();
        for (int fd = 0; fd <= 2; fd++)
        {
            if (LibC.tcgetpgrp(fd) == ours)
            {
                return fd;
            }
        }

        return -1;
    }

    /// <summary>Whether <paramref name="group"/> is the foreground group of terminal <paramref name="fd"/>.</summary>
    public static bool IsForeground(int fd, int group) => LibC.tcgetpgrp(fd) == group;

    /// <summary>Whether this process ignores <paramref name="signal"/> (as a shell's background job ignores SIGINT).</summary>
    public static bool IsIgnored(int signal) => LibC.IsIgnored(signal);

    /// <summary>This process's group.</summary>
    public static int ProcessGroup() => LibC.getpgrp();

    /// <summary>
    /// Makes <paramref name="group"/> the foreground group of terminal <paramref name="fd"/>. SIGTTOU is blocked on
    /// this thread meanwhile: from a background group the kernel would otherwise stop us instead.
    /// </summary>
    public static void SetForeground(int fd, int group)
    {
        ulong* block = stackalloc ulong[16];
        ulong* saved = stackalloc ulong[16];
        _ = LibC.sigemptyset(block);
        _ = LibC.sigaddset(block, Signals.SIGTTOU);
        _ = LibC.pthread_sigmask(LibC.SIG_BLOCK, block, saved);
        _ = LibC.tcsetpgrp(fd, group);
        _ = LibC.pthread_sigmask(LibC.SIG_SETMASK, saved, null);
    }

    /// <summary>Stops this process (SIGSTOP) until someone continues it.</summary>
    public static void StopSelf() => _ = LibC.Kill(LibC.GetPid(), Signals.SIGSTOP);

    /// <summary>Keeps a signal that dumps core from writing a core file of this process (RLIMIT_CORE 0).</summary>
    public static void SuppressCoreDumps()
    {
        var none = new ResourceLimit();
        _ = LibC.setrlimit(LibC.RLIMIT_CORE, &none);
    }

    /// <summary>
    /// Ends this process by <paramref name="signal"/>, as if it had arrived with its default action: whatever
    /// handler was installed (the runtime's own) is replaced by the default first. Exits 128 + signal should the
    /// signal not end the process.
    /// </summary>
    public static void DieOf(int signal)
    {
        _ = LibC.signal(signal, LibC.SIG_DFL);
        ulong* unblock = stackalloc ulong[16];
        _ = LibC.sigemptyset(unblock);
        _ = LibC.sigaddset(unblock, signal);
        _ = LibC.pthread_sigmask(LibC.SIG_UNBLOCK, unblock, null);
        _ = LibC.raise(signal);
        LibC._exit(128 + signal);
    }
}
