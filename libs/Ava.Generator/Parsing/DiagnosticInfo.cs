using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Ava.Generator.Parsing;

/// <summary>A diagnostic kept as plain values so the pipeline model stays equatable.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, string? FilePath, TextSpan Span, LinePositionSpan LineSpan, Model.EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, ISymbol? symbol, params string[] arguments)
    {
        var location = symbol is null || symbol.Locations.Length == 0 ? Location.None : symbol.Locations[0];
        var lineSpan = location.GetLineSpan();
        return new DiagnosticInfo(descriptor, location.SourceTree?.FilePath, location.SourceSpan, lineSpan.Span, Model.EquatableArray.ToEquatableArray(arguments));
    }

    public Diagnostic ToDiagnostic()
    {
        var location = FilePath is null ? Location.None : Location.Create(FilePath, Span, LineSpan);
        return Diagnostic.Create(Descriptor, location, System.Linq.Enumerable.ToArray(Arguments.AsImmutableArray()));
    }
}
