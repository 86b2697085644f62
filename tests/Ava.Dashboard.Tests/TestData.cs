using Ava.Dashboard;

namespace Ava.Dashboard.Tests;

/// <summary>Builders for runs and synthetic histories.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 3, 0, 0, TimeSpan.Zero);

    public static BenchEntry Entry(string name, double ratio, bool lowerIsBetter = true, string suite = "transport", double value = 100, string unit = "ns", string ratioOf = "native") =>
        new(suite, name, value, unit, ratio, ratioOf, lowerIsBetter);

    public static RunRecord Run(int index, params BenchEntry[] entries) =>
        new(Commit(index), Start.AddDays(index), "bench-host / Test CPU 3.0GHz / 16 cores", entries, [new FloorEntry("raw C shm ping-pong p50", 195.0, "ns")]);

    public static string Commit(int index) => $"{index + 0xabc1000:x7}deadbeef";

    /// <summary>The repository checkout the tests were built in.</summary>
    public static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Directory.Build.props")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("no folder above " + AppContext.BaseDirectory + " contains Directory.Build.props");
    }

    /// <summary>A series whose earlier ratios are <paramref name="previous"/> and whose last ratio is <paramref name="latest"/>.</summary>
    public static List<RunRecord> Series(string name, bool lowerIsBetter, double latest, params double[] previous)
    {
        var runs = new List<RunRecord>();
        for (int i = 0; i < previous.Length; i++)
        {
            runs.Add(Run(i, Entry(name, previous[i], lowerIsBetter)));
        }

        runs.Add(Run(previous.Length, Entry(name, latest, lowerIsBetter)));
        return runs;
    }

    /// <summary>Name of the series that regresses in <see cref="SyntheticHistory"/>.</summary>
    public const string PlantedSuite = "transport";

    public const string PlantedName = "null-call sync shm p50";

    private static readonly (string Suite, string Name, double Ratio, double Value, string Unit, string RatioOf, bool LowerIsBetter)[] Catalogue =
    [
        ("transport", PlantedName, 1.60, 312.5, "ns", "raw C shm ping-pong", true),
        ("transport", "null-call async shm p50", 1.30, 254.0, "ns", "raw C shm ping-pong", true),
        ("transport", "bulk copy 64 MiB", 0.86, 8.4, "GB/s", "memcpy single core", false),
        ("cuda", "cudaMemcpy H2D 1 MiB", 1.06, 88.1, "us", "native CUDA", true),
        ("cuda", "kernel launch p50", 2.40, 5.9, "us", "native CUDA", true),
        ("opencl", "clEnqueueNDRangeKernel p50", 1.80, 7.2, "us", "native OpenCL", true),
    ];

    /// <summary>
    /// Twelve runs of six series with a little deterministic noise; in the last run the planted series is 31% worse
    /// than its median and every other series is within the threshold.
    /// </summary>
    public static List<RunRecord> SyntheticHistory(int runCount = 12)
    {
        var runs = new List<RunRecord>();
        for (int i = 0; i < runCount; i++)
        {
            bool last = i == runCount - 1;
            var entries = new List<BenchEntry>();
            for (int k = 0; k < Catalogue.Length; k++)
            {
                var c = Catalogue[k];
                double noise = 1 + (0.02 * Math.Sin((i * 1.7) + k));
                double factor = last && c.Name == PlantedName ? 2.10 / 1.60 : noise;
                entries.Add(new BenchEntry(c.Suite, c.Name, c.Value * factor, c.Unit, Math.Round(c.Ratio * factor, 4), c.RatioOf, c.LowerIsBetter));
            }

            runs.Add(new RunRecord(
                Commit(i),
                Start.AddDays(i),
                "bench-host / AMD EPYC 9354 32-Core / 16 cores",
                entries,
                [new FloorEntry("raw C shm ping-pong p50", 195.0, "ns"), new FloorEntry("memcpy single core", 9.8, "GB/s")]));
        }

        return runs;
    }
}

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ava-dashboard-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A browser child may still hold a file for a moment; the OS cleans the temp folder eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
