using System.Globalization;
using Ava.Tests;

namespace Ava.Fuzz.Tests.Wire;

/// <summary>
/// Sessions that once killed a worker, kept in tests/Fuzz/regressions/wire/NAME (hello, requests, and channel: the
/// channel and the run seed the failure was found with): replayed on that channel, the worker answers or closes and
/// exits 0.
/// </summary>
public class WireRegressionTests
{
    public static TheoryData<string> Cases() =>
        [.. Directory.EnumerateDirectories(Path.Combine(Repo.Root, "tests", "Fuzz", "regressions", "wire")).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void KeptSession_NoLongerKillsTheWorker(string name)
    {
        var folder = Path.Combine(Repo.Root, "tests", "Fuzz", "regressions", "wire", name);
        var how = File.ReadAllText(Path.Combine(folder, "channel")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var channel = Enum.Parse<WireChannel>(how[0]);
        var api = name.Split('-')[1];
        var hello = File.ReadAllBytes(Path.Combine(folder, "hello"));
        Session.Restamp(hello, api);
        var requests = File.ReadAllBytes(Path.Combine(folder, "requests"));
        Ava.Fuzz.Targets.KnownLibraryFaults.Defuse(requests, launchesGuarded: true);
        var outcome = WireWorker.Run(channel, api, hello, requests, rewriteRing: false, int.Parse(how[1], CultureInfo.InvariantCulture));
        Assert.True(outcome.Status == 0, $"{File.ReadAllText(Path.Combine(folder, "what"))}: the worker {(outcome.Hung ? "hung" : $"exited with status {outcome.Status}")}\n{outcome.Log}");
    }
}
