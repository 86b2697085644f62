using System.Reflection;

namespace Ava.Generator.Tests;

/// <summary>Paths in the source tree and the specs the tests share.</summary>
internal static class Repository
{
    /// <summary>The repository root: the first folder above the test binaries that holds Directory.Build.props.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Where the golden files live in the source tree (read there, and rewritten there on UPDATE_BASELINES=1).</summary>
    public static string GoldenDirectory => Path.Combine(Root, "tests", "Ava.Generator.Tests", "Golden");

    /// <summary>The AvaTest spec (tests/AvaTest/Spec/AvaTestApi.cs), embedded in the test assembly.</summary>
    public static string AvaTestSpec { get; } = ReadResource("AvaTestApi.cs");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Directory.Build.props above {AppContext.BaseDirectory}");
    }

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
