// Worker-side hooks of the OpenCL spec: what the annotations cannot say. They run inside the generated dispatch
// (see [WorkerHook] in OpenCL/Spec/OpenCl.cs), around the real call, on values already checked against the record.
using Ava.Worker;

namespace Ava.OpenCL;

/// <summary>The worker's hand-written parts of the OpenCL backend.</summary>
public static unsafe partial class OpenCl
{
    /// <summary>The binary a Before_clGetProgramInfo hook redirected (output buffer, size), restored by the After hook.</summary>
    [ThreadStatic]
    private static nint t_binaryValue;

    [ThreadStatic]
    private static nuint t_binarySize;

    /// <summary>avaTransferWithGuest is ours, no function of the real library.</summary>
    static OpenCl()
    {
        __real[FunctionIds.avaTransferWithGuest] = (nint)(delegate* unmanaged<cl_command_queue, cl_mem, uint, nuint, nuint, ulong, uint, cl_event*, int>)&TransferWithGuest;
    }

    /// <summary>The call avaTransferWithGuest runs in (the real-function slot has no room for it).</summary>
    [ThreadStatic]
    private static WorkerCall? t_transferCall;

    private static void Before_avaTransferWithGuest(WorkerCall call, ref cl_command_queue command_queue, ref cl_mem buffer, ref uint write, ref nuint offset, ref nuint size, ref ulong address, ref uint num_events_in_wait_list, ref cl_event* event_wait_list) =>
        t_transferCall = call;

    /// <summary>
    /// A large buffer read or write between the buffer and the guest's own memory: the region is mapped (blocking,
    /// after the wait list, in queue order, as the transfer would run) and copied with one cross-process copy; the
    /// unmap then goes in the queue. Where the copy is refused nothing has been written, and the guest goes the
    /// ordinary way.
    /// </summary>
    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static int TransferWithGuest(cl_command_queue queue, cl_mem buffer, uint write, nuint offset, nuint size, ulong address, uint waitCount, cl_event* waitList)
    {
        var call = t_transferCall;
        if (call is null || !call.SharedMemory || size == 0)
        {
            return CrossMemoryUnavailable;
        }

        int error;
        var mapped = clEnqueueMapBuffer(queue, buffer, 1, write != 0 ? (ulong)CL_MAP_WRITE_INVALIDATE_REGION : CL_MAP_READ, offset, size, waitCount, waitList, null, &error);
        if (error != 0 || mapped == null)
        {
            return error != 0 ? error : CrossMemoryUnavailable;
        }

        var copied = call.CopyWithGuest(mapped, address, (long)size, toGuest: write == 0);
        error = clEnqueueUnmapMemObject(queue, buffer, (nint)mapped, 0, null, null);
        return !copied ? CrossMemoryUnavailable : error;
    }

    /// <summary>
    /// Whether the library must not see <paramref name="desc"/>: the OpenCL specification has num_samples 0 for every
    /// image and num_mip_levels 0 unless every device of the context has cl_khr_mipmap_image, and answers other values
    /// with CL_INVALID_IMAGE_DESCRIPTOR. PoCL ends the process instead ("is unimplemented", exit status 2), which
    /// would end the guest's worker for one fuzzed field; the worker answers as the specification says.
    /// </summary>
    private static bool ImageDescriptorRefused(cl_context context, cl_image_desc* desc) =>
        desc != null && (desc->num_samples != 0 || (desc->num_mip_levels != 0 && !AllDevicesHave(context, "cl_khr_mipmap_image"u8)));

    private static bool AllDevicesHave(cl_context context, ReadOnlySpan<byte> extension)
    {
        nuint size = 0;
        if (context.Value == 0 || clGetContextInfo(context, CL_CONTEXT_DEVICES, 0, null, &size) != 0 || size == 0 || size > 4096)
        {
            // No context the library knows: it answers with its own error and makes no image.
            return true;
        }

        var devices = new nint[(int)size / sizeof(nint)];
        fixed (nint* list = devices)
        {
            if (clGetContextInfo(context, CL_CONTEXT_DEVICES, size, list, null) != 0)
            {
                return true;
            }
        }

        foreach (var device in devices)
        {
            nuint length = 0;
            if (clGetDeviceInfo(new cl_device_id { Value = device }, CL_DEVICE_EXTENSIONS, 0, null, &length) != 0 || length == 0 || length > 1 << 16)
            {
                return false;
            }

            var text = new byte[(int)length];
            fixed (byte* names = text)
            {
                if (clGetDeviceInfo(new cl_device_id { Value = device }, CL_DEVICE_EXTENSIONS, length, names, null) != 0)
                {
                    return false;
                }
            }

            var found = false;
            foreach (var range in text.AsSpan().TrimEnd((byte)0).Split((byte)' '))
            {
                found |= text.AsSpan()[range].SequenceEqual(extension);
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private static bool GuardImage(cl_context context, cl_image_desc* desc, int* errcode_ret, out cl_mem ret)
    {
        ret = default;
        if (!ImageDescriptorRefused(context, desc))
        {
            return true;
        }

        if (errcode_ret != null)
        {
            *errcode_ret = CL_INVALID_IMAGE_DESCRIPTOR;
        }

        return false;
    }

    /// <summary>
    /// A buffer write too large for one record, streaming in through the channel. A blocking one maps the region (after
    /// the wait list, in queue order, as the write would run) and copies each chunk into it while it lies in the ring,
    /// as the guest fills the next: two copies of every byte in a pipeline, where staging the whole write first takes
    /// three, two of them while the device (PoCL: the same CPU) is still busy with earlier commands. A blocking write
    /// that asks for its event, or whose region cannot be mapped, is staged whole and made as asked, so the event and
    /// any error are the library's own. A non-blocking write must not wait for the queue (a user event the application
    /// sets next may hold it): its bytes go into memory of its own that lives until the write completes.
    /// </summary>
    private static int Chunked_clEnqueueWriteBuffer(WorkerCall call, ref cl_command_queue command_queue, ref cl_mem buffer, ref uint blocking_write, ref nuint offset, ref nuint size, ref void* ptr, ref uint num_events_in_wait_list, ref cl_event* event_wait_list, ref cl_event* @event)
    {
        if (blocking_write == 0)
        {
            ptr = PendingTransfers.Begin<TransferEvents, cl_event>(call, ptr, (long)size, ref @event, output: false, copyIn: false);
            call.VisitInput(new CopyInto((byte*)ptr));
            return clEnqueueWriteBuffer(command_queue, buffer, 0, offset, size, ptr, num_events_in_wait_list, event_wait_list, @event);
        }

        if (@event == null)
        {
            int error;
            var mapped = clEnqueueMapBuffer(command_queue, buffer, 1, CL_MAP_WRITE_INVALIDATE_REGION, offset, size, num_events_in_wait_list, event_wait_list, null, &error);
            if (error == 0 && mapped != null)
            {
                call.VisitInput(new CopyInto((byte*)mapped));
                cl_event unmapped;
                error = clEnqueueUnmapMemObject(command_queue, buffer, (nint)mapped, 0, null, &unmapped);
                if (error == 0)
                {
                    // A blocking write has completed when it returns: the unmap that carries the bytes home too.
                    error = clWaitForEvents(1, &unmapped);
                    clReleaseEvent(unmapped);
                }

                return error;
            }
        }

        return clEnqueueWriteBuffer(command_queue, buffer, 1, offset, size, call.ReadInput(), num_events_in_wait_list, event_wait_list, @event);
    }

    /// <summary>Copies each chunk of a streamed input to its place in mapped memory.</summary>
    private sealed class CopyInto(byte* destination) : Ava.Transport.IChunkVisitor
    {
        public void Visit(byte* data, int length, long offset) => Buffer.MemoryCopy(data, destination + offset, length, length);
    }

    private static void Before_clGetProgramInfo(WorkerCall call, ref cl_program program, ref uint param_name, ref nuint param_value_size, ref void* param_value, ref nuint* param_value_size_ret)
    {
        t_binaryValue = 0;
        if ((param_name & 0xFFFF0000) != ProgramBinaryOfDevice || param_value == null)
        {
            return;
        }

        // The guest asks for one device's binary into param_value: the real call gets an array of pointers with only
        // that device's entry set (NULL entries are skipped), pointing at the output buffer checked against the record.
        uint devices = 0;
        var index = param_name & 0xFFFF;
        if (clGetProgramInfo(program, CL_PROGRAM_NUM_DEVICES, sizeof(uint), &devices, null) != 0 || index >= devices)
        {
            return;
        }

        var sizes = (nuint*)call.Allocate(devices * sizeof(nuint));
        if (clGetProgramInfo(program, CL_PROGRAM_BINARY_SIZES, devices * (nuint)sizeof(nuint), sizes, null) != 0 || sizes[index] > param_value_size)
        {
            return;
        }

        var pointers = (void**)call.Allocate(devices * sizeof(nint));
        new Span<nint>(pointers, (int)devices).Clear();
        pointers[index] = param_value;
        t_binaryValue = (nint)param_value;
        t_binarySize = sizes[index];
        param_name = CL_PROGRAM_BINARIES;
        param_value = pointers;
        param_value_size = devices * (nuint)sizeof(nint);
    }

    private static void After_clGetProgramInfo(WorkerCall call, ref int __ret, ref cl_program program, ref uint param_name, ref nuint param_value_size, ref void* param_value, ref nuint* param_value_size_ret)
    {
        if (t_binaryValue != 0)
        {
            param_value = (void*)t_binaryValue;
            param_value_size = t_binarySize;
            *param_value_size_ret = t_binarySize;
            t_binaryValue = 0;
        }
    }

    // ---- Non-blocking transfers ([PendingTransfer], Ava.Worker.PendingTransfers) ---------------------------------

    /// <summary>OpenCL events as the completion events of pending transfers.</summary>
    private readonly struct TransferEvents : IPendingEvents
    {
        /// <summary>Not while a user event is unset: the oldest transfer may wait for it, and the guest's next call sets it.</summary>
        public static bool MayWait => s_unsetUserEvents.IsEmpty;

        public static void Wait(nint handle)
        {
            var @event = new cl_event { Value = handle };
            clWaitForEvents(1, &@event);
        }

        public static bool Ended(nint handle, out bool failed)
        {
            var status = 0;
            var known = clGetEventInfo(new cl_event { Value = handle }, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof(int), &status, null) == 0;
            failed = status < 0;
            return known && status <= 0;
        }

        public static void Retain(nint handle) => clRetainEvent(new cl_event { Value = handle });

        public static void Release(nint handle) => clReleaseEvent(new cl_event { Value = handle });

        public static bool FreeWhenEnded(nint handle, void* memory) =>
            clSetEventCallback(new cl_event { Value = handle }, CL_COMPLETE, &FreeTransferBuffer, memory) == 0;
    }

    /// <summary>Bytes of one pixel of a real image (0 when it is none): sizes an image transfer's host memory (<see cref="ImageHostSpan"/>).</summary>
    private static nuint ImageElementBytes(cl_mem image)
    {
        nuint size = 0;
        return clGetImageInfo(image, CL_IMAGE_ELEMENT_SIZE, (nuint)sizeof(nuint), &size, null) == 0 ? size : 0;
    }

    /// <summary>
    /// User events (real handles) created and not yet set, in this worker: while there is one, no command may be waited
    /// for. Each holds a reference of the worker's own until it is set, so that it can still be set when the guest goes.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<nint, byte> s_unsetUserEvents = new();

    /// <summary>The execution status a departed guest's unset user events get: an error, so commands waiting on them end.</summary>
    private const int GuestGone = -1;

    /// <summary>
    /// The worker's reference outlives the guest's (one it released unset lives on until the guest goes), so it counts
    /// as one of the tenant's objects: under a bound of objects a guest cannot pile up released, unset events.
    /// </summary>
    private static ResourceAccount? s_userEventObjects;

    private static void After_clCreateUserEvent(WorkerCall call, ref cl_event __ret, ref cl_context context, ref int* errcode_ret)
    {
        if (__ret.Value == 0)
        {
            return;
        }

        var objects = s_userEventObjects = call.Resource(ResourceAccounts.Objects);
        if (!objects.TryReserve(1))
        {
            // Beyond the bound the event is the guest's alone, as natively; only the guest can end what waits on it.
            return;
        }

        if (clRetainEvent(__ret) != 0)
        {
            objects.Return(1);
            return;
        }

        s_unsetUserEvents.TryAdd(__ret.Value, 0);
        call.Tenant.OnDeparture(FailUnsetUserEvents);
    }

    private static void After_clSetUserEventStatus(WorkerCall call, ref int __ret, ref cl_event @event, ref int execution_status)
    {
        if (__ret == 0 && s_unsetUserEvents.TryRemove(@event.Value, out _))
        {
            clReleaseEvent(@event);
            s_userEventObjects?.Return(1);
        }
    }

    /// <summary>
    /// The guest has gone: only it could set its user events, so every one still unset gets an error status. A shadow
    /// thread blocked behind one (a blocking transfer or clFinish on a command that waits for it) then comes back, and
    /// the worker exits instead of waiting for an event nobody will set.
    /// </summary>
    private static void FailUnsetUserEvents()
    {
        foreach (var real in s_unsetUserEvents.Keys)
        {
            if (s_unsetUserEvents.TryRemove(real, out _))
            {
                var @event = new cl_event { Value = real };
                clSetUserEventStatus(@event, GuestGone);
                clReleaseEvent(@event);
                s_userEventObjects?.Return(1);
            }
        }
    }

    /// <summary>Frees a transfer's memory once its command completed (the channel that made it had closed by then).</summary>
    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static void FreeTransferBuffer(cl_event @event, int status, void* buffer) => System.Runtime.InteropServices.NativeMemory.Free(buffer);
}
