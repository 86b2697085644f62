namespace Ava.Transport.Native;

/// <summary>
/// One thread per process that maps the pages of ranges of shared segments in 1 MiB steps
/// (<see cref="SharedSegment.PopulateInBackground"/>), so that no call pays for them: a step takes a fraction of a millisecond, and a segment disposed meanwhile is left alone. A
/// segment whose pages may only be mapped (the worker's side) waits up to 200 ms for the guest to make them.
/// </summary>
internal static class SegmentPopulator
{
    private const long Step = 1L << 20;

    /// <summary>How long the worker's side waits for the pages a guest's own populator is still making.</summary>
    private const int ExistingWaitMilliseconds = 200;

    private static readonly Queue<(SharedSegment Segment, long Offset, long Length, bool ExistingOnly, long Deadline)> Pending = new();
    private static int _ownerPid;

    /// <summary>Queues a segment; starts the thread on first use, and again in a child after fork (threads do not survive it).</summary>
    public static void Enqueue(SharedSegment segment, long offset, long length, bool existingOnly)
    {
        if (length <= 0)
        {
            return;
        }

        lock (Pending)
        {
            // The wait counts from here, so segments queued behind one whose pages never come are not held up as long.
            Pending.Enqueue((segment, offset, length, existingOnly, Environment.TickCount64 + ExistingWaitMilliseconds));
            var pid = Environment.ProcessId;
            if (_ownerPid != pid)
            {
                _ownerPid = pid;
                new Thread(Run) { IsBackground = true, Name = "ava-populate" }.Start();
            }
            else
            {
                Monitor.Pulse(Pending);
            }
        }
    }

    private static void Run()
    {
        while (true)
        {
            (SharedSegment Segment, long Offset, long Length, bool ExistingOnly, long Deadline) next;
            lock (Pending)
            {
                while (Pending.Count == 0)
                {
                    Monitor.Wait(Pending);
                }

                next = Pending.Dequeue();
            }

            for (long done = 0; done < next.Length;)
            {
                if (!next.Segment.PopulateStep(next.Offset + done, Math.Min(Step, next.Length - done), next.ExistingOnly, out var complete))
                {
                    break;
                }

                // Pages the guest has not made yet: its populator is usually milliseconds ahead; past the wait, what is
                // missing faults in as it is used.
                if (!complete && Environment.TickCount64 < next.Deadline)
                {
                    Thread.Sleep(1);
                    continue;
                }

                done += Step;
            }
        }
    }
}
