using System.Runtime.InteropServices;
using Ava.Transport.Ring;
using Ava.Transport.Wire;

namespace Ava.Transport.Stream;

/// <summary>
/// Records over a byte stream (a Unix socket, or TCP through <see cref="IStreamSocket"/>): the fallback channel, and what bootstrap already uses. One
/// pipe serves both directions of a connection. Async records accumulate in the send buffer and go out in one
/// write with the next waking record, so batching works here too; streamed payloads are written straight from
/// the caller's memory and read straight into it.
/// </summary>
public sealed unsafe class StreamPipe : RecordPipe, IDisposable
{
    private const int RecordLimit = 1 << 20;
    private const int BatchLimit = 256 * 1024;
    private readonly IStreamSocket _socket;
    private byte* _send;
    private int _sendCapacity;
    private int _sendUsed;
    private byte* _receive;
    private int _receiveCapacity;
    private ChunkMover? _mover;

    /// <summary>Wraps a connected socket; a dead peer shows as end of stream, so no liveness check is needed.</summary>
    public StreamPipe(IStreamSocket socket)
    {
        _socket = socket;
        _sendCapacity = 64 * 1024;
        _send = (byte*)NativeMemory.Alloc((nuint)_sendCapacity);
        _receiveCapacity = 64 * 1024;
        _receive = (byte*)NativeMemory.Alloc((nuint)_receiveCapacity);
    }

    /// <inheritdoc/>
    public override int MaxRecordLength => RecordLimit;

    /// <inheritdoc/>
    public override Span<byte> Reserve(int length)
    {
        var aligned = RecordLayout.AlignRecord(length);
        if ((uint)aligned > RecordLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "record larger than the stream's limit; stream it");
        }

        if (_sendUsed + aligned > _sendCapacity)
        {
            Flush();
            EnsureSendCapacity(aligned);
        }

        return new Span<byte>(_send + _sendUsed, aligned);
    }

    /// <inheritdoc/>
    public override bool AllSent => _sendUsed == 0;

    /// <inheritdoc/>
    public override void Publish(int length, bool wake)
    {
        var aligned = RecordLayout.AlignRecord(length);
        new Span<byte>(_send + _sendUsed + length, aligned - length).Clear();
        _sendUsed += aligned;
        if (wake || _sendUsed >= BatchLimit)
        {
            Flush();
        }
    }

    /// <inheritdoc/>
    public override void WriteStream(byte* source, long length)
    {
        Flush();
        Span<byte> header = stackalloc byte[RecordLayout.HeaderSize];
        Span<byte> padding = stackalloc byte[RecordLayout.RecordAlignment];
        while (length > 0)
        {
            var chunk = (int)Math.Min(length, RecordLimit - RecordLayout.HeaderSize);
            var aligned = RecordLayout.AlignRecord(RecordLayout.HeaderSize + chunk) - RecordLayout.HeaderSize;
            RecordLayout.WriteHeader(header, RecordLayout.HeaderSize + chunk, 0, RecordFlags.Chunk, 0, 0);
            Send(header);
            Send(new ReadOnlySpan<byte>(source, chunk));
            if (aligned > chunk)
            {
                Send(padding[..(aligned - chunk)]);
            }

            source += chunk;
            length -= chunk;
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A stream of more than one chunk is filled into two buffers by turns: while the visitor fills one (a device read,
    /// say), the pipe's second thread sends the other, so the source, the wire (with LZ4, the compressor) and the peer's
    /// copy out all run at once instead of one after another. The thread is the pipe's own, started by its first such
    /// stream and ended by <see cref="Dispose"/>: it holds only a blocking send or receive, so a peer that stops reading
    /// (or sending) delays nobody but this channel. Each chunk's header goes as a send of its own, so that over LZ4
    /// framing the payload is a frame of its own, which the peer decodes straight into its destination.
    /// </remarks>
    public override void FillStream(long length, IChunkVisitor visitor)
    {
        Flush();
        const int ChunkLimit = RecordLimit - RecordLayout.HeaderSize;
        if (length <= ChunkLimit)
        {
            if (length > 0)
            {
                EnsureSendCapacity(RecordLayout.AlignRecord(RecordLayout.HeaderSize + (int)length));
                var aligned = FillChunk(_send, (int)length, 0, visitor);
                Send(new ReadOnlySpan<byte>(_send, RecordLayout.HeaderSize));
                Send(new ReadOnlySpan<byte>(_send + RecordLayout.HeaderSize, aligned - RecordLayout.HeaderSize));
            }

            return;
        }

        EnsureSendCapacity(RecordLimit);
        _mover ??= new ChunkMover(this);
        var turn = 0;
        try
        {
            for (long offset = 0; offset < length; turn ^= 1)
            {
                var chunk = (int)Math.Min(length - offset, ChunkLimit);
                var buffer = turn == 0 ? _send : _mover.Spare;
                var aligned = FillChunk(buffer, chunk, offset, visitor);

                // The other buffer's chunk must be on its way before this one follows it (and before it is refilled).
                _mover.Wait();
                _mover.StartSend(buffer, aligned);
                offset += chunk;
            }
        }
        catch
        {
            _mover.WaitQuietly();
            throw;
        }

        _mover.Wait();
    }

    /// <summary>Writes a chunk record's header, lets the visitor fill its payload, clears its padding; its length, padded.</summary>
    private static int FillChunk(byte* record, int chunk, long offset, IChunkVisitor visitor)
    {
        var aligned = RecordLayout.AlignRecord(RecordLayout.HeaderSize + chunk);
        RecordLayout.WriteHeader(new Span<byte>(record, RecordLayout.HeaderSize), RecordLayout.HeaderSize + chunk, 0, RecordFlags.Chunk, 0, 0);
        visitor.Visit(record + RecordLayout.HeaderSize, chunk, offset);
        new Span<byte>(record + RecordLayout.HeaderSize + chunk, aligned - RecordLayout.HeaderSize - chunk).Clear();
        return aligned;
    }

    /// <inheritdoc/>
    public override ReadOnlySpan<byte> Read()
    {
        Flush();
        var header = new Span<byte>(_receive, RecordLayout.HeaderSize);
        ReceiveExactly(header);
        var length = RecordLayout.ReadLength(header);
        var aligned = WireLength.Record(length, RecordLimit);
        EnsureReceiveCapacity(aligned);
        ReceiveExactly(new Span<byte>(_receive + RecordLayout.HeaderSize, aligned - RecordLayout.HeaderSize));
        return new ReadOnlySpan<byte>(_receive, (int)length);
    }

    /// <inheritdoc/>
    public override bool TryRead(out ReadOnlySpan<byte> record)
    {
        if (!_socket.PollReadable(0))
        {
            record = default;
            return false;
        }

        record = Read();
        return true;
    }

    /// <inheritdoc/>
    public override void Release()
    {
    }

    /// <inheritdoc/>
    public override void ReadStream(byte* destination, long length)
    {
        Span<byte> header = stackalloc byte[RecordLayout.HeaderSize];
        Span<byte> padding = stackalloc byte[RecordLayout.RecordAlignment];
        while (length > 0)
        {
            ReceiveExactly(header);
            var chunk = WireLength.Chunk(RecordLayout.ReadFlags(header), RecordLayout.ReadLength(header), length, RecordLimit);
            ReceiveExactly(new Span<byte>(destination, chunk));
            var pad = RecordLayout.AlignRecord(RecordLayout.HeaderSize + chunk) - RecordLayout.HeaderSize - chunk;
            if (pad > 0)
            {
                ReceiveExactly(padding[..pad]);
            }

            destination += chunk;
            length -= chunk;
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A stream of more than one chunk is read ahead by the pipe's second thread (see <see cref="FillStream"/>): while
    /// the visitor works on one chunk (a copy to a device, say), the next is received into the other buffer. Each chunk's
    /// length is checked against what the stream still owes before its payload is received, on whichever thread.
    /// </remarks>
    public override void VisitStream(long length, IChunkVisitor visitor)
    {
        if (length <= 0)
        {
            return;
        }

        EnsureReceiveCapacity(RecordLimit);
        var chunk = ReceiveChunk(_receive, length);
        if (chunk == length)
        {
            visitor.Visit(_receive, chunk, 0);
            return;
        }

        _mover ??= new ChunkMover(this);
        var turn = 0;
        try
        {
            for (long offset = 0; offset < length; turn ^= 1)
            {
                var current = turn == 0 ? _receive : _mover.Spare;
                var next = offset + chunk;
                if (next < length)
                {
                    _mover.StartReceive(turn == 0 ? _mover.Spare : _receive, length - next);
                }

                visitor.Visit(current, chunk, offset);
                offset = next;
                if (offset < length)
                {
                    chunk = _mover.Wait();
                }
            }
        }
        catch
        {
            _mover.WaitQuietly();
            throw;
        }
    }

    /// <summary>Receives one chunk record of at most <paramref name="owed"/> payload bytes into <paramref name="payload"/> (a record long); its payload length.</summary>
    private int ReceiveChunk(byte* payload, long owed)
    {
        Span<byte> header = stackalloc byte[RecordLayout.HeaderSize];
        ReceiveExactly(header);
        var chunk = WireLength.Chunk(RecordLayout.ReadFlags(header), RecordLayout.ReadLength(header), owed, RecordLimit);

        // A chunk is never larger than a record, so the buffer holds it with its padding.
        ReceiveExactly(new Span<byte>(payload, RecordLayout.AlignRecord(RecordLayout.HeaderSize + chunk) - RecordLayout.HeaderSize));
        return chunk;
    }

    /// <inheritdoc/>
    public override void SkipStream(long length)
    {
        var scratch = (byte*)NativeMemory.Alloc(RecordLimit);
        try
        {
            while (length > 0)
            {
                var part = Math.Min(length, RecordLimit - RecordLayout.HeaderSize);
                ReadStream(scratch, part);
                length -= part;
            }
        }
        finally
        {
            NativeMemory.Free(scratch);
        }
    }

    /// <inheritdoc/>
    public override bool WaitForData(int timeoutMilliseconds)
    {
        Flush();
        return _socket.PollReadable(timeoutMilliseconds);
    }

    /// <summary>Frees the buffers (the socket belongs to the caller).</summary>
    public void Dispose()
    {
        _mover?.Dispose();
        _mover = null;
        NativeMemory.Free(_send);
        NativeMemory.Free(_receive);
        _send = null;
        _receive = null;
    }

    private void EnsureReceiveCapacity(int bytes)
    {
        if (bytes > _receiveCapacity)
        {
            _receive = (byte*)NativeMemory.Realloc(_receive, (nuint)bytes);
            _receiveCapacity = bytes;
        }
    }

    private void EnsureSendCapacity(int bytes)
    {
        if (bytes > _sendCapacity)
        {
            _send = (byte*)NativeMemory.Realloc(_send, (nuint)bytes);
            _sendCapacity = bytes;
        }
    }

    private void Flush()
    {
        if (_sendUsed == 0)
        {
            return;
        }

        try
        {
            Send(new ReadOnlySpan<byte>(_send, _sendUsed));
        }
        finally
        {
            _sendUsed = 0;
        }
    }

    /// <summary>Every send of the pipe: a peer that stopped reading or went away (EPIPE, ECONNRESET) closes the channel.</summary>
    private void Send(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _socket.SendAll(bytes);
        }
        catch (IOException e) when (e is not ChannelClosedException)
        {
            throw new ChannelClosedException($"peer went away: {e.Message}");
        }
    }

    private void ReceiveExactly(Span<byte> buffer)
    {
        try
        {
            _socket.ReceiveExactly(buffer);
        }
        catch (EndOfStreamException)
        {
            throw new ChannelClosedException("peer closed the connection");
        }
        catch (IOException e) when (e is not ChannelClosedException)
        {
            throw new ChannelClosedException($"connection failed: {e.Message}");
        }
    }

    /// <summary>
    /// The pipe's second thread for <see cref="FillStream"/> and <see cref="VisitStream"/>: sends one filled chunk record,
    /// or receives the next chunk of a stream, while the caller works on the other buffer (<see cref="Spare"/>, the
    /// mover's own). A failure (the peer went away, a length that lies) is handed to the caller at its next
    /// <see cref="Wait"/>.
    /// </summary>
    private sealed class ChunkMover : IDisposable
    {
        private readonly StreamPipe _pipe;
        private readonly Thread _thread;
        private readonly SemaphoreSlim _work = new(0);
        private readonly ManualResetEventSlim _idle = new(initialState: true);
        private byte* _data;
        private int _length;
        private long _owed;
        private bool _receiving;
        private bool _stopping;
        private Exception? _failure;

        public ChunkMover(StreamPipe pipe)
        {
            _pipe = pipe;
            Spare = (byte*)NativeMemory.Alloc(RecordLimit);
            _thread = new Thread(Loop) { IsBackground = true, Name = "ava-stream-chunks" };
            _thread.Start();
        }

        /// <summary>The second chunk buffer, one record long.</summary>
        public byte* Spare { get; private set; }

        /// <summary>Sends <paramref name="length"/> bytes of a chunk record at <paramref name="record"/>; the caller waits before the next.</summary>
        public void StartSend(byte* record, int length) => Start(record, length, 0, receiving: false);

        /// <summary>Receives the next chunk, of at most <paramref name="owed"/> bytes, into <paramref name="payload"/>; <see cref="Wait"/> gives its length.</summary>
        public void StartReceive(byte* payload, long owed) => Start(payload, 0, owed, receiving: true);

        /// <summary>Waits until the last job handed over is done: the length of a received chunk; throws what the job threw.</summary>
        public int Wait()
        {
            _idle.Wait();
            if (_failure is { } failure)
            {
                _failure = null;
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            return _length;
        }

        /// <summary>Waits as <see cref="Wait"/> does, when the caller already has a failure of its own to report.</summary>
        public void WaitQuietly()
        {
            _idle.Wait();
            _failure = null;
        }

        public void Dispose()
        {
            _idle.Wait();
            _stopping = true;
            _work.Release();
            _thread.Join();
            _work.Dispose();
            _idle.Dispose();
            NativeMemory.Free(Spare);
            Spare = null;
        }

        private void Start(byte* data, int length, long owed, bool receiving)
        {
            _data = data;
            _length = length;
            _owed = owed;
            _receiving = receiving;
            _idle.Reset();
            _work.Release();
        }

        private void Loop()
        {
            while (true)
            {
                _work.Wait();
                if (_stopping)
                {
                    return;
                }

                try
                {
                    if (_receiving)
                    {
                        _length = _pipe.ReceiveChunk(_data, _owed);
                    }
                    else
                    {
                        _pipe.Send(new ReadOnlySpan<byte>(_data, RecordLayout.HeaderSize));
                        _pipe.Send(new ReadOnlySpan<byte>(_data + RecordLayout.HeaderSize, _length - RecordLayout.HeaderSize));
                    }
                }
                catch (Exception e)
                {
                    // Whatever it is, it is the caller's to report: an exception left on this thread would end the process.
                    _failure = e;
                }
                finally
                {
                    _idle.Set();
                }
            }
        }
    }
}
