using Microsoft.CodeAnalysis;
using Xunit;

namespace Ava.Generator.Tests;

/// <summary>The model step caches: an edit that does not touch the spec must not rebuild the model or change the output.</summary>
public sealed class IncrementalTests
{
    public static TheoryData<GeneratorSide> Sides() => new() { GeneratorSide.Guest, GeneratorSide.Worker, GeneratorSide.Metadata };

    [Theory]
    [MemberData(nameof(Sides))]
    public void UnrelatedSyntaxTree_LeavesModelStepCachedAndSourcesUnchanged(GeneratorSide side)
    {
        var first = GeneratorHarness.Run(GeneratorHarness.Compile(Repository.AvaTestSpec), GeneratorHarness.CreateDriver(side));
        var edited = first.Input.AddSyntaxTrees(GeneratorHarness.Parse("internal sealed class Unrelated { }", "/spec/Unrelated.cs"));

        var second = GeneratorHarness.Run(edited, first.Driver);

        var steps = second.Result.TrackedSteps[SpecGenerator.ModelStep];
        Assert.NotEmpty(steps);
        var reasons = steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.Equal(Sources(first), Sources(second));
    }

    [Fact]
    public void EditedSpecFunction_ModifiesModelStep()
    {
        var first = GeneratorHarness.Run(GeneratorHarness.Compile(Repository.AvaTestSpec), GeneratorHarness.CreateDriver(GeneratorSide.Guest));
        var spec = first.Input.SyntaxTrees.Single();
        var changed = spec.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            Repository.AvaTestSpec.Replace("int at_fail(int code)", "int at_fail(long code)", StringComparison.Ordinal)));

        var second = GeneratorHarness.Run(first.Input.ReplaceSyntaxTree(spec, changed), first.Driver);

        var reasons = second.Result.TrackedSteps[SpecGenerator.ModelStep].SelectMany(s => s.Outputs).Select(o => o.Reason);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
        Assert.NotEqual(Sources(first), Sources(second));
    }

    private static List<(string HintName, string Text)> Sources(GeneratorRun run) =>
        run.Result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();
}
