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
}
