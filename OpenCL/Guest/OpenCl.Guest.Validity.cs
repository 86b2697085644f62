// What the guest knows about OpenCL objects beyond their owners and references, to prove async calls valid
// ([GuestHook] in OpenCL/Spec/OpenCl.cs).
//
// An async call returns CL_SUCCESS at once. That is exact only when the real library would succeed too, so a call
// travels async only when the guest can prove it valid from what it has already seen. The generated code keeps each
// object's context and reference count (KnownObjects, [HandleType(Tracked = true)]) and proves the calls that need
// no more; what is kept here is what the other proofs need: memory objects' size and host-access flags, kernel
// arguments the real library already accepted with the same shape, launch shapes it already accepted for the kernel
// on that queue. Anything the guest cannot prove travels synchronously, so the real library's own status comes back.
// The proof may fall short (one round trip more), but it is never wrong: an invalid call never gets CL_SUCCESS.
// The proofs read the application's arrays and structs through spans and copies made in one place (View, Word):
// every index below is bounds-checked, and a pointer is dereferenced nowhere else.
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ava.Guest;

namespace Ava.OpenCL;

/// <summary>The guest's proofs of validity for async OpenCL calls.</summary>
public static unsafe partial class OpenCl
{
    private const ulong MemHostAccessFlags = CL_MEM_HOST_WRITE_ONLY | CL_MEM_HOST_READ_ONLY | CL_MEM_HOST_NO_ACCESS;

    /// <summary>The kinds of memory object.</summary>
    private enum Kind : byte
    {
        Buffer = 1,
        SubBuffer,
        Image,
        Pipe,
    }

    /// <summary>A buffer, sub-buffer, image or pipe; a sub-buffer holds its root buffer (releasing it may delete that).</summary>
    private sealed class KnownMemory(Kind kind, ulong context, ulong hostFlags, nuint size, ulong root, nuint origin, uint imageType, bool isRoot)
        : GuestObject(HandleTypeIds.cl_mem, context, isRoot ? 0 : root)
    {
        public Kind Kind { get; } = kind;

        /// <summary>CL_MEM_HOST_* flags in force (a sub-buffer inherits its parent's unless it names its own).</summary>
        public ulong HostFlags { get; } = hostFlags;

        public nuint Size { get; } = size;

        /// <summary>The buffer at the root of a sub-buffer chain and this object's offset in it (overlap tests).</summary>
        public ulong Root { get; } = root;

        public nuint Origin { get; } = origin;

        /// <summary>CL_MEM_OBJECT_IMAGE* for images: a kernel's image argument takes one type only.</summary>
        public uint ImageType { get; } = imageType;

        /// <summary>A sub-buffer's offset must suit the queue's device: the last queue on which the library accepted it.</summary>
        public ulong AlignedFor;

        /// <summary>An image's extent in pixels, images and bytes per pixel; null where the guest cannot tell them.</summary>
        public ImageGeometry? Geometry { get; init; }
    }

    /// <summary>
    /// What an image transfer's validity depends on: the extent along each axis (width; height, or images of a 1D array;
    /// depth, or images of a 2D array) and the bytes per pixel of its format.
    /// </summary>
    private sealed record ImageGeometry(nuint Width, nuint Height, nuint Depth, nuint ElementSize);

    /// <summary>A kernel: its arguments as last accepted and the launch shapes accepted on one queue.</summary>
    private sealed class KnownKernel(ulong context, ulong program, int arguments) : GuestObject(HandleTypeIds.cl_kernel, context, program)
    {
        private const int MaxShapes = 8;

        private readonly nuint[] _shapes = new nuint[MaxShapes * 4];
        private int _shapeCount;

        public KernelArgument[] Arguments { get; } = new KernelArgument[arguments];

        /// <summary>Arguments never set: a launch before all are set fails (CL_INVALID_KERNEL_ARGS).</summary>
        public int Unset = arguments;

        /// <summary>Bytes of __local arguments now, and the most a launch on <see cref="LaunchQueue"/> was accepted with.</summary>
        public nuint LocalBytes;

        public nuint LaunchLocalBytes;

        public ulong LaunchQueue;

        /// <summary>Whether a launch of this shape was accepted on <see cref="LaunchQueue"/>; <paramref name="local"/> empty: NULL.</summary>
        public bool HasShape(uint dimensions, ReadOnlySpan<nuint> local)
        {
            var count = Volatile.Read(ref _shapeCount);
            for (var i = 0; i < count; i++)
            {
                if (ShapeEquals(i, dimensions, local))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Records a launch the library accepted on <paramref name="queue"/>.</summary>
        public void Learn(ulong queue, uint dimensions, ReadOnlySpan<nuint> local)
        {
            lock (_shapes)
            {
                if (LaunchQueue != queue)
                {
                    LaunchQueue = queue;
                    LaunchLocalBytes = 0;
                    Volatile.Write(ref _shapeCount, 0);
                }

                LaunchLocalBytes = Math.Max(LaunchLocalBytes, LocalBytes);
                if (HasShape(dimensions, local) || _shapeCount == MaxShapes)
                {
                    return;
                }

                var at = _shapeCount * 4;
                _shapes[at] = dimensions;
                for (var d = 0; d < 3; d++)
                {
                    _shapes[at + 1 + d] = d < dimensions && d < local.Length ? local[d] : 0;
                }

                Volatile.Write(ref _shapeCount, _shapeCount + 1);
            }
        }

        /// <summary>A clone starts with its source's arguments (clCloneKernel copies them).</summary>
        public void CopyArgumentsFrom(KnownKernel source)
        {
            source.Arguments.AsSpan().CopyTo(Arguments);
            Unset = source.Unset;
            LocalBytes = source.LocalBytes;
        }

        private bool ShapeEquals(int index, uint dimensions, ReadOnlySpan<nuint> local)
        {
            var at = index * 4;
            if (_shapes[at] != dimensions)
            {
                return false;
            }

            for (var d = 0; d < dimensions; d++)
            {
                if (_shapes[at + 1 + d] != (local.IsEmpty ? 0 : local[d]))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>What the library last accepted for one kernel argument.</summary>
    private struct KernelArgument
    {
        public bool Set;
        public bool Null;
        public nuint Size;

        /// <summary>For 8-byte values: the kind of object the value named (<see cref="ValueKind"/>).</summary>
        public int ValueKind;

        /// <summary>Accepted a NULL value with a size other than a cl_mem's: a __local argument, any size fits.</summary>
        public bool Local;

        /// <summary>Accepted an 8-byte value naming no object: a scalar, any value fits.</summary>
        public bool Scalar;

        /// <summary>The __local bytes this argument now asks for.</summary>
        public nuint LocalSize;
    }

    private const int ValueZero = -1;
    private const int ValueUnknown = -2;

    // ---- Lookups ---------------------------------------------------------------------------------------------------

    private static ulong Wire(nint handle) => Connection.HandleToWire(handle);

    /// <summary>
    /// The <paramref name="count"/> elements the application passed at <paramref name="items"/> (empty for NULL, or for
    /// more than a span holds: no proof then), the one place where a proof turns an argument's pointer into memory.
    /// </summary>
    private static ReadOnlySpan<T> View<T>(T* items, nuint count)
        where T : unmanaged =>
        items == null || count > int.MaxValue ? default : new ReadOnlySpan<T>(items, (int)count);

    /// <summary>The 8 bytes of a kernel argument's value, as the library reads a pointer-sized value (any alignment).</summary>
    private static ulong Word(void* value) => MemoryMarshal.Read<ulong>(new ReadOnlySpan<byte>(value, sizeof(ulong)));

    /// <summary>A live memory object or kernel (<typeparamref name="T"/> says which) the guest knows more of.</summary>
    private static bool Find<T>(nint handle, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? known)
        where T : GuestObject
    {
        known = KnownObjects.TryFind(Wire(handle), out var any) ? any as T : null;
        return known is not null;
    }

    private static bool FindQueue(cl_command_queue queue, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GuestObject? known) =>
        KnownObjects.TryFind(Wire(queue.Value), HandleTypeIds.cl_command_queue, out known);

    /// <summary>A buffer or sub-buffer of the queue's context, usable on that queue.</summary>
    private static bool FindBuffer(cl_mem mem, GuestObject queue, ulong queueId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out KnownMemory? buffer) =>
        Find(mem.Value, out buffer)
        && buffer.Owner == queue.Owner
        && (buffer.Kind == Kind.Buffer || (buffer.Kind == Kind.SubBuffer && Volatile.Read(ref buffer.AlignedFor) == queueId));

    /// <summary>The kind of object an 8-byte kernel argument value names, as a kernel argument type would take it.</summary>
    private static int ValueKind(ulong value, ulong context)
    {
        if (value == 0)
        {
            return ValueZero;
        }

        if (!KnownObjects.TryFind(value, out var known) || known.Owner != context)
        {
            return ValueUnknown;
        }

        return known switch
        {
            KnownMemory { Kind: Kind.Buffer or Kind.SubBuffer } => (int)Kind.Buffer,
            KnownMemory { Kind: Kind.Pipe } => (int)Kind.Pipe,
            KnownMemory { Kind: Kind.Image } image => 1000 + (int)image.ImageType,
            { Type: HandleTypeIds.cl_sampler } => 100,
            _ => ValueUnknown,
        };
    }

    private static bool WaitListValid(ulong context, uint count, cl_event* list)
    {
        if (count == 0)
        {
            return list == null;
        }

        var events = View(list, count);
        if (events.IsEmpty)
        {
            return false;
        }

        foreach (var e in events)
        {
            if (KnownObjects.OwnerOf(Wire(e.Value), HandleTypeIds.cl_event) != context)
            {
                return false;
            }
        }

        return true;
    }

    private static bool InBounds(nuint offset, nuint size, nuint limit) => size != 0 && offset <= limit && size <= limit - offset;

    // ---- Remembering objects -----------------------------------------------------------------------------------------

    /// <summary>A buffer or pipe the library created (clCreateBuffer, clCreateBufferWithProperties, clCreatePipe).</summary>
    private static void RememberMemory(cl_mem mem, cl_context context, ulong flags, nuint size, bool pipe)
    {
        var id = Wire(mem.Value);
        KnownObjects.Remember(id, new KnownMemory(pipe ? Kind.Pipe : Kind.Buffer, Wire(context.Value), flags & MemHostAccessFlags, size, id, 0, 0, isRoot: true));
    }

    private static void After_clCreateCommandQueueWithProperties(cl_command_queue ret, cl_context context, cl_device_id device, ulong* properties, int* errcode_ret)
    {
        // An on-device queue takes no host commands: it stays unknown, so every call naming it is synchronous.
        var list = properties == null ? default : View(properties, (nuint)GuestMarshal.TerminatedCount(properties, sizeof(ulong), 2));
        for (var i = 0; i + 1 < list.Length; i += 2)
        {
            if (list[i] == CL_QUEUE_PROPERTIES && (list[i + 1] & CL_QUEUE_ON_DEVICE) != 0)
            {
                return;
            }
        }

        KnownObjects.Created(Wire(ret.Value), HandleTypeIds.cl_command_queue, Wire(context.Value));
    }

    private static void After_clCreateSubBuffer(cl_mem ret, cl_mem buffer, ulong flags, uint buffer_create_type, void* buffer_create_info, int* errcode_ret)
    {
        if (ret.Value == 0 || buffer_create_type != CL_BUFFER_CREATE_TYPE_REGION || buffer_create_info == null || !Find<KnownMemory>(buffer.Value, out var parent))
        {
            return;
        }

        var region = View((nuint*)buffer_create_info, 2);
        var host = (flags & MemHostAccessFlags) != 0 ? flags & MemHostAccessFlags : parent.HostFlags;
        KnownObjects.Remember(Wire(ret.Value), new KnownMemory(Kind.SubBuffer, parent.Owner, host, region[1], parent.Root, parent.Origin + region[0], 0, isRoot: false));
    }

    /// <summary>An image clCreateImage2D or clCreateImage3D created: as clCreateImage with that descriptor.</summary>
    private static void RememberImage(cl_mem mem, cl_context context, ulong flags, cl_image_format* format, uint type, nuint width, nuint height, nuint depth)
    {
        var desc = new cl_image_desc { image_type = type, image_width = width, image_height = height, image_depth = depth };
        RememberImage(mem, context, flags, format, &desc);
    }

    /// <summary>An image the library created, with its geometry where its type and format are plain ones.</summary>
    private static void RememberImage(cl_mem mem, cl_context context, ulong flags, cl_image_format* imageFormat, cl_image_desc* descriptor)
    {
        var format = View(imageFormat, 1);
        if (mem.Value == 0 || descriptor == null)
        {
            return;
        }

        var desc = View(descriptor, 1)[0];
        var elementSize = format.IsEmpty ? 0 : ElementSize(format[0].image_channel_order, format[0].image_channel_data_type);
        ImageGeometry? geometry = elementSize == 0 ? null : desc.image_type switch
        {
            CL_MEM_OBJECT_IMAGE1D => new ImageGeometry(desc.image_width, 1, 1, elementSize),
            CL_MEM_OBJECT_IMAGE1D_ARRAY => new ImageGeometry(desc.image_width, desc.image_array_size, 1, elementSize),
            CL_MEM_OBJECT_IMAGE2D => new ImageGeometry(desc.image_width, desc.image_height, 1, elementSize),
            CL_MEM_OBJECT_IMAGE2D_ARRAY => new ImageGeometry(desc.image_width, desc.image_height, desc.image_array_size, elementSize),
            CL_MEM_OBJECT_IMAGE3D => new ImageGeometry(desc.image_width, desc.image_height, desc.image_depth, elementSize),
            _ => null, // 1D buffer images follow their buffer (alignment, sub-buffers): the library decides.
        };
        var id = Wire(mem.Value);
        KnownObjects.Remember(id, new KnownMemory(Kind.Image, Wire(context.Value), flags & MemHostAccessFlags, 0, id, 0, desc.image_type, isRoot: true) { Geometry = geometry });
    }

    /// <summary>
    /// Bytes per pixel of an image format whose channel order has no rules of its own (CL_R ... CL_ABGR: not the packed
    /// RGB, padded, depth or sRGB orders, which the library keeps); 0 for the others.
    /// </summary>
    private static nuint ElementSize(uint order, uint type) =>
        order is CL_R or CL_A or CL_RG or CL_RA or CL_RGBA or CL_BGRA or CL_ARGB or CL_INTENSITY or CL_LUMINANCE or CL_ABGR
            ? (nuint)ElementBytes(order, type) : 0;

    /// <summary>Bytes per pixel and type of an image known here, for transfers that must size the host memory.</summary>
    internal static bool KnownImage(cl_mem image, out nuint elementSize, out uint type)
    {
        if (Find<KnownMemory>(image.Value, out var m) && m.Kind == Kind.Image && m.Geometry is { } g)
        {
            elementSize = g.ElementSize;
            type = m.ImageType;
            return true;
        }

        elementSize = 0;
        type = 0;
        return false;
    }

    private static void After_clCreateKernelsInProgram(int ret, cl_program program, uint num_kernels, cl_kernel* kernels, uint* num_kernels_ret)
    {
        nuint count = 0;
        if (ret != CL_SUCCESS || kernels == null || NumKernels(program, &count) != CL_SUCCESS)
        {
            return;
        }

        foreach (var kernel in View(kernels, Math.Min(count, num_kernels)))
        {
            RememberKernel(kernel, program);
        }
    }

    private static void After_clCloneKernel(cl_kernel ret, cl_kernel source_kernel, int* errcode_ret)
    {
        if (ret.Value != 0 && Find<KnownKernel>(source_kernel.Value, out var source))
        {
            var clone = new KnownKernel(source.Owner, source.Parent, source.Arguments.Length);
            clone.CopyArgumentsFrom(source);
            KnownObjects.Remember(Wire(ret.Value), clone);
        }
    }

    /// <summary>A kernel of a program we know: its argument count comes from the library (one round trip, once).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RememberKernel(cl_kernel kernel, cl_program program)
    {
        uint arguments = 0;
        if (kernel.Value != 0 && KnownObjects.TryFind(Wire(program.Value), HandleTypeIds.cl_program, out GuestObject? p)
            && NumArgs(kernel, &arguments) == CL_SUCCESS)
        {
            KnownObjects.Remember(Wire(kernel.Value), new KnownKernel(p.Owner, Wire(program.Value), (int)arguments));
        }
    }

    /// <summary>The hook's own query: the kernels it learns are still the creating call's (see ReplayLog.Aside).</summary>
    private static int NumKernels(cl_program program, nuint* count)
    {
        using var aside = ReplayLog.Aside();
        return Call_clGetProgramInfo(program, CL_PROGRAM_NUM_KERNELS, (nuint)sizeof(nuint), count, null);
    }

    /// <summary>The hook's own query: the kernel it learns is still the creating call's (see ReplayLog.Aside).</summary>
    private static int NumArgs(cl_kernel kernel, uint* arguments)
    {
        using var aside = ReplayLog.Aside();
        return Call_clGetKernelInfo(kernel, CL_KERNEL_NUM_ARGS, sizeof(uint), arguments, null);
    }

    private static void After_clCreateUserEvent(cl_event ret, cl_context context, int* errcode_ret)
    {
        if (ret.Value != 0)
        {
            s_unsetUserEvents.TryAdd(ret.Value, 0);
        }
    }

    private static void After_clSetUserEventStatus(int ret, cl_event @event, int execution_status)
    {
        if (ret == CL_SUCCESS)
        {
            s_unsetUserEvents.TryRemove(@event.Value, out _);
        }
    }

    /// <summary>
    /// User events created here whose status was never set. While there is one, any command may wait on the
    /// application's next call (in its wait list, or behind such a command on an in-order queue), so nothing that the
    /// application asked not to block may wait for the queue: a worker stuck on it would never see that next call.
    /// </summary>
    private static readonly ConcurrentDictionary<nint, byte> s_unsetUserEvents = new();

    /// <summary>Whether no command of this process can be held up by the application itself (see <see cref="s_unsetUserEvents"/>).</summary>
    internal static bool NoUnsetUserEvents => s_unsetUserEvents.IsEmpty;

    // ---- Kernel arguments and launches -------------------------------------------------------------------------------

    private static bool Check_clSetKernelArg(cl_kernel kernel, uint arg_index, nuint arg_size, void* arg_value)
    {
        if (!Find<KnownKernel>(kernel.Value, out var k) || arg_index >= (uint)k.Arguments.Length)
        {
            return false;
        }

        ref var a = ref k.Arguments[arg_index];
        if (!a.Set)
        {
            return false;
        }

        if (arg_value == null)
        {
            return a.Local ? arg_size != 0 : a.Null && arg_size == a.Size;
        }

        if (a.Null || arg_size != a.Size)
        {
            return false;
        }

        // Not a cl_mem's size: the argument is a scalar of exactly this size, any value fits.
        if (arg_size != (nuint)sizeof(ulong) || a.Scalar)
        {
            return true;
        }

        var kind = ValueKind(Word(arg_value), k.Owner);
        return kind != ValueUnknown && kind == a.ValueKind;
    }

    private static void After_clSetKernelArg(int ret, cl_kernel kernel, uint arg_index, nuint arg_size, void* arg_value)
    {
        if (ret != CL_SUCCESS || !Find<KnownKernel>(kernel.Value, out var k) || arg_index >= (uint)k.Arguments.Length)
        {
            return;
        }

        ref var a = ref k.Arguments[arg_index];
        if (!a.Set)
        {
            a.Set = true;
            Interlocked.Decrement(ref k.Unset);
        }

        a.Size = arg_size;
        a.Null = arg_value == null;

        // A NULL value takes __local memory (a NULL cl_mem is counted too: an overestimate only costs a round trip).
        var local = arg_value == null ? arg_size : 0;
        k.LocalBytes = k.LocalBytes - a.LocalSize + local;
        a.LocalSize = local;
        if (arg_value == null)
        {
            a.Local |= arg_size != (nuint)sizeof(ulong);
        }
        else if (arg_size == (nuint)sizeof(ulong))
        {
            a.ValueKind = ValueKind(Word(arg_value), k.Owner);
            a.Scalar |= a.ValueKind == ValueUnknown;
        }
    }

    /// <summary>A launch of <paramref name="work_dim"/> (1 to 3) dimensions; an empty offset or local size stands for NULL.</summary>
    private static bool LaunchValid(cl_command_queue command_queue, cl_kernel kernel, uint work_dim, ReadOnlySpan<nuint> offsets, ReadOnlySpan<nuint> globals, ReadOnlySpan<nuint> locals, uint num_events_in_wait_list, cl_event* event_wait_list)
    {
        if (!FindQueue(command_queue, out var queue) || !Find<KnownKernel>(kernel.Value, out var k) || k.Owner != queue.Owner
            || Volatile.Read(ref k.Unset) != 0 || work_dim - 1 >= 3 || globals.Length != work_dim
            || k.LaunchQueue != Wire(command_queue.Value) || k.LocalBytes > k.LaunchLocalBytes)
        {
            return false;
        }

        for (var d = 0; d < globals.Length; d++)
        {
            var global = globals[d];
            if (global == 0 || (!offsets.IsEmpty && offsets[d] > nuint.MaxValue - global))
            {
                return false;
            }

            // Uniform work-groups are valid under every OpenCL version; the rest is left to the library.
            if (!locals.IsEmpty && (locals[d] == 0 || global % locals[d] != 0))
            {
                return false;
            }
        }

        return k.HasShape(work_dim, locals) && WaitListValid(queue.Owner, num_events_in_wait_list, event_wait_list);
    }

    private static void Launched(int ret, cl_command_queue command_queue, cl_kernel kernel, uint work_dim, ReadOnlySpan<nuint> locals)
    {
        if (ret == CL_SUCCESS && Find<KnownKernel>(kernel.Value, out var k))
        {
            k.Learn(Wire(command_queue.Value), work_dim, locals);
        }
    }

    private static bool Check_clEnqueueNDRangeKernel(cl_command_queue command_queue, cl_kernel kernel, uint work_dim, nuint* global_work_offset, nuint* global_work_size, nuint* local_work_size, uint num_events_in_wait_list, cl_event* event_wait_list, cl_event* @event) =>
        work_dim - 1 < 3
        && LaunchValid(command_queue, kernel, work_dim, View(global_work_offset, work_dim), View(global_work_size, work_dim), View(local_work_size, work_dim), num_events_in_wait_list, event_wait_list);

    private static void After_clEnqueueNDRangeKernel(int ret, cl_command_queue command_queue, cl_kernel kernel, uint work_dim, nuint* global_work_offset, nuint* global_work_size, nuint* local_work_size, uint num_events_in_wait_list, cl_event* event_wait_list, cl_event* @event) =>
        Launched(ret, command_queue, kernel, work_dim, ret == CL_SUCCESS ? View(local_work_size, work_dim) : default);

    private static bool Check_clEnqueueTask(cl_command_queue command_queue, cl_kernel kernel, uint num_events_in_wait_list, cl_event* event_wait_list, cl_event* @event)
    {
        // A task is a launch of one work-item in a group of one.
        ReadOnlySpan<nuint> one = [1];
        return LaunchValid(command_queue, kernel, 1, default, one, one, num_events_in_wait_list, event_wait_list);
    }

    private static void After_clEnqueueTask(int ret, cl_command_queue command_queue, cl_kernel kernel, uint num_events_in_wait_list, cl_event* event_wait_list, cl_event* @event)
    {
        ReadOnlySpan<nuint> one = [1];
        Launched(ret, command_queue, kernel, 1, one);
    }

    // ---- Buffer commands ---------------------------------------------------------------------------------------------

    private static bool TransferValid(cl_command_queue command_queue, cl_mem buffer, nuint offset, nuint size, void* ptr, ulong forbidden, uint waitCount, cl_event* waitList) =>
        FindQueue(command_queue, out var queue)
        && FindBuffer(buffer, queue, Wire(command_queue.Value), out var b)
        && ptr != null && (b.HostFlags & forbidden) == 0
        && InBounds(offset, size, b.Size)
        && WaitListValid(queue.Owner, waitCount, waitList);

    /// <summary>After a command the library accepted: its sub-buffers are aligned for the queue.</summary>
    private static void Accepted(int ret, cl_command_queue command_queue, cl_mem first, cl_mem second = default)
    {
        if (ret != CL_SUCCESS)
        {
            return;
        }

        foreach (var mem in (ReadOnlySpan<cl_mem>)[first, second])
        {
            if (Find<KnownMemory>(mem.Value, out var m) && m.Kind == Kind.SubBuffer)
            {
                Volatile.Write(ref m.AlignedFor, Wire(command_queue.Value));
            }
        }
    }

    private static bool Check_clEnqueueCopyBuffer(cl_command_queue command_queue, cl_mem src_buffer, cl_mem dst_buffer, nuint src_offset, nuint dst_offset, nuint size, uint num_events_in_wait_list, cl_event* event_wait_list, cl_event* @event)
    {
        var queueId = Wire(command_queue.Value);
        if (!FindQueue(command_queue, out var queue) || !FindBuffer(src_buffer, queue, queueId, out var src) || !FindBuffer(dst_buffer, queue, queueId, out var dst)
            || !InBounds(src_offset, size, src.Size) || !InBounds(dst_offset, size, dst.Size))
        {
            return false;
        }

        // Regions of one buffer (or of sub-buffers of one buffer) must not overlap: CL_MEM_COPY_OVERLAP.
        if (src.Root == dst.Root)
        {
            var a = src.Origin + src_offset;
            var b = dst.Origin + dst_offset;
            if (a < b + size && b < a + size)
            {
                return false;
            }
        }

        return WaitListValid(queue.Owner, num_events_in_wait_list, event_wait_list);
    }

    private static bool Check_clEnqueueFillBuffer(cl_command_queue command_queue, cl_mem buffer, void* pattern, nuint pattern_size, nuint offset, nuint size, uint num_events_in_wait_list, cl_event* event_wait_list, cl_event* @event) =>
        pattern != null && pattern_size is 1 or 2 or 4 or 8 or 16 or 32 or 64 or 128
        && offset % pattern_size == 0 && size % pattern_size == 0
        && FindQueue(command_queue, out var queue)
        && FindBuffer(buffer, queue, Wire(command_queue.Value), out var b)
        && InBounds(offset, size, b.Size)
        && WaitListValid(queue.Owner, num_events_in_wait_list, event_wait_list);

    /// <summary>
    /// One side of a rectangle transfer: pitches as the specification bounds them (0 means tightly packed), the
    /// region inside <paramref name="limit"/> bytes.
    /// </summary>
    private static bool RectValid(ReadOnlySpan<nuint> origin, ReadOnlySpan<nuint> region, nuint rowPitch, nuint slicePitch, nuint limit)
    {
        if (origin.Length != 3 || region.Length != 3 || region[0] == 0 || region[1] == 0 || region[2] == 0)
        {
            return false;
        }

        var row = rowPitch == 0 ? region[0] : rowPitch;
        if (row < region[0] || region[1] > nuint.MaxValue / row)
        {
            return false;
        }

        var slice = slicePitch == 0 ? region[1] * row : slicePitch;
        if (slice < region[1] * row || slice % row != 0)
        {
            return false;
        }

        // The last byte touched, computed without overflow (every factor bounded first).
        const ulong Limit = 1UL << 48;
        if (origin[0] >= Limit || origin[1] >= Limit || origin[2] >= Limit || region[0] >= Limit || region[1] >= Limit || region[2] >= Limit || row >= Limit || slice >= Limit)
        {
            return false;
        }

        var end = ((UInt128)(origin[2] + region[2] - 1) * slice) + ((UInt128)(origin[1] + region[1] - 1) * row) + origin[0] + region[0];
        return end <= limit;
    }

    private static bool RectTransferValid(cl_command_queue command_queue, cl_mem buffer, nuint* buffer_origin, nuint* host_origin, nuint* region, nuint buffer_row_pitch, nuint buffer_slice_pitch, nuint host_row_pitch, nuint host_slice_pitch, void* ptr, ulong forbidden, uint waitCount, cl_event* waitList) =>
        ptr != null
        && FindQueue(command_queue, out var queue)
        && FindBuffer(buffer, queue, Wire(command_queue.Value), out var b)
        && (b.HostFlags & forbidden) == 0
        && RectValid(View(buffer_origin, 3), View(region, 3), buffer_row_pitch, buffer_slice_pitch, b.Size)
        && RectValid(View(host_origin, 3), View(region, 3), host_row_pitch, host_slice_pitch, nuint.MaxValue)
        && WaitListValid(queue.Owner, waitCount, waitList);

    private static bool Check_clEnqueueCopyBufferRect(cl_command_queue command_queue, cl_mem src_buffer, cl_mem dst_buffer, nuint* src_origin, nuint* dst_origin, nuint* region, nuint src_row_pitch, nuint src_slice_pitch, nuint dst_row_pitch, nuint dst_slice_pitch, uint num_events_in_wait_list, cl_event* event_wait_list, cl_event* @event)
    {
        // Copies within one buffer have their own pitch and overlap rules: the library decides those.
        var queueId = Wire(command_queue.Value);
        return FindQueue(command_queue, out var queue)
            && FindBuffer(src_buffer, queue, queueId, out var src) && FindBuffer(dst_buffer, queue, queueId, out var dst)
            && src.Root != dst.Root
            && RectValid(View(src_origin, 3), View(region, 3), src_row_pitch, src_slice_pitch, src.Size)
            && RectValid(View(dst_origin, 3), View(region, 3), dst_row_pitch, dst_slice_pitch, dst.Size)
            && WaitListValid(queue.Owner, num_events_in_wait_list, event_wait_list);
    }

    /// <summary>
    /// A read or write of an image whose geometry is known: the region lies inside it and uses only the axes its type
    /// has, the host pitches (as the guest passes them, never 0 where the type has that axis) hold a row and a slice,
    /// the host may access it that way, and the wait list is valid. Anything else asks the library.
    /// </summary>
    private static bool ImageTransferValid(cl_command_queue command_queue, cl_mem image, nuint* originArray, nuint* regionArray, nuint rowPitch, nuint slicePitch, void* ptr, ulong forbidden, uint waitCount, cl_event* waitList)
    {
        var origin = View(originArray, 3);
        var region = View(regionArray, 3);
        if (origin.Length != 3 || region.Length != 3 || ptr == null || !FindQueue(command_queue, out var queue)
            || !Find<KnownMemory>(image.Value, out var m) || m.Kind != Kind.Image || m.Geometry is not { } g
            || m.Owner != queue.Owner || (m.HostFlags & forbidden) != 0)
        {
            return false;
        }

        var hasHeight = m.ImageType != CL_MEM_OBJECT_IMAGE1D;
        var hasDepth = m.ImageType is CL_MEM_OBJECT_IMAGE3D or CL_MEM_OBJECT_IMAGE2D_ARRAY;
        if (region[0] == 0 || region[1] == 0 || region[2] == 0
            || !InBounds(origin[0], region[0], g.Width) || !InBounds(origin[1], region[1], g.Height) || !InBounds(origin[2], region[2], g.Depth)
            || (!hasHeight && (origin[1] != 0 || region[1] != 1)) || (!hasDepth && (origin[2] != 0 || region[2] != 1)))
        {
            return false;
        }

        // The guest has spelled out the row pitch (a 1D array's images are its rows: the row pitch is theirs) and,
        // for types with slices, the slice pitch; other types must pass 0 for it.
        var row = region[0] * g.ElementSize;
        return rowPitch >= row && rowPitch / g.ElementSize >= region[0]
            && (hasDepth ? slicePitch >= rowPitch * region[1] && slicePitch / rowPitch >= region[1] : slicePitch == 0)
            && WaitListValid(queue.Owner, waitCount, waitList);
    }
}
