using System.Runtime.InteropServices;

namespace Ava.Transport.Native;

/// <summary>
/// Faults in the pages of a large destination on a thread of its own while the caller fills it from a channel.
/// </summary>
/// <remarks>
/// An application that receives a large result into memory it has just allocated (PyTorch's <c>tensor.cpu()</c>, a
/// fresh <c>malloc</c> for every read) pays one page fault per 4 KiB page during the copy: natively inside the driver's
/// own memcpy, remoted inside <c>recv</c> or the copy out of the ring. Taken one by one on the receiving thread those
/// faults cost as much as the transfer itself (256 MiB into fresh memory ran at 26% of a plain socket over TCP, and at a
/// tenth of its usual rate over shared memory). <c>madvise(MADV_POPULATE_WRITE)</c> on another core maps the same pages
/// ahead of the receiver, in steps, so the faults overlap with the wire instead of adding to it. It changes no byte:
/// pages already present stay as they are, and every page of the range is about to be written anyway. Where the kernel
/// lacks it (before Linux 5.14) or the memory is not ordinary (a device mapping, read-only) it simply does nothing.
/// One populator (of one to four threads, by the machine's cores) serves the process; a receive that finds it busy goes
/// without, as before.
/// </remarks>
public static unsafe partial class PagePopulator
{
    /// <summary>Outputs smaller than this are received without help: the thread hand-off would cost more than it saves.</summary>
    public const long Threshold = 8L << 20;

    /// <summary>Bytes populated per request to the kernel: small enough that a cancelled run stops within about a millisecond.</summary>
    private const long Step = 2L << 20;

    private const int MADV_POPULATE_WRITE = 23;
    private const int EINVAL = 22;
    private const long PageSize = 4096;

    /// <summary>
    /// Threads that populate one range together, taking its steps in order from a shared counter: one thread faults in
    /// about 3 GB/s of fresh memory, less than a fast link delivers, so machines with cores to spare use more.
    /// </summary>
    private static readonly int Threads = Math.Clamp(Environment.ProcessorCount / 4, 1, 4);

    private static readonly object Gate = new();
    private static SemaphoreSlim[]? _work;
    private static ManualResetEventSlim? _idle;
    private static int _ownerPid;
    private static int _busy;
    private static int _running;
    private static long _nextStep;
    private static volatile bool _unsupported;
    private static volatile bool _cancel;
    private static byte* _start;
    private static long _length;

    /// <summary>
    /// Starts populating [<paramref name="destination"/>, + <paramref name="length"/>) unless it is small, the
    /// populator is serving another receive, or the kernel cannot. Dispose the result before the memory may be freed.
    /// </summary>
    public static Populating Begin(void* destination, long length)
    {
        if (length < Threshold || _unsupported || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return default;
        }

        if (!EnsureThread())
        {
            Volatile.Write(ref _busy, 0);
            return default;
        }

        // Whole pages only: the first and last partial pages fault in the ordinary way.
        var first = ((long)destination + PageSize - 1) & ~(PageSize - 1);
        var end = ((long)destination + length) & ~(PageSize - 1);
        _start = (byte*)first;
        _length = Math.Max(0, end - first);
        _cancel = false;
        _nextStep = 0;
        _running = _work!.Length;
        _idle!.Reset();
        foreach (var work in _work)
        {
            work.Release();
        }

        return new Populating(true);
    }

    /// <summary>The running populator thread of this process, started on first use (again in a forked child, which inherits none).</summary>
    private static bool EnsureThread()
    {
        var pid = LibC.GetPid();
        if (_ownerPid == pid)
        {
            return true;
        }

        lock (Gate)
        {
            if (_ownerPid == pid)
            {
                return true;
            }

            try
            {
                _work = new SemaphoreSlim[Threads];
                _idle = new ManualResetEventSlim(initialState: true);
                for (var i = 0; i < Threads; i++)
                {
                    var work = _work[i] = new SemaphoreSlim(0);
                    new Thread(() => Loop(work)) { IsBackground = true, Name = "ava page populator" }.Start();
                }
            }
            catch (OutOfMemoryException)
            {
                return false;
            }
            catch (ThreadStartException)
            {
                return false;
            }

            _ownerPid = pid;
            return true;
        }
    }

    private static void Loop(SemaphoreSlim work)
    {
        var idle = _idle!;
        while (true)
        {
            work.Wait();
            try
            {
                while (!_cancel)
                {
                    var offset = (Interlocked.Increment(ref _nextStep) - 1) * Step;
                    if (offset >= _length)
                    {
                        break;
                    }

                    if (madvise(_start + offset, (nuint)Math.Min(Step, _length - offset), MADV_POPULATE_WRITE) != 0)
                    {
                        // EINVAL: the kernel does not know the advice; anything else (EFAULT, ENOMEM): not ordinary
                        // memory, or not all of it mapped; the receive will report what it must. Either ends the run.
                        _unsupported |= Marshal.GetLastSystemError() == EINVAL;
                        _cancel = true;
                    }
                }
            }
            finally
            {
                if (Interlocked.Decrement(ref _running) == 0)
                {
                    idle.Set();
                }
            }
        }
    }

    /// <summary>Stops populating and waits for the step in flight, so that nothing touches the range once this returns.</summary>
    private static void End()
    {
        _cancel = true;
        _idle!.Wait();
        Volatile.Write(ref _busy, 0);
    }

    [LibraryImport(LibC.Library, SetLastError = true)]
    private static partial int madvise(void* address, nuint length, int advice);

    /// <summary>A populating run of <see cref="Begin"/>; disposing it ends the run (nothing when none was started).</summary>
    public readonly struct Populating(bool started) : IDisposable
    {
        /// <summary>Whether this receive got the populator (false: small, busy elsewhere, or unsupported).</summary>
        public bool Started => started;

        /// <summary>Ends the run: no page of the range is touched by the populator after this returns.</summary>
        public void Dispose()
        {
            if (started)
            {
                End();
            }
        }
    }
}
