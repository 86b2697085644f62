using System.Diagnostics;
using System.IO.MemoryMappedFiles;
using System.Text;

namespace Ava.Transport.Diagnostics;

/// <summary>
/// One process's per-function call totals for one API, in a file mapped shared (<see cref="ProfileLayout"/>): a fixed
/// table made once, added to with atomic adds, so a call that is profiled allocates nothing and takes no lock, and the
/// totals survive however the process ends.
/// </summary>
public sealed unsafe class ProfileTable
{
    // The mappings live as long as the process: the totals are written until its last call.
    private static readonly List<IDisposable> s_kept = [];

    private readonly ulong* _base;
    private readonly int _rows;
    private readonly int _callers;

    private ProfileTable(ulong* @base, int rows, int callers, string path)
    {
        _base = @base;
        _rows = rows;
        _callers = callers;
        Path = path;
    }

    /// <summary>The folder <c>AVA_PROFILE</c> names (null: profiling is off), as the process started.</summary>
    public static string? Directory { get; } = Configured();

    /// <summary>The clock: CLOCK_MONOTONIC in nanoseconds (what <see cref="Stopwatch"/> reads on Linux).</summary>
    public static long Now() => Stopwatch.GetTimestamp();

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>
    /// Makes the file of <paramref name="api"/> for this process under <see cref="Directory"/>; null (with why) when
    /// profiling is off or the file cannot be made, and the calls then go unprofiled.
    /// </summary>
    public static ProfileTable? Create(ProfileSide side, ApiDescriptor api, int peerPid, out string? error)
    {
        ArgumentNullException.ThrowIfNull(api);
        error = null;
        if (Directory is null)
        {
            return null;
        }

        var pid = Environment.ProcessId;
        var rows = api.FunctionNames.Count + 1;
        var callers = side == ProfileSide.Guest ? ProfileLayout.GuestCallers : 0;
        var names = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(0, rows).Select(api.FunctionName)));
        var namesStart = ProfileLayout.NamesStart(rows, callers);
        var size = namesStart + names.Length;
        var path = System.IO.Path.Combine(Directory, ProfileLayout.FileName(side, api.Name, pid, peerPid));
        try
        {
            var file = MemoryMappedFile.CreateFromFile(path, FileMode.Create, null, size, MemoryMappedFileAccess.ReadWrite);
            var view = file.CreateViewAccessor(0, size, MemoryMappedFileAccess.ReadWrite);
            byte* memory = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref memory);
            memory += view.PointerOffset;
            lock (s_kept)
            {
                s_kept.Add(view);
                s_kept.Add(file);
            }

            var header = new Span<byte>(memory, ProfileLayout.HeaderSize);
            BitConverter.TryWriteBytes(header[ProfileLayout.VersionOffset..], ProfileLayout.Version);
            BitConverter.TryWriteBytes(header[ProfileLayout.SideOffset..], (uint)side);
            BitConverter.TryWriteBytes(header[ProfileLayout.PidOffset..], (uint)pid);
            BitConverter.TryWriteBytes(header[ProfileLayout.PeerPidOffset..], (uint)peerPid);
            BitConverter.TryWriteBytes(header[ProfileLayout.RowsOffset..], (uint)rows);
            BitConverter.TryWriteBytes(header[ProfileLayout.CallersOffset..], (uint)callers);
            var apiName = Encoding.UTF8.GetBytes(api.Name);
            apiName.AsSpan(0, Math.Min(apiName.Length, ProfileLayout.ApiNameSize - 1)).CopyTo(header[ProfileLayout.ApiNameOffset..]);
            BitConverter.TryWriteBytes(header[ProfileLayout.NamesOffsetOffset..], (uint)namesStart);
            BitConverter.TryWriteBytes(header[ProfileLayout.NamesLengthOffset..], (uint)names.Length);
            names.CopyTo(new Span<byte>(memory + namesStart, names.Length));

            // The magic last: a reader that finds it finds a whole header.
            Volatile.Write(ref *(ulong*)memory, ProfileLayout.Magic);
            return new ProfileTable((ulong*)memory, rows, callers, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot write the call profile {path}: {e.Message}";
            return null;
        }
    }

    /// <summary>Adds <paramref name="value"/> to a slot of <paramref name="function"/>'s row (an unknown id: row 0).</summary>
    public void Add(int function, int slot, long value)
    {
        var row = (uint)function < (uint)_rows ? function : 0;
        Interlocked.Add(ref *(long*)(_base + (ProfileLayout.RowOffset(row) / sizeof(ulong)) + (slot & (ProfileLayout.RowSlots - 1))), value);
    }

    /// <summary>Records the process this table's calls came from (a worker learns its guest at the handshake).</summary>
    public void SetPeer(int pid) => Volatile.Write(ref *(uint*)((byte*)_base + ProfileLayout.PeerPidOffset), (uint)pid);

    /// <summary>
    /// Counts a synchronous call of <paramref name="function"/> made from <paramref name="address"/> (a return address
    /// in the caller) that cost the caller <paramref name="ns"/>; the first call from a site has it described by
    /// <paramref name="describe"/> (into a NUL-terminated buffer of the given size). A full table counts the call as dropped.
    /// </summary>
    public void AddCaller(ulong address, int function, long ns, delegate*<ulong, byte*, int, void> describe)
    {
        var key = (address & ((1UL << ProfileLayout.CallerFunctionShift) - 1)) | ((ulong)(ushort)function << ProfileLayout.CallerFunctionShift);
        if (key == 0 || _callers == 0)
        {
            return;
        }

        var callers = (byte*)_base + ProfileLayout.CallersStart(_rows);
        var mask = (ulong)_callers - 1;
        var slot = (key * 0x9E37_79B9_7F4A_7C15UL) >> 40;
        for (var probe = 0; probe < 64; probe++, slot++)
        {
            var entry = (ulong*)(callers + ((long)(slot & mask) * ProfileLayout.CallerSize));
            var seen = Volatile.Read(ref *entry);
            if (seen == 0)
            {
                seen = Interlocked.CompareExchange(ref *entry, key, 0);
                if (seen == 0)
                {
                    describe(address, (byte*)(entry + 3), ProfileLayout.CallerTextSize);
                    seen = key;
                }
            }

            if (seen == key)
            {
                Interlocked.Increment(ref *(long*)(entry + 1));
                Interlocked.Add(ref *(long*)(entry + 2), ns);
                return;
            }
        }

        Interlocked.Increment(ref *(long*)((byte*)_base + ProfileLayout.DroppedOffset));
    }

    private static string? Configured()
    {
        var directory = Environment.GetEnvironmentVariable("AVA_PROFILE");

        // The stage differences are nanoseconds of CLOCK_MONOTONIC, which is what the stopwatch reads on Linux.
        return string.IsNullOrEmpty(directory) || Stopwatch.Frequency != 1_000_000_000 ? null : directory;
    }
}
