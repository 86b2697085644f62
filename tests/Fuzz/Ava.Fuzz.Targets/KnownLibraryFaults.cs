using System.Buffers.Binary;
using Ava.Transport.Wire;

namespace Ava.Fuzz.Targets;

/// <summary>
/// Calls the real libraries answer badly on arguments the worker passes on as the threat model allows ("a library that
/// crashes on valid-looking input takes that guest's worker with it"): a harness takes them out of its inputs, so that
/// its runs look for the worker's faults, not for these again. Records are found by their length fields, as a channel
/// walks them; one that calls such a function is made a call of no function (which the worker refuses), or, for the
/// test library's sleep, a call of at_noop.
/// </summary>
public static class KnownLibraryFaults
{
    private const ushort NoFunction = ushort.MaxValue;

    /// <summary>
    /// Rewrites the records in <paramref name="records"/> (a channel's requests) that would make such a call; kernel
    /// launches stay when <paramref name="launchesGuarded"/>: the worker reaches PoCL through <see cref="LaunchGuard"/>,
    /// which runs only launches that provably stay inside their buffers (the in-process opencl target binds it into its
    /// backend; the wire harness and the outside fuzzer give their real workers its library build as their OpenCL library).
    /// </summary>
    public static void Defuse(Span<byte> records, bool launchesGuarded = false)
    {
        for (var at = 0; at + RecordLayout.HeaderSize <= records.Length;)
        {
            var record = records[at..];
            var length = RecordLayout.ReadLength(record);
            if ((RecordLayout.ReadFlags(record) & (RecordFlags.Chunk | RecordFlags.Pad)) == 0)
            {
                var function = RecordLayout.ReadFunction(record);
                if (function == Ava.AvaTest.AvaTestApi.FunctionIds.at_sleep_ms)
                {
                    // at_sleep_ms sleeps as long as it is asked (only the caller's own call waits), the whole run if so.
                    BinaryPrimitives.WriteUInt16LittleEndian(record[RecordLayout.FunctionOffset..], Ava.AvaTest.AvaTestApi.FunctionIds.at_noop);
                }
                else if (!launchesGuarded && function is Ava.OpenCL.OpenCl.FunctionIds.clEnqueueNDRangeKernel or Ava.OpenCL.OpenCl.FunctionIds.clEnqueueTask)
                {
                    // A kernel runs the guest's own code on the guest's own sizes: with a mutated work size or buffer it
                    // reads and writes past its buffers in PoCL's device threads, as it would natively. Only the guest's
                    // own worker goes (the threat model's library-crash case). Where no launch guard stands in front of
                    // the library, the launch records are made calls of no function.
                    BinaryPrimitives.WriteUInt16LittleEndian(record[RecordLayout.FunctionOffset..], NoFunction);
                }
                else if (function == Ava.OpenCL.OpenCl.FunctionIds.clBuildProgram && NullInDeviceList(record[..(int)Math.Min(length, (uint)record.Length)]))
                {
                    // PoCL's clBuildProgram of a program with no kernels follows each listed device before it checks
                    // one: a NULL device crashes it (natively too; with kernels attached it answers CL_INVALID_OPERATION).
                    BinaryPrimitives.WriteUInt16LittleEndian(record[RecordLayout.FunctionOffset..], NoFunction);
                }
            }

            at += (int)Math.Max(RecordLayout.HeaderSize, Math.Min((length + 15L) & ~15L, records.Length));
        }
    }

    /// <summary>
    /// <see cref="Defuse"/> for a ring's data area from its start: the records of the frames a reader walks from
    /// position 0 by their End words, as far as those are consistent.
    /// </summary>
    public static void DefuseFrames(Span<byte> data)
    {
        for (long at = 0; at + Ava.Transport.Ring.RingLayout.FrameHeaderSize <= data.Length;)
        {
            var end = BinaryPrimitives.ReadInt64LittleEndian(data[(int)at..]);
            if (end < at + Ava.Transport.Ring.RingLayout.FrameHeaderSize || end > data.Length)
            {
                return;
            }

            Defuse(data[(int)(at + Ava.Transport.Ring.RingLayout.FrameHeaderSize)..(int)end]);
            at = end;
        }
    }

    /// <summary>Whether clBuildProgram's inline device list (slots: program, num_devices, list) holds a 0 id.</summary>
    private static bool NullInDeviceList(ReadOnlySpan<byte> record)
    {
        const int List = RecordLayout.HeaderSize + (2 * RecordLayout.SlotSize);
        if (record.Length < List + RecordLayout.SlotSize)
        {
            return false;
        }

        var descriptor = BinaryPrimitives.ReadUInt64LittleEndian(record[List..]);
        var bytes = record[(List + RecordLayout.SlotSize)..];
        if (descriptor == RecordLayout.NullBuffer || (descriptor & (RecordLayout.StreamedBit | RecordLayout.CapacityBit)) != 0)
        {
            return false;
        }

        // Whatever the descriptor claims, every id the worker could read from the record is looked at.
        for (var i = 0; i + 8 <= Math.Min((long)descriptor, bytes.Length); i += 8)
        {
            if (BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..]) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
