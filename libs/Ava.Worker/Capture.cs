using Ava.Transport;
using Ava.Transport.Wire;

namespace Ava.Worker;

/// <summary>
/// <c>AVA_CAPTURE_DIR=DIR</c>: the worker writes every record it receives, as it received it, into files of DIR, so that
/// real traffic can be replayed (the fuzzers' seed corpus in tests/Fuzz/corpus comes from it). Each channel's requests go
/// to <c>{api}-{pid}-{n}.channel</c> in the byte-stream channel's format (records padded to 16 bytes, streamed payloads
/// as chunk records), which a UNIX channel or an in-process stream pipe replays as they are, whichever channel carried
/// them; the control frames go to <c>{api}-{pid}.control</c> as they came. A capturing worker numbers its handles from
/// <see cref="HandleTable.ReplayGeneration"/>, as a replay does, so the ids in a capture name live objects when it is
/// replayed. Off unless set; a capture that cannot be written is given up (logged), never a reason to fail a call.
/// </summary>
internal static class Capture
{
    /// <summary>The variable that names the capture folder.</summary>
    public const string Variable = "AVA_CAPTURE_DIR";

    private static readonly string? Folder = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } folder ? folder : null;
    private static int _channels;

    /// <summary>Whether this worker captures.</summary>
    public static bool Enabled => Folder is not null;

    /// <summary><paramref name="requests"/> as it is, or with every record and chunk it yields captured.</summary>
    public static RecordPipe Wrap(RecordPipe requests, string api)
    {
        if (Folder is null)
        {
            return requests;
        }

        var path = Path.Combine(Folder, $"{api.ToLowerInvariant()}-{Environment.ProcessId}-{Interlocked.Increment(ref _channels)}.channel");
        var file = Open(path);
        return file is null ? requests : new CapturingPipe(requests, file);
    }

    /// <summary>Appends one control frame of the guest's (no-op unless capturing).</summary>
    public static void ControlFrame(ReadOnlySpan<byte> frame, string api)
    {
        if (Folder is null)
        {
            return;
        }

        using var file = Open(Path.Combine(Folder, $"{api.ToLowerInvariant()}-{Environment.ProcessId}.control"));
        Write(file, frame);
    }

    /// <summary>Writes <paramref name="bytes"/>; a capture that fails is logged and closed, never thrown at the caller.</summary>
    public static bool Write(FileStream? file, ReadOnlySpan<byte> bytes)
    {
        if (file is null)
        {
            return false;
        }

        try
        {
            file.Write(bytes);
            return true;
        }
        catch (IOException e)
        {
            WorkerLog.Write($"capture to {file.Name} given up: {e.Message}");
            return false;
        }
    }

    private static FileStream? Open(string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WorkerLog.Write($"cannot capture to {path}: {e.Message}");
            return null;
        }
    }
}

/// <summary>The request side of a channel, with every record and streamed byte the shadow thread takes written to a file.</summary>
internal sealed unsafe class CapturingPipe(RecordPipe inner, FileStream file) : RecordPipe
{
    /// <summary>Chunks in the capture are at most this long, what a byte-stream channel accepts.</summary>
    private const int ChunkPayload = (1 << 20) - RecordLayout.HeaderSize;

    private FileStream? _file = file;

    public override int MaxRecordLength => inner.MaxRecordLength;

    public override Span<byte> Reserve(int length) => inner.Reserve(length);

    public override void Publish(int length, bool wake) => inner.Publish(length, wake);

    public override void WriteStream(byte* source, long length) => inner.WriteStream(source, length);

    public override void FillStream(long length, IChunkVisitor visitor) => inner.FillStream(length, visitor);

    public override ReadOnlySpan<byte> Read()
    {
        var record = inner.Read();
        Record(record);
        return record;
    }

    public override bool TryRead(out ReadOnlySpan<byte> record)
    {
        if (!inner.TryRead(out record))
        {
            return false;
        }

        Record(record);
        return true;
    }

    public override void Release() => inner.Release();

    public override void ReadStream(byte* destination, long length)
    {
        inner.ReadStream(destination, length);
        Chunks(destination, length);
    }

    public override void SkipStream(long length)
    {
        if (_file is null)
        {
            inner.SkipStream(length);
            return;
        }

        var scratch = new byte[Math.Min(length, ChunkPayload)];
        fixed (byte* data = scratch)
        {
            while (length > 0)
            {
                var part = Math.Min(length, scratch.Length);
                ReadStream(data, part);
                length -= part;
            }
        }
    }

    public override void VisitStream(long length, IChunkVisitor visitor) =>
        inner.VisitStream(length, _file is null ? visitor : new CapturingVisitor(this, visitor));

    public override (nint Address, long Length) Memory => inner.Memory;

    public override bool WaitForData(int timeoutMilliseconds) => inner.WaitForData(timeoutMilliseconds);

    private void Record(ReadOnlySpan<byte> record)
    {
        Span<byte> padding = stackalloc byte[RecordLayout.RecordAlignment];
        var pad = RecordLayout.AlignRecord(record.Length) - record.Length;
        Keep(Capture.Write(_file, record) && Capture.Write(_file, padding[..pad]));
    }

    private void Chunks(byte* data, long length)
    {
        Span<byte> header = stackalloc byte[RecordLayout.HeaderSize];
        Span<byte> padding = stackalloc byte[RecordLayout.RecordAlignment];
        for (long offset = 0; offset < length && _file is not null; offset += ChunkPayload)
        {
            var chunk = (int)Math.Min(length - offset, ChunkPayload);
            RecordLayout.WriteHeader(header, RecordLayout.HeaderSize + chunk, 0, RecordFlags.Chunk, 0, 0);
            var pad = RecordLayout.AlignRecord(chunk) - chunk;
            Keep(Capture.Write(_file, header) && Capture.Write(_file, new ReadOnlySpan<byte>(data + offset, chunk)) && Capture.Write(_file, padding[..pad]));
        }
    }

    private void Keep(bool written)
    {
        if (!written)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    private sealed class CapturingVisitor(CapturingPipe pipe, IChunkVisitor inner) : IChunkVisitor
    {
        public void Visit(byte* data, int length, long offset)
        {
            pipe.Chunks(data, length);
            inner.Visit(data, length, offset);
        }
    }
}
