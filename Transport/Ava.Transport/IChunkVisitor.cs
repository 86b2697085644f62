namespace Ava.Transport;

/// <summary>
/// Works on a stream's bytes where they lie in a pipe's own memory, one chunk at a time, so that whoever consumes or
/// produces a large payload (a device driver's DMA, say) needs no staging copy of its own. See
/// <see cref="RecordPipe.VisitStream"/> and <see cref="RecordPipe.FillStream"/>.
/// </summary>
public unsafe interface IChunkVisitor
{
    /// <summary>
    /// One chunk: the stream's <paramref name="length"/> bytes from <paramref name="offset"/> on, at
    /// <paramref name="data"/>. The memory belongs to the pipe and is valid only until this returns: a reader's chunk
    /// is freed, a writer's published, right after.
    /// </summary>
    void Visit(byte* data, int length, long offset);
}
