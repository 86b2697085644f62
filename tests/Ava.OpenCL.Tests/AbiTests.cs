using Ava.Tests;

namespace Ava.OpenCL.Tests;

/// <summary>Our libOpenCL.so.1 exports exactly the names and version nodes of the system's ocl-icd library.</summary>
public class AbiTests
{
    private const string System = "/usr/lib/x86_64-linux-gnu/libOpenCL.so.1";

    [Fact]
    public void Exports_MatchTheSystemLibrary_NameByNameAndNodeByNode()
    {
        var real = Exports(System);
        var ours = Exports(Repo.Lib("libOpenCL.so.1"));
        Assert.NotEmpty(real);
        var missing = real.Except(ours).Order().ToList();
        var extra = ours.Except(real).Order().ToList();
        Assert.True(missing.Count == 0, "missing or in the wrong node: " + string.Join(", ", missing));
        Assert.True(extra.Count == 0, "not in the system library: " + string.Join(", ", extra));
    }

    [Fact]
    public void Soname_IsLibOpenCLSo1()
    {
        var dynamic = Repo.Run("readelf", ["-d", Repo.Lib("libOpenCL.so.1")]);
        Assert.Contains("Library soname: [libOpenCL.so.1]", dynamic.Out, StringComparison.Ordinal);
    }

    /// <summary>"name@node" for each defined dynamic function symbol.</summary>
    private static HashSet<string> Exports(string library)
    {
        var table = Repo.Run("objdump", ["-T", library]);
        Assert.Equal(0, table.Code);
        // objdump -T: address, binding, type, section, size, version node, name.
        return table.Out.Split('\n')
            .Select(line => line.Split(' ', '\t').Where(f => f.Length > 0).ToArray())
            .Where(f => f.Length == 7 && f[3] != "*UND*" && f[5].Trim('(', ')').StartsWith("OPENCL_", StringComparison.Ordinal))
            .Select(f => $"{f[6]}@{f[5].Trim('(', ')')}")
            .ToHashSet();
    }
}
