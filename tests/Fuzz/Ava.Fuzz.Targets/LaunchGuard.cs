using System.Reflection;
using System.Runtime.InteropServices;
using Ava.Worker;

namespace Ava.Fuzz.Targets;

/// <summary>
/// Puts the launch guard (tests/Fuzz/driver/opencl-launch-guard.c, built beside the targets) between the OpenCL
/// worker and PoCL in the opencl target: the worker's calls that set kernel arguments, launch kernels, release objects
/// and look up extension functions go through it, so a fuzzed launch runs only when it provably stays inside the
/// buffers it is given, and every other launch is answered CL_INVALID_OPERATION by the guard instead. Launches thus stay
/// in the target's inputs: the worker decodes, translates and checks each of them as it would for a guest.
/// </summary>
public static class LaunchGuard
{
    /// <summary>The guard's file, built by Ava.Fuzz.Targets.csproj beside the assembly.</summary>
    public const string FileName = "libava-fuzz-launch-guard.so";

    /// <summary>
    /// The guard built as an OpenCL library (beside the assembly): a real `ava worker` given it as its library
    /// (<c>AVA_REAL_OPENCL</c>) reaches PoCL through the guard, every other function straight through to the real library.
    /// </summary>
    public static string LibraryPath => Path.Combine(AppContext.BaseDirectory, "libava-fuzz-launch-guard-opencl.so");

    private static readonly string[] s_guarded =
    [
        "clSetKernelArg", "clEnqueueNDRangeKernel", "clEnqueueTask", "clReleaseKernel", "clReleaseMemObject", "clReleaseSampler",
        "clGetExtensionFunctionAddressForPlatform", "clGetExtensionFunctionAddress",
    ];

    /// <summary>Binds the guard to <paramref name="library"/> (the real OpenCL library the backend is bound to) and puts its entry points in the backend's table.</summary>
    public static unsafe void Install(ApiBackend backend, string library)
    {
        var guard = NativeLibrary.Load(Path.Combine(AppContext.BaseDirectory, FileName));
        var bind = (delegate* unmanaged<byte*, int>)NativeLibrary.GetExport(guard, "ava_fuzz_launch_guard_bind");
        var path = Marshal.StringToCoTaskMemUTF8(library);
        try
        {
            if (bind((byte*)path) != 0)
            {
                throw new InvalidOperationException($"the launch guard could not bind {library}");
            }
        }
        finally
        {
            Marshal.FreeCoTaskMem(path);
        }

        // The backend's entry points by function id (the generated table the dispatch calls through).
        var functions = (nint[])typeof(ApiBackend).GetProperty("RealFunctions", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(backend)!;
        foreach (var name in s_guarded)
        {
            var id = backend.Descriptor.FunctionNames.ToList().IndexOf(name);
            if (id <= 0)
            {
                throw new InvalidOperationException($"the OpenCL spec has no {name}");
            }

            functions[id] = NativeLibrary.GetExport(guard, "guard_" + name);
        }
    }
}
