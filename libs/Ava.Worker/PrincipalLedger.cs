using System.Runtime.CompilerServices;
using Ava.Transport.Native;

namespace Ava.Worker;

/// <summary>
/// What all the workers of one policy principal (<c>uid:N</c>, or <c>default</c>) hold together, against the
/// principal's limits: a small shared-memory segment that the manager makes for the principal and hands to each of
/// its workers (never to a guest), so that several processes of one user share one quota instead of getting one
/// each. Each worker has a slot of its own; the manager gives a departed worker's slot back to the total.
/// <code>
///   0                 8          16           24                      64
///   +-----------------+----------+------------+-----------------------+
///   | magic AVALEDG1  | slots S  | resources R| (zero)                |  header
///   +-----------------+----------+------------+-----------------------+
///   64 + 64 r:  | limit (0: none) | total held by all slots | (zero)  |  one row per resource r
///   64 + 64 R + 8 (s R + r):  held by slot s of resource r            |  one cell per slot and resource
/// </code>
/// Every cell is a 64-bit integer changed only with atomic instructions. A reservation adds to the total with a
/// compare-and-swap that keeps it within the limit, then to its slot; a release takes from its slot, then from the
/// total. The two steps are not one atomic act: a worker killed between them leaves the total off by that one
/// amount until the principal's last worker is gone and the manager drops the segment.
/// </summary>
public sealed unsafe class PrincipalLedger : IDisposable
{
    /// <summary>Slots of one segment: the most workers (sessions) one principal has at once.</summary>
    public const int SlotCount = 1024;

    /// <summary>The resources the ledger shares, by row.</summary>
    public static readonly IReadOnlyList<string> Resources = [ResourceAccounts.DeviceMemory, ResourceAccounts.Channels, ResourceAccounts.Objects];

    private const long Magic = 0x314744454C415641; // "AVALEDG1" as the header's first eight bytes
    private const int HeaderBytes = 64;
    private const int RowBytes = 64;

    private readonly SharedSegment _segment;

    private PrincipalLedger(SharedSegment segment) => _segment = segment;

    /// <summary>Bytes of a segment.</summary>
    public static long SegmentSize => HeaderBytes + (RowBytes * Resources.Count) + (8L * SlotCount * Resources.Count);

    /// <summary>The segment's descriptor, to pass to a worker.</summary>
    public int Fd => _segment.Fd;

    /// <summary>A fresh ledger (the manager's side): nothing held, no limits.</summary>
    public static PrincipalLedger Create(string principal)
    {
        var segment = SharedSegment.Create("ava-ledger-" + principal, SegmentSize);
        var ledger = new PrincipalLedger(segment);
        ledger.Cell(8) = SlotCount;
        ledger.Cell(16) = Resources.Count;
        Volatile.Write(ref ledger.Cell(0), Magic);
        return ledger;
    }

    /// <summary>Maps a ledger the manager sent (the worker's side); on success the ledger owns <paramref name="fd"/>.</summary>
    public static PrincipalLedger Map(int fd)
    {
        var segment = SharedSegment.Map(fd, SegmentSize);
        var ledger = new PrincipalLedger(segment);
        if (Volatile.Read(ref ledger.Cell(0)) != Magic || ledger.Cell(8) != SlotCount || ledger.Cell(16) != Resources.Count)
        {
            ledger._segment.Dispose();
            throw new IOException("the manager's ledger segment has another layout");
        }

        return ledger;
    }

    /// <summary>The row of <paramref name="resource"/>; -1 when the ledger does not share it.</summary>
    public static int RowOf(string resource)
    {
        for (var i = 0; i < Resources.Count; i++)
        {
            if (string.Equals(Resources[i], resource, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The principal's limit of the resource in <paramref name="row"/>; 0: none.</summary>
    public long Limit(int row) => Volatile.Read(ref LimitCell(row));

    /// <summary>Sets a limit (the manager, from the policy).</summary>
    public void SetLimit(int row, long limit) => Volatile.Write(ref LimitCell(row), Math.Max(0, limit));

    /// <summary>What all the principal's workers hold of the resource in <paramref name="row"/>.</summary>
    public long Total(int row) => Volatile.Read(ref TotalCell(row));

    /// <summary>What slot <paramref name="slot"/> holds of the resource in <paramref name="row"/>.</summary>
    public long Held(int row, int slot) => Volatile.Read(ref HeldCell(row, slot));

    /// <summary>Adds <paramref name="amount"/> for <paramref name="slot"/> if the total stays within the limit.</summary>
    public bool TryAdd(int row, int slot, long amount)
    {
        ref var total = ref TotalCell(row);
        var limit = Limit(row);
        var seen = Volatile.Read(ref total);
        while (true)
        {
            if (limit > 0 && amount > limit - seen)
            {
                return false;
            }

            var before = Interlocked.CompareExchange(ref total, seen + amount, seen);
            if (before == seen)
            {
                break;
            }

            seen = before;
        }

        Interlocked.Add(ref HeldCell(row, slot), amount);
        return true;
    }

    /// <summary>Adds <paramref name="amount"/> whatever the limit (a charge put back after a failed free).</summary>
    public void Add(int row, int slot, long amount)
    {
        Interlocked.Add(ref TotalCell(row), amount);
        Interlocked.Add(ref HeldCell(row, slot), amount);
    }

    /// <summary>Takes <paramref name="amount"/> back from <paramref name="slot"/>.</summary>
    public void Subtract(int row, int slot, long amount)
    {
        Interlocked.Add(ref HeldCell(row, slot), -amount);
        Interlocked.Add(ref TotalCell(row), -amount);
    }

    /// <summary>Gives back everything <paramref name="slot"/> held (the manager, once the slot's worker is gone).</summary>
    public void Reclaim(int slot)
    {
        for (var row = 0; row < Resources.Count; row++)
        {
            var held = Interlocked.Exchange(ref HeldCell(row, slot), 0);
            Interlocked.Add(ref TotalCell(row), -held);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _segment.Dispose();

    private ref long Cell(long offset) => ref Unsafe.AsRef<long>(_segment.Base + offset);

    private ref long LimitCell(int row) => ref Cell(HeaderBytes + ((long)RowBytes * Checked(row, Resources.Count)));

    private ref long TotalCell(int row) => ref Cell(HeaderBytes + ((long)RowBytes * Checked(row, Resources.Count)) + 8);

    private ref long HeldCell(int row, int slot) =>
        ref Cell(HeaderBytes + ((long)RowBytes * Resources.Count) + (8L * ((Checked(slot, SlotCount) * (long)Resources.Count) + Checked(row, Resources.Count))));

    private static int Checked(int index, int count) => (uint)index < (uint)count ? index : throw new ArgumentOutOfRangeException(nameof(index));
}
