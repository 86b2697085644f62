using System.Runtime.InteropServices;

namespace Ava.Guest.Interop;

/// <summary>Finds the file this library was loaded from, so the worker command is found beside it.</summary>
internal static unsafe partial class SelfLocator
{
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
