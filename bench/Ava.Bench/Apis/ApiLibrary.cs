using System.Runtime.InteropServices;

namespace Ava.Bench.Apis;

/// <summary>
/// One side of a native-versus-remoted pair: the vendor's library or our drop-in, loaded by absolute path.
/// Both carry the same SONAME and the same exported names, so every export is checked to come from the file that
/// was asked for; a name resolved from the other library would silently compare a library with itself.
/// </summary>
/// <remarks>
/// <see cref="NativeLibrary.Load(string)"/> opens with RTLD_LAZY and without RTLD_GLOBAL, so neither library's
/// symbols enter the global scope and an absolute path never matches an already loaded SONAME: the two stay
/// apart without RTLD_DEEPBIND, which our drop-in does not need (it calls no OpenCL symbol of its own by name).
/// </remarks>
internal sealed unsafe partial class ApiLibrary
{
    private ApiLibrary(string path, nint handle)
    {
        Path = path;
        File = RealPath(path);
        Handle = handle;
    }

    /// <summary>The path it was loaded by.</summary>
    public string Path { get; }

    /// <summary>The file behind <see cref="Path"/>, symbolic links resolved.</summary>
    public string File { get; }

    private nint Handle { get; }

    /// <summary>Loads <paramref name="path"/>, which must be absolute so the dynamic linker cannot pick another file.</summary>
    public static ApiLibrary Load(string path)
    {
        if (!System.IO.Path.IsPathFullyQualified(path) || !System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is not an existing absolute path", path);
        }

        return new ApiLibrary(path, NativeLibrary.Load(path));
    }

    /// <summary>The address of <paramref name="name"/>, checked to lie in this library's file.</summary>
    public nint Export(string name)
    {
        var address = NativeLibrary.GetExport(Handle, name);
        var owner = OwnerOf(address);
        if (owner != File)
        {
            throw new InvalidOperationException($"{name} from {Path} resolved into {owner ?? "an unknown object"}, not {File}");
        }

        return address;
    }

    /// <summary>The file of the loaded object that contains <paramref name="address"/>, symbolic links resolved.</summary>
    public static string? OwnerOf(nint address)
    {
        DlInfo info;
        return dladdr((void*)address, &info) != 0 && info.FileName != null
            ? RealPath(Marshal.PtrToStringUTF8((nint)info.FileName)!)
            : null;
    }

    /// <summary>
    /// Sets a variable in the process's C environment, where a drop-in's own runtime reads it when it starts; this
    /// runtime's <see cref="Environment.SetEnvironmentVariable(string, string)"/> only changes its own copy.
    /// </summary>
    public static void SetNativeEnvironment(string name, string value)
    {
        if (setenv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv {name} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private static string RealPath(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? System.IO.Path.GetFullPath(path);

    // glibc 2.34+ exports dladdr from libc itself.
    [LibraryImport("libc", EntryPoint = "dladdr")]
    private static partial int dladdr(void* address, DlInfo* info);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int setenv(string name, string value, int overwrite);

    [StructLayout(LayoutKind.Sequential)]
    private struct DlInfo
    {
        public byte* FileName;
        public void* FileBase;
        public byte* SymbolName;
        public void* SymbolAddress;
    }
}
