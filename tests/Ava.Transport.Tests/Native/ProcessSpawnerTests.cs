using System.Text;
using Ava.Transport.Native;

namespace Ava.Transport.Tests.Native;

public sealed class ProcessSpawnerTests
{
    private static readonly string[] MinimalEnvironment = ["PATH=/usr/bin:/bin"];

    [Fact]
    public void Exit_status_of_the_child_is_reported()
    {
        int pid = ProcessSpawner.Spawn("/bin/sh", ["sh", "-c", "exit 3"], MinimalEnvironment, []);
        Assert.True(pid > 0);
        Assert.Equal(3, ProcessSpawner.WaitExit(pid));
    }

    [Fact]
    public void TryReap_reports_running_then_exited()
    {
        (UnixSocket parent, UnixSocket child) = UnixSocket.Pair();
        using (parent)
        {
            // The child blocks reading fd 3 until we close our end.
            int pid = ProcessSpawner.Spawn("/bin/sh", ["sh", "-c", "read x <&3; exit 5"], MinimalEnvironment, [(child.Fd, 3)]);
            child.Dispose();

            Assert.False(ProcessSpawner.TryReap(pid, out _));
            parent.Dispose();

            int status = -1;
            Assert.True(SpinUntil(() => ProcessSpawner.TryReap(pid, out status)));
            Assert.Equal(5, status);
        }
    }

    [Fact]
    public void Killed_child_reports_128_plus_the_signal()
    {
        int pid = ProcessSpawner.Spawn("/bin/sleep", ["sleep", "30"], MinimalEnvironment, []);
        Assert.True(LibC.Kill(pid, Signals.SIGKILL));
        Assert.Equal(128 + Signals.SIGKILL, ProcessSpawner.WaitExit(pid));
        Assert.False(LibC.Kill(pid, 0));
    }

    [Fact]
    public void Mapped_descriptor_reaches_the_child()
    {
        (UnixSocket parent, UnixSocket child) = UnixSocket.Pair();
        using (parent)
        {
            int pid;
            using (child)
            {
                pid = ProcessSpawner.Spawn("/bin/sh", ["sh", "-c", "echo hello from child >&3"], MinimalEnvironment, [(child.Fd, 3)]);
            }

            Assert.Equal("hello from child\n", ReadToEnd(parent));
            Assert.Equal(0, ProcessSpawner.WaitExit(pid));
        }
    }

    [Fact]
    public void Child_inherits_only_standard_and_mapped_descriptors()
    {
        (UnixSocket parent, UnixSocket child) = UnixSocket.Pair();
        using (parent)
        using (SharedSegment unrelated = SharedSegment.Create("ava-test-not-inherited", 4096))
        {
            int pid;
            using (child)
            {
                // ls lists its own descriptors: 0-2, the mapped stdout, and the directory it opened.
                pid = ProcessSpawner.Spawn("/bin/ls", ["ls", "/proc/self/fd"], MinimalEnvironment, [(child.Fd, 1)]);
            }

            string[] listed = ReadToEnd(parent).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(0, ProcessSpawner.WaitExit(pid));
            int[] fds = listed.Select(int.Parse).ToArray();
            Assert.Contains(1, fds);
            Assert.All(fds, fd => Assert.True(fd <= 3, $"child inherited fd {fd}: {string.Join(' ', listed)}"));
            GC.KeepAlive(unrelated);
        }
    }

    [Fact]
    public void Several_mappings_including_one_source_twice_all_reach_the_child()
    {
        (UnixSocket a1, UnixSocket a2) = UnixSocket.Pair();
        (UnixSocket b1, UnixSocket b2) = UnixSocket.Pair();
        using (a1)
        using (b1)
        {
            int pid;
            using (a2)
            using (b2)
            {
                pid = ProcessSpawner.Spawn(
                    "/bin/sh",
                    ["sh", "-c", "echo four >&4; echo three >&3"],
                    MinimalEnvironment,
                    [(a2.Fd, 4), (b2.Fd, 3), (a2.Fd, 5)]);
            }

            Assert.Equal(0, ProcessSpawner.WaitExit(pid));
            Assert.Equal("four\n", ReadToEnd(a1));
            Assert.Equal("three\n", ReadToEnd(b1));
        }
    }

    [Fact]
    public void Environment_is_exactly_what_was_given()
    {
        (UnixSocket parent, UnixSocket child) = UnixSocket.Pair();
        using (parent)
        {
            int pid;
            using (child)
            {
                pid = ProcessSpawner.Spawn("/usr/bin/env", ["env"], ["AVA_ONE=1", "AVA_TWO=zwei"], [(child.Fd, 1)]);
            }

            Assert.Equal("AVA_ONE=1\nAVA_TWO=zwei\n", ReadToEnd(parent));
            Assert.Equal(0, ProcessSpawner.WaitExit(pid));
        }
    }

    [Fact]
    public void Inheriting_overload_passes_the_current_environment()
    {
        Assert.NotNull(Environment.GetEnvironmentVariable("PATH"));
        (UnixSocket parent, UnixSocket child) = UnixSocket.Pair();
        using (parent)
        {
            int pid;
            using (child)
            {
                pid = ProcessSpawner.Spawn("/bin/sh", ["sh", "-c", "echo \"$PATH\" >&3"], [(child.Fd, 3)]);
            }

            Assert.Equal(Environment.GetEnvironmentVariable("PATH") + "\n", ReadToEnd(parent));
            Assert.Equal(0, ProcessSpawner.WaitExit(pid));
        }
    }

    [Fact]
    public void Missing_executable_fails_with_the_call_and_errno()
    {
        NativeException error = Assert.Throws<NativeException>(
            () => ProcessSpawner.Spawn("/nonexistent/ava-worker", ["ava-worker"], MinimalEnvironment, []));
        Assert.Equal(2 /* ENOENT */, error.Errno);
        Assert.Contains("posix_spawn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reaping_a_process_that_is_not_our_child_fails()
    {
        NativeException error = Assert.Throws<NativeException>(() => ProcessSpawner.TryReap(1, out _));
        Assert.Equal(10 /* ECHILD */, error.Errno);
    }

    private static string ReadToEnd(UnixSocket socket)
    {
        var text = new StringBuilder();
        var buffer = new byte[256];
        int received;
        while ((received = socket.Receive(buffer)) > 0)
        {
            text.Append(Encoding.UTF8.GetString(buffer, 0, received));
        }

        return text.ToString();
    }

    private static bool SpinUntil(Func<bool> condition)
    {
        long deadline = Environment.TickCount64 + 10_000;
        while (Environment.TickCount64 < deadline)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(5);
        }

        return false;
    }
}
