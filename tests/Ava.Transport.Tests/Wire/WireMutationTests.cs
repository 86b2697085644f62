using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ava.Transport.Native;
using Ava.Transport.Ring;
using Ava.Transport.Stream;
using Ava.Transport.Tests.Stream;
using Ava.Transport.Wire;

namespace Ava.Transport.Tests.Wire;

/// <summary>
/// Valid call sequences (filler records, a call with a scalar, an inline and a streamed buffer, chunks) written by the
/// real producers, then mutated in their length, flag and descriptor fields from a fixed seed, and read back as the
/// worker reads them. Every case must end in a clean refusal (<see cref="MalformedRecordException"/>, or a size the
/// worker's limits refuse) or, every record read, at the peer's end (<see cref="ChannelClosedException"/>); never another exception, a record outside the ring or
/// beyond the limit, a receive larger than the pipe's limit, or a write past a destination.
/// </summary>
public sealed unsafe class WireMutationTests
{
    private const int Cases = 2500;

    /// <summary>Every this many cases one goes unmutated: the valid sequence must be read whole, or the test proves nothing.</summary>
    private const int Unmutated = 50;
    private const int RingCapacity = RingLayout.MinCapacity;
    private const ushort Call = 1;
    private const ushort Filler = 2;
    private const long StreamCap = 64 * 1024;

    private static readonly uint[] Lengths =
    [
        0, 1, 8, 15, 16, 17, 24, 32, 0x7FFFFFF0, 0x7FFFFFF1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFF0, 0xFFFFFFFF,
        RingCapacity, RingCapacity / 4, (RingCapacity / 4) + 16, (RingCapacity / 4) - 16, 1 << 20, (1 << 20) + 16,
    ];

    private static readonly long[] FrameWords =
    [
        0, 1, 8, 15, 16, 24, RingLayout.FramePad, RingCapacity, RingCapacity + 16, 2L * RingCapacity, -16, long.MinValue, long.MaxValue,
    ];

    private static readonly ulong[] Descriptors =
    [
        0, 1, 8, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, ulong.MaxValue, ulong.MaxValue - 1, RecordLayout.StreamedBit,
        RecordLayout.StreamedBit | 0x7FFFFFFF, RecordLayout.StreamedBit | RecordLayout.MaxBufferLength, RecordLayout.CapacityBit | 1,
        RecordLayout.StreamedBit | RecordLayout.CapacityBit | 8, 1UL << 63, (1UL << 63) | RecordLayout.StreamedBit | 16,
    ];

    [Fact]
    public void RingReader_MutatedLengthsFlagsAndDescriptors_EndInACleanRefusal()
    {
        using var segment = SharedSegment.Create("wire-mutation", RingLayout.SegmentSize(RingCapacity));
        var outcomes = new Outcomes();
        var random = new Random(20240611);
        var data = segment.Base + RingLayout.DataAreaOffset(0, RingCapacity);
        var copy = new byte[RingCapacity / 4];
        for (var i = 0; i < Cases; i++)
        {
            new Span<byte>(segment.Base, (int)segment.Size).Clear();
            SpscRing.InitializeSegment(segment.Base, RingCapacity);
            var peer = new Peer { Alive = true };
            var producer = new SpscRing(segment.Base, 0, RingCapacity, peer, new WaitPolicy(0, 1));
            var consumer = new SpscRing(segment.Base, 0, RingCapacity, peer, new WaitPolicy(0, 1));

            // Valid fillers first, read as they come, so the sequence starts anywhere in the ring and may wrap (a Pad record).
            for (var n = random.Next(0, 120); n > 0; n--)
            {
                WriteFiller(producer, 8 * random.Next(0, 64));
                Assert.True(consumer.TryRead(out _));
                consumer.Release();
            }

            var start = producer.PublishedPosition;
            WriteSequence(producer, random);
            var control = i % Unmutated == 0;
            if (!control)
            {
                Mutate(random, RingFields(data, start, producer.PublishedPosition), new Span<byte>(data, RingCapacity));
            }

            peer.Alive = false;
            outcomes.Add(control, Drain(consumer, copy, record =>
            {
                var at = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(record));
                Assert.True(at >= data && at + record.Length <= data + RingCapacity, "record outside the ring");
            }));
        }

        outcomes.AssertMeaningful();
    }

    [Fact]
    public void StreamReader_MutatedLengthsFlagsAndDescriptors_EndInACleanRefusal()
    {
        var outcomes = new Outcomes();
        var random = new Random(19700101);
        var copy = new byte[1 << 20];
        for (var i = 0; i < Cases; i++)
        {
            var sink = new ScriptedSocket([]);
            using (var producer = new StreamPipe(sink))
            {
                WriteSequence(producer, random);
            }

            var bytes = sink.Sent.ToArray();
            var control = i % Unmutated == 0;
            if (!control)
            {
                Mutate(random, StreamFields(bytes), bytes);
            }

            using var consumer = new StreamPipe(new ScriptedSocket(bytes, largestReceive: 1 << 20));
            outcomes.Add(control, Drain(consumer, copy, _ => { }));
        }

        outcomes.AssertMeaningful();
    }

    /// <summary>Fillers, the call (scalar, inline buffer, streamed buffer and its chunks), a filler.</summary>
    private static void WriteSequence(RecordPipe pipe, Random random)
    {
        for (var n = random.Next(4); n > 0; n--)
        {
            WriteFiller(pipe, random.Next(0, 64) * 8);
        }

        var inline = new byte[random.Next(0, 120)];
        random.NextBytes(inline);
        var streamed = random.Next(1, 24 * 1024);
        var record = pipe.Reserve(RecordLayout.HeaderSize + 16 + (int)RecordLayout.InlineBufferSize(inline.Length));
        var w = new RecordWriter(record);
        w.WriteInt64(random.NextInt64());
        w.WriteInlineBuffer(inline);
        w.WriteStreamedBuffer(streamed);
        pipe.Publish(w.Finish(Call, RecordFlags.HasStreamed, 1, 1), wake: false);
        var payload = new byte[streamed];
        random.NextBytes(payload);
        fixed (byte* p = payload)
        {
            pipe.WriteStream(p, streamed);
        }

        WriteFiller(pipe, 8, wake: true);
    }

    private static void WriteFiller(RecordPipe pipe, int slots, bool wake = false)
    {
        var w = new RecordWriter(pipe.Reserve(RecordLayout.HeaderSize + slots));
        for (var s = 0; s < slots / 8; s++)
        {
            w.WriteInt64(s);
        }

        pipe.Publish(w.Finish(Filler, RecordFlags.Async, 0, 0), wake);
    }

    /// <summary>The worker's reading of the sequence; returns how the case ended.</summary>
    private static Outcome Drain(RecordPipe pipe, byte[] copy, Action<ReadOnlySpan<byte>> checkRecord)
    {
        try
        {
            for (var records = 0; records < 256; records++)
            {
                var record = pipe.Read();
                checkRecord(record);
                Assert.InRange(record.Length, RecordLayout.HeaderSize, pipe.MaxRecordLength);

                // As the worker's shadow thread: a record with streamed bytes after it is moved aside first.
                var streamedAfter = (RecordLayout.ReadFlags(record) & RecordFlags.HasStreamed) != 0;
                if (streamedAfter)
                {
                    record.CopyTo(copy);
                    record = copy.AsSpan(0, record.Length);
                    pipe.Release();
                }

                if (!Decode(pipe, record))
                {
                    return Outcome.Refused;
                }

                if (!streamedAfter)
                {
                    pipe.Release();
                }
            }

            throw new InvalidOperationException("more records came out than the producer wrote");
        }
        catch (MalformedRecordException)
        {
            return Outcome.Refused;
        }
        catch (ChannelClosedException)
        {
            return Outcome.Ended;
        }
    }

    /// <summary>Decodes one record as generated dispatch would; false where the worker refuses it short of the wire checks.</summary>
    private static bool Decode(RecordPipe pipe, ReadOnlySpan<byte> record)
    {
        var r = new RecordReader(record);
        if (r.Function == Filler)
        {
            while (r.Remaining >= RecordLayout.SlotSize)
            {
                r.ReadInt64();
            }

            r.EnsureConsumed();
            return true;
        }

        if (r.Function != Call)
        {
            return false;
        }

        r.ReadInt64();
        if (r.ReadBuffer(out var inlineLength, out var inline) == BufferKind.Inline)
        {
            Assert.Equal(inlineLength, inline.Length);
        }

        if (r.ReadBuffer(out var length, out _) == BufferKind.Streamed)
        {
            if (length > StreamCap)
            {
                // Where the worker's size checks (the spec's expression, AVA_MAX_CALL_BYTES) refuse the call.
                return false;
            }

            ReadGuarded(pipe, length);
        }

        r.EnsureConsumed();
        return true;
    }

    /// <summary>Reads a stream into a destination with a canary after it, which must survive.</summary>
    private static void ReadGuarded(RecordPipe pipe, long length)
    {
        var destination = new byte[length + 64];
        destination.AsSpan((int)length).Fill(0xA5);
        try
        {
            fixed (byte* d = destination)
            {
                pipe.ReadStream(d, length);
            }
        }
        finally
        {
            Assert.All(destination[(int)length..], b => Assert.Equal(0xA5, b));
        }
    }

    /// <summary>Where header lengths, flags and (in the call record) descriptor slots lie in the ring's data area.</summary>
    private static List<Field> RingFields(byte* data, long start, long published)
    {
        var fields = new List<Field>();
        for (var position = start; position < published;)
        {
            // A frame: its End and Kind words, then (unless it is a pad frame) a record.
            var offset = (int)(position & (RingCapacity - 1));
            fields.Add(new Field(offset + RingLayout.FrameEndOffset, FieldKind.FrameWord));
            fields.Add(new Field(offset + RingLayout.FrameKindOffset, FieldKind.FrameWord));
            var end = *(long*)(data + offset + RingLayout.FrameEndOffset);
            if (*(long*)(data + offset + RingLayout.FrameKindOffset) != RingLayout.FramePad)
            {
                var record = offset + RingLayout.FrameHeaderSize;
                AddFields(fields, record, new ReadOnlySpan<byte>(data + record, RecordLayout.HeaderSize));
            }

            position = end;
        }

        return fields;
    }

    private static List<Field> StreamFields(byte[] bytes)
    {
        var fields = new List<Field>();
        for (var offset = 0; offset < bytes.Length;)
        {
            AddFields(fields, offset, bytes.AsSpan(offset, RecordLayout.HeaderSize));
            offset += RecordLayout.AlignRecord((int)RecordLayout.ReadLength(bytes.AsSpan(offset)));
        }

        return fields;
    }

    private static void AddFields(List<Field> fields, int offset, ReadOnlySpan<byte> header)
    {
        fields.Add(new Field(offset + RecordLayout.LengthOffset, FieldKind.Length));
        fields.Add(new Field(offset + RecordLayout.FlagsOffset, FieldKind.Flags));
        if (RecordLayout.ReadFunction(header) == Call)
        {
            var inline = offset + RecordLayout.HeaderSize + RecordLayout.SlotSize;
            fields.Add(new Field(inline, FieldKind.Descriptor));
            fields.Add(new Field(offset + (int)RecordLayout.ReadLength(header) - RecordLayout.SlotSize, FieldKind.Descriptor));
        }
    }

    /// <summary>One to three mutations of <paramref name="bytes"/>: a bit flipped, a random value, or an edge value.</summary>
    private static void Mutate(Random random, List<Field> fields, Span<byte> bytes)
    {
        for (var m = random.Next(1, 4); m > 0; m--)
        {
            var field = fields[random.Next(fields.Count)];
            var width = field.Kind switch { FieldKind.Length => 4, FieldKind.Flags => 2, _ => 8 };
            var target = bytes.Slice(field.Offset, width);
            switch (random.Next(3))
            {
                case 0:
                    random.NextBytes(target);
                    break;
                case 1 when field.Kind == FieldKind.Length:
                    BinaryPrimitives.WriteUInt32LittleEndian(target, Lengths[random.Next(Lengths.Length)]);
                    break;
                case 1 when field.Kind == FieldKind.FrameWord:
                    BinaryPrimitives.WriteInt64LittleEndian(target, FrameWords[random.Next(FrameWords.Length)]);
                    break;
                case 1 when field.Kind == FieldKind.Descriptor:
                    BinaryPrimitives.WriteUInt64LittleEndian(target, Descriptors[random.Next(Descriptors.Length)]);
                    break;
                case 1:
                    BinaryPrimitives.WriteUInt16LittleEndian(target, (ushort)(1 << random.Next(16)));
                    break;
                default:
                    target[random.Next(width)] ^= (byte)(1 << random.Next(8));
                    break;
            }
        }
    }

    private enum FieldKind
    {
        Length,
        Flags,
        Descriptor,

        /// <summary>A ring frame's End or Kind word.</summary>
        FrameWord,
    }

    private enum Outcome
    {
        Refused,
        Ended,
    }

    private readonly record struct Field(int Offset, FieldKind Kind);

    private sealed class Outcomes
    {
        private readonly int[] _counts = new int[2];

        public void Add(bool unmutated, Outcome outcome)
        {
            if (unmutated)
            {
                Assert.Equal(Outcome.Ended, outcome);
            }

            _counts[(int)outcome]++;
        }

        /// <summary>The mutations must have reached the checks: many cases refused, and some still read to the end.</summary>
        public void AssertMeaningful()
        {
            Assert.True(_counts[(int)Outcome.Refused] > Cases / 4, $"only {_counts[(int)Outcome.Refused]} of {Cases} cases refused");
            Assert.True(_counts[(int)Outcome.Ended] > Cases / Unmutated, "no mutated case was read to its end");
        }
    }

    private sealed class Peer : IPeerMonitor
    {
        public bool Alive { get; set; }

        public bool PeerAlive() => Alive;
    }
}
