using System.Text.RegularExpressions;
using Xunit;

namespace Ava.Generator.Tests;

/// <summary>
/// The spec hash guest and worker compare at handshake covers the whole model: any change a generator could act on
/// changes it, so a guest and a worker built from different specs refuse each other; text the generator ignores
/// (documentation) does not.
/// </summary>
public sealed partial class WireContractTests
{
    private const string Base = """
        /// <summary><c>g_object g_make(int kind, int *err);</c></summary>
        [Allocates]
        public static partial g_object g_make(int kind, [Out, ErrorOut] int* err);

        /// <summary><c>int g_fill(g_object o, const float *data, size_t n);</c></summary>
        public static partial int g_fill(g_object o, [In, Buffer("n")] float* data, nuint n);

        /// <summary><c>int g_name(g_object o, char *buf, size_t size);</c></summary>
        [Manual(Side.Both)]
        public static partial int g_name(g_object o, [Out, Buffer("size")] sbyte* buf, nuint size);
        """;

    public static TheoryData<string, string, string> Edits() => new()
    {
        { "a parameter's direction", "[In, Buffer(\"n\")] float* data", "[InOut, Buffer(\"n\")] float* data" },
        { "a size expression", "[In, Buffer(\"n\")] float* data", "[In, Buffer(\"n + 1\")] float* data" },
        { "a parameter's type", "float* data", "double* data" },
        { "a parameter's name", "int kind,", "int type," },
        { "the function order", "g_fill(", "g_fill_renamed(" },
        { "an allocation annotation", "[Allocates]\n", "" },
        { "asynchrony", "public static partial int g_fill", "[Async]\npublic static partial int g_fill" },
        { "a hand-written protocol version", "[Manual(Side.Both)]", "[Manual(Side.Both, Protocol = 2)]" },
        { "the hand-written side", "[Manual(Side.Both)]", "[Manual(Side.Guest)]" },
        { "an exported version node", "public static partial int g_fill", "[SymbolVersion(\"G_1.0\")]\npublic static partial int g_fill" },
    };

    [Fact]
    public void SameSpec_SameHash() => Assert.Equal(HashOf(Base), HashOf(Base));

    [Fact]
    public void Documentation_DoesNotChangeTheHash() =>
        Assert.Equal(HashOf(Base), HashOf(Base.Replace("<summary><c>int g_fill", "<summary>Fills it. <c>int g_fill", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Edits))]
    public void AnyChangeOfTheModel_ChangesTheHash(string what, string from, string to)
    {
        Assert.Contains(from, Base, StringComparison.Ordinal);
        Assert.True(HashOf(Base) != HashOf(Base.Replace(from, to, StringComparison.Ordinal)), $"changing {what} left the spec hash as it was");
    }

    private static string HashOf(string body)
    {
        var run = GeneratorHarness.Run(GeneratorSide.Metadata, Specs.Wrap("Contract", body));
        Assert.Empty(run.Result.Diagnostics);
        var metadata = run.Source("Metadata.g.cs");
        Assert.NotNull(metadata);
        return SpecHash().Match(metadata).Groups[1].Value;
    }

    [GeneratedRegex("\"0x([0-9a-f]{16})\"")]
    private static partial Regex SpecHash();
}
