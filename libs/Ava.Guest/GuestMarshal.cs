using Ava.Transport.Wire;

namespace Ava.Guest;

/// <summary>Sizes of C data the generated stubs send: strings and arrays of strings.</summary>
public static unsafe class GuestMarshal
{
    /// <summary>Bytes of a NUL-terminated string, the NUL included.</summary>
    public static long StringBytes(sbyte* s) => StringBytes((byte*)s);

    /// <summary>
    /// Bytes of <paramref name="count"/> elements as C computes them, wrapping in <c>size_t</c>. A product past what
    /// memory can hold travels as 0 bytes: the worker computes the same size with checked arithmetic, overflows and
    /// refuses the call, so no application argument throws here and nothing is read past the application's memory.
    /// </summary>
    public static long WrappedBytes(ulong count, int elementSize)
    {
        var bytes = unchecked(count * (ulong)elementSize);
        return bytes > long.MaxValue ? 0 : (long)bytes;
    }

    /// <summary>A callback's string argument as a C string of ours (0 for NULL); free it with <see cref="FreeCallbackString"/>.</summary>
    public static nint CallbackString(ref RecordReader r)
    {
        var kind = r.ReadBuffer(out var length, out var inline);
        if (kind != BufferKind.Inline || length < 1)
        {
            return 0;
        }

        var copy = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc((nuint)length);
        inline.CopyTo(new Span<byte>(copy, (int)length));
        copy[length - 1] = 0;
        return (nint)copy;
    }

    /// <summary>Frees a string from <see cref="CallbackString"/>.</summary>
    public static void FreeCallbackString(nint s) => System.Runtime.InteropServices.NativeMemory.Free((void*)s);

    /// <summary>Elements of a zero-terminated list (the terminator included), looking for the zero every <paramref name="stride"/> elements.</summary>
    public static long TerminatedCount(void* list, int elementSize, int stride)
    {
        for (long i = 0; ; i += stride)
        {
            var zero = elementSize == 4 ? ((uint*)list)[i] == 0 : ((ulong*)list)[i] == 0;
            if (zero)
            {
                return i + 1;
            }
        }
    }

    /// <summary>
    /// Bytes of a NUL-terminated string, the NUL included, found as strlen finds them: never reading past the page of the
    /// NUL (a search over a span declared longer than the string loads whole vectors past it, and faults on an
    /// application's string that ends at the end of its mapping).
    /// </summary>
    public static long StringBytes(byte* s) => System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(s).Length + 1L;

    /// <summary>Length of string <paramref name="i"/>: lengths[i] bytes, or up to its NUL when lengths is NULL or 0 (as clCreateProgramWithSource).</summary>
    public static long StringLength(byte** strings, nuint* lengths, ulong i) =>
        lengths != null && lengths[i] != 0 ? (long)lengths[i] : StringBytes(strings[i]) - 1;

    /// <summary>
    /// Bytes of the blob a string array travels as: per string a u64 length (NUL included; all ones for a NULL
    /// element) and the bytes padded to a slot. Every string gets a NUL, so the worker can hand the library C
    /// strings; a NULL element stays NULL, so the library reports it as it would natively.
    /// </summary>
    public static long StringArrayBytes(byte** strings, nuint* lengths, ulong count)
    {
        long total = 0;
        for (ulong i = 0; i < count; i++)
        {
            total = checked(total + WireArrays.StringEntryBytes(strings[i] == null ? 0 : StringLength(strings, lengths, i), strings[i] == null));
        }

        return total;
    }

    /// <summary>Writes the blob of <see cref="StringArrayBytes"/> into <paramref name="destination"/>.</summary>
    public static void WriteStringArray(Span<byte> destination, byte** strings, nuint* lengths, ulong count)
    {
        var position = 0;
        for (ulong i = 0; i < count; i++)
        {
            if (strings[i] == null)
            {
                WireArrays.WriteStringHeader(destination[position..], 0, isNull: true);
                position += RecordLayout.SlotSize;
                continue;
            }

            var length = (int)StringLength(strings, lengths, i);
            WireArrays.WriteStringHeader(destination[position..], length, isNull: false);
            position += RecordLayout.SlotSize;
            new ReadOnlySpan<byte>(strings[i], length).CopyTo(destination[position..]);
            var padded = (int)RecordLayout.AlignSlot(length + 1);
            destination.Slice(position + length, padded - length).Clear();
            position += padded;
        }
    }
}
