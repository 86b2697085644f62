namespace Ava.Transport.Native;

/// <summary>
/// A block of memory shared between the client library and the worker: an anonymous memfd
/// mapped MAP_SHARED read/write. The memfd has no path, so the only way into the segment is
/// holding its descriptor (passed over a Unix socket with SCM_RIGHTS).
/// </summary>
/// <remarks>
/// There is deliberately no finalizer: rings and readers keep raw pointers into the mapping,
/// and unmapping behind their back from the finalizer thread would turn a leak into a crash.
/// </remarks>
public sealed unsafe class SharedSegment : IDisposable
{
    private const uint MFD_CLOEXEC = 0x1;
    private const uint MFD_ALLOW_SEALING = 0x2;
    private const uint MFD_NOEXEC_SEAL = 0x8;

    private const int PROT_READ = 0x1;
    private const int PROT_WRITE = 0x2;
    private const int MAP_SHARED = 0x01;
    private const int MAP_PRIVATE = 0x02;
    private const int MAP_ANONYMOUS = 0x20;
    private const int MADV_WIPEONFORK = 18;
    private const int MADV_POPULATE_WRITE = 23;

    private static readonly void* MapFailed = (void*)-1;

    private readonly object _unmapGate = new();
    private byte* _base;
    private int _fd;

    private SharedSegment(byte* baseAddress, long size, int fd)
    {
        _base = baseAddress;
        Size = size;
        _fd = fd;
    }

    /// <summary>First byte of the mapping. Throws <see cref="ObjectDisposedException"/> after <see cref="Dispose"/>.</summary>
    public byte* Base
    {
        get
        {
            byte* value = _base;
            ObjectDisposedException.ThrowIf(value == null, this);
            return value;
        }
    }

    /// <summary>Mapped length in bytes.</summary>
    public long Size { get; }

    /// <summary>
    /// Allocates and maps the pages of [<paramref name="offset"/>, + <paramref name="length"/>) on a thread of the
    /// process's own (see <see cref="SegmentPopulator"/>), as a channel's rings want them ahead of their positions
    /// (Ring.SpscRing): otherwise the first pass over each page costs a fault of 1-5 us inside a call, on each side,
    /// one call in about a hundred until the rings have wrapped once. Returns at once.
    /// </summary>
    /// <param name="offset">Where the range starts.</param>
    /// <param name="length">Its bytes; the part past <see cref="Size"/> is left out.</param>
    /// <param name="existingOnly">
    /// Map only pages the segment already holds, never allocate one: the worker's side of a guest's segment, so that
    /// a guest cannot make the worker allocate memory for it. The guest populates its own segment (its pages are charged
    /// to it); the worker waits a little for them and maps what is there.
    /// </param>
    public void PopulateInBackground(long offset, long length, bool existingOnly = false)
    {
        if (offset >= 0 && offset < Size)
        {
            SegmentPopulator.Enqueue(this, offset, Math.Min(length, Size - offset), existingOnly);
        }
    }

    /// <summary>
    /// Populates [<paramref name="offset"/>, + <paramref name="length"/>) unless the segment is gone: under the lock that
    /// <see cref="Dispose"/> takes, so no step ever reaches memory unmapped (or mapped again by someone else) meanwhile.
    /// With <paramref name="existingOnly"/>, only the runs of pages the segment already holds (mincore), and
    /// <paramref name="complete"/> says whether that was every page of the step. False once the segment is disposed.
    /// </summary>
    internal bool PopulateStep(long offset, long length, bool existingOnly, out bool complete)
    {
        complete = true;
        lock (_unmapGate)
        {
            if (_base == null)
            {
                return false;
            }

            // Best effort: a kernel without MADV_POPULATE_WRITE (before Linux 5.14) leaves the pages to fault in as used.
            if (!existingOnly)
            {
                _ = LibC.madvise(_base + offset, (nuint)length, MADV_POPULATE_WRITE);
                return true;
            }

            const int Page = 4096;
            var pages = (int)((length + Page - 1) / Page);
            var resident = stackalloc byte[pages];
            if (LibC.mincore(_base + offset, (nuint)length, resident) != 0)
            {
                return true;
            }

            for (var first = 0; first < pages;)
            {
                if ((resident[first] & 1) == 0)
                {
                    complete = false;
                    first++;
                    continue;
                }

                var end = first;
                while (end < pages && (resident[end] & 1) != 0)
                {
                    end++;
                }

                var bytes = Math.Min((long)(end - first) * Page, length - ((long)first * Page));
                _ = LibC.madvise(_base + offset + ((long)first * Page), (nuint)bytes, MADV_POPULATE_WRITE);
                first = end;
            }

            return true;
        }
    }

    /// <summary>The memfd backing the segment (owned by this object; send it, do not close it).</summary>
    public int Fd
    {
        get
        {
            int value = _fd;
            ObjectDisposedException.ThrowIf(value < 0, this);
            return value;
        }
    }

    /// <summary>
    /// Creates a new zero-filled segment of <paramref name="size"/> bytes.
    /// </summary>
    /// <param name="debugName">Shown only in /proc/PID/fd and /proc/PID/maps ("memfd:NAME"); it grants no access.</param>
    /// <param name="size">Length in bytes, greater than zero.</param>
    /// <remarks>
    /// The memfd is sealed against shrinking and growing. A peer that maps the segment can then
    /// rely on every page staying backed: without the seal, the other side could ftruncate the
    /// file and turn the next access into SIGBUS inside the host program.
    /// </remarks>
    public static SharedSegment Create(string debugName, long size) => Create(debugName, size, 0);

    /// <summary>
    /// Creates a new zero-filled segment, mapped at <paramref name="hint"/> where that range is free here (the kernel
    /// picks another place where it is not): a segment a peer must map at the same address can then be tried
    /// elsewhere when the first address is taken in the peer.
    /// </summary>
    public static SharedSegment Create(string debugName, long size, nint hint)
    {
        ArgumentNullException.ThrowIfNull(debugName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);

        // MFD_NOEXEC_SEAL (Linux 6.3+) is required where vm.memfd_noexec=2; older kernels reject
        // the unknown flag with EINVAL, so fall back to the plain flags there.
        int fd = LibC.memfd_create(debugName, MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_NOEXEC_SEAL);
        if (fd < 0 && LibC.GetErrno() == LibC.EINVAL)
        {
            fd = LibC.memfd_create(debugName, MFD_CLOEXEC | MFD_ALLOW_SEALING);
        }

        if (fd < 0)
        {
            throw NativeException.FromLastError($"memfd_create(\"{debugName}\")");
        }

        try
        {
            if (LibC.ftruncate(fd, size) != 0)
            {
                throw NativeException.FromLastError($"ftruncate(memfd \"{debugName}\", {size})");
            }

            if (LibC.fcntl(fd, LibC.F_ADD_SEALS, LibC.F_SEAL_SHRINK | LibC.F_SEAL_GROW | LibC.F_SEAL_SEAL) != 0)
            {
                throw NativeException.FromLastError($"fcntl(memfd \"{debugName}\", F_ADD_SEALS)");
            }

            byte* address = MapShared(fd, size, $"memfd \"{debugName}\"", hint);
            return new SharedSegment(address, size, fd);
        }
        catch
        {
            LibC.CloseQuietly(fd);
            throw;
        }
    }

    /// <summary>
    /// Maps a segment descriptor received from the peer.
    /// </summary>
    /// <param name="fd">A memfd made by <see cref="Create"/> on the other side. On success the returned
    /// segment owns it and closes it on <see cref="Dispose"/>; on failure the caller still owns it.</param>
    /// <param name="size">Bytes to map; the file must be at least this large.</param>
    /// <exception cref="IOException">The file is smaller than <paramref name="size"/>, is not a regular
    /// file, or is not sealed against shrinking (a peer could then truncate it under us).</exception>
    public static SharedSegment Map(int fd, long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);

        (long fileSize, uint mode) = LibC.FStat(fd);
        if ((mode & LibC.S_IFMT) != LibC.S_IFREG)
        {
            throw new IOException($"SharedSegment.Map: fd {fd} is not a regular file (mode 0x{mode:x}).");
        }

        if (fileSize < size)
        {
            throw new IOException($"SharedSegment.Map: fd {fd} holds {fileSize} bytes, fewer than the {size} requested.");
        }

        int seals = LibC.fcntl(fd, LibC.F_GET_SEALS, 0);
        if (seals < 0)
        {
            throw NativeException.FromLastError($"fcntl({fd}, F_GET_SEALS)");
        }

        if ((seals & LibC.F_SEAL_SHRINK) == 0)
        {
            throw new IOException($"SharedSegment.Map: fd {fd} is not sealed against shrinking (seals 0x{seals:x}).");
        }

        byte* address = MapShared(fd, size, $"fd {fd}");
        return new SharedSegment(address, size, fd);
    }

    /// <summary>
    /// Maps, at the same address, a segment another process made and holds as descriptor <paramref name="peerFd"/>
    /// (host memory both sides address alike: a device sees it at one address whichever process names it).
    /// </summary>
    /// <param name="peerPid">The peer, as the kernel reported it on the socket (never as the peer claims).</param>
    /// <param name="peerFd">The descriptor in the peer, reached through <c>/proc/PID/fd</c>.</param>
    /// <param name="size">Bytes to map; the file must be at least this large and sealed against shrinking.</param>
    /// <param name="address">Where the peer mapped it; page-aligned.</param>
    /// <returns>The segment, or null when it cannot be had there (another process, the address taken here).</returns>
    public static SharedSegment? MapPeerAt(int peerPid, int peerFd, long size, nint address)
    {
        if (peerPid <= 0 || peerFd < 0 || size <= 0 || address == 0 || (address & (Environment.SystemPageSize - 1)) != 0)
        {
            return null;
        }

        int fd = LibC.OpenReadWrite($"/proc/{peerPid}/fd/{peerFd}");
        if (fd < 0)
        {
            return null;
        }

        try
        {
            (long fileSize, uint mode) = LibC.FStat(fd);
            int seals = LibC.fcntl(fd, LibC.F_GET_SEALS, 0);
            if ((mode & LibC.S_IFMT) != LibC.S_IFREG || fileSize < size || seals < 0 || (seals & LibC.F_SEAL_SHRINK) == 0)
            {
                LibC.CloseQuietly(fd);
                return null;
            }

            // MAP_FIXED_NOREPLACE: never over a mapping of ours; a kernel without it takes the address as a hint.
            const int MapFixedNoReplace = 0x100000;
            void* mapped = LibC.mmap((void*)address, (nuint)size, PROT_READ | PROT_WRITE, MAP_SHARED | MapFixedNoReplace, fd, 0);
            if (mapped == MapFailed || mapped != (void*)address)
            {
                if (mapped != MapFailed)
                {
                    _ = LibC.munmap(mapped, (nuint)size);
                }

                LibC.CloseQuietly(fd);
                return null;
            }

            return new SharedSegment((byte*)mapped, size, fd);
        }
        catch
        {
            LibC.CloseQuietly(fd);
            throw;
        }
    }

    /// <summary>
    /// Allocates one page of private anonymous memory marked MADV_WIPEONFORK: a child made by
    /// fork() sees it as zeros. Writing a non-zero marker into it lets code notice that it now
    /// runs in a forked child (whose shared rings belong to the parent) with a plain memory read
    /// instead of a getpid() per call. Requires Linux 4.14. The page is never freed.
    /// </summary>
    public static byte* AllocateWipeOnForkPage()
    {
        nuint pageSize = (nuint)Environment.SystemPageSize;
        void* page = LibC.mmap(null, pageSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (page == MapFailed)
        {
            throw NativeException.FromLastError($"mmap(anonymous, {pageSize})");
        }

        if (LibC.madvise(page, pageSize, MADV_WIPEONFORK) != 0)
        {
            int errno = LibC.GetErrno();
            _ = LibC.munmap(page, pageSize);
            throw new NativeException("madvise(MADV_WIPEONFORK)", errno);
        }

        return (byte*)page;
    }

    /// <summary>Unmaps the segment and closes its descriptor. Safe to call more than once.</summary>
    public void Dispose()
    {
        // The descriptor decides which caller owns the teardown, so a racing second Dispose
        // cannot unmap twice.
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd < 0)
        {
            return;
        }

        lock (_unmapGate)
        {
            byte* address = _base;
            _base = null;

            if (address != null)
            {
                _ = LibC.munmap(address, (nuint)Size);
            }
        }

        LibC.CloseQuietly(fd);
    }

    private static byte* MapShared(int fd, long size, string what, nint hint = 0)
    {
        if ((ulong)size > nuint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "Segment does not fit the address space.");
        }

        void* address = LibC.mmap((void*)hint, (nuint)size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (address == MapFailed)
        {
            throw NativeException.FromLastError($"mmap({what}, {size})");
        }

        return (byte*)address;
    }
}
