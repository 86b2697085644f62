using Ava.Transport.Diagnostics;

namespace Ava.Transport.Tests.Diagnostics;

/// <summary>AVA_LOG names one file that a guest and its worker write at the same time.</summary>
public sealed class LogSinkTests
{
    [Fact]
    public void TwoSinksOnOneFile_InterleavedWrites_KeepEveryLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ava-logsink-{Environment.ProcessId}-{Guid.NewGuid():N}.log");
        try
        {
            var guest = new LogSink("guest", path);
            var worker = new LogSink("worker", path);
            for (var i = 0; i < 20; i++)
            {
                guest.Write($"guest line {i}");
                worker.Write($"worker line {i}");
            }

            var lines = File.ReadAllLines(path);
            Assert.Equal(40, lines.Length);
            Assert.Equal(20, lines.Count(line => line.Contains("] guest line ", StringComparison.Ordinal)));
            Assert.Equal(20, lines.Count(line => line.Contains("] worker line ", StringComparison.Ordinal)));
            Assert.EndsWith("worker line 19", lines[^1], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Write_ToAFullDevice_DropsTheLine_WithoutThrowing()
    {
        // /dev/full fails every write with ENOSPC, as a full filesystem does.
        var sink = new LogSink("worker", "/dev/full");
        Assert.True(sink.Enabled);
        for (var i = 0; i < 100; i++)
        {
            sink.Write($"line {i} {new string('x', 1000)}");
        }
    }
}
