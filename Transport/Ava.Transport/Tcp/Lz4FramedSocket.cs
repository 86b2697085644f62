using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Ava.Transport.Native;
using Ava.Transport.Stream;
using Ava.Transport.Wire;
using K4os.Compression.LZ4;

namespace Ava.Transport.Tcp;

/// <summary>
/// A TCP stream with LZ4 framing: every send becomes one frame, and large frames are compressed when that is
/// expected to be faster than sending them raw (see <see cref="Lz4Policy"/>). A per-thread TCP channel runs
/// <see cref="StreamPipe"/> over this, so records and streamed buffers travel unchanged above it.
/// </summary>
/// <remarks>
/// <code>
///  0               4               8
///  +---------------+---------------+---------------------------+
///  | wire length   | raw length    | wire length bytes          |
///  +---------------+---------------+---------------------------+
///  little-endian u32 each; wire length &lt; raw length: the payload is an LZ4 block, else raw bytes.
/// </code>
/// One side's frames never exceed <see cref="MaxFrame"/> raw bytes, so a hostile peer cannot make the other
/// allocate more than that.
/// </remarks>
public sealed unsafe class Lz4FramedSocket : IStreamSocket
{
    /// <summary>Frame header size.</summary>
    public const int HeaderSize = 8;

    /// <summary>Largest raw payload of one frame.</summary>
    public const int MaxFrame = 4 << 20;

    private const int SmallSend = 64 * 1024;

    private readonly UnixSocket _inner;
    private readonly Lz4Policy _policy;
    private readonly byte[] _header = new byte[HeaderSize];
    private byte[] _send = new byte[SmallSend + HeaderSize];
    private byte[] _wire = [];
    private byte[] _decoded = [];
    private int _decodedStart;
    private int _decodedEnd;

    /// <summary>Bytes of the current raw frame still in the socket: they go straight to whoever reads next.</summary>
    private int _rawLeft;

    /// <summary>Frames <paramref name="inner"/> (owned: disposed with this object).</summary>
    public Lz4FramedSocket(UnixSocket inner, Lz4Policy? policy = null)
    {
        _inner = inner;
        _policy = policy ?? Lz4Policy.FromEnvironment();
    }

    /// <summary>Bytes handed to <see cref="SendAll"/>.</summary>
    public long RawBytesSent { get; private set; }

    /// <summary>Bytes that went on the wire for them, frame headers included.</summary>
    public long WireBytesSent { get; private set; }

    /// <summary>The framed socket.</summary>
    public UnixSocket Inner => _inner;

    /// <inheritdoc/>
    public void SendAll(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            var part = data[..Math.Min(data.Length, MaxFrame)];
            SendFrame(part);
            data = data[part.Length..];
        }
    }

    /// <inheritdoc/>
    public void ReceiveExactly(Span<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            if (_decodedEnd > _decodedStart)
            {
                var n = Math.Min(buffer.Length, _decodedEnd - _decodedStart);
                _decoded.AsSpan(_decodedStart, n).CopyTo(buffer);
                _decodedStart += n;
                buffer = buffer[n..];
                continue;
            }

            if (_rawLeft > 0)
            {
                var n = Math.Min(buffer.Length, _rawLeft);
                _inner.ReceiveExactly(buffer[..n]);
                _rawLeft -= n;
                buffer = buffer[n..];
                continue;
            }

            _inner.ReceiveExactly(_header);
            var wireField = BinaryPrimitives.ReadUInt32LittleEndian(_header);
            var rawField = BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(4));
            WireLength.Lz4Frame(wireField, rawField, MaxFrame);
            var wire = (int)wireField;
            var raw = (int)rawField;
            if (wire == raw)
            {
                // A raw frame is read where the caller wants its bytes, across as many receives as that takes: a
                // chunk record's header and its payload travel in one frame, and staging would copy the payload once
                // more on the way to the application's memory.
                _rawLeft = raw;
                continue;
            }

            // Whole blocks the caller has room for are decoded straight into its buffer; others are staged.
            var direct = raw <= buffer.Length;
            var target = direct ? buffer[..raw] : Staging(raw);
            if (_wire.Length < wire)
            {
                _wire = new byte[Math.Max(wire, 64 * 1024)];
            }

            _inner.ReceiveExactly(_wire.AsSpan(0, wire));
            // The decoder checks every match and literal against both spans, so a lying block ends here.
            if (LZ4Codec.Decode(_wire.AsSpan(0, wire), target) != raw)
            {
                throw new MalformedRecordException($"LZ4 frame of {wire} bytes did not decode to {raw}");
            }

            if (direct)
            {
                buffer = buffer[raw..];
            }
            else
            {
                _decodedStart = 0;
                _decodedEnd = raw;
            }
        }
    }

    /// <inheritdoc/>
    public bool PollReadable(int timeoutMs) => _decodedEnd > _decodedStart || _inner.PollReadable(timeoutMs);

    /// <inheritdoc/>
    public void Shutdown() => _inner.Shutdown();

    /// <inheritdoc/>
    public void Dispose() => _inner.Dispose();

    private Span<byte> Staging(int raw)
    {
        if (_decoded.Length < raw)
        {
            _decoded = new byte[Math.Max(raw, 64 * 1024)];
        }

        return _decoded.AsSpan(0, raw);
    }

    private void SendFrame(ReadOnlySpan<byte> data)
    {
        RawBytesSent += data.Length;
        if (data.Length <= SmallSend)
        {
            // One send for header and payload: small frames are most of the traffic (records, batches).
            BinaryPrimitives.WriteInt32LittleEndian(_send, data.Length);
            BinaryPrimitives.WriteInt32LittleEndian(_send.AsSpan(4), data.Length);
            data.CopyTo(_send.AsSpan(HeaderSize));
            _inner.SendAll(_send.AsSpan(0, HeaderSize + data.Length));
            WireBytesSent += HeaderSize + data.Length;
            return;
        }

        if (_policy.ShouldCompress(data))
        {
            var bound = LZ4Codec.MaximumOutputSize(data.Length) + HeaderSize;
            if (_send.Length < bound)
            {
                _send = new byte[bound];
            }

            var start = Stopwatch.GetTimestamp();
            var encoded = LZ4Codec.Encode(data, _send.AsSpan(HeaderSize));
            _policy.NoteCompression(data.Length, Stopwatch.GetTimestamp() - start);
            if (encoded > 0 && encoded < data.Length)
            {
                BinaryPrimitives.WriteInt32LittleEndian(_send, encoded);
                BinaryPrimitives.WriteInt32LittleEndian(_send.AsSpan(4), data.Length);
                _inner.SendAll(_send.AsSpan(0, HeaderSize + encoded));
                WireBytesSent += HeaderSize + encoded;
                return;
            }
        }

        BinaryPrimitives.WriteInt32LittleEndian(_header, data.Length);
        BinaryPrimitives.WriteInt32LittleEndian(_header.AsSpan(4), data.Length);
        var sendStart = Stopwatch.GetTimestamp();
        _inner.SendAll(_header);
        _inner.SendAll(data);
        _policy.NoteRawSend(data.Length, Stopwatch.GetTimestamp() - sendStart);
        WireBytesSent += HeaderSize + data.Length;
    }
}

/// <summary>
/// When a large frame is worth compressing. <c>AVA_LZ4=off</c> never compresses, <c>on</c> compresses every
/// frame of at least <see cref="MinBytes"/>, <c>auto</c> (the default) compresses a frame when a quick probe
/// (LZ4 of a 4 KiB sample) shrinks it and the time to compress is expected to be less than the wire time saved:
/// compress seconds per byte &lt; (1 - ratio) × wire seconds per byte. Both rates are running averages of this
/// connection's own large sends (wire) and compressions; before any raw send has been timed the link is
/// assumed to carry <c>AVA_LZ4_LINK_MBPS</c> (default 1000 megabits per second).
/// </summary>
public sealed class Lz4Policy
{
    private const int SampleBytes = 4096;
    private readonly byte[] _sample = new byte[LZ4Codec.MaximumOutputSize(SampleBytes)];
    private double _wireSecondsPerByte;
    private double _compressSecondsPerByte = 1.0 / 500e6;

    /// <summary>Creates a policy.</summary>
    public Lz4Policy(Lz4Mode mode, int minBytes = 64 * 1024, double linkMegabitsPerSecond = 1000)
    {
        Mode = mode;
        MinBytes = minBytes;
        _wireSecondsPerByte = 8 / (linkMegabitsPerSecond * 1e6);
    }

    /// <summary>The mode.</summary>
    public Lz4Mode Mode { get; }

    /// <summary>Frames smaller than this are never compressed.</summary>
    public int MinBytes { get; }

    /// <summary>Running estimate of the link: seconds per raw byte sent.</summary>
    public double WireSecondsPerByte => _wireSecondsPerByte;

    /// <summary>Reads AVA_LZ4 (off|on|auto), AVA_LZ4_MIN (bytes) and AVA_LZ4_LINK_MBPS.</summary>
    public static Lz4Policy FromEnvironment()
    {
        var mode = (Environment.GetEnvironmentVariable("AVA_LZ4") ?? "auto").ToUpperInvariant() switch
        {
            "OFF" or "0" => Lz4Mode.Off,
            "ON" or "1" => Lz4Mode.Always,
            _ => Lz4Mode.Auto,
        };
        var min = int.TryParse(Environment.GetEnvironmentVariable("AVA_LZ4_MIN"), out var m) && m > 0 ? m : 64 * 1024;
        var link = double.TryParse(Environment.GetEnvironmentVariable("AVA_LZ4_LINK_MBPS"), System.Globalization.CultureInfo.InvariantCulture, out var l) && l > 0 ? l : 1000;
        return new Lz4Policy(mode, min, link);
    }

    /// <summary>Whether to compress <paramref name="data"/>.</summary>
    public bool ShouldCompress(ReadOnlySpan<byte> data)
    {
        if (Mode == Lz4Mode.Off || data.Length < MinBytes)
        {
            return false;
        }

        if (Mode == Lz4Mode.Always)
        {
            return true;
        }

        // The probe: a sample from the middle (headers at the start are often more regular than the body).
        var sample = data.Slice((data.Length - SampleBytes) / 2, SampleBytes);
        var encoded = LZ4Codec.Encode(sample, _sample);
        if (encoded <= 0)
        {
            return false;
        }

        var saved = 1.0 - ((double)encoded / SampleBytes);
        return saved > 0.05 && _compressSecondsPerByte < saved * _wireSecondsPerByte;
    }

    /// <summary>Feeds the compression-rate average.</summary>
    public void NoteCompression(int bytes, long ticks)
    {
        var perByte = (double)ticks / Stopwatch.Frequency / bytes;
        _compressSecondsPerByte = (0.8 * _compressSecondsPerByte) + (0.2 * perByte);
    }

    /// <summary>Feeds the wire-rate average from a raw send large enough to be limited by the link.</summary>
    public void NoteRawSend(int bytes, long ticks)
    {
        if (bytes < 256 * 1024)
        {
            return;
        }

        var perByte = (double)ticks / Stopwatch.Frequency / bytes;
        _wireSecondsPerByte = (0.8 * _wireSecondsPerByte) + (0.2 * perByte);
    }
}

/// <summary>How <see cref="Lz4Policy"/> decides.</summary>
public enum Lz4Mode
{
    /// <summary>Never compress.</summary>
    Off,

    /// <summary>Compress large frames when the probe says it is faster.</summary>
    Auto,

    /// <summary>Compress every large frame.</summary>
    Always,
}
