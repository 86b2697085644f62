using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ava.Transport.Wire;
using CsCheck;

namespace Ava.Transport.Tests.Wire;

/// <summary>
/// Properties of <see cref="RecordWriter"/> and <see cref="RecordReader"/> over any sequence of the slot kinds a
/// record carries (signed and unsigned scalars, floats, doubles, NULL, inline, streamed and capacity buffers): what is
/// written reads back identically, and a truncated or corrupted record ends in <see cref="MalformedRecordException"/>
/// (the one error the worker answers with MalformedRecord) or reads values that lie inside the record, never in another
/// exception or a read outside it.
/// </summary>
public sealed class RecordRoundTripTests
{
    private const long Iterations = 2000;

    /// <summary>The slot kinds, as generated dispatch writes and reads them.</summary>
    private enum SlotKind
    {
        Int64,
        UInt64,
        Single,
        Double,
        Null,
        Streamed,
        Capacity,
        Inline,
        Reserved,
    }

    /// <summary>One argument: its kind, its scalar (bits for floats, length for streamed and capacity), its inline bytes.</summary>
    private sealed record Slot(SlotKind Kind, long Value, byte[] Bytes)
    {
        public override string ToString() => $"{Kind}({Value}, {Bytes.Length} bytes)";
    }

    /// <summary>A whole record: header fields and slots.</summary>
    private sealed record Call(ushort Function, RecordFlags Flags, uint Sequence, int Status, Slot[] Slots)
    {
        public int Size => RecordLayout.HeaderSize + Slots.Sum(s => s.Kind is SlotKind.Inline or SlotKind.Reserved
            ? (int)RecordLayout.InlineBufferSize(s.Bytes.Length) : RecordLayout.SlotSize);

        public override string ToString() => $"{Function} {Flags} #{Sequence} status {Status}: {string.Join(", ", Slots.AsEnumerable())}";
    }

    private static readonly Gen<long> BufferLength = Gen.Frequency<long>(
        (3, Gen.Long[0, (long)RecordLayout.MaxBufferLength]),
        (1, Gen.OneOf(0L, 1L, 7L, 8L, int.MaxValue, (long)uint.MaxValue + 1, (long)RecordLayout.MaxBufferLength)));

    private static readonly Gen<Slot> SlotGen = Gen.OneOf<Slot>(
        Gen.Long.Select(v => new Slot(SlotKind.Int64, v, [])),
        Gen.ULong.Select(v => new Slot(SlotKind.UInt64, (long)v, [])),
        Gen.Int.Select(bits => new Slot(SlotKind.Single, bits, [])),
        Gen.Long.Select(bits => new Slot(SlotKind.Double, bits, [])),
        Gen.Const(new Slot(SlotKind.Null, 0, [])),
        BufferLength.Select(length => new Slot(SlotKind.Streamed, length, [])),
        BufferLength.Select(length => new Slot(SlotKind.Capacity, length, [])),
        Gen.Byte.Array[0, 80].Select(bytes => new Slot(SlotKind.Inline, bytes.Length, bytes)),
        Gen.Byte.Array[0, 80].Select(bytes => new Slot(SlotKind.Reserved, bytes.Length, bytes)));

    private static readonly Gen<Call> CallGen = Gen.Select(
        Gen.UShort, Gen.UShort, Gen.UInt, Gen.Int, SlotGen.Array[0, 12],
        (function, flags, sequence, status, slots) => new Call(function, (RecordFlags)flags, sequence, status, slots));

    [Fact]
    public void AnySequenceOfSlots_ReadsBackIdentically_AndConsumesTheWholeRecord()
    {
        CallGen.Sample(call =>
        {
            var bytes = Encode(call, out var length);
            Assert.Equal(call.Size, length);
            Assert.Equal((uint)length, RecordLayout.ReadLength(bytes));

            var r = new RecordReader(bytes);
            Assert.Equal(call.Function, r.Function);
            Assert.Equal(call.Flags, r.Flags);
            Assert.Equal(call.Sequence, r.Sequence);
            Assert.Equal(call.Status, r.Status);
            var decoded = Decode(ref r, call.Slots, bytes);
            Assert.Equal(0, r.Remaining);
            r.EnsureConsumed();
            Assert.Equal(Describe(call.Slots), Describe(decoded));
        }, iter: Iterations);
    }

    [Fact]
    public void InlineBuffers_ArePaddedWithZeros_WhateverTheDestinationHeldBefore()
    {
        CallGen.Sample(call =>
        {
            var bytes = Encode(call, out _, fill: 0xCC);
            var at = RecordLayout.HeaderSize;
            foreach (var slot in call.Slots)
            {
                if (slot.Kind is not (SlotKind.Inline or SlotKind.Reserved))
                {
                    at += RecordLayout.SlotSize;
                    continue;
                }

                var padded = (int)RecordLayout.AlignSlot(slot.Bytes.Length);
                Assert.All(bytes.AsSpan(at + RecordLayout.SlotSize + slot.Bytes.Length, padded - slot.Bytes.Length).ToArray(), b => Assert.Equal(0, b));
                at += RecordLayout.SlotSize + padded;
            }
        }, iter: Iterations);
    }

    [Fact]
    public void WriterGivenTooLittleRoom_ThrowsBeforeWritingPastIt()
    {
        Gen.Select(CallGen.Where(c => c.Size > RecordLayout.HeaderSize), Gen.Int[1, 1 << 20]).Sample((call, shortBy) =>
        {
            var room = Math.Max(RecordLayout.HeaderSize, call.Size - 1 - (shortBy % call.Size));
            var memory = new byte[room + 64];
            memory.AsSpan(room).Fill(0xA5);
            Assert.Throws<ArgumentOutOfRangeException>(() =>
            {
                var w = new RecordWriter(memory.AsSpan(0, room));
                Write(ref w, call.Slots);
            });
            Assert.All(memory[room..], b => Assert.Equal(0xA5, b));
        }, iter: Iterations);
    }

    [Fact]
    public void RecordCutShortOfItsLengthField_IsRefusedAtTheHeader()
    {
        CallGen.SelectMany(call => Gen.Int[0, call.Size - 1].Select(cut => (call, cut))).Sample((call, cut) =>
        {
            var bytes = Encode(call, out _);
            Assert.Throws<MalformedRecordException>(() => new RecordReader(bytes.AsSpan(0, cut)));
        }, iter: Iterations);
    }

    [Fact]
    public void RecordTruncatedWithAConsistentLengthField_IsRefusedOrLosesOnlyPadding()
    {
        CallGen.Where(c => c.Size > RecordLayout.HeaderSize)
            .SelectMany(call => Gen.Int[RecordLayout.HeaderSize, call.Size - 1].Select(cut => (call, cut)))
            .Sample((call, cut) =>
            {
                var bytes = Encode(call, out _).AsSpan(0, cut).ToArray();
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)cut);
                List<string> decoded;
                try
                {
                    var r = new RecordReader(bytes);
                    decoded = Describe(Decode(ref r, call.Slots, bytes));
                    r.EnsureConsumed();
                }
                catch (MalformedRecordException)
                {
                    return;
                }

                // Accepted: only the zeros padding the last inline buffer were cut, and every value is the one written.
                Assert.True(call.Slots[^1].Kind is SlotKind.Inline or SlotKind.Reserved, "a cut into a scalar slot was accepted");
                Assert.True(call.Size - cut < RecordLayout.SlotSize);
                Assert.Equal(Describe(call.Slots), decoded);
            }, iter: Iterations);
    }

    [Fact]
    public void CorruptedRecord_IsRefusedOrReadsOnlyInsideItself()
    {
        long refused = 0, accepted = 0;
        var corruption = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 3], Gen.ULong, Gen.OneOf(Descriptors)).Array[1, 4];
        Gen.Select(CallGen, corruption).Sample((call, changes) =>
        {
            var bytes = Encode(call, out var length);
            foreach (var (where, how, random, edge) in changes)
            {
                Corrupt(bytes, length, where, how, random, edge);
            }

            Interlocked.Increment(ref ReadRefusedOrInside(bytes, call.Slots) ? ref refused : ref accepted);
        }, iter: Iterations);

        // The corruptions reached the checks, and not every one of them was fatal.
        Assert.True(refused > Iterations / 4, $"only {refused} of {Iterations} corrupted records refused");
        Assert.True(accepted > 0, "no corrupted record was read to its end");
    }

    [Fact]
    public void RandomBytes_ReadAsAnySchema_AreRefusedOrReadOnlyInsideThemselves()
    {
        Gen.Select(Gen.Byte.Array[0, 256], SlotGen.Array[0, 12], Gen.OneOf(Lengths)).Sample((bytes, schema, length) =>
        {
            if (bytes.Length >= 4)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, length == 0 ? (uint)bytes.Length : length);
            }

            _ = ReadRefusedOrInside(bytes, schema);
        }, iter: Iterations);
    }

    private static readonly ulong[] Descriptors =
    [
        0, 1, 7, 8, 9, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000000, ulong.MaxValue, ulong.MaxValue - 1,
        RecordLayout.StreamedBit, RecordLayout.CapacityBit, RecordLayout.StreamedBit | RecordLayout.CapacityBit,
        RecordLayout.StreamedBit | RecordLayout.MaxBufferLength, RecordLayout.CapacityBit | RecordLayout.MaxBufferLength,
        1UL << 63, (1UL << 63) | 8, (1UL << 63) | RecordLayout.StreamedBit | 16, (1UL << 63) | RecordLayout.CapacityBit,
    ];

    /// <summary>Length fields tried on random bytes; 0 stands for the bytes' own length.</summary>
    private static readonly uint[] Lengths = [0, 0, 1, 15, 16, 17, 24, 255, 256, 257, 0x7FFFFFFF, 0x80000000, uint.MaxValue];

    /// <summary>
    /// Reads <paramref name="bytes"/> as a record of <paramref name="schema"/>: either a <see cref="MalformedRecordException"/>, or
    /// every inline buffer as long as its descriptor says and inside the record, and the reader never past its end.
    /// </summary>
    /// <returns>Whether the record was refused.</returns>
    private static bool ReadRefusedOrInside(byte[] bytes, Slot[] schema)
    {
        try
        {
            var r = new RecordReader(bytes);
            var length = (int)RecordLayout.ReadLength(bytes);
            Assert.InRange(length, RecordLayout.HeaderSize, bytes.Length);
            foreach (var slot in schema)
            {
                if (slot.Kind is SlotKind.Int64 or SlotKind.UInt64 or SlotKind.Single or SlotKind.Double)
                {
                    r.ReadInt64();
                }
                else if (r.ReadBuffer(out var bufferLength, out var inline) == BufferKind.Inline)
                {
                    Assert.Equal(bufferLength, inline.Length);
                    var offset = (long)Unsafe.ByteOffset(ref MemoryMarshal.GetArrayDataReference(bytes), ref MemoryMarshal.GetReference(inline));
                    Assert.True(offset >= RecordLayout.HeaderSize + RecordLayout.SlotSize && offset + inline.Length <= length, "inline buffer outside the record");
                }
                else
                {
                    Assert.InRange((ulong)bufferLength, 0UL, RecordLayout.MaxBufferLength);
                }

                Assert.InRange(r.Remaining, 0, length - RecordLayout.HeaderSize);
            }

            r.EnsureConsumed();
            return false;
        }
        catch (MalformedRecordException)
        {
            return true;
        }
    }

    private static void Corrupt(byte[] bytes, int length, int where, int how, ulong random, ulong edge)
    {
        switch (how)
        {
            case 0:
                bytes[where % length] ^= (byte)(1 << (int)(random % 8));
                break;
            case 1:
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)random);
                break;
            default:
                // A whole slot (a descriptor, a scalar, inline bytes) replaced by a random or an edge value.
                var slots = (length - RecordLayout.HeaderSize) / RecordLayout.SlotSize;
                if (slots > 0)
                {
                    var at = RecordLayout.HeaderSize + ((where % slots) * RecordLayout.SlotSize);
                    BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), how == 2 ? random : edge);
                }

                break;
        }
    }

    private static byte[] Encode(Call call, out int length, byte fill = 0)
    {
        var bytes = new byte[call.Size];
        bytes.AsSpan().Fill(fill);
        var w = new RecordWriter(bytes);
        Write(ref w, call.Slots);
        length = w.Finish(call.Function, call.Flags, call.Sequence, call.Status);
        return bytes;
    }

    private static void Write(ref RecordWriter w, Slot[] slots)
    {
        foreach (var slot in slots)
        {
            switch (slot.Kind)
            {
                case SlotKind.Int64:
                    w.WriteInt64(slot.Value);
                    break;
                case SlotKind.UInt64:
                    w.WriteUInt64((ulong)slot.Value);
                    break;
                case SlotKind.Single:
                    w.WriteSingle(BitConverter.Int32BitsToSingle((int)slot.Value));
                    break;
                case SlotKind.Double:
                    w.WriteDouble(BitConverter.Int64BitsToDouble(slot.Value));
                    break;
                case SlotKind.Null:
                    w.WriteNullBuffer();
                    break;
                case SlotKind.Streamed:
                    w.WriteStreamedBuffer(slot.Value);
                    break;
                case SlotKind.Capacity:
                    w.WriteCapacity(slot.Value);
                    break;
                case SlotKind.Inline:
                    w.WriteInlineBuffer(slot.Bytes);
                    break;
                default:
                    slot.Bytes.CopyTo(w.ReserveInlineBuffer(slot.Bytes.Length));
                    break;
            }
        }
    }

    /// <summary>Reads the slots of <paramref name="schema"/> back as generated dispatch would.</summary>
    private static List<Slot> Decode(ref RecordReader r, Slot[] schema, byte[] record)
    {
        var slots = new List<Slot>();
        foreach (var expected in schema)
        {
            switch (expected.Kind)
            {
                case SlotKind.Int64:
                    slots.Add(new Slot(SlotKind.Int64, r.ReadInt64(), []));
                    break;
                case SlotKind.UInt64:
                    slots.Add(new Slot(SlotKind.UInt64, (long)r.ReadUInt64(), []));
                    break;
                case SlotKind.Single:
                    slots.Add(new Slot(SlotKind.Single, BitConverter.SingleToInt32Bits(r.ReadSingle()), []));
                    break;
                case SlotKind.Double:
                    slots.Add(new Slot(SlotKind.Double, BitConverter.DoubleToInt64Bits(r.ReadDouble()), []));
                    break;
                default:
                    var kind = r.ReadBuffer(out var length, out var inline);
                    slots.Add(kind switch
                    {
                        BufferKind.Null => new Slot(SlotKind.Null, length, []),
                        BufferKind.Streamed => new Slot(SlotKind.Streamed, length, []),
                        BufferKind.Capacity => new Slot(SlotKind.Capacity, length, []),
                        _ => new Slot(expected.Kind == SlotKind.Reserved ? SlotKind.Reserved : SlotKind.Inline, length, inline.ToArray()),
                    });
                    Assert.True(kind != BufferKind.Inline || inline.Length == length);
                    break;
            }
        }

        Assert.InRange(r.Remaining, 0, record.Length);
        return slots;
    }

    private static List<string> Describe(IEnumerable<Slot> slots) =>
        [.. slots.Select(s => $"{s.Kind}:{s.Value}:{Convert.ToHexString(s.Bytes)}")];
}
