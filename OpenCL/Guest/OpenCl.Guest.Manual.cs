// The guest's hand-written OpenCL exports ([Manual(Side.Guest)] in OpenCL/Spec/OpenCl.cs). They build on the
// generated remote calls (Call_*) where the C function's memory semantics cannot travel as they are:
// - maps: the worker's mapped memory is in another process, so a map reads the region into memory of ours (the
//   application's own memory for CL_MEM_USE_HOST_PTR) and the unmap writes it back;
// - CL_MEM_USE_HOST_PTR becomes CL_MEM_COPY_HOST_PTR on the worker; the flags and host pointer the application
//   gave are what it reads back, and maps return its own memory;
// - images created with host data get it written after creation (the image's size needs its format);
// - image and rectangle transfers get explicit pitches, so each transfer's size is known before it travels;
// The exports are generated ([Manual(Side.Guest, Forward = ...)]) and only forward to the NoInlining methods here: the
// first export called starts the runtime (see GuestEmitter).
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ava.OpenCL;

/// <summary>The guest's hand-written parts of the OpenCL drop-in.</summary>
public static unsafe partial class OpenCl
{
    private static readonly object s_gate = new();

    /// <summary>Memory objects whose flags we changed on the way to the worker: what the application asked for.</summary>
    private static readonly Dictionary<nint, (ulong Flags, nint HostPtr)> s_hostMemory = [];

    /// <summary>Events of maps and unmaps, and events stood in for after a move: the command type they report.</summary>
    private static readonly Dictionary<nint, uint> s_eventTypes = [];

    /// <summary>
    /// Events stood in for after a move (a user event in the new worker, see OpenCl.Guest.Migration.cs): the profiling
    /// times the old worker's event had (queued, submit, start, end, complete), which they report as natively.
    /// </summary>
    private static readonly Dictionary<nint, ulong[]> s_eventTimes = [];

    /// <summary>Live maps: the pointer the application got and how to write it back.</summary>
    private static readonly List<Mapping> s_mappings = [];

    // ---- Buffers and images with host memory -----------------------------------------------------------------

    /// <summary>clCreateBuffer and clCreateBufferWithProperties: CL_MEM_USE_HOST_PTR travels as CL_MEM_COPY_HOST_PTR.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static cl_mem CreateBuffer(cl_context context, ulong* properties, ulong flags, nuint size, void* host_ptr, int* errcode_ret, bool withProperties)
    {
        // Only a valid combination is changed: the real library must see (and refuse) USE with ALLOC or COPY.
        var sent = (flags & CL_MEM_USE_HOST_PTR) != 0 && (flags & (CL_MEM_ALLOC_HOST_PTR | CL_MEM_COPY_HOST_PTR)) == 0 && host_ptr != null
            ? (flags & ~(ulong)CL_MEM_USE_HOST_PTR) | CL_MEM_COPY_HOST_PTR
            : flags;

        var mem = withProperties
            ? Call_clCreateBufferWithProperties(context, properties, sent, size, host_ptr, errcode_ret)
            : Call_clCreateBuffer(context, sent, size, host_ptr, errcode_ret);
        RememberHostMemory(mem, flags, sent, host_ptr);
        return mem;
    }

    /// <summary>clCreateImage2D and clCreateImage3D: as clCreateImage with a 2D or 3D descriptor.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static cl_mem CreateImageLegacy(cl_context context, ulong flags, cl_image_format* format, uint type, nuint width, nuint height, nuint depth, nuint rowPitch, nuint slicePitch, void* hostPtr, int* errcode)
    {
        var hostFlags = flags & (CL_MEM_USE_HOST_PTR | CL_MEM_COPY_HOST_PTR);
        if ((hostPtr == null) != (hostFlags == 0))
        {
            return Fail<cl_mem>(errcode, CL_INVALID_HOST_PTR);
        }

        if (hostPtr == null)
        {
            return type == CL_MEM_OBJECT_IMAGE2D
                ? Call_clCreateImage2D(context, flags, format, width, height, rowPitch, null, errcode)
                : Call_clCreateImage3D(context, flags, format, width, height, depth, rowPitch, slicePitch, null, errcode);
        }

        var desc = new cl_image_desc { image_type = type, image_width = width, image_height = height, image_depth = depth, image_row_pitch = rowPitch, image_slice_pitch = slicePitch };
        return CreateImage(context, null, flags, format, &desc, hostPtr, errcode, withProperties: false);
    }

    /// <summary>clCreateImage and clCreateImageWithProperties: the image is made without host memory, then host data (if any) is written.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static cl_mem CreateImage(cl_context context, ulong* properties, ulong flags, cl_image_format* format, cl_image_desc* desc, void* hostPtr, int* errcode, bool withProperties)
    {
        var hostFlags = flags & (CL_MEM_USE_HOST_PTR | CL_MEM_COPY_HOST_PTR);
        if (hostPtr != null && hostFlags == 0)
        {
            return Fail<cl_mem>(errcode, CL_INVALID_HOST_PTR);
        }

        if (hostPtr == null || desc == null || format == null)
        {
            // The real library reports what is wrong (a host-memory flag without memory, no descriptor, ...).
            return withProperties
                ? Call_clCreateImageWithProperties(context, properties, flags, format, desc, null, errcode)
                : Call_clCreateImage(context, flags, format, desc, null, errcode);
        }

        // The descriptor's pitches describe the host memory, not the image: they go with the write below.
        var bare = *desc;
        bare.image_row_pitch = 0;
        bare.image_slice_pitch = 0;
        var sent = flags & ~(ulong)(CL_MEM_USE_HOST_PTR | CL_MEM_COPY_HOST_PTR);
        int error;
        var image = withProperties
            ? Call_clCreateImageWithProperties(context, properties, sent, format, &bare, null, &error)
            : Call_clCreateImage(context, sent, format, &bare, null, &error);
        if (error == CL_SUCCESS)
        {
            error = UploadImage(context, image, sent, format, &bare, desc, hostPtr);
            if (error != CL_SUCCESS)
            {
                Call_clReleaseMemObject(image);
                image = default;
            }
        }

        if (errcode != null)
        {
            *errcode = error;
        }

        RememberHostMemory(image, flags, sent, hostPtr);
        return image;
    }

    /// <summary>
    /// Writes an image's initial contents through a short-lived queue on the context's first device. The host may not
    /// write an image it may only read (or not touch) later: such an image gets its contents by a device-side copy from
    /// a staging image the host writes, as the library itself fills it from the host pointer natively.
    /// </summary>
    private static int UploadImage(cl_context context, cl_mem image, ulong flags, cl_image_format* format, cl_image_desc* bare, cl_image_desc* desc, void* hostPtr)
    {
        cl_device_id device;
        var error = Call_clGetContextInfo(context, CL_CONTEXT_DEVICES, (nuint)sizeof(cl_device_id), &device, null);
        if (error != CL_SUCCESS)
        {
            return error;
        }

        var queue = Call_clCreateCommandQueue(context, device, 0, &error);
        if (error != CL_SUCCESS)
        {
            return error;
        }

        var region = stackalloc nuint[3] { desc->image_width, 1, 1 };
        switch (desc->image_type)
        {
            case CL_MEM_OBJECT_IMAGE1D_ARRAY:
                region[1] = desc->image_array_size;
                break;
            case CL_MEM_OBJECT_IMAGE2D:
                region[1] = desc->image_height;
                break;
            case CL_MEM_OBJECT_IMAGE2D_ARRAY:
                region[1] = desc->image_height;
                region[2] = desc->image_array_size;
                break;
            case CL_MEM_OBJECT_IMAGE3D:
                region[1] = desc->image_height;
                region[2] = desc->image_depth;
                break;
        }

        var origin = stackalloc nuint[3] { 0, 0, 0 };
        var target = image;
        if ((flags & (CL_MEM_HOST_READ_ONLY | CL_MEM_HOST_NO_ACCESS)) != 0)
        {
            target = Call_clCreateImage(context, CL_MEM_READ_WRITE, format, bare, null, &error);
        }

        if (error == CL_SUCCESS)
        {
            error = TransferImage(queue, target, true, origin, region, desc->image_row_pitch, desc->image_slice_pitch, hostPtr, 0, null, null, write: true);
        }

        if (target.Value != image.Value && target.Value != 0)
        {
            if (error == CL_SUCCESS)
            {
                error = Call_clEnqueueCopyImage(queue, target, image, origin, origin, region, 0, null, null);
                error = error == CL_SUCCESS ? Call_clFinish(queue) : error;
            }

            Call_clReleaseMemObject(target);
        }

        Call_clReleaseCommandQueue(queue);
        return error;
    }

    /// <summary>
    /// The flags and host pointer the application sees for a buffer made with CL_MEM_USE_HOST_PTR, or a sub-buffer
    /// of one (which inherits the flag, its host pointer being the parent's plus its origin). Under s_gate.
    /// </summary>
    private static bool HostMemoryOf(cl_mem mem, out (ulong Flags, nint HostPtr) host)
    {
        if (s_hostMemory.TryGetValue(mem.Value, out host))
        {
            return true;
        }

        if (Find<KnownMemory>(mem.Value, out var sub) && sub.Kind == Kind.SubBuffer
            && s_hostMemory.TryGetValue(Connection.HandleFromWire(sub.Root, 0), out var parent) && (parent.Flags & CL_MEM_USE_HOST_PTR) != 0)
        {
            ulong flags = 0;
            if (Call_clGetMemObjectInfo(mem, CL_MEM_FLAGS, sizeof(ulong), &flags, null) == CL_SUCCESS)
            {
                host = ((flags & ~(ulong)CL_MEM_COPY_HOST_PTR) | CL_MEM_USE_HOST_PTR, parent.HostPtr + (nint)sub.Origin);
                return true;
            }
        }

        return false;
    }

    private static void RememberHostMemory(cl_mem mem, ulong flags, ulong sent, void* hostPtr)
    {
        if (mem.Value != 0 && flags != sent)
        {
            lock (s_gate)
            {
                s_hostMemory[mem.Value] = (flags, (flags & CL_MEM_USE_HOST_PTR) != 0 ? (nint)hostPtr : 0);
            }
        }
    }

    /// <summary>clGetMemObjectInfo: flags and host pointer as the application gave them; maps as it made them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int GetMemObjectInfo(cl_mem memobj, uint name, nuint size, void* value, nuint* sizeRet)
    {
        var error = Call_clGetMemObjectInfo(memobj, name, size, value, sizeRet);
        if (error != CL_SUCCESS || value == null)
        {
            return error;
        }

        lock (s_gate)
        {
            var known = HostMemoryOf(memobj, out var host);
            if (name == CL_MEM_FLAGS && known && size >= sizeof(ulong))
            {
                *(ulong*)value = host.Flags;
            }
            else if (name == CL_MEM_HOST_PTR && known && size >= (nuint)sizeof(nint))
            {
                *(nint*)value = host.HostPtr;
            }
            else if (name == CL_MEM_MAP_COUNT && size >= sizeof(uint))
            {
                *(uint*)value = (uint)s_mappings.Count(m => m.Memory == memobj.Value);
            }
        }

        return error;
    }

    // ---- Large buffer transfers ------------------------------------------------------------------------------------

    /// <summary>From this size on a proven-valid buffer read or write goes straight between processes (one copy).</summary>
    private const nuint CrossMemoryThreshold = 256 * 1024;

    /// <summary>Cleared once the worker answers that it cannot copy across processes here (another host, a refusing kernel).</summary>
    private static volatile bool s_crossMemory = Environment.GetEnvironmentVariable("AVA_CROSS_MEMORY") != "0";

    /// <summary>clEnqueueReadBuffer: large proven-valid reads without an event copy straight into our memory.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ReadBuffer(cl_command_queue queue, cl_mem buffer, uint blocking, nuint offset, nuint size, void* ptr, uint waitCount, cl_event* waitList, cl_event* @event) =>
        TransferWithGuest(queue, buffer, write: false, blocking, offset, size, ptr, waitCount, waitList, @event)
        ?? Call_clEnqueueReadBuffer(queue, buffer, blocking, offset, size, ptr, waitCount, waitList, @event);

    /// <summary>clEnqueueWriteBuffer: large proven-valid writes without an event copy straight from our memory.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int WriteBuffer(cl_command_queue queue, cl_mem buffer, uint blocking, nuint offset, nuint size, void* ptr, uint waitCount, cl_event* waitList, cl_event* @event) =>
        TransferWithGuest(queue, buffer, write: true, blocking, offset, size, ptr, waitCount, waitList, @event)
        ?? Call_clEnqueueWriteBuffer(queue, buffer, blocking, offset, size, ptr, waitCount, waitList, @event);

    /// <summary>
    /// The worker maps the buffer and copies between it and our memory itself: no staging through the rings. Only for
    /// transfers the guest proved valid (so the status is the one the transfer itself would give) that ask for no
    /// event (the event of a map would report another command type). Done synchronously: a non-blocking transfer
    /// may complete early. Null: take the ordinary path.
    /// </summary>
    private static int? TransferWithGuest(cl_command_queue queue, cl_mem buffer, bool write, uint blocking, nuint offset, nuint size, void* ptr, uint waitCount, cl_event* waitList, cl_event* @event)
    {
        // Measured on PoCL (bench/workloads): a non-blocking write or any read of this size is faster copied here (a
        // write through the rings is staged whole in the worker first; a read costs three copies); a blocking write
        // is not (the rings overlap its copies as it streams; pathfinder's 8 MiB band writes).
        // A non-blocking transfer done this way waits for the queue: never while a user event could hold the queue up
        // until the application's next call.
        // Under journaling (AVA_RECOVER=1) a recovery replays every request: this one would copy to or from the guest's
        // memory as it is then (a read into memory since freed, a write of bytes since changed), so the bytes travel.
        if ((write && blocking != 0) || size < CrossMemoryThreshold || @event != null || !s_crossMemory || Connection.Synchronous
            || (blocking == 0 && !NoUnsetUserEvents) || Connection.Log.Journaling)
        {
            return null;
        }

        var valid = write
            ? Check_clEnqueueWriteBuffer(queue, buffer, 0, offset, size, ptr, waitCount, waitList, null)
            : Check_clEnqueueReadBuffer(queue, buffer, 0, offset, size, ptr, waitCount, waitList, null);
        if (!valid)
        {
            return null;
        }

        var status = Call_avaTransferWithGuest(queue, buffer, write ? 1u : 0u, offset, size, (ulong)ptr, waitCount, waitList);
        if (status == CrossMemoryUnavailable)
        {
            s_crossMemory = false;
            Ava.Guest.GuestLog.Write("buffer transfers go through the rings: the worker cannot copy across processes here");
            return null;
        }

        return status;
    }

    /// <summary>Only the worker carries this out (see the spec); the guest never exports it.</summary>
    public static partial int avaTransferWithGuest(cl_command_queue command_queue, cl_mem buffer, uint write, nuint offset, nuint size, ulong address, uint num_events_in_wait_list, cl_event* event_wait_list) =>
        CrossMemoryUnavailable;

    // ---- Maps ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// clEnqueueMapBuffer: reads the region into memory of ours. A non-blocking map reads without blocking (its bytes
    /// arrive before the application can see the map complete), so a map queued behind a user event does not wait.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void* MapBuffer(cl_command_queue queue, cl_mem buffer, uint blocking, ulong flags, nuint offset, nuint size, uint waitCount, cl_event* waitList, cl_event* @event, int* errcode)
    {
        nint hostPtr;
        lock (s_gate)
        {
            hostPtr = HostMemoryOf(buffer, out var host) ? host.HostPtr : 0;
        }

        if (size == 0)
        {
            return FailNull(errcode, CL_INVALID_VALUE);
        }

        var invalid = MapInvalid(buffer, flags, offset, size);
        if (invalid != CL_SUCCESS)
        {
            return FailNull(errcode, invalid);
        }

        var owned = hostPtr == 0;
        var target = owned ? (byte*)NativeMemory.AlignedAlloc(Math.Max(size, 1), 128) : (byte*)hostPtr + offset;
        var error = (flags & CL_MAP_WRITE_INVALIDATE_REGION) != 0
            ? Call_clEnqueueMarkerWithWaitList(queue, waitCount, waitList, @event)
            : Call_clEnqueueReadBuffer(queue, buffer, blocking, offset, size, target, waitCount, waitList, @event);
        if (error != CL_SUCCESS)
        {
            if (owned)
            {
                NativeMemory.AlignedFree(target);
            }

            return FailNull(errcode, error);
        }

        lock (s_gate)
        {
            s_mappings.Add(new Mapping((nint)target, buffer.Value, flags, owned, offset, size, IsImage: false, default, default, 0, 0));
        }

        NoteCommandType(@event, CL_COMMAND_MAP_BUFFER);

        if (errcode != null)
        {
            *errcode = CL_SUCCESS;
        }

        return target;
    }

    /// <summary>clEnqueueMapImage: as clEnqueueMapBuffer, with the image's own pitches.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void* MapImage(cl_command_queue queue, cl_mem image, uint blocking, ulong flags, nuint* origin, nuint* region, nuint* rowPitchOut, nuint* slicePitchOut, uint waitCount, cl_event* waitList, cl_event* @event, int* errcode)
    {
        if (origin == null || region == null || rowPitchOut == null)
        {
            return FailNull(errcode, CL_INVALID_VALUE);
        }

        var invalid = MapInvalid(image, flags, 0, 0);
        if (invalid != CL_SUCCESS)
        {
            return FailNull(errcode, invalid);
        }

        nuint elementSize = 0, rowPitch = 0, slicePitch = 0;
        var error = Call_clGetImageInfo(image, CL_IMAGE_ELEMENT_SIZE, (nuint)sizeof(nuint), &elementSize, null);
        if (error == CL_SUCCESS)
        {
            Call_clGetImageInfo(image, CL_IMAGE_ROW_PITCH, (nuint)sizeof(nuint), &rowPitch, null);
            Call_clGetImageInfo(image, CL_IMAGE_SLICE_PITCH, (nuint)sizeof(nuint), &slicePitch, null);
        }

        if (error != CL_SUCCESS)
        {
            return FailNull(errcode, error);
        }

        rowPitch = Math.Max(rowPitch, region[0] * elementSize);
        slicePitch = Math.Max(slicePitch, rowPitch * region[1]);
        var bytes = ((region[2] - 1) * slicePitch) + ((region[1] - 1) * rowPitch) + rowPitch;
        var target = (byte*)NativeMemory.AlignedAlloc(Math.Max(bytes, 1), 128);
        error = (flags & CL_MAP_WRITE_INVALIDATE_REGION) != 0
            ? Call_clEnqueueMarkerWithWaitList(queue, waitCount, waitList, @event)
            : TransferImage(queue, image, blocking != 0, origin, region, rowPitch, slicePitch, target, waitCount, waitList, @event, write: false);
        if (error != CL_SUCCESS)
        {
            NativeMemory.AlignedFree(target);
            return FailNull(errcode, error);
        }

        NoteCommandType(@event, CL_COMMAND_MAP_IMAGE);
        uint type = 0;
        Call_clGetMemObjectInfo(image, CL_MEM_TYPE, sizeof(uint), &type, null);
        *rowPitchOut = rowPitch;
        if (slicePitchOut != null)
        {
            // As natively: 1D and 2D images have no slices.
            *slicePitchOut = type is CL_MEM_OBJECT_IMAGE3D or CL_MEM_OBJECT_IMAGE2D_ARRAY or CL_MEM_OBJECT_IMAGE1D_ARRAY ? slicePitch : 0;
        }

        lock (s_gate)
        {
            s_mappings.Add(new Mapping((nint)target, image.Value, flags, true, 0, bytes, IsImage: true,
                new Region3(origin[0], origin[1], origin[2]), new Region3(region[0], region[1], region[2]), rowPitch, slicePitch));
        }

        if (errcode != null)
        {
            *errcode = CL_SUCCESS;
        }

        return target;
    }

    /// <summary>
    /// What a real map checks before it touches memory, which our reads and markers do not: the object's
    /// host-access flags, and (for write-invalidate maps, which read nothing) the region's bounds.
    /// <paramref name="size"/> 0 skips the bounds (images are bounded by their own transfer).
    /// </summary>
    private static int MapInvalid(cl_mem memobj, ulong flags, nuint offset, nuint size)
    {
        // Unknown or contradictory map flags are the library's business (PoCL accepts them): not checked here.
        ulong memFlags = 0;
        nuint memSize = 0;
        if (Find<KnownMemory>(memobj.Value, out var known) && known.Kind is Kind.Buffer or Kind.SubBuffer)
        {
            memFlags = known.HostFlags;
            memSize = known.Size;
        }
        else
        {
            var error = Call_clGetMemObjectInfo(memobj, CL_MEM_FLAGS, sizeof(ulong), &memFlags, null);
            if (error == CL_SUCCESS && size != 0)
            {
                error = Call_clGetMemObjectInfo(memobj, CL_MEM_SIZE, (nuint)sizeof(nuint), &memSize, null);
            }

            if (error != CL_SUCCESS)
            {
                return error;
            }
        }

        if (((flags & CL_MAP_READ) != 0 && (memFlags & HostMayNotRead) != 0)
            || ((flags & (CL_MAP_WRITE | CL_MAP_WRITE_INVALIDATE_REGION)) != 0 && (memFlags & HostMayNotWrite) != 0))
        {
            return CL_INVALID_OPERATION;
        }

        return size != 0 && (offset > memSize || size > memSize - offset) ? CL_INVALID_VALUE : CL_SUCCESS;
    }

    /// <summary>clEnqueueUnmapMemObject: writes a map for writing back, then forgets it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Unmap(cl_command_queue queue, cl_mem memobj, nint pointer, uint waitCount, cl_event* waitList, cl_event* @event)
    {
        Mapping? found = null;
        lock (s_gate)
        {
            var index = s_mappings.FindIndex(m => m.Pointer == pointer && m.Memory == memobj.Value);
            if (index >= 0)
            {
                found = s_mappings[index];
                s_mappings.RemoveAt(index);
            }
        }

        if (found is not { } map)
        {
            // Not a map of ours: the real library answers as it would natively.
            return Call_clEnqueueUnmapMemObject(queue, memobj, pointer, waitCount, waitList, @event);
        }

        int error;
        if ((map.Flags & (CL_MAP_WRITE | CL_MAP_WRITE_INVALIDATE_REGION)) == 0)
        {
            error = Call_clEnqueueMarkerWithWaitList(queue, waitCount, waitList, @event);
        }
        else if (map.IsImage)
        {
            var origin = stackalloc nuint[3] { map.Origin.X, map.Origin.Y, map.Origin.Z };
            var region = stackalloc nuint[3] { map.Region.X, map.Region.Y, map.Region.Z };
            error = TransferImage(queue, memobj, true, origin, region, map.RowPitch, map.SlicePitch, (void*)pointer, waitCount, waitList, @event, write: true);
        }
        else
        {
            error = Call_clEnqueueWriteBuffer(queue, memobj, 1, map.Offset, map.Size, (void*)pointer, waitCount, waitList, @event);
        }

        if (error != CL_SUCCESS)
        {
            lock (s_gate)
            {
                s_mappings.Add(map);
            }

            return error;
        }

        if (map.Owned)
        {
            NativeMemory.AlignedFree((void*)pointer);
        }

        NoteCommandType(@event, CL_COMMAND_UNMAP_MEM_OBJECT);
        return CL_SUCCESS;
    }

    /// <summary>The command type an event of a map or unmap reports (ours are made by other commands).</summary>
    private static void NoteCommandType(cl_event* @event, uint type)
    {
        if (@event != null && @event->Value != 0)
        {
            lock (s_gate)
            {
                s_eventTypes[@event->Value] = type;
            }
        }
    }

    /// <summary>clGetEventInfo: a map's or unmap's event reports its command type as natively.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int GetEventInfo(cl_event @event, uint name, nuint size, void* value, nuint* sizeRet)
    {
        var error = Call_clGetEventInfo(@event, name, size, value, sizeRet);
        if (error == CL_SUCCESS && name == CL_EVENT_COMMAND_TYPE && value != null && size >= sizeof(uint))
        {
            lock (s_gate)
            {
                if (s_eventTypes.TryGetValue(@event.Value, out var type))
                {
                    *(uint*)value = type;
                }
            }
        }

        return error;
    }

    /// <summary>clGetEventProfilingInfo: an event stood in for after a move reports the times the one it replaces had.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int GetEventProfilingInfo(cl_event @event, uint name, nuint size, void* value, nuint* sizeRet)
    {
        // The library first: the call is where a move happens, so what is kept is looked at only after it.
        var error = Call_clGetEventProfilingInfo(@event, name, size, value, sizeRet);
        if (error != CL_PROFILING_INFO_NOT_AVAILABLE || name < CL_PROFILING_COMMAND_QUEUED || name > CL_PROFILING_COMMAND_COMPLETE)
        {
            return error;
        }

        ulong[]? times;
        lock (s_gate)
        {
            times = s_eventTimes.GetValueOrDefault(@event.Value);
        }

        if (times is null)
        {
            return error;
        }

        if (value != null && size < sizeof(ulong))
        {
            return CL_INVALID_VALUE;
        }

        if (value != null)
        {
            *(ulong*)value = times[name - CL_PROFILING_COMMAND_QUEUED];
        }

        if (sizeRet != null)
        {
            *sizeRet = sizeof(ulong);
        }

        return CL_SUCCESS;
    }

    /// <summary>clReleaseMemObject: the last release forgets what we kept about the object.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ReleaseMemObject(cl_mem memobj)
    {
        bool tracked;
        lock (s_gate)
        {
            tracked = s_hostMemory.ContainsKey(memobj.Value);
        }

        uint references = 0;
        var last = tracked && Call_clGetMemObjectInfo(memobj, CL_MEM_REFERENCE_COUNT, sizeof(uint), &references, null) == CL_SUCCESS && references == 1;
        var error = Call_clReleaseMemObject(memobj);
        if (error == CL_SUCCESS && last)
        {
            lock (s_gate)
            {
                s_hostMemory.Remove(memobj.Value);
            }
        }

        return error;
    }

    /// <summary>clReleaseEvent: the last release forgets the command type and the times kept for the event.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ReleaseEvent(cl_event @event)
    {
        bool tracked;
        lock (s_gate)
        {
            tracked = s_eventTypes.ContainsKey(@event.Value) || s_eventTimes.ContainsKey(@event.Value);
        }

        uint references = 0;
        var last = tracked && Call_clGetEventInfo(@event, CL_EVENT_REFERENCE_COUNT, sizeof(uint), &references, null) == CL_SUCCESS && references == 1;
        var error = Call_clReleaseEvent(@event);
        if (error == CL_SUCCESS && last)
        {
            lock (s_gate)
            {
                s_eventTypes.Remove(@event.Value);
                s_eventTimes.Remove(@event.Value);
            }
        }

        return error;
    }

    // ---- Image and rectangle transfers ---------------------------------------------------------------------------

    /// <summary>clEnqueueReadImage and clEnqueueWriteImage with explicit pitches.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int TransferImage(cl_command_queue queue, cl_mem image, bool blocking, nuint* origin, nuint* region, nuint rowPitch, nuint slicePitch, void* ptr, uint waitCount, cl_event* waitList, cl_event* @event, bool write)
    {
        nuint elementSize = 0;
        uint type = 0;
        // The pixel size and type of an image created here are known; others are asked for.
        if (region != null && ptr != null
            && (KnownImage(image, out elementSize, out type)
                || (Call_clGetImageInfo(image, CL_IMAGE_ELEMENT_SIZE, (nuint)sizeof(nuint), &elementSize, null) == CL_SUCCESS
                    && Call_clGetMemObjectInfo(image, CL_MEM_TYPE, sizeof(uint), &type, null) == CL_SUCCESS))
            && region[0] != 0 && region[1] != 0 && region[2] != 0)
        {
            // Spell out the pitches the C API lets default to 0, so the size of ptr follows from the arguments.
            rowPitch = rowPitch != 0 ? rowPitch : region[0] * elementSize;
            if (type == CL_MEM_OBJECT_IMAGE1D_ARRAY)
            {
                // A 1D array's images are its rows here: one pitch for both.
                rowPitch = slicePitch != 0 ? slicePitch : rowPitch;
            }
            else if (type is CL_MEM_OBJECT_IMAGE3D or CL_MEM_OBJECT_IMAGE2D_ARRAY)
            {
                slicePitch = slicePitch != 0 ? slicePitch : rowPitch * region[1];
            }
        }
        else if (ptr != null)
        {
            // Let the real library report the bad argument, with nothing to transfer.
            return write
                ? Call_clEnqueueWriteImage(queue, image, 1, origin, region, rowPitch, slicePitch, null, waitCount, waitList, @event)
                : Call_clEnqueueReadImage(queue, image, 1, origin, region, rowPitch, slicePitch, null, waitCount, waitList, @event);
        }

        var blockingFlag = blocking ? 1u : 0u;
        slicePitch = type == CL_MEM_OBJECT_IMAGE1D_ARRAY ? 0 : slicePitch;

        // Only the bytes the library touches travel, from the lowest of them (a negative pitch puts rows before ptr).
        var host = ptr == null ? null : (byte*)ptr + ImageHostSpan(image, region, rowPitch, slicePitch).Offset;
        return write
            ? Call_clEnqueueWriteImage(queue, image, blockingFlag, origin, region, rowPitch, slicePitch, host, waitCount, waitList, @event)
            : Call_clEnqueueReadImage(queue, image, blockingFlag, origin, region, rowPitch, slicePitch, host, waitCount, waitList, @event);
    }

    /// <summary>Bytes of one pixel of <paramref name="image"/> (0 when it is none), for <see cref="ImageHostSpan"/>: known for images created here, asked otherwise.</summary>
    private static nuint ImageElementBytes(cl_mem image)
    {
        nuint size = 0;
        return KnownImage(image, out size, out _) || Call_clGetImageInfo(image, CL_IMAGE_ELEMENT_SIZE, (nuint)sizeof(nuint), &size, null) == CL_SUCCESS ? size : 0;
    }

    /// <summary>clEnqueueReadBufferRect and clEnqueueWriteBufferRect: only the host bytes it touches travel.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int TransferRect(cl_command_queue queue, cl_mem buffer, uint blocking, nuint* bufferOrigin, nuint* hostOrigin, nuint* region, nuint bufferRowPitch, nuint bufferSlicePitch, nuint hostRowPitch, nuint hostSlicePitch, void* ptr, uint waitCount, cl_event* waitList, cl_event* @event, bool write)
    {
        if (region == null || hostOrigin == null || region[0] == 0 || region[1] == 0 || region[2] == 0)
        {
            // The real library reports the bad region, with nothing to transfer.
            ptr = null;
        }

        // Only the bytes the library touches travel, from the lowest of them (a negative pitch puts rows before ptr).
        // The pitches go as given: the library may refuse an explicit host slice pitch that it accepts when it derives
        // the same value itself (PoCL does for a negative row pitch), so they are not spelled out here.
        var host = ptr == null ? null : (byte*)ptr + RectHostSpan(hostOrigin, region, hostRowPitch, hostSlicePitch).Offset;
        return write
            ? Call_clEnqueueWriteBufferRect(queue, buffer, ptr == null ? 1 : blocking, bufferOrigin, hostOrigin, region, bufferRowPitch, bufferSlicePitch, hostRowPitch, hostSlicePitch, host, waitCount, waitList, @event)
            : Call_clEnqueueReadBufferRect(queue, buffer, ptr == null ? 1 : blocking, bufferOrigin, hostOrigin, region, bufferRowPitch, bufferSlicePitch, hostRowPitch, hostSlicePitch, host, waitCount, waitList, @event);
    }

    // ---- Programs -------------------------------------------------------------------------------------------------

    /// <summary>clGetProgramInfo: CL_PROGRAM_BINARIES fills the application's buffers one device at a time.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int GetProgramInfo(cl_program program, uint name, nuint size, void* value, nuint* sizeRet)
    {
        if (name != CL_PROGRAM_BINARIES || value == null)
        {
            return Call_clGetProgramInfo(program, name, size, value, sizeRet);
        }

        uint devices = 0;
        var error = Call_clGetProgramInfo(program, CL_PROGRAM_NUM_DEVICES, sizeof(uint), &devices, null);
        if (error != CL_SUCCESS)
        {
            return error;
        }

        if (size < devices * (nuint)sizeof(nint))
        {
            return CL_INVALID_VALUE;
        }

        var sizes = new nuint[devices];
        fixed (nuint* sizesPtr = sizes)
        {
            error = Call_clGetProgramInfo(program, CL_PROGRAM_BINARY_SIZES, devices * (nuint)sizeof(nuint), sizesPtr, null);
        }

        var targets = (byte**)value;
        for (uint i = 0; error == CL_SUCCESS && i < devices; i++)
        {
            if (targets[i] != null && sizes[i] != 0)
            {
                // The worker's hook reads this private parameter as "binary of device i into param_value".
                error = Call_clGetProgramInfo(program, ProgramBinaryOfDevice | i, sizes[i], targets[i], null);
            }
        }

        if (error == CL_SUCCESS && sizeRet != null)
        {
            *sizeRet = devices * (nuint)sizeof(nint);
        }

        return error;
    }

    private static T Fail<T>(int* errcode, int error)
        where T : unmanaged
    {
        if (errcode != null)
        {
            *errcode = error;
        }

        return default;
    }

    private static void* FailNull(int* errcode, int error)
    {
        if (errcode != null)
        {
            *errcode = error;
        }

        return null;
    }

    private readonly record struct Region3(nuint X, nuint Y, nuint Z);

    private readonly record struct Mapping(nint Pointer, nint Memory, ulong Flags, bool Owned, nuint Offset, nuint Size, bool IsImage, Region3 Origin, Region3 Region, nuint RowPitch, nuint SlicePitch);
}
