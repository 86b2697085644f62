namespace Ava.Tests;

/// <summary>
/// The TensorFlow C and GTI drop-ins export what their reference libraries export (built from the vendor headers with
/// the vendors' symbol maps: TensorFlow's VERS_1.0 node, GTI's unversioned names), under the same SONAME, so a program
/// linked against either library starts against the drop-in.
/// </summary>
public class ExportTests
{
    /// <summary>Defined dynamic symbols as NAME@@NODE (or NAME), without version nodes' own definitions and the NativeAOT runtime's debug header.</summary>
    private static string[] Exports(string library)
    {
        var nm = Repo.Run("nm", ["-D", "--defined-only", "--with-symbol-versions", library]);
        Assert.Equal(0, nm.Code);
        return nm.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 3 && fields[1] != "A" && !fields[2].StartsWith("DotNetRuntimeDebugHeader", StringComparison.Ordinal))
            .Select(fields => fields[2])
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    [Theory]
    [InlineData("libtensorflow.so.1", 55, "TF_SessionRun@@VERS_1.0")]
    [InlineData("libGTILibrary.so", 39, "GtiEvaluate")]
    public void DropIn_ExportsTheReferenceLibrarysFunctionsUnderItsSoName(string soname, int count, string sample)
    {
        var dropIn = Exports(Repo.Lib(soname));
        var reference = Exports(Path.Combine(Repo.Artifacts, "lib", "reference", soname));
        Assert.Equal(count, reference.Length);
        Assert.Contains(sample, reference);
        Assert.Equal(reference, dropIn);
        var readelf = Repo.Run("readelf", ["-d", Repo.Lib(soname)]);
        Assert.Contains($"Library soname: [{soname}]", readelf.Out, StringComparison.Ordinal);
    }
}
