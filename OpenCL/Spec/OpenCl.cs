// Spec of OpenCL 1.0-3.0 as exported by the ocl-icd loader libOpenCL.so.1 (declarations from
// /usr/include/CL/cl.h, cl_gl.h and cl_egl.h, OpenCL headers 3.0). Each declaration keeps the C name and parameter
// names; the /// comment gives the C signature. Symbol version nodes follow the real library's (objdump -T).
// Design choices that shape the annotations:
// - Handles are the worker's wire ids (the application uses this library directly, not through an ICD loader).
// - Non-blocking transfers and enqueues are async only when the caller asks for no event: an event is an output
//   the caller reads, so an enqueue with a non-NULL event pointer is synchronous.
// - A non-blocking transfer's host memory is the worker's own until its command completes ([PendingTransfer], with
//   the cl_event operations of OpenCL/Worker); a non-blocking read's data comes back as a deferred output, written
//   before the next call that lets the application observe completion returns.
// - Handles inside untyped values (info results, property lists, image descriptors) are translated as the spec says
//   ([InfoValue(Handle)], [PropertyHandle], [MemberHandle]); a kernel argument's by the worker's clSetKernelArg guard,
//   which knows each argument's type (OpenCL/Worker/OpenCl.Worker.KernelArguments.Manual.cs).
// - SVM, GL/EGL sharing and native kernels cannot cross a process boundary: the guest reports them as a
//   conformant OpenCL 3.0 device lacking the feature would ([NotRemoted] with that device's status).
// - Extension functions that the loader does not export (cl_khr_command_buffer 0.9.0 from cl_ext.h of opencl-headers
//   2023.02.06, PoCL's cl_pocl_content_size from its cl_ext_pocl.h) have no symbol version: the application reaches
//   them through clGetExtensionFunctionAddressForPlatform, and the worker binds them per platform the same way.
// - The guest tracks the objects it created ([HandleType(Tracked = true)]: their context, the references the
//   application holds, release callbacks), so calls naming only known objects may travel async; what else a proof
//   needs (sizes, host-access flags, kernel arguments) is kept by the hooks in OpenCL/Guest/OpenCl.Guest.Validity.cs.
//   Image copies and fills are synchronous: their validity depends on format pairs, fill colours and device limits
//   the guest does not track, so only the library can give their status.
// - Buffers, images and pipes take device memory from the tenant's quota; one that does not fit fails with
//   CL_MEM_OBJECT_ALLOCATION_FAILURE, as the device's own allocation failure does. Sub-buffers and images over a
//   buffer share their buffer's memory. The charge goes when the worker's table drops the object's last reference.
using Ava.Spec;

namespace Ava.OpenCL;

/// <summary>The OpenCL API, version 3.0.</summary>
[Api("opencl", 1, Version = "3.0", SoName = "libOpenCL.so.1", Header = "/usr/include/CL/cl.h (OpenCL headers 3.0)",
    RealLibrary = new[] { "libOpenCL.so.1" })]
[SuccessValue(CL_SUCCESS)]
[TransportError(CL_OUT_OF_RESOURCES)]
[OutOfResources(CL_OUT_OF_RESOURCES)] // a bound of the tenant (live objects, threads) refused the call
[InfoQueries(Selector = "param_name", Value = "param_value")]
[ExtensionFunctions(Entry = "ExtensionEntry", Unavailable = CL_INVALID_OPERATION)] // where no platform offers the function
[PendingTransfers(Events = "TransferEvents")] // cl_event, in OpenCL/Worker/OpenCl.Worker.Manual.cs
public static unsafe partial class OpenCl
{
    /// <summary><c>cl_int clBuildProgram(cl_program program, cl_uint num_devices, const cl_device_id * device_list, const char * options, void (CL_CALLBACK * pfn_notify)(cl_program program, void * user_data), void * user_data);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Record(Of = "program")]
    public static partial int clBuildProgram(cl_program program, uint num_devices, [In, Buffer("num_devices", NullWithCount = CL_INVALID_VALUE)] cl_device_id* device_list, [String] sbyte* options, [Callback("user_data")] delegate* unmanaged<cl_program, void*, void> pfn_notify, [UserData] void* user_data);

    /// <summary><c>cl_mem clCreateBuffer(cl_context context, cl_mem_flags flags, size_t size, void * host_ptr, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Allocates]
    [Manual(Side.Guest, Forward = "CreateBuffer(context, null, flags, size, host_ptr, errcode_ret, withProperties: false)")]
    [GuestHook(After = "RememberMemory(ret, context, flags, size, pipe: false)")]
    [AllocatesResource("device_memory", "size", Denied = CL_MEM_OBJECT_ALLOCATION_FAILURE, ErrorArgument = "errcode_ret")]
    [Record]
    public static partial cl_mem clCreateBuffer(cl_context context, ulong flags, nuint size, [In, Buffer("(flags & 0x28) != 0 ? size : 0", ElementSize = 1)] void* host_ptr, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_command_queue clCreateCommandQueue(cl_context context, cl_device_id device, cl_command_queue_properties properties, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Allocates(Owner = "context")]
    [Record]
    public static partial cl_command_queue clCreateCommandQueue(cl_context context, cl_device_id device, ulong properties, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_context clCreateContext(const cl_context_properties * properties, cl_uint num_devices, const cl_device_id * devices, void (CL_CALLBACK * pfn_notify)(const char * errinfo, const void * private_info, size_t cb, void * user_data), void * user_data, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Allocates(OwnsItself = true)]
    [Record]
    public static partial cl_context clCreateContext([In, ZeroTerminated(Stride = 2), PropertyHandle(CL_CONTEXT_PLATFORM, typeof(cl_platform_id))] nint* properties, uint num_devices, [In, Buffer("num_devices", NullWithCount = CL_INVALID_VALUE)] cl_device_id* devices, [Callback("user_data", Persistent = true)] delegate* unmanaged<sbyte*, void*, nuint, void*, void> pfn_notify, [UserData] void* user_data, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_context clCreateContextFromType(const cl_context_properties * properties, cl_device_type device_type, void (CL_CALLBACK * pfn_notify)(const char * errinfo, const void * private_info, size_t cb, void * user_data), void * user_data, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Allocates(OwnsItself = true)]
    [Record]
    public static partial cl_context clCreateContextFromType([In, ZeroTerminated(Stride = 2), PropertyHandle(CL_CONTEXT_PLATFORM, typeof(cl_platform_id))] nint* properties, ulong device_type, [Callback("user_data", Persistent = true)] delegate* unmanaged<sbyte*, void*, nuint, void*, void> pfn_notify, [UserData] void* user_data, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_event clCreateEventFromEGLSyncKHR(cl_context context, CLeglSyncKHR sync, CLeglDisplayKHR display, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Allocates]
    [NotRemoted(CL_INVALID_CONTEXT)]
    [Extension]
    public static partial cl_event clCreateEventFromEGLSyncKHR(cl_context context, nint sync, nint display, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_mem clCreateFromEGLImageKHR(cl_context context, CLeglDisplayKHR egldisplay, CLeglImageKHR eglimage, cl_mem_flags flags, const cl_egl_image_properties_khr * properties, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Allocates]
    [NotRemoted(CL_INVALID_CONTEXT)]
    [Extension]
    public static partial cl_mem clCreateFromEGLImageKHR(cl_context context, nint egldisplay, nint eglimage, ulong flags, [In, ZeroTerminated(Stride = 2)] nint* properties, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_mem clCreateFromGLBuffer(cl_context context, cl_mem_flags flags, cl_GLuint bufobj, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Allocates]
    [NotRemoted(CL_INVALID_CONTEXT)]
    public static partial cl_mem clCreateFromGLBuffer(cl_context context, ulong flags, uint bufobj, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_mem clCreateFromGLRenderbuffer(cl_context context, cl_mem_flags flags, cl_GLuint renderbuffer, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Allocates]
    [NotRemoted(CL_INVALID_CONTEXT)]
    public static partial cl_mem clCreateFromGLRenderbuffer(cl_context context, ulong flags, uint renderbuffer, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_mem clCreateFromGLTexture2D(cl_context context, cl_mem_flags flags, cl_GLenum target, cl_GLint miplevel, cl_GLuint texture, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Allocates]
    [NotRemoted(CL_INVALID_CONTEXT)]
    public static partial cl_mem clCreateFromGLTexture2D(cl_context context, ulong flags, uint target, int miplevel, uint texture, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_mem clCreateFromGLTexture3D(cl_context context, cl_mem_flags flags, cl_GLenum target, cl_GLint miplevel, cl_GLuint texture, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Allocates]
    [NotRemoted(CL_INVALID_CONTEXT)]
    public static partial cl_mem clCreateFromGLTexture3D(cl_context context, ulong flags, uint target, int miplevel, uint texture, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_mem clCreateImage2D(cl_context context, cl_mem_flags flags, const cl_image_format * image_format, size_t image_width, size_t image_height, size_t image_row_pitch, void * host_ptr, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Allocates]
    [Manual(Side.Guest, Forward = "CreateImageLegacy(context, flags, image_format, CL_MEM_OBJECT_IMAGE2D, image_width, image_height, 0, image_row_pitch, 0, host_ptr, errcode_ret)")]
    [GuestHook(After = "RememberImage(ret, context, flags, image_format, CL_MEM_OBJECT_IMAGE2D, image_width, image_height, 0)")]
    [AllocatesResource("device_memory", "ImageBytes(image_format, image_width, image_height, 1)", Denied = CL_MEM_OBJECT_ALLOCATION_FAILURE, ErrorArgument = "errcode_ret")]
    public static partial cl_mem clCreateImage2D(cl_context context, ulong flags, [In] cl_image_format* image_format, nuint image_width, nuint image_height, nuint image_row_pitch, [In, Buffer("0", ElementSize = 1), AlwaysNull] void* host_ptr, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_mem clCreateImage3D(cl_context context, cl_mem_flags flags, const cl_image_format * image_format, size_t image_width, size_t image_height, size_t image_depth, size_t image_row_pitch, size_t image_slice_pitch, void * host_ptr, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Allocates]
    [Manual(Side.Guest, Forward = "CreateImageLegacy(context, flags, image_format, CL_MEM_OBJECT_IMAGE3D, image_width, image_height, image_depth, image_row_pitch, image_slice_pitch, host_ptr, errcode_ret)")]
    [GuestHook(After = "RememberImage(ret, context, flags, image_format, CL_MEM_OBJECT_IMAGE3D, image_width, image_height, image_depth)")]
    [AllocatesResource("device_memory", "ImageBytes(image_format, image_width, image_height, image_depth)", Denied = CL_MEM_OBJECT_ALLOCATION_FAILURE, ErrorArgument = "errcode_ret")]
    public static partial cl_mem clCreateImage3D(cl_context context, ulong flags, [In] cl_image_format* image_format, nuint image_width, nuint image_height, nuint image_depth, nuint image_row_pitch, nuint image_slice_pitch, [In, Buffer("0", ElementSize = 1), AlwaysNull] void* host_ptr, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_kernel clCreateKernel(cl_program program, const char * kernel_name, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Allocates]
    [WorkerHook(After = "After_clCreateKernel")]
    [GuestHook(After = "RememberKernel(ret, program)")]
    [Record]
    public static partial cl_kernel clCreateKernel(cl_program program, [String] sbyte* kernel_name, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_int clCreateKernelsInProgram(cl_program program, cl_uint num_kernels, cl_kernel * kernels, cl_uint * num_kernels_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [WorkerHook(After = "After_clCreateKernelsInProgram")]
    [GuestHook(After = "After_clCreateKernelsInProgram")]
    public static partial int clCreateKernelsInProgram(cl_program program, uint num_kernels, [Out, Allocates, Buffer("num_kernels", Returned = "*num_kernels_ret")] cl_kernel* kernels, [Out] uint* num_kernels_ret);

    /// <summary><c>cl_program clCreateProgramWithBinary(cl_context context, cl_uint num_devices, const cl_device_id * device_list, const size_t * lengths, const unsigned char ** binaries, cl_int * binary_status, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Allocates(Owner = "context")]
    [Record]
    public static partial cl_program clCreateProgramWithBinary(cl_context context, uint num_devices, [In, Buffer("num_devices", NullWithCount = CL_INVALID_VALUE)] cl_device_id* device_list, [In, Buffer("num_devices")] nuint* lengths, [StringArray("num_devices", Lengths = "lengths")] byte** binaries, [Out, Buffer("num_devices")] int* binary_status, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_program clCreateProgramWithSource(cl_context context, cl_uint count, const char ** strings, const size_t * lengths, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Allocates(Owner = "context")]
    [Record]
    public static partial cl_program clCreateProgramWithSource(cl_context context, uint count, [StringArray("count", Lengths = "lengths")] sbyte** strings, [In, Buffer("count")] nuint* lengths, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_sampler clCreateSampler(cl_context context, cl_bool normalized_coords, cl_addressing_mode addressing_mode, cl_filter_mode filter_mode, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Allocates(Owner = "context")]
    [Record]
    public static partial cl_sampler clCreateSampler(cl_context context, uint normalized_coords, uint addressing_mode, uint filter_mode, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_int clEnqueueAcquireEGLObjectsKHR(cl_command_queue command_queue, cl_uint num_objects, const cl_mem * mem_objects, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [NotRemoted(CL_INVALID_CONTEXT)]
    [Extension]
    public static partial int clEnqueueAcquireEGLObjectsKHR(cl_command_queue command_queue, uint num_objects, [In, Buffer("num_objects", NullWithCount = CL_INVALID_VALUE)] cl_mem* mem_objects, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event);

    /// <summary><c>cl_int clEnqueueAcquireGLObjects(cl_command_queue command_queue, cl_uint num_objects, const cl_mem * mem_objects, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [NotRemoted(CL_INVALID_CONTEXT)]
    public static partial int clEnqueueAcquireGLObjects(cl_command_queue command_queue, uint num_objects, [In, Buffer("num_objects", NullWithCount = CL_INVALID_VALUE)] cl_mem* mem_objects, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event);

    /// <summary><c>cl_int clEnqueueBarrier(cl_command_queue command_queue);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Async(Success = CL_SUCCESS)]
    [ProvenByKnownObjects]
    public static partial int clEnqueueBarrier(cl_command_queue command_queue);

    /// <summary><c>cl_int clEnqueueCopyBuffer(cl_command_queue command_queue, cl_mem src_buffer, cl_mem dst_buffer, size_t src_offset, size_t dst_offset, size_t size, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Async(Success = CL_SUCCESS, When = "@event == null")]
    [GuestHook(Check = "Check_clEnqueueCopyBuffer", After = "Accepted(ret, command_queue, src_buffer, dst_buffer)")]
    public static partial int clEnqueueCopyBuffer(cl_command_queue command_queue, cl_mem src_buffer, cl_mem dst_buffer, nuint src_offset, nuint dst_offset, nuint size, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates(Owner = "command_queue")] cl_event* @event);

    /// <summary><c>cl_int clEnqueueCopyBufferToImage(cl_command_queue command_queue, cl_mem src_buffer, cl_mem dst_image, size_t src_offset, const size_t * dst_origin, const size_t * region, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    public static partial int clEnqueueCopyBufferToImage(cl_command_queue command_queue, cl_mem src_buffer, cl_mem dst_image, nuint src_offset, [In, Buffer("3")] nuint* dst_origin, [In, Buffer("3")] nuint* region, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event);

    /// <summary><c>cl_int clEnqueueCopyImage(cl_command_queue command_queue, cl_mem src_image, cl_mem dst_image, const size_t * src_origin, const size_t * dst_origin, const size_t * region, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    public static partial int clEnqueueCopyImage(cl_command_queue command_queue, cl_mem src_image, cl_mem dst_image, [In, Buffer("3")] nuint* src_origin, [In, Buffer("3")] nuint* dst_origin, [In, Buffer("3")] nuint* region, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event);

    /// <summary><c>cl_int clEnqueueCopyImageToBuffer(cl_command_queue command_queue, cl_mem src_image, cl_mem dst_buffer, const size_t * src_origin, const size_t * region, size_t dst_offset, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    public static partial int clEnqueueCopyImageToBuffer(cl_command_queue command_queue, cl_mem src_image, cl_mem dst_buffer, [In, Buffer("3")] nuint* src_origin, [In, Buffer("3")] nuint* region, nuint dst_offset, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event);

    /// <summary><c>void * clEnqueueMapBuffer(cl_command_queue command_queue, cl_mem buffer, cl_bool blocking_map, cl_map_flags map_flags, size_t offset, size_t size, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Manual(Side.Guest, Forward = "MapBuffer(command_queue, buffer, blocking_map, map_flags, offset, size, num_events_in_wait_list, event_wait_list, @event, errcode_ret)")]
    public static partial void* clEnqueueMapBuffer(cl_command_queue command_queue, cl_mem buffer, uint blocking_map, ulong map_flags, nuint offset, nuint size, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>void * clEnqueueMapImage(cl_command_queue command_queue, cl_mem image, cl_bool blocking_map, cl_map_flags map_flags, const size_t * origin, const size_t * region, size_t * image_row_pitch, size_t * image_slice_pitch, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Manual(Side.Guest, Forward = "MapImage(command_queue, image, blocking_map, map_flags, origin, region, image_row_pitch, image_slice_pitch, num_events_in_wait_list, event_wait_list, @event, errcode_ret)")]
    public static partial void* clEnqueueMapImage(cl_command_queue command_queue, cl_mem image, uint blocking_map, ulong map_flags, [In, Buffer("3")] nuint* origin, [In, Buffer("3")] nuint* region, [Out] nuint* image_row_pitch, [Out] nuint* image_slice_pitch, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_int clEnqueueMarker(cl_command_queue command_queue, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    public static partial int clEnqueueMarker(cl_command_queue command_queue, [Out, Allocates(Owner = "command_queue")] cl_event* @event);

    /// <summary><c>cl_int clEnqueueNDRangeKernel(cl_command_queue command_queue, cl_kernel kernel, cl_uint work_dim, const size_t * global_work_offset, const size_t * global_work_size, const size_t * local_work_size, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Async(Success = CL_SUCCESS, When = "@event == null")]
    [WorkerHook(Guard = "Guard_clEnqueueNDRangeKernel")]
    [GuestHook(Check = "Check_clEnqueueNDRangeKernel", After = "After_clEnqueueNDRangeKernel")]
    public static partial int clEnqueueNDRangeKernel(cl_command_queue command_queue, cl_kernel kernel, uint work_dim, [In, Buffer("work_dim")] nuint* global_work_offset, [In, Buffer("work_dim")] nuint* global_work_size, [In, Buffer("work_dim")] nuint* local_work_size, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates(Owner = "command_queue")] cl_event* @event);

    /// <summary><c>cl_int clEnqueueNativeKernel(cl_command_queue command_queue, void (CL_CALLBACK * user_func)(void *), void * args, size_t cb_args, cl_uint num_mem_objects, const cl_mem * mem_list, const void ** args_mem_loc, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [NotRemoted(CL_INVALID_OPERATION)]
    public static partial int clEnqueueNativeKernel(cl_command_queue command_queue, [Callback("args")] delegate* unmanaged<void*, void> user_func, [UserData] void* args, nuint cb_args, uint num_mem_objects, [In, Buffer("num_mem_objects", NullWithCount = CL_INVALID_VALUE)] cl_mem* mem_list, [In, Buffer("num_mem_objects")] nint* args_mem_loc, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event);

    /// <summary><c>cl_int clEnqueueReadBuffer(cl_command_queue command_queue, cl_mem buffer, cl_bool blocking_read, size_t offset, size_t size, void * ptr, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Async(Success = CL_SUCCESS, When = "blocking_read == 0")]
    [GuestHook(Check = "TransferValid(command_queue, buffer, offset, size, ptr, HostMayNotRead, num_events_in_wait_list, event_wait_list)", After = "Accepted(ret, command_queue, buffer)")]
    [Manual(Side.Guest, Forward = "ReadBuffer(command_queue, buffer, blocking_read, offset, size, ptr, num_events_in_wait_list, event_wait_list, @event)")]
    public static partial int clEnqueueReadBuffer(cl_command_queue command_queue, cl_mem buffer, uint blocking_read, nuint offset, nuint size, [Out, Deferred, Buffer("size", ElementSize = 1), PendingTransfer(Blocking = "blocking_read", Event = "@event")] void* ptr, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates(Owner = "command_queue")] cl_event* @event);

    /// <summary><c>cl_int clEnqueueReadImage(cl_command_queue command_queue, cl_mem image, cl_bool blocking_read, const size_t * origin, const size_t * region, size_t row_pitch, size_t slice_pitch, void * ptr, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Async(Success = CL_SUCCESS, When = "blocking_read == 0")]
    [Manual(Side.Guest, Forward = "TransferImage(command_queue, image, blocking_read != 0, origin, region, row_pitch, slice_pitch, ptr, num_events_in_wait_list, event_wait_list, @event, write: false)")]
    [GuestHook(Check = "ImageTransferValid(command_queue, image, origin, region, row_pitch, slice_pitch, ptr, HostMayNotRead, num_events_in_wait_list, event_wait_list)")]
    public static partial int clEnqueueReadImage(cl_command_queue command_queue, cl_mem image, uint blocking_read, [In, Buffer("3")] nuint* origin, [In, Buffer("3")] nuint* region, nuint row_pitch, nuint slice_pitch, [In, Out, Deferred, Buffer("ImageHostBytes(image, region, row_pitch, slice_pitch)", ElementSize = 1), PendingTransfer(Blocking = "blocking_read", Event = "@event", Offset = "ImageHostOffset(image, region, row_pitch, slice_pitch)")] void* ptr, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event);

    /// <summary><c>cl_int clEnqueueReleaseEGLObjectsKHR(cl_command_queue command_queue, cl_uint num_objects, const cl_mem * mem_objects, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [NotRemoted(CL_INVALID_CONTEXT)]
    [Extension]
    public static partial int clEnqueueReleaseEGLObjectsKHR(cl_command_queue command_queue, uint num_objects, [In, Buffer("num_objects", NullWithCount = CL_INVALID_VALUE)] cl_mem* mem_objects, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event);

    /// <summary><c>cl_int clEnqueueReleaseGLObjects(cl_command_queue command_queue, cl_uint num_objects, const cl_mem * mem_objects, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [NotRemoted(CL_INVALID_CONTEXT)]
    public static partial int clEnqueueReleaseGLObjects(cl_command_queue command_queue, uint num_objects, [In, Buffer("num_objects", NullWithCount = CL_INVALID_VALUE)] cl_mem* mem_objects, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event);

    /// <summary><c>cl_int clEnqueueTask(cl_command_queue command_queue, cl_kernel kernel, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Async(Success = CL_SUCCESS, When = "@event == null")]
    [WorkerHook(Guard = "Guard_clEnqueueTask")]
    [GuestHook(Check = "Check_clEnqueueTask", After = "After_clEnqueueTask")]
    public static partial int clEnqueueTask(cl_command_queue command_queue, cl_kernel kernel, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates(Owner = "command_queue")] cl_event* @event);

    /// <summary><c>cl_int clEnqueueUnmapMemObject(cl_command_queue command_queue, cl_mem memobj, void * mapped_ptr, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Manual(Side.Guest, Forward = "Unmap(command_queue, memobj, mapped_ptr, num_events_in_wait_list, event_wait_list, @event)")]
    public static partial int clEnqueueUnmapMemObject(cl_command_queue command_queue, cl_mem memobj, nint mapped_ptr, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event);

    /// <summary><c>cl_int clEnqueueWaitForEvents(cl_command_queue command_queue, cl_uint num_events, const cl_event * event_list);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Async(Success = CL_SUCCESS)]
    [ProvenByKnownObjects(When = "num_events != 0")]
    public static partial int clEnqueueWaitForEvents(cl_command_queue command_queue, uint num_events, [In, Buffer("num_events", NullWithCount = CL_INVALID_VALUE)] cl_event* event_list);

    /// <summary><c>cl_int clEnqueueWriteBuffer(cl_command_queue command_queue, cl_mem buffer, cl_bool blocking_write, size_t offset, size_t size, const void * ptr, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Async(Success = CL_SUCCESS, When = "blocking_write == 0")]
    [WorkerHook(Chunked = "Chunked_clEnqueueWriteBuffer")]
    [GuestHook(Check = "TransferValid(command_queue, buffer, offset, size, ptr, HostMayNotWrite, num_events_in_wait_list, event_wait_list)", After = "Accepted(ret, command_queue, buffer)")]
    [Manual(Side.Guest, Forward = "WriteBuffer(command_queue, buffer, blocking_write, offset, size, ptr, num_events_in_wait_list, event_wait_list, @event)")]
    public static partial int clEnqueueWriteBuffer(cl_command_queue command_queue, cl_mem buffer, uint blocking_write, nuint offset, nuint size, [In, Buffer("size", ElementSize = 1), PendingTransfer(Blocking = "blocking_write", Event = "@event")] void* ptr, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates(Owner = "command_queue")] cl_event* @event);

    /// <summary><c>cl_int clEnqueueWriteImage(cl_command_queue command_queue, cl_mem image, cl_bool blocking_write, const size_t * origin, const size_t * region, size_t input_row_pitch, size_t input_slice_pitch, const void * ptr, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Async(Success = CL_SUCCESS, When = "blocking_write == 0")]
    [Manual(Side.Guest, Forward = "TransferImage(command_queue, image, blocking_write != 0, origin, region, input_row_pitch, input_slice_pitch, ptr, num_events_in_wait_list, event_wait_list, @event, write: true)")]
    [GuestHook(Check = "ImageTransferValid(command_queue, image, origin, region, input_row_pitch, input_slice_pitch, ptr, HostMayNotWrite, num_events_in_wait_list, event_wait_list)")]
    public static partial int clEnqueueWriteImage(cl_command_queue command_queue, cl_mem image, uint blocking_write, [In, Buffer("3")] nuint* origin, [In, Buffer("3")] nuint* region, nuint input_row_pitch, nuint input_slice_pitch, [In, Buffer("ImageHostBytes(image, region, input_row_pitch, input_slice_pitch)", ElementSize = 1), PendingTransfer(Blocking = "blocking_write", Event = "@event", Offset = "ImageHostOffset(image, region, input_row_pitch, input_slice_pitch)")] void* ptr, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event);

    /// <summary><c>cl_int clFinish(cl_command_queue command_queue);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Flush]
    [CompletesPending]
    public static partial int clFinish(cl_command_queue command_queue);

    /// <summary><c>cl_int clFlush(cl_command_queue command_queue);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Flush]
    [Async(Success = CL_SUCCESS)]
    [ProvenByKnownObjects]
    public static partial int clFlush(cl_command_queue command_queue);

    /// <summary><c>cl_int clGetCommandQueueInfo(cl_command_queue command_queue, cl_command_queue_info param_name, size_t param_value_size, void * param_value, size_t * param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
        [InfoValue(CL_QUEUE_CONTEXT, Handle = typeof(cl_context))]
    [InfoValue(CL_QUEUE_DEVICE, Handle = typeof(cl_device_id))]
    [InfoValue(CL_QUEUE_DEVICE_DEFAULT, Handle = typeof(cl_command_queue))]
    [Record(Binds = "param_value")] // CL_QUEUE_DEVICE may be how the application learns a device
    public static partial int clGetCommandQueueInfo(cl_command_queue command_queue, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>cl_int clGetContextInfo(cl_context context, cl_context_info param_name, size_t param_value_size, void * param_value, size_t * param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [InfoValue(CL_CONTEXT_DEVICES, Handle = typeof(cl_device_id))]
    [InfoValue(CL_CONTEXT_PROPERTIES, Handle = typeof(cl_platform_id), PropertyKey = CL_CONTEXT_PLATFORM)]
    [Record(Binds = "param_value")] // CL_CONTEXT_DEVICES: a context from clCreateContextFromType tells its devices only here
    public static partial int clGetContextInfo(cl_context context, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>cl_int clGetDeviceIDs(cl_platform_id platform, cl_device_type device_type, cl_uint num_entries, cl_device_id * devices, cl_uint * num_devices);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
        [Record(Binds = "devices")]
        public static partial int clGetDeviceIDs(cl_platform_id platform, ulong device_type, uint num_entries, [Out, Buffer("num_entries", Returned = "*num_devices")] cl_device_id* devices, [Out] uint* num_devices);

    /// <summary><c>cl_int clGetDeviceInfo(cl_device_id device, cl_device_info param_name, size_t param_value_size, void * param_value, size_t * param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [InfoValue(CL_DEVICE_EXECUTION_CAPABILITIES, Clears = CL_EXEC_NATIVE_KERNEL)]
    [InfoValue(CL_DEVICE_SVM_CAPABILITIES, Clears = -1)] // none
    [InfoValue(CL_DEVICE_PLATFORM, Handle = typeof(cl_platform_id))]
    [InfoValue(CL_DEVICE_PARENT_DEVICE, Handle = typeof(cl_device_id))]
    [Record(Binds = "param_value")] // CL_DEVICE_PLATFORM, CL_DEVICE_PARENT_DEVICE
    [CachedInGuest(Except = [CL_DEVICE_AVAILABLE, CL_DEVICE_REFERENCE_COUNT])] // these can change
    public static partial int clGetDeviceInfo(cl_device_id device, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>cl_int clGetEventInfo(cl_event event, cl_event_info param_name, size_t param_value_size, void * param_value, size_t * param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [CompletesPending]
    [Manual(Side.Guest, Forward = "GetEventInfo(@event, param_name, param_value_size, param_value, param_value_size_ret)")]
    [InfoValue(CL_EVENT_COMMAND_QUEUE, Handle = typeof(cl_command_queue))]
    [InfoValue(CL_EVENT_CONTEXT, Handle = typeof(cl_context))]
    public static partial int clGetEventInfo(cl_event @event, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>cl_int clGetEventProfilingInfo(cl_event event, cl_profiling_info param_name, size_t param_value_size, void * param_value, size_t * param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Manual(Side.Guest, Forward = "GetEventProfilingInfo(@event, param_name, param_value_size, param_value, param_value_size_ret)")]
    public static partial int clGetEventProfilingInfo(cl_event @event, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>void * clGetExtensionFunctionAddress(const char * func_name);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [ExtensionLookup("func_name")]
    public static partial void* clGetExtensionFunctionAddress([String] sbyte* func_name);

    /// <summary><c>cl_int clGetGLContextInfoKHR(const cl_context_properties * properties, cl_gl_context_info param_name, size_t param_value_size, void * param_value, size_t * param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [NotRemoted(CL_INVALID_GL_SHAREGROUP_REFERENCE_KHR)]
    [Extension]
    public static partial int clGetGLContextInfoKHR([In, ZeroTerminated(Stride = 2)] nint* properties, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>cl_int clGetGLObjectInfo(cl_mem memobj, cl_gl_object_type * gl_object_type, cl_GLuint * gl_object_name);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [NotRemoted(CL_INVALID_GL_OBJECT)]
    public static partial int clGetGLObjectInfo(cl_mem memobj, [Out] uint* gl_object_type, [Out] uint* gl_object_name);

    /// <summary><c>cl_int clGetGLTextureInfo(cl_mem memobj, cl_gl_texture_info param_name, size_t param_value_size, void * param_value, size_t * param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [NotRemoted(CL_INVALID_GL_OBJECT)]
    public static partial int clGetGLTextureInfo(cl_mem memobj, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>cl_int clGetImageInfo(cl_mem image, cl_image_info param_name, size_t param_value_size, void * param_value, size_t * param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
        [InfoValue(CL_IMAGE_BUFFER, Handle = typeof(cl_mem))]
    public static partial int clGetImageInfo(cl_mem image, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>cl_int clGetKernelInfo(cl_kernel kernel, cl_kernel_info param_name, size_t param_value_size, void * param_value, size_t * param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
        [InfoValue(CL_KERNEL_CONTEXT, Handle = typeof(cl_context))]
    [InfoValue(CL_KERNEL_PROGRAM, Handle = typeof(cl_program))]
    public static partial int clGetKernelInfo(cl_kernel kernel, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>cl_int clGetKernelWorkGroupInfo(cl_kernel kernel, cl_device_id device, cl_kernel_work_group_info param_name, size_t param_value_size, void * param_value, size_t * param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
        public static partial int clGetKernelWorkGroupInfo(cl_kernel kernel, cl_device_id device, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>cl_int clGetMemObjectInfo(cl_mem memobj, cl_mem_info param_name, size_t param_value_size, void * param_value, size_t * param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Manual(Side.Guest, Forward = "GetMemObjectInfo(memobj, param_name, param_value_size, param_value, param_value_size_ret)")]
        [InfoValue(CL_MEM_CONTEXT, Handle = typeof(cl_context))]
    [InfoValue(CL_MEM_ASSOCIATED_MEMOBJECT, Handle = typeof(cl_mem))]
    public static partial int clGetMemObjectInfo(cl_mem memobj, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>cl_int clGetPlatformIDs(cl_uint num_entries, cl_platform_id * platforms, cl_uint * num_platforms);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
        [NoDriver(CL_PLATFORM_NOT_FOUND_KHR)] // as the ICD loader answers with no platform installed
    [Record(Binds = "platforms")]
    [Extension(As = "clIcdGetPlatformIDsKHR")] // cl_khr_icd's platform query, for applications that look it up
    public static partial int clGetPlatformIDs(uint num_entries, [Out, Buffer("num_entries", Returned = "*num_platforms")] cl_platform_id* platforms, [Out] uint* num_platforms);

    /// <summary><c>cl_int clGetPlatformInfo(cl_platform_id platform, cl_platform_info param_name, size_t param_value_size, void * param_value, size_t * param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [CachedInGuest]
        public static partial int clGetPlatformInfo(cl_platform_id platform, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>cl_int clGetProgramBuildInfo(cl_program program, cl_device_id device, cl_program_build_info param_name, size_t param_value_size, void * param_value, size_t * param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
        public static partial int clGetProgramBuildInfo(cl_program program, cl_device_id device, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>cl_int clGetProgramInfo(cl_program program, cl_program_info param_name, size_t param_value_size, void * param_value, size_t * param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Manual(Side.Guest, Forward = "GetProgramInfo(program, param_name, param_value_size, param_value, param_value_size_ret)")]
    [WorkerHook(Before = "Before_clGetProgramInfo", After = "After_clGetProgramInfo")]
    [InfoValue(CL_PROGRAM_CONTEXT, Handle = typeof(cl_context))]
    [InfoValue(CL_PROGRAM_DEVICES, Handle = typeof(cl_device_id))]
    [Record(Binds = "param_value")] // CL_PROGRAM_DEVICES
    public static partial int clGetProgramInfo(cl_program program, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>cl_int clGetSamplerInfo(cl_sampler sampler, cl_sampler_info param_name, size_t param_value_size, void * param_value, size_t * param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
        [InfoValue(CL_SAMPLER_CONTEXT, Handle = typeof(cl_context))]
    public static partial int clGetSamplerInfo(cl_sampler sampler, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>cl_int clGetSupportedImageFormats(cl_context context, cl_mem_flags flags, cl_mem_object_type image_type, cl_uint num_entries, cl_image_format * image_formats, cl_uint * num_image_formats);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
        public static partial int clGetSupportedImageFormats(cl_context context, ulong flags, uint image_type, uint num_entries, [Out, Buffer("num_entries", Returned = "*num_image_formats")] cl_image_format* image_formats, [Out] uint* num_image_formats);

    /// <summary><c>cl_int clReleaseCommandQueue(cl_command_queue command_queue);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Async(Success = CL_SUCCESS)]
    public static partial int clReleaseCommandQueue([Deallocates] cl_command_queue command_queue);

    /// <summary><c>cl_int clReleaseContext(cl_context context);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Async(Success = CL_SUCCESS)]
    public static partial int clReleaseContext([Deallocates] cl_context context);

    /// <summary><c>cl_int clReleaseEvent(cl_event event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Manual(Side.Guest, Forward = "ReleaseEvent(@event)")]
    [Async(Success = CL_SUCCESS)]
    public static partial int clReleaseEvent([Deallocates] cl_event @event);

    /// <summary><c>cl_int clReleaseKernel(cl_kernel kernel);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Async(Success = CL_SUCCESS)]
    [WorkerHook(Before = "Before_clReleaseKernel", After = "After_clReleaseKernel")]
    public static partial int clReleaseKernel([Deallocates] cl_kernel kernel);

    /// <summary><c>cl_int clReleaseMemObject(cl_mem memobj);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Manual(Side.Guest, Forward = "ReleaseMemObject(memobj)")]
    [Async(Success = CL_SUCCESS)]
    [DeallocatesResource("device_memory")]
    public static partial int clReleaseMemObject([Deallocates] cl_mem memobj);

    /// <summary><c>cl_int clReleaseProgram(cl_program program);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Async(Success = CL_SUCCESS)]
    public static partial int clReleaseProgram([Deallocates] cl_program program);

    /// <summary><c>cl_int clReleaseSampler(cl_sampler sampler);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Async(Success = CL_SUCCESS)]
    public static partial int clReleaseSampler([Deallocates] cl_sampler sampler);

    /// <summary><c>cl_int clRetainCommandQueue(cl_command_queue command_queue);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    public static partial int clRetainCommandQueue([Retains] cl_command_queue command_queue);

    /// <summary><c>cl_int clRetainContext(cl_context context);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    public static partial int clRetainContext([Retains] cl_context context);

    /// <summary><c>cl_int clRetainEvent(cl_event event);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    public static partial int clRetainEvent([Retains] cl_event @event);

    /// <summary><c>cl_int clRetainKernel(cl_kernel kernel);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    public static partial int clRetainKernel([Retains] cl_kernel kernel);

    /// <summary><c>cl_int clRetainMemObject(cl_mem memobj);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    public static partial int clRetainMemObject([Retains] cl_mem memobj);

    /// <summary><c>cl_int clRetainProgram(cl_program program);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    public static partial int clRetainProgram([Retains] cl_program program);

    /// <summary><c>cl_int clRetainSampler(cl_sampler sampler);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    public static partial int clRetainSampler([Retains] cl_sampler sampler);

    /// <summary><c>cl_int clSetCommandQueueProperty(cl_command_queue command_queue, cl_command_queue_properties properties, cl_bool enable, cl_command_queue_properties * old_properties);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    public static partial int clSetCommandQueueProperty(cl_command_queue command_queue, ulong properties, uint enable, [Out] ulong* old_properties);

    /// <summary><c>cl_int clSetKernelArg(cl_kernel kernel, cl_uint arg_index, size_t arg_size, const void * arg_value);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [Async(Success = CL_SUCCESS)]
    [WorkerHook(Guard = "Guard_clSetKernelArg", After = "After_clSetKernelArg")]
    [GuestHook(Check = "Check_clSetKernelArg", After = "After_clSetKernelArg")]
    [Record(Of = "kernel", Key = "arg_index")]
    public static partial int clSetKernelArg(cl_kernel kernel, uint arg_index, nuint arg_size, [In, Buffer("arg_size", ElementSize = 1), MayHoldHandle] void* arg_value);

    /// <summary><c>cl_int clUnloadCompiler(void);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    public static partial int clUnloadCompiler();

    /// <summary><c>cl_int clWaitForEvents(cl_uint num_events, const cl_event * event_list);</c></summary>
    [SymbolVersion("OPENCL_1.0")]
    [CompletesPending]
    public static partial int clWaitForEvents(uint num_events, [In, Buffer("num_events", NullWithCount = CL_INVALID_VALUE)] cl_event* event_list);

    /// <summary><c>cl_event clCreateEventFromGLsyncKHR(cl_context context, cl_GLsync sync, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.1")]
    [Allocates]
    [NotRemoted(CL_INVALID_CONTEXT)]
    [Extension]
    public static partial cl_event clCreateEventFromGLsyncKHR(cl_context context, nint sync, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_mem clCreateSubBuffer(cl_mem buffer, cl_mem_flags flags, cl_buffer_create_type buffer_create_type, const void * buffer_create_info, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.1")]
    [Allocates]
    [GuestHook(After = "After_clCreateSubBuffer")]
    [Record]
    public static partial cl_mem clCreateSubBuffer(cl_mem buffer, ulong flags, uint buffer_create_type, [In, Buffer("2", ElementSize = 8)] void* buffer_create_info, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_int clCreateSubDevicesEXT(cl_device_id in_device, const cl_device_partition_property_ext * properties, cl_uint num_entries, cl_device_id * out_devices, cl_uint * num_devices);</c></summary>
    [SymbolVersion("OPENCL_1.1")]
    [Extension]
    public static partial int clCreateSubDevicesEXT(cl_device_id in_device, [In, ZeroTerminated(Stride = 1, Padding = 1)] ulong* properties, uint num_entries, [Out, Allocates, Buffer("num_entries", Returned = "*num_devices")] cl_device_id* out_devices, [Out] uint* num_devices);

    /// <summary><c>cl_event clCreateUserEvent(cl_context context, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.1")]
    [Allocates(Owner = "context")]
    [GuestHook(After = "After_clCreateUserEvent")]
    [WorkerHook(After = "After_clCreateUserEvent")]
    public static partial cl_event clCreateUserEvent(cl_context context, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_int clEnqueueCopyBufferRect(cl_command_queue command_queue, cl_mem src_buffer, cl_mem dst_buffer, const size_t * src_origin, const size_t * dst_origin, const size_t * region, size_t src_row_pitch, size_t src_slice_pitch, size_t dst_row_pitch, size_t dst_slice_pitch, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.1")]
    [Async(Success = CL_SUCCESS, When = "@event == null")]
    [GuestHook(Check = "Check_clEnqueueCopyBufferRect", After = "Accepted(ret, command_queue, src_buffer, dst_buffer)")]
    public static partial int clEnqueueCopyBufferRect(cl_command_queue command_queue, cl_mem src_buffer, cl_mem dst_buffer, [In, Buffer("3")] nuint* src_origin, [In, Buffer("3")] nuint* dst_origin, [In, Buffer("3")] nuint* region, nuint src_row_pitch, nuint src_slice_pitch, nuint dst_row_pitch, nuint dst_slice_pitch, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates(Owner = "command_queue")] cl_event* @event);

    /// <summary><c>cl_int clEnqueueReadBufferRect(cl_command_queue command_queue, cl_mem buffer, cl_bool blocking_read, const size_t * buffer_origin, const size_t * host_origin, const size_t * region, size_t buffer_row_pitch, size_t buffer_slice_pitch, size_t host_row_pitch, size_t host_slice_pitch, void * ptr, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.1")]
    [Async(Success = CL_SUCCESS, When = "blocking_read == 0")]
    [Manual(Side.Guest, Forward = "TransferRect(command_queue, buffer, blocking_read, buffer_origin, host_origin, region, buffer_row_pitch, buffer_slice_pitch, host_row_pitch, host_slice_pitch, ptr, num_events_in_wait_list, event_wait_list, @event, write: false)")]
    [GuestHook(Check = "RectTransferValid(command_queue, buffer, buffer_origin, host_origin, region, buffer_row_pitch, buffer_slice_pitch, host_row_pitch, host_slice_pitch, ptr, HostMayNotRead, num_events_in_wait_list, event_wait_list)", After = "Accepted(ret, command_queue, buffer)")]
    public static partial int clEnqueueReadBufferRect(cl_command_queue command_queue, cl_mem buffer, uint blocking_read, [In, Buffer("3")] nuint* buffer_origin, [In, Buffer("3")] nuint* host_origin, [In, Buffer("3")] nuint* region, nuint buffer_row_pitch, nuint buffer_slice_pitch, nuint host_row_pitch, nuint host_slice_pitch, [In, Out, Deferred, Buffer("RectHostBytes(host_origin, region, host_row_pitch, host_slice_pitch)", ElementSize = 1), PendingTransfer(Blocking = "blocking_read", Event = "@event", Offset = "RectHostOffset(host_origin, region, host_row_pitch, host_slice_pitch)")] void* ptr, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates(Owner = "command_queue")] cl_event* @event);

    /// <summary><c>cl_int clEnqueueWriteBufferRect(cl_command_queue command_queue, cl_mem buffer, cl_bool blocking_write, const size_t * buffer_origin, const size_t * host_origin, const size_t * region, size_t buffer_row_pitch, size_t buffer_slice_pitch, size_t host_row_pitch, size_t host_slice_pitch, const void * ptr, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.1")]
    [Async(Success = CL_SUCCESS, When = "blocking_write == 0")]
    [Manual(Side.Guest, Forward = "TransferRect(command_queue, buffer, blocking_write, buffer_origin, host_origin, region, buffer_row_pitch, buffer_slice_pitch, host_row_pitch, host_slice_pitch, ptr, num_events_in_wait_list, event_wait_list, @event, write: true)")]
    [GuestHook(Check = "RectTransferValid(command_queue, buffer, buffer_origin, host_origin, region, buffer_row_pitch, buffer_slice_pitch, host_row_pitch, host_slice_pitch, ptr, HostMayNotWrite, num_events_in_wait_list, event_wait_list)", After = "Accepted(ret, command_queue, buffer)")]
    public static partial int clEnqueueWriteBufferRect(cl_command_queue command_queue, cl_mem buffer, uint blocking_write, [In, Buffer("3")] nuint* buffer_origin, [In, Buffer("3")] nuint* host_origin, [In, Buffer("3")] nuint* region, nuint buffer_row_pitch, nuint buffer_slice_pitch, nuint host_row_pitch, nuint host_slice_pitch, [In, Buffer("RectHostBytes(host_origin, region, host_row_pitch, host_slice_pitch)", ElementSize = 1), PendingTransfer(Blocking = "blocking_write", Event = "@event", Offset = "RectHostOffset(host_origin, region, host_row_pitch, host_slice_pitch)")] void* ptr, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates(Owner = "command_queue")] cl_event* @event);

    /// <summary><c>cl_int clReleaseDeviceEXT(cl_device_id device);</c></summary>
    [SymbolVersion("OPENCL_1.1")]
    [Extension]
    public static partial int clReleaseDeviceEXT([Deallocates] cl_device_id device);

    /// <summary><c>cl_int clRetainDeviceEXT(cl_device_id device);</c></summary>
    [SymbolVersion("OPENCL_1.1")]
    [Extension]
    public static partial int clRetainDeviceEXT([Retains] cl_device_id device);

    /// <summary><c>cl_int clSetEventCallback(cl_event event, cl_int command_exec_callback_type, void (CL_CALLBACK * pfn_notify)(cl_event event, cl_int event_command_status, void * user_data), void * user_data);</c></summary>
    [SymbolVersion("OPENCL_1.1")]
    public static partial int clSetEventCallback(cl_event @event, int command_exec_callback_type, [Callback("user_data")] delegate* unmanaged<cl_event, int, void*, void> pfn_notify, [UserData] void* user_data);

    /// <summary><c>cl_int clSetMemObjectDestructorCallback(cl_mem memobj, void (CL_CALLBACK * pfn_notify)(cl_mem memobj, void * user_data), void * user_data);</c></summary>
    [SymbolVersion("OPENCL_1.1")]
    public static partial int clSetMemObjectDestructorCallback([NotifiesOnRelease] cl_mem memobj, [Callback("user_data")] delegate* unmanaged<cl_mem, void*, void> pfn_notify, [UserData] void* user_data);

    /// <summary><c>cl_int clSetUserEventStatus(cl_event event, cl_int execution_status);</c></summary>
    [SymbolVersion("OPENCL_1.1")]
    [GuestHook(After = "After_clSetUserEventStatus")]
    [WorkerHook(After = "After_clSetUserEventStatus")]
    public static partial int clSetUserEventStatus(cl_event @event, int execution_status);

    /// <summary><c>cl_int clCompileProgram(cl_program program, cl_uint num_devices, const cl_device_id * device_list, const char * options, cl_uint num_input_headers, const cl_program * input_headers, const char ** header_include_names, void (CL_CALLBACK * pfn_notify)(cl_program program, void * user_data), void * user_data);</c></summary>
    [SymbolVersion("OPENCL_1.2")]
    [Record(Of = "program")]
    public static partial int clCompileProgram(cl_program program, uint num_devices, [In, Buffer("num_devices", NullWithCount = CL_INVALID_VALUE)] cl_device_id* device_list, [String] sbyte* options, uint num_input_headers, [In, Buffer("num_input_headers", NullWithCount = CL_INVALID_VALUE)] cl_program* input_headers, [StringArray("num_input_headers")] sbyte** header_include_names, [Callback("user_data")] delegate* unmanaged<cl_program, void*, void> pfn_notify, [UserData] void* user_data);

    /// <summary><c>cl_mem clCreateFromGLTexture(cl_context context, cl_mem_flags flags, cl_GLenum target, cl_GLint miplevel, cl_GLuint texture, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.2")]
    [Allocates]
    [NotRemoted(CL_INVALID_CONTEXT)]
    public static partial cl_mem clCreateFromGLTexture(cl_context context, ulong flags, uint target, int miplevel, uint texture, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_mem clCreateImage(cl_context context, cl_mem_flags flags, const cl_image_format * image_format, const cl_image_desc * image_desc, void * host_ptr, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.2")]
    [Allocates]
    [WorkerHook(Guard = "GuardImage(context, image_desc, errcode_ret, out ret)")]
    [Manual(Side.Guest, Forward = "CreateImage(context, null, flags, image_format, image_desc, host_ptr, errcode_ret, withProperties: false)")]
    [GuestHook(After = "RememberImage(ret, context, flags, image_format, image_desc)")]
    [AllocatesResource("device_memory", "ImageBytes(image_format, image_desc)", Denied = CL_MEM_OBJECT_ALLOCATION_FAILURE, ErrorArgument = "errcode_ret")]
    public static partial cl_mem clCreateImage(cl_context context, ulong flags, [In] cl_image_format* image_format, [In, MemberHandle("buffer", typeof(cl_mem))] cl_image_desc* image_desc, [In, Buffer("0", ElementSize = 1), AlwaysNull] void* host_ptr, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_program clCreateProgramWithBuiltInKernels(cl_context context, cl_uint num_devices, const cl_device_id * device_list, const char * kernel_names, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.2")]
    [Allocates(Owner = "context")]
    [Record]
    public static partial cl_program clCreateProgramWithBuiltInKernels(cl_context context, uint num_devices, [In, Buffer("num_devices", NullWithCount = CL_INVALID_VALUE)] cl_device_id* device_list, [String] sbyte* kernel_names, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_int clCreateSubDevices(cl_device_id in_device, const cl_device_partition_property * properties, cl_uint num_devices, cl_device_id * out_devices, cl_uint * num_devices_ret);</c></summary>
    [SymbolVersion("OPENCL_1.2")]
    public static partial int clCreateSubDevices(cl_device_id in_device, [In, ZeroTerminated(Stride = 1, Padding = 1)] nint* properties, uint num_devices, [Out, Allocates, Buffer("num_devices", Returned = "*num_devices_ret")] cl_device_id* out_devices, [Out] uint* num_devices_ret);

    /// <summary><c>cl_int clEnqueueBarrierWithWaitList(cl_command_queue command_queue, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.2")]
    public static partial int clEnqueueBarrierWithWaitList(cl_command_queue command_queue, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates(Owner = "command_queue")] cl_event* @event);

    /// <summary><c>cl_int clEnqueueFillBuffer(cl_command_queue command_queue, cl_mem buffer, const void * pattern, size_t pattern_size, size_t offset, size_t size, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.2")]
    [Async(Success = CL_SUCCESS, When = "@event == null")]
    [GuestHook(Check = "Check_clEnqueueFillBuffer", After = "Accepted(ret, command_queue, buffer)")]
    public static partial int clEnqueueFillBuffer(cl_command_queue command_queue, cl_mem buffer, [In, Buffer("pattern_size", ElementSize = 1)] void* pattern, nuint pattern_size, nuint offset, nuint size, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates(Owner = "command_queue")] cl_event* @event);

    /// <summary><c>cl_int clEnqueueFillImage(cl_command_queue command_queue, cl_mem image, const void * fill_color, const size_t * origin, const size_t * region, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.2")]
    public static partial int clEnqueueFillImage(cl_command_queue command_queue, cl_mem image, [In, Buffer("16", ElementSize = 1)] void* fill_color, [In, Buffer("3")] nuint* origin, [In, Buffer("3")] nuint* region, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event);

    /// <summary><c>cl_int clEnqueueMarkerWithWaitList(cl_command_queue command_queue, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.2")]
    public static partial int clEnqueueMarkerWithWaitList(cl_command_queue command_queue, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates(Owner = "command_queue")] cl_event* @event);

    /// <summary><c>cl_int clEnqueueMigrateMemObjects(cl_command_queue command_queue, cl_uint num_mem_objects, const cl_mem * mem_objects, cl_mem_migration_flags flags, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_1.2")]
    [Async(Success = CL_SUCCESS, When = "@event == null")]
    [ProvenByKnownObjects(When = "num_mem_objects != 0 && (flags & ~3UL) == 0")]
    public static partial int clEnqueueMigrateMemObjects(cl_command_queue command_queue, uint num_mem_objects, [In, Buffer("num_mem_objects", NullWithCount = CL_INVALID_VALUE)] cl_mem* mem_objects, ulong flags, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates(Owner = "command_queue")] cl_event* @event);

    /// <summary><c>void * clGetExtensionFunctionAddressForPlatform(cl_platform_id platform, const char * func_name);</c></summary>
    [SymbolVersion("OPENCL_1.2")]
    [ExtensionLookup("func_name")]
    public static partial void* clGetExtensionFunctionAddressForPlatform(cl_platform_id platform, [String] sbyte* func_name);

    /// <summary><c>cl_int clGetKernelArgInfo(cl_kernel kernel, cl_uint arg_indx, cl_kernel_arg_info param_name, size_t param_value_size, void * param_value, size_t * param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_1.2")]
        public static partial int clGetKernelArgInfo(cl_kernel kernel, uint arg_indx, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>cl_program clLinkProgram(cl_context context, cl_uint num_devices, const cl_device_id * device_list, const char * options, cl_uint num_input_programs, const cl_program * input_programs, void (CL_CALLBACK * pfn_notify)(cl_program program, void * user_data), void * user_data, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_1.2")]
    [Allocates(Owner = "context")]
    [Record]
    public static partial cl_program clLinkProgram(cl_context context, uint num_devices, [In, Buffer("num_devices", NullWithCount = CL_INVALID_VALUE)] cl_device_id* device_list, [String] sbyte* options, uint num_input_programs, [In, Buffer("num_input_programs", NullWithCount = CL_INVALID_VALUE)] cl_program* input_programs, [Callback("user_data")] delegate* unmanaged<cl_program, void*, void> pfn_notify, [UserData] void* user_data, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_int clReleaseDevice(cl_device_id device);</c></summary>
    [SymbolVersion("OPENCL_1.2")]
    public static partial int clReleaseDevice([Deallocates] cl_device_id device);

    /// <summary><c>cl_int clRetainDevice(cl_device_id device);</c></summary>
    [SymbolVersion("OPENCL_1.2")]
    public static partial int clRetainDevice([Retains] cl_device_id device);

    /// <summary><c>cl_int clUnloadPlatformCompiler(cl_platform_id platform);</c></summary>
    [SymbolVersion("OPENCL_1.2")]
    public static partial int clUnloadPlatformCompiler(cl_platform_id platform);

    /// <summary><c>cl_command_queue clCreateCommandQueueWithProperties(cl_context context, cl_device_id device, const cl_queue_properties * properties, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_2.0")]
    [Allocates]
    [GuestHook(After = "After_clCreateCommandQueueWithProperties")]
    [Record]
    public static partial cl_command_queue clCreateCommandQueueWithProperties(cl_context context, cl_device_id device, [In, ZeroTerminated(Stride = 2)] ulong* properties, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_mem clCreatePipe(cl_context context, cl_mem_flags flags, cl_uint pipe_packet_size, cl_uint pipe_max_packets, const cl_pipe_properties * properties, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_2.0")]
    [Allocates]
    [GuestHook(After = "RememberMemory(ret, context, flags, 0, pipe: true)")]
    [AllocatesResource("device_memory", "pipe_packet_size * pipe_max_packets", Denied = CL_MEM_OBJECT_ALLOCATION_FAILURE, ErrorArgument = "errcode_ret")]
    public static partial cl_mem clCreatePipe(cl_context context, ulong flags, uint pipe_packet_size, uint pipe_max_packets, [In, ZeroTerminated(Stride = 2)] ulong* properties, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_sampler clCreateSamplerWithProperties(cl_context context, const cl_sampler_properties * sampler_properties, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_2.0")]
    [Allocates(Owner = "context")]
    [Record]
    public static partial cl_sampler clCreateSamplerWithProperties(cl_context context, [In, ZeroTerminated(Stride = 2)] ulong* sampler_properties, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_int clEnqueueSVMFree(cl_command_queue command_queue, cl_uint num_svm_pointers, void * svm_pointers[], void (CL_CALLBACK * pfn_free_func)(cl_command_queue queue, cl_uint num_svm_pointers, void * svm_pointers[], void * user_data), void * user_data, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_2.0")]
    [NotRemoted(CL_INVALID_OPERATION)]
    public static partial int clEnqueueSVMFree(cl_command_queue command_queue, uint num_svm_pointers, [In, Buffer("num_svm_pointers")] nint* svm_pointers, [Callback("user_data")] delegate* unmanaged<cl_command_queue, uint, void**, void*, void> pfn_free_func, [UserData] void* user_data, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event);

    /// <summary><c>cl_int clEnqueueSVMMap(cl_command_queue command_queue, cl_bool blocking_map, cl_map_flags flags, void * svm_ptr, size_t size, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_2.0")]
    [NotRemoted(CL_INVALID_OPERATION)]
    public static partial int clEnqueueSVMMap(cl_command_queue command_queue, uint blocking_map, ulong flags, nint svm_ptr, nuint size, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event);

    /// <summary><c>cl_int clEnqueueSVMMemFill(cl_command_queue command_queue, void * svm_ptr, const void * pattern, size_t pattern_size, size_t size, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_2.0")]
    [NotRemoted(CL_INVALID_OPERATION)]
    public static partial int clEnqueueSVMMemFill(cl_command_queue command_queue, nint svm_ptr, [In, Buffer("pattern_size", ElementSize = 1)] void* pattern, nuint pattern_size, nuint size, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event);

    /// <summary><c>cl_int clEnqueueSVMMemcpy(cl_command_queue command_queue, cl_bool blocking_copy, void * dst_ptr, const void * src_ptr, size_t size, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_2.0")]
    [NotRemoted(CL_INVALID_OPERATION)]
    public static partial int clEnqueueSVMMemcpy(cl_command_queue command_queue, uint blocking_copy, nint dst_ptr, nint src_ptr, nuint size, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event);

    /// <summary><c>cl_int clEnqueueSVMUnmap(cl_command_queue command_queue, void * svm_ptr, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_2.0")]
    [NotRemoted(CL_INVALID_OPERATION)]
    public static partial int clEnqueueSVMUnmap(cl_command_queue command_queue, nint svm_ptr, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event);

    /// <summary><c>cl_int clGetKernelSubGroupInfoKHR(cl_kernel in_kernel, cl_device_id in_device, cl_kernel_sub_group_info param_name, size_t input_value_size, const void * input_value, size_t param_value_size, void * param_value, size_t * param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_2.0")]
    [Extension]
    public static partial int clGetKernelSubGroupInfoKHR(cl_kernel in_kernel, cl_device_id in_device, uint param_name, nuint input_value_size, [In, Buffer("input_value_size", ElementSize = 1)] void* input_value, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>cl_int clGetPipeInfo(cl_mem pipe, cl_pipe_info param_name, size_t param_value_size, void * param_value, size_t * param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_2.0")]
        public static partial int clGetPipeInfo(cl_mem pipe, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>void * clSVMAlloc(cl_context context, cl_svm_mem_flags flags, size_t size, cl_uint alignment);</c></summary>
    [SymbolVersion("OPENCL_2.0")]
    [NotRemoted]
    public static partial void* clSVMAlloc(cl_context context, ulong flags, nuint size, uint alignment);

    /// <summary><c>void clSVMFree(cl_context context, void * svm_pointer);</c></summary>
    [SymbolVersion("OPENCL_2.0")]
    [NotRemoted]
    public static partial void clSVMFree(cl_context context, nint svm_pointer);

    /// <summary><c>cl_int clSetKernelArgSVMPointer(cl_kernel kernel, cl_uint arg_index, const void * arg_value);</c></summary>
    [SymbolVersion("OPENCL_2.0")]
    [NotRemoted(CL_INVALID_OPERATION)]
    public static partial int clSetKernelArgSVMPointer(cl_kernel kernel, uint arg_index, nint arg_value);

    /// <summary><c>cl_int clSetKernelExecInfo(cl_kernel kernel, cl_kernel_exec_info param_name, size_t param_value_size, const void * param_value);</c></summary>
    [SymbolVersion("OPENCL_2.0")]
    public static partial int clSetKernelExecInfo(cl_kernel kernel, uint param_name, nuint param_value_size, [In, Buffer("param_value_size", ElementSize = 1)] void* param_value);

    /// <summary><c>cl_kernel clCloneKernel(cl_kernel source_kernel, cl_int* errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_2.1")]
    [Allocates]
    [WorkerHook(After = "After_clCloneKernel")]
    [GuestHook(After = "After_clCloneKernel")]
    public static partial cl_kernel clCloneKernel(cl_kernel source_kernel, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_program clCreateProgramWithIL(cl_context context, const void* il, size_t length, cl_int* errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_2.1")]
    [Allocates(Owner = "context")]
    [Record]
    [Extension(As = "clCreateProgramWithILKHR")]
    public static partial cl_program clCreateProgramWithIL(cl_context context, [In, Buffer("length", ElementSize = 1)] void* il, nuint length, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_int clEnqueueSVMMigrateMem(cl_command_queue command_queue, cl_uint num_svm_pointers, const void ** svm_pointers, const size_t * sizes, cl_mem_migration_flags flags, cl_uint num_events_in_wait_list, const cl_event * event_wait_list, cl_event * event);</c></summary>
    [SymbolVersion("OPENCL_2.1")]
    [NotRemoted(CL_INVALID_OPERATION)]
    public static partial int clEnqueueSVMMigrateMem(cl_command_queue command_queue, uint num_svm_pointers, [In, Buffer("num_svm_pointers")] nint* svm_pointers, [In, Buffer("num_svm_pointers")] nuint* sizes, ulong flags, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates] cl_event* @event);

    /// <summary><c>cl_int clGetDeviceAndHostTimer(cl_device_id device, cl_ulong* device_timestamp, cl_ulong* host_timestamp);</c></summary>
    [SymbolVersion("OPENCL_2.1")]
    public static partial int clGetDeviceAndHostTimer(cl_device_id device, [Out] ulong* device_timestamp, [Out] ulong* host_timestamp);

    /// <summary><c>cl_int clGetHostTimer(cl_device_id device, cl_ulong * host_timestamp);</c></summary>
    [SymbolVersion("OPENCL_2.1")]
    public static partial int clGetHostTimer(cl_device_id device, [Out] ulong* host_timestamp);

    /// <summary><c>cl_int clGetKernelSubGroupInfo(cl_kernel kernel, cl_device_id device, cl_kernel_sub_group_info param_name, size_t input_value_size, const void* input_value, size_t param_value_size, void* param_value, size_t* param_value_size_ret);</c></summary>
    [SymbolVersion("OPENCL_2.1")]
        public static partial int clGetKernelSubGroupInfo(cl_kernel kernel, cl_device_id device, uint param_name, nuint input_value_size, [In, Buffer("input_value_size", ElementSize = 1)] void* input_value, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>cl_int clSetDefaultDeviceCommandQueue(cl_context context, cl_device_id device, cl_command_queue command_queue);</c></summary>
    [SymbolVersion("OPENCL_2.1")]
    public static partial int clSetDefaultDeviceCommandQueue(cl_context context, cl_device_id device, cl_command_queue command_queue);

    /// <summary><c>cl_int clSetProgramReleaseCallback(cl_program program, void (CL_CALLBACK * pfn_notify)(cl_program program, void * user_data), void * user_data);</c></summary>
    [SymbolVersion("OPENCL_2.2")]
    public static partial int clSetProgramReleaseCallback([NotifiesOnRelease] cl_program program, [Callback("user_data")] delegate* unmanaged<cl_program, void*, void> pfn_notify, [UserData] void* user_data);

    /// <summary><c>cl_int clSetProgramSpecializationConstant(cl_program program, cl_uint spec_id, size_t spec_size, const void* spec_value);</c></summary>
    [SymbolVersion("OPENCL_2.2")]
    public static partial int clSetProgramSpecializationConstant(cl_program program, uint spec_id, nuint spec_size, [In, Buffer("spec_size", ElementSize = 1)] void* spec_value);

    /// <summary><c>cl_mem clCreateBufferWithProperties(cl_context context, const cl_mem_properties * properties, cl_mem_flags flags, size_t size, void * host_ptr, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_3.0")]
    [Allocates]
    [Manual(Side.Guest, Forward = "CreateBuffer(context, properties, flags, size, host_ptr, errcode_ret, withProperties: true)")]
    [GuestHook(After = "RememberMemory(ret, context, flags, size, pipe: false)")]
    [AllocatesResource("device_memory", "size", Denied = CL_MEM_OBJECT_ALLOCATION_FAILURE, ErrorArgument = "errcode_ret")]
    [Record]
    public static partial cl_mem clCreateBufferWithProperties(cl_context context, [In, ZeroTerminated(Stride = 2)] ulong* properties, ulong flags, nuint size, [In, Buffer("(flags & 0x28) != 0 ? size : 0", ElementSize = 1)] void* host_ptr, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_mem clCreateImageWithProperties(cl_context context, const cl_mem_properties * properties, cl_mem_flags flags, const cl_image_format * image_format, const cl_image_desc * image_desc, void * host_ptr, cl_int * errcode_ret);</c></summary>
    [SymbolVersion("OPENCL_3.0")]
    [Allocates]
    [WorkerHook(Guard = "GuardImage(context, image_desc, errcode_ret, out ret)")]
    [Manual(Side.Guest, Forward = "CreateImage(context, properties, flags, image_format, image_desc, host_ptr, errcode_ret, withProperties: true)")]
    [GuestHook(After = "RememberImage(ret, context, flags, image_format, image_desc)")]
    [AllocatesResource("device_memory", "ImageBytes(image_format, image_desc)", Denied = CL_MEM_OBJECT_ALLOCATION_FAILURE, ErrorArgument = "errcode_ret")]
    public static partial cl_mem clCreateImageWithProperties(cl_context context, [In, ZeroTerminated(Stride = 2)] ulong* properties, ulong flags, [In] cl_image_format* image_format, [In, MemberHandle("buffer", typeof(cl_mem))] cl_image_desc* image_desc, [In, Buffer("0", ElementSize = 1), AlwaysNull] void* host_ptr, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_int clSetContextDestructorCallback(cl_context context, void (CL_CALLBACK* pfn_notify)(cl_context context, void* user_data), void* user_data);</c></summary>
    [SymbolVersion("OPENCL_3.0")]
    public static partial int clSetContextDestructorCallback([NotifiesOnRelease] cl_context context, [Callback("user_data")] delegate* unmanaged<cl_context, void*, void> pfn_notify, [UserData] void* user_data);

    /// <summary><c>cl_int clGetICDLoaderInfoOCLICD(cl_icdl_info param_name, size_t param_value_size, void *param_value,
    /// size_t *param_value_size_ret);</c> ocl-icd's loader query, reached only through clGetExtensionFunctionAddress (not
    /// exported): the worker's loader is the one that answers.</summary>
    [Extension(Key = "0")] // the loader's own: no platform selects it
    public static partial int clGetICDLoaderInfoOCLICD(uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary>
    /// Wire form of a large clEnqueueReadBuffer/clEnqueueWriteBuffer (the guest proved it valid) between processes of
    /// one host: the worker maps the buffer and copies straight between it and the guest's memory at
    /// <paramref name="address"/> with the kernel's cross-memory attach, one copy as natively, instead of staging the
    /// bytes through the rings. Not exported. Answers <see cref="CrossMemoryUnavailable"/> where the channel or the
    /// kernel does not allow it, having changed nothing; the guest then takes the ordinary path.
    /// </summary>
    [Manual(Side.Guest)]
    [WorkerHook(Before = "Before_avaTransferWithGuest")]
    public static partial int avaTransferWithGuest(cl_command_queue command_queue, cl_mem buffer, uint write, nuint offset, nuint size, ulong address, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list);

    // ---- cl_khr_command_buffer (0.9.0) and cl_pocl_content_size ---------------------------------------------------
    // Every call is synchronous: recording is done once and enqueued many times, and the library's own status of each
    // recorded command (sync points, finalized buffers, queue properties) is what the application must see. A kernel's
    // arguments are captured by the library when the command is recorded, as natively.

    /// <summary><c>cl_command_buffer_khr clCreateCommandBufferKHR(cl_uint num_queues, const cl_command_queue* queues, const cl_command_buffer_properties_khr* properties, cl_int* errcode_ret);</c></summary>
    [Allocates(Owner = "queues")]
    [Extension(Key = "PlatformOfQueues(num_queues, queues)")]
    public static partial cl_command_buffer_khr clCreateCommandBufferKHR(uint num_queues, [In, Buffer("num_queues", NullWithCount = CL_INVALID_VALUE)] cl_command_queue* queues, [In, ZeroTerminated(Stride = 2)] ulong* properties, [Out, ErrorOut] int* errcode_ret);

    /// <summary><c>cl_int clFinalizeCommandBufferKHR(cl_command_buffer_khr command_buffer);</c></summary>
    [Extension(KeyOf = "command_buffer")]
    public static partial int clFinalizeCommandBufferKHR(cl_command_buffer_khr command_buffer);

    /// <summary><c>cl_int clRetainCommandBufferKHR(cl_command_buffer_khr command_buffer);</c></summary>
    [Extension(KeyOf = "command_buffer")]
    public static partial int clRetainCommandBufferKHR([Retains] cl_command_buffer_khr command_buffer);

    /// <summary><c>cl_int clReleaseCommandBufferKHR(cl_command_buffer_khr command_buffer);</c></summary>
    /// <remarks>Synchronous: its last release may free queues, buffers and kernels the command buffer held, with their callbacks.</remarks>
    [Extension(KeyOf = "command_buffer")]
    public static partial int clReleaseCommandBufferKHR([Deallocates] cl_command_buffer_khr command_buffer);

    /// <summary><c>cl_int clEnqueueCommandBufferKHR(cl_uint num_queues, cl_command_queue* queues, cl_command_buffer_khr command_buffer, cl_uint num_events_in_wait_list, const cl_event* event_wait_list, cl_event* event);</c></summary>
    [Extension(KeyOf = "command_buffer")]
    public static partial int clEnqueueCommandBufferKHR(uint num_queues, [In, Buffer("num_queues", NullWithCount = CL_INVALID_VALUE)] cl_command_queue* queues, cl_command_buffer_khr command_buffer, uint num_events_in_wait_list, [In, Buffer("num_events_in_wait_list", NullWithCount = CL_INVALID_EVENT_WAIT_LIST)] cl_event* event_wait_list, [Out, Allocates(Owner = "command_buffer")] cl_event* @event);

    /// <summary><c>cl_int clCommandBarrierWithWaitListKHR(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_uint num_sync_points_in_wait_list, const cl_sync_point_khr* sync_point_wait_list, cl_sync_point_khr* sync_point, cl_mutable_command_khr* mutable_handle);</c></summary>
    [Extension(KeyOf = "command_buffer")]
    public static partial int clCommandBarrierWithWaitListKHR(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, uint num_sync_points_in_wait_list, [In, Buffer("num_sync_points_in_wait_list")] uint* sync_point_wait_list, [Out] uint* sync_point, [Out, Allocates] cl_mutable_command_khr* mutable_handle);

    /// <summary><c>cl_int clCommandCopyBufferKHR(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem src_buffer, cl_mem dst_buffer, size_t src_offset, size_t dst_offset, size_t size, cl_uint num_sync_points_in_wait_list, const cl_sync_point_khr* sync_point_wait_list, cl_sync_point_khr* sync_point, cl_mutable_command_khr* mutable_handle);</c></summary>
    [Extension(KeyOf = "command_buffer")]
    public static partial int clCommandCopyBufferKHR(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem src_buffer, cl_mem dst_buffer, nuint src_offset, nuint dst_offset, nuint size, uint num_sync_points_in_wait_list, [In, Buffer("num_sync_points_in_wait_list")] uint* sync_point_wait_list, [Out] uint* sync_point, [Out, Allocates] cl_mutable_command_khr* mutable_handle);

    /// <summary><c>cl_int clCommandCopyBufferRectKHR(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem src_buffer, cl_mem dst_buffer, const size_t* src_origin, const size_t* dst_origin, const size_t* region, size_t src_row_pitch, size_t src_slice_pitch, size_t dst_row_pitch, size_t dst_slice_pitch, cl_uint num_sync_points_in_wait_list, const cl_sync_point_khr* sync_point_wait_list, cl_sync_point_khr* sync_point, cl_mutable_command_khr* mutable_handle);</c></summary>
    [Extension(KeyOf = "command_buffer")]
    public static partial int clCommandCopyBufferRectKHR(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem src_buffer, cl_mem dst_buffer, [In, Buffer("3")] nuint* src_origin, [In, Buffer("3")] nuint* dst_origin, [In, Buffer("3")] nuint* region, nuint src_row_pitch, nuint src_slice_pitch, nuint dst_row_pitch, nuint dst_slice_pitch, uint num_sync_points_in_wait_list, [In, Buffer("num_sync_points_in_wait_list")] uint* sync_point_wait_list, [Out] uint* sync_point, [Out, Allocates] cl_mutable_command_khr* mutable_handle);

    /// <summary><c>cl_int clCommandCopyBufferToImageKHR(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem src_buffer, cl_mem dst_image, size_t src_offset, const size_t* dst_origin, const size_t* region, cl_uint num_sync_points_in_wait_list, const cl_sync_point_khr* sync_point_wait_list, cl_sync_point_khr* sync_point, cl_mutable_command_khr* mutable_handle);</c></summary>
    [Extension(KeyOf = "command_buffer")]
    public static partial int clCommandCopyBufferToImageKHR(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem src_buffer, cl_mem dst_image, nuint src_offset, [In, Buffer("3")] nuint* dst_origin, [In, Buffer("3")] nuint* region, uint num_sync_points_in_wait_list, [In, Buffer("num_sync_points_in_wait_list")] uint* sync_point_wait_list, [Out] uint* sync_point, [Out, Allocates] cl_mutable_command_khr* mutable_handle);

    /// <summary><c>cl_int clCommandCopyImageKHR(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem src_image, cl_mem dst_image, const size_t* src_origin, const size_t* dst_origin, const size_t* region, cl_uint num_sync_points_in_wait_list, const cl_sync_point_khr* sync_point_wait_list, cl_sync_point_khr* sync_point, cl_mutable_command_khr* mutable_handle);</c></summary>
    [Extension(KeyOf = "command_buffer")]
    public static partial int clCommandCopyImageKHR(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem src_image, cl_mem dst_image, [In, Buffer("3")] nuint* src_origin, [In, Buffer("3")] nuint* dst_origin, [In, Buffer("3")] nuint* region, uint num_sync_points_in_wait_list, [In, Buffer("num_sync_points_in_wait_list")] uint* sync_point_wait_list, [Out] uint* sync_point, [Out, Allocates] cl_mutable_command_khr* mutable_handle);

    /// <summary><c>cl_int clCommandCopyImageToBufferKHR(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem src_image, cl_mem dst_buffer, const size_t* src_origin, const size_t* region, size_t dst_offset, cl_uint num_sync_points_in_wait_list, const cl_sync_point_khr* sync_point_wait_list, cl_sync_point_khr* sync_point, cl_mutable_command_khr* mutable_handle);</c></summary>
    [Extension(KeyOf = "command_buffer")]
    public static partial int clCommandCopyImageToBufferKHR(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem src_image, cl_mem dst_buffer, [In, Buffer("3")] nuint* src_origin, [In, Buffer("3")] nuint* region, nuint dst_offset, uint num_sync_points_in_wait_list, [In, Buffer("num_sync_points_in_wait_list")] uint* sync_point_wait_list, [Out] uint* sync_point, [Out, Allocates] cl_mutable_command_khr* mutable_handle);

    /// <summary><c>cl_int clCommandFillBufferKHR(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem buffer, const void* pattern, size_t pattern_size, size_t offset, size_t size, cl_uint num_sync_points_in_wait_list, const cl_sync_point_khr* sync_point_wait_list, cl_sync_point_khr* sync_point, cl_mutable_command_khr* mutable_handle);</c></summary>
    [Extension(KeyOf = "command_buffer")]
    public static partial int clCommandFillBufferKHR(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem buffer, [In, Buffer("pattern_size", ElementSize = 1)] void* pattern, nuint pattern_size, nuint offset, nuint size, uint num_sync_points_in_wait_list, [In, Buffer("num_sync_points_in_wait_list")] uint* sync_point_wait_list, [Out] uint* sync_point, [Out, Allocates] cl_mutable_command_khr* mutable_handle);

    /// <summary><c>cl_int clCommandFillImageKHR(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem image, const void* fill_color, const size_t* origin, const size_t* region, cl_uint num_sync_points_in_wait_list, const cl_sync_point_khr* sync_point_wait_list, cl_sync_point_khr* sync_point, cl_mutable_command_khr* mutable_handle);</c></summary>
    [Extension(KeyOf = "command_buffer")]
    public static partial int clCommandFillImageKHR(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, cl_mem image, [In, Buffer("16", ElementSize = 1)] void* fill_color, [In, Buffer("3")] nuint* origin, [In, Buffer("3")] nuint* region, uint num_sync_points_in_wait_list, [In, Buffer("num_sync_points_in_wait_list")] uint* sync_point_wait_list, [Out] uint* sync_point, [Out, Allocates] cl_mutable_command_khr* mutable_handle);

    /// <summary><c>cl_int clCommandNDRangeKernelKHR(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, const cl_ndrange_kernel_command_properties_khr* properties, cl_kernel kernel, cl_uint work_dim, const size_t* global_work_offset, const size_t* global_work_size, const size_t* local_work_size, cl_uint num_sync_points_in_wait_list, const cl_sync_point_khr* sync_point_wait_list, cl_sync_point_khr* sync_point, cl_mutable_command_khr* mutable_handle);</c></summary>
    [Extension(KeyOf = "command_buffer")]
    [WorkerHook(Guard = "Guard_clCommandNDRangeKernelKHR")]
    public static partial int clCommandNDRangeKernelKHR(cl_command_buffer_khr command_buffer, cl_command_queue command_queue, [In, ZeroTerminated(Stride = 2)] ulong* properties, cl_kernel kernel, uint work_dim, [In, Buffer("work_dim")] nuint* global_work_offset, [In, Buffer("work_dim")] nuint* global_work_size, [In, Buffer("work_dim")] nuint* local_work_size, uint num_sync_points_in_wait_list, [In, Buffer("num_sync_points_in_wait_list")] uint* sync_point_wait_list, [Out] uint* sync_point, [Out, Allocates] cl_mutable_command_khr* mutable_handle);

    /// <summary><c>cl_int clGetCommandBufferInfoKHR(cl_command_buffer_khr command_buffer, cl_command_buffer_info_khr param_name, size_t param_value_size, void* param_value, size_t* param_value_size_ret);</c></summary>
    // 0x1299: CL_COMMAND_BUFFER_CONTEXT_KHR of later revisions of the extension, which this header predates.
    [InfoValue(CL_COMMAND_BUFFER_QUEUES_KHR, Handle = typeof(cl_command_queue))]
    [InfoValue(0x1299, Handle = typeof(cl_context))]
    [Extension(KeyOf = "command_buffer")]
    public static partial int clGetCommandBufferInfoKHR(cl_command_buffer_khr command_buffer, uint param_name, nuint param_value_size, [Out, Buffer("param_value_size", ElementSize = 1, Returned = "*param_value_size_ret")] void* param_value, [Out] nuint* param_value_size_ret);

    /// <summary><c>cl_int clSetContentSizeBufferPoCL(cl_mem buffer, cl_mem content_size_buffer);</c> (PoCL's cl_ext_pocl.h)</summary>
    [Extension(Key = "PlatformOfMemory(buffer)")]
    public static partial int clSetContentSizeBufferPoCL(cl_mem buffer, cl_mem content_size_buffer);
}
