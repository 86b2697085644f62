using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Ava.Tests;

namespace Ava.OpenCL.Tests;

/// <summary>
/// A thread per task (tests/OpenCL/programs/thread_churn.c: 300 threads one after another, each ending with async
/// calls, beside two threads that live throughout): the channel of a thread that exited is closed once its calls
/// have run, so the worker's threads and the channels held by both processes stay bounded instead of growing with
/// every thread, and every call still runs, in order.
/// </summary>
public class ThreadChurnTests
{
    private const int Rounds = 3;
    private const int TasksPerRound = 100;

    /// <summary>Channels alive at a pause: the main thread, the two long-lived ones, the last task's (closed when the next thread opens one), and slack.</summary>
    private const int ChannelBound = 6;

    private static readonly string Program = Path.Combine(Repo.Artifacts, "tests", "opencl", "thread_churn");

    [Theory]
    [InlineData("LOCAL")]
    [InlineData("UNIX")]
    public async Task ThreadPerTask_ChannelsOfExitedThreads_AreReclaimed_AndEveryCallRuns(string channel)
    {
        var log = Path.Combine(Path.GetTempPath(), $"ava-churn-{Environment.ProcessId}-{channel}.log");
        var start = new ProcessStartInfo(Repo.Ava) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "run", "--channel", channel, "--", Program, "hold" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AVA_LOG"] = log;
        var samples = new List<Sample>();
        using var ava = Process.Start(start)!;
        try
        {
            var stderr = ava.StandardError.ReadToEndAsync();
            for (var round = 1; round <= Rounds; round++)
            {
                string? line;
                while ((line = await ava.StandardOutput.ReadLineAsync()) != $"round {round}")
                {
                    if (line is null)
                    {
                        Assert.Fail($"the program ended before round {round}: {await stderr}");
                    }
                }

                var guest = Children(ava.Id).Single();
                var worker = Children(guest).Single();
                samples.Add(new Sample(Threads(worker), Segments(guest), Segments(worker), Descriptors(guest), Descriptors(worker)));
                await ava.StandardInput.WriteLineAsync();
                await ava.StandardInput.FlushAsync();
            }

            var rest = await ava.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await ava.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, ava.ExitCode);
            Assert.Contains("300 tasks ran on their own threads, 0 failed", rest, StringComparison.Ordinal);
            Assert.Contains("results: 300 of 300 slots as their task wrote them", rest, StringComparison.Ordinal);
            Assert.Contains("live thread 0: CL_SUCCESS, counter matches its launches", rest, StringComparison.Ordinal);
            Assert.Contains("live thread 1: CL_SUCCESS, counter matches its launches", rest, StringComparison.Ordinal);

            // Bounded: no more channels at any pause than threads alive, and nothing grows from round to round although
            // each round ran a hundred more threads.
            var report = string.Join("\n", samples);
            var first = samples[0];
            Assert.All(samples, s => Assert.True(s.GuestSegments <= ChannelBound && s.WorkerSegments <= ChannelBound, report));
            Assert.All(samples, s => Assert.True(s.WorkerThreads <= first.WorkerThreads + 2, report));
            Assert.All(samples, s => Assert.True(s.GuestDescriptors <= first.GuestDescriptors + 2 && s.WorkerDescriptors <= first.WorkerDescriptors + 2, report));
            if (channel == "LOCAL")
            {
                Assert.True(first.GuestSegments >= 3, $"the channels should show as mapped segments:\n{report}");
            }

            // Every call ran (none was dropped with its channel, none refused), and the tasks' kernels were released by
            // their own async releases: the worker had nothing left to release for the guest.
            var text = await File.ReadAllTextAsync(log);
            var done = Regex.Match(text, @"done: (\d+) calls, (\d+) async, 0 rejected, (\d+) channels \((\d+) closed after their thread exited\)");
            Assert.True(done.Success, text);
            var calls = long.Parse(done.Groups[1].Value, CultureInfo.InvariantCulture);
            var channels = long.Parse(done.Groups[3].Value, CultureInfo.InvariantCulture);
            var closed = long.Parse(done.Groups[4].Value, CultureInfo.InvariantCulture);
            Assert.True(calls >= (Rounds * TasksPerRound * 7) + 30, $"{calls} calls");
            Assert.Equal((Rounds * TasksPerRound) + 3, channels);
            Assert.True(closed >= (Rounds * TasksPerRound) - 1, $"{closed} of {channels} channels closed early");
            Assert.DoesNotContain("objects the guest still held", text, StringComparison.Ordinal);
            Assert.DoesNotContain("given up", text, StringComparison.Ordinal);
        }
        finally
        {
            if (!ava.HasExited)
            {
                ava.Kill(entireProcessTree: true);
            }

            File.Delete(log);
        }
    }

    private static int Threads(int pid) => Directory.GetDirectories($"/proc/{pid}/task").Length;

    private static int Descriptors(int pid) => Directory.GetFiles($"/proc/{pid}/fd").Length;

    /// <summary>Channel segments mapped (see SharedSegment: a memfd named ava-channel, one mapping each).</summary>
    private static int Segments(int pid) => File.ReadLines($"/proc/{pid}/maps").Count(l => l.Contains("memfd:ava-channel", StringComparison.Ordinal));

    /// <summary>Children of any thread of <paramref name="pid"/> (a process is started by whichever thread called).</summary>
    private static List<int> Children(int pid) =>
        [.. Directory.GetDirectories($"/proc/{pid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture))];

    private sealed record Sample(int WorkerThreads, int GuestSegments, int WorkerSegments, int GuestDescriptors, int WorkerDescriptors);
}
