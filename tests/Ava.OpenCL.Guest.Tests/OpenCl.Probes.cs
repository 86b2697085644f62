namespace Ava.OpenCL;

/// <summary>
/// The tests' way in to the guest's private proofs and to what it learns about objects. Compiled only into this test
/// assembly, as one more part of the guest's partial class: each member forwards to the guest's own code unchanged.
/// </summary>
public static unsafe partial class OpenCl
{
    internal static bool ProbeInBounds(nuint offset, nuint size, nuint limit) => InBounds(offset, size, limit);

    /// <summary>One side of a rectangle transfer, its origin and region viewed as the guest's proofs view the application's (NULL: empty).</summary>
    internal static bool ProbeRectValid(nuint* origin, nuint* region, nuint rowPitch, nuint slicePitch, nuint limit) =>
        RectValid(View(origin, 3), View(region, 3), rowPitch, slicePitch, limit);

    /// <summary>What the guest learns when the library created a context.</summary>
    internal static void LearnContext(nint context) => Track_clCreateContext(new cl_context { Value = context }, null, 0, null, null, null, null);

    /// <summary>What the guest learns when the library created a host queue of <paramref name="context"/>.</summary>
    internal static void LearnQueue(nint queue, nint context) =>
        Track_clCreateCommandQueue(new cl_command_queue { Value = queue }, new cl_context { Value = context }, default, 0, null);

    internal static void LearnBuffer(nint buffer, nint context, ulong flags, nuint size) =>
        After_clCreateBuffer(new cl_mem { Value = buffer }, new cl_context { Value = context }, flags, size, null, null);

    /// <summary>A sub-buffer of <paramref name="origin"/>, <paramref name="size"/> bytes (CL_BUFFER_CREATE_TYPE_REGION).</summary>
    internal static void LearnSubBuffer(nint subBuffer, nint parent, ulong flags, nuint origin, nuint size)
    {
        var region = stackalloc nuint[] { origin, size };
        After_clCreateSubBuffer(new cl_mem { Value = subBuffer }, new cl_mem { Value = parent }, flags, CL_BUFFER_CREATE_TYPE_REGION, region, null);
    }

    internal static void LearnImage(nint image, nint context, ulong flags, cl_image_format format, cl_image_desc desc) =>
        After_clCreateImage(new cl_mem { Value = image }, new cl_context { Value = context }, flags, &format, &desc, null, null);

    /// <summary>An event the library returned for a marker on <paramref name="queue"/>.</summary>
    internal static void LearnEvent(nint @event, nint queue)
    {
        var e = new cl_event { Value = @event };
        Track_clEnqueueMarker(CL_SUCCESS, new cl_command_queue { Value = queue }, &e);
    }

    internal static void LearnRetain(nint memory) => Track_clRetainMemObject(CL_SUCCESS, new cl_mem { Value = memory });

    internal static void LearnRelease(nint memory) => Track_clReleaseMemObject(CL_SUCCESS, new cl_mem { Value = memory });

    internal static void LearnDestructorCallback(nint memory) => Track_clSetMemObjectDestructorCallback(CL_SUCCESS, new cl_mem { Value = memory }, null, null);

    /// <summary>The library accepted a read of <paramref name="buffer"/> on <paramref name="queue"/> (a sub-buffer is then aligned for it).</summary>
    internal static void LearnAcceptedRead(nint queue, nint buffer) =>
        After_clEnqueueReadBuffer(CL_SUCCESS, new cl_command_queue { Value = queue }, new cl_mem { Value = buffer }, 0, 0, 0, null, 0, null, null);

    internal static bool CheckReleaseMemObject(nint memory) => Prove_clReleaseMemObject(new cl_mem { Value = memory });

    internal static bool CheckReadBuffer(nint queue, nint buffer, nuint offset, nuint size, void* ptr, uint waitCount = 0, cl_event* waitList = null) =>
        Check_clEnqueueReadBuffer(new cl_command_queue { Value = queue }, new cl_mem { Value = buffer }, 0, offset, size, ptr, waitCount, waitList, null);

    internal static bool CheckWriteBuffer(nint queue, nint buffer, nuint offset, nuint size, void* ptr) =>
        Check_clEnqueueWriteBuffer(new cl_command_queue { Value = queue }, new cl_mem { Value = buffer }, 0, offset, size, ptr, 0, null, null);

    internal static bool CheckCopyBuffer(nint queue, nint source, nint destination, nuint sourceOffset, nuint destinationOffset, nuint size) =>
        Check_clEnqueueCopyBuffer(new cl_command_queue { Value = queue }, new cl_mem { Value = source }, new cl_mem { Value = destination }, sourceOffset, destinationOffset, size, 0, null, null);

    internal static bool CheckFillBuffer(nint queue, nint buffer, void* pattern, nuint patternSize, nuint offset, nuint size) =>
        Check_clEnqueueFillBuffer(new cl_command_queue { Value = queue }, new cl_mem { Value = buffer }, pattern, patternSize, offset, size, 0, null, null);

    internal static bool CheckReadBufferRect(nint queue, nint buffer, nuint* bufferOrigin, nuint* hostOrigin, nuint* region, nuint bufferRowPitch, nuint bufferSlicePitch, nuint hostRowPitch, nuint hostSlicePitch, void* ptr) =>
        Check_clEnqueueReadBufferRect(new cl_command_queue { Value = queue }, new cl_mem { Value = buffer }, 0, bufferOrigin, hostOrigin, region, bufferRowPitch, bufferSlicePitch, hostRowPitch, hostSlicePitch, ptr, 0, null, null);

    internal static bool CheckReadImage(nint queue, nint image, nuint* origin, nuint* region, nuint rowPitch, nuint slicePitch, void* ptr) =>
        Check_clEnqueueReadImage(new cl_command_queue { Value = queue }, new cl_mem { Value = image }, 0, origin, region, rowPitch, slicePitch, ptr, 0, null, null);

    internal static bool CheckWriteImage(nint queue, nint image, nuint* origin, nuint* region, nuint rowPitch, nuint slicePitch, void* ptr) =>
        Check_clEnqueueWriteImage(new cl_command_queue { Value = queue }, new cl_mem { Value = image }, 0, origin, region, rowPitch, slicePitch, ptr, 0, null, null);

    internal static HostSpan ProbeImageHostSpan(nint image, nuint* region, nuint rowPitch, nuint slicePitch) =>
        ImageHostSpan(new cl_mem { Value = image }, region, rowPitch, slicePitch);

    internal static void LearnProgram(nint program, nint context) =>
        Track_clCreateProgramWithSource(new cl_program { Value = program }, new cl_context { Value = context }, 0, null, null, null);

    /// <summary>
    /// A kernel of <paramref name="program"/> with <paramref name="arguments"/> arguments, as RememberKernel records it
    /// once the library has answered CL_KERNEL_NUM_ARGS (that query needs a worker, so the answer is given here).
    /// </summary>
    internal static void LearnKernel(nint kernel, nint program, int arguments)
    {
        Assert.True(KnownObjects.TryFind(Wire(program), HandleTypeIds.cl_program, out Ava.Guest.GuestObject? p), "the kernel's program is not known");
        KnownObjects.Remember(Wire(kernel), new KnownKernel(p.Owner, Wire(program), arguments));
    }

    internal static bool CheckSetKernelArg(nint kernel, uint index, nuint size, void* value) =>
        Check_clSetKernelArg(new cl_kernel { Value = kernel }, index, size, value);

    /// <summary>What the guest learns from the library's answer to clSetKernelArg.</summary>
    internal static void LearnSetKernelArg(int status, nint kernel, uint index, nuint size, void* value) =>
        After_clSetKernelArg(status, new cl_kernel { Value = kernel }, index, size, value);

    internal static bool CheckLaunch(nint queue, nint kernel, uint dimensions, nuint* offset, nuint* global, nuint* local) =>
        Check_clEnqueueNDRangeKernel(new cl_command_queue { Value = queue }, new cl_kernel { Value = kernel }, dimensions, offset, global, local, 0, null, null);

    /// <summary>What the guest learns from the library's answer to clEnqueueNDRangeKernel.</summary>
    internal static void LearnLaunch(int status, nint queue, nint kernel, uint dimensions, nuint* offset, nuint* global, nuint* local) =>
        After_clEnqueueNDRangeKernel(status, new cl_command_queue { Value = queue }, new cl_kernel { Value = kernel }, dimensions, offset, global, local, 0, null, null);
}
