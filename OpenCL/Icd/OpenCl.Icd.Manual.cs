// The ICD build's hand-written parts (OpenCL/Icd/Ava.OpenCL.Icd.csproj compiles them with the spec and the guest
// parts). The system ICD loader (ocl-icd) looks up clGetExtensionFunctionAddress, asks it for
// clIcdGetPlatformIDsKHR, and from then on calls every function through the dispatch table in the first word of
// the object it is given (platform, device, context, ...). So here:
// - every handle is an ICD object {dispatch table, wire id} (IcdConnection);
// - the platform reads as the real one in every info string (programs recognise their platform by name and version),
//   except CL_PLATFORM_ICD_SUFFIX_KHR "AvA", which tells it apart from the same real platform listed by the loader
//   beside it; a name prefix only when AVA_ICD_PLATFORM_PREFIX asks for one;
// - handles inside untyped values (kernel arguments, context properties, an image descriptor's buffer, info
//   results) are objects here and ids on the wire: the generated calls translate them where the spec says so
//   ([MayHoldHandle], [PropertyHandle], [MemberHandle], [InfoValue(Handle = ...)]; IcdConnection.MapsHandles), and
//   the worker translates ids to real objects.
// The drop-in libOpenCL.so.1 does not compile this file: its handles are wire ids and its platform is the real one.
// Exports only forward to NoInlining methods: the first export called starts the runtime (see GuestEmitter).
#if AVA_OPENCL_ICD
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Ava.Guest;

namespace Ava.OpenCL;

/// <summary>The ICD build's parts of the OpenCL library.</summary>
public static unsafe partial class OpenCl
{
    /// <summary>What the platform's name starts with in ICD mode (before the real platform's name): none unless asked.</summary>
    private static readonly string s_icdPlatformPrefix = Environment.GetEnvironmentVariable("AVA_ICD_PLATFORM_PREFIX") ?? "";

    /// <summary>The platform's CL_PLATFORM_ICD_SUFFIX_KHR in ICD mode.</summary>
    public const string IcdSuffix = "AvA";

    private static readonly bool s_inWorker = IsWorkerProcess();

    /// <summary>Every handle this library returns is an ICD object.</summary>
    static partial void CustomizeConnection(ref ApiConnection? connection) => connection = new IcdConnection(Descriptor, &DispatchCallback);

    /// <summary>The dispatch entries that differ from our export of the same name in ICD mode.</summary>
    internal static (string Name, nint Function)[] IcdOverrides() =>
    [
        ("clGetPlatformInfo", (nint)(delegate* unmanaged<nint, uint, nuint, void*, nuint*, int>)&IcdGetPlatformInfo),
        ("clGetExtensionFunctionAddressForPlatform", (nint)(delegate* unmanaged<nint, sbyte*, void*>)&IcdGetExtensionFunctionAddressForPlatform),
    ];

    // ---- How the loader finds us -------------------------------------------------------------------------------

    /// <summary>cl_khr_icd: the platforms of this ICD, as ICD objects.</summary>
    [UnmanagedCallersOnly(EntryPoint = "clIcdGetPlatformIDsKHR")]
    public static int clIcdGetPlatformIDsKHR(uint num_entries, nint* platforms, uint* num_platforms) =>
        IcdGetPlatformIds(num_entries, platforms, num_platforms);

    /// <summary>
    /// Exported as clGetExtensionFunctionAddress (the link binds that name here, see the project file): answers
    /// clIcdGetPlatformIDsKHR, and everything else as the guest's clGetExtensionFunctionAddressForPlatform does.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "avaIcdGetExtensionFunctionAddress")]
    public static void* IcdGetExtensionFunctionAddress(sbyte* func_name) => IcdExtensionFunction(0, func_name);

    [UnmanagedCallersOnly]
    private static void* IcdGetExtensionFunctionAddressForPlatform(nint platform, sbyte* func_name) => IcdExtensionFunction(platform, func_name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void* IcdExtensionFunction(nint platform, sbyte* name)
    {
        if (name != null && MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)name).SequenceEqual("clIcdGetPlatformIDsKHR"u8))
        {
            return (delegate* unmanaged<uint, nint*, uint*, int>)&clIcdGetPlatformIDsKHR;
        }

        return ((delegate* unmanaged<nint, sbyte*, void*>)IcdExports.GetExtensionFunctionAddressForPlatform)(platform, name);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int IcdGetPlatformIds(uint count, nint* platforms, uint* countRet)
    {
        if ((count == 0 && platforms != null) || (platforms == null && countRet == null))
        {
            return CL_INVALID_VALUE;
        }

        // Our worker loads the real ICD loader, which reads the same vendor list: there we must be no platform, or
        // the worker would remote to a worker of its own, without end.
        if (s_inWorker)
        {
            if (countRet != null)
            {
                *countRet = 0;
            }

            return CL_PLATFORM_NOT_FOUND_KHR;
        }

        uint found = 0;
        var status = ((delegate* unmanaged<uint, nint*, uint*, int>)IcdExports.GetPlatformIDs)(count, platforms, &found);
        if (status == CL_SUCCESS && found == 0)
        {
            status = CL_PLATFORM_NOT_FOUND_KHR;
        }

        if (countRet != null)
        {
            *countRet = status == CL_SUCCESS ? found : 0;
        }

        return status;
    }

    /// <summary>Whether this process is an ava worker (<c>ava worker ...</c>, started by a guest or by the manager).</summary>
    private static bool IsWorkerProcess()
    {
        try
        {
            var argv = File.ReadAllText("/proc/self/cmdline").Split('\0');
            return argv.Length > 1 && Path.GetFileName(argv[0]) == "ava" && argv[1] == "worker";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // ---- The platform is told apart by its suffix -----------------------------------------------------------------

    [UnmanagedCallersOnly]
    private static int IcdGetPlatformInfo(nint platform, uint param_name, nuint param_value_size, void* param_value, nuint* param_value_size_ret) =>
        IcdPlatformInfo(platform, param_name, param_value_size, param_value, param_value_size_ret);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int IcdPlatformInfo(nint platform, uint name, nuint size, void* value, nuint* sizeRet)
    {
        var inner = (delegate* unmanaged<nint, uint, nuint, void*, nuint*, int>)IcdExports.GetPlatformInfo;
        if (name is not (CL_PLATFORM_NAME or CL_PLATFORM_EXTENSIONS or CL_PLATFORM_ICD_SUFFIX_KHR))
        {
            return inner(platform, name, size, value, sizeRet);
        }

        // The suffix reads the name first: the real query checks the platform handle.
        var queried = name == CL_PLATFORM_ICD_SUFFIX_KHR ? CL_PLATFORM_NAME : name;
        nuint length = 0;
        var status = inner(platform, queried, 0, null, &length);
        if (status != CL_SUCCESS)
        {
            return status;
        }

        var bytes = new byte[length];
        fixed (byte* real = bytes)
        {
            status = inner(platform, queried, length, real, null);
        }

        if (status != CL_SUCCESS)
        {
            return status;
        }

        var text = Encoding.UTF8.GetString(bytes).TrimEnd('\0');
        text = name switch
        {
            CL_PLATFORM_NAME => s_icdPlatformPrefix + text,
            CL_PLATFORM_ICD_SUFFIX_KHR => IcdSuffix,
            _ => text.Split(' ').Contains("cl_khr_icd") ? text : (text + " cl_khr_icd").TrimStart(),
        };
        return IcdWriteString(text, size, value, sizeRet);
    }

    private static int IcdWriteString(string text, nuint size, void* value, nuint* sizeRet)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\0");
        if (value != null)
        {
            if (size < (nuint)bytes.Length)
            {
                return CL_INVALID_VALUE;
            }

            bytes.CopyTo(new Span<byte>(value, bytes.Length));
        }

        if (sizeRet != null)
        {
            *sizeRet = (nuint)bytes.Length;
        }

        return CL_SUCCESS;
    }

    /// <summary>
    /// Our exports that the ICD entries forward to. A class of its own: it is first used after the dispatch table
    /// is built (building it calls <see cref="IcdOverrides"/>, which must not need these yet).
    /// </summary>
    private static class IcdExports
    {
        public static readonly nint GetPlatformIDs = IcdDispatch.Export("clGetPlatformIDs");
        public static readonly nint GetPlatformInfo = IcdDispatch.Export("clGetPlatformInfo");
        public static readonly nint GetExtensionFunctionAddressForPlatform = IcdDispatch.Export("clGetExtensionFunctionAddressForPlatform");
    }
}
#endif
