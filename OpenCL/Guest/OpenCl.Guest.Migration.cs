// OpenCL's part of a move to a new worker (migration, recovery): what the replay log does not rebuild. The log
// rebuilds platforms, devices, contexts, queues, memory objects, programs with their builds, kernels with their
// arguments and samplers; here the queues are drained, buffer contents are copied, and the events the application
// still holds come back as completed events. See libs/Ava.Guest/README.md, "Record and replay".
using System.Runtime.InteropServices;
using Ava.Guest;

namespace Ava.OpenCL;

public static unsafe partial class OpenCl
{
    static OpenCl() => Connection.Migration = new Migration();

    /// <summary>Drains every queue, reads every buffer from the old worker and writes it into the new one.</summary>
    private sealed class Migration : IMigrationParticipant
    {
        /// <summary>Each buffer's bytes, and the queue they go through: 0 for a short-lived one in the buffer's context.</summary>
        private readonly List<(ulong Buffer, ulong Queue, nint Bytes, nuint Size)> _contents = [];
        private readonly List<(ulong Event, ulong Context, int Status, uint Type, ulong[]? Times)> _events = [];

        public string? Capture(ReplayLog log)
        {
            Free();
            var queues = KnownObjects.LiveOf(HandleTypeIds.cl_command_queue);
            var memory = KnownObjects.LiveOf(HandleTypeIds.cl_mem);
            var events = KnownObjects.LiveOf(HandleTypeIds.cl_event);
            var refusal = memory.FirstOrDefault(m => m.Object is KnownMemory { Kind: Kind.Image or Kind.Pipe }) is { Id: not 0 } image
                ? $"memory object {image.Id:x} is an image or a pipe, whose contents are not carried yet"
                : queues.Concat(memory).FirstOrDefault(o => !log.Knows(o.Id)) is { Id: not 0 } unknown
                ? $"object {unknown.Id:x} was not created by a recorded call (recording began after it), so a new worker cannot rebuild it"
                : null;
            if (refusal is not null)
            {
                return refusal;
            }

            // A user event not yet set may hold commands back for ever: clFinish would never return.
            foreach (var (id, _) in events)
            {
                var e = new cl_event { Value = Connection.HandleFromWire(id, HandleTypeIds.cl_event) };
                uint type = 0;
                int status = 0;
                if (GetEventInfo(e, CL_EVENT_COMMAND_TYPE, sizeof(uint), &type, null) != CL_SUCCESS
                    || Call_clGetEventInfo(e, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof(int), &status, null) != CL_SUCCESS)
                {
                    return $"event {id:x} cannot be queried";
                }

                if (type == CL_COMMAND_USER && status > 0)
                {
                    return $"user event {id:x} is not set yet: the commands waiting for it cannot be drained";
                }
            }

            foreach (var (id, _) in queues)
            {
                var status = Call_clFinish(new cl_command_queue { Value = Connection.HandleFromWire(id, HandleTypeIds.cl_command_queue) });
                if (status != CL_SUCCESS)
                {
                    return $"clFinish on queue {id:x} returned {status}";
                }
            }

            foreach (var (id, known) in events)
            {
                var e = new cl_event { Value = Connection.HandleFromWire(id, HandleTypeIds.cl_event) };
                int status = 0;
                uint type = 0;
                Call_clGetEventInfo(e, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof(int), &status, null);
                GetEventInfo(e, CL_EVENT_COMMAND_TYPE, sizeof(uint), &type, null);

                // The times of a command on a queue with profiling; an event stood in for already reports the kept ones.
                var times = new ulong[5];
                var timed = true;
                for (var i = 0; i < times.Length && timed; i++)
                {
                    fixed (ulong* time = &times[i])
                    {
                        timed = GetEventProfilingInfo(e, CL_PROFILING_COMMAND_QUEUED + (uint)i, sizeof(ulong), time, null) == CL_SUCCESS;
                    }

                    if (!timed && i == times.Length - 1)
                    {
                        // CL_PROFILING_COMMAND_COMPLETE is OpenCL 2.0's: a 1.2 library (PoCL) has the four before it.
                        times[i] = times[i - 1];
                        timed = true;
                    }
                }

                if (!timed && GuestLog.Enabled)
                {
                    GuestLog.Write($"event {id:x} (command {type:x}, status {status}) has no profiling times to carry");
                }

                // An event outliving every other object of its context (the application released them, the queue
                // included) can only be waited on, queried or released: that context is no longer the application's in a
                // new worker (its id may be served to another), so the stand-in goes into a live one, or one of ours (0).
                var contexts = log.LiveOf(HandleTypeIds.cl_context);
                var context = contexts.Contains(known.Owner) ? known.Owner : contexts.FirstOrDefault();
                _events.Add((id, context, status, type, timed ? times : null));
            }

            // A buffer whose context has no queue left (the application released it first) is read through one of ours.
            var shortLived = new Dictionary<ulong, cl_command_queue>();
            try
            {
                return CaptureBuffers(queues, memory, shortLived);
            }
            finally
            {
                Release(shortLived, log);
            }
        }

        private string? CaptureBuffers(List<(ulong Id, GuestObject Object)> queues, List<(ulong Id, GuestObject Object)> memory, Dictionary<ulong, cl_command_queue> shortLived)
        {
            foreach (var (id, known) in memory)
            {
                if (known is not KnownMemory { Kind: Kind.Buffer } buffer)
                {
                    // A sub-buffer's bytes are its root buffer's, which is carried.
                    continue;
                }

                var queue = queues.FirstOrDefault(q => q.Object.Owner == buffer.Owner).Id;
                var through = new cl_command_queue { Value = Connection.HandleFromWire(queue, HandleTypeIds.cl_command_queue) };
                if (queue == 0 && !ShortLivedQueue(id, shortLived, out through))
                {
                    Free();
                    return $"buffer {id:x} is in a context with no command queue, and none could be made there to read it through";
                }

                var mem = new cl_mem { Value = Connection.HandleFromWire(id, HandleTypeIds.cl_mem) };
                nuint size = 0;
                if (Call_clGetMemObjectInfo(mem, CL_MEM_SIZE, (nuint)sizeof(nuint), &size, null) != CL_SUCCESS)
                {
                    Free();
                    return $"the size of buffer {id:x} cannot be queried";
                }

                var bytes = (nint)NativeMemory.Alloc(Math.Max(size, 1));
                var status = Call_clEnqueueReadBuffer(through, mem, 1, 0, size, (void*)bytes, 0, null, null);
                _contents.Add((id, queue, bytes, size));
                if (status != CL_SUCCESS)
                {
                    Free();
                    return $"reading buffer {id:x} returned {status}";
                }
            }

            return null;
        }

        public void Restore(ReplayLog log)
        {
            var shortLived = new Dictionary<ulong, cl_command_queue>();
            foreach (var (buffer, queue, bytes, size) in _contents)
            {
                var through = new cl_command_queue { Value = Connection.HandleFromWire(queue, HandleTypeIds.cl_command_queue) };
                var status = queue != 0 || ShortLivedQueue(buffer, shortLived, out through)
                    ? Call_clEnqueueWriteBuffer(through, new cl_mem { Value = Connection.HandleFromWire(buffer, HandleTypeIds.cl_mem) }, 1, 0, size, (void*)bytes, 0, null, null)
                    : CL_INVALID_VALUE;
                if (status != CL_SUCCESS)
                {
                    GuestLog.Write($"writing buffer {buffer:x} into the new worker returned {status}");
                }
            }

            Release(shortLived, log);

            // Every event the application holds had completed (or failed) on the old worker: a user event set to that
            // status stands in for it, under the same id, and reports the command type and profiling times it had.
            var own = default(cl_context);
            foreach (var (id, context, status, type, times) in _events)
            {
                int error = 0;
                var into = new cl_context { Value = Connection.HandleFromWire(context, HandleTypeIds.cl_context) };
                if (context == 0 && own.Value == 0 && !OwnContext(out own))
                {
                    GuestLog.Write($"event {id:x} outlives every context, and none could be made in the new worker to stand it in");
                    continue;
                }

                Connection.BindNext(id);
                var created = Call_clCreateUserEvent(context == 0 ? own : into, &error);
                if (error != CL_SUCCESS || Connection.HandleToWire(created.Value) != id)
                {
                    GuestLog.Write($"event {id:x} could not be stood in for in the new worker ({error})");
                    continue;
                }

                Call_clSetUserEventStatus(created, status < 0 ? status : 0);
                lock (s_gate)
                {
                    if (type != CL_COMMAND_USER)
                    {
                        s_eventTypes[created.Value] = type;
                    }

                    if (times is not null)
                    {
                        s_eventTimes[created.Value] = times;
                    }
                }
            }

            if (own.Value != 0)
            {
                // The stand-ins keep it alive in the library, as the application's released context was kept by its events.
                Call_clReleaseContext(own);
                log.Deleted(Connection.HandleToWire(own.Value));
            }

            Free();
        }

        /// <summary>A context of ours on the first device of the first platform, for stand-ins of events that outlive theirs.</summary>
        private static bool OwnContext(out cl_context context)
        {
            context = default;
            cl_platform_id platform;
            cl_device_id device;
            int error = 0;
            if (Call_clGetPlatformIDs(1, &platform, null) != CL_SUCCESS || Call_clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 1, &device, null) != CL_SUCCESS)
            {
                return false;
            }

            context = Call_clCreateContext(null, 1, &device, null, null, &error);
            return error == CL_SUCCESS && context.Value != 0;
        }

        /// <summary>
        /// A queue of ours on the first device of <paramref name="buffer"/>'s context, made once per context and move;
        /// false when none can be. The context is the library's answer: the application may have released its own id of
        /// it (a buffer keeps its context alive), and the worker then gives the context an id again.
        /// </summary>
        private static bool ShortLivedQueue(ulong buffer, Dictionary<ulong, cl_command_queue> made, out cl_command_queue queue)
        {
            queue = default;
            cl_context ctx;
            if (Call_clGetMemObjectInfo(new cl_mem { Value = Connection.HandleFromWire(buffer, HandleTypeIds.cl_mem) }, CL_MEM_CONTEXT, (nuint)sizeof(cl_context), &ctx, null) != CL_SUCCESS)
            {
                return false;
            }

            var context = Connection.HandleToWire(ctx.Value);
            if (made.TryGetValue(context, out queue))
            {
                return true;
            }

            nuint bytes = 0;
            if (Call_clGetContextInfo(ctx, CL_CONTEXT_DEVICES, 0, null, &bytes) != CL_SUCCESS || bytes < (nuint)sizeof(cl_device_id))
            {
                return false;
            }

            var devices = stackalloc cl_device_id[(int)(bytes / (nuint)sizeof(cl_device_id))];
            int error = 0;
            if (Call_clGetContextInfo(ctx, CL_CONTEXT_DEVICES, bytes, devices, null) != CL_SUCCESS)
            {
                return false;
            }

            queue = Call_clCreateCommandQueue(ctx, devices[0], 0, &error);
            if (error != CL_SUCCESS || queue.Value == 0)
            {
                return false;
            }

            made[context] = queue;
            return true;
        }

        /// <summary>Releases our short-lived queues; the log forgets them, since their context may be one it does not know.</summary>
        private static void Release(Dictionary<ulong, cl_command_queue> shortLived, ReplayLog log)
        {
            foreach (var queue in shortLived.Values)
            {
                Call_clReleaseCommandQueue(queue);
                log.Deleted(Connection.HandleToWire(queue.Value));
            }
        }

        private void Free()
        {
            foreach (var (_, _, bytes, _) in _contents)
            {
                NativeMemory.Free((void*)bytes);
            }

            _contents.Clear();
            _events.Clear();
        }
    }
}
