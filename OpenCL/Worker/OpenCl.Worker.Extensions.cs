// The worker's binding of OpenCL extension functions that the loader does not export (cl_khr_command_buffer, PoCL's
// cl_pocl_content_size). The ICD loader dispatches only the functions its table knows; an extension function is the
// platform's own, found with clGetExtensionFunctionAddressForPlatform, and one platform's function must never get
// another platform's object. So each of these functions is bound to a trampoline that calls the entry point of the
// platform the call's objects belong to: a queue's or a memory object's platform as the library reports it, a command
// buffer's the one it was created on. A call naming none of those (a NULL command buffer, no queues) goes to the first
// platform that offers the function, so the status is still the library's own.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Ava.Worker;

namespace Ava.OpenCL;

/// <summary>The worker's per-platform binding of extension functions.</summary>
public static unsafe partial class OpenCl
{
    private const uint QueueDevice = 0x1091;
    private const uint DevicePlatform = 0x1031;
    private const uint MemContext = 0x1106;
    private const uint ContextDevices = 0x1081;
    private const uint ContextNumDevices = 0x1083;
    private const uint CommandBufferReferenceCount = 0x1296;

    /// <summary>CL_INVALID_OPERATION: the answer when no platform offers the function (our guest never sends such a call).</summary>
    private const int NoPlatformOffersIt = -59;

    /// <summary>Entry points by (platform, function id); platform 0 stands for the first platform that offers the function.</summary>
    private static readonly ConcurrentDictionary<(nint Platform, int Function), nint> s_extensionEntries = new();

    /// <summary>The platform each live command buffer was created on (a command buffer cannot name its platform itself).</summary>
    private static readonly ConcurrentDictionary<nint, nint> s_commandBufferPlatforms = new();

    /// <summary>Called from the static constructor: binding by name would find nothing (the loader exports none of them).</summary>
    private static void BindExtensionTrampolines()
    {
        __real[FunctionIds.clCreateCommandBufferKHR] = (nint)(delegate* unmanaged<uint, cl_command_queue*, ulong*, int*, cl_command_buffer_khr>)&CreateCommandBuffer;
        __real[FunctionIds.clFinalizeCommandBufferKHR] = (nint)(delegate* unmanaged<cl_command_buffer_khr, int>)&FinalizeCommandBuffer;
        __real[FunctionIds.clRetainCommandBufferKHR] = (nint)(delegate* unmanaged<cl_command_buffer_khr, int>)&RetainCommandBuffer;
        __real[FunctionIds.clReleaseCommandBufferKHR] = (nint)(delegate* unmanaged<cl_command_buffer_khr, int>)&ReleaseCommandBuffer;
        __real[FunctionIds.clEnqueueCommandBufferKHR] = (nint)(delegate* unmanaged<uint, cl_command_queue*, cl_command_buffer_khr, uint, cl_event*, cl_event*, int>)&EnqueueCommandBuffer;
        __real[FunctionIds.clCommandBarrierWithWaitListKHR] = (nint)(delegate* unmanaged<cl_command_buffer_khr, cl_command_queue, uint, uint*, uint*, cl_mutable_command_khr*, int>)&CommandBarrierWithWaitList;
        __real[FunctionIds.clCommandCopyBufferKHR] = (nint)(delegate* unmanaged<cl_command_buffer_khr, cl_command_queue, cl_mem, cl_mem, nuint, nuint, nuint, uint, uint*, uint*, cl_mutable_command_khr*, int>)&CommandCopyBuffer;
        __real[FunctionIds.clCommandCopyBufferRectKHR] = (nint)(delegate* unmanaged<cl_command_buffer_khr, cl_command_queue, cl_mem, cl_mem, nuint*, nuint*, nuint*, nuint, nuint, nuint, nuint, uint, uint*, uint*, cl_mutable_command_khr*, int>)&CommandCopyBufferRect;
        __real[FunctionIds.clCommandCopyBufferToImageKHR] = (nint)(delegate* unmanaged<cl_command_buffer_khr, cl_command_queue, cl_mem, cl_mem, nuint, nuint*, nuint*, uint, uint*, uint*, cl_mutable_command_khr*, int>)&CommandCopyBufferToImage;
        __real[FunctionIds.clCommandCopyImageKHR] = (nint)(delegate* unmanaged<cl_command_buffer_khr, cl_command_queue, cl_mem, cl_mem, nuint*, nuint*, nuint*, uint, uint*, uint*, cl_mutable_command_khr*, int>)&CommandCopyImage;
        __real[FunctionIds.clCommandCopyImageToBufferKHR] = (nint)(delegate* unmanaged<cl_command_buffer_khr, cl_command_queue, cl_mem, cl_mem, nuint*, nuint*, nuint, uint, uint*, uint*, cl_mutable_command_khr*, int>)&CommandCopyImageToBuffer;
        __real[FunctionIds.clCommandFillBufferKHR] = (nint)(delegate* unmanaged<cl_command_buffer_khr, cl_command_queue, cl_mem, void*, nuint, nuint, nuint, uint, uint*, uint*, cl_mutable_command_khr*, int>)&CommandFillBuffer;
        __real[FunctionIds.clCommandFillImageKHR] = (nint)(delegate* unmanaged<cl_command_buffer_khr, cl_command_queue, cl_mem, void*, nuint*, nuint*, uint, uint*, uint*, cl_mutable_command_khr*, int>)&CommandFillImage;
        __real[FunctionIds.clCommandNDRangeKernelKHR] = (nint)(delegate* unmanaged<cl_command_buffer_khr, cl_command_queue, ulong*, cl_kernel, uint, nuint*, nuint*, nuint*, uint, uint*, uint*, cl_mutable_command_khr*, int>)&CommandNDRangeKernel;
        __real[FunctionIds.clGetCommandBufferInfoKHR] = (nint)(delegate* unmanaged<cl_command_buffer_khr, uint, nuint, void*, nuint*, int>)&GetCommandBufferInfo;
        __real[FunctionIds.clSetContentSizeBufferPoCL] = (nint)(delegate* unmanaged<cl_mem, cl_mem, int>)&SetContentSizeBuffer;
    }

    // ---- Which platform ------------------------------------------------------------------------------------------

    /// <summary>The entry point of <paramref name="function"/> on <paramref name="platform"/> (0: the first platform offering it); 0 when none.</summary>
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
        return device != 0 && clGetDeviceInfo(new cl_device_id { Value = device }, DevicePlatform, (nuint)sizeof(nint), &platform, null) == 0 ? platform : 0;
    }

    private static nint PlatformOfQueues(uint count, cl_command_queue* queues)
    {
        nint device = 0;
        return count != 0 && queues != null && queues[0].Value != 0
            && clGetCommandQueueInfo(queues[0], QueueDevice, (nuint)sizeof(nint), &device, null) == 0 ? PlatformOfDevice(device) : 0;
    }

    private static nint PlatformOfMemory(cl_mem mem)
    {
        cl_context context = default;
        uint devices = 0;
        if (mem.Value == 0 || clGetMemObjectInfo(mem, MemContext, (nuint)sizeof(cl_context), &context, null) != 0
            || clGetContextInfo(context, ContextNumDevices, sizeof(uint), &devices, null) != 0 || devices == 0)
        {
            return 0;
        }

        var list = new nint[devices];
        fixed (nint* first = list)
        {
            return clGetContextInfo(context, ContextDevices, devices * (nuint)sizeof(nint), first, null) == 0 ? PlatformOfDevice(list[0]) : 0;
        }
    }

    private static nint PlatformOfCommandBuffer(cl_command_buffer_khr buffer) =>
        buffer.Value != 0 && s_commandBufferPlatforms.TryGetValue(buffer.Value, out var platform) ? platform : 0;

    private static nint OfCommandBuffer(cl_command_buffer_khr buffer, int function) => ExtensionEntry(PlatformOfCommandBuffer(buffer), function);

    // ---- The trampolines -------------------------------------------------------------------------------------------

    [UnmanagedCallersOnly]
    private static cl_command_buffer_khr CreateCommandBuffer(uint num_queues, cl_command_queue* queues, ulong* properties, int* errcode_ret)
    {
        var platform = PlatformOfQueues(num_queues, queues);
        var real = ExtensionEntry(platform, FunctionIds.clCreateCommandBufferKHR);
        if (real == 0)
        {
            if (errcode_ret != null)
            {
                *errcode_ret = NoPlatformOffersIt;
            }

            return default;
        }

        var buffer = ((delegate* unmanaged<uint, cl_command_queue*, ulong*, int*, cl_command_buffer_khr>)real)(num_queues, queues, properties, errcode_ret);
        if (buffer.Value != 0)
        {
            s_commandBufferPlatforms[buffer.Value] = platform;
        }

        return buffer;
    }

    [UnmanagedCallersOnly]
    private static int FinalizeCommandBuffer(cl_command_buffer_khr command_buffer)
    {
        var real = OfCommandBuffer(command_buffer, FunctionIds.clFinalizeCommandBufferKHR);
        return real == 0 ? NoPlatformOffersIt : ((delegate* unmanaged<cl_command_buffer_khr, int>)real)(command_buffer);
    }

    [UnmanagedCallersOnly]
    private static int RetainCommandBuffer(cl_command_buffer_khr command_buffer)
    {
        var real = OfCommandBuffer(command_buffer, FunctionIds.clRetainCommandBufferKHR);
        return real == 0 ? NoPlatformOffersIt : ((delegate* unmanaged<cl_command_buffer_khr, int>)real)(command_buffer);
    }

    /// <summary>The release that drops the last reference also forgets the command buffer's platform.</summary>
    [UnmanagedCallersOnly]
    private static int ReleaseCommandBuffer(cl_command_buffer_khr command_buffer)
    {
        var real = OfCommandBuffer(command_buffer, FunctionIds.clReleaseCommandBufferKHR);
        if (real == 0)
        {
            return NoPlatformOffersIt;
        }

        uint references = 0;
        var info = OfCommandBuffer(command_buffer, FunctionIds.clGetCommandBufferInfoKHR);
        var counted = info != 0 && command_buffer.Value != 0
            && ((delegate* unmanaged<cl_command_buffer_khr, uint, nuint, void*, nuint*, int>)info)(command_buffer, CommandBufferReferenceCount, sizeof(uint), &references, null) == 0;
        var status = ((delegate* unmanaged<cl_command_buffer_khr, int>)real)(command_buffer);
        if (status == 0 && counted && references == 1)
        {
            s_commandBufferPlatforms.TryRemove(command_buffer.Value, out _);
        }

        return status;
    }

    [UnmanagedCallersOnly]
    private static int EnqueueCommandBuffer(uint num_queues, cl_command_queue* queues, cl_command_buffer_khr command_buffer, uint num_events_in_wait_list, cl_event* event_wait_list, cl_event* @event)
    {
        var real = OfCommandBuffer(command_buffer, FunctionIds.clEnqueueCommandBufferKHR);
        return real == 0 ? NoPlatformOffersIt
            : ((delegate* unmanaged<uint, cl_command_queue*, cl_command_buffer_khr, uint, cl_event*, cl_event*, int>)real)(num_queues, queues, command_buffer, num_events_in_wait_list, event_wait_list, @event);
    }

    [UnmanagedCallersOnly]
    private static int CommandBarrierWithWaitList(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, uint num_sync_points_in_wait_list, uint* sync_point_wait_list, uint* sync_point, cl_mutable_command_khr* mutable_handle)
    {
        var real = OfCommandBuffer(command_buffer, FunctionIds.clCommandBarrierWithWaitListKHR);
        return real == 0 ? NoPlatformOffersIt
            : ((delegate* unmanaged<cl_command_buffer_khr, cl_command_queue, uint, uint*, uint*, cl_mutable_command_khr*, int>)real)(command_buffer, command_queue, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle);
    }

    [UnmanagedCallersOnly]
    private static int CommandCopyBuffer(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem src_buffer, cl_mem dst_buffer, nuint src_offset, nuint dst_offset, nuint size, uint num_sync_points_in_wait_list, uint* sync_point_wait_list, uint* sync_point, cl_mutable_command_khr* mutable_handle)
    {
        var real = OfCommandBuffer(command_buffer, FunctionIds.clCommandCopyBufferKHR);
        return real == 0 ? NoPlatformOffersIt
            : ((delegate* unmanaged<cl_command_buffer_khr, cl_command_queue, cl_mem, cl_mem, nuint, nuint, nuint, uint, uint*, uint*, cl_mutable_command_khr*, int>)real)(command_buffer, command_queue, src_buffer, dst_buffer, src_offset, dst_offset, size, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle);
    }

    [UnmanagedCallersOnly]
    private static int CommandCopyBufferRect(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem src_buffer, cl_mem dst_buffer, nuint* src_origin, nuint* dst_origin, nuint* region, nuint src_row_pitch, nuint src_slice_pitch, nuint dst_row_pitch, nuint dst_slice_pitch, uint num_sync_points_in_wait_list, uint* sync_point_wait_list, uint* sync_point, cl_mutable_command_khr* mutable_handle)
    {
        var real = OfCommandBuffer(command_buffer, FunctionIds.clCommandCopyBufferRectKHR);
        return real == 0 ? NoPlatformOffersIt
            : ((delegate* unmanaged<cl_command_buffer_khr, cl_command_queue, cl_mem, cl_mem, nuint*, nuint*, nuint*, nuint, nuint, nuint, nuint, uint, uint*, uint*, cl_mutable_command_khr*, int>)real)(command_buffer, command_queue, src_buffer, dst_buffer, src_origin, dst_origin, region, src_row_pitch, src_slice_pitch, dst_row_pitch, dst_slice_pitch, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle);
    }

    [UnmanagedCallersOnly]
    private static int CommandCopyBufferToImage(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem src_buffer, cl_mem dst_image, nuint src_offset, nuint* dst_origin, nuint* region, uint num_sync_points_in_wait_list, uint* sync_point_wait_list, uint* sync_point, cl_mutable_command_khr* mutable_handle)
    {
        var real = OfCommandBuffer(command_buffer, FunctionIds.clCommandCopyBufferToImageKHR);
        return real == 0 ? NoPlatformOffersIt
            : ((delegate* unmanaged<cl_command_buffer_khr, cl_command_queue, cl_mem, cl_mem, nuint, nuint*, nuint*, uint, uint*, uint*, cl_mutable_command_khr*, int>)real)(command_buffer, command_queue, src_buffer, dst_image, src_offset, dst_origin, region, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle);
    }

    [UnmanagedCallersOnly]
    private static int CommandCopyImage(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem src_image, cl_mem dst_image, nuint* src_origin, nuint* dst_origin, nuint* region, uint num_sync_points_in_wait_list, uint* sync_point_wait_list, uint* sync_point, cl_mutable_command_khr* mutable_handle)
    {
        var real = OfCommandBuffer(command_buffer, FunctionIds.clCommandCopyImageKHR);
        return real == 0 ? NoPlatformOffersIt
            : ((delegate* unmanaged<cl_command_buffer_khr, cl_command_queue, cl_mem, cl_mem, nuint*, nuint*, nuint*, uint, uint*, uint*, cl_mutable_command_khr*, int>)real)(command_buffer, command_queue, src_image, dst_image, src_origin, dst_origin, region, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle);
    }

    [UnmanagedCallersOnly]
    private static int CommandCopyImageToBuffer(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem src_image, cl_mem dst_buffer, nuint* src_origin, nuint* region, nuint dst_offset, uint num_sync_points_in_wait_list, uint* sync_point_wait_list, uint* sync_point, cl_mutable_command_khr* mutable_handle)
    {
        var real = OfCommandBuffer(command_buffer, FunctionIds.clCommandCopyImageToBufferKHR);
        return real == 0 ? NoPlatformOffersIt
            : ((delegate* unmanaged<cl_command_buffer_khr, cl_command_queue, cl_mem, cl_mem, nuint*, nuint*, nuint, uint, uint*, uint*, cl_mutable_command_khr*, int>)real)(command_buffer, command_queue, src_image, dst_buffer, src_origin, region, dst_offset, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle);
    }

    [UnmanagedCallersOnly]
    private static int CommandFillBuffer(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem buffer, void* pattern, nuint pattern_size, nuint offset, nuint size, uint num_sync_points_in_wait_list, uint* sync_point_wait_list, uint* sync_point, cl_mutable_command_khr* mutable_handle)
    {
        var real = OfCommandBuffer(command_buffer, FunctionIds.clCommandFillBufferKHR);
        return real == 0 ? NoPlatformOffersIt
            : ((delegate* unmanaged<cl_command_buffer_khr, cl_command_queue, cl_mem, void*, nuint, nuint, nuint, uint, uint*, uint*, cl_mutable_command_khr*, int>)real)(command_buffer, command_queue, buffer, pattern, pattern_size, offset, size, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle);
    }

    [UnmanagedCallersOnly]
    private static int CommandFillImage(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem image, void* fill_color, nuint* origin, nuint* region, uint num_sync_points_in_wait_list, uint* sync_point_wait_list, uint* sync_point, cl_mutable_command_khr* mutable_handle)
    {
        var real = OfCommandBuffer(command_buffer, FunctionIds.clCommandFillImageKHR);
        return real == 0 ? NoPlatformOffersIt
            : ((delegate* unmanaged<cl_command_buffer_khr, cl_command_queue, cl_mem, void*, nuint*, nuint*, uint, uint*, uint*, cl_mutable_command_khr*, int>)real)(command_buffer, command_queue, image, fill_color, origin, region, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle);
    }

    [UnmanagedCallersOnly]
    private static int CommandNDRangeKernel(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, ulong* properties, cl_kernel kernel, uint work_dim, nuint* global_work_offset, nuint* global_work_size, nuint* local_work_size, uint num_sync_points_in_wait_list, uint* sync_point_wait_list, uint* sync_point, cl_mutable_command_khr* mutable_handle)
    {
        var real = OfCommandBuffer(command_buffer, FunctionIds.clCommandNDRangeKernelKHR);
        return real == 0 ? NoPlatformOffersIt
            : ((delegate* unmanaged<cl_command_buffer_khr, cl_command_queue, ulong*, cl_kernel, uint, nuint*, nuint*, nuint*, uint, uint*, uint*, cl_mutable_command_khr*, int>)real)(command_buffer, command_queue, properties, kernel, work_dim, global_work_offset, global_work_size, local_work_size, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle);
    }

    [UnmanagedCallersOnly]
    private static int GetCommandBufferInfo(cl_command_buffer_khr command_buffer, uint param_name, nuint param_value_size, void* param_value, nuint* param_value_size_ret)
    {
        var real = OfCommandBuffer(command_buffer, FunctionIds.clGetCommandBufferInfoKHR);
        return real == 0 ? NoPlatformOffersIt
            : ((delegate* unmanaged<cl_command_buffer_khr, uint, nuint, void*, nuint*, int>)real)(command_buffer, param_name, param_value_size, param_value, param_value_size_ret);
    }

    [UnmanagedCallersOnly]
    private static int SetContentSizeBuffer(cl_mem buffer, cl_mem content_size_buffer)
    {
        var real = ExtensionEntry(PlatformOfMemory(buffer), FunctionIds.clSetContentSizeBufferPoCL);
        return real == 0 ? NoPlatformOffersIt : ((delegate* unmanaged<cl_mem, cl_mem, int>)real)(buffer, content_size_buffer);
    }
}
