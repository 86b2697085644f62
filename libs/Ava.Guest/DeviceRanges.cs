// Which addresses are device memory, as far as the guest can tell without asking the worker.
//
// With a unified address space (CUDA's UVA) one address names either host or device memory, and calls such as
// cuMemcpy or a CU_MEMORYTYPE_UNIFIED 2D copy take both kinds. The real library tells them apart by its own mappings;
// here the device memory lives in the worker and the host memory in the application, so the guest decides: an
// address inside a range the worker handed out ([DeviceRange] on the allocation's output, dropped by
// [FreesDeviceRange]) is device memory; otherwise an address mapped in this process is the application's host
// memory; anything else is left to the worker as a device address (memory the guest did not see allocated, such as
// an imported IPC range), where the real library gives its own answer.
using System.Runtime.InteropServices;

namespace Ava.Guest;

/// <summary>The device ranges the worker handed out, and the host-or-device decision built on them.</summary>
public static partial class DeviceRanges
{
    // Sorted by start, never overlapping; replaced whole under the lock so that lookups need no lock.
    private static (ulong Start, ulong End)[] s_ranges = [];
    private static readonly Lock s_gate = new();

    /// <summary>Remembers <paramref name="size"/> bytes of device memory at <paramref name="start"/> (ranges it overlaps are stale: dropped).</summary>
    public static void Add(ulong start, ulong size)
    {
        if (start == 0 || size == 0 || start + size < start)
        {
            return;
        }

        var end = start + size;
        lock (s_gate)
        {
            var kept = new List<(ulong Start, ulong End)>(s_ranges.Length + 1);
            foreach (var r in s_ranges)
            {
                if (r.End <= start || r.Start >= end)
                {
                    kept.Add(r);
                }
            }

            var at = kept.FindIndex(r => r.Start > start);
            kept.Insert(at < 0 ? kept.Count : at, (start, end));
            Volatile.Write(ref s_ranges, kept.ToArray());
        }
    }

    /// <summary>Forgets the range starting at <paramref name="start"/> (a free; an address inside a range frees nothing).</summary>
    public static void Remove(ulong start)
    {
        lock (s_gate)
        {
            var ranges = s_ranges;
            var i = Find(ranges, start);
            if (i >= 0 && ranges[i].Start == start)
            {
                Volatile.Write(ref s_ranges, [.. ranges[..i], .. ranges[(i + 1)..]]);
            }
        }
    }

    /// <summary>Whether <paramref name="address"/> lies in a device range the worker handed out.</summary>
    public static bool Contains(ulong address) => Find(Volatile.Read(ref s_ranges), address) >= 0;

    /// <summary>
    /// Whether <paramref name="address"/> is the application's host memory: not in a known device range, and mapped
    /// in this process.
    /// </summary>
    public static bool IsHost(ulong address)
    {
        if (address == 0 || Contains(address))
        {
            return false;
        }

        // msync fails with ENOMEM exactly when the page is not mapped; MS_ASYNC makes it a lookup, not a flush.
        const int MsAsync = 1;
        var page = (nint)(address & ~4095UL);
        return msync(page, 1, MsAsync) == 0;
    }

    /// <summary>The index of the range holding <paramref name="address"/>, or -1.</summary>
    private static int Find((ulong Start, ulong End)[] ranges, ulong address)
    {
        int lo = 0, hi = ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (address < ranges[mid].Start)
            {
                hi = mid - 1;
            }
            else if (address >= ranges[mid].End)
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }

    [LibraryImport("libc", EntryPoint = "msync")]
    private static partial int msync(nint address, nuint length, int flags);
}
