using System.Buffers.Binary;
using Ava.Tests;
using Ava.Transport.Wire;

namespace Ava.Fuzz.Tests.Wire;

/// <summary>
/// A session recorded from real traffic (tests/Fuzz/capture.sh, AVA_CAPTURE_DIR): the guest's hello frame and its first
/// channel's requests, in the byte-stream channel's format.
/// </summary>
/// <param name="Name">The recording (NAME.control and NAME.channel in tests/Fuzz/corpus/wire).</param>
/// <param name="Api">The API it speaks.</param>
/// <param name="Hello">The hello frame as the guest sent it.</param>
/// <param name="Requests">The channel's records.</param>
internal sealed record Session(string Name, string Api, byte[] Hello, byte[] Requests)
{
    /// <summary>Every recorded session.</summary>
    public static IReadOnlyList<Session> All { get; } = Load();

    private static List<Session> Load()
    {
        var folder = Path.Combine(Repo.Root, "tests", "Fuzz", "corpus", "wire");
        var sessions = new List<Session>();
        foreach (var control in Directory.EnumerateFiles(folder, "*.control").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(control);
            var frames = File.ReadAllBytes(control);
            var hello = frames.AsSpan(0, (int)Math.Min(frames.Length, BinaryPrimitives.ReadUInt32LittleEndian(frames))).ToArray();
            var api = name.Split('-')[0];
            Restamp(hello, api);
            sessions.Add(new Session(name, api, hello, File.ReadAllBytes(Path.ChangeExtension(control, ".channel"))));
        }

        return sessions;
    }

    /// <summary>
    /// Puts the spec hash of the worker as built now into a recorded hello: the hash changes with every change of the
    /// spec model, and a session recorded before must still reach the dispatch it was recorded for.
    /// </summary>
    internal static void Restamp(byte[] hello, string api)
    {
        var current = api switch
        {
            "avatest" => Ava.AvaTest.AvaTestApi.Descriptor.SpecHash,
            "opencl" => Ava.OpenCL.OpenCl.Descriptor.SpecHash,
            "cuda" => Ava.Cuda.Cuda.Descriptor.SpecHash,
            "cudart" => Ava.CudaRt.CudaRt.Descriptor.SpecHash,
            "mvnc" => Ava.Mvnc.Mvnc.Descriptor.SpecHash,
            "gti" => Ava.Gti.Gti.Descriptor.SpecHash,
            "qat" => Ava.Qat.Qat.Descriptor.SpecHash,
            "tensorflow" => Ava.TfC.TfC.Descriptor.SpecHash,
            "amorphos" => Ava.Fpga.AmorphOs.Descriptor.SpecHash,
            _ => throw new InvalidDataException($"a recorded session of an unknown API {api}"),
        };
        var text = System.Text.Encoding.ASCII.GetString(hello);
        var at = System.Text.RegularExpressions.Regex.Match(text, "0x[0-9a-f]{16}");
        if (!at.Success)
        {
            throw new InvalidDataException($"a recorded {api} hello without a spec hash");
        }

        System.Text.Encoding.ASCII.GetBytes(current).CopyTo(hello, at.Index);
    }
}

/// <summary>Where the records of a request stream lie, found by their length fields as a channel walks them.</summary>
internal static class Records
{
    /// <summary>
    /// Cuts <paramref name="stream"/> into the pieces a producer publishes: each record by its padded length where that
    /// is a record's, else the rest in pieces of at most <paramref name="piece"/> bytes (a hostile guest publishes whatever
    /// bytes it likes).
    /// </summary>
    public static List<(int Offset, int Length)> Pieces(byte[] stream, int piece)
    {
        var pieces = new List<(int, int)>();
        for (var at = 0; at < stream.Length;)
        {
            var left = stream.Length - at;
            var length = left >= RecordLayout.HeaderSize ? BinaryPrimitives.ReadUInt32LittleEndian(stream.AsSpan(at)) : 0u;
            var padded = (int)Math.Min(left, length >= RecordLayout.HeaderSize && length <= piece ? RecordLayout.AlignRecord((int)length) : Math.Min(piece, RecordLayout.AlignRecord(left)));
            pieces.Add((at, padded));
            at += padded;
        }

        return pieces;
    }

    /// <summary>The offsets of the records in <paramref name="stream"/> (as far as the lengths can be followed).</summary>
    public static List<int> Starts(byte[] stream)
    {
        var starts = new List<int>();
        for (var at = 0; at + RecordLayout.HeaderSize <= stream.Length;)
        {
            var length = BinaryPrimitives.ReadUInt32LittleEndian(stream.AsSpan(at));
            if (length < RecordLayout.HeaderSize || length > 1 << 20)
            {
                break;
            }

            starts.Add(at);
            at += RecordLayout.AlignRecord((int)length);
        }

        return starts;
    }
}

/// <summary>One way of damaging a recorded session, as a hostile guest would send it.</summary>
internal enum Mutation
{
    BitFlips,
    LengthField,
    Truncation,
    Splice,
    FieldValues,
    Hello,
}

/// <summary>Mutations of recorded sessions, reproducible from a seed.</summary>
internal static class Mutator
{
    /// <summary>Lengths that sit on the edges the channels check.</summary>
    private static readonly uint[] EdgeLengths = [0, 1, 8, 15, 16, 17, 24, 4096, 16384, 16385, 65536, (1 << 20) - 1, 1 << 20, (1 << 20) + 16, int.MaxValue, uint.MaxValue - 15, uint.MaxValue];

    /// <summary>Values that sit on the edges of sizes, counts, handles and descriptors.</summary>
    private static readonly ulong[] EdgeValues = [0, 1, 2, 7, 8, 0xff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 1UL << 32, 1UL << 61, 1UL << 62, (1UL << 62) | 0xffff, long.MaxValue, ulong.MaxValue, ulong.MaxValue - 1];

    /// <summary>A damaged copy of <paramref name="session"/> (with bytes of <paramref name="other"/> for splices) and what was done.</summary>
    public static (byte[] Hello, byte[] Requests, string Description) Mutate(Session session, Session other, Random random)
    {
        var hello = (byte[])session.Hello.Clone();
        var requests = (byte[])session.Requests.Clone();
        var starts = Records.Starts(requests);
        var mutation = (Mutation)random.Next(Enum.GetValues<Mutation>().Length);
        string description;
        switch (mutation)
        {
            case Mutation.BitFlips:
                var flips = 1 + random.Next(16);
                for (var i = 0; i < flips && requests.Length > 0; i++)
                {
                    requests[random.Next(requests.Length)] ^= (byte)(1 << random.Next(8));
                }

                description = $"{flips} bit flips";
                break;
            case Mutation.LengthField when starts.Count > 0:
                var record = starts[random.Next(starts.Count)];
                var length = random.Next(3) == 0 ? (uint)random.NextInt64(uint.MaxValue) : EdgeLengths[random.Next(EdgeLengths.Length)];
                BinaryPrimitives.WriteUInt32LittleEndian(requests.AsSpan(record), length);
                description = $"record at {record} given length {length}";
                break;
            case Mutation.Truncation:
                var cut = requests.Length == 0 ? 0 : random.Next(requests.Length);
                requests = requests[..cut];
                description = $"cut at {cut}";
                break;
            case Mutation.Splice when starts.Count > 0:
                // Records of another recording (another API, other handles) put in the middle of this one.
                var theirs = Records.Starts(other.Requests);
                var from = theirs.Count > 0 ? theirs[random.Next(theirs.Count)] : 0;
                var take = Math.Min(other.Requests.Length - from, 16 * (1 + random.Next(256)));
                var at = starts[random.Next(starts.Count)];
                requests = [.. requests.AsSpan(0, at), .. other.Requests.AsSpan(from, take), .. requests.AsSpan(at)];
                description = $"{take} bytes of {other.Name} at {from} spliced in at {at}";
                break;
            case Mutation.FieldValues when starts.Count > 0:
                // A slot of a record (an argument: a size, a count, a handle, a buffer descriptor) set to an edge value.
                var target = starts[random.Next(starts.Count)];
                var slots = (int)((Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(requests.AsSpan(target)), requests.Length - target) - RecordLayout.HeaderSize) / 8);
                var slot = slots > 0 ? random.Next(slots) : 0;
                var value = EdgeValues[random.Next(EdgeValues.Length)];
                if (target + RecordLayout.HeaderSize + (slot * 8) + 8 <= requests.Length)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(requests.AsSpan(target + RecordLayout.HeaderSize + (slot * 8)), value);
                }

                description = $"slot {slot} of the record at {target} set to {value:x}";
                break;
            case Mutation.Hello:
                var damage = 1 + random.Next(4);
                for (var i = 0; i < damage; i++)
                {
                    hello[random.Next(hello.Length)] = (byte)random.Next(256);
                }

                description = $"{damage} bytes of the hello rewritten";
                break;
            default:
                description = "unchanged";
                break;
        }

        return (hello, requests, $"{session.Name}: {mutation}: {description}");
    }
}
