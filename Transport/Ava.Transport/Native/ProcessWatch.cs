namespace Ava.Transport.Native;

/// <summary>
/// A process followed by a pidfd (Linux 5.3): unlike its pid, the descriptor names that one process for as long as it
/// is open, never a later one that reuses the number, and it becomes readable when the process has ended. A worker
/// follows the process that made it, so that it ends with that process even while other processes (forked children)
/// hold descriptors of its connection.
/// </summary>
public sealed unsafe class ProcessWatch : IDisposable
{
    /// <summary>The system call's number, the same on every architecture (it came after they were unified).</summary>
    private const int SysPidfdOpen = 434;
    private const short POLLIN = 0x001;

    private readonly int _fd;

    private ProcessWatch(int pid, int fd)
    {
        Pid = pid;
        _fd = fd;
    }

    /// <summary>The process followed.</summary>
    public int Pid { get; }

    /// <summary>Starts following <paramref name="pid"/>; null when it has ended already or the kernel has no pidfds.</summary>
    public static ProcessWatch? TryOpen(int pid)
    {
        if (pid <= 0)
        {
            return null;
        }

        var fd = (int)LibC.syscall_pidfd_open(SysPidfdOpen, pid, 0);
        return fd < 0 ? null : new ProcessWatch(pid, fd);
    }

    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> (-1: for ever) for the process to end; true once it has.</summary>
    public bool WaitForExit(int timeoutMilliseconds)
    {
        PollFd poll;
        poll.Fd = _fd;
        poll.Events = POLLIN;
        poll.ReturnedEvents = 0;
        var ready = LibC.poll(&poll, 1, timeoutMilliseconds);
        return ready > 0 && (poll.ReturnedEvents & POLLIN) != 0;
    }

    /// <inheritdoc/>
    public void Dispose() => LibC.CloseQuietly(_fd);
}
