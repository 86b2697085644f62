using System.Xml.Linq;

namespace Ava.Tests;

/// <summary>
/// Dependencies go one way, API folders -> libs -> Transport, read from every project and MSBuild file of the tree:
/// what each references, imports or compiles. libs/Ava (the composition root of artifacts/bin/ava) is the one project of
/// libs/ that may reach API folders and bench/; bench/ and tests/ may reference anything.
/// </summary>
public sealed class LayeringTests : IDisposable
{
    /// <summary>The one project of libs/ that assembles API backends (and the bench commands) into the shipped ava.</summary>
    private const string CompositionRoot = "libs/Ava/Ava.csproj";

    private static readonly string[] ApiFolders = ["OpenCL", "Cuda", "CudaRt", "Mvnc", "Gti", "Qat", "TfC", "Fpga"];

    /// <summary>Items whose Include names files: what a project compiles, embeds, links or references.</summary>
    private static readonly string[] PathItems = ["ProjectReference", "Compile", "EmbeddedResource", "None", "Content", "AdditionalFiles", "NativeLibrary", "Analyzer"];

    private readonly string _scratch = Directory.CreateTempSubdirectory("ava-layers-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void EveryProjectOfTheTree_ReferencesOnlyItsOwnLayerAndTheOnesBelow()
    {
        var checkedFiles = MsBuildFiles(Repo.Root).ToList();
        Assert.Contains(checkedFiles, f => f.EndsWith(CompositionRoot, StringComparison.Ordinal));
        Assert.Contains(checkedFiles, f => f.EndsWith("OpenCL/Worker/Ava.OpenCL.Worker.csproj", StringComparison.Ordinal));
        var violations = Violations(Repo.Root);
        Assert.True(violations.Count == 0, "references against the layering (API folders -> libs -> Transport):\n" + string.Join('\n', violations));
    }

    [Fact]
    public void EveryApiFolderWithWorkerParts_HasItsOwnWorkerBackendProject()
    {
        foreach (var api in ApiFolders.Select(a => Path.Combine(Repo.Root, a, "Worker")).Where(Directory.Exists))
        {
            Assert.True(Directory.EnumerateFiles(api, "*.csproj").Any(), $"{api} has worker parts but no project of its own");
        }
    }

    [Theory]
    [InlineData("libs/Ava.Thing/Ava.Thing.csproj", "<ProjectReference Include=\"../../OpenCL/Worker/Ava.OpenCL.Worker.csproj\" />", "OpenCL/Worker/Ava.OpenCL.Worker.csproj")]
    [InlineData("libs/Ava.Thing/Ava.Thing.csproj", "<Compile Include=\"../../tests/AvaTest/Spec/*.cs\" />", "tests/AvaTest/Spec/*.cs")]
    [InlineData("libs/Ava.Thing/Ava.Thing.csproj", "<ProjectReference Include=\"../../bench/Ava.Dashboard/Ava.Dashboard.csproj\" />", "bench/Ava.Dashboard/Ava.Dashboard.csproj")]
    [InlineData("libs/Build/Thing.props", "<ProjectReference Include=\"$(MSBuildThisFileDirectory)../../Cuda/Worker/Ava.Cuda.Worker.csproj\" />", "Cuda/Worker/Ava.Cuda.Worker.csproj")]
    [InlineData("Transport/Ava.Thing/Ava.Thing.csproj", "<ProjectReference Include=\"../../libs/Ava.Worker/Ava.Worker.csproj\" />", "libs/Ava.Worker/Ava.Worker.csproj")]
    [InlineData("OpenCL/Thing/Ava.OpenCL.Thing.csproj", "<ProjectReference Include=\"../../Cuda/Worker/Ava.Cuda.Worker.csproj\" />", "Cuda/Worker/Ava.Cuda.Worker.csproj")]
    [InlineData("Cuda/Thing/Ava.Cuda.Thing.csproj", "<Import Project=\"../../bench/Thing.props\" />", "bench/Thing.props")]
    [InlineData("libs/Ava.Thing/Ava.Thing.csproj", "<ProjectReference Include=\"$(SomewhereElse)/Ava.Thing.csproj\" />", "cannot be resolved")]
    public void AReferenceAgainstTheLayering_IsReported(string file, string element, string expected)
    {
        Write(file, element);
        var violation = Assert.Single(Violations(_scratch));
        Assert.StartsWith(file + ": ", violation, StringComparison.Ordinal);
        Assert.Contains(expected, violation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("libs/Ava/Ava.csproj", "<ProjectReference Include=\"../../OpenCL/Worker/Ava.OpenCL.Worker.csproj\" /><ProjectReference Include=\"../../bench/Ava.Rodinia/Ava.Rodinia.csproj\" />")]
    [InlineData("OpenCL/Worker/Ava.OpenCL.Worker.csproj", "<Import Project=\"../../libs/Build/WorkerBackend.props\" /><Compile Include=\"../Spec/*.cs\" />")]
    [InlineData("libs/Ava.Cli/Ava.Cli.csproj", "<ProjectReference Include=\"../../Transport/Ava.Transport/Ava.Transport.csproj\" />")]
    [InlineData("libs/Build/Thing.props", "<Compile Include=\"$(MSBuildProjectDirectory)/../Spec/*.cs\" />")]
    [InlineData("tests/Ava.Thing/Ava.Thing.csproj", "<ProjectReference Include=\"../../OpenCL/Worker/Ava.OpenCL.Worker.csproj\" />")]
    public void AReferenceTheLayeringAllows_IsNotReported(string file, string elements)
    {
        Write(file, elements);
        Assert.Empty(Violations(_scratch));
    }

    /// <summary>Every reference against the rule under <paramref name="root"/>, as "FILE: what it names".</summary>
    private static List<string> Violations(string root)
    {
        var result = new List<string>();
        foreach (var file in MsBuildFiles(root))
        {
            var relative = Relative(root, file);
            var from = Layer(relative);
            if (from is "bench" or "tests" or "")
            {
                continue;
            }

            foreach (var reference in References(file))
            {
                if (reference is null)
                {
                    result.Add($"{relative}: a path that cannot be resolved here (only $(MSBuildThisFileDirectory) and, in a project, its own folder are)");
                    continue;
                }

                var target = Relative(root, reference);
                if (!Allowed(relative, from, Layer(target)))
                {
                    result.Add($"{relative}: {target}");
                }
            }
        }

        return result;
    }

    private static bool Allowed(string file, string from, string to) =>
        from == to
        || (from, to) switch
        {
            (_, "Transport") => true,
            ("Transport", _) => false,
            (_, "libs") => true,
            ("libs", _) when file == CompositionRoot => to != "tests",
            _ => false,
        };

    /// <summary>The layer of a path relative to the root: Transport, libs, bench, tests, the API folder's name, or "" for the root's own files.</summary>
    private static string Layer(string relative)
    {
        var first = relative.Split('/')[0];
        return first is "Transport" or "libs" or "bench" or "tests" || ApiFolders.Contains(first, StringComparer.Ordinal)
            ? first
            : "";
    }

    /// <summary>The full path of every file the MSBuild file imports or names in a path item; null for one it cannot resolve.</summary>
    private static IEnumerable<string?> References(string file)
    {
        var directory = Path.GetDirectoryName(file)!;
        var isProject = file.EndsWith(".csproj", StringComparison.Ordinal);
        var document = XDocument.Load(file);
        var paths = document.Descendants("Import").Select(e => (string?)e.Attribute("Project"))
            .Concat(document.Descendants().Where(e => PathItems.Contains(e.Name.LocalName, StringComparer.Ordinal)).Select(e => (string?)e.Attribute("Include")))
            .Where(p => !string.IsNullOrEmpty(p))
            .SelectMany(p => p!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var path in paths)
        {
            // In a shared .props or .targets, the project's folder is the importing project's: its own check covers it.
            if (!isProject && path.StartsWith("$(MSBuildProjectDirectory)", StringComparison.Ordinal))
            {
                continue;
            }

            var resolved = path.Replace("$(MSBuildThisFileDirectory)", directory + "/", StringComparison.Ordinal)
                .Replace("$(MSBuildProjectDirectory)", directory, StringComparison.Ordinal);
            yield return resolved.Contains("$(", StringComparison.Ordinal)
                ? null
                : Path.GetFullPath(Path.IsPathRooted(resolved) ? resolved : Path.Combine(directory, resolved));
        }
    }

    /// <summary>Every project and MSBuild file of the tree, outside build outputs, the git folder and shared inputs.</summary>
    private static IEnumerable<string> MsBuildFiles(string root)
    {
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(directory))
            {
                if (file.EndsWith(".csproj", StringComparison.Ordinal) || file.EndsWith(".props", StringComparison.Ordinal) || file.EndsWith(".targets", StringComparison.Ordinal))
                {
                    yield return file;
                }
            }

            foreach (var child in Directory.EnumerateDirectories(directory))
            {
                // shared/ beside the sources holds read-only inputs (the Rodinia tree), not projects of ours.
                var name = Path.GetFileName(child);
                if (name is not ("artifacts" or "bin" or "obj" or ".git") && !(name == "shared" && directory == root))
                {
                    pending.Push(child);
                }
            }
        }
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private void Write(string file, string elements)
    {
        var path = Path.Combine(_scratch, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"<Project><ItemGroup>{elements}</ItemGroup></Project>");
    }
}
