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

    private const ulong MapRead = 1 << 0;
    private const ulong MapWriteInvalidateRegion = 1 << 2;

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
        var mapped = clEnqueueMapBuffer(queue, buffer, 1, write != 0 ? MapWriteInvalidateRegion : MapRead, offset, size, waitCount, waitList, null, &error);
        if (error != 0 || mapped == null)
        {
            return error != 0 ? error : CrossMemoryUnavailable;
        }

        var copied = call.CopyWithGuest(mapped, address, (long)size, toGuest: write == 0);
        error = clEnqueueUnmapMemObject(queue, buffer, (nint)mapped, 0, null, null);
        return !copied ? CrossMemoryUnavailable : error;
    }

    /// <summary>
    /// The image descriptor the library gets: a private copy, checked (<see cref="ImageDescriptorRefused"/>) and used
    /// as it is, whatever the guest writes into its ring afterwards; its buffer, if any, translated.
    /// </summary>
    private static cl_image_desc* ImageDesc(WorkerCall call, cl_image_desc* desc)
    {
        if (desc == null)
        {
            return desc;
        }

        var copy = (cl_image_desc*)call.Allocate(sizeof(cl_image_desc));
        *copy = *desc;
        if (copy->buffer != 0)
        {
            copy->buffer = call.HandleFromWire((ulong)copy->buffer, HandleTypeIds.cl_mem);
        }

        return copy;
    }

    private const int InvalidImageDescriptor = -65;
    private const uint DeviceExtensions = 0x1030;

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
        if (context.Value == 0 || clGetContextInfo(context, ContextDevices, 0, null, &size) != 0 || size == 0 || size > 4096)
        {
            // No context the library knows: it answers with its own error and makes no image.
            return true;
        }

        var devices = new nint[(int)size / sizeof(nint)];
        fixed (nint* list = devices)
        {
            if (clGetContextInfo(context, ContextDevices, size, list, null) != 0)
            {
                return true;
            }
        }

        foreach (var device in devices)
        {
            nuint length = 0;
            if (clGetDeviceInfo(new cl_device_id { Value = device }, DeviceExtensions, 0, null, &length) != 0 || length == 0 || length > 1 << 16)
            {
                return false;
            }

            var text = new byte[(int)length];
            fixed (byte* names = text)
            {
                if (clGetDeviceInfo(new cl_device_id { Value = device }, DeviceExtensions, length, names, null) != 0)
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

    private static bool Guard_clCreateImage(WorkerCall call, out cl_mem ret, ref cl_context context, ref ulong flags, ref cl_image_format* image_format, ref cl_image_desc* image_desc, ref void* host_ptr, ref int* errcode_ret) =>
        GuardImage(context, image_desc, errcode_ret, out ret);

    private static bool Guard_clCreateImageWithProperties(WorkerCall call, out cl_mem ret, ref cl_context context, ref ulong* properties, ref ulong flags, ref cl_image_format* image_format, ref cl_image_desc* image_desc, ref void* host_ptr, ref int* errcode_ret) =>
        GuardImage(context, image_desc, errcode_ret, out ret);

    private static bool GuardImage(cl_context context, cl_image_desc* desc, int* errcode_ret, out cl_mem ret)
    {
        ret = default;
        if (!ImageDescriptorRefused(context, desc))
        {
            return true;
        }

        if (errcode_ret != null)
        {
            *errcode_ret = InvalidImageDescriptor;
        }

        return false;
    }

    private static void Before_clCreateImage2D(WorkerCall call, ref cl_context context, ref ulong flags, ref cl_image_format* image_format, ref nuint image_width, ref nuint image_height, ref nuint image_row_pitch, ref void* host_ptr, ref int* errcode_ret)
    {
        host_ptr = null;
    }

    private static void Before_clCreateImage3D(WorkerCall call, ref cl_context context, ref ulong flags, ref cl_image_format* image_format, ref nuint image_width, ref nuint image_height, ref nuint image_depth, ref nuint image_row_pitch, ref nuint image_slice_pitch, ref void* host_ptr, ref int* errcode_ret)
    {
        host_ptr = null;
    }

    private static void Before_clEnqueueReadBuffer(WorkerCall call, ref cl_command_queue command_queue, ref cl_mem buffer, ref uint blocking_read, ref nuint offset, ref nuint size, ref void* ptr, ref uint num_events_in_wait_list, ref cl_event* event_wait_list, ref cl_event* @event)
    {
        if (call.DefersOutputs && blocking_read == 0 && ptr != null)
        {
            BeginPending(call, ref ptr, (long)size, ref @event, output: true, copyIn: false);
        }
        else
        {
            blocking_read = 1;
        }
    }

    private static void After_clEnqueueReadBuffer(WorkerCall call, ref int __ret, ref cl_command_queue command_queue, ref cl_mem buffer, ref uint blocking_read, ref nuint offset, ref nuint size, ref void* ptr, ref uint num_events_in_wait_list, ref cl_event* event_wait_list, ref cl_event* @event)
    {
        EndPending(call, __ret, ref ptr, @event);
    }

    private static void Before_clEnqueueReadImage(WorkerCall call, ref cl_command_queue command_queue, ref cl_mem image, ref uint blocking_read, ref nuint* origin, ref nuint* region, ref nuint row_pitch, ref nuint slice_pitch, ref void* ptr, ref uint num_events_in_wait_list, ref cl_event* event_wait_list, ref cl_event* @event)
    {
        var span = ImageHostSpan(image, region, row_pitch, slice_pitch);
        if (call.DefersOutputs && blocking_read == 0 && ptr != null)
        {
            BeginPending(call, ref ptr, (long)span.Bytes, ref @event, output: true, copyIn: true);
        }
        else
        {
            blocking_read = 1;
        }

        ptr = FromSpanStart(ptr, span);
    }

    private static void After_clEnqueueReadImage(WorkerCall call, ref int __ret, ref cl_command_queue command_queue, ref cl_mem image, ref uint blocking_read, ref nuint* origin, ref nuint* region, ref nuint row_pitch, ref nuint slice_pitch, ref void* ptr, ref uint num_events_in_wait_list, ref cl_event* event_wait_list, ref cl_event* @event)
    {
        ptr = ToSpanStart(ptr, ImageHostSpan(image, region, row_pitch, slice_pitch));
        EndPending(call, __ret, ref ptr, @event);
    }

    private static void Before_clEnqueueWriteBuffer(WorkerCall call, ref cl_command_queue command_queue, ref cl_mem buffer, ref uint blocking_write, ref nuint offset, ref nuint size, ref void* ptr, ref uint num_events_in_wait_list, ref cl_event* event_wait_list, ref cl_event* @event)
    {
        if (blocking_write == 0 && ptr != null)
        {
            BeginPending(call, ref ptr, (long)size, ref @event, output: false, copyIn: true);
        }
    }

    private static void After_clEnqueueWriteBuffer(WorkerCall call, ref int __ret, ref cl_command_queue command_queue, ref cl_mem buffer, ref uint blocking_write, ref nuint offset, ref nuint size, ref void* ptr, ref uint num_events_in_wait_list, ref cl_event* event_wait_list, ref cl_event* @event)
    {
        EndPending(call, __ret, ref ptr, @event);
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
            BeginPending(call, ref ptr, (long)size, ref @event, output: false, copyIn: false);
            call.VisitInput(new CopyInto((byte*)ptr));
            return clEnqueueWriteBuffer(command_queue, buffer, 0, offset, size, ptr, num_events_in_wait_list, event_wait_list, @event);
        }

        if (@event == null)
        {
            int error;
            var mapped = clEnqueueMapBuffer(command_queue, buffer, 1, MapWriteInvalidateRegion, offset, size, num_events_in_wait_list, event_wait_list, null, &error);
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

    private static void Before_clEnqueueWriteImage(WorkerCall call, ref cl_command_queue command_queue, ref cl_mem image, ref uint blocking_write, ref nuint* origin, ref nuint* region, ref nuint input_row_pitch, ref nuint input_slice_pitch, ref void* ptr, ref uint num_events_in_wait_list, ref cl_event* event_wait_list, ref cl_event* @event)
    {
        var span = ImageHostSpan(image, region, input_row_pitch, input_slice_pitch);
        if (blocking_write == 0 && ptr != null)
        {
            BeginPending(call, ref ptr, (long)span.Bytes, ref @event, output: false, copyIn: true);
        }

        ptr = FromSpanStart(ptr, span);
    }

    private static void After_clEnqueueWriteImage(WorkerCall call, ref int __ret, ref cl_command_queue command_queue, ref cl_mem image, ref uint blocking_write, ref nuint* origin, ref nuint* region, ref nuint input_row_pitch, ref nuint input_slice_pitch, ref void* ptr, ref uint num_events_in_wait_list, ref cl_event* event_wait_list, ref cl_event* @event)
    {
        ptr = ToSpanStart(ptr, ImageHostSpan(image, region, input_row_pitch, input_slice_pitch));
        EndPending(call, __ret, ref ptr, @event);
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
        if (clGetProgramInfo(program, ProgramNumDevices, sizeof(uint), &devices, null) != 0 || index >= devices)
        {
            return;
        }

        var sizes = (nuint*)call.Allocate(devices * sizeof(nuint));
        if (clGetProgramInfo(program, ProgramBinarySizes, devices * (nuint)sizeof(nuint), sizes, null) != 0 || sizes[index] > param_value_size)
        {
            return;
        }

        var pointers = (void**)call.Allocate(devices * sizeof(nint));
        new Span<nint>(pointers, (int)devices).Clear();
        pointers[index] = param_value;
        t_binaryValue = (nint)param_value;
        t_binarySize = sizes[index];
        param_name = ProgramBinaries;
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

    private static void Before_clEnqueueReadBufferRect(WorkerCall call, ref cl_command_queue command_queue, ref cl_mem buffer, ref uint blocking_read, ref nuint* buffer_origin, ref nuint* host_origin, ref nuint* region, ref nuint buffer_row_pitch, ref nuint buffer_slice_pitch, ref nuint host_row_pitch, ref nuint host_slice_pitch, ref void* ptr, ref uint num_events_in_wait_list, ref cl_event* event_wait_list, ref cl_event* @event)
    {
        var span = RectHostSpan(host_origin, region, host_row_pitch, host_slice_pitch);
        if (call.DefersOutputs && blocking_read == 0 && ptr != null)
        {
            BeginPending(call, ref ptr, (long)span.Bytes, ref @event, output: true, copyIn: true);
        }
        else
        {
            blocking_read = 1;
        }

        ptr = FromSpanStart(ptr, span);
    }

    private static void After_clEnqueueReadBufferRect(WorkerCall call, ref int __ret, ref cl_command_queue command_queue, ref cl_mem buffer, ref uint blocking_read, ref nuint* buffer_origin, ref nuint* host_origin, ref nuint* region, ref nuint buffer_row_pitch, ref nuint buffer_slice_pitch, ref nuint host_row_pitch, ref nuint host_slice_pitch, ref void* ptr, ref uint num_events_in_wait_list, ref cl_event* event_wait_list, ref cl_event* @event)
    {
        ptr = ToSpanStart(ptr, RectHostSpan(host_origin, region, host_row_pitch, host_slice_pitch));
        EndPending(call, __ret, ref ptr, @event);
    }

    private static void Before_clEnqueueWriteBufferRect(WorkerCall call, ref cl_command_queue command_queue, ref cl_mem buffer, ref uint blocking_write, ref nuint* buffer_origin, ref nuint* host_origin, ref nuint* region, ref nuint buffer_row_pitch, ref nuint buffer_slice_pitch, ref nuint host_row_pitch, ref nuint host_slice_pitch, ref void* ptr, ref uint num_events_in_wait_list, ref cl_event* event_wait_list, ref cl_event* @event)
    {
        var span = RectHostSpan(host_origin, region, host_row_pitch, host_slice_pitch);
        if (blocking_write == 0 && ptr != null)
        {
            BeginPending(call, ref ptr, (long)span.Bytes, ref @event, output: false, copyIn: true);
        }

        ptr = FromSpanStart(ptr, span);
    }

    private static void After_clEnqueueWriteBufferRect(WorkerCall call, ref int __ret, ref cl_command_queue command_queue, ref cl_mem buffer, ref uint blocking_write, ref nuint* buffer_origin, ref nuint* host_origin, ref nuint* region, ref nuint buffer_row_pitch, ref nuint buffer_slice_pitch, ref nuint host_row_pitch, ref nuint host_slice_pitch, ref void* ptr, ref uint num_events_in_wait_list, ref cl_event* event_wait_list, ref cl_event* @event)
    {
        ptr = ToSpanStart(ptr, RectHostSpan(host_origin, region, host_row_pitch, host_slice_pitch));
        EndPending(call, __ret, ref ptr, @event);
    }

    private static void Before_clCreateImage(WorkerCall call, ref cl_context context, ref ulong flags, ref cl_image_format* image_format, ref cl_image_desc* image_desc, ref void* host_ptr, ref int* errcode_ret)
    {
        host_ptr = null;
        image_desc = ImageDesc(call, image_desc);
    }

    private static void Before_clCreateImageWithProperties(WorkerCall call, ref cl_context context, ref ulong* properties, ref ulong flags, ref cl_image_format* image_format, ref cl_image_desc* image_desc, ref void* host_ptr, ref int* errcode_ret)
    {
        host_ptr = null;
        image_desc = ImageDesc(call, image_desc);
    }

    // ---- Non-blocking transfers ------------------------------------------------------------------------------------
    // The real library reads or writes the host memory of a non-blocking transfer until the command completes, long
    // after this call's scratch memory is gone; and waiting here could wait forever (the command may wait on a user
    // event the guest sets with its next call). So the transfer gets memory of its own and an event, and is finished
    // at the next call that lets the application observe completion (clFinish, clWaitForEvents, an event query, a
    // blocking transfer): a read's data then goes to the guest as its deferred output, before that call's reply.

    [ThreadStatic]
    private static List<PendingTransfer>? t_pending;

    [ThreadStatic]
    private static PendingTransfer? t_starting;

    /// <summary>
    /// The pointer the real library gets for a host span whose bytes lie at <paramref name="copy"/> (the record's, or a
    /// pending transfer's own): the application's pointer as the library would see it, so that its own address
    /// arithmetic, wrapping as C's does, lands inside the copy. The span was checked against the bytes received.
    /// </summary>
    private static void* FromSpanStart(void* copy, HostSpan span) => copy == null ? null : unchecked((byte*)copy - span.Offset);

    /// <summary>Back from <see cref="FromSpanStart"/> after the call: outputs leave from the start of the copy.</summary>
    private static void* ToSpanStart(void* ptr, HostSpan span) => ptr == null ? null : unchecked((byte*)ptr + span.Offset);

    /// <summary>Bytes of one pixel of a real image (0 when it is none): sizes an image transfer's host memory (<see cref="ImageHostSpan"/>).</summary>
    private static nuint ImageElementBytes(cl_mem image)
    {
        nuint size = 0;
        return clGetImageInfo(image, ImageElementSize, (nuint)sizeof(nuint), &size, null) == 0 ? size : 0;
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

    private static void BeginPending(WorkerCall call, ref void* ptr, long bytes, ref cl_event* @event, bool output, bool copyIn)
    {
        if (bytes <= 0)
        {
            return;
        }

        // Bound what one guest thread's pending transfers hold: past the limit, wait for the oldest to finish first;
        // but never while a user event is unset: the oldest may wait for it, and the guest's next call sets it.
        while (t_pending is { Count: > 0 } pending && pending.Sum(p => p.Bytes) + bytes > PendingBytesLimit && s_unsetUserEvents.IsEmpty)
        {
            var oldest = new cl_event { Value = pending[0].Event };
            clWaitForEvents(1, &oldest);
            CompletePending(call);
        }

        call.ChannelState ??= new TransferChannel(call);
        var owned = (byte*)RentTransferBuffer(bytes);
        if (copyIn)
        {
            Buffer.MemoryCopy(ptr, owned, bytes, bytes);
        }

        var ownEvent = @event == null;
        if (ownEvent)
        {
            @event = (cl_event*)call.Allocate(sizeof(cl_event));
        }

        t_starting = new PendingTransfer(call.Sequence, (nint)owned, bytes, (nint)ptr, ownEvent, output);
        ptr = owned;
        if (output)
        {
            call.Postpone();
        }
    }

    private static void EndPending(WorkerCall call, int status, ref void* ptr, cl_event* @event)
    {
        if (t_starting is not { } transfer)
        {
            // A blocking transfer: everything before it on its queue is complete.
            CompletePending(call);
            return;
        }

        t_starting = null;
        if (status != 0)
        {
            ReturnTransferBuffer(transfer.Buffer, transfer.Bytes);
            ptr = (void*)transfer.Original;
            call.CancelPostpone();
            return;
        }

        var real = @event->Value;
        if (!transfer.OwnEvent)
        {
            // The application holds the event too: keep our own reference until the transfer is finished.
            clRetainEvent(new cl_event { Value = real });
        }

        (t_pending ??= []).Add(transfer with { Event = real });
    }

    /// <summary>Finishes every pending transfer whose command is complete (or failed), in the order they were made.</summary>
    static partial void CompletePending(WorkerCall call)
    {
        var pending = t_pending;
        if (pending is null || pending.Count == 0)
        {
            return;
        }

        for (var i = 0; i < pending.Count; i++)
        {
            var transfer = pending[i];
            int status;
            if (clGetEventInfo(new cl_event { Value = transfer.Event }, EventCommandExecutionStatus, sizeof(int), &status, null) != 0 || status > 0)
            {
                continue;
            }

            if (transfer.Output)
            {
                call.SendDeferred(transfer.Sequence, (void*)transfer.Buffer, status == 0 ? transfer.Bytes : -1);
            }

            ReturnTransferBuffer(transfer.Buffer, transfer.Bytes);
            clReleaseEvent(new cl_event { Value = transfer.Event });
            pending.RemoveAt(i--);
        }
    }

    /// <summary>A few transfer buffers kept for reuse: fresh large allocations cost a page fault per page.</summary>
    [ThreadStatic]
    private static List<(nint Buffer, long Bytes)>? t_spare;

    private static void* RentTransferBuffer(long bytes)
    {
        var spare = t_spare;
        if (spare is not null)
        {
            for (var i = spare.Count - 1; i >= 0; i--)
            {
                if (spare[i].Bytes >= bytes && spare[i].Bytes <= 2 * bytes)
                {
                    var buffer = spare[i].Buffer;
                    spare.RemoveAt(i);
                    return (void*)buffer;
                }
            }
        }

        return System.Runtime.InteropServices.NativeMemory.Alloc((nuint)bytes);
    }

    private static void ReturnTransferBuffer(nint buffer, long bytes)
    {
        var spare = t_spare ??= [];
        if (spare.Count < SpareBuffers && bytes <= SpareBufferLimit)
        {
            spare.Add((buffer, bytes));
        }
        else
        {
            System.Runtime.InteropServices.NativeMemory.Free((void*)buffer);
        }
    }

    /// <summary>
    /// What a channel's shadow thread holds for non-blocking transfers, given back when the channel closes (its guest
    /// thread exited, or the guest went away): completed reads still send their data, as the native library would
    /// have written it; transfers still running keep their memory until their command completes; spare buffers are freed.
    /// </summary>
    private sealed class TransferChannel(WorkerCall call) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                CompletePending(call);
            }
            catch (IOException)
            {
                // The guest is gone: nobody is left to take the data.
            }

            if (t_pending is { } pending)
            {
                foreach (var transfer in pending)
                {
                    var @event = new cl_event { Value = transfer.Event };
                    if (clSetEventCallback(@event, CommandComplete, &FreeTransferBuffer, (void*)transfer.Buffer) != 0)
                    {
                        WorkerLog.Write($"kept {transfer.Bytes} bytes of a transfer that had not completed when its channel closed");
                    }

                    clReleaseEvent(@event);
                }

                pending.Clear();
            }

            if (t_spare is { } spare)
            {
                foreach (var (buffer, _) in spare)
                {
                    System.Runtime.InteropServices.NativeMemory.Free((void*)buffer);
                }

                spare.Clear();
            }
        }
    }

    /// <summary>Frees a transfer's memory once its command completed (the channel that made it had closed by then).</summary>
    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static void FreeTransferBuffer(cl_event @event, int status, void* buffer) => System.Runtime.InteropServices.NativeMemory.Free(buffer);

    private const int CommandComplete = 0;

    private const int SpareBuffers = 8;
    private const long SpareBufferLimit = 64L << 20;

    private const uint EventCommandExecutionStatus = 0x11D3;

    private const long PendingBytesLimit = 256L << 20;

    private readonly record struct PendingTransfer(uint Sequence, nint Buffer, long Bytes, nint Original, bool OwnEvent, bool Output, nint Event = 0);

}
