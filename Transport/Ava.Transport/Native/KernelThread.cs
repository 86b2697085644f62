using System.Globalization;

namespace Ava.Transport.Native;

/// <summary>
/// A kernel thread of this process, named so that a later thread that reuses its id is not taken for it: the thread
/// id (gettid) and the thread's start time (field 22 of /proc/self/task/TID/stat, clock ticks since boot).
/// </summary>
/// <remarks>
/// Telling whether a thread has exited from outside is what lets its per-thread state be reclaimed without running
/// code at thread exit: a NativeAOT library detaches a foreign thread from its runtime in a thread_local destructor,
/// which glibc runs before pthread key destructors, so managed code cannot safely run in a key destructor.
/// </remarks>
public readonly record struct KernelThread(int Tid, long StartTime)
{
    /// <summary>Whether the start time could be read (no /proc, say): a thread that is not known is never taken for gone.</summary>
    public bool IsKnown => StartTime > 0;

    /// <summary>The calling thread.</summary>
    public static KernelThread Current()
    {
        var tid = LibC.GetTid();
        return new KernelThread(tid, ReadStartTime(tid, out var running) is { } start && running ? start : 0);
    }

    /// <summary>
    /// Whether the thread has certainly exited: its /proc entry is gone, or belongs to another thread now (different
    /// start time), or shows a thread that has stopped running (a zombie: the main thread keeps its entry until the
    /// whole process exits). False whenever that cannot be told.
    /// </summary>
    public bool HasExited()
    {
        if (!IsKnown)
        {
            return false;
        }

        var start = ReadStartTime(Tid, out var running);
        return start is null ? Directory.Exists("/proc/self/task") : start != StartTime || !running;
    }

    /// <summary>Field 22 of /proc/self/task/TID/stat; null when there is no such thread or the file cannot be read.</summary>
    private static long? ReadStartTime(int tid, out bool running)
    {
        running = false;
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/self/task/{tid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "tid (comm) state ppid ...": comm may hold spaces and parentheses, so the fields start after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const int StateField = 3;
        const int StartTimeField = 22;
        if (fields.Length <= StartTimeField - StateField
            || !long.TryParse(fields[StartTimeField - StateField], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }

        // Z (zombie) and X (dead) are what an exited thread whose entry lingers shows.
        running = fields[0] is not ("Z" or "X");
        return start;
    }
}
