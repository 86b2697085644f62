// Handle and struct types of the OpenCL spec (/usr/include/CL/cl.h, OpenCL 3.0 headers). C names are kept
// verbatim behind this folder's fence; each handle is one pointer-sized value.
using System.Runtime.InteropServices;
using Ava.Spec;

namespace Ava.OpenCL;

/// <summary><c>typedef struct _cl_platform_id *cl_platform_id;</c></summary>
[HandleType(CName = "cl_platform_id")]
public struct cl_platform_id
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct _cl_device_id *cl_device_id;</c></summary>
[HandleType(CName = "cl_device_id")]
public struct cl_device_id
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct _cl_context *cl_context;</c></summary>
[HandleType(CName = "cl_context", Tracked = true)]
public struct cl_context
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct _cl_command_queue *cl_command_queue;</c></summary>
[HandleType(CName = "cl_command_queue", Tracked = true)]
public struct cl_command_queue
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct _cl_mem *cl_mem;</c></summary>
[HandleType(CName = "cl_mem", Tracked = true)]
public struct cl_mem
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct _cl_program *cl_program;</c></summary>
[HandleType(CName = "cl_program", Tracked = true)]
public struct cl_program
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct _cl_kernel *cl_kernel;</c></summary>
[HandleType(CName = "cl_kernel", Tracked = true)]
public struct cl_kernel
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct _cl_event *cl_event;</c></summary>
[HandleType(CName = "cl_event", Tracked = true)]
public struct cl_event
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct _cl_sampler *cl_sampler;</c></summary>
[HandleType(CName = "cl_sampler", Tracked = true)]
public struct cl_sampler
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct _cl_command_buffer_khr* cl_command_buffer_khr;</c> (cl_ext.h, cl_khr_command_buffer)</summary>
[HandleType(CName = "cl_command_buffer_khr", Tracked = true)]
public struct cl_command_buffer_khr
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct _cl_mutable_command_khr* cl_mutable_command_khr;</c> (cl_ext.h, cl_khr_command_buffer)</summary>
/// <remarks>Owned by its command buffer: no function releases one on its own.</remarks>
[HandleType(CName = "cl_mutable_command_khr")]
public struct cl_mutable_command_khr
{
    /// <summary>The C pointer value.</summary>
    public nint Value;
}

/// <summary><c>typedef struct _cl_image_format { cl_channel_order image_channel_order; cl_channel_type image_channel_data_type; } cl_image_format;</c></summary>
[StructLayout(LayoutKind.Sequential)]
public struct cl_image_format
{
    /// <summary>cl_channel_order.</summary>
    public uint image_channel_order;

    /// <summary>cl_channel_type.</summary>
    public uint image_channel_data_type;
}

/// <summary><c>typedef struct _cl_image_desc { ... union { cl_mem buffer; cl_mem mem_object; }; } cl_image_desc;</c></summary>
/// <remarks><c>buffer</c> is a cl_mem handle inside the struct: the worker translates it (see the hooks).</remarks>
[StructLayout(LayoutKind.Sequential)]
public struct cl_image_desc
{
    /// <summary>cl_mem_object_type.</summary>
    public uint image_type;

    /// <summary>Width in pixels.</summary>
    public nuint image_width;

    /// <summary>Height in pixels.</summary>
    public nuint image_height;

    /// <summary>Depth in pixels.</summary>
    public nuint image_depth;

    /// <summary>Images in an array.</summary>
    public nuint image_array_size;

    /// <summary>Row pitch in bytes.</summary>
    public nuint image_row_pitch;

    /// <summary>Slice pitch in bytes.</summary>
    public nuint image_slice_pitch;

    /// <summary>Must be 0.</summary>
    public uint num_mip_levels;

    /// <summary>Must be 0.</summary>
    public uint num_samples;

    /// <summary>cl_mem buffer / mem_object.</summary>
    public nint buffer;
}
