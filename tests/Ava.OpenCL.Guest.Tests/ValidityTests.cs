using System.Numerics;
using CsCheck;

namespace Ava.OpenCL.Guest.Tests;

/// <summary>
/// The guest's proofs that an async OpenCL call is valid (OpenCl.Guest.Validity.cs): a call travels async only when the
/// real library would accept it too, so every proof must be sound (never true for a call the library refuses); it may
/// fall short (false: the call travels synchronously and the library's own status comes back).
/// </summary>
public sealed unsafe class ValidityTests
{
    private const ulong HostWriteOnly = 1 << 7;
    private const ulong HostReadOnly = 1 << 8;
    private const ulong HostNoAccess = 1 << 9;
    private const uint Rgba = 0x10B5;
    private const uint UnormInt8 = 0x10D2;
    private const uint Srgba = 0x10C1;

    private static nuint Back(long bytes) => unchecked((nuint)(-bytes));

    // ---- Ranges ------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(0UL, 1UL, 1UL, true)]
    [InlineData(15UL, 1UL, 16UL, true)]
    [InlineData(0UL, ulong.MaxValue, ulong.MaxValue, true)]
    [InlineData(0UL, 0UL, 16UL, false)]
    [InlineData(16UL, 1UL, 16UL, false)]
    [InlineData(17UL, 0UL, 16UL, false)]
    [InlineData(ulong.MaxValue, 2UL, ulong.MaxValue, false)]
    [InlineData(1UL, ulong.MaxValue, ulong.MaxValue, false)]
    public void InBounds_NonEmptyRangeInsideTheLimit_WithoutWrapping(ulong offset, ulong size, ulong limit, bool inside) =>
        Assert.Equal(inside, OpenCl.ProbeInBounds((nuint)offset, (nuint)size, (nuint)limit));

    [Fact]
    public void InBounds_AnyRange_AgreesWithExactArithmetic()
    {
        var value = Gen.Frequency<ulong>((2, Gen.ULong), (2, Gen.ULong[0, 1024]), (1, Gen.OneOf(0UL, 1UL, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 63)));
        Gen.Select(value, value, value).Sample((offset, size, limit) =>
        {
            var model = size != 0 && (BigInteger)offset + size <= limit;
            Assert.Equal(model, OpenCl.ProbeInBounds((nuint)offset, (nuint)size, (nuint)limit));
        }, iter: 20_000);
    }

    [Fact]
    public void RectValid_TightRectangleInsideTheLimit_IsValid_AndOneByteLessIsNot()
    {
        var origin = stackalloc nuint[] { 0, 0, 0 };
        var region = stackalloc nuint[] { 4, 2, 3 };
        Assert.True(OpenCl.ProbeRectValid(origin, region, 0, 0, 24));
        Assert.False(OpenCl.ProbeRectValid(origin, region, 0, 0, 23));
        origin[0] = 1;
        Assert.False(OpenCl.ProbeRectValid(origin, region, 0, 0, 24));
        Assert.True(OpenCl.ProbeRectValid(origin, region, 0, 0, 25));
    }

    [Theory]
    [InlineData(0UL, 4UL, 2UL, 1UL, 3UL)] // an empty region
    [InlineData(4UL, 0UL, 2UL, 1UL, 0UL)]
    [InlineData(4UL, 2UL, 0UL, 1UL, 0UL)]
    [InlineData(4UL, 2UL, 1UL, 3UL, 0UL)] // a row pitch below the row
    [InlineData(4UL, 2UL, 2UL, 4UL, 7UL)] // a slice pitch below region[1] rows
    [InlineData(4UL, 2UL, 2UL, 4UL, 10UL)] // a slice pitch that is no multiple of the row pitch
    [InlineData(4UL, 1UL << 50, 1UL, 4UL, 0UL)] // past the guest's bound of 2^48
    [InlineData(4UL, 2UL, 1UL, 1UL << 62, 0UL)]
    [InlineData(4UL, 2UL, 1UL, ulong.MaxValue, 0UL)] // a pitch past any buffer, or "negative": past the guest's bound
    public void RectValid_PitchesOrRegionTheSpecificationRefuses_AreNotProven(ulong r0, ulong r1, ulong r2, ulong rowPitch, ulong slicePitch)
    {
        var origin = stackalloc nuint[] { 0, 0, 0 };
        var region = stackalloc nuint[] { (nuint)r0, (nuint)r1, (nuint)r2 };
        Assert.False(OpenCl.ProbeRectValid(origin, region, (nuint)rowPitch, (nuint)slicePitch, nuint.MaxValue));
    }

    [Fact]
    public void RectValid_NullOriginOrRegion_IsNotProven()
    {
        var triple = stackalloc nuint[] { 1, 1, 1 };
        Assert.False(OpenCl.ProbeRectValid(null, triple, 0, 0, 16));
        Assert.False(OpenCl.ProbeRectValid(triple, null, 0, 0, 16));
    }

    private static readonly Gen<ulong> RectValue = Gen.Frequency<ulong>(
        (3, Gen.ULong[0, 64]),
        (1, Gen.ULong),
        (1, Gen.OneOf(0UL, 1UL, 1UL << 32, (1UL << 48) - 1, 1UL << 48, 1UL << 62, 1UL << 63, ulong.MaxValue)));

    [Fact]
    public void RectValid_AnyRectangle_IsProvenOnlyWhenItsLastByteLiesInsideTheLimit()
    {
        Gen.Select(RectValue.Array[3], RectValue.Array[3], RectValue, RectValue, LimitDelta).Sample((origin, region, rowPitch, slicePitch, delta) =>
        {
            var limit = LimitNear(RectEnd(origin, region, rowPitch, slicePitch), delta);
            fixed (ulong* o = origin, r = region)
            {
                if (OpenCl.ProbeRectValid((nuint*)o, (nuint*)r, (nuint)rowPitch, (nuint)slicePitch, (nuint)limit))
                {
                    Assert.True(RectEnd(origin, region, rowPitch, slicePitch) <= limit, "proved a rectangle the specification refuses");
                }
            }
        }, iter: 50_000);
    }

    [Fact]
    public void RectValid_OrdinarySizes_AreProvenExactlyWhenTheSpecificationAccepts()
    {
        var small = Gen.ULong[0, 40];
        var pitch = Gen.Frequency<ulong>((1, Gen.Const(0UL)), (3, Gen.ULong[1, 2000]));
        Gen.Select(small.Array[3], small.Array[3], pitch, pitch, LimitDelta).Sample((origin, region, rowPitch, slicePitch, delta) =>
        {
            var end = RectEnd(origin, region, rowPitch, slicePitch);
            var limit = LimitNear(end, delta);
            fixed (ulong* o = origin, r = region)
            {
                Assert.Equal(end <= limit, OpenCl.ProbeRectValid((nuint*)o, (nuint*)r, (nuint)rowPitch, (nuint)slicePitch, (nuint)limit));
            }
        }, iter: 50_000);
    }

    /// <summary>How far the limit lies from the rectangle's end: mostly at the edge, where an off-by-one would show.</summary>
    private static readonly Gen<long> LimitDelta = Gen.Frequency<long>((4, Gen.Long[-2, 2]), (1, Gen.Long[-(1L << 20), 1L << 20]), (1, Gen.Const(long.MaxValue)));

    private static ulong LimitNear(BigInteger? end, long delta)
    {
        if (end is not { } e || delta == long.MaxValue)
        {
            return ulong.MaxValue;
        }

        var limit = e + delta;
        return limit < 0 ? 0 : limit > ulong.MaxValue ? ulong.MaxValue : (ulong)limit;
    }

    /// <summary>
    /// The specification's rule for one side of a rectangle transfer, in exact arithmetic: the end of its last row
    /// (every byte it touches lies below), or null where the region is empty or the pitches are refused.
    /// </summary>
    private static BigInteger? RectEnd(ulong[] origin, ulong[] region, ulong rowPitch, ulong slicePitch)
    {
        if (region[0] == 0 || region[1] == 0 || region[2] == 0)
        {
            return null;
        }

        BigInteger row = rowPitch == 0 ? region[0] : rowPitch;
        var slice = slicePitch == 0 ? region[1] * row : slicePitch;
        if (row < region[0] || slice < region[1] * row || slice % row != 0)
        {
            return null;
        }

        return (((BigInteger)origin[2] + region[2] - 1) * slice) + (((BigInteger)origin[1] + region[1] - 1) * row) + origin[0] + region[0];
    }

    // ---- Buffers -----------------------------------------------------------------------------------------------------

    [Fact]
    public void ReadBuffer_InsideAKnownBuffer_IsProven_AndPastItsEndIsNot()
    {
        var world = World.Create();
        var buffer = world.Buffer(256);
        var host = stackalloc byte[1];
        Assert.True(OpenCl.CheckReadBuffer(world.Queue, buffer, 0, 256, host));
        Assert.True(OpenCl.CheckReadBuffer(world.Queue, buffer, 128, 128, host));
        Assert.False(OpenCl.CheckReadBuffer(world.Queue, buffer, 129, 128, host));
        Assert.False(OpenCl.CheckReadBuffer(world.Queue, buffer, 256, 1, host));
        Assert.False(OpenCl.CheckReadBuffer(world.Queue, buffer, 0, 0, host));
        Assert.False(OpenCl.CheckReadBuffer(world.Queue, buffer, nuint.MaxValue, 2, host));
        Assert.False(OpenCl.CheckReadBuffer(world.Queue, buffer, 0, 16, null));
    }

    [Theory]
    [InlineData(0UL, true, true)]
    [InlineData(HostWriteOnly, false, true)]
    [InlineData(HostReadOnly, true, false)]
    [InlineData(HostNoAccess, false, false)]
    public void BufferTransfers_FollowTheBuffersHostAccessFlags(ulong flags, bool readable, bool writable)
    {
        var world = World.Create();
        var buffer = world.Buffer(64, flags);
        var host = stackalloc byte[1];
        Assert.Equal(readable, OpenCl.CheckReadBuffer(world.Queue, buffer, 0, 64, host));
        Assert.Equal(writable, OpenCl.CheckWriteBuffer(world.Queue, buffer, 0, 64, host));
    }

    [Fact]
    public void ReadBuffer_UnknownQueueOrBufferOrAnotherContexts_IsNotProven()
    {
        var world = World.Create();
        var other = World.Create();
        var buffer = world.Buffer(64);
        var host = stackalloc byte[1];
        Assert.False(OpenCl.CheckReadBuffer(World.Next(), buffer, 0, 64, host));
        Assert.False(OpenCl.CheckReadBuffer(world.Queue, World.Next(), 0, 64, host));
        Assert.False(OpenCl.CheckReadBuffer(other.Queue, buffer, 0, 64, host));
        Assert.False(OpenCl.CheckReadBuffer(buffer, buffer, 0, 64, host));
    }

    [Fact]
    public void ReadBuffer_AfterTheApplicationsLastRelease_IsNotProven()
    {
        var world = World.Create();
        var buffer = world.Buffer(64);
        var host = stackalloc byte[1];
        OpenCl.LearnRetain(buffer);
        OpenCl.LearnRelease(buffer);
        Assert.True(OpenCl.CheckReadBuffer(world.Queue, buffer, 0, 64, host));
        OpenCl.LearnRelease(buffer);
        Assert.False(OpenCl.CheckReadBuffer(world.Queue, buffer, 0, 64, host));
        Assert.False(OpenCl.CheckReleaseMemObject(buffer));
    }

    [Fact]
    public void WaitList_OfKnownEventsOfTheQueuesContext_IsProven_AndAnyOtherIsNot()
    {
        var world = World.Create();
        var other = World.Create();
        var buffer = world.Buffer(64);
        var host = stackalloc byte[1];
        var events = stackalloc cl_event[] { new() { Value = world.Event() }, new() { Value = world.Event() } };
        Assert.True(OpenCl.CheckReadBuffer(world.Queue, buffer, 0, 64, host, 2, events));

        events[1].Value = other.Event();
        Assert.False(OpenCl.CheckReadBuffer(world.Queue, buffer, 0, 64, host, 2, events));
        events[1].Value = World.Next();
        Assert.False(OpenCl.CheckReadBuffer(world.Queue, buffer, 0, 64, host, 2, events));
        Assert.False(OpenCl.CheckReadBuffer(world.Queue, buffer, 0, 64, host, 1, null));
        Assert.False(OpenCl.CheckReadBuffer(world.Queue, buffer, 0, 64, host, 0, events));
    }

    [Fact]
    public void CopyBuffer_RegionsOfOneBuffer_AreProvenOnlyWhenTheyDoNotOverlap()
    {
        var world = World.Create();
        var buffer = world.Buffer(256);
        var second = world.Buffer(256);
        Assert.True(OpenCl.CheckCopyBuffer(world.Queue, buffer, buffer, 0, 64, 64));
        Assert.False(OpenCl.CheckCopyBuffer(world.Queue, buffer, buffer, 0, 63, 64));
        Assert.False(OpenCl.CheckCopyBuffer(world.Queue, buffer, buffer, 64, 0, 65));
        Assert.True(OpenCl.CheckCopyBuffer(world.Queue, buffer, second, 0, 0, 256));
        Assert.False(OpenCl.CheckCopyBuffer(world.Queue, buffer, second, 0, 1, 256));
        Assert.False(OpenCl.CheckCopyBuffer(world.Queue, buffer, second, nuint.MaxValue, 0, 2));
    }

    [Fact]
    public void CopyBuffer_SubBuffersOfOneBuffer_OverlapThroughTheirOrigins()
    {
        var world = World.Create();
        var buffer = world.Buffer(1024);
        var low = world.SubBuffer(buffer, 0, 512);
        var high = world.SubBuffer(buffer, 256, 512);

        // low[256..320) is high[0..64): the same bytes of the buffer.
        Assert.False(OpenCl.CheckCopyBuffer(world.Queue, low, high, 256, 0, 64));
        Assert.False(OpenCl.CheckCopyBuffer(world.Queue, buffer, high, 300, 0, 64));
        Assert.True(OpenCl.CheckCopyBuffer(world.Queue, low, high, 0, 0, 256));
        Assert.True(OpenCl.CheckCopyBuffer(world.Queue, buffer, high, 0, 0, 256));
    }

    [Fact]
    public void SubBuffer_IsProvenOnlyOnAQueueTheLibraryAlreadyAcceptedItOn()
    {
        // A sub-buffer's origin must suit the queue's device alignment, which the guest does not know.
        var world = World.Create();
        var buffer = world.Buffer(1024);
        var sub = World.Next();
        OpenCl.LearnSubBuffer(sub, buffer, 0, 100, 200);
        var host = stackalloc byte[1];
        Assert.False(OpenCl.CheckReadBuffer(world.Queue, sub, 0, 200, host));
        OpenCl.LearnAcceptedRead(world.Queue, sub);
        Assert.True(OpenCl.CheckReadBuffer(world.Queue, sub, 0, 200, host));
        Assert.False(OpenCl.CheckReadBuffer(world.Queue, sub, 0, 201, host));
    }

    [Fact]
    public void SubBuffer_InheritsItsParentsHostFlagsUnlessItNamesItsOwn()
    {
        var world = World.Create();
        var buffer = world.Buffer(1024, HostNoAccess);
        var inherits = world.SubBuffer(buffer, 0, 64);
        var own = world.SubBuffer(buffer, 64, 64, HostReadOnly);
        var host = stackalloc byte[1];
        Assert.False(OpenCl.CheckReadBuffer(world.Queue, inherits, 0, 64, host));
        Assert.True(OpenCl.CheckReadBuffer(world.Queue, own, 0, 64, host));
        Assert.False(OpenCl.CheckWriteBuffer(world.Queue, own, 0, 64, host));
    }

    [Theory]
    [InlineData(4UL, 8UL, 16UL, true)]
    [InlineData(4UL, 2UL, 16UL, false)] // an offset that is no multiple of the pattern
    [InlineData(4UL, 8UL, 14UL, false)] // a size that is no multiple of the pattern
    [InlineData(3UL, 0UL, 12UL, false)] // a pattern size OpenCL does not allow
    [InlineData(128UL, 0UL, 256UL, true)]
    [InlineData(256UL, 0UL, 256UL, false)]
    [InlineData(4UL, 248UL, 16UL, false)] // past the end
    [InlineData(4UL, 0UL, 0UL, false)]
    public void FillBuffer_PatternOffsetAndSize_FollowTheSpecification(ulong patternSize, ulong offset, ulong size, bool proven)
    {
        var world = World.Create();
        var buffer = world.Buffer(256);
        var pattern = stackalloc byte[256];
        Assert.Equal(proven, OpenCl.CheckFillBuffer(world.Queue, buffer, pattern, (nuint)patternSize, (nuint)offset, (nuint)size));
        Assert.False(OpenCl.CheckFillBuffer(world.Queue, buffer, null, 4, 0, 16));
    }

    [Fact]
    public void ReadBufferRect_RegionInsideTheBuffer_IsProven_AndOneRowMoreIsNot()
    {
        var world = World.Create();
        var buffer = world.Buffer(64 * 4);
        var origin = stackalloc nuint[] { 0, 0, 0 };
        var region = stackalloc nuint[] { 64, 4, 1 };
        var host = stackalloc byte[1];
        Assert.True(OpenCl.CheckReadBufferRect(world.Queue, buffer, origin, origin, region, 64, 0, 0, 0, host));

        // A bottom-up host layout is past the guest's bound on pitches: the library decides it, synchronously.
        Assert.False(OpenCl.CheckReadBufferRect(world.Queue, buffer, origin, origin, region, 0, 0, Back(64), 0, host));
        region[1] = 5;
        Assert.False(OpenCl.CheckReadBufferRect(world.Queue, buffer, origin, origin, region, 64, 0, 0, 0, host));
        region[1] = 4;
        Assert.False(OpenCl.CheckReadBufferRect(world.Queue, buffer, origin, origin, region, 32, 0, 0, 0, host));
        Assert.False(OpenCl.CheckReadBufferRect(world.Queue, buffer, origin, origin, region, 64, 0, 0, 0, null));
    }

    [Fact]
    public void ReleaseMemObject_MayDeleteAnObjectWithADestructor_IsNotProven()
    {
        // The application may look for the destructor's effect as soon as that release returns.
        var world = World.Create();
        var plain = world.Buffer(64);
        var watched = world.Buffer(1024);
        var sub = world.SubBuffer(watched, 0, 64);
        Assert.True(OpenCl.CheckReleaseMemObject(plain));
        Assert.True(OpenCl.CheckReleaseMemObject(sub));
        OpenCl.LearnDestructorCallback(watched);
        Assert.False(OpenCl.CheckReleaseMemObject(watched));
        Assert.False(OpenCl.CheckReleaseMemObject(sub));
        Assert.False(OpenCl.CheckReleaseMemObject(World.Next()));
    }

    // ---- Images ------------------------------------------------------------------------------------------------------

    [Fact]
    public void ReadImage_WholeKnownImageWithItsRowPitch_IsProven()
    {
        var world = World.Create();
        var image = world.Image2D(64, 32, Rgba, UnormInt8);
        var origin = stackalloc nuint[] { 0, 0, 0 };
        var region = stackalloc nuint[] { 64, 32, 1 };
        var host = stackalloc byte[1];
        Assert.True(OpenCl.CheckReadImage(world.Queue, image, origin, region, 256, 0, host));
        Assert.True(OpenCl.CheckReadImage(world.Queue, image, origin, region, 1000, 0, host));

        // A bottom-up frame's pitch is a size_t above any row: valid, and the host span steps backwards.
        Assert.True(OpenCl.CheckReadImage(world.Queue, image, origin, region, Back(256), 0, host));
    }

    [Theory]
    [InlineData(0UL, 0UL, 0UL, 64UL, 32UL, 1UL, 0UL, 0UL)] // no row pitch spelled out
    [InlineData(0UL, 0UL, 0UL, 64UL, 32UL, 1UL, 255UL, 0UL)] // a row pitch below the row
    [InlineData(0UL, 0UL, 0UL, 64UL, 32UL, 1UL, 256UL, 8192UL)] // a slice pitch for a type without slices
    [InlineData(0UL, 0UL, 0UL, 64UL, 32UL, 2UL, 256UL, 0UL)] // a depth for a type without one
    [InlineData(0UL, 0UL, 1UL, 64UL, 32UL, 1UL, 256UL, 0UL)]
    [InlineData(1UL, 0UL, 0UL, 64UL, 32UL, 1UL, 256UL, 0UL)] // one pixel past the width
    [InlineData(0UL, 31UL, 0UL, 64UL, 2UL, 1UL, 256UL, 0UL)] // one row past the height
    [InlineData(0UL, 0UL, 0UL, 0UL, 32UL, 1UL, 256UL, 0UL)] // an empty region
    [InlineData(ulong.MaxValue, 0UL, 0UL, 2UL, 1UL, 1UL, 256UL, 0UL)] // an origin whose sum wraps
    public void ReadImage_RegionOrPitchesTheLibraryRefuses_IsNotProven(ulong o0, ulong o1, ulong o2, ulong r0, ulong r1, ulong r2, ulong rowPitch, ulong slicePitch)
    {
        var world = World.Create();
        var image = world.Image2D(64, 32, Rgba, UnormInt8);
        var origin = stackalloc nuint[] { (nuint)o0, (nuint)o1, (nuint)o2 };
        var region = stackalloc nuint[] { (nuint)r0, (nuint)r1, (nuint)r2 };
        var host = stackalloc byte[1];
        Assert.False(OpenCl.CheckReadImage(world.Queue, image, origin, region, (nuint)rowPitch, (nuint)slicePitch, host));
    }

    [Fact]
    public void ImageTransfers_FollowTheImagesHostAccessFlags()
    {
        var world = World.Create();
        var image = world.Image2D(8, 8, Rgba, UnormInt8, HostWriteOnly);
        var origin = stackalloc nuint[] { 0, 0, 0 };
        var region = stackalloc nuint[] { 8, 8, 1 };
        var host = stackalloc byte[1];
        Assert.False(OpenCl.CheckReadImage(world.Queue, image, origin, region, 32, 0, host));
        Assert.True(OpenCl.CheckWriteImage(world.Queue, image, origin, region, 32, 0, host));
        Assert.False(OpenCl.CheckWriteImage(world.Queue, image, origin, region, 32, 0, null));
    }

    [Fact]
    public void Image1D_HasNoRowsOrSlices_AndA1DArraysImagesAreItsRows()
    {
        var world = World.Create();
        var line = world.Image(World.Type1D, 64, 0, 0, 0, Rgba, UnormInt8);
        var array = world.Image(World.Type1DArray, 64, 0, 0, 5, Rgba, UnormInt8);
        var origin = stackalloc nuint[] { 0, 0, 0 };
        var region = stackalloc nuint[] { 64, 1, 1 };
        var host = stackalloc byte[1];
        Assert.True(OpenCl.CheckReadImage(world.Queue, line, origin, region, 256, 0, host));
        region[1] = 2;
        Assert.False(OpenCl.CheckReadImage(world.Queue, line, origin, region, 256, 0, host));
        region[1] = 5;
        Assert.True(OpenCl.CheckReadImage(world.Queue, array, origin, region, 256, 0, host));
        region[1] = 6;
        Assert.False(OpenCl.CheckReadImage(world.Queue, array, origin, region, 256, 0, host));
        region[1] = 5;
        Assert.False(OpenCl.CheckReadImage(world.Queue, array, origin, region, 256, 256 * 5, host));
    }

    [Fact]
    public void Image3D_SlicePitchMustHoldItsRows_EvenWhereTheProductWraps()
    {
        var world = World.Create();
        var volume = world.Image(World.Type3D, 16, 4, 4, 0, Rgba, UnormInt8);
        var origin = stackalloc nuint[] { 0, 0, 0 };
        var region = stackalloc nuint[] { 16, 4, 4 };
        var host = stackalloc byte[1];
        Assert.True(OpenCl.CheckReadImage(world.Queue, volume, origin, region, 64, 256, host));
        Assert.False(OpenCl.CheckReadImage(world.Queue, volume, origin, region, 64, 255, host));
        Assert.False(OpenCl.CheckReadImage(world.Queue, volume, origin, region, 64, 0, host));

        // 2^62 * 4 rows wraps to 0 in size_t: a slice pitch of 2^62 holds one row, not four.
        Assert.False(OpenCl.CheckReadImage(world.Queue, volume, origin, region, (nuint)1 << 62, (nuint)1 << 62, host));
    }

    [Fact]
    public void ImageOfAFormatWithRulesOfItsOwn_OrOfAnotherContext_IsNotProven()
    {
        var world = World.Create();
        var other = World.Create();
        var srgb = world.Image2D(8, 8, Srgba, UnormInt8);
        var plain = world.Image2D(8, 8, Rgba, UnormInt8);
        var origin = stackalloc nuint[] { 0, 0, 0 };
        var region = stackalloc nuint[] { 8, 8, 1 };
        var host = stackalloc byte[1];
        Assert.False(OpenCl.CheckReadImage(world.Queue, srgb, origin, region, 32, 0, host));
        Assert.False(OpenCl.CheckReadImage(other.Queue, plain, origin, region, 32, 0, host));
        Assert.False(OpenCl.CheckReadImage(world.Queue, plain, null, region, 32, 0, host));
        Assert.False(OpenCl.CheckReadImage(world.Queue, plain, origin, null, 32, 0, host));
    }
}
