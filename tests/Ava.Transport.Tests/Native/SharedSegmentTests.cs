using System.Runtime.InteropServices;
using Ava.Transport.Native;

namespace Ava.Transport.Tests.Native;

public sealed unsafe class SharedSegmentTests
{
    [Fact]
    public void Bytes_written_through_one_mapping_are_read_through_another()
    {
        using SharedSegment created = SharedSegment.Create("ava-test-segment", 8192);
        Assert.Equal(8192, created.Size);
        Assert.True(created.Fd >= 0);

        // A second mapping of the same memfd, as the peer would make from a received duplicate.
        int duplicate = Descriptors.Duplicate(created.Fd);
        using SharedSegment mapped = SharedSegment.Map(duplicate, 8192);
        Assert.True(created.Base != mapped.Base);

        created.Base[0] = 0x11;
        created.Base[8191] = 0x22;
        Assert.Equal(0x11, mapped.Base[0]);
        Assert.Equal(0x22, mapped.Base[8191]);

        mapped.Base[4096] = 0x33;
        Assert.Equal(0x33, created.Base[4096]);
    }

    [Fact]
    public void PopulateInBackground_maps_the_pages_asked_for_and_no_more()
    {
        // A channel's rings are populated at open so that no call pays a first-touch fault; the worker populates only the
        // length it validated, never a larger size the guest claimed.
        const int pages = 256;
        var page = Environment.SystemPageSize;
        using SharedSegment segment = SharedSegment.Create("ava-test-populate", (long)pages * page);
        segment.PopulateInBackground(0, (long)pages / 2 * page);
        var resident = new byte[pages];
        fixed (byte* vector = resident)
        {
            // The populator's thread maps them soon after; a minute is far more than it takes.
            var deadline = Environment.TickCount64 + 60_000;
            do
            {
                Assert.Equal(0, mincore(segment.Base, (nuint)((long)pages * page), vector));
            }
            while ((resident[(pages / 2) - 1] & 1) == 0 && Environment.TickCount64 < deadline && Sleep());
        }

        Assert.All(resident[..(pages / 2)], r => Assert.Equal(1, r & 1));
        Assert.All(resident[(pages / 2)..], r => Assert.Equal(0, r & 1));
        Assert.True(new ReadOnlySpan<byte>(segment.Base, pages * page).IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void PopulateInBackground_of_segments_disposed_at_once_leaves_them_and_serves_the_next()
    {
        for (var i = 0; i < 20; i++)
        {
            var gone = SharedSegment.Create("ava-test-populate-gone", 8L << 20);
            gone.PopulateInBackground(0, gone.Size);
            gone.Dispose();
        }

        PopulateInBackground_maps_the_pages_asked_for_and_no_more();
    }

    [Fact]
    public void PopulateInBackground_existing_only_never_allocates_a_page_the_segment_lacks()
    {
        // The worker's side of a guest's segment: it maps what the guest made, and allocates nothing on its behalf.
        const int pages = 256;
        var page = Environment.SystemPageSize;
        using SharedSegment created = SharedSegment.Create("ava-test-existing", (long)pages * page);
        new Span<byte>(created.Base, 64 * page).Fill(7);
        using SharedSegment mapped = SharedSegment.Map(Descriptors.Duplicate(created.Fd), (long)pages * page);
        mapped.PopulateInBackground(0, mapped.Size, existingOnly: true);

        // Past the populator's wait for missing pages (200 ms) and its steps.
        Thread.Sleep(1000);
        var resident = new byte[pages];
        fixed (byte* vector = resident)
        {
            Assert.Equal(0, mincore(mapped.Base, (nuint)((long)pages * page), vector));
        }

        Assert.All(resident[..64], r => Assert.Equal(1, r & 1));
        Assert.All(resident[64..], r => Assert.Equal(0, r & 1));
        Assert.Equal(7, mapped.Base[(64 * page) - 1]);
    }

    [Fact]
    public void New_segment_is_zero_filled()
    {
        using SharedSegment segment = SharedSegment.Create("ava-test-zero", 4096);
        Assert.True(new ReadOnlySpan<byte>(segment.Base, 4096).IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void Mapping_more_than_the_fd_holds_fails_and_leaves_the_fd_to_the_caller()
    {
        using SharedSegment small = SharedSegment.Create("ava-test-small", 4096);
        int duplicate = Descriptors.Duplicate(small.Fd);
        try
        {
            IOException error = Assert.Throws<IOException>(() => SharedSegment.Map(duplicate, 8192));
            Assert.Contains("4096", error.Message, StringComparison.Ordinal);

            // Still open: the caller owns it after a failed Map.
            using SharedSegment retry = SharedSegment.Map(duplicate, 4096);
            duplicate = -1;
        }
        finally
        {
            if (duplicate >= 0)
            {
                LibC.Close(duplicate);
            }
        }
    }

    [Fact]
    public void Mapping_a_non_file_descriptor_fails()
    {
        (UnixSocket a, UnixSocket b) = UnixSocket.Pair();
        using (a)
        using (b)
        {
            Assert.Throws<IOException>(() => SharedSegment.Map(a.Fd, 4096));
        }
    }

    [Fact]
    public void Segment_is_sealed_so_the_peer_cannot_shrink_it()
    {
        using SharedSegment segment = SharedSegment.Create("ava-test-sealed", 4096);
        Assert.NotEqual(0, ftruncate(segment.Fd, 0));
        Assert.Equal(1 /* EPERM */, Marshal.GetLastPInvokeError());
    }

    [Fact]
    public void Dispose_is_idempotent_and_later_use_is_rejected()
    {
        SharedSegment segment = SharedSegment.Create("ava-test-dispose", 4096);
        segment.Dispose();
        segment.Dispose();
        Assert.Throws<ObjectDisposedException>(() => (nint)segment.Base);
        Assert.Throws<ObjectDisposedException>(() => segment.Fd);
    }

    [Fact]
    public void Invalid_sizes_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SharedSegment.Create("ava-test-bad", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SharedSegment.Map(0, -1));
    }

    [Fact]
    public void Wipe_on_fork_page_is_readable_and_writable()
    {
        byte* page = SharedSegment.AllocateWipeOnForkPage();
        Assert.Equal(0, page[0]);
        page[0] = 1;
        page[Environment.SystemPageSize - 1] = 2;
        Assert.Equal(1, page[0]);
        Assert.Equal(2, page[Environment.SystemPageSize - 1]);
    }

    [Fact]
    public void Wipe_on_fork_page_reads_as_zero_in_a_forked_child()
    {
        Assert.Equal(ForkProbe.Passed, ForkProbe.RunInFreshProcess(TimeSpan.FromSeconds(60)));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int ftruncate(int fd, long length);

    private static bool Sleep()
    {
        Thread.Sleep(1);
        return true;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mincore(void* address, nuint length, byte* vector);
}
