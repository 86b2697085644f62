// What the hand-written guest and worker parts of OpenCL share (both compile the spec folder).
namespace Ava.OpenCL;

/// <summary>Constants and helpers of the OpenCL spec used by both sides' hand-written parts and by its annotations.</summary>
public static partial class OpenCl
{
    private const uint ProgramNumDevices = 0x1162;
    private const uint ProgramBinarySizes = 0x1165;
    private const uint ProgramBinaries = 0x1166;
    private const uint MemObjectImage2D = 0x10F1;
    private const uint MemObjectImage3D = 0x10F2;
    private const uint MemObjectImage2DArray = 0x10F3;
    private const uint MemObjectImage1D = 0x10F4;
    private const uint MemObjectImage1DArray = 0x10F5;
    private const uint MemObjectImage1DBuffer = 0x10F6;

    /// <summary>avaTransferWithGuest's answer when it cannot copy across processes here (not an OpenCL status).</summary>
    private const int CrossMemoryUnavailable = int.MinValue + 1;

    /// <summary>CL_MEM_OBJECT_ALLOCATION_FAILURE: what a memory object the tenant's device memory quota refuses reports.</summary>
    private const int MemObjectAllocationFailure = -4;

    /// <summary>
    /// Private clGetProgramInfo parameter between our guest and worker: <c>ProgramBinaryOfDevice | i</c> reads the
    /// binary of device i into param_value (CL_PROGRAM_BINARIES points into the caller's memory, which the worker
    /// cannot write; the guest fetches each binary this way). Real parameter names never have these high bits.
    /// </summary>
    private const uint ProgramBinaryOfDevice = 0xA7A00000;

    /// <summary>
    /// Device memory of an image described by <paramref name="desc"/> (the amount its creation takes from the
    /// tenant's quota): pixels times the format's element size. An image over a buffer shares the buffer's memory
    /// and takes nothing; a format or type the helper does not know takes nothing (the library refuses it anyway).
    /// </summary>
    internal static unsafe ulong ImageBytes(cl_image_format* format, cl_image_desc* desc)
    {
        if (desc == null || desc->buffer != 0)
        {
            return 0;
        }

        return desc->image_type switch
        {
            MemObjectImage1D => ImageBytes(format, desc->image_width, 1, 1),
            MemObjectImage1DArray => ImageBytes(format, desc->image_width, desc->image_array_size, 1),
            MemObjectImage2D => ImageBytes(format, desc->image_width, desc->image_height, 1),
            MemObjectImage2DArray => ImageBytes(format, desc->image_width, desc->image_height, desc->image_array_size),
            MemObjectImage3D => ImageBytes(format, desc->image_width, desc->image_height, desc->image_depth),
            _ => 0,
        };
    }

    /// <summary>Device memory of a <paramref name="width"/> x <paramref name="height"/> x <paramref name="depth"/> image of <paramref name="format"/>.</summary>
    internal static unsafe ulong ImageBytes(cl_image_format* format, nuint width, nuint height, nuint depth) =>
        format == null ? 0 : checked((ulong)width * height * depth * ElementBytes(format->image_channel_order, format->image_channel_data_type));

    /// <summary>Bytes of one pixel (cl.h's channel orders and types); 0 when unknown.</summary>
    private static ulong ElementBytes(uint order, uint type)
    {
        // Packed types hold every channel of a pixel in one value.
        ulong packed = type switch
        {
            0x10D4 or 0x10D5 => 2, // CL_UNORM_SHORT_565, CL_UNORM_SHORT_555
            0x10D6 or 0x10DF or 0x10E0 => 4, // CL_UNORM_INT_101010, CL_UNORM_INT24, CL_UNORM_INT_101010_2
            _ => 0,
        };
        if (packed != 0)
        {
            return packed;
        }

        ulong channel = type switch
        {
            0x10D0 or 0x10D2 or 0x10D7 or 0x10DA => 1, // CL_SNORM_INT8, CL_UNORM_INT8, CL_SIGNED_INT8, CL_UNSIGNED_INT8
            0x10D1 or 0x10D3 or 0x10D8 or 0x10DB or 0x10DD => 2, // CL_SNORM_INT16, CL_UNORM_INT16, CL_SIGNED_INT16, CL_UNSIGNED_INT16, CL_HALF_FLOAT
            0x10D9 or 0x10DC or 0x10DE => 4, // CL_SIGNED_INT32, CL_UNSIGNED_INT32, CL_FLOAT
            _ => 0,
        };
        ulong channels = order switch
        {
            0x10B0 or 0x10B1 or 0x10B8 or 0x10B9 or 0x10BA or 0x10BD => 1, // CL_R, CL_A, CL_INTENSITY, CL_LUMINANCE, CL_Rx, CL_DEPTH
            0x10B2 or 0x10B3 or 0x10BB => 2, // CL_RG, CL_RA, CL_RGx
            0x10B4 or 0x10BF => 3, // CL_RGB, CL_sRGB
            0x10B5 or 0x10B6 or 0x10B7 or 0x10BC or 0x10C0 or 0x10C1 or 0x10C2 or 0x10C3 => 4, // CL_RGBA, CL_BGRA, CL_ARGB, CL_RGBx, CL_sRGBx, CL_sRGBA, CL_sBGRA, CL_ABGR
            _ => 0,
        };
        return channel * channels;
    }
}
