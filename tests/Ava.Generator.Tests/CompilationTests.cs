using Microsoft.CodeAnalysis;
using Xunit;

namespace Ava.Generator.Tests;

/// <summary>The generated code compiles with zero warnings at every warning level, against the real runtime assemblies.</summary>
public sealed class CompilationTests
{

    public static TheoryData<GeneratorSide> ImplementingSides() => new() { GeneratorSide.Guest, GeneratorSide.Worker };

    public static TheoryData<string, GeneratorSide> CasesOnImplementingSides()
    {
        var data = new TheoryData<string, GeneratorSide>();
        foreach (var name in Specs.Cases.Keys)
        {
            data.Add(name, GeneratorSide.Guest);
            data.Add(name, GeneratorSide.Worker);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ImplementingSides))]
    public void AvaTestSpec_CompilesWithZeroWarnings(GeneratorSide side)
    {
        var run = GeneratorHarness.Run(side, Repository.AvaTestSpec);

        Assert.NotNull(run.Source($"{side}.g.cs"));
        AssertNoWarnings(run.WarningsAndErrors());
    }

    [Fact]
    public void AvaTestSpec_MetadataOnly_AddsNoDiagnosticsOfItsOwn()
    {
        // Without a side nothing implements the spec's partial methods (CS8795 on each); the metadata file itself must be clean.
        var run = GeneratorHarness.Run(GeneratorSide.Metadata, Repository.AvaTestSpec);

        var metadata = run.Output.SyntaxTrees.Single(t => t.FilePath.EndsWith("Metadata.g.cs", StringComparison.Ordinal));
        Assert.Empty(run.Result.Diagnostics);
        AssertNoWarnings(run.WarningsAndErrors().Where(d => d.Location.SourceTree == metadata || d.Id != "CS8795"));
    }

    [Theory]
    [MemberData(nameof(CasesOnImplementingSides))]
    public void GoldenCaseSpec_CompilesWithZeroWarnings(string name, GeneratorSide side)
    {
        var manual = side == GeneratorSide.Guest && Specs.GuestManual.TryGetValue(name, out var part) ? "\n\n" + part : "";
        var run = GeneratorHarness.Run(side, Specs.Wrap(name, Specs.Cases[name] + manual));

        AssertNoWarnings(run.WarningsAndErrors());
    }

    [Theory]
    [MemberData(nameof(ImplementingSides))]
    public void SpecWithoutCallbacksOrReleaseFunction_CompilesWithZeroWarnings(GeneratorSide side)
    {
        var run = GeneratorHarness.Run(side, Specs.Wrap("TimeMe", Specs.Cases["TimeMe"]));

        AssertNoWarnings(run.WarningsAndErrors());
    }

    private static void AssertNoWarnings(IEnumerable<Diagnostic> diagnostics)
    {
        var list = diagnostics.ToList();
        Assert.True(list.Count == 0, string.Join("\n", list.Select(d => d.ToString())));
    }
}
