using System.Collections.Immutable;
using Ava.Generator.Emit;
using Ava.Generator.Model;
using Ava.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace Ava.Generator;

/// <summary>
/// The pipeline: [Api] classes -> <see cref="ApiModel"/> (transform, equatable) -> sources for the side the project
/// builds (MSBuild property <c>AvaSide</c>: Guest, Worker, or nothing for metadata only). Step names are
/// tracked so tests can assert that unrelated edits leave the model step cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SpecGenerator : IIncrementalGenerator
{
    /// <summary>Tracking name of the transform step.</summary>
    public const string ModelStep = "AvaSpecModel";

    /// <summary>Tracking name of the side selection.</summary>
    public const string SideStep = "AvaSide";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var models = context.SyntaxProvider.ForAttributeWithMetadataName(
                "Ava.Spec.ApiAttribute",
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                static (ctx, _) => SpecParser.Parse((INamedTypeSymbol)ctx.TargetSymbol, ctx.Attributes[0]))
            .WithTrackingName(ModelStep);

        var side = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.AvaSide", out var value) ? value : "")
            .WithTrackingName(SideStep);

        context.RegisterSourceOutput(models.Combine(side), static (spc, input) =>
        {
            var ((model, diagnostics), sideName) = input;
            foreach (var diagnostic in diagnostics)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (model is null || HasErrors(diagnostics))
            {
                return;
            }

            spc.AddSource($"{model.ClassName}.Metadata.g.cs", MetadataEmitter.Emit(model));
            if (sideName == "Guest")
            {
                spc.AddSource($"{model.ClassName}.Guest.g.cs", GuestEmitter.Emit(model));
                spc.AddSource($"{model.ClassName}.Exports.g.cs", ExportsEmitter.Emit(model));
            }
            else if (sideName == "Worker")
            {
                spc.AddSource($"{model.ClassName}.Worker.g.cs", WorkerEmitter.Emit(model));
            }
        });
    }

    private static bool HasErrors(EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            if (d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error)
            {
                return true;
            }
        }

        return false;
    }
}
