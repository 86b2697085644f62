using Ava.OpenCL;
using CsCheck;

namespace Ava.OpenCL.Guest.Tests;

/// <summary>
/// The host memory a rectangle or image transfer touches (only those bytes travel), computed as the C library computes
/// addresses, in wrapping size_t: a pitch above SIZE_MAX / 2 steps backwards. And the device memory an image takes
/// from the tenant's quota, saturating rather than wrapping.
/// </summary>
public sealed unsafe class HostSpanTests
{
    private const uint Rgba = 0x10B5;
    private const uint UnormInt8 = 0x10D2;
    private const uint Float = 0x10DE;
    private const uint UnormShort565 = 0x10D4;

    private static nuint Back(long bytes) => unchecked((nuint)(-bytes));

    [Fact]
    public void HostSpanOf_PositivePitches_StartsAtTheFirstRowAndEndsAfterTheLast()
    {
        // Rows 1..3 of 4 bytes at x = 2, pitch 10: bytes 12..15, 22..25, 32..35.
        var span = OpenCl.HostSpanOf(2, 4, 1, 3, 0, 1, 10, 0);
        Assert.Equal(new OpenCl.HostSpan(12, 24), span);
    }

    [Fact]
    public void HostSpanOf_NegativeRowPitch_StepsBackwardsFromThePointer()
    {
        // A bottom-up frame (ffmpeg's negative line size): the pointer is at the last row, each next row 16 bytes before.
        var span = OpenCl.HostSpanOf(0, 16, 0, 4, 0, 1, Back(16), 0);
        Assert.Equal(new OpenCl.HostSpan(-48, 64), span);
    }

    [Fact]
    public void HostSpanOf_NegativeSlicePitchWithPositiveRows_CoversBothDirections()
    {
        // Two slices 100 bytes apart going back, rows 8 apart going forward, from row 1 and slice 1.
        var span = OpenCl.HostSpanOf(4, 8, 1, 2, 1, 2, 8, Back(100));
        // Row offsets: x + {8, 16} + {-100, -200}: lowest 4 + 8 - 200 = -188, last ends at 4 + 16 - 100 + 8 = -72.
        Assert.Equal(new OpenCl.HostSpan(-188, 116), span);
    }

    [Theory]
    [InlineData(0UL, 1UL)]
    [InlineData(1UL, 0UL)]
    public void HostSpanOf_NoRowsOrNoBytes_IsEmpty(ulong rows, ulong rowBytes)
    {
        Assert.Equal(default, OpenCl.HostSpanOf(0, (nuint)rowBytes, 0, (nuint)rows, 0, 1, 64, 0));
    }

    [Fact]
    public void HostSpanOf_SpanPast2To63Bytes_IsUnaddressable()
    {
        Assert.Equal(OpenCl.HostSpan.Unaddressable, OpenCl.HostSpanOf(0, 1, 0, 3, 0, 1, (nuint)1 << 62, 0));
        Assert.Equal(OpenCl.HostSpan.Unaddressable, OpenCl.HostSpanOf(0, 1, (nuint)1 << 63, 1, 0, 1, 1, 0));
        Assert.Equal(OpenCl.HostSpan.Unaddressable, OpenCl.HostSpanOf(nuint.MaxValue, 1, 0, 1, 0, 1, 0, 0));
    }

    private static readonly Gen<ulong> Pitch = Gen.Frequency<ulong>(
        (3, Gen.ULong[0, 1 << 16]),
        (3, Gen.ULong[0, 1 << 16].Select(p => (ulong)Back((long)p))),
        (1, Gen.ULong),
        (1, Gen.OneOf(0UL, 1UL, ulong.MaxValue, 1UL << 62, 1UL << 63, (1UL << 63) - 1, (1UL << 63) + 1, 1UL << 40, (ulong)Back(1L << 40))));

    [Fact]
    public void HostSpanOf_AnyPitches_CoversEveryRowAtItsWrappingCAddress_AndNoMore()
    {
        Gen.Select(Gen.ULong[0, 256], Gen.ULong[1, 64], Gen.ULong[0, 5], Gen.ULong[1, 5], Gen.ULong[0, 4], Gen.ULong[1, 4], Pitch, Pitch)
            .Sample((x, rowBytes, firstRow, rows, firstSlice, slices, rowPitch, slicePitch) =>
            {
                var span = OpenCl.HostSpanOf((nuint)x, (nuint)rowBytes, (nuint)firstRow, (nuint)rows, (nuint)firstSlice, (nuint)slices, (nuint)rowPitch, (nuint)slicePitch);
                if (span == OpenCl.HostSpan.Unaddressable)
                {
                    return;
                }

                Assert.InRange(span.Bytes, rowBytes, (ulong)long.MaxValue);
                var touchesStart = false;
                var touchesEnd = false;
                for (var z = firstSlice; z < firstSlice + slices; z++)
                {
                    for (var y = firstRow; y < firstRow + rows; y++)
                    {
                        // The address C forms: ptr + x + y * row_pitch + z * slice_pitch, all in size_t.
                        var fromStart = unchecked(x + (y * rowPitch) + (z * slicePitch) - (ulong)span.Offset);
                        Assert.True(fromStart <= span.Bytes - rowBytes, $"row ({y}, {z}) at {fromStart} lies outside {span}");
                        touchesStart |= fromStart == 0;
                        touchesEnd |= fromStart + rowBytes == span.Bytes;
                    }
                }

                Assert.True(touchesStart && touchesEnd, $"{span} is larger than its rows");
            }, iter: 20_000);
    }

    [Fact]
    public void HostSpanOf_PitchesWithinTwoTo40_IsAlwaysAddressable()
    {
        var small = Gen.Long[-(1L << 40), 1L << 40].Select(p => unchecked((ulong)p));
        Gen.Select(Gen.ULong[0, 1 << 20], Gen.ULong[1, 1 << 20], Gen.ULong[0, 1 << 10], Gen.ULong[1, 1 << 10], small, small).Sample((x, rowBytes, first, count, rowPitch, slicePitch) =>
        {
            var span = OpenCl.HostSpanOf((nuint)x, (nuint)rowBytes, (nuint)first, (nuint)count, (nuint)first, (nuint)count, (nuint)rowPitch, (nuint)slicePitch);
            Assert.NotEqual(OpenCl.HostSpan.Unaddressable, span);
        }, iter: 5000);
    }

    [Fact]
    public void RectHostSpan_ZeroPitches_DefaultToATightRowAndSlice()
    {
        var origin = stackalloc nuint[] { 3, 2, 1 };
        var region = stackalloc nuint[] { 10, 4, 2 };
        // Row pitch 10, slice pitch 40: first byte 3 + 2 * 10 + 1 * 40 = 63, last row ends at 3 + 5 * 10 + 2 * 40 + 10 = 143.
        Assert.Equal(new OpenCl.HostSpan(63, 80), OpenCl.RectHostSpan(origin, region, 0, 0));
        Assert.Equal(80UL, OpenCl.RectHostBytes(origin, region, 0, 0));
    }

    [Fact]
    public void RectHostSpan_DefaultSlicePitchWrapsInSizeT_AsTheLibraryComputesIt()
    {
        // A row pitch of -16 and no slice pitch: the library takes 4 * -16 in size_t, so slices also step backwards.
        var origin = stackalloc nuint[] { 0, 0, 0 };
        var region = stackalloc nuint[] { 16, 4, 2 };
        Assert.Equal(new OpenCl.HostSpan(-112, 128), OpenCl.RectHostSpan(origin, region, Back(16), 0));
    }

    [Fact]
    public void RectHostSpan_NullOriginOrRegion_IsEmpty()
    {
        var triple = stackalloc nuint[] { 1, 1, 1 };
        Assert.Equal(default, OpenCl.RectHostSpan(null, triple, 0, 0));
        Assert.Equal(default, OpenCl.RectHostSpan(triple, null, 0, 0));
    }

    [Fact]
    public void ImageHostSpan_KnownImage_UsesItsPixelSizeAndDefaultPitches()
    {
        var world = World.Create();
        var image = world.Image2D(64, 32, Rgba, Float);
        var region = stackalloc nuint[] { 8, 3, 1 };
        // 8 pixels of 16 bytes per row, rows 128 bytes apart by default.
        Assert.Equal(new OpenCl.HostSpan(0, 3 * 128), OpenCl.ProbeImageHostSpan(image, region, 0, 0));
        Assert.Equal(new OpenCl.HostSpan(0, (2 * 200) + 128), OpenCl.ProbeImageHostSpan(image, region, 200, 0));
        Assert.Equal(new OpenCl.HostSpan(-400, 528), OpenCl.ProbeImageHostSpan(image, region, Back(200), 0));
    }

    [Fact]
    public void ImageHostSpan_RowOfPixelsPast2To63Bytes_IsUnaddressable()
    {
        var world = World.Create();
        var image = world.Image2D(64, 32, Rgba, Float);
        var region = stackalloc nuint[] { (nuint)1 << 60, 1, 1 };
        Assert.Equal(OpenCl.HostSpan.Unaddressable, OpenCl.ProbeImageHostSpan(image, region, 0, 0));
    }

    [Theory]
    [InlineData(Rgba, UnormInt8, 4UL)]
    [InlineData(Rgba, Float, 16UL)]
    [InlineData(0x10B0u, 0x10DDu, 2UL)] // CL_R, CL_HALF_FLOAT
    [InlineData(0x10B4u, UnormShort565, 2UL)] // CL_RGB packed 565
    [InlineData(0x10B2u, 0x10D9u, 8UL)] // CL_RG, CL_SIGNED_INT32
    [InlineData(0xFFFFu, UnormInt8, 0UL)] // unknown order
    [InlineData(Rgba, 0xFFFFu, 0UL)] // unknown type
    public void ImageBytes_OnePixel_IsTheFormatsElementSize(uint order, uint type, ulong bytes)
    {
        var format = new cl_image_format { image_channel_order = order, image_channel_data_type = type };
        Assert.Equal(bytes, OpenCl.ImageBytes(&format, 1, 1, 1));
    }

    [Fact]
    public void ImageBytes_ByImageType_CountsTheAxesThatTypeHas()
    {
        var format = new cl_image_format { image_channel_order = Rgba, image_channel_data_type = UnormInt8 };
        cl_image_desc Desc(uint type) => new() { image_type = type, image_width = 8, image_height = 4, image_depth = 3, image_array_size = 5 };
        var d1 = Desc(0x10F4);
        var d1Array = Desc(0x10F5);
        var d2 = Desc(0x10F1);
        var d2Array = Desc(0x10F3);
        var d3 = Desc(0x10F2);
        var d1Buffer = Desc(0x10F6);
        Assert.Equal(8UL * 4, OpenCl.ImageBytes(&format, &d1));
        Assert.Equal(8UL * 5 * 4, OpenCl.ImageBytes(&format, &d1Array));
        Assert.Equal(8UL * 4 * 4, OpenCl.ImageBytes(&format, &d2));
        Assert.Equal(8UL * 4 * 5 * 4, OpenCl.ImageBytes(&format, &d2Array));
        Assert.Equal(8UL * 4 * 3 * 4, OpenCl.ImageBytes(&format, &d3));
        Assert.Equal(0UL, OpenCl.ImageBytes(&format, &d1Buffer));

        // An image over a buffer shares the buffer's memory.
        d2.buffer = 0x1234;
        Assert.Equal(0UL, OpenCl.ImageBytes(&format, &d2));
        Assert.Equal(0UL, OpenCl.ImageBytes(&format, null));
    }

    [Fact]
    public void ImageBytes_LargerThanAnyMemory_SaturatesInsteadOfWrapping()
    {
        var format = new cl_image_format { image_channel_order = Rgba, image_channel_data_type = Float };
        Assert.Equal(ulong.MaxValue, OpenCl.ImageBytes(&format, (nuint)1 << 40, (nuint)1 << 40, 1));
        Assert.Equal(ulong.MaxValue, OpenCl.ImageBytes(&format, nuint.MaxValue, 1, 1));
        Assert.Equal(ulong.MaxValue, OpenCl.ImageBytes(&format, (nuint)1 << 60, 1, 1));
        Assert.Equal(1UL << 63, OpenCl.ImageBytes(&format, (nuint)1 << 59, 1, 1));
        Assert.Equal(0UL, OpenCl.ImageBytes(&format, nuint.MaxValue, 0, nuint.MaxValue));
    }

    [Fact]
    public void ImageBytes_AnyExtent_IsTheExactProductOrSaturates()
    {
        var format = new cl_image_format { image_channel_order = Rgba, image_channel_data_type = Float };
        var extent = Gen.Frequency<ulong>((2, Gen.ULong[0, 1 << 20]), (1, Gen.ULong));
        Gen.Select(extent, extent, extent).Sample((width, height, depth) =>
        {
            var exact = (System.Numerics.BigInteger)width * height * depth * 16;
            var expected = exact > ulong.MaxValue ? ulong.MaxValue : (ulong)exact;
            var local = format;
            Assert.Equal(expected, OpenCl.ImageBytes(&local, (nuint)width, (nuint)height, (nuint)depth));
        }, iter: 20_000);
    }
}
