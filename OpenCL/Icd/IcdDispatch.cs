// The ICD dispatch table: struct _cl_icd_dispatch of /usr/include/CL/cl_icd.h, filled with this library's exports.
using System.Runtime.InteropServices;

namespace Ava.OpenCL;

/// <summary>
/// The one dispatch table every object of ours points to. Entry i is the function named <see cref="Names"/>[i]
/// (generated from the header by make-dispatch-names.sh): our own export of that name, or NULL where we export
/// none; <see cref="OpenCl.IcdOverrides"/> then replaces the few entries that differ in ICD mode.
/// </summary>
internal static unsafe partial class IcdDispatch
{
    private static readonly Dictionary<string, int> s_index;

    /// <summary>Our exports by dispatch index, as the library exports them (before the ICD overrides).</summary>
    private static readonly nint[] s_exports;

    // A constructor, not initializers: Names is initialized in the other part of the class, and the order of
    // initializers across the parts of a class is not defined; a static constructor runs after all of them.
    static IcdDispatch()
    {
        s_index = Names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);
        s_exports = LoadExports();
        Table = Build();
    }

    /// <summary>The native table (never freed: objects point to it for the life of the process).</summary>
    public static nint Table { get; }

    /// <summary>Our export of a dispatch entry (0 when we export none): what an override forwards to.</summary>
    public static nint Export(string name) => s_exports[s_index[name]];

    private static nint[] LoadExports()
    {
        var exports = new nint[Names.Length];
        var self = LibraryPath();
        if (self is null || !NativeLibrary.TryLoad(self, out var library))
        {
            return exports;
        }

        for (var i = 0; i < Names.Length; i++)
        {
            exports[i] = NativeLibrary.TryGetExport(library, Names[i], out var address) ? address : 0;
        }

        return exports;
    }

    private static nint Build()
    {
        var table = (nint*)NativeMemory.AllocZeroed((nuint)Names.Length, (nuint)sizeof(nint));
        for (var i = 0; i < Names.Length; i++)
        {
            table[i] = s_exports[i];
        }

        foreach (var (name, function) in OpenCl.IcdOverrides())
        {
            table[s_index[name]] = function;
        }

        return (nint)table;
    }

    /// <summary>The file this library was loaded from (the application never names it: the ICD loader does).</summary>
    private static string? LibraryPath() => Ava.Guest.Interop.SelfLocator.LibraryPath();
}
