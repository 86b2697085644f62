// What the hand-written guest and worker parts of OpenCL share (both compile the spec folder).
namespace Ava.OpenCL;

/// <summary>Constants and helpers of the OpenCL spec used by both sides' hand-written parts and by its annotations.</summary>
public static partial class OpenCl
{
    /// <summary>The host-access flags of an object the host may not read (a read or read map of it: CL_INVALID_OPERATION).</summary>
    private const ulong HostMayNotRead = CL_MEM_HOST_WRITE_ONLY | CL_MEM_HOST_NO_ACCESS;

    /// <summary>The host-access flags of an object the host may not write.</summary>
    private const ulong HostMayNotWrite = CL_MEM_HOST_READ_ONLY | CL_MEM_HOST_NO_ACCESS;

    /// <summary>avaTransferWithGuest's answer when it cannot copy across processes here (not an OpenCL status).</summary>
    private const int CrossMemoryUnavailable = int.MinValue + 1;

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
            CL_MEM_OBJECT_IMAGE1D => ImageBytes(format, desc->image_width, 1, 1),
            CL_MEM_OBJECT_IMAGE1D_ARRAY => ImageBytes(format, desc->image_width, desc->image_array_size, 1),
            CL_MEM_OBJECT_IMAGE2D => ImageBytes(format, desc->image_width, desc->image_height, 1),
            CL_MEM_OBJECT_IMAGE2D_ARRAY => ImageBytes(format, desc->image_width, desc->image_height, desc->image_array_size),
            CL_MEM_OBJECT_IMAGE3D => ImageBytes(format, desc->image_width, desc->image_height, desc->image_depth),
            _ => 0,
        };
    }

    /// <summary>
    /// Device memory of a <paramref name="width"/> x <paramref name="height"/> x <paramref name="depth"/> image of
    /// <paramref name="format"/>, saturating at ulong.MaxValue: an image larger than any memory is the library's to
    /// refuse (CL_INVALID_IMAGE_SIZE, as natively), not an overflow of ours.
    /// </summary>
    internal static unsafe ulong ImageBytes(cl_image_format* format, nuint width, nuint height, nuint depth)
    {
        var pixel = format == null ? 0 : ElementBytes(format->image_channel_order, format->image_channel_data_type);
        if (width == 0 || height == 0 || depth == 0 || pixel == 0)
        {
            return 0;
        }

        // Each product of a factor below 2^64 and a value below 2^64 is exact in 128 bits.
        UInt128 bytes = width;
        foreach (var factor in (ReadOnlySpan<ulong>)[height, depth, pixel])
        {
            bytes *= factor;
            if (bytes > ulong.MaxValue)
            {
                return ulong.MaxValue;
            }
        }

        return (ulong)bytes;
    }

    /// <summary>
    /// The host memory a rectangle or image transfer touches, from <see cref="Offset"/> bytes after the application's
    /// pointer (negative: before it) for <see cref="Bytes"/> bytes. Only these bytes travel: the guest sends or
    /// receives them from ptr + Offset, and the worker hands the real library its copy minus Offset, so the library's
    /// own address arithmetic lands inside the copy.
    /// </summary>
    internal readonly record struct HostSpan(long Offset, ulong Bytes)
    {
        /// <summary>A span no memory can hold: ulong.MaxValue bytes, which the worker's checked size arithmetic refuses.</summary>
        public static HostSpan Unaddressable => new(0, ulong.MaxValue);
    }

    /// <summary>
    /// The span of <paramref name="rows"/> x <paramref name="slices"/> rows of <paramref name="rowBytes"/> bytes,
    /// row (y, z) at <c>x + (firstRow + y) * rowPitch + (firstSlice + z) * slicePitch</c> from the pointer, computed
    /// as the C library computes it: in size_t, which wraps, so a pitch above SIZE_MAX / 2 steps backwards (ffmpeg
    /// passes a negative line size for a flipped frame, the pointer at its last row). The sums are taken exactly,
    /// pitches read as signed, which is the C address modulo 2^64; a span past 2^63 bytes is unaddressable.
    /// </summary>
    internal static HostSpan HostSpanOf(nuint x, nuint rowBytes, nuint firstRow, nuint rows, nuint firstSlice, nuint slices, nuint rowPitch, nuint slicePitch)
    {
        if (rowBytes == 0 || rows == 0 || slices == 0)
        {
            return default;
        }

        if (!Axis(firstRow, rows, rowPitch, out var rowLow, out var rowHigh) || !Axis(firstSlice, slices, slicePitch, out var sliceLow, out var sliceHigh))
        {
            return HostSpan.Unaddressable;
        }

        var low = (Int128)x + rowLow + sliceLow;
        var end = (Int128)x + rowHigh + sliceHigh + rowBytes;
        return low < long.MinValue || low > long.MaxValue || end - low > long.MaxValue ? HostSpan.Unaddressable : new HostSpan((long)low, (ulong)(end - low));
    }

    /// <summary>The lowest and highest offset of one axis's rows, <paramref name="first"/> to first + count - 1 steps of <paramref name="pitch"/>.</summary>
    private static bool Axis(nuint first, nuint count, nuint pitch, out Int128 low, out Int128 high)
    {
        var bound = (Int128)1 << 63;
        var last = (Int128)first + count - 1;
        low = high = 0;
        if (pitch == 0)
        {
            return true;
        }

        if (last >= bound)
        {
            return false;
        }

        // Both factors are below 2^63 in size: the products are exact.
        var step = (Int128)(long)pitch;
        low = Int128.Min(step * first, step * last);
        high = Int128.Max(step * first, step * last);
        return low > -bound && high < bound;
    }

    /// <summary>
    /// The host span of clEnqueueReadImage/clEnqueueWriteImage: rows of region[0] pixels, the pitches defaulted as the
    /// library defaults them (0: a tight row; 0: slices of region[1] rows, in size_t).
    /// </summary>
    internal static unsafe HostSpan ImageHostSpan(cl_mem image, nuint* region, nuint rowPitch, nuint slicePitch)
    {
        if (region == null)
        {
            return default;
        }

        // ImageElementBytes: each side's own (the guest's knowledge or its query, the worker's real library), 0 for no image.
        var rowBytes = (UInt128)region[0] * ImageElementBytes(image);
        if (rowBytes > long.MaxValue)
        {
            return HostSpan.Unaddressable;
        }

        rowPitch = rowPitch != 0 ? rowPitch : (nuint)rowBytes;
        slicePitch = slicePitch != 0 ? slicePitch : unchecked(rowPitch * region[1]);
        return HostSpanOf(0, (nuint)rowBytes, 0, region[1], 0, region[2], rowPitch, slicePitch);
    }

    /// <summary>The host span of clEnqueueReadBufferRect/clEnqueueWriteBufferRect, host pitches defaulted as the library defaults them.</summary>
    internal static unsafe HostSpan RectHostSpan(nuint* hostOrigin, nuint* region, nuint rowPitch, nuint slicePitch)
    {
        if (hostOrigin == null || region == null)
        {
            return default;
        }

        rowPitch = rowPitch != 0 ? rowPitch : region[0];
        slicePitch = slicePitch != 0 ? slicePitch : unchecked(rowPitch * region[1]);
        return HostSpanOf(hostOrigin[0], region[0], hostOrigin[1], region[1], hostOrigin[2], region[2], rowPitch, slicePitch);
    }

    /// <summary>Bytes of <see cref="ImageHostSpan"/>: the size of an image transfer's host memory in the spec.</summary>
    internal static unsafe ulong ImageHostBytes(cl_mem image, nuint* region, nuint rowPitch, nuint slicePitch) => ImageHostSpan(image, region, rowPitch, slicePitch).Bytes;

    /// <summary>Bytes of <see cref="RectHostSpan"/>: the size of a rectangle transfer's host memory in the spec.</summary>
    internal static unsafe ulong RectHostBytes(nuint* hostOrigin, nuint* region, nuint rowPitch, nuint slicePitch) => RectHostSpan(hostOrigin, region, rowPitch, slicePitch).Bytes;

    /// <summary>Offset of <see cref="ImageHostSpan"/>: where the library's pointer lies before an image transfer's bytes ([PendingTransfer(Offset)]).</summary>
    internal static unsafe long ImageHostOffset(cl_mem image, nuint* region, nuint rowPitch, nuint slicePitch) => ImageHostSpan(image, region, rowPitch, slicePitch).Offset;

    /// <summary>Offset of <see cref="RectHostSpan"/>: where the library's pointer lies before a rectangle transfer's bytes.</summary>
    internal static unsafe long RectHostOffset(nuint* hostOrigin, nuint* region, nuint rowPitch, nuint slicePitch) => RectHostSpan(hostOrigin, region, rowPitch, slicePitch).Offset;

    /// <summary>Bytes of one pixel; 0 when unknown.</summary>
    private static ulong ElementBytes(uint order, uint type)
    {
        // Packed types hold every channel of a pixel in one value.
        ulong packed = type switch
        {
            CL_UNORM_SHORT_565 or CL_UNORM_SHORT_555 => 2,
            CL_UNORM_INT_101010 or CL_UNORM_INT24 or CL_UNORM_INT_101010_2 => 4,
            _ => 0,
        };
        if (packed != 0)
        {
            return packed;
        }

        ulong channel = type switch
        {
            CL_SNORM_INT8 or CL_UNORM_INT8 or CL_SIGNED_INT8 or CL_UNSIGNED_INT8 => 1,
            CL_SNORM_INT16 or CL_UNORM_INT16 or CL_SIGNED_INT16 or CL_UNSIGNED_INT16 or CL_HALF_FLOAT => 2,
            CL_SIGNED_INT32 or CL_UNSIGNED_INT32 or CL_FLOAT => 4,
            _ => 0,
        };
        ulong channels = order switch
        {
            CL_R or CL_A or CL_INTENSITY or CL_LUMINANCE or CL_Rx or CL_DEPTH => 1,
            CL_RG or CL_RA or CL_RGx => 2,
            CL_RGB or CL_sRGB => 3,
            CL_RGBA or CL_BGRA or CL_ARGB or CL_RGBx or CL_sRGBx or CL_sRGBA or CL_sBGRA or CL_ABGR => 4,
            _ => 0,
        };
        return channel * channels;
    }
}
