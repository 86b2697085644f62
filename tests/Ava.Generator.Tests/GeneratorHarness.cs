using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ava.Generator.Tests;

/// <summary>Which sources the generator emits: the MSBuild property <c>AvaSide</c> a project sets.</summary>
public enum GeneratorSide
{
    /// <summary>No AvaSide: metadata only.</summary>
    Metadata,

    /// <summary>AvaSide=Guest: metadata and guest stubs.</summary>
    Guest,

    /// <summary>AvaSide=Worker: metadata and worker dispatch.</summary>
    Worker,
}

/// <summary>One generator run over a compilation: what it produced and the driver to run again.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, Compilation Input, Compilation Output, GeneratorRunResult Result)
{
    /// <summary>The generated source with the given hint name suffix (e.g. <c>Guest.g.cs</c>), or null.</summary>
    public string? Source(string suffix) =>
        Result.GeneratedSources.Where(s => s.HintName.EndsWith("." + suffix, StringComparison.Ordinal))
            .Select(s => s.SourceText.ToString())
            .SingleOrDefault();

    /// <summary>Diagnostics at warning or above of the compiler and the generator together.</summary>
    public ImmutableArray<Diagnostic> WarningsAndErrors() =>
        Output.GetDiagnostics().Concat(Result.Diagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToImmutableArray();
}

/// <summary>
/// Drives <see cref="SpecGenerator"/> the way the compiler does: a compilation of spec source text against the
/// runtime and the Ava assemblies, and the AvaSide build property as an analyzer config option.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>File path given to the first spec source, so diagnostics can be checked against it.</summary>
    public const string SpecPath = "/spec/Spec.cs";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly string[] AvaAssemblies = ["Ava.Spec", "Ava.Transport", "Ava.Guest", "Ava.Worker"];

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>A library compilation as the repository's Directory.Build.props sets it up: unsafe, nullable, every warning.</summary>
    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "AvaGeneratorTest",
            sources.Select((text, i) => Parse(text, i == 0 ? SpecPath : $"/spec/Spec{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                deterministic: true));

    public static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    /// <summary>A driver holding the generator, with step tracking on so tests can read each step's run reasons.</summary>
    public static GeneratorDriver CreateDriver(GeneratorSide side) =>
        CSharpGeneratorDriver.Create(
            [new SpecGenerator().AsSourceGenerator()],
            additionalTexts: null,
            ParseOptions,
            new SideOptionsProvider(side == GeneratorSide.Metadata ? "" : side.ToString()),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once over the given compilation (or the given driver's earlier state).</summary>
    public static GeneratorRun Run(Compilation input, GeneratorDriver driver)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        return new GeneratorRun(driver, input, output, driver.GetRunResult().Results.Single());
    }

    public static GeneratorRun Run(GeneratorSide side, params string[] sources) => Run(Compile(sources), CreateDriver(side));

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

        // The assemblies generated code is written against, copied beside the tests by their project references.
        var ava = AvaAssemblies.Select(name => Path.Combine(AppContext.BaseDirectory, name + ".dll"));
        return platform.Concat(ava)
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    /// <summary>Supplies <c>build_property.AvaSide</c> as MSBuild does for a CompilerVisibleProperty.</summary>
    private sealed class SideOptionsProvider(string side) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(new Dictionary<string, string> { ["build_property.AvaSide"] = side });

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new([]);

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }
}
