// Kernel launches in the worker: the geometry a launch names is checked, in the worker's own copy, and the objects its
// kernel's arguments name are checked to be live, before the real library sees it. Every path that runs a kernel
// (clEnqueueNDRangeKernel, clEnqueueTask, a command buffer's clCommandNDRangeKernelKHR) has the same checks.
using Ava.Worker;

namespace Ava.OpenCL;

public static unsafe partial class OpenCl
{
    /// <summary>Most work dimensions of any device (CL_DEVICE_MAX_WORK_ITEM_DIMENSIONS is 3 on every OpenCL device).</summary>
    private const uint MaxWorkDimensions = 3;

    /// <summary>
    /// Refuses a launch whose geometry no device could run, with the error a conformant library gives, and hands the
    /// library the worker's own copy of what it checked: 1 to 3 dimensions, a global size, offsets that with their sizes
    /// stay a size_t, a number of work items that size_t holds, and no work-group dimension of 0. The arrays
    /// may lie in the shared ring, where the guest can change them while the worker reads; the copies it cannot.
    /// </summary>
    private static bool Guard_clEnqueueNDRangeKernel(WorkerCall call, out int ret, ref cl_command_queue command_queue, ref cl_kernel kernel, ref uint work_dim, ref nuint* global_work_offset, ref nuint* global_work_size, ref nuint* local_work_size, ref uint num_events_in_wait_list, ref cl_event* event_wait_list, ref cl_event* @event)
    {
        ret = GeometryAndArgumentsRefusal(call, command_queue, kernel, work_dim, ref global_work_offset, ref global_work_size, ref local_work_size);

        return ret == 0;
    }

    /// <summary>
    /// The checks of a launch: its geometry, on the worker's own copies of the arrays, which replace the caller's (copied
    /// first, then checked: what the library reads is what was checked), then its kernel's arguments and their local memory.
    /// </summary>
    private static int GeometryAndArgumentsRefusal(WorkerCall call, cl_command_queue queue, cl_kernel kernel, uint work_dim, ref nuint* global_work_offset, ref nuint* global_work_size, ref nuint* local_work_size)
    {
        if (work_dim is 0 or > MaxWorkDimensions)
        {
            return CL_INVALID_WORK_DIMENSION;
        }

        global_work_offset = Private(call, global_work_offset, work_dim);
        global_work_size = Private(call, global_work_size, work_dim);
        local_work_size = Private(call, local_work_size, work_dim);
        var ret = LaunchRefusal(work_dim, global_work_offset, global_work_size, local_work_size);
        return ret != 0 ? ret : ArgumentsAndLocalMemoryRefusal(call, queue, kernel);
    }

    /// <summary>The checks of any launch: its kernel's arguments, then the local memory they take.</summary>
    private static int ArgumentsAndLocalMemoryRefusal(WorkerCall call, cl_command_queue queue, cl_kernel kernel)
    {
        var ret = ArgumentsRefusal(call, kernel);
        return ret != 0 ? ret : LocalMemoryRefusal(queue, kernel);
    }

    /// <summary>A task is a launch of one work-item: only its kernel's arguments are checked.</summary>
    private static bool Guard_clEnqueueTask(WorkerCall call, out int ret, ref cl_command_queue command_queue, ref cl_kernel kernel, ref uint num_events_in_wait_list, ref cl_event* event_wait_list, ref cl_event* @event)
    {
        ret = ArgumentsAndLocalMemoryRefusal(call, command_queue, kernel);
        return ret == 0;
    }

    /// <summary>
    /// A kernel command recorded into a command buffer runs later, each time the buffer is enqueued, with the geometry
    /// and the argument values of now (PoCL copies the values and retains their objects when it records): so it gets the
    /// checks of a launch now. PoCL 3.1 also follows a NULL kernel here without looking, and aborts on a kernel with a
    /// sampler argument: those are refused too.
    /// </summary>
    private static bool Guard_clCommandNDRangeKernelKHR(WorkerCall call, out int ret, ref cl_command_buffer_khr command_buffer, ref cl_command_queue command_queue, ref ulong* properties, ref cl_kernel kernel, ref uint work_dim, ref nuint* global_work_offset, ref nuint* global_work_size, ref nuint* local_work_size, ref uint num_sync_points_in_wait_list, ref uint* sync_point_wait_list, ref uint* sync_point, ref cl_mutable_command_khr* mutable_handle)
    {
        if (kernel.Value == 0)
        {
            ret = CL_INVALID_KERNEL;
            return false;
        }

        ret = GeometryAndArgumentsRefusal(call, command_queue, kernel, work_dim, ref global_work_offset, ref global_work_size, ref local_work_size);

        if (ret == 0 && TakesSampler(kernel))
        {
            // PoCL 3.1 aborts the process recording a kernel with a sampler argument (PTHREAD ERROR in
            // POclRetainSampler, natively too): such a command is refused instead of taking the worker down.
            ret = CL_INVALID_OPERATION;
        }

        return ret == 0;
    }

    /// <summary>Per real device, its CL_DEVICE_LOCAL_MEM_SIZE.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<nint, ulong> s_deviceLocalMemory = new();

    /// <summary>
    /// CL_OUT_OF_RESOURCES for a launch whose __local arguments and the kernel's own __local variables together take
    /// more than the device's local memory (CL_DEVICE_LOCAL_MEM_SIZE), as the specification has it; 0 otherwise. PoCL
    /// 3.1 asserts there instead (the process aborts, natively too). Costs nothing for a kernel without __local
    /// arguments. The device is the queue's, or, for a command buffer's command without one, the smallest of the
    /// kernel's context.
    /// </summary>
    private static int LocalMemoryRefusal(cl_command_queue queue, cl_kernel kernel)
    {
        if (!s_kernelArguments.TryGetValue(kernel.Value, out var arguments))
        {
            return 0;
        }

        var requested = Volatile.Read(ref arguments.LocalTotal);
        if (requested == 0)
        {
            return 0;
        }

        nint device = 0;
        if (queue.Value != 0 && clGetCommandQueueInfo(queue, CL_QUEUE_DEVICE, (nuint)sizeof(nint), &device, null) != 0)
        {
            return 0; // the library answers the queue itself
        }

        var devices = device != 0 ? [device] : ContextDevices(arguments.Context);
        foreach (var d in devices)
        {
            ulong own = 0;
            var available = s_deviceLocalMemory.GetOrAdd(d, static d =>
            {
                ulong size = 0;
                return clGetDeviceInfo(new cl_device_id { Value = d }, CL_DEVICE_LOCAL_MEM_SIZE, sizeof(ulong), &size, null) == 0 ? size : ulong.MaxValue;
            });
            if (clGetKernelWorkGroupInfo(kernel, new cl_device_id { Value = d }, CL_KERNEL_LOCAL_MEM_SIZE, sizeof(ulong), &own, null) != 0)
            {
                own = 0;
            }

            if (requested > available || own > available - requested)
            {
                return CL_OUT_OF_RESOURCES;
            }
        }

        return 0;
    }

    /// <summary>The real devices of a real context (none when it is unknown or the library would not say).</summary>
    private static nint[] ContextDevices(nint context)
    {
        nuint bytes = 0;
        var real = new cl_context { Value = context };
        if (context == 0 || clGetContextInfo(real, CL_CONTEXT_DEVICES, 0, null, &bytes) != 0 || bytes == 0 || bytes > 4096)
        {
            return [];
        }

        var devices = new nint[(int)bytes / sizeof(nint)];
        fixed (nint* at = devices)
        {
            return clGetContextInfo(real, CL_CONTEXT_DEVICES, bytes, at, null) == 0 ? devices : [];
        }
    }

    /// <summary>The error a launch of this geometry gets, or 0 when every device could run it.</summary>
    private static int LaunchRefusal(uint workDim, nuint* offset, nuint* global, nuint* local)
    {
        if (workDim is 0 or > MaxWorkDimensions)
        {
            return CL_INVALID_WORK_DIMENSION;
        }

        if (global == null)
        {
            return CL_INVALID_GLOBAL_WORK_SIZE;
        }

        nuint items = 1;
        for (var i = 0; i < workDim; i++)
        {
            var size = global[i];
            var start = offset == null ? 0 : offset[i];

            // Offset and size together must be a size_t (OpenCL 1.1's rule for offsets, and the guest's proof).
            if (start > nuint.MaxValue - size)
            {
                return CL_INVALID_GLOBAL_OFFSET;
            }

            // A size of 0 is a launch of no work items (OpenCL 2.1 and later): nothing overflows.
            if (size != 0 && items > nuint.MaxValue / size)
            {
                return CL_INVALID_GLOBAL_WORK_SIZE;
            }

            items *= size;
            if (local != null && local[i] == 0)
            {
                return CL_INVALID_WORK_GROUP_SIZE;
            }
        }

        return 0;
    }

    private static nuint* Private(WorkerCall call, nuint* values, uint count)
    {
        if (values == null)
        {
            return null;
        }

        var copy = (nuint*)call.Allocate(count * sizeof(nuint));
        new ReadOnlySpan<nuint>(values, (int)count).CopyTo(new Span<nuint>(copy, (int)count));
        return copy;
    }
}
