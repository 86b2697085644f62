// Kernel arguments in the worker: what each argument of a kernel takes, learnt from the real library when the kernel
// is made, so that clSetKernelArg hands the library an object of its own only where the argument takes one; and which
// of the tenant's objects each argument names, so that a launch never reaches the library with one that has gone.
using System.Collections.Concurrent;
using Ava.Worker;

namespace Ava.OpenCL;

public static unsafe partial class OpenCl
{
    /// <summary>Highest argument index followed for a kernel the library would not count the arguments of.</summary>
    private const int UncountedArgumentLimit = 256;

    /// <summary>Longest argument type name read (OpenCL names are short; a longer one is not one we classify).</summary>
    private const int TypeNameLimit = 256;

    /// <summary>What one kernel argument takes.</summary>
    private enum ArgumentKind : byte
    {
        /// <summary>The library would not say: an 8-byte value is passed only when it is NULL or a live handle.</summary>
        Unknown,

        /// <summary>A value of its declared size, copied by the library: any bytes fit, none is translated.</summary>
        Value,

        /// <summary>A __global or __constant argument the library does not name the type of: NULL or a cl_mem.</summary>
        Memory,

        /// <summary>A __global or __constant pointer: NULL or a buffer (an image's storage has its own size and layout).</summary>
        Buffer,

        /// <summary>An image of any dimension: NULL or an image.</summary>
        Image,

        /// <summary>A pipe: NULL or a pipe.</summary>
        Pipe,

        /// <summary>A sampler_t: a cl_sampler.</summary>
        Sampler,

        /// <summary>A __local pointer: a size and a NULL value.</summary>
        Local,
    }

    /// <summary>
    /// One live kernel's arguments: what each takes, and the object each names now. PoCL copies a pointer-sized argument
    /// of a pointer, image or sampler type without looking at it and follows it when the kernel runs, so a value that is
    /// not one of this tenant's objects of the kernel's context (a forged address, a released cl_mem) must never reach it
    /// there, neither when it is set nor when the kernel is launched after the object has gone.
    /// </summary>
    private sealed class KernelArguments(ArgumentKind[] kinds, bool counted, nint context)
    {
        /// <summary>What each argument takes (empty when the library would not count them).</summary>
        public readonly ArgumentKind[] Kinds = kinds;

        /// <summary>Whether the library said how many arguments the kernel has.</summary>
        public readonly bool Counted = counted;

        /// <summary>The kernel's real context (0: the library would not say, and objects are not compared with it).</summary>
        public readonly nint Context = context;

        /// <summary>Per argument, the wire id of the object it names (0: none: a value, NULL, __local) and its handle type.</summary>
        public ulong[] Objects = new ulong[kinds.Length];

        public int[] ObjectTypes = new int[kinds.Length];

        /// <summary>Per argument, the bytes of the __local memory it was last set to take (0 for any other argument).</summary>
        public ulong[] LocalSizes = new ulong[kinds.Length];

        /// <summary>What the __local arguments take together, at most <see cref="ulong.MaxValue"/> (0: no launch check needed).</summary>
        public ulong LocalTotal;

        /// <summary>Records the __local bytes argument <paramref name="index"/> takes from now on (0: it takes none).</summary>
        public void SetLocal(uint index, ulong bytes)
        {
            lock (this)
            {
                if (index >= (uint)LocalSizes.Length)
                {
                    if (bytes == 0)
                    {
                        return;
                    }

                    Array.Resize(ref LocalSizes, (int)index + 1);
                }

                LocalSizes[index] = bytes;
                ulong total = 0;
                foreach (var size in LocalSizes)
                {
                    total = size > ulong.MaxValue - total ? ulong.MaxValue : total + size;
                }

                Volatile.Write(ref LocalTotal, total);
            }
        }

        /// <summary>
        /// The tenant's count of removed cl_mem and cl_sampler handles when every object argument was last found live
        /// (-1: not since the last change): while the count stays, a launch needs no lookup.
        /// </summary>
        public long CheckedAt = -1;

        /// <summary>Records the object argument <paramref name="index"/> names from now on (0: none).</summary>
        public void Set(uint index, ulong id, int type)
        {
            lock (this)
            {
                if (index >= (uint)Objects.Length)
                {
                    if (id == 0)
                    {
                        return;
                    }

                    Array.Resize(ref Objects, (int)index + 1);
                    Array.Resize(ref ObjectTypes, (int)index + 1);
                }

                Objects[index] = id;
                ObjectTypes[index] = type;
                Volatile.Write(ref CheckedAt, -1);
            }
        }

        /// <summary>Takes the objects another kernel's arguments name (clCloneKernel copies the values).</summary>
        public void CopyFrom(KernelArguments source)
        {
            lock (source)
            {
                lock (this)
                {
                    Objects = (ulong[])source.Objects.Clone();
                    ObjectTypes = (int[])source.ObjectTypes.Clone();
                    LocalSizes = (ulong[])source.LocalSizes.Clone();
                    Volatile.Write(ref LocalTotal, source.LocalTotal);
                    Volatile.Write(ref CheckedAt, -1);
                }
            }
        }
    }

    /// <summary>Whether a kernel takes a sampler argument, or has one set where the library would not say what it takes.</summary>
    private static bool TakesSampler(cl_kernel kernel)
    {
        if (!s_kernelArguments.TryGetValue(kernel.Value, out var arguments))
        {
            return false;
        }

        if (Array.IndexOf(arguments.Kinds, ArgumentKind.Sampler) >= 0)
        {
            return true;
        }

        lock (arguments)
        {
            for (var i = 0; i < arguments.Objects.Length; i++)
            {
                if (arguments.Objects[i] != 0 && arguments.ObjectTypes[i] == HandleTypeIds.cl_sampler)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Each live kernel's arguments, by its real object.</summary>
    private static readonly ConcurrentDictionary<nint, KernelArguments> s_kernelArguments = new();

    /// <summary>The object the clSetKernelArg being carried out names, once its guard let it through (see <see cref="After_clSetKernelArg"/>).</summary>
    [ThreadStatic]
    private static ulong t_argumentObject;

    [ThreadStatic]
    private static int t_argumentType;

    /// <summary>Serializes the private program copies (see <see cref="LearnArguments"/>).</summary>
    private static readonly Lock s_twinGate = new();

    /// <summary>A kernel whose last reference a clReleaseKernel is giving back (its entry goes when that succeeds).</summary>
    [ThreadStatic]
    private static nint t_lastKernelReference;

    private static void After_clCreateKernel(WorkerCall call, ref cl_kernel __ret, ref cl_program program, ref sbyte* kernel_name, ref int* errcode_ret) =>
        LearnArguments(__ret);

    private static void After_clCloneKernel(WorkerCall call, ref cl_kernel __ret, ref cl_kernel source_kernel, ref int* errcode_ret)
    {
        LearnArguments(__ret);
        if (__ret.Value != 0 && s_kernelArguments.TryGetValue(source_kernel.Value, out var source) && s_kernelArguments.TryGetValue(__ret.Value, out var clone))
        {
            clone.CopyFrom(source);
        }
    }

    private static void After_clCreateKernelsInProgram(WorkerCall call, ref int __ret, ref cl_program program, ref uint num_kernels, ref cl_kernel* kernels, ref uint* num_kernels_ret)
    {
        if (__ret != 0 || kernels == null || num_kernels_ret == null)
        {
            return;
        }

        for (var i = 0u; i < Math.Min(num_kernels, *num_kernels_ret); i++)
        {
            LearnArguments(kernels[i]);
        }
    }

    private static void Before_clReleaseKernel(WorkerCall call, ref cl_kernel kernel)
    {
        uint references = 0;
        t_lastKernelReference = kernel.Value != 0 && clGetKernelInfo(kernel, CL_KERNEL_REFERENCE_COUNT, sizeof(uint), &references, null) == 0 && references == 1 ? kernel.Value : 0;
    }

    private static void After_clReleaseKernel(WorkerCall call, ref int __ret, ref cl_kernel kernel)
    {
        if (__ret == 0 && t_lastKernelReference != 0)
        {
            s_kernelArguments.TryRemove(t_lastKernelReference, out _);
        }

        t_lastKernelReference = 0;
    }

    /// <summary>
    /// Lets a kernel argument reach the real library only as the argument's type takes it: a memory argument gets NULL
    /// or a live cl_mem of this tenant (as its real object), a sampler a live cl_sampler, a __local argument a NULL
    /// value; anything else gets the error a conformant library reports for it, and the library never sees the value.
    /// A value argument passes untouched (an 8-byte scalar that happens to equal a handle id stays a number).
    /// </summary>
    private static bool Guard_clSetKernelArg(WorkerCall call, out int ret, ref cl_kernel kernel, ref uint arg_index, ref nuint arg_size, ref void* arg_value)
    {
        ret = 0;
        t_argumentObject = 0;
        var known = s_kernelArguments.TryGetValue(kernel.Value, out var arguments);
        if (kernel.Value == 0 || (known && arguments!.Counted && arg_index >= (uint)arguments.Kinds.Length))
        {
            // No kernel, or no such argument: the library answers with its own error and reads no value.
            return true;
        }

        // A kernel whose arguments the library would not describe is held to the strictest rule.
        var kind = known && arguments!.Counted ? arguments.Kinds[arg_index] : ArgumentKind.Unknown;
        var pointerSized = arg_size == (nuint)sizeof(nint) && arg_value != null;
        var id = pointerSized ? *(ulong*)arg_value : 0;
        if (kind == ArgumentKind.Unknown && id != 0 && arg_index >= UncountedArgumentLimit)
        {
            ret = CL_INVALID_ARG_INDEX;
            return false;
        }

        var context = known ? arguments!.Context : 0;
        switch (kind)
        {
            case ArgumentKind.Value when arg_size == 0 && arg_value != null:
                // Refused before the library copies no bytes of a value (PoCL asserts on a struct argument).
                ret = CL_INVALID_ARG_SIZE;
                return false;
            case ArgumentKind.Local when arg_value != null:
                ret = CL_INVALID_ARG_VALUE;
                return false;
            case ArgumentKind.Memory when pointerSized && id != 0:
                return Translate(call, id, HandleTypeIds.cl_mem, CL_INVALID_MEM_OBJECT, context, out ret, ref arg_value);
            case ArgumentKind.Buffer or ArgumentKind.Image or ArgumentKind.Pipe when pointerSized && id != 0:
                return Translate(call, id, HandleTypeIds.cl_mem, CL_INVALID_MEM_OBJECT, context, out ret, ref arg_value) && OfKind(kind, arg_value, out ret);
            case ArgumentKind.Sampler when pointerSized:
                return Translate(call, id, HandleTypeIds.cl_sampler, CL_INVALID_SAMPLER, context, out ret, ref arg_value);
            case ArgumentKind.Unknown when pointerSized && id != 0:
                var type = call.TryHandleFromWire(id, HandleTypeIds.cl_sampler, out _) ? HandleTypeIds.cl_sampler : HandleTypeIds.cl_mem;
                return Translate(call, id, type, CL_INVALID_ARG_VALUE, context, out ret, ref arg_value);
            default:
                // NULL, or a size other than an object's: the library checks those without reading an object.
                return true;
        }
    }

    /// <summary>
    /// The argument's value becomes the real object of handle <paramref name="id"/>, or the call is answered with
    /// <paramref name="error"/>: also when the object belongs to another context than the kernel's (PoCL 3.1 takes one
    /// and runs the kernel on it, with memory it may never have made for the kernel's devices).
    /// </summary>
    private static bool Translate(WorkerCall call, ulong id, int handleType, int error, nint context, out int ret, ref void* arg_value)
    {
        if (!call.TryHandleFromWire(id, handleType, out var real) || (context != 0 && ContextOf(real, handleType) != context))
        {
            ret = error;
            return false;
        }

        var translated = (nint*)call.Allocate(sizeof(nint));
        *translated = real;
        arg_value = translated;
        t_argumentObject = id;
        t_argumentType = handleType;
        ret = 0;
        return true;
    }

    /// <summary>The real context of a memory object or sampler (0 when the library would not say).</summary>
    private static nint ContextOf(nint real, int handleType)
    {
        nint context = 0;
        var status = handleType == HandleTypeIds.cl_sampler
            ? clGetSamplerInfo(new cl_sampler { Value = real }, CL_SAMPLER_CONTEXT, (nuint)sizeof(nint), &context, null)
            : clGetMemObjectInfo(new cl_mem { Value = real }, CL_MEM_CONTEXT, (nuint)sizeof(nint), &context, null);
        return status == 0 ? context : 0;
    }

    /// <summary>Once the library took the value: the argument names the object the guard translated, or none.</summary>
    private static void After_clSetKernelArg(WorkerCall call, ref int __ret, ref cl_kernel kernel, ref uint arg_index, ref nuint arg_size, ref void* arg_value)
    {
        if (__ret == 0 && s_kernelArguments.TryGetValue(kernel.Value, out var arguments))
        {
            arguments.Set(arg_index, t_argumentObject, t_argumentType);
            var local = arguments.Counted && arg_index < (uint)arguments.Kinds.Length && arguments.Kinds[arg_index] == ArgumentKind.Local;
            arguments.SetLocal(arg_index, local ? arg_size : 0);
        }

        t_argumentObject = 0;
    }

    /// <summary>
    /// Whether every object the kernel's arguments name is still a live object of the tenant, so that a launch hands the
    /// library no object that has gone (a cl_mem or cl_sampler released after it was set: PoCL would follow its freed
    /// memory); CL_INVALID_KERNEL_ARGS otherwise, as for an argument never set. Cheap when nothing has gone since
    /// the last check: one comparison of the tenant's count of removed handles with the count the kernel was checked at.
    /// </summary>
    private static int ArgumentsRefusal(WorkerCall call, cl_kernel kernel)
    {
        if (!s_kernelArguments.TryGetValue(kernel.Value, out var arguments))
        {
            // Not a kernel the worker made: no argument of it was let through with an object.
            return 0;
        }

        var removals = call.HandleRemovals(HandleTypeIds.cl_mem) + call.HandleRemovals(HandleTypeIds.cl_sampler);
        if (Volatile.Read(ref arguments.CheckedAt) == removals)
        {
            return 0;
        }

        lock (arguments)
        {
            for (var i = 0; i < arguments.Objects.Length; i++)
            {
                var id = arguments.Objects[i];
                if (id != 0 && !call.TryHandleFromWire(id, arguments.ObjectTypes[i], out _))
                {
                    return CL_INVALID_KERNEL_ARGS;
                }
            }

            Volatile.Write(ref arguments.CheckedAt, removals);
        }

        return 0;
    }

    /// <summary>
    /// Whether the memory object <paramref name="arg_value"/> points to (already the real one) is what an argument of
    /// <paramref name="kind"/> takes: a kernel that writes through a __global pointer given an image writes past the
    /// image's storage, and one that reads an image given a buffer reads an image descriptor that is not there.
    /// </summary>
    private static bool OfKind(ArgumentKind kind, void* arg_value, out int ret)
    {
        uint type = 0;
        var real = new cl_mem { Value = *(nint*)arg_value };
        var fits = clGetMemObjectInfo(real, CL_MEM_TYPE, sizeof(uint), &type, null) == 0 && kind switch
        {
            ArgumentKind.Buffer => type == CL_MEM_OBJECT_BUFFER,
            ArgumentKind.Pipe => type == CL_MEM_OBJECT_PIPE,
            _ => type is not CL_MEM_OBJECT_BUFFER and not CL_MEM_OBJECT_PIPE,
        };
        ret = fits ? 0 : CL_INVALID_MEM_OBJECT;
        return fits;
    }

    /// <summary>
    /// Asks the real library what each argument of a new kernel takes. The argument info queries answer only for a
    /// program built without options or with -cl-kernel-arg-info; otherwise a private copy of the program is made from
    /// its binary and built with no options (the kernel's signature is fixed in the binary), and its kernel answers:
    /// its type names, and, on that private kernel where setting arguments disturbs nothing, whether a pointer-sized
    /// NULL is taken (a pointer) and a 16-byte one too (a __local pointer).
    /// </summary>
    private static void LearnArguments(cl_kernel kernel)
    {
        uint count = 0;
        nint context = 0;
        if (kernel.Value == 0)
        {
            return;
        }

        if (clGetKernelInfo(kernel, CL_KERNEL_CONTEXT, (nuint)sizeof(nint), &context, null) != 0)
        {
            context = 0;
        }

        if (clGetKernelInfo(kernel, CL_KERNEL_NUM_ARGS, sizeof(uint), &count, null) != 0)
        {
            s_kernelArguments[kernel.Value] = new KernelArguments([], counted: false, context);
            return;
        }

        var kinds = new ArgumentKind[count];
        if (!FromArgumentInfo(kernel, kinds))
        {
            // One at a time: PoCL makes a program's binary on its first query, unguarded, and kernels of one program
            // are made on several shadow threads at once (seen: a crash in memcpy with four).
            lock (s_twinGate)
            {
                var twin = TwinKernel(kernel, out var twinProgram);
                if (twin.Value != 0)
                {
                    FromProbes(twin, kinds);
                    clReleaseKernel(twin);
                }

                if (twinProgram.Value != 0)
                {
                    clReleaseProgram(twinProgram);
                }
            }
        }

        s_kernelArguments[kernel.Value] = new KernelArguments(kinds, counted: true, context);
    }

    private static bool FromArgumentInfo(cl_kernel kernel, ArgumentKind[] kinds)
    {
        var name = stackalloc byte[TypeNameLimit];
        for (var i = 0u; i < kinds.Length; i++)
        {
            uint qualifier = 0;
            if (clGetKernelArgInfo(kernel, i, CL_KERNEL_ARG_ADDRESS_QUALIFIER, sizeof(uint), &qualifier, null) != 0
                || clGetKernelArgInfo(kernel, i, CL_KERNEL_ARG_TYPE_NAME, TypeNameLimit, name, null) != 0)
            {
                return false;
            }

            kinds[i] = qualifier switch
            {
                CL_KERNEL_ARG_ADDRESS_LOCAL => ArgumentKind.Local,
                CL_KERNEL_ARG_ADDRESS_GLOBAL or CL_KERNEL_ARG_ADDRESS_CONSTANT => ByTypeName(name) is var kind and (ArgumentKind.Buffer or ArgumentKind.Image or ArgumentKind.Pipe) ? kind : ArgumentKind.Memory,
                _ => ByTypeName(name),
            };
        }

        return true;
    }

    private static void FromProbes(cl_kernel twin, ArgumentKind[] kinds)
    {
        var name = stackalloc byte[TypeNameLimit];
        for (var i = 0u; i < kinds.Length; i++)
        {
            if (clSetKernelArg(twin, i, (nuint)sizeof(nint), null) == 0)
            {
                kinds[i] = clSetKernelArg(twin, i, 2 * (nuint)sizeof(nint), null) == 0 ? ArgumentKind.Local
                    : clGetKernelArgInfo(twin, i, CL_KERNEL_ARG_TYPE_NAME, TypeNameLimit, name, null) == 0 && ByTypeName(name) is var kind and (ArgumentKind.Buffer or ArgumentKind.Image or ArgumentKind.Pipe) ? kind
                    : ArgumentKind.Memory;
            }
            else if (clGetKernelArgInfo(twin, i, CL_KERNEL_ARG_TYPE_NAME, TypeNameLimit, name, null) == 0)
            {
                kinds[i] = ByTypeName(name);
            }
        }
    }

    /// <summary>An argument by its type name: a sampler, an image, a pipe, a pointer (a buffer), or a plain value.</summary>
    private static ArgumentKind ByTypeName(byte* name)
    {
        var type = new ReadOnlySpan<byte>(name, TypeNameLimit);
        type = type[..Math.Max(0, type.IndexOf((byte)0))];
        return type.SequenceEqual("sampler_t"u8) ? ArgumentKind.Sampler
            : type.StartsWith("image"u8) ? ArgumentKind.Image
            : type.StartsWith("pipe"u8) ? ArgumentKind.Pipe
            : type.EndsWith("*"u8) ? ArgumentKind.Buffer
            : type.SequenceEqual("queue_t"u8) ? ArgumentKind.Unknown
            : ArgumentKind.Value;
    }

    /// <summary>The same kernel in a private copy of its program, built from the program's binary for one of its devices.</summary>
    private static cl_kernel TwinKernel(cl_kernel kernel, out cl_program twinProgram)
    {
        twinProgram = default;
        cl_program program;
        cl_context context;
        uint devices = 0;
        nuint nameSize = 0;
        if (clGetKernelInfo(kernel, CL_KERNEL_PROGRAM, (nuint)sizeof(cl_program), &program, null) != 0
            || clGetProgramInfo(program, CL_PROGRAM_CONTEXT, (nuint)sizeof(cl_context), &context, null) != 0
            || clGetProgramInfo(program, CL_PROGRAM_NUM_DEVICES, sizeof(uint), &devices, null) != 0 || devices == 0 || devices > 64
            || clGetKernelInfo(kernel, CL_KERNEL_FUNCTION_NAME, 0, null, &nameSize) != 0 || nameSize == 0 || nameSize > 4096)
        {
            return default;
        }

        var deviceList = stackalloc cl_device_id[(int)devices];
        var sizes = stackalloc nuint[(int)devices];
        var name = stackalloc sbyte[(int)nameSize];
        if (clGetProgramInfo(program, CL_PROGRAM_DEVICES, devices * (nuint)sizeof(cl_device_id), deviceList, null) != 0
            || clGetProgramInfo(program, CL_PROGRAM_BINARY_SIZES, devices * (nuint)sizeof(nuint), sizes, null) != 0
            || clGetKernelInfo(kernel, CL_KERNEL_FUNCTION_NAME, nameSize, name, null) != 0)
        {
            return default;
        }

        var first = 0;
        while (first < devices && sizes[first] == 0)
        {
            first++;
        }

        if (first == devices)
        {
            return default;
        }

        var binaries = stackalloc byte*[(int)devices];
        new Span<nint>(binaries, (int)devices).Clear();
        var owned = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc(sizes[first]);
        try
        {
            // The library fills only the entries it is given memory for: the other devices' binaries are not needed.
            binaries[first] = owned;
            int status, error;
            var device = deviceList[first];
            var size = sizes[first];
            if (clGetProgramInfo(program, CL_PROGRAM_BINARIES, devices * (nuint)sizeof(nint), binaries, null) != 0)
            {
                return default;
            }

            // A program that failed to be made is not released (the library may hand back one it never finished).
            var made = clCreateProgramWithBinary(context, 1, &device, &size, &owned, &status, &error);
            twinProgram = error == 0 ? made : default;
            if (twinProgram.Value == 0 || clBuildProgram(twinProgram, 1, &device, null, null, null) != 0)
            {
                return default;
            }

            var twin = clCreateKernel(twinProgram, name, &error);
            return error == 0 ? twin : default;
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.Free(owned);
        }
    }
}
