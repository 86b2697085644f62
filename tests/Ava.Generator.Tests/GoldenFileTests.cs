using Xunit;

namespace Ava.Generator.Tests;

/// <summary>
/// Generated sources compared with files under Golden/ (named <c>&lt;Case&gt;.&lt;Side&gt;.g.cs.txt</c> so they are
/// not compiled). Run with <c>UPDATE_BASELINES=1</c> to rewrite them after an intended change, then review the diff.
/// </summary>
public sealed class GoldenFileTests
{
    public static TheoryData<string, GeneratorSide> CasesAndSides()
    {
        var data = new TheoryData<string, GeneratorSide>();
        foreach (var name in Specs.Cases.Keys)
        {
            data.Add(name, GeneratorSide.Guest);
            data.Add(name, GeneratorSide.Worker);
            data.Add(name, GeneratorSide.Metadata);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAndSides))]
    public void GeneratedSource_MatchesGoldenFile(string name, GeneratorSide side)
    {
        var run = GeneratorHarness.Run(side, Specs.Wrap(name, Specs.Cases[name]));
        Assert.Empty(run.Result.Diagnostics);
        var generated = run.Source($"{side}.g.cs");
        Assert.NotNull(generated);

        Compare(Path.Combine(Repository.GoldenDirectory, $"{name}.{side}.g.cs.txt"), Normalize(generated));
    }

    /// <summary>The guest's SONAME and version script (what the link of the drop-in reads), with and without version nodes.</summary>
    [Theory]
    [InlineData("SymbolVersions")]
    [InlineData("ClassSymbolVersion")]
    [InlineData("ScalarInOut")]
    public void ExportsSource_MatchesGoldenFile(string name)
    {
        var run = GeneratorHarness.Run(GeneratorSide.Guest, Specs.Wrap(name, Specs.Cases[name]));
        Assert.Empty(run.Result.Diagnostics);
        var generated = run.Source("Exports.g.cs");
        Assert.NotNull(generated);
        Compare(Path.Combine(Repository.GoldenDirectory, $"{name}.Exports.g.cs.txt"), Normalize(generated));
    }

    [Theory]
    [MemberData(nameof(CasesAndSides))]
    public void SideOption_SelectsWhichSourcesAreEmitted(string name, GeneratorSide side)
    {
        var run = GeneratorHarness.Run(side, Specs.Wrap(name, Specs.Cases[name]));

        var expected = new List<string> { $"{name}.Metadata.g.cs" };
        if (side != GeneratorSide.Metadata)
        {
            expected.Add($"{name}.{side}.g.cs");
        }

        if (side == GeneratorSide.Guest)
        {
            expected.Add($"{name}.Exports.g.cs");
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), run.Result.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
    }

    private static void Compare(string path, string actual)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1")
        {
            Directory.CreateDirectory(Repository.GoldenDirectory);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with UPDATE_BASELINES=1 to create it");
        Assert.Equal(Normalize(File.ReadAllText(path)), actual);
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n");
}
