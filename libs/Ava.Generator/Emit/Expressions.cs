using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ava.Generator.Emit;

/// <summary>Turns the spec's C expressions into C# over the same-named locals on either side.</summary>
internal static class Expressions
{
    /// <summary>An argument name usable as a C# identifier (C names may be C# keywords, e.g. <c>out</c>).</summary>
    public static string Id(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>A size expression as a checked <c>ulong</c> (the worker's: overflow refuses the call); dereferencing a NULL pointer gives <paramref name="nullValue"/>.</summary>
    public static string Size(string expression, string nullValue = "0UL") => $"checked((ulong)({Rewrite(expression, nullValue)}))";

    /// <summary>
    /// A size expression as the guest computes it: in <c>size_t</c> arithmetic that wraps, as the C library computes
    /// it from the same arguments, so an application's argument never throws here (the worker decides).
    /// </summary>
    public static string WrappingSize(string expression) => $"unchecked((ulong)({Rewrite(expression, "0UL")}))";

    private static string Rewrite(string expression, string nullValue) =>
        new SizeRewriter(nullValue).Visit(SyntaxFactory.ParseExpression(expression))!.ToFullString();

    /// <summary>A boolean condition with argument names escaped.</summary>
    public static string Condition(string expression)
    {
        var syntax = SyntaxFactory.ParseExpression(expression);
        return new NameRewriter().Visit(syntax)!.ToFullString();
    }

    private sealed class SizeRewriter(string nullValue) : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitPrefixUnaryExpression(PrefixUnaryExpressionSyntax node)
        {
            if (node.IsKind(SyntaxKind.PointerIndirectionExpression) && node.Operand is IdentifierNameSyntax pointer)
            {
                var name = Id(pointer.Identifier.ValueText);
                return SyntaxFactory.ParseExpression($"({name} == null ? {nullValue} : (ulong)(*{name}))");
            }

            return base.VisitPrefixUnaryExpression(node);
        }

        public override SyntaxNode? VisitElementAccessExpression(ElementAccessExpressionSyntax node)
        {
            // p[i] reads element i of an [In] array argument (e.g. region[2]); a NULL array reads as nullValue.
            if (node.Expression is IdentifierNameSyntax array && node.ArgumentList.Arguments.Count == 1)
            {
                var name = Id(array.Identifier.ValueText);
                return SyntaxFactory.ParseExpression($"({name} == null ? {nullValue} : (ulong)({name}[{node.ArgumentList.Arguments[0].Expression.ToString()}]))");
            }

            return base.VisitElementAccessExpression(node);
        }

        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node) =>
            // A static method of the spec class (e.g. an image's bytes from its format and descriptor) takes the
            // arguments as they are typed.
            SyntaxFactory.ParseExpression($"((ulong)({node.WithArgumentList((ArgumentListSyntax)new NameRewriter().Visit(node.ArgumentList)!).ToFullString()}))");

        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node) =>
            SyntaxFactory.ParseExpression($"((ulong)({Id(node.Identifier.ValueText)}))");

        public override SyntaxNode? VisitLiteralExpression(LiteralExpressionSyntax node) =>
            node.IsKind(SyntaxKind.NumericLiteralExpression) ? SyntaxFactory.ParseExpression($"((ulong){node.Token.Text})") : node;
    }

    private sealed class NameRewriter : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node) =>
            SyntaxFactory.IdentifierName(Id(node.Identifier.ValueText)).WithTriviaFrom(node);
    }
}
