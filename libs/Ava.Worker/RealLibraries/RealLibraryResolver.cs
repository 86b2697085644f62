using System.Text.RegularExpressions;
using Ava.Transport;
using Ava.Transport.Native;

namespace Ava.Worker.RealLibraries;

/// <summary>One file the resolver looked at, where it came from, and what it decided about it.</summary>
/// <param name="Path">The file as found.</param>
/// <param name="Source">How the loader would reach it: <c>AVA_REAL_CUDA</c>, <c>LD_LIBRARY_PATH</c>, <c>ld.so.cache</c>, <c>default folder</c>, <c>spec</c>.</param>
/// <param name="Verdict">Why it was taken or passed over.</param>
public sealed record LibraryCandidate(string Path, string Source, string Verdict);

/// <summary>The real library a worker loads, why, and everything looked at on the way.</summary>
/// <param name="Path">The library; null when nothing suitable exists.</param>
/// <param name="Reason">One line: how it was found, or why none was.</param>
/// <param name="Searched">Every candidate looked at, in order.</param>
public sealed record RealLibraryChoice(string? Path, string Reason, IReadOnlyList<LibraryCandidate> Searched)
{
    /// <summary>The search as one line for a log: each candidate with its verdict.</summary>
    public string Describe() => Searched.Count == 0
        ? Reason
        : $"{Reason}; searched: {string.Join("; ", Searched.Select(c => $"{c.Path} ({c.Source}): {c.Verdict}"))}";
}

/// <summary>
/// Decides which file is an API's real library the way the dynamic loader would decide it for the application that
/// loaded our drop-in: the application's <c>LD_LIBRARY_PATH</c>, then <c>ld.so.cache</c>, then the default folders,
/// passing over files that are ours (the same device and inode as a file of our library folder, or any NativeAOT
/// image: a copy of a drop-in under another name), files the loader could not load into this process, and
/// forward-compatibility builds that the kernel driver does not need. <c>AVA_REAL_&lt;API&gt;</c> overrides the search.
/// Never a fixed list of paths: machines differ (on GPU hosts the driver often lives in a folder only
/// <c>LD_LIBRARY_PATH</c> names, next to a compatibility driver that must not be chosen).
/// </summary>
public sealed partial class RealLibraryResolver(ApiDescriptor api)
{
    /// <summary>The folders glibc searches after the cache, for this process's architecture.</summary>
    public static readonly IReadOnlyList<string> SystemFolders = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64
        ? ["/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib"]
        : ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib"];

    /// <summary>Reads an environment variable (the worker's own environment unless a test says otherwise).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>
    /// Where <c>ava install --system</c> recorded the vendor library it moved aside (<c>real.&lt;api&gt;=</c> in
    /// /etc/ava/ava.conf): after the install the loader finds our drop-in under the vendor's name, so only this says
    /// where the real one is. Read after <c>AVA_REAL_&lt;API&gt;</c> and before the loader's search.
    /// </summary>
    public Func<string, string?> SystemSetting { get; init; } = key => Ava.Transport.Control.SystemConfig.Load()[key];

    /// <summary>The loader's cache file.</summary>
    public string CachePath { get; init; } = LdSoCache.DefaultPath;

    /// <summary>The folders searched after the cache.</summary>
    public IReadOnlyList<string> DefaultFolders { get; init; } = SystemFolders;

    /// <summary>The folder of the ava executable (<c>{bin}</c> in the spec); our drop-ins are in its <c>../lib</c>.</summary>
    public string BinFolder { get; init; } = Path.GetDirectoryName(System.Environment.ProcessPath) ?? AppContext.BaseDirectory;

    /// <summary>The kernel module's version, or null when it is not loaded (default: read from <c>/sys/module</c>).</summary>
    public string? KernelModuleVersion { get; init; } = ReadKernelModuleVersion(api.KernelModule);

    /// <summary>The variable that overrides the search (<c>AVA_REAL_CUDA</c>).</summary>
    public string OverrideVariable => $"AVA_REAL_{api.Name.ToUpperInvariant()}";

    /// <summary>Decides.</summary>
    public RealLibraryChoice Resolve()
    {
        var searched = new List<LibraryCandidate>();
        var ours = OurFiles();
        var installed = $"real.{api.Name.ToLowerInvariant()}";
        var (forced, origin) = Environment(OverrideVariable) is { Length: > 0 } named ? (named, OverrideVariable)
            : SystemSetting(installed) is { Length: > 0 } recorded ? (recorded, $"{installed} in {Ava.Transport.Control.SystemConfig.DefaultPath}")
            : (null, "");
        if (forced is not null)
        {
            var verdict = !Path.IsPathRooted(forced) ? "not an absolute path"
                : FileIdentity.Of(forced) is { } identity ? Judge(forced, identity, ours, out _) : "does not exist";
            searched.Add(new LibraryCandidate(forced, origin, verdict ?? "chosen"));
            return verdict is null
                ? new RealLibraryChoice(forced, $"named by {origin}", searched)
                : new RealLibraryChoice(null, $"{origin}={forced} cannot be used: {verdict}", searched);
        }

        var seen = new HashSet<FileIdentity>();
        (string Path, string Source)? fallback = null;
        foreach (var (path, source) in Candidates())
        {
            if (FileIdentity.Of(path) is not { } identity)
            {
                searched.Add(new LibraryCandidate(path, source, "absent"));
                continue;
            }

            if (!seen.Add(identity))
            {
                searched.Add(new LibraryCandidate(path, source, "the same file as one already looked at"));
                continue;
            }

            var verdict = Judge(path, identity, ours, out var compatibility);
            if (verdict is null)
            {
                searched.Add(new LibraryCandidate(path, source, "chosen"));
                return new RealLibraryChoice(path, $"found through {source}", searched);
            }

            searched.Add(new LibraryCandidate(path, source, verdict));
            if (compatibility && fallback is null)
            {
                fallback = (path, source);
            }
        }

        if (fallback is { } only)
        {
            // Nothing else exists: the loader would load this one, so the application would natively too.
            return new RealLibraryChoice(only.Path, $"found through {only.Source} (a forward-compatibility build, the only {api.Name} library here)", searched);
        }

        return new RealLibraryChoice(null, $"no real {api.Name} library found (looked for {string.Join(", ", api.RealLibrary)})", searched);
    }

    /// <summary>Every file the loader would try, in its order, with where it came from.</summary>
    private IEnumerable<(string Path, string Source)> Candidates()
    {
        foreach (var entry in api.RealLibrary)
        {
            var name = entry.Replace("{bin}", BinFolder, StringComparison.Ordinal);
            if (name.Contains('/', StringComparison.Ordinal))
            {
                yield return (Path.GetFullPath(name), "spec");
                continue;
            }

            // glibc splits LD_LIBRARY_PATH at ':' and ';'; an empty element is the current folder.
            if (Environment("LD_LIBRARY_PATH") is { Length: > 0 } searchPath)
            {
                foreach (var folder in searchPath.Split(':', ';'))
                {
                    yield return (Path.GetFullPath(Path.Combine(folder.Length == 0 ? "." : folder, name)), "LD_LIBRARY_PATH");
                }
            }

            foreach (var path in LdSoCache.Lookup(name, CachePath))
            {
                yield return (path, "ld.so.cache");
            }

            foreach (var folder in DefaultFolders)
            {
                yield return (Path.Combine(folder, name), "default folder");
            }
        }
    }

    /// <summary>Null when the file may be the real library; else why not (<paramref name="compatibility"/>: it is a usable fallback).</summary>
    private string? Judge(string path, FileIdentity identity, HashSet<FileIdentity> ours, out bool compatibility)
    {
        compatibility = false;
        if (ours.Contains(identity))
        {
            return "one of our drop-in libraries";
        }

        switch (ElfImage.Inspect(path))
        {
            case null:
                return "not an ELF shared library";
            case { Loadable: false }:
                return "built for another machine or word size (the loader passes it over)";
            case { NativeAot: true }:
                return "a NativeAOT library: a drop-in of ours (a copy), never a vendor's";
        }

        if (api.ForwardCompatibilityFolder.Length > 0 && IsInFolderNamed(path, api.ForwardCompatibilityFolder))
        {
            var version = LibraryVersion(path);
            if (version is not null && KernelModuleVersion is not null && CompareVersions(version, KernelModuleVersion) > 0)
            {
                return null;
            }

            compatibility = true;
            return KernelModuleVersion is null
                ? $"a forward-compatibility build {version}; the {api.KernelModule} kernel module is not loaded, so it is kept only as a last resort"
                : $"a forward-compatibility build {version}, not newer than the {api.KernelModule} kernel module {KernelModuleVersion} (it would fail beside it)";
        }

        return null;
    }

    /// <summary>
    /// Identities of our drop-ins: the NativeAOT images of our library folder (it also holds real test libraries,
    /// which the self-test API's worker loads).
    /// </summary>
    private HashSet<FileIdentity> OurFiles()
    {
        var result = new HashSet<FileIdentity>();
        var lib = Path.GetFullPath(Path.Combine(BinFolder, "..", "lib"));
        if (Directory.Exists(lib))
        {
            foreach (var file in Directory.EnumerateFiles(lib, "*.so*", SearchOption.AllDirectories))
            {
                if (ElfImage.Inspect(file) is { NativeAot: true } && FileIdentity.Of(file) is { } identity)
                {
                    result.Add(identity);
                }
            }
        }

        return result;
    }

    private static bool IsInFolderNamed(string path, string folder)
    {
        var target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        return HasComponent(path, folder) || HasComponent(target, folder);

        static bool HasComponent(string p, string name) =>
            Path.GetDirectoryName(Path.GetFullPath(p))?.Split('/').Contains(name, StringComparer.Ordinal) == true;
    }

    /// <summary>The version a library's file name carries once links are followed (<c>libcuda.so.580.65.06</c>: 580.65.06).</summary>
    private static string? LibraryVersion(string path)
    {
        var target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        var match = VersionSuffix().Match(Path.GetFileName(target));
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string? ReadKernelModuleVersion(string module)
    {
        try
        {
            return module.Length == 0 ? null : File.ReadAllText($"/sys/module/{module}/version").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Compares dotted numeric versions part by part (580.159.04 &gt; 580.65.06).</summary>
    public static int CompareVersions(string a, string b)
    {
        var x = a.Split('.');
        var y = b.Split('.');
        for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            var p = i < x.Length && long.TryParse(x[i], out var px) ? px : 0;
            var q = i < y.Length && long.TryParse(y[i], out var qy) ? qy : 0;
            if (p != q)
            {
                return p.CompareTo(q);
            }
        }

        return 0;
    }

    [GeneratedRegex(@"\.so\.(\d+(?:\.\d+)+)$")]
    private static partial Regex VersionSuffix();
}
