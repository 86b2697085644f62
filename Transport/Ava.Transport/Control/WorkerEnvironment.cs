using System.Collections;

namespace Ava.Transport.Control;

/// <summary>
/// The environment a worker starts with, made from its starter's: the guest library's for a private worker, the
/// manager's for the manager's workers. The worker must load the real vendor library, never ours, so every path list
/// the dynamic loader or the OpenCL ICD loader reads loses its entries under our artifacts folder, and the variables
/// only our libraries read on the application's side are dropped. Everything else passes on unchanged; the worker then
/// finds the real library as the loader would for the application (its RealLibraryResolver also passes over our own
/// files met anywhere else, by device and inode).
/// </summary>
public static class WorkerEnvironment
{
    /// <summary>
    /// Path lists that could make the worker load our libraries instead of the real ones (LD_AUDIT: the audit module of
    /// <c>ava run</c>, which would turn the worker's own load of the real library into ours; LD_LIBRARY_PATH: a folder of
    /// our drop-ins named so that the application finds them).
    /// </summary>
    public static IReadOnlyList<string> PathLists { get; } = ["LD_PRELOAD", "LD_AUDIT", "LD_LIBRARY_PATH", "OCL_ICD_VENDORS", "OCL_ICD_FILENAMES", "OPENCL_VENDOR_PATH"];

    /// <summary>
    /// Variables only the application's side reads, never passed to a worker: the audit module's table of drop-ins, and
    /// the manager's address (a worker asks no manager for workers).
    /// </summary>
    public static IReadOnlyList<string> GuestOnly { get; } = ["AVA_AUDIT_MAP", "AVA_MANAGER_ADDR"];

    /// <summary>
    /// Our artifacts folder, from one of our files in it: the folder above the file's own (artifacts/ for
    /// artifacts/lib/libOpenCL.so.1 and artifacts/bin/ava; artifacts/lib/ for the ICD in artifacts/lib/icd).
    /// </summary>
    public static string? OurFolder(string? file)
    {
        if (string.IsNullOrEmpty(file))
        {
            return null;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        return folder is null ? null : Path.GetDirectoryName(folder.TrimEnd('/'));
    }

    /// <summary>
    /// The worker's environment as <c>NAME=value</c> entries: <paramref name="variables"/> without <see cref="GuestOnly"/>,
    /// without the entries of each of <see cref="PathLists"/> under <paramref name="ours"/> (a list left empty is dropped),
    /// and without the variables <paramref name="withheld"/> names (the manager's: private-worker quotas, which its policy
    /// replaces).
    /// </summary>
    public static string[] From(IDictionary variables, string? ours, Func<string, bool>? withheld = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var result = new List<string>();
        foreach (DictionaryEntry entry in variables)
        {
            var key = (string)entry.Key;
            var value = (string?)entry.Value ?? "";
            if (GuestOnly.Contains(key, StringComparer.Ordinal) || (withheld?.Invoke(key) ?? false))
            {
                continue;
            }

            if (PathLists.Contains(key, StringComparer.Ordinal))
            {
                // ld.so separates LD_PRELOAD entries by spaces as well as colons.
                var separators = key == "LD_PRELOAD" ? new[] { ':', ' ' } : [':'];
                var kept = value.Split(separators, StringSplitOptions.RemoveEmptyEntries)
                    .Where(p => ours is null || !IsUnder(p, ours))
                    .ToArray();
                if (kept.Length == 0)
                {
                    continue;
                }

                value = string.Join(':', kept);
            }

            result.Add($"{key}={value}");
        }

        return [.. result];
    }

    private static bool IsUnder(string path, string root)
    {
        try
        {
            return Path.GetFullPath(path).StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
