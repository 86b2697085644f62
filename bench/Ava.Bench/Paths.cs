namespace Ava.Bench;

/// <summary>Where the built artifacts are (publish.ps1 builds them before a benchmark run).</summary>
internal static class Paths
{
    public static string Root { get; } = FindRoot();

    public static string Artifacts => Path.Combine(Root, "artifacts");

    public static string Ava => Path.Combine(Artifacts, "bin", "ava");

    /// <summary>The tests' worker host: the AvaTest microbenchmarks' guest needs a worker that serves the self-test API.</summary>
    public static string TestAva => Path.Combine(Artifacts, "tests", "bin", "ava");

    public static string RealAvaTest => Path.Combine(Artifacts, "tests", "lib", "real", "libavatest.so.1");

    public static string Floors => Path.Combine(Artifacts, "lib", "bench", "libavafloors.so");

    private static string FindRoot()
    {
        // Benchmarks run from a generated child project under bin/, so start from the source tree when known.
        foreach (var start in new[] { Environment.GetEnvironmentVariable("AVA_ROOT"), AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            var directory = start;
            while (!string.IsNullOrEmpty(directory) && !File.Exists(Path.Combine(directory, "Directory.Build.props")))
            {
                directory = Path.GetDirectoryName(directory);
            }

            if (!string.IsNullOrEmpty(directory))
            {
                return directory;
            }
        }

        throw new InvalidOperationException("repository root not found; set AVA_ROOT");
    }
}
