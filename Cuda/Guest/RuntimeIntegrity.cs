// The answer of the integrity-check slot of cuGetExportTable (INTEGRITY_CHECK, slot 1). The CUDA runtime computes the
// same value itself from what it was handed and stops with cudaErrorSoftwareValidityNotEstablished (error 103,
// "integrity checks failed") when the driver's answer differs, so a driver that builds its own tables must answer
// for its own table addresses. The value is an HMAC (RFC 2104, 16-byte block) over MD2 (RFC 1319) of a 48-byte record
// (driver version, the runtime's request version, process id, thread, the two tables' addresses, the slot function's
// address, the runtime's timestamp) followed by each device's UUID and PCI domain, bus and device numbers; requests
// whose version ends in 0 or 1 get fixed answers instead.
using System.Buffers.Binary;

namespace Ava.Cuda;

/// <summary>The integrity-check answer (pure computation; the caller gathers the inputs).</summary>
internal static class RuntimeIntegrity
{
    /// <summary>Bytes the record takes before the device entries.</summary>
    public const int RecordSize = 48;

    /// <summary>Bytes each device adds: UUID, PCI domain, bus, device.</summary>
    public const int DeviceSize = 28;

    private static ReadOnlySpan<byte> Key => [0x14, 0x6A, 0xDD, 0xAE, 0x53, 0xA9, 0xA7, 0x52, 0xAA, 0x08, 0x41, 0x36, 0x0B, 0xF5, 0x5A, 0x9F];

    /// <summary>The answers for request versions ending in 0 and 1 (seen unchanged from runtimes 13.0 and 13.2 on driver 580).</summary>
    private static readonly ulong[][] FixedAnswers = [[0x3341181C03CB675C, 0x8ED383AA1F4CD1E8], [0x1841181C03CB675C, 0x8ED383AA1F4CD1E8]];

    /// <summary>MD2's substitution table, from the digits of pi (RFC 1319, section 3.2).</summary>
    private static ReadOnlySpan<byte> Pi =>
    [
        0x29, 0x2E, 0x43, 0xC9, 0xA2, 0xD8, 0x7C, 0x01, 0x3D, 0x36, 0x54, 0xA1, 0xEC, 0xF0, 0x06, 0x13,
        0x62, 0xA7, 0x05, 0xF3, 0xC0, 0xC7, 0x73, 0x8C, 0x98, 0x93, 0x2B, 0xD9, 0xBC, 0x4C, 0x82, 0xCA,
        0x1E, 0x9B, 0x57, 0x3C, 0xFD, 0xD4, 0xE0, 0x16, 0x67, 0x42, 0x6F, 0x18, 0x8A, 0x17, 0xE5, 0x12,
        0xBE, 0x4E, 0xC4, 0xD6, 0xDA, 0x9E, 0xDE, 0x49, 0xA0, 0xFB, 0xF5, 0x8E, 0xBB, 0x2F, 0xEE, 0x7A,
        0xA9, 0x68, 0x79, 0x91, 0x15, 0xB2, 0x07, 0x3F, 0x94, 0xC2, 0x10, 0x89, 0x0B, 0x22, 0x5F, 0x21,
        0x80, 0x7F, 0x5D, 0x9A, 0x5A, 0x90, 0x32, 0x27, 0x35, 0x3E, 0xCC, 0xE7, 0xBF, 0xF7, 0x97, 0x03,
        0xFF, 0x19, 0x30, 0xB3, 0x48, 0xA5, 0xB5, 0xD1, 0xD7, 0x5E, 0x92, 0x2A, 0xAC, 0x56, 0xAA, 0xC6,
        0x4F, 0xB8, 0x38, 0xD2, 0x96, 0xA4, 0x7D, 0xB6, 0x76, 0xFC, 0x6B, 0xE2, 0x9C, 0x74, 0x04, 0xF1,
        0x45, 0x9D, 0x70, 0x59, 0x64, 0x71, 0x87, 0x20, 0x86, 0x5B, 0xCF, 0x65, 0xE6, 0x2D, 0xA8, 0x02,
        0x1B, 0x60, 0x25, 0xAD, 0xAE, 0xB0, 0xB9, 0xF6, 0x1C, 0x46, 0x61, 0x69, 0x34, 0x40, 0x7E, 0x0F,
        0x55, 0x47, 0xA3, 0x23, 0xDD, 0x51, 0xAF, 0x3A, 0xC3, 0x5C, 0xF9, 0xCE, 0xBA, 0xC5, 0xEA, 0x26,
        0x2C, 0x53, 0x0D, 0x6E, 0x85, 0x28, 0x84, 0x09, 0xD3, 0xDF, 0xCD, 0xF4, 0x41, 0x81, 0x4D, 0x52,
        0x6A, 0xDC, 0x37, 0xC8, 0x6C, 0xC1, 0xAB, 0xFA, 0x24, 0xE1, 0x7B, 0x08, 0x0C, 0xBD, 0xB1, 0x4A,
        0x78, 0x88, 0x95, 0x8B, 0xE3, 0x63, 0xE8, 0x6D, 0xE9, 0xCB, 0xD5, 0xFE, 0x3B, 0x00, 0x1D, 0x39,
        0xF2, 0xEF, 0xB7, 0x0E, 0x66, 0x58, 0xD0, 0xE4, 0xA6, 0x77, 0x72, 0xF8, 0xEB, 0x75, 0x4B, 0x0A,
        0x31, 0x44, 0x50, 0xB4, 0x8F, 0xED, 0x1F, 0x1A, 0xDB, 0x99, 0x8D, 0x33, 0x9F, 0x11, 0x83, 0x14,
    ];

    /// <summary>What the hash covers besides the devices.</summary>
    public readonly record struct Inputs(uint DriverVersion, uint Version, uint Process, uint Thread, ulong CudartTable, ulong CheckTable, ulong CheckFunction, ulong UnixSeconds);

    /// <summary>Writes the 16-byte answer for <paramref name="inputs"/> and <paramref name="devices"/> (UUID bytes as the driver reports them) into <paramref name="answer"/>.</summary>
    public static void Answer(in Inputs inputs, ReadOnlySpan<byte> devices, Span<byte> answer)
    {
        if (inputs.Version % 10 is 0 or 1)
        {
            var fixedAnswer = FixedAnswers[inputs.Version % 10];
            BinaryPrimitives.WriteUInt64LittleEndian(answer, fixedAnswer[0]);
            BinaryPrimitives.WriteUInt64LittleEndian(answer[8..], fixedAnswer[1]);
            return;
        }

        Span<byte> record = stackalloc byte[RecordSize];
        BinaryPrimitives.WriteUInt32LittleEndian(record, inputs.DriverVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], inputs.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], inputs.Process);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], inputs.Thread);
        BinaryPrimitives.WriteUInt64LittleEndian(record[16..], inputs.CudartTable);
        BinaryPrimitives.WriteUInt64LittleEndian(record[24..], inputs.CheckTable);
        BinaryPrimitives.WriteUInt64LittleEndian(record[32..], inputs.CheckFunction);
        BinaryPrimitives.WriteUInt64LittleEndian(record[40..], inputs.UnixSeconds);
        var message = new byte[RecordSize + devices.Length];
        record.CopyTo(message);
        devices.CopyTo(message.AsSpan(RecordSize));
        HmacMd2(Key, message, answer);
    }

    /// <summary>One device's 28 bytes of the record.</summary>
    public static void WriteDevice(Span<byte> destination, ReadOnlySpan<byte> uuid, int pciDomain, int pciBus, int pciDevice)
    {
        uuid[..16].CopyTo(destination);
        BinaryPrimitives.WriteInt32LittleEndian(destination[16..], pciDomain);
        BinaryPrimitives.WriteInt32LittleEndian(destination[20..], pciBus);
        BinaryPrimitives.WriteInt32LittleEndian(destination[24..], pciDevice);
    }

    /// <summary>HMAC-MD2 with a key of one block (16 bytes).</summary>
    public static void HmacMd2(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> mac)
    {
        var inner = new byte[16 + message.Length];
        for (var i = 0; i < 16; i++)
        {
            inner[i] = (byte)(key[i] ^ 0x36);
        }

        message.CopyTo(inner.AsSpan(16));
        Span<byte> outer = stackalloc byte[32];
        for (var i = 0; i < 16; i++)
        {
            outer[i] = (byte)(key[i] ^ 0x5C);
        }

        Md2(inner, outer[16..]);
        Md2(outer, mac);
    }

    /// <summary>MD2 of <paramref name="data"/> (RFC 1319): pad to whole blocks, append the checksum, 18 rounds a block.</summary>
    public static void Md2(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        var pad = 16 - (data.Length % 16);
        var padded = new byte[data.Length + pad];
        data.CopyTo(padded);
        padded.AsSpan(data.Length).Fill((byte)pad);
        Span<byte> state = stackalloc byte[48];
        Span<byte> checksum = stackalloc byte[16];
        state.Clear();
        checksum.Clear();
        byte last = 0;
        for (var offset = 0; offset < padded.Length; offset += 16)
        {
            var block = padded.AsSpan(offset, 16);
            for (var i = 0; i < 16; i++)
            {
                last = checksum[i] ^= Pi[block[i] ^ last];
            }

            Block(state, block);
        }

        Block(state, checksum);
        state[..16].CopyTo(digest);
    }

    private static void Block(Span<byte> state, ReadOnlySpan<byte> block)
    {
        for (var i = 0; i < 16; i++)
        {
            state[16 + i] = block[i];
            state[32 + i] = (byte)(state[i] ^ block[i]);
        }

        var t = 0;
        for (var round = 0; round < 18; round++)
        {
            for (var k = 0; k < 48; k++)
            {
                t = state[k] ^= Pi[t];
            }

            t = (t + round) & 0xFF;
        }
    }
}
