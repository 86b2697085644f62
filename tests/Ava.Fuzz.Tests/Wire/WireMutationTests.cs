using System.Globalization;
using System.Text.RegularExpressions;
using Ava.Tests;

namespace Ava.Fuzz.Tests.Wire;

/// <summary>
/// Recorded sessions (tests/Fuzz/corpus/wire) replayed with mutations (bit flips, length fields, truncation, splices of
/// other recordings, edge values in argument slots, a damaged hello) against fresh `ava worker` processes on every
/// channel, and the shared ring rewritten under the worker while it reads: the worker answers or closes, never dies of
/// a signal or an unhandled exception (exit status 0) and never outlives its guest by more than the bound. A failing
/// session's bytes are kept in artifacts/fuzz/wire for replay. Bounded by time: AVA_FUZZ_SECONDS per test (default 10).
/// </summary>
public partial class WireMutationTests
{
    private static readonly int Seconds = int.TryParse(Environment.GetEnvironmentVariable("AVA_FUZZ_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 10;

    [Theory]
    [InlineData(WireChannel.Ring)]
    [InlineData(WireChannel.Unix)]
    [InlineData(WireChannel.Tcp)]
    [InlineData(WireChannel.Vsock)]
    public void MutatedSessions_OnEachChannel_NeverKillTheWorker(WireChannel channel)
    {
        if (channel == WireChannel.Vsock && !WireWorker.HasVsockLoopback)
        {
            // No vsock_loopback transport on this machine: the VSOCK path is the TCP path's code over another family.
            Console.WriteLine("wire Vsock: no VSOCK loopback on this machine, not run");
            return;
        }

        Fuzz(channel, rewriteRing: false);
    }

    [Fact]
    public void RingRewrittenWhileTheWorkerReads_NeverKillsTheWorker() => Fuzz(WireChannel.Ring, rewriteRing: true);

    private static void Fuzz(WireChannel channel, bool rewriteRing)
    {
        var sessions = Session.All;
        Assert.NotEmpty(sessions);
        var seed = Environment.GetEnvironmentVariable("AVA_FUZZ_SEED") is { } fixedSeed ? int.Parse(fixedSeed, CultureInfo.InvariantCulture) : Random.Shared.Next();
        var random = new Random(seed);
        var end = Environment.TickCount64 + (Seconds * 1000L);
        var runs = 0;
        long calls = 0;
        do
        {
            var session = sessions[random.Next(sessions.Count)];
            var (hello, requests, description) = rewriteRing ? (session.Hello, session.Requests, $"{session.Name}: rewritten in the ring") : Mutator.Mutate(session, sessions[random.Next(sessions.Count)], random);
            Ava.Fuzz.Targets.KnownLibraryFaults.Defuse(requests, launchesGuarded: true);
            var runSeed = random.Next();
            var outcome = WireWorker.Run(channel, session.Api, hello, requests, rewriteRing, runSeed);
            runs++;
            calls += Served().Matches(outcome.Log).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            if (outcome.Status != 0)
            {
                var kept = Keep(channel, session.Api, hello, requests, description);
                Assert.Fail($"{channel}, seed {seed} (run seed {runSeed}): {description}: the worker {(outcome.Hung ? "hung and was killed" : $"exited with status {outcome.Status}")}; bytes in {kept}\n{Tail(outcome.Log)}");
            }
        }
        while (Environment.TickCount64 < end);

        // Sessions that never got past the hello would prove nothing about the dispatch behind it.
        Assert.True(calls > 0, $"{runs} sessions on {channel} and not one call carried out");
        Console.WriteLine($"wire {channel}{(rewriteRing ? " rewritten" : "")}: {runs} sessions, {calls} calls carried out in {Seconds} s (seed {seed}), the worker always exited 0; peak RSS of the workers so far {WireWorker.PeakWorkerKiB() / 1024} MiB");
    }

    private static string Keep(WireChannel channel, string api, byte[] hello, byte[] requests, string description)
    {
        var folder = Path.Combine(Repo.Artifacts, "fuzz", "wire", $"{channel}-{api}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "hello"), hello);
        File.WriteAllBytes(Path.Combine(folder, "requests"), requests);
        File.WriteAllText(Path.Combine(folder, "what"), description);
        return folder;
    }

    [GeneratedRegex(@"done: (\d+) calls")]
    private static partial Regex Served();

    private static string Tail(string log) => string.Join('\n', log.Split('\n').TakeLast(30));
}
