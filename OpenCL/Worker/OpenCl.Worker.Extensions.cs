// The worker's binding of OpenCL extension functions that the loader does not export (cl_khr_command_buffer, PoCL's
// cl_pocl_content_size, ocl-icd's clGetICDLoaderInfoOCLICD). The ICD loader dispatches only the functions its table
// knows; an extension function is the platform's own, found with clGetExtensionFunctionAddressForPlatform, and one
// platform's function must never get another platform's object. So the generated real call of each of these functions
// ([Extension(Key)] in OpenCL/Spec/OpenCl.cs) asks ExtensionEntry for the entry point of the platform the call's
// objects belong to: a queue's or a memory object's platform as the library reports it, a command buffer's the one it
// was created on (remembered by the generated code). A call naming none of those (a NULL command buffer, no queues)
// goes to the loader's own lookup, then to the first platform that offers the function, so the status is still the
// library's own.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Ava.OpenCL;

/// <summary>The worker's per-platform binding of extension functions.</summary>
public static unsafe partial class OpenCl
{
    /// <summary>Entry points by (platform, function id); platform 0 stands for the loader, then the first platform that offers the function.</summary>
    private static readonly ConcurrentDictionary<(nint Platform, int Function), nint> s_extensionEntries = new();

    // ---- Which platform ------------------------------------------------------------------------------------------

    /// <summary>The entry point of <paramref name="function"/> on <paramref name="platform"/> (0: the loader's, else the first platform offering it); 0 when none.</summary>
    private static nint ExtensionEntry(nint platform, int function) =>
        s_extensionEntries.GetOrAdd((platform, function), static key => Lookup(key.Platform, key.Function));

    private static nint Lookup(nint platform, int function)
    {
        var name = Marshal.StringToCoTaskMemUTF8(Descriptor.FunctionNames[function]);
        try
        {
            if (platform != 0)
            {
                return (nint)clGetExtensionFunctionAddressForPlatform(new cl_platform_id { Value = platform }, (sbyte*)name);
            }

            // The loader answers its own functions (clGetICDLoaderInfoOCLICD) and, for the others, a platform's.
            var loader = __real[FunctionIds.clGetExtensionFunctionAddress] == 0 ? 0 : (nint)clGetExtensionFunctionAddress((sbyte*)name);
            if (loader != 0)
            {
                return loader;
            }

            uint count = 0;
            if (clGetPlatformIDs(0, null, &count) != 0 || count == 0)
            {
                return 0;
            }

            var platforms = new cl_platform_id[count];
            fixed (cl_platform_id* list = platforms)
            {
                if (clGetPlatformIDs(count, list, null) != 0)
                {
                    return 0;
                }
            }

            foreach (var candidate in platforms)
            {
                var entry = (nint)clGetExtensionFunctionAddressForPlatform(candidate, (sbyte*)name);
                if (entry != 0)
                {
                    return entry;
                }
            }

            return 0;
        }
        finally
        {
            Marshal.FreeCoTaskMem(name);
        }
    }

    private static nint PlatformOfDevice(nint device)
    {
        nint platform = 0;
        return device != 0 && clGetDeviceInfo(new cl_device_id { Value = device }, CL_DEVICE_PLATFORM, (nuint)sizeof(nint), &platform, null) == 0 ? platform : 0;
    }

    private static nint PlatformOfQueues(uint count, cl_command_queue* queues)
    {
        nint device = 0;
        return count != 0 && queues != null && queues[0].Value != 0
            && clGetCommandQueueInfo(queues[0], CL_QUEUE_DEVICE, (nuint)sizeof(nint), &device, null) == 0 ? PlatformOfDevice(device) : 0;
    }

    private static nint PlatformOfMemory(cl_mem mem)
    {
        cl_context context = default;
        uint devices = 0;
        if (mem.Value == 0 || clGetMemObjectInfo(mem, CL_MEM_CONTEXT, (nuint)sizeof(cl_context), &context, null) != 0
            || clGetContextInfo(context, CL_CONTEXT_NUM_DEVICES, sizeof(uint), &devices, null) != 0 || devices == 0)
        {
            return 0;
        }

        var list = new nint[devices];
        fixed (nint* first = list)
        {
            return clGetContextInfo(context, CL_CONTEXT_DEVICES, devices * (nuint)sizeof(nint), first, null) == 0 ? PlatformOfDevice(list[0]) : 0;
        }
    }
}
