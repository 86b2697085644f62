using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ava.Guest;
using Ava.Transport.Wire;
using CsCheck;

namespace Ava.Worker.Tests;

/// <summary>
/// How the worker turns a call's inline buffers into C arguments (strings, string arrays, handle arrays, zero-terminated
/// lists): what the guest's encoders write decodes to the application's values, and whatever else a hostile guest
/// writes ends in <see cref="MalformedRecordException"/> or <see cref="CallRejectedException"/>, never in a pointer
/// outside the record or a string without its NUL.
/// </summary>
public sealed unsafe class BufferDecodingTests
{
    private const int Queue = 4;

    /// <summary>One element of a string array: null for a NULL pointer; with an explicit length or NUL-terminated.</summary>
    private sealed record Element(byte[]? Bytes, bool ExplicitLength)
    {
        public override string ToString() => Bytes is null ? "NULL" : $"\"{System.Text.Encoding.Latin1.GetString(Bytes)}\"{(ExplicitLength ? " (length given)" : "")}";
    }

    private static readonly Gen<Element> ElementGen = Gen.Frequency<Element>(
        (1, Gen.Const(new Element(null, false))),
        (6, Gen.Select(Gen.Byte[1, 255].Array[0, 40], Gen.Bool, (bytes, explicitLength) => new Element(bytes, explicitLength && bytes.Length > 0))));

    [Fact]
    public void StringArray_WrittenByTheGuest_DecodesToTheApplicationsStrings()
    {
        using var harness = new CallHarness();
        Gen.Select(ElementGen.Array[0, 10], Gen.Bool).Sample((elements, withLengths) =>
        {
            harness.Begin();
            var blob = EncodeStringArray(harness, elements, withLengths);
            byte** strings = null;
            CallHarness.Decode(harness.InlineRecord(blob), (ref r, kind, length, inline) =>
                strings = harness.Call.StringArray(ref r, kind, length, inline, (ulong)elements.Length, (ulong)elements.Length));
            for (var i = 0; i < elements.Length; i++)
            {
                if (elements[i].Bytes is not { } expected)
                {
                    Assert.True(strings[i] == null);
                    continue;
                }

                var decoded = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(strings[i]);
                Assert.Equal(expected, decoded.ToArray());
            }
        }, iter: 2000, threads: 1);
    }

    [Fact]
    public void StringArray_CorruptedBlob_IsRefusedOrYieldsOnlyTerminatedStringsInsideIt()
    {
        using var harness = new CallHarness();
        var change = Gen.Select(Gen.Int[0, int.MaxValue], Gen.ULong, Gen.OneOf(0UL, 1UL, 7UL, 8UL, 9UL, 0x7FFFFFFFUL, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 63));
        long refused = 0, accepted = 0;
        Gen.Select(ElementGen.Array[1, 8], change.Array[1, 3], Gen.Int[-1, 2]).Sample((elements, changes, extra) =>
        {
            harness.Begin();
            var blob = EncodeStringArray(harness, elements, withLengths: false);
            foreach (var (where, random, edge) in changes)
            {
                var at = where % blob.Length;
                if (where % 3 == 0)
                {
                    blob[at] ^= (byte)(1 << (int)(random % 8));
                }
                else
                {
                    var slot = at / 8 * 8;
                    BinaryPrimitives.WriteUInt64LittleEndian(blob.AsSpan(slot), where % 3 == 1 ? random : edge);
                }
            }

            var count = (ulong)Math.Max(0, elements.Length + extra);
            try
            {
                CallHarness.Decode(harness.InlineRecord(blob), (ref r, kind, length, inline) =>
                {
                    var strings = harness.Call.StringArray(ref r, kind, length, inline, count, count);
                    fixed (byte* start = inline)
                    {
                        for (ulong i = 0; i < count; i++)
                        {
                            if (strings[i] == null)
                            {
                                continue;
                            }

                            Assert.True(strings[i] >= start && strings[i] < start + length, $"string {i} points outside its blob");
                            Assert.True(new ReadOnlySpan<byte>(strings[i], (int)(start + length - strings[i])).Contains((byte)0), $"string {i} has no NUL inside its blob");
                        }
                    }
                });
            }
            catch (MalformedRecordException)
            {
                refused++;
                return;
            }

            accepted++;
        }, iter: 5000, threads: 1);

        Assert.True(refused > 500, $"only {refused} corrupted blobs refused");
        Assert.True(accepted > 0, "no corrupted blob decoded");
    }

    [Fact]
    public void StringArray_CountPastWhatTheBlobCanHold_IsRefused()
    {
        using var harness = new CallHarness();
        harness.Begin();
        var blob = EncodeStringArray(harness, [new Element("ab"u8.ToArray(), false)], withLengths: false);
        var record = harness.InlineRecord(blob);
        Assert.Throws<MalformedRecordException>(() =>
            CallHarness.Decode(record, (ref r, kind, length, inline) => harness.Call.StringArray(ref r, kind, length, inline, 1UL << 40, 1UL << 40)));
        Assert.Throws<MalformedRecordException>(() =>
            CallHarness.Decode(record, (ref r, kind, length, inline) => harness.Call.StringArray(ref r, kind, length, inline, 2, 2)));
    }

    [Theory]
    [InlineData("abc\0", true)]
    [InlineData("\0", true)]
    [InlineData("abc", false)]
    [InlineData("", false)]
    [InlineData("a\0bc", false)]
    public void InString_IsAcceptedOnlyWithItsNulAsTheLastByte(string text, bool accepted)
    {
        using var harness = new CallHarness();
        harness.Begin();
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        var record = harness.InlineRecord(bytes);
        if (!accepted)
        {
            Assert.Throws<MalformedRecordException>(() =>
                CallHarness.Decode(record, (ref r, kind, length, inline) => harness.Call.InString(ref r, kind, length, inline)));
            return;
        }

        byte* s = null;
        CallHarness.Decode(record, (ref r, kind, length, inline) => s = harness.Call.InString(ref r, kind, length, inline));
        Assert.Equal(bytes[..^1], MemoryMarshal.CreateReadOnlySpanFromNullTerminated(s).ToArray());
    }

    [Fact]
    public void InString_Null_IsNull()
    {
        using var harness = new CallHarness();
        harness.Begin();
        var r = harness.InlineRecord([]).Reader();
        Assert.True(harness.Call.InString(ref r, BufferKind.Null, 0, default) == null);
    }

    [Fact]
    public void InHandles_TranslatesEveryIdOfTheTenant_AndZeroToNull()
    {
        using var harness = new CallHarness();
        harness.Begin();
        var table = harness.Tenant.Handles;
        ulong[] ids = [table.Add(0x1000, Queue, owned: true), 0, table.Add(0x2000, Queue, owned: true)];
        nint* handles = null;
        CallHarness.Decode(harness.InlineRecord(MemoryMarshal.AsBytes(ids.AsSpan())), (ref r, kind, length, inline) =>
            handles = harness.Call.InHandles(kind, length, inline, ids.Length * 8, Queue));
        Assert.Equal(0x1000, handles[0]);
        Assert.Equal(0, handles[1]);
        Assert.Equal(0x2000, handles[2]);
    }

    [Fact]
    public void InHandles_ForgedOrReleasedOrOtherTypeId_IsRefusedAsAnInvalidHandle()
    {
        using var harness = new CallHarness();
        var table = harness.Tenant.Handles;
        var live = table.Add(0x1000, Queue, owned: true);
        var released = table.Add(0x2000, Queue, owned: true);
        Assert.True(table.Release(released));
        var other = table.Add(0x3000, Queue + 1, owned: true);
        foreach (var bad in new[] { released, other, live ^ (1UL << 40), live + 1 })
        {
            harness.Begin();
            ulong[] ids = [live, bad];
            var record = harness.InlineRecord(MemoryMarshal.AsBytes(ids.AsSpan()));
            var refused = Assert.Throws<CallRejectedException>(() =>
                CallHarness.Decode(record, (ref r, kind, length, inline) => harness.Call.InHandles(kind, length, inline, 16, Queue)));
            Assert.Equal(TransportStatus.InvalidHandle, refused.Status);
        }
    }

    [Fact]
    public void InHandles_LengthOtherThanTheSpecsOrNotInline_IsMalformed()
    {
        using var harness = new CallHarness();
        harness.Begin();
        ulong[] ids = [0, 0];
        var record = harness.InlineRecord(MemoryMarshal.AsBytes(ids.AsSpan()));
        Assert.Throws<MalformedRecordException>(() =>
            CallHarness.Decode(record, (ref r, kind, length, inline) => harness.Call.InHandles(kind, length, inline, 24, Queue)));
        Assert.Throws<MalformedRecordException>(() => harness.Call.InHandles(BufferKind.Streamed, 16, default, 16, Queue));
        Assert.Throws<MalformedRecordException>(() => harness.Call.InHandles(BufferKind.Capacity, 16, default, 16, Queue));
        Assert.True(harness.Call.InHandles(BufferKind.Null, 0, default, 16, Queue) == null);
    }

    [Fact]
    public void InHandles_MoreThanTheCallsMemoryLimit_IsRefusedAsTooLarge()
    {
        using var harness = new CallHarness(new CallLimits(MaxCallBytes: 64, RetainedScratchBytes: 0));
        harness.Begin();
        var ids = new ulong[16];
        var record = harness.InlineRecord(MemoryMarshal.AsBytes(ids.AsSpan()));
        var refused = Assert.Throws<CallRejectedException>(() =>
            CallHarness.Decode(record, (ref r, kind, length, inline) => harness.Call.InHandles(kind, length, inline, ids.Length * 8, Queue)));
        Assert.Equal(TransportStatus.TooLarge, refused.Status);
    }

    [Theory]
    [InlineData(new ulong[] { 5, 7, 0 }, 1, true)]
    [InlineData(new ulong[] { 0 }, 1, true)]
    [InlineData(new ulong[] { 5, 0, 7, 0 }, 1, false)] // a zero before the end
    [InlineData(new ulong[] { 5, 7, 9 }, 1, false)] // no terminator
    [InlineData(new ulong[] { 1, 0, 2, 0, 0 }, 2, true)] // (key, value) pairs: zero values are not terminators
    [InlineData(new ulong[] { 1, 5, 0, 5, 0 }, 2, false)]
    [InlineData(new ulong[] { 1, 5, 0, 0 }, 2, false)] // the terminator off a pair boundary
    public void InTerminated_TerminatorMustBeTheLastElementAtAStrideBoundary(ulong[] list, int stride, bool accepted)
    {
        using var harness = new CallHarness();
        harness.Begin();
        var record = harness.InlineRecord(MemoryMarshal.AsBytes(list.AsSpan()));
        if (accepted)
        {
            ulong* data = null;
            CallHarness.Decode(record, (ref r, kind, length, inline) => data = (ulong*)harness.Call.InTerminated(ref r, kind, length, inline, 8, stride));
            Assert.Equal(list, new ReadOnlySpan<ulong>(data, list.Length).ToArray());

            // The guest counts the same elements, terminator included.
            fixed (ulong* p = list)
            {
                Assert.Equal(list.Length, GuestMarshal.TerminatedCount(p, 8, stride));
            }
        }
        else
        {
            Assert.Throws<MalformedRecordException>(() =>
                CallHarness.Decode(record, (ref r, kind, length, inline) => harness.Call.InTerminated(ref r, kind, length, inline, 8, stride)));
        }
    }

    [Fact]
    public void InTerminated_WithPadding_IsACopyOfTheCallsOwnWithTheExtraZeros()
    {
        using var harness = new CallHarness();
        harness.Begin();
        ulong[] list = [0x1087, 2, 1, 0];
        var record = harness.InlineRecord(MemoryMarshal.AsBytes(list.AsSpan()));
        ulong* data = null;
        nint inlineAt = 0;
        CallHarness.Decode(record, (ref r, kind, length, inline) =>
        {
            inlineAt = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(inline));
            data = (ulong*)harness.Call.InTerminated(ref r, kind, length, inline, 8, 1, 1);
        });

        Assert.NotEqual(inlineAt, (nint)data);
        Assert.Equal([0x1087UL, 2, 1, 0, 0], new ReadOnlySpan<ulong>(data, 5).ToArray());
    }

    [Fact]
    public void PropertyHandlesFromWire_TranslatesOnlyTheValueAfterTheKey_AndRefusesAForeignId()
    {
        using var harness = new CallHarness();
        harness.Begin();
        const int Platform = 3;
        var id = harness.Call.HandleToWire(0x7000, Platform, false);
        var list = (long*)harness.Allocate(5 * sizeof(long));
        new Span<long>(list, 5).Clear();
        list[0] = 0x1084;
        list[1] = (long)id;
        list[2] = 0x1085;
        list[3] = (long)id;
        harness.Call.PropertyHandlesFromWire(list, 0x1084, Platform);
        Assert.Equal([0x1084L, 0x7000, 0x1085, (long)id, 0], new ReadOnlySpan<long>(list, 5).ToArray());

        // An id the tenant's table does not hold, or NULL, never reaches the library as a handle.
        list[1] = (long)id + 1000;
        Assert.Throws<CallRejectedException>(() => harness.Call.PropertyHandlesFromWire(list, 0x1084, Platform));
        harness.Call.PropertyHandlesFromWire(null, 0x1084, Platform);
    }

    [Fact]
    public void PropertyHandlesToWire_GivesTheValueAfterTheKeyBackAsAnId_WithinTheCount()
    {
        using var harness = new CallHarness();
        harness.Begin();
        const int Platform = 3;
        var id = harness.Call.HandleToWire(0x7000, Platform, false);
        var list = (long*)harness.Allocate(6 * sizeof(long));
        long[] written = [0x1085, 0x7000, 0x1084, 0x7000, 0, 0x1084];
        written.CopyTo(new Span<long>(list, 6));
        harness.Call.PropertyHandlesToWire(list, 6, 0x1084, Platform);
        Assert.Equal([0x1085L, 0x7000, 0x1084, (long)id, 0, 0x1084], new ReadOnlySpan<long>(list, 6).ToArray());

        // A value past the count the library wrote stays as it is.
        list[3] = 0x7000;
        harness.Call.PropertyHandlesToWire(list, 3, 0x1084, Platform);
        Assert.Equal(0x7000, list[3]);
    }

    [Fact]
    public void InTerminated_LengthOffTheElementSize_IsMalformed()
    {
        using var harness = new CallHarness();
        harness.Begin();
        var record = harness.InlineRecord(new byte[12]);
        Assert.Throws<MalformedRecordException>(() =>
            CallHarness.Decode(record, (ref r, kind, length, inline) => harness.Call.InTerminated(ref r, kind, length, inline, 8, 1)));
        Assert.Throws<MalformedRecordException>(() =>
            CallHarness.Decode(record, (ref r, kind, length, inline) => harness.Call.InTerminated(ref r, kind, 4, inline[..4], 8, 1)));
    }

    [Theory]
    [InlineData(3UL, 4, 12L)]
    [InlineData(0UL, 8, 0L)]
    [InlineData((1UL << 62) + 1, 4, 4L)] // wraps in size_t as C computes it
    [InlineData(1UL << 61, 4, long.MinValue)] // 2^63: past what memory holds, travels as 0
    [InlineData(ulong.MaxValue, 1, long.MinValue)]
    public void WrappedBytes_IsTheSizeTProduct_OrZeroPastMemory(ulong count, int elementSize, long expected) =>
        Assert.Equal(expected == long.MinValue ? 0 : expected, GuestMarshal.WrappedBytes(count, elementSize));

    /// <summary>The guest's encoding of a string array (GuestMarshal), from strings in native memory as an application holds them.</summary>
    private static byte[] EncodeStringArray(CallHarness harness, Element[] elements, bool withLengths)
    {
        var strings = (byte**)harness.Allocate(elements.Length * sizeof(nint));
        var lengths = withLengths ? (nuint*)harness.Allocate(elements.Length * sizeof(nuint)) : null;
        for (var i = 0; i < elements.Length; i++)
        {
            if (elements[i].Bytes is not { } bytes)
            {
                strings[i] = null;
                continue;
            }

            // A string with a length given need not end where it does: bytes after it must not travel.
            var text = harness.Allocate(bytes.Length + 4);
            bytes.CopyTo(new Span<byte>(text, bytes.Length));
            text[bytes.Length] = elements[i].ExplicitLength ? (byte)'X' : (byte)0;
            strings[i] = text;
            if (lengths != null)
            {
                lengths[i] = elements[i].ExplicitLength ? (nuint)bytes.Length : 0;
            }
            else if (elements[i].ExplicitLength)
            {
                text[bytes.Length] = 0;
            }
        }

        var blob = new byte[GuestMarshal.StringArrayBytes(strings, lengths, (ulong)elements.Length)];
        GuestMarshal.WriteStringArray(blob, strings, lengths, (ulong)elements.Length);
        return blob;
    }
}
