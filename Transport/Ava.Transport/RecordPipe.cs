namespace Ava.Transport;

/// <summary>
/// One direction-agnostic carrier of records between a guest thread and its shadow thread: the shared-memory
/// ring (the fast path) or a byte stream (the Unix-socket fallback, and later TCP/VSOCK). Generated code and
/// the runtimes see only this contract; the producer side reserves, writes and publishes records, the
/// consumer side reads and releases them, and payloads larger than a record are streamed as chunks.
/// </summary>
public abstract unsafe class RecordPipe
{
    /// <summary>
    /// Run by a producer while it waits for room, so a side that waits for room can still consume what its peer
    /// sends the other way (otherwise both sides could wait on full rings forever).
    /// </summary>
    public Action? WhileBlocked { get; set; }

    /// <summary>Largest record that travels whole.</summary>
    public abstract int MaxRecordLength { get; }

    /// <summary>Reserves room for a record of up to <paramref name="length"/> bytes.</summary>
    public abstract Span<byte> Reserve(int length);

    /// <summary>Publishes the reserved record; <paramref name="wake"/> false lets async records batch.</summary>
    public abstract void Publish(int length, bool wake);

    /// <summary>Sends bytes after a record as chunk records.</summary>
    public abstract void WriteStream(byte* source, long length);

    /// <summary>Waits for and returns the next record.</summary>
    public abstract ReadOnlySpan<byte> Read();

    /// <summary>Returns the next record if one is there.</summary>
    public abstract bool TryRead(out ReadOnlySpan<byte> record);

    /// <summary>Frees the record returned by the last read.</summary>
    public abstract void Release();

    /// <summary>Reads streamed bytes into <paramref name="destination"/>.</summary>
    public abstract void ReadStream(byte* destination, long length);

    /// <summary>Discards streamed bytes.</summary>
    public abstract void SkipStream(long length);

    /// <summary>
    /// Reads <paramref name="length"/> streamed bytes in place: each chunk is handed to <paramref name="visitor"/> where
    /// it lies and freed when the visitor returns, so the producer can fill the next chunks meanwhile.
    /// </summary>
    public abstract void VisitStream(long length, IChunkVisitor visitor);

    /// <summary>
    /// Sends <paramref name="length"/> bytes as chunk records that <paramref name="visitor"/> fills in place, each
    /// published as soon as it is filled, so the consumer can take it while the next is being filled.
    /// </summary>
    public abstract void FillStream(long length, IChunkVisitor visitor);

    /// <summary>
    /// The memory every record and chunk of this pipe lies in, stable for the pipe's life (a ring's data area), for
    /// a side that prepares it once for direct access, such as pinning it for a device's DMA; empty where records pass
    /// through private buffers (byte streams).
    /// </summary>
    public virtual (nint Address, long Length) Memory => default;

    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> for a record; false on timeout.</summary>
    public abstract bool WaitForData(int timeoutMilliseconds);

    /// <summary>
    /// Position just after the last record published, readable from any thread; -1 where the consumer's progress
    /// is not visible to the producer (byte streams).
    /// </summary>
    public virtual long PublishedPosition => -1;

    /// <summary>Whether every published record has left this side (a byte stream may hold a batch back).</summary>
    public virtual bool AllSent => true;

    /// <summary>Whether the consumer is done with every record before <paramref name="position"/> (any thread).</summary>
    public virtual bool HasConsumed(long position) => true;

    /// <summary>Wakes a consumer that may be asleep with batched records unread (any thread).</summary>
    public virtual void WakeConsumer()
    {
    }
}
