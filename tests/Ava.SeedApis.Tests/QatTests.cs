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

    private static (int Code, string Out, string Err) Qzip(string variant, string directory, string trace, params string[] args) =>
        Repo.Run(Path.Combine(Folder, "run-with-usdm.sh"), [Path.Combine(Folder, variant, "qzip"), .. args],
            new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = Reference, ["QAT_REFERENCE_TRACE"] = trace }, TimeSpan.FromSeconds(120), directory);

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

            var compress = Qzip(variant, directory, trace, "-k", "text");
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
            var decompress = Qzip(variant, directory, trace, "-d", "text.gz");
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
