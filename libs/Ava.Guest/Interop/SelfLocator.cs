using System.Runtime.InteropServices;

namespace Ava.Guest.Interop;

/// <summary>
/// Finds the file this drop-in library was loaded from (the worker command lives beside it) and our own exports
/// in it (entry points handed out through cuGetProcAddress or an ICD dispatch table must be ours).
/// </summary>
public static unsafe partial class SelfLocator
{
    private static nint s_self;

    /// <summary>Address of our own export <paramref name="name"/>, or 0.</summary>
    public static nint OwnExport(string name)
    {
        if (s_self == 0)
        {
            var path = LibraryPath();
            if (path is null)
            {
                return 0;
            }

            s_self = NativeLibrary.Load(path);
        }

        return NativeLibrary.TryGetExport(s_self, name, out var address) ? address : 0;
    }

    /// <summary>Path of the shared object containing this code, or null when it cannot be told.</summary>
    public static string? LibraryPath()
    {
        DlInfo info;
        delegate* unmanaged<void> anchor = &Anchor;
        if (dladdr(anchor, &info) == 0 || info.FileName == null)
        {
            return null;
        }

        return Marshal.PtrToStringUTF8((nint)info.FileName);
    }

    [UnmanagedCallersOnly]
    private static void Anchor()
    {
    }

    // glibc 2.34+ exports dladdr from libc itself.
    [LibraryImport("libc", EntryPoint = "dladdr")]
    private static partial int dladdr(void* address, DlInfo* info);

    [StructLayout(LayoutKind.Sequential)]
    private struct DlInfo
    {
        public byte* FileName;
        public void* FileBase;
        public byte* SymbolName;
        public void* SymbolAddress;
    }
}
