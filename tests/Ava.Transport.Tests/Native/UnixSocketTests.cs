using System.Text;
using Ava.Transport.Native;

namespace Ava.Transport.Tests.Native;

public sealed class UnixSocketTests
{
    [Fact]
    public void Socket_pair_carries_bytes_both_ways()
    {
        (UnixSocket a, UnixSocket b) = UnixSocket.Pair();
        using (a)
        using (b)
        {
            a.SendAll("ping"u8);
            var buffer = new byte[4];
            b.ReceiveExactly(buffer);
            Assert.Equal("ping"u8.ToArray(), buffer);

            b.SendAll("pong!"u8);
            var reply = new byte[5];
            a.ReceiveExactly(reply);
            Assert.Equal("pong!"u8.ToArray(), reply);
        }
    }

    [Fact]
    public async Task Large_sends_arrive_whole()
    {
        (UnixSocket a, UnixSocket b) = UnixSocket.Pair();
        using (a)
        using (b)
        {
            // Bigger than the socket buffer, so SendAll must loop while the reader drains.
            byte[] payload = new byte[4 << 20];
            new Random(1).NextBytes(payload);
            var reader = Task.Run(() =>
            {
                var received = new byte[payload.Length];
                b.ReceiveExactly(received);
                return received;
            });
            a.SendAll(payload);
            Assert.Equal(payload, await reader.WaitAsync(TimeSpan.FromSeconds(30)));
        }
    }

    [Fact]
    public void Receive_returns_zero_and_ReceiveExactly_throws_at_end_of_stream()
    {
        (UnixSocket a, UnixSocket b) = UnixSocket.Pair();
        using (b)
        {
            a.SendAll("ab"u8);
            a.Dispose();

            var buffer = new byte[4];
            Assert.Throws<EndOfStreamException>(() => b.ReceiveExactly(buffer));
            Assert.Equal(0, b.Receive(buffer));
        }
    }

    [Fact]
    public unsafe void A_passed_memfd_maps_to_the_same_bytes_on_the_other_side()
    {
        (UnixSocket a, UnixSocket b) = UnixSocket.Pair();
        using (a)
        using (b)
        using (SharedSegment mine = SharedSegment.Create("ava-test-passed", 4096))
        {
            mine.Base[0] = 0xC3;
            mine.Base[4095] = 0x3C;
            a.SendWithFds("seg"u8, [mine.Fd]);

            var header = new byte[3];
            Span<int> fds = stackalloc int[UnixSocket.MaxFds];
            b.ReceiveExactlyWithFds(header, fds, out int count);
            Assert.Equal("seg"u8.ToArray(), header);
            Assert.Equal(1, count);
            Assert.NotEqual(mine.Fd, fds[0]);

            using SharedSegment theirs = SharedSegment.Map(fds[0], 4096);
            Assert.Equal(0xC3, theirs.Base[0]);
            Assert.Equal(0x3C, theirs.Base[4095]);
            theirs.Base[1] = 0x77;
            Assert.Equal(0x77, mine.Base[1]);
        }
    }

    [Fact]
    public unsafe void Several_descriptors_travel_in_one_message()
    {
        (UnixSocket a, UnixSocket b) = UnixSocket.Pair();
        using (a)
        using (b)
        {
            var segments = new SharedSegment[UnixSocket.MaxFds];
            for (int i = 0; i < segments.Length; i++)
            {
                segments[i] = SharedSegment.Create($"ava-test-multi-{i}", 4096);
                segments[i].Base[0] = (byte)(i + 1);
            }

            try
            {
                a.SendWithFds("x"u8, [segments[0].Fd, segments[1].Fd, segments[2].Fd, segments[3].Fd]);
                var data = new byte[1];
                var fds = new int[UnixSocket.MaxFds];
                Assert.Equal(1, b.ReceiveWithFds(data, fds, out int count));
                Assert.Equal(UnixSocket.MaxFds, count);
                for (int i = 0; i < count; i++)
                {
                    using SharedSegment mapped = SharedSegment.Map(fds[i], 4096);
                    Assert.Equal(i + 1, mapped.Base[0]);
                }
            }
            finally
            {
                foreach (SharedSegment segment in segments)
                {
                    segment.Dispose();
                }
            }
        }
    }

    [Fact]
    public void Receiving_more_descriptors_than_there_is_room_for_fails()
    {
        (UnixSocket a, UnixSocket b) = UnixSocket.Pair();
        using (a)
        using (b)
        using (SharedSegment one = SharedSegment.Create("ava-test-overflow", 4096))
        {
            a.SendWithFds("x"u8, [one.Fd, one.Fd]);
            var fds = new int[1];
            Assert.Throws<IOException>(() => b.ReceiveWithFds(new byte[1], fds, out _));
        }
    }

    [Fact]
    public void Too_many_descriptors_or_no_data_are_rejected_before_sending()
    {
        (UnixSocket a, UnixSocket b) = UnixSocket.Pair();
        using (a)
        using (b)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => a.SendWithFds("x"u8, [0, 0, 0, 0, 0]));
            Assert.Throws<ArgumentException>(() => a.SendWithFds([], [0]));
        }
    }

    [Fact]
    public void Peer_closing_is_detected()
    {
        (UnixSocket a, UnixSocket b) = UnixSocket.Pair();
        using (b)
        {
            Assert.False(b.IsPeerClosed());
            Assert.False(b.PollReadable(0));
            a.Dispose();
            Assert.True(b.IsPeerClosed());
            Assert.True(b.PollReadable(0));
        }
    }

    [Fact]
    public void PollReadable_sees_waiting_data_and_times_out_without_it()
    {
        (UnixSocket a, UnixSocket b) = UnixSocket.Pair();
        using (a)
        using (b)
        {
            Assert.False(b.PollReadable(20));
            a.SendAll("z"u8);
            Assert.True(b.PollReadable(1000));
            Assert.False(b.IsPeerClosed());
        }
    }

    [Fact]
    public void Sending_to_a_closed_peer_raises_an_error_not_a_signal()
    {
        (UnixSocket a, UnixSocket b) = UnixSocket.Pair();
        using (a)
        {
            b.Dispose();
            NativeException error = Assert.Throws<NativeException>(() => a.SendAll("gone"u8));
            Assert.Equal(32 /* EPIPE */, error.Errno);
            Assert.Contains("send", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Shutdown_wakes_a_blocked_receiver()
    {
        (UnixSocket a, UnixSocket b) = UnixSocket.Pair();
        using (a)
        using (b)
        {
            var receiver = Task.Run(() => b.Receive(new byte[8]));
            await Task.Delay(50);
            b.Shutdown();
            Assert.Equal(0, await receiver.WaitAsync(TimeSpan.FromSeconds(5)));
        }
    }

    [Fact]
    public void Peer_credentials_name_this_process()
    {
        (UnixSocket a, UnixSocket b) = UnixSocket.Pair();
        using (a)
        using (b)
        {
            PeerCredentials credentials = a.GetPeerCredentials();
            Assert.Equal(Environment.ProcessId, credentials.Pid);
            Assert.Equal(LibC.GetPid(), credentials.Pid);
        }
    }

    [Fact]
    public void Listen_creates_the_socket_file_with_the_requested_mode_and_accepts_connections()
    {
        string path = TempSocketPath();
        try
        {
            using UnixSocket listener = UnixSocket.Listen(path, 0b110_000_000 /* 0600 */);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

            using UnixSocket client = UnixSocket.Connect(path);
            using UnixSocket server = listener.Accept();

            client.SendAll("hello"u8);
            var buffer = new byte[5];
            server.ReceiveExactly(buffer);
            Assert.Equal("hello", Encoding.ASCII.GetString(buffer));
            Assert.Equal(Environment.ProcessId, server.GetPeerCredentials().Pid);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Listen_replaces_a_stale_socket_but_not_a_live_one()
    {
        string path = TempSocketPath();
        try
        {
            UnixSocket first = UnixSocket.Listen(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Assert.Throws<IOException>(() => UnixSocket.Listen(path, 0x180));

            // Leave a stale file behind, as a crashed listener would.
            int fd = first.Fd;
            LibC.Close(fd);
            Assert.True(File.Exists(path));

            using UnixSocket second = UnixSocket.Listen(path, 0x180);
            using UnixSocket client = UnixSocket.Connect(path);
            using UnixSocket server = second.Accept();
            GC.KeepAlive(first);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Listen_refuses_to_remove_a_regular_file()
    {
        string path = TempSocketPath();
        File.WriteAllText(path, "keep me");
        try
        {
            Assert.Throws<IOException>(() => UnixSocket.Listen(path, 0x180));
            Assert.Equal("keep me", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Disposing_a_listener_removes_its_path()
    {
        string path = TempSocketPath();
        UnixSocket listener = UnixSocket.Listen(path, 0x180);
        Assert.True(File.Exists(path));
        listener.Dispose();
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Connecting_to_a_missing_path_names_the_call_and_errno()
    {
        string path = TempSocketPath();
        NativeException error = Assert.Throws<NativeException>(() => UnixSocket.Connect(path));
        Assert.Equal(2 /* ENOENT */, error.Errno);
        Assert.Contains("connect", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_paths_are_rejected()
    {
        string path = "/tmp/" + new string('x', 200);
        Assert.Throws<ArgumentException>(() => UnixSocket.Connect(path));
    }

    private static string TempSocketPath()
        => Path.Combine(Path.GetTempPath(), $"ava-{Guid.NewGuid():N}.sock");
}
