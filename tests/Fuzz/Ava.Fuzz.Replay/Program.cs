using System.Globalization;
using Ava.Fuzz.Tests.Wire;

namespace Ava.Fuzz.Replay;

/// <summary>
/// <c>Ava.Fuzz.Replay [--as-is] CHANNEL API FILE</c>: FILE is a channel's requests in the byte-stream format (a recorded session's
/// <c>.channel</c>, or what an outside fuzzer made of one). A fresh <c>ava worker</c> for API gets the API's recorded
/// hello (with the spec hash of the worker as built), one channel of CHANNEL (<c>unix</c>, <c>tcp</c>, <c>ring</c>,
/// <c>vsock</c>) and those bytes, and then the guest goes away. Exits 0 when the worker exited 0; otherwise says how it
/// ended and aborts, so that a fuzzer that watches for signals counts the input as a crash. Calls the real libraries
/// are known to answer with a crash (<see cref="Ava.Fuzz.Targets.KnownLibraryFaults"/>) are taken out first, as every
/// harness here does, unless <c>--as-is</c> asks for the bytes unchanged (to see such a fault for what it is).
/// With <c>AVA_FUZZ_RSS_FILE</c> set, the worker's peak resident size (KiB) is appended to that file.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var asIs = args.Length > 0 && args[0] == "--as-is";
        args = asIs ? args[1..] : args;
        if (args.Length != 3 || !Enum.TryParse<WireChannel>(args[0], ignoreCase: true, out var channel))
        {
            Console.Error.WriteLine("usage: Ava.Fuzz.Replay [--as-is] (unix|tcp|ring|vsock) (avatest|opencl|cuda) FILE");
            return 64;
        }

        var api = args[1];
        var session = Session.All.FirstOrDefault(s => s.Api == api);
        if (session is null)
        {
            Console.Error.WriteLine($"Ava.Fuzz.Replay: no recorded {api} session in tests/Fuzz/corpus/wire");
            return 64;
        }

        var requests = File.ReadAllBytes(args[2]);
        if (!asIs)
        {
            Ava.Fuzz.Targets.KnownLibraryFaults.Defuse(requests, launchesGuarded: true);
        }

        // The driver's own choices (frame damage over TCP) follow from the input, so a crash replays as found.
        var seed = 17;
        foreach (var b in requests)
        {
            seed = unchecked((seed * 31) + b);
        }

        var outcome = WireWorker.Run(channel, api, session.Hello, requests, rewriteRing: false, seed);
        if (Environment.GetEnvironmentVariable("AVA_FUZZ_RSS_FILE") is { Length: > 0 } rssFile)
        {
            // The worker is this process's only child, reaped by now: the children's peak is its peak.
            File.AppendAllText(rssFile, WireWorker.PeakWorkerKiB().ToString(CultureInfo.InvariantCulture) + "\n");
        }

        if (outcome.Status == 0)
        {
            return 0;
        }

        var how = outcome.Hung ? "hung past the session's bound" : outcome.Status > 128 ? $"died of signal {outcome.Status - 128}" : $"exited with status {outcome.Status}";
        Console.Error.WriteLine($"Ava.Fuzz.Replay: the {api} worker on {channel} {how}\n{outcome.Log}");
        Environment.FailFast($"the worker {how}");
        return 1;
    }
}
