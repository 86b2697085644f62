using System.IO.Compression;

namespace Ava.Tests;

/// <summary>
/// QuickAssist on its reference device (Qat/Reference: cpaDc* over zlib deflate, artifacts/lib/reference): AvA's
/// QATzip benchmarks, compiled unmodified, compress through cpaDcCompressData2 and decompress through
/// cpaDcDecompressData, and what they write is real gzip that .NET's own decoder reads back to the input.
/// </summary>
public class QatTests
{
    private static readonly string Folder = Path.Combine(Repo.Artifacts, "tests", "qat");
    private static readonly string Reference = Path.Combine(Repo.Artifacts, "lib", "reference");

    /// <summary>Deterministic text of about 1.7 MB: many 64 KiB requests, compressible as real text is.</summary>
    private static byte[] Input()
    {
        string[] words = ["accelerator", "virtualization", "remoting", "deflate", "quickassist", "worker", "guest", "ring", "record", "handle"];
        var random = new Random(7);
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < 200000; i++)
        {
            text.Append(words[random.Next(words.Length)]).Append(i % 13 == 0 ? '\n' : ' ');
        }

        return System.Text.Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>qzip natively, or through <c>ava run</c>: its libqat_s.so is then the drop-in (the audit module's), and
    /// libusdm_drv_s.so, memory in the program's own process, stays the reference's in both.</summary>
    private static (int Code, string Out, string Err) Qzip(string variant, string directory, string trace, bool remoted, params string[] args)
    {
        string[] command = remoted ? [Repo.Ava, "run", "--", Path.Combine(Folder, variant, "qzip"), .. args] : [Path.Combine(Folder, variant, "qzip"), .. args];
        return Repo.Run(Path.Combine(Folder, "run-with-usdm.sh"), command,
            new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = Reference, ["QAT_REFERENCE_TRACE"] = trace }, TimeSpan.FromSeconds(120), directory);
    }

    /// <summary>qzip's report without its timing lines (wall time and throughput change from run to run).</summary>
    private static string WithoutTimes(string output) =>
        string.Join('\n', output.Split('\n').Where(l => !l.StartsWith("Time taken:", StringComparison.Ordinal) && !l.StartsWith("Throughput:", StringComparison.Ordinal)));

    [Theory]
    [InlineData("sync")]
    [InlineData("async")]
    public void Qzip_ThroughAvaRun_WritesTheNativeGzipByteForByteAndReadsItBack(string variant)
    {
        var native = Directory.CreateTempSubdirectory("ava-qat-native-").FullName;
        var remoted = Directory.CreateTempSubdirectory("ava-qat-remoted-").FullName;
        try
        {
            var input = Input();
            foreach (var directory in new[] { native, remoted })
            {
                File.WriteAllBytes(Path.Combine(directory, "text"), input);
            }

            var nativeRun = Qzip(variant, native, Path.Combine(native, "trace"), false, "-k", "text");
            Assert.True(nativeRun.Code == 0, nativeRun.Out + nativeRun.Err);
            var remotedRun = Qzip(variant, remoted, Path.Combine(remoted, "trace"), true, "-k", "text");
            Assert.True(remotedRun.Code == 0, remotedRun.Out + remotedRun.Err);
            Assert.Equal(WithoutTimes(nativeRun.Out), WithoutTimes(remotedRun.Out));
            Assert.Equal(File.ReadAllBytes(Path.Combine(native, "text.gz")), File.ReadAllBytes(Path.Combine(remoted, "text.gz")));
            // Remoted, the worker loaded the reference and wrote the trace: the same requests, with the same results.
            Assert.Equal(File.ReadAllText(Path.Combine(native, "trace")), File.ReadAllText(Path.Combine(remoted, "trace")));

            File.Delete(Path.Combine(remoted, "text"));
            var back = Qzip(variant, remoted, Path.Combine(remoted, "trace-back"), true, "-d", "text.gz");
            Assert.True(back.Code == 0, back.Out + back.Err);
            Assert.Equal(input, File.ReadAllBytes(Path.Combine(remoted, "text")));
        }
        finally
        {
            Directory.Delete(native, recursive: true);
            Directory.Delete(remoted, recursive: true);
        }
    }

    [Theory]
    [InlineData("sync")]
    [InlineData("async")]
    public void Qzip_OnTheReferenceDevice_WritesGzipThatDecodesToTheInputAndReadsItBack(string variant)
    {
        Assert.True(File.Exists(Path.Combine(Folder, variant, "qzip")), $"{variant}/qzip missing: publish.ps1 builds it from ava-benchmarks/quickassist beside the checkout");
        var directory = Directory.CreateTempSubdirectory("ava-qat-").FullName;
        try
        {
            var input = Input();
            File.WriteAllBytes(Path.Combine(directory, "text"), input);
            var trace = Path.Combine(directory, "trace");

            var compress = Qzip(variant, directory, trace, false, "-k", "text");
            Assert.True(compress.Code == 0, compress.Out + compress.Err);
            Assert.Contains("Compressing...", compress.Out, StringComparison.Ordinal);
            using (var gzip = new GZipStream(File.OpenRead(Path.Combine(directory, "text.gz")), CompressionMode.Decompress))
            using (var decoded = new MemoryStream())
            {
                gzip.CopyTo(decoded);
                Assert.Equal(input, decoded.ToArray());
            }

            // Every request went through the device: 64 KiB each, ending the deflate stream of its gzip member.
            var requests = File.ReadAllLines(trace);
            Assert.Equal((input.Length + 65535) / 65536, requests.Length);
            Assert.All(requests, r => Assert.StartsWith("compress flush=final", r, StringComparison.Ordinal));
            Assert.Equal(input.Length, requests.Sum(r => long.Parse(r.Split(' ')[2]["consumed=".Length..], System.Globalization.CultureInfo.InvariantCulture)));

            File.Delete(Path.Combine(directory, "text"));
            File.Delete(trace);
            var decompress = Qzip(variant, directory, trace, false, "-d", "text.gz");
            Assert.True(decompress.Code == 0, decompress.Out + decompress.Err);
            Assert.Equal(input, File.ReadAllBytes(Path.Combine(directory, "text")));
            Assert.All(File.ReadAllLines(trace), r => Assert.StartsWith("decompress flush=final", r, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
