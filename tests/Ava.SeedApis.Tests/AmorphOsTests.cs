namespace Ava.Tests;

/// <summary>
/// AmorphOS's client library on its reference device (Fpga/Reference: a simulated accelerator with a register file
/// and the Bitcoin midstate miner, artifacts/lib/reference/libava_aos_wrapper.so): AvA's bitcoin client, compiled
/// unmodified, natively and through the drop-in.
/// </summary>
public class AmorphOsTests
{
    private static readonly string Folder = Path.Combine(Repo.Artifacts, "tests", "fpga");
    private static readonly string Reference = Path.Combine(Repo.Artifacts, "lib", "reference");
    private static readonly string Client = Path.Combine(Folder, "ava_bitcoin_client");

    /// <summary>The client's one line that varies from run to run: its wall time.</summary>
    private static string WithoutTime(string output) =>
        string.Join('\n', output.Split('\n').Where(l => !l.StartsWith("Total time=", StringComparison.Ordinal)));

    [Fact]
    public void BitcoinClient_ThroughAvaRun_ReceivesTheNativeNoncesAndAccessesTheSameRegisters()
    {
        Assert.True(File.Exists(Client), $"{Client} missing: publish.ps1 builds it from ava-benchmarks/amorphos beside the checkout");
        var nativeTrace = Path.GetTempFileName();
        var remotedTrace = Path.GetTempFileName();
        try
        {
            var native = Repo.Run(Client, ["7"], new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = Reference, ["AOS_REFERENCE_TRACE"] = nativeTrace }, TimeSpan.FromSeconds(60));
            Assert.Equal(0, native.Code);
            // The first nonce is the one the miner's test vector names among those of the reduced difficulty.
            Assert.Contains("Received nonce: 3275 (0xccb)", native.Out, StringComparison.Ordinal);
            Assert.Equal(5, native.Out.Split('\n').Count(l => l.StartsWith("Received nonce: ", StringComparison.Ordinal)));

            var remoted = Repo.Run(Repo.Ava, ["run", "--", Client, "7"], new Dictionary<string, string> { ["AOS_REFERENCE_TRACE"] = remotedTrace }, TimeSpan.FromSeconds(60));
            Assert.True(remoted.Code == 0, remoted.Err);
            Assert.Equal(WithoutTime(native.Out), WithoutTime(remoted.Out));
            // Written by the worker: the same six register writes and five reads, with the same values.
            var trace = File.ReadAllText(nativeTrace);
            Assert.Equal(11, trace.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Equal(trace, File.ReadAllText(remotedTrace));
        }
        finally
        {
            File.Delete(nativeTrace);
            File.Delete(remotedTrace);
        }
    }

    [Fact]
    public void Probe_MinersTestVector_GivesItsGoldenNonceNativelyAndRemoted()
    {
        // The miner's own test vector (ava_bitcoin_client.cpp: "one expected output is 32'h0e33337a"), the search
        // started just before it; two clients' registers apart; a NULL client refused.
        var probe = Path.Combine(Folder, "aosprobe");
        var native = Repo.Run(probe, [], new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = Reference }, TimeSpan.FromSeconds(60));
        Assert.Equal(0, native.Code);
        Assert.Contains("write 0 read 0 nonce 0x0e33337a", native.Out, StringComparison.Ordinal);
        Assert.Contains("register 8: client 1 0 client 2 42", native.Out, StringComparison.Ordinal);
        var remoted = Repo.Run(Repo.Ava, ["run", "--", probe], null, TimeSpan.FromSeconds(60));
        Assert.True(remoted.Code == 0, remoted.Err);
        Assert.Equal(native.Out, remoted.Out);
    }
}
