namespace Ava.Tests;

/// <summary>
/// artifacts/lib/libcudart.so.13 exports exactly what the real CUDA 13.0 runtime exports: every name of
/// tests/CudaRt/libcudart-13.0-exports.txt (nm -D of the real library) under the version node libcudart.so.13, the real
/// SONAME, and nothing else, so programs linked against the real runtime start against ours.
/// </summary>
public class AbiTests
{
    private static readonly string Library = Repo.Lib("libcudart.so.13");

    private static readonly string ExportList = Path.Combine(Repo.Root, "tests", "CudaRt", "libcudart-13.0-exports.txt");

    private static string[] Exports()
    {
        var nm = Repo.Run("nm", ["-D", "--defined-only", "--with-symbol-versions", Library]);
        Assert.Equal(0, nm.Code);

        // Lines are "ADDRESS TYPE NAME@@NODE"; the node's own definition (an absolute symbol named after it) is no export.
        return nm.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 3 && fields[1] != "A")
            .Select(fields => fields[2])
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    [Fact]
    public void Exports_AreTheRealRuntimesNamesUnderItsVersionNode_NoneMissingNoneExtra()
    {
        var expected = File.ReadAllLines(ExportList).Where(l => l.Length > 0).Order(StringComparer.Ordinal).ToArray();
        var actual = Exports();

        Assert.Equal(422, expected.Length);
        Assert.Empty(expected.Except(actual, StringComparer.Ordinal));
        Assert.Empty(actual.Except(expected, StringComparer.Ordinal));
    }

    [Fact]
    public void Library_HasTheRealSoName()
    {
        var readelf = Repo.Run("readelf", ["-d", Library]);
        Assert.Equal(0, readelf.Code);
        Assert.Contains("Library soname: [libcudart.so.13]", readelf.Out, StringComparison.Ordinal);
    }
}
